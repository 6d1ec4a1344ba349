"""Coordinators create and manage their own organisation's pilot cohorts and read their
feedback; platform administrators manage all; nobody sees another partner's cohorts."""

from datetime import date

import pytest
from django.urls import reverse

from microcred.review.models import Cohort, CohortMembership, SurveyResponse
from microcred.testing.factories import UserFactory

pytestmark = pytest.mark.django_db

LIST = reverse("review:cohorts")
CREATE = reverse("review:cohort_create")
NEW = {"name": "Pilot Kraków", "is_pilot": "on", "starts_on": "2026-03-01", "ends_on": ""}


def _cohort(partner, name):
    return Cohort.objects.create(name=name, partner=partner, starts_on=date(2026, 1, 1))


def _url(name, cohort, *args):
    return reverse(f"review:{name}", args=[cohort.pk, *args])


def test_a_coordinator_creates_a_cohort_for_their_own_organisation(
    client, coordinator, partner, other_partner
):
    client.force_login(coordinator)
    response = client.post(CREATE, {**NEW, "partner": other_partner.pk})
    cohort = Cohort.objects.get()
    assert response.url == _url("cohort", cohort)
    assert (cohort.partner, cohort.is_pilot, cohort.starts_on) == (partner, True, date(2026, 3, 1))
    assert "Pilot Kraków" in client.get(LIST).content.decode()


def test_bad_dates_and_a_taken_name_are_refused_with_a_message(client, coordinator, other_partner):
    _cohort(other_partner, "Pilot Dublin")
    client.force_login(coordinator)
    response = client.post(CREATE, {**NEW, "ends_on": "2026-02-01"})
    assert response.status_code == 400
    assert "A cohort cannot end before it starts." in response.content.decode()
    response = client.post(CREATE, {**NEW, "name": "pilot dublin"})
    assert "There is already a cohort with this name." in response.content.decode()
    assert client.post(CREATE, {**NEW, "starts_on": "1 March"}).status_code == 400
    assert Cohort.objects.count() == 1


def test_a_coordinator_adds_their_learners_by_address_all_or_nothing(
    client, coordinator, partner, learner, other_partner_learner
):
    cohort = _cohort(partner, "Pilot Kraków")
    colleague = UserFactory(partner=partner, email="jan@example.org")
    client.force_login(coordinator)
    add = _url("cohort_add_members", cohort)
    response = client.post(add, {"emails": f"{learner.email}\n{other_partner_learner.email}"})
    assert response.status_code == 400
    assert "Nobody was added" in response.content.decode()
    assert other_partner_learner.email in response.content.decode()
    assert cohort.memberships.count() == 0
    client.post(add, {"emails": f"{learner.email}, JAN@example.org"})
    assert set(cohort.members.all()) == {learner, colleague}
    page = client.get(_url("cohort", cohort)).content.decode()
    assert "Anna Nowak" in page


def test_the_cohort_page_counts_feedback_and_links_to_the_filtered_report(
    client, coordinator, partner, learner
):
    cohort = _cohort(partner, "Pilot Kraków")
    CohortMembership.objects.create(cohort=cohort, learner=learner)
    SurveyResponse.objects.create(learner=learner, module=None, language="pl")
    client.force_login(coordinator)
    page = client.get(_url("cohort", cohort)).content.decode()
    assert "1 of 1 learner gave feedback." in page
    assert f"/review/pilot/?cohort={cohort.pk}" in page
    report = client.get(reverse("review:pilot_report"), {"cohort": cohort.pk}).content.decode()
    assert "1 response in all" in report


def test_removing_a_member_keeps_their_feedback(client, coordinator, partner, learner):
    cohort = _cohort(partner, "Pilot Kraków")
    CohortMembership.objects.create(cohort=cohort, learner=learner)
    SurveyResponse.objects.create(learner=learner, module=None, language="pl")
    client.force_login(coordinator)
    client.post(_url("cohort_remove_member", cohort, learner.pk))
    assert cohort.memberships.count() == 0
    assert SurveyResponse.objects.count() == 1


def test_only_an_empty_cohort_can_be_deleted(client, coordinator, partner, learner):
    cohort = _cohort(partner, "Pilot Kraków")
    CohortMembership.objects.create(cohort=cohort, learner=learner)
    client.force_login(coordinator)
    client.post(_url("cohort_delete", cohort))
    assert Cohort.objects.filter(pk=cohort.pk).exists()
    client.post(_url("cohort_remove_member", cohort, learner.pk))
    client.post(_url("cohort_delete", cohort))
    assert not Cohort.objects.filter(pk=cohort.pk).exists()


def test_a_coordinator_never_sees_or_changes_another_partners_cohort(
    client, coordinator, partner, other_partner, other_partner_learner, learner
):
    theirs = _cohort(other_partner, "Pilot Dublin")
    CohortMembership.objects.create(cohort=theirs, learner=other_partner_learner)
    client.force_login(coordinator)
    assert "Pilot Dublin" not in client.get(LIST).content.decode()
    assert "Pilot Dublin" not in client.get(reverse("review:pilot_report")).content.decode()
    for name, method in [
        ("cohort", "get"),
        ("cohort_edit", "get"),
        ("cohort_edit", "post"),
        ("cohort_add_members", "post"),
        ("cohort_delete", "post"),
    ]:
        response = getattr(client, method)(_url(name, theirs), {**NEW, "emails": learner.email})
        assert response.status_code == 404, name
    response = client.post(_url("cohort_remove_member", theirs, other_partner_learner.pk))
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.name == "Pilot Dublin"
    assert list(theirs.members.all()) == [other_partner_learner]
    report = client.get(reverse("review:pilot_report"), {"cohort": theirs.pk})
    assert "Select a valid choice" in report.content.decode()
    assert client.get(reverse("review:pilot_export"), {"cohort": theirs.pk}).status_code == 400


def test_in_a_shared_cohort_a_coordinator_sees_and_adds_only_their_own_learners(
    client, coordinator, learner, other_partner_learner
):
    shared = _cohort(None, "Launch 2026")
    CohortMembership.objects.create(cohort=shared, learner=other_partner_learner)
    client.force_login(coordinator)
    page = client.get(_url("cohort", shared)).content.decode()
    assert other_partner_learner.email not in page
    assert "Change the name or dates" not in page
    client.post(_url("cohort_add_members", shared), {"emails": learner.email})
    assert set(shared.members.all()) == {learner, other_partner_learner}
    response = client.post(_url("cohort_edit", shared), {**NEW, "name": "Renamed"})
    assert response.status_code == 302
    shared.refresh_from_db()
    assert shared.name == "Launch 2026"


def test_an_administrator_manages_every_cohort(client, platform_admin, other_partner):
    theirs = _cohort(other_partner, "Pilot Dublin")
    client.force_login(platform_admin)
    assert "Pilot Dublin" in client.get(LIST).content.decode()
    client.post(
        _url("cohort_edit", theirs), {**NEW, "name": "Pilot Dublin 2", "partner": other_partner.pk}
    )
    theirs.refresh_from_db()
    assert theirs.name == "Pilot Dublin 2"
    client.post(CREATE, {**NEW, "name": "Launch", "partner": ""})
    assert Cohort.objects.get(name="Launch").partner is None


@pytest.mark.parametrize("persona", ["learner", "issuer", "reviewer"])
def test_learners_issuers_and_reviewers_do_not_manage_cohorts(client, request, persona, partner):
    cohort = _cohort(partner, "Pilot Kraków")
    client.force_login(request.getfixturevalue(persona))
    assert client.get(LIST).status_code == 403
    assert client.post(CREATE, NEW).status_code == 403
    assert client.post(_url("cohort_delete", cohort)).status_code == 403
    assert Cohort.objects.count() == 1
