import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from microcred.accounts.roles import Role
from microcred.accounts.services import assign_role
from microcred.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.REVIEWER, Role.ISSUER, Role.ADMIN])
def test_staff_without_an_authenticator_are_sent_to_set_one_up(client, partner, role):
    user = UserFactory(partner=partner)
    assign_role(user=user, role=role)
    client.force_login(user)
    response = client.get(reverse("accounts:home"))
    assert response.status_code == 302
    assert response.url == reverse("mfa_activate_totp")


def test_a_coordinator_without_mfa_cannot_open_the_learner_list(client, partner, learner):
    user = UserFactory(partner=partner)
    assign_role(user=user, role=Role.COORDINATOR)
    client.force_login(user)
    response = client.get(reverse("coordination:learner_list"))
    assert response.status_code == 302
    assert learner.email not in response.content.decode()


def test_staff_with_an_authenticator_can_work(client, coordinator):
    client.force_login(coordinator)
    assert client.get(reverse("coordination:learner_list")).status_code == 200


def test_learners_are_not_asked_for_mfa(client, learner):
    client.force_login(learner)
    assert client.get(reverse("accounts:home")).status_code == 200
    assert not Authenticator.objects.filter(user=learner).exists()


def test_the_mfa_setup_page_itself_stays_reachable(client, partner):
    user = UserFactory(partner=partner)
    assign_role(user=user, role=Role.ISSUER)
    client.post(
        reverse("account_login"), {"login": user.email, "password": "correct horse battery staple"}
    )
    response = client.get(reverse("accounts:home"))
    assert response.url == reverse("mfa_activate_totp")
    # allauth asks for the password again before changing security settings.
    response = client.get(response.url)
    assert response.url.startswith(reverse("account_reauthenticate"))
    response = client.post(response.url, {"password": "correct horse battery staple"}, follow=True)
    assert response.status_code == 200
    assert response.request["PATH_INFO"] == reverse("mfa_activate_totp")
    assert "authenticator" in response.content.decode().lower()


def test_staff_can_switch_language_before_setting_up_mfa(client, partner):
    user = UserFactory(partner=partner)
    assign_role(user=user, role=Role.REVIEWER)
    client.force_login(user)
    response = client.post(reverse("accounts:set_language"), {"language": "pl", "next": "/"})
    assert response.url == "/"
    user.refresh_from_db()
    assert user.preferred_language == "pl"
