"""CSV and XLSX downloads of the KPI tables: the dashboard's figures, with its filters."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from microcred.reporting.models import KpiStatus
from microcred.reporting.tests.conftest import figures
from microcred.reporting.tests.pages import LABELS

pytestmark = pytest.mark.django_db

CSV = reverse("reporting:export", kwargs={"fmt": "csv"})
XLSX = reverse("reporting:export", kwargs={"fmt": "xlsx"})


def _csv_tables(content: bytes) -> dict[str, list[list[str]]]:
    """{title: rows}; the first table (no title line) is "About"."""
    tables: dict[str, list[list[str]]] = {}
    title, rows = "About", []
    for row in csv.reader(io.StringIO(content.decode("utf-8-sig"))):
        if not row:
            tables[title], title, rows = rows, "", []
        elif not title:
            title = row[0]
        else:
            rows.append(row)
    tables[title] = rows
    return tables


def test_the_csv_has_every_table_with_the_dashboards_figures(client, platform_admin, kpi_data):
    client.force_login(platform_admin)
    response = client.get(CSV)
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith('attachment; filename="kpis-')
    tables = _csv_tables(response.content)
    assert list(tables) == ["About", "Key figures", "By partner organisation",
                            "By work situation", "By digital skills (self-check)",
                            "By language", "By cohort", "By month"]
    expected = figures(kpi_data, KpiStatus.objects.get().refreshed_at)
    key = {LABELS[row[0]]: row[1:4] for row in tables["Key figures"][1:]}
    assert {name: int(values[0]) for name, values in key.items()} == expected
    assert key["enrolled"][1:] == ["1400", str(round(100 * 30 / 1400))]
    assert key["modules_completed"][1:] == ["", ""]  # no target
    partners = {row[0]: row[1] for row in tables["By partner organisation"][1:]}
    assert partners["Fundacja Cyfrowa Szansa (PL)"] == str(
        sum(1 for m in kpi_data if m.partner == "pl"))
    months = tables["By month"]
    assert months[0][:3] == ["Month", "Learners enrolled so far", "Learners certified so far"]
    assert months[-1][1] == "30"


def test_the_export_respects_the_filters(client, platform_admin, kpi_data):
    client.force_login(platform_admin)
    tables = _csv_tables(client.get(CSV, {"skills": "low", "language": "en"}).content)
    about = dict(tables["About"][1:])
    assert about["Digital skills (self-check)"] == "Low (beginner)"
    assert about["Language"] == "English"
    enrolled = next(row for row in tables["Key figures"] if row[0] == "Learners enrolled")
    assert enrolled[1] == str(sum(1 for m in kpi_data if m.skill == "low" and m.language == "en"))
    assert enrolled[2] == ""  # targets do not apply to a narrower selection


def test_the_xlsx_has_one_sheet_per_table_with_numbers(client, platform_admin, kpi_data):
    client.force_login(platform_admin)
    response = client.get(XLSX)
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["About", "Key figures", "By partner organisation",
                               "By work situation", "By digital skills (self-check)",
                               "By language", "By cohort", "By month"]
    sheet = book["Key figures"]
    assert [cell.value for cell in sheet[1]][:4] == ["Figure", "Count", "Target", "% of target"]
    assert sheet["A2"].value == "Learners enrolled"
    assert sheet["B2"].value == 30  # a number, not text
    assert sheet["C2"].value == 1400


def test_an_unknown_format_is_not_found(client, platform_admin):
    client.force_login(platform_admin)
    assert client.get("/reporting/export.pdf").status_code == 404
