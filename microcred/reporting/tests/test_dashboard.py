"""The dashboard's figures equal an independent count of the fixture data, against the targets;
charts are accessible SVG, each followed by its data table."""

import re
from collections import defaultdict

import pytest
from django.urls import reverse
from django.utils import timezone

from microcred.reporting.models import KpiStatus
from microcred.reporting.tests.conftest import figures, month
from microcred.reporting.tests.pages import breakdown, key_figures, months, table

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("reporting:dashboard")


def _page(client, user, **params) -> str:
    client.force_login(user)
    response = client.get(DASHBOARD, params)
    assert response.status_code == 200
    return response.content.decode()


def test_key_figures_equal_an_independent_count_of_the_data(client, platform_admin, kpi_data):
    page = _page(client, platform_admin)
    status = KpiStatus.objects.get()
    expected = figures(kpi_data, status.refreshed_at)
    assert key_figures(page) == expected
    # The fixture has what the funder asks about: revoked and stacked credentials included.
    assert expected["credentials_revoked"] == 2
    assert expected["course_credentials"] == 1
    assert expected["learners_certified"] < expected["learners_assessed"] < expected["enrolled"]


def test_staff_accounts_are_not_counted_as_learners(client, platform_admin, kpi_data, issuer):
    from microcred.reporting.services import refresh_kpis

    refresh_kpis()
    page = _page(client, platform_admin)
    assert key_figures(page)["enrolled"] == len(kpi_data) == 30


@pytest.mark.parametrize(("anchor", "attribute", "labels"), [
    ("partner", "partner", {"pl": "Fundacja Cyfrowa Szansa (PL)",
                            "ie": "Dublin Adult Learning Network (IE)"}),
    ("employment", "employment", {"employed": "Employed", "job_seeking": "Looking for a job",
                                  "other": "Other situation", "": "Not stated"}),
    ("skills", "skill", {"low": "Low (beginner)", "medium": "Medium (some experience)",
                         "high": "High (confident)", "": "Not stated"}),
    ("language", "language", {"en": "English", "pl": "Polish", "de": "German"}),
])
def test_each_breakdown_matches_the_data(client, platform_admin, kpi_data, anchor, attribute,
                                         labels):
    page = _page(client, platform_admin)
    now = KpiStatus.objects.get().refreshed_at
    table = breakdown(page, anchor)
    for value, label in labels.items():
        group = [m for m in kpi_data if getattr(m, attribute) == value]
        assert table[label] == figures(group, now), label
    assert sum(row["enrolled"] for row in table.values()) == len(kpi_data)


def test_the_cohort_breakdown_counts_a_learner_in_each_of_their_cohorts(
    client, platform_admin, kpi_data
):
    page = _page(client, platform_admin)
    now = KpiStatus.objects.get().refreshed_at
    table = breakdown(page, "cohort")
    for name in ("Launch 2026", "Kraków spring"):
        assert table[name] == figures([m for m in kpi_data if name in m.cohorts], now)
    assert any(len(m.cohorts) == 2 for m in kpi_data)


def test_figures_per_month_match_the_data(client, platform_admin, kpi_data):
    page = _page(client, platform_admin)
    table = months(page)
    expected: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for m in kpi_data:
        expected[month(m.joined)]["enrolled"] += 1
        for at in m.completed:
            expected[month(at)]["modules_completed"] += 1
        for at, passed in m.attempts:
            expected[month(at)]["assessments_taken"] += 1
            expected[month(at)]["assessments_passed"] += passed
        if m.attempts:
            expected[month(min(at for at, _passed in m.attempts))]["learners_assessed"] += 1
        for _code, at, revoked in m.credentials:
            expected[month(at)]["credentials_issued"] += 1
            if revoked:
                expected[month(revoked)]["credentials_revoked"] += 1
        valid = [at for _code, at, revoked in m.credentials if revoked is None]
        if valid:
            expected[month(min(valid))]["learners_certified"] += 1
    assert list(table) == sorted(table)
    assert set(expected) <= set(table)
    for key in ("enrolled", "modules_completed", "assessments_taken", "assessments_passed",
                "learners_assessed", "credentials_issued", "credentials_revoked",
                "learners_certified"):
        assert {label: row[key] for label, row in table.items()} == {
            label: expected[label][key] for label in table}, key
    last = table[max(table)]
    assert last["enrolled_so_far"] == len(kpi_data)
    assert last["certified_so_far"] == figures(kpi_data, timezone.now())["learners_certified"]


def test_progress_is_shown_against_the_targets_in_settings(
    client, platform_admin, kpi_data, settings
):
    settings.KPI_TARGETS = {"consortium": {"enrolled": 60, "learners_certified": 10},
                            "per_partner": {"enrolled": 25}}
    page = _page(client, platform_admin)
    certified = figures(kpi_data, timezone.now())["learners_certified"]
    assert "30 of 60 (50%)" in page
    assert f"{certified} of 10 ({round(100 * certified / 10)}%)" in page
    key = {row[0]: row[1:4] for row in _rows(page, "key-figures-caption")}
    assert key["Learners enrolled"] == ["30", "60", "50%"]
    assert key["Modules completed"][1:] == ["–", "–"]  # no target for this one
    ours = sum(1 for m in kpi_data if m.partner == "pl")
    assert f"{ours} of 25 ({round(100 * ours / 25)}%)" in page  # the per-partner chart


def test_the_default_targets_are_the_funders(client, platform_admin, kpi_data):
    page = _page(client, platform_admin)
    key = {row[0]: row[2] for row in _rows(page, "key-figures-caption")}
    assert key["Learners enrolled"] == "1400"
    assert key["Learners in the target group"] == "1400"
    assert key["Learners certified"] == "1050"
    assert "of 200 (" in page  # each partner against 200


def test_the_page_says_how_old_the_figures_are(client, platform_admin, kpi_data):
    page = _page(client, platform_admin)
    assert "Figures as of" in page
    assert 'action="/reporting/refresh/"' in page  # admins may refresh


def test_charts_are_accessible_svg_followed_by_their_data(client, platform_admin, kpi_data):
    page = _page(client, platform_admin)
    charts = re.findall(r"<svg[^>]*>.*?</svg>", page, re.S)
    assert len(charts) == 3  # targets, partners, month by month
    for chart in charts:
        labelled = re.search(r'role="img" aria-labelledby="([^"]+) ([^"]+)"', chart)
        assert labelled, chart[:200]
        assert f'<title id="{labelled[1]}">' in chart
        assert f'<desc id="{labelled[2]}">' in chart
        assert "<text" in chart  # figures as text, not colour alone
    assert "style=" not in page
    assert "<script" not in page
    assert page.index("targets-chart-title") < page.index('id="key-figures-caption"')
    assert page.index("month-chart-title") < page.index('id="month-table-caption"')
    assert page.index("partner-chart-title") < page.index('id="partner-caption"')
    assert '<th scope="col">' in page
    assert '<th scope="row">' in page


def test_numbers_in_charts_are_not_localised(client, platform_admin, kpi_data):
    client.cookies["django_language"] = "de"
    page = _page(client, platform_admin)
    for svg in re.findall(r"<svg[^>]*>.*?</svg>", page, re.S):
        assert not re.search(r'(x|y|width|height|d)="[^"]*,', svg)


def test_before_the_first_refresh_the_dashboard_says_so(client, platform_admin, db):
    page = _page(client, platform_admin)
    assert "The figures have not been calculated yet." in page
    assert key_figures(page)["enrolled"] == 0


def _rows(page: str, caption_id: str) -> list[list[str]]:
    return table(page, caption_id)[1:]
