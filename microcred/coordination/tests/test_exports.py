"""The learner list as CSV or XLSX, with the page's filters."""

import io
from datetime import UTC, date, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from microcred.coordination.tests.conftest import complete_module, last_active
from microcred.review.models import Cohort, CohortMembership
from microcred.testing.factories import UserFactory

pytestmark = pytest.mark.django_db

EXPORT = reverse("coordination:learner_export")


def test_the_csv_has_one_row_per_learner_with_their_progress(
    client, coordinator, learner, course
):
    complete_module(learner, course[0])
    last_active(learner, days_ago=1)
    client.force_login(coordinator)
    response = client.get(EXPORT, {"format": "csv"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="learners-pl-')
    assert response["Cache-Control"] == "no-store"
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0] == ("Name,E-mail,Language,Cohort,Employment status,Joined,Last activity,"
                        "Modules completed,Tests passed,Credentials held")
    assert lines[1].startswith("Anna Nowak,anna@example.org,English,,")
    assert lines[1].endswith(",1,0,0")
    assert len(lines) == 2


def test_csv_times_are_iso_8601_with_the_offset_of_the_partners_time_zone(
    client, coordinator, partner
):
    # 4 March 2026 09:30:15.123456 UTC is 10:30:15 in Warsaw (the partner is Polish).
    UserFactory(partner=partner, email="jan@example.org",
                date_joined=datetime(2026, 3, 4, 9, 30, 15, 123456, tzinfo=UTC))
    client.force_login(coordinator)
    content = client.get(EXPORT, {"format": "csv"}).content.decode("utf-8-sig")
    row = next(line for line in content.splitlines() if "jan@example.org" in line)
    assert ",2026-03-04T10:30:15+01:00," in row
    assert ".123456" not in content


def test_the_xlsx_is_sized_filtered_frozen_and_has_cohort_and_language(
    client, coordinator, partner, learner
):
    cohort = Cohort.objects.create(name="Launch 2026 — evening group", partner=partner,
                                   starts_on=date(2026, 1, 1))
    CohortMembership.objects.create(cohort=cohort, learner=learner)
    learner.date_joined = datetime(2026, 3, 4, 9, 30, tzinfo=UTC)
    learner.save()
    client.force_login(coordinator)
    book = load_workbook(io.BytesIO(client.get(EXPORT, {"format": "xlsx"}).content))
    sheet = book.active
    headings = [cell.value for cell in sheet[1]]
    row = dict(zip(headings, [cell.value for cell in sheet[2]], strict=True))
    assert row["Cohort"] == "Launch 2026 — evening group"
    assert row["Language"] == "English"
    assert row["Joined"] == datetime(2026, 3, 4, 10, 30)  # Warsaw's wall clock
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:{get_column_letter(len(headings))}2"
    widths = {heading: sheet.column_dimensions[get_column_letter(index)].width
              for index, heading in enumerate(headings, start=1)}
    assert widths["Cohort"] >= len("Launch 2026 — evening group")
    assert widths["Tests passed"] >= len("Tests passed")
    assert widths["Cohort"] > widths["Tests passed"]


def test_the_export_follows_the_search_and_the_inactivity_filter(client, coordinator, partner):
    away = UserFactory(partner=partner, email="away@example.org")
    last_active(away, days_ago=40)
    here = UserFactory(partner=partner, email="here@example.org",
                       date_joined=timezone.now() - timedelta(days=50))
    last_active(here, days_ago=1)
    client.force_login(coordinator)
    content = client.get(EXPORT, {"inactive": 30}).content.decode("utf-8-sig")
    assert "away@example.org" in content
    assert "here@example.org" not in content
    content = client.get(EXPORT, {"q": "here"}).content.decode("utf-8-sig")
    assert "away@example.org" not in content


def test_the_xlsx_opens_in_a_spreadsheet_with_numbers_as_numbers(client, coordinator,
                                                                 learner):
    client.force_login(coordinator)
    response = client.get(EXPORT, {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Name"
    assert rows[1][:2] == ("Anna Nowak", "anna@example.org")
    assert rows[1][-3:] == (0, 0, 0)


def test_a_name_that_looks_like_a_formula_is_made_harmless(client, coordinator, partner):
    UserFactory(partner=partner, full_name="=HYPERLINK(\"http://evil\")")
    client.force_login(coordinator)
    content = client.get(EXPORT).content.decode("utf-8-sig")
    assert "'=HYPERLINK" in content


def test_an_unknown_format_falls_back_to_csv(client, coordinator, learner):
    client.force_login(coordinator)
    response = client.get(EXPORT, {"format": "pdf"})
    assert response["Content-Disposition"].endswith('.csv"')
