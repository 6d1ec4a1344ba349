"""The staff access log in the admin: platform administrators read it, nobody edits it."""

from datetime import timedelta

import pytest
from django.test import RequestFactory
from django.urls import reverse

from microcred.accounts.audit import log_access
from microcred.accounts.models import AccountDeletion, DeletionReason, PersonalDataAccess
from microcred.accounts.roles import Role
from microcred.testing.fixtures import make_staff

pytestmark = pytest.mark.django_db

LOG = "admin:accounts_personaldataaccess"


def _looked(actor, learners, purpose="learner_detail") -> PersonalDataAccess:
    request = RequestFactory().get("/partner/learners/1/")
    request.user = actor
    log_access(request, learners=learners, purpose=purpose)
    return PersonalDataAccess.objects.latest("at")


def test_opening_a_user_in_the_admin_is_recorded(client, platform_admin, learner):
    client.force_login(platform_admin)
    response = client.get(reverse("admin:accounts_user_change", args=[learner.pk]))
    assert response.status_code == 200
    access = PersonalDataAccess.objects.get()
    assert (access.actor, access.learner_ids, access.purpose) == (
        platform_admin, [learner.pk], "admin_user")


def test_platform_admins_read_filter_and_search_the_log(client, platform_admin, coordinator,
                                                        learner, other_partner_learner):
    seen = _looked(coordinator, [learner])
    other = _looked(platform_admin, [other_partner_learner], purpose="export")
    client.force_login(platform_admin)

    page = client.get(reverse(f"{LOG}_changelist")).content.decode()
    assert coordinator.email in page
    assert "export" in page
    page = client.get(reverse(f"{LOG}_changelist"), {"actor__id__exact": coordinator.pk})
    assert list(page.context["cl"].result_list) == [seen]
    page = client.get(reverse(f"{LOG}_changelist"), {"q": platform_admin.email})
    assert list(page.context["cl"].result_list) == [other]
    page = client.get(reverse(f"{LOG}_changelist"), {"q": learner.email})
    assert list(page.context["cl"].result_list) == [seen]
    since = str(seen.at - timedelta(hours=1))  # what the date filter's links send
    page = client.get(reverse(f"{LOG}_changelist"), {"at__gte": since})
    assert page.status_code == 200
    assert len(page.context["cl"].result_list) == 2
    assert client.get(reverse(f"{LOG}_change", args=[seen.pk])).status_code == 200


def test_nobody_adds_changes_or_deletes_log_entries(client, platform_admin, coordinator, learner):
    seen = _looked(coordinator, [learner])
    client.force_login(platform_admin)
    assert client.get(reverse(f"{LOG}_add")).status_code == 403
    client.post(reverse(f"{LOG}_change", args=[seen.pk]), {"purpose": "nothing", "path": "/"})
    assert client.post(reverse(f"{LOG}_delete", args=[seen.pk]), {"post": "yes"}).status_code \
        == 403
    client.post(reverse(f"{LOG}_changelist"),
                {"action": "delete_selected", "_selected_action": [seen.pk], "post": "yes"})
    seen.refresh_from_db()
    assert seen.purpose == "learner_detail"
    page = client.get(reverse(f"{LOG}_change", args=[seen.pk])).content.decode()
    assert 'name="_save"' not in page


def test_only_platform_admins_see_the_log(client, partner, learner, coordinator):
    _looked(coordinator, [learner])
    admin_site_user = make_staff(Role.ISSUER, partner=partner, email="staff@example.org",
                                 is_staff=True)
    client.force_login(admin_site_user)
    assert client.get(reverse(f"{LOG}_changelist")).status_code == 403
    client.force_login(coordinator)
    assert client.get(reverse(f"{LOG}_changelist")).status_code == 302  # not an admin user


def test_deleted_accounts_are_listed_without_personal_data(client, platform_admin):
    AccountDeletion.objects.create(reason=DeletionReason.SELF, credentials_kept=2)
    client.force_login(platform_admin)
    page = client.get(reverse("admin:accounts_accountdeletion_changelist"))
    assert page.status_code == 200
    assert len(page.context["cl"].result_list) == 1
    assert client.get(reverse("admin:accounts_accountdeletion_add")).status_code == 403
