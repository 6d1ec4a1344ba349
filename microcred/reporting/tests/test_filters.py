"""Filters narrow every figure; values that are not on offer are reported and ignored."""

import pytest
from django.urls import reverse

from microcred.reporting.models import KpiStatus
from microcred.reporting.tests.conftest import figures
from microcred.reporting.tests.pages import breakdown, key_figures, months
from microcred.review.models import Cohort

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("reporting:dashboard")


def _get(client, user, params):
    client.force_login(user)
    response = client.get(DASHBOARD, params)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(("params", "keep"), [
    ({"employment": "job_seeking"}, lambda m: m.employment == "job_seeking"),
    ({"employment": "none"}, lambda m: m.employment == ""),
    ({"skills": "low"}, lambda m: m.skill == "low"),
    ({"skills": "none"}, lambda m: m.skill == ""),
    ({"language": "pl"}, lambda m: m.language == "pl"),
    ({"employment": "employed", "skills": "medium"},
     lambda m: m.employment == "employed" and m.skill == "medium"),
    ({"language": "en", "skills": "low"}, lambda m: m.language == "en" and m.skill == "low"),
])
def test_filters_narrow_every_figure(client, platform_admin, kpi_data, params, keep):
    page = _get(client, platform_admin, params)
    now = KpiStatus.objects.get().refreshed_at
    assert key_figures(page) == figures([m for m in kpi_data if keep(m)], now)


def test_a_partner_filter_shows_that_partners_figures_against_its_own_targets(
    client, platform_admin, kpi_data, partner
):
    page = _get(client, platform_admin, {"partner": partner.pk})
    now = KpiStatus.objects.get().refreshed_at
    ours = [m for m in kpi_data if m.partner == "pl"]
    assert key_figures(page) == figures(ours, now)
    assert list(breakdown(page, "partner")) == ["Fundacja Cyfrowa Szansa (PL)"]
    assert f"{len(ours)} of 200 (" in page  # the per-partner target, not 1,400


@pytest.mark.parametrize("name", ["Launch 2026", "Kraków spring"])
def test_a_cohort_filter_counts_only_its_members(client, platform_admin, kpi_data, name):
    cohort = Cohort.objects.get(name=name)
    page = _get(client, platform_admin, {"cohort": cohort.pk, "language": "en"})
    now = KpiStatus.objects.get().refreshed_at
    members = [m for m in kpi_data if name in m.cohorts and m.language == "en"]
    assert key_figures(page) == figures(members, now)
    assert list(breakdown(page, "cohort")) == [name]
    assert sum(row["enrolled"] for row in months(page).values()) == len(members)


def test_targets_are_not_shown_for_a_narrower_selection(client, platform_admin, kpi_data):
    page = _get(client, platform_admin, {"employment": "employed"})
    assert "they are not shown for a narrower choice of learners" in page
    assert "of 1400" not in page
    assert "of 200" not in page
    assert "targets-chart" not in page


@pytest.mark.parametrize("params", [
    {"partner": "abc"}, {"partner": "99999"}, {"cohort": "1 OR 1=1"}, {"cohort": "-4"},
    {"employment": "astronaut"}, {"skills": "<script>"}, {"language": "xx"},
    {"partner": "1e3"}, {"employment": "\x00"},
])
def test_garbage_filter_values_are_reported_and_ignored(client, platform_admin, kpi_data,
                                                        params):
    page = _get(client, platform_admin, params)
    assert "Some choices were not understood and are ignored" in page
    assert key_figures(page)["enrolled"] == len(kpi_data)
    assert "<script>" not in page


def test_a_bad_value_does_not_drop_the_good_ones(client, platform_admin, kpi_data):
    page = _get(client, platform_admin, {"language": "pl", "cohort": "nonsense"})
    assert key_figures(page)["enrolled"] == sum(1 for m in kpi_data if m.language == "pl")
    assert "Select a valid choice" in page


def test_the_download_links_keep_the_selection(client, platform_admin, kpi_data):
    page = _get(client, platform_admin, {"language": "pl", "skills": "low"})
    assert 'href="/reporting/export.csv?language=pl&amp;skills=low"' in page
    assert 'href="/reporting/export.xlsx?language=pl&amp;skills=low"' in page
