"""A coordinator sees, changes, exports, reminds and enrols only their own organisation's
learners; platform admins all of them; nobody else any of them."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from microcred.accounts.models import User
from microcred.coordination.models import CoordinatorReminder
from microcred.coordination.tests.conftest import last_active

pytestmark = pytest.mark.django_db

LEARNER_PAGES = ["coordination:learner_detail", "coordination:learner_edit",
                 "assessment:learner_attempts"]
LIST_PAGES = ["coordination:learner_list", "coordination:learner_export",
              "coordination:import_learners", "coordination:import_template"]


@pytest.mark.parametrize("url_name", LEARNER_PAGES)
def test_a_coordinator_opens_their_own_learner(client, coordinator, learner, url_name):
    client.force_login(coordinator)
    response = client.get(reverse(url_name, kwargs={"learner_id": learner.pk}))
    assert response.status_code == 200
    assert learner.full_name in response.content.decode()


@pytest.mark.parametrize("url_name", LEARNER_PAGES)
def test_another_partners_coordinator_gets_not_found(
    client, other_partner_coordinator, learner, url_name
):
    client.force_login(other_partner_coordinator)
    response = client.get(reverse(url_name, kwargs={"learner_id": learner.pk}))
    assert response.status_code == 404
    assert learner.email not in response.content.decode()


def test_another_partners_coordinator_cannot_change_a_learner(
    client, other_partner_coordinator, learner
):
    client.force_login(other_partner_coordinator)
    response = client.post(
        reverse("coordination:learner_edit", kwargs={"learner_id": learner.pk}),
        {"full_name": "Hacked", "preferred_language": "en", "is_active": ""},
    )
    assert response.status_code == 404
    learner.refresh_from_db()
    assert learner.full_name == "Anna Nowak"
    assert learner.is_active


def test_a_coordinator_pauses_their_learners_account(client, coordinator, learner):
    client.force_login(coordinator)
    response = client.post(
        reverse("coordination:learner_edit", kwargs={"learner_id": learner.pk}),
        {"full_name": "Anna Nowak-Kowalska", "preferred_language": "pl", "is_active": ""},
    )
    assert response.url == reverse("coordination:learner_detail",
                                   kwargs={"learner_id": learner.pk})
    learner.refresh_from_db()
    assert learner.full_name == "Anna Nowak-Kowalska"
    assert not learner.is_active


@pytest.mark.parametrize("params", [{}, {"q": "sean"}, {"q": "example.org"}, {"inactive": 7}])
def test_the_list_and_search_never_show_another_organisation(
    client, coordinator, learner, other_partner_learner, params
):
    last_active(other_partner_learner, days_ago=60)
    client.force_login(coordinator)
    page = client.get(reverse("coordination:learner_list"), params).content.decode()
    assert other_partner_learner.email not in page
    assert "Sean" not in page
    assert coordinator.email not in page.split("<main", 1)[1]  # staff are not learners


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_export_never_contains_another_organisation(
    client, coordinator, learner, other_partner_learner, fmt
):
    client.force_login(coordinator)
    response = client.get(reverse("coordination:learner_export"), {"format": fmt})
    assert response.status_code == 200
    content = _export_text(response, fmt)
    assert learner.email in content
    assert other_partner_learner.email not in content
    assert coordinator.email not in content


def _export_text(response, fmt: str) -> str:
    if fmt == "csv":
        return response.content.decode("utf-8-sig")
    import io

    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(response.content), read_only=True).active
    return "\n".join(",".join(str(cell) for cell in row if cell is not None)
                     for row in sheet.iter_rows(values_only=True))


def test_a_platform_admin_sees_learners_of_every_organisation(
    client, platform_admin, learner, other_partner_learner
):
    client.force_login(platform_admin)
    page = client.get(reverse("coordination:learner_list")).content.decode()
    assert learner.email in page
    assert other_partner_learner.email in page
    assert "Dublin Adult Learning Network" in page  # the organisation column
    export = client.get(reverse("coordination:learner_export")).content.decode("utf-8-sig")
    assert other_partner_learner.email in export


def test_a_coordinator_cannot_remind_another_organisations_learner(
    client, coordinator, learner, other_partner_learner, immediate_tasks
):
    last_active(learner, days_ago=30)
    last_active(other_partner_learner, days_ago=30)
    client.force_login(coordinator)
    response = client.post(reverse("coordination:remind_learners"), {
        "select": "chosen", "learner": [learner.pk, other_partner_learner.pk]}, follow=True)
    assert "Nothing was sent." in response.content.decode()
    assert mail.outbox == []
    assert not CoordinatorReminder.objects.exists()


def test_a_coordinator_cannot_enrol_into_another_organisation_by_posting_it(
    client, coordinator, other_partner
):
    client.force_login(coordinator)
    client.post(reverse("coordination:import_learners"), {
        "file": SimpleUploadedFile("l.csv", b"email,name\nnew@example.org,New\n"),
        "partner": other_partner.pk})
    assert User.objects.get(email="new@example.org").partner == coordinator.partner


def test_enrolling_an_account_of_another_organisation_is_refused(
    client, coordinator, other_partner_learner
):
    client.force_login(coordinator)
    client.post(reverse("coordination:import_learners"), {
        "file": SimpleUploadedFile("l.csv", b"email,name\nsean@example.org,Sean\n")})
    other_partner_learner.refresh_from_db()
    assert other_partner_learner.partner.slug == "ie"
    assert other_partner_learner.full_name == "Sean Murphy"


@pytest.mark.parametrize("persona", ["learner", "reviewer", "issuer"])
@pytest.mark.parametrize("url_name", LIST_PAGES + LEARNER_PAGES)
def test_people_without_the_coordinator_role_are_refused(
    client, request, learner, persona, url_name
):
    client.force_login(request.getfixturevalue(persona))
    kwargs = {"learner_id": learner.pk} if url_name in LEARNER_PAGES else {}
    assert client.get(reverse(url_name, kwargs=kwargs)).status_code == 403


@pytest.mark.parametrize("persona", ["learner", "reviewer", "issuer"])
def test_people_without_the_coordinator_role_cannot_remind(client, request, learner, persona):
    last_active(learner, days_ago=30)
    client.force_login(request.getfixturevalue(persona))
    response = client.post(reverse("coordination:remind_learners"),
                           {"select": "chosen", "learner": [learner.pk]})
    assert response.status_code == 403
    assert not CoordinatorReminder.objects.exists()


def test_anonymous_visitors_are_sent_to_log_in(client, learner):
    response = client.get(reverse("coordination:learner_detail",
                                  kwargs={"learner_id": learner.pk}))
    assert response.status_code == 302
    assert "/accounts/login/" in response.url


def test_a_coordinator_of_no_organisation_cannot_enrol_anyone(client, partner):
    from microcred.accounts.roles import Role
    from microcred.testing.fixtures import make_staff

    client.force_login(make_staff(Role.COORDINATOR, partner=None, email="lost@example.org"))
    assert client.get(reverse("coordination:import_learners")).status_code == 403
    assert "No learners yet." in client.get(reverse("coordination:learner_list")
                                            ).content.decode()
