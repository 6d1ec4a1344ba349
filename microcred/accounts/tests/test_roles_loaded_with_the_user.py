"""The logged-in user and their roles are read together, and never outlive a change."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth.models import Group
from django.urls import reverse

from microcred.accounts.models import User
from microcred.accounts.roles import Role
from microcred.accounts.services import assign_role
from microcred.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_user_loaded_by_id_carries_every_role_of_their_groups(partner):
    user = UserFactory(partner=partner)
    assign_role(user=user, role=Role.COORDINATOR)
    assign_role(user=user, role=Role.REVIEWER)
    user.groups.add(Group.objects.create(name="newsletter editors"))  # a group that is no role

    loaded = User.objects.get(pk=user.pk)

    assert loaded == user
    assert loaded.email == user.email
    assert loaded.roles == {Role.COORDINATOR, Role.REVIEWER}
    assert User.objects.get(pk=UserFactory().pk).roles == frozenset()


def test_a_superuser_is_an_admin_and_a_missing_user_is_missing(partner):
    admin = UserFactory(partner=partner, is_superuser=True)
    assert User.objects.get(pk=admin.pk).roles == {Role.ADMIN}
    with pytest.raises(User.DoesNotExist):
        User.objects.get(pk=admin.pk + 1000)


def test_the_menu_follows_a_role_taken_away_at_the_next_request(client, partner):
    coordinator = UserFactory(partner=partner)
    assign_role(user=coordinator, role=Role.COORDINATOR)
    TOTP.activate(coordinator, generate_totp_secret())
    client.force_login(coordinator)
    assert reverse("reporting:dashboard") in client.get(reverse("accounts:home")).content.decode()

    coordinator.groups.clear()

    page = client.get(reverse("accounts:home")).content.decode()
    assert reverse("reporting:dashboard") not in page
    assert reverse("learning:home") in page  # a learner now: their own learning in the menu
