"""The learner list as CSV or XLSX, with the page's filters."""

import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from microcred.coordination.tests.conftest import complete_module, last_active
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
    assert lines[0] == ("Name,E-mail,Language,Employment status,Joined,Last activity,"
                        "Modules completed,Tests passed,Credentials held")
    assert lines[1].startswith("Anna Nowak,anna@example.org,English,,")
    assert lines[1].endswith(",1,0,0")
    assert len(lines) == 2


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
