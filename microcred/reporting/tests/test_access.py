"""Who sees which figures: admins everything, a coordinator their own partner's learners only
(page and exports), everyone else nothing."""

import csv
import io

import pytest
from django.urls import reverse

from microcred.reporting.models import KpiStatus
from microcred.reporting.tests.conftest import figures
from microcred.reporting.tests.pages import breakdown, key_figures
from microcred.review.models import Cohort

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("reporting:dashboard")
CSV = reverse("reporting:export", kwargs={"fmt": "csv"})
XLSX = reverse("reporting:export", kwargs={"fmt": "xlsx"})
REFRESH = reverse("reporting:refresh")


def test_a_coordinator_sees_only_their_own_partners_figures(
    client, coordinator, kpi_data, other_partner
):
    client.force_login(coordinator)
    page = client.get(DASHBOARD).content.decode()
    now = KpiStatus.objects.get().refreshed_at
    ours = [m for m in kpi_data if m.partner == "pl"]
    assert key_figures(page) == figures(ours, now)
    assert "Figures for the learners of Fundacja Cyfrowa Szansa (PL)." in page
    assert other_partner.name not in page
    assert list(breakdown(page, "partner")) == ["Fundacja Cyfrowa Szansa (PL)"]
    # The shared cohort shows only this partner's members in it.
    cohorts = breakdown(page, "cohort")
    assert cohorts["Launch 2026"] == figures(
        [m for m in ours if "Launch 2026" in m.cohorts], now)
    assert 'name="partner"' not in page  # nothing to choose
    assert "Refresh now" not in page  # admins only
    assert f"{len(ours)} of 200 (" in page  # their partner's target


def test_the_other_partners_coordinator_sees_the_other_figures(
    client, other_partner_coordinator, kpi_data, partner
):
    client.force_login(other_partner_coordinator)
    page = client.get(DASHBOARD).content.decode()
    now = KpiStatus.objects.get().refreshed_at
    theirs = [m for m in kpi_data if m.partner == "ie"]
    assert key_figures(page) == figures(theirs, now)
    assert partner.name not in page
    assert "Kraków spring" not in page  # another partner's cohort


def test_a_coordinator_cannot_choose_another_partner_or_its_cohort(
    client, other_partner_coordinator, kpi_data, partner
):
    client.force_login(other_partner_coordinator)
    polish = Cohort.objects.get(name="Kraków spring")
    page = client.get(DASHBOARD, {"partner": partner.pk, "cohort": polish.pk}).content.decode()
    theirs = [m for m in kpi_data if m.partner == "ie"]
    assert key_figures(page)["enrolled"] == len(theirs)
    assert "Select a valid choice" in page


def test_a_coordinators_export_has_only_their_partners_figures(
    client, coordinator, kpi_data, other_partner
):
    client.force_login(coordinator)
    text = client.get(CSV).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    now = KpiStatus.objects.get().refreshed_at
    ours = figures([m for m in kpi_data if m.partner == "pl"], now)
    enrolled = next(row for row in rows if row and row[0] == "Learners enrolled")
    assert enrolled[1] == str(ours["enrolled"])
    assert other_partner.name not in text
    assert "Kraków spring" in text
    xlsx = client.get(XLSX, {"partner": other_partner.pk})
    assert xlsx.status_code == 200
    assert other_partner.name.encode() not in xlsx.content


@pytest.mark.parametrize("persona", ["learner", "reviewer", "issuer", "other_partner_learner"])
def test_learners_reviewers_and_issuers_get_403(client, request, persona, kpi_data):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(DASHBOARD).status_code == 403
    assert client.get(CSV).status_code == 403
    assert client.get(XLSX).status_code == 403
    assert client.post(REFRESH).status_code == 403


def test_a_coordinator_without_an_organisation_gets_403(client, coordinator):
    coordinator.partner = None
    coordinator.save()
    client.force_login(coordinator)
    assert client.get(DASHBOARD).status_code == 403


def test_a_coordinator_cannot_press_refresh(client, coordinator):
    client.force_login(coordinator)
    assert client.post(REFRESH).status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(client, db):
    for url in (DASHBOARD, CSV):
        assert "/accounts/login/" in client.get(url).url


def test_staff_without_two_step_verification_are_sent_to_set_it_up(client, coordinator):
    coordinator.authenticator_set.all().delete()
    client.force_login(coordinator)
    response = client.get(DASHBOARD)
    assert response.status_code == 302
    assert "/totp/" in response.url
