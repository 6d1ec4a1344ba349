import csv
import io
from datetime import UTC, datetime

from openpyxl import load_workbook

from microcred.reporting.exports import Table, csv_bytes, download, xlsx_bytes


def tables() -> list[Table]:
    return [
        Table("Learners", ["Name", "Modules"], [["Zoë Łukasiewicz", 3], ["=HYPERLINK(1)", 0]]),
        Table("By country: PL/GR", ["Country", "Learners"], [["Ελλάδα", 2], [None, 1]]),
    ]


def test_csv_keeps_letters_and_disarms_formulas() -> None:
    text = csv_bytes(tables()).decode("utf-8")
    assert text.startswith("\ufeff")  # Excel needs the BOM to read UTF-8
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0] == ["Name", "Modules"]
    assert rows[1] == ["Zoë Łukasiewicz", "3"]
    assert rows[2][0] == "'=HYPERLINK(1)"
    assert rows[4] == ["By country: PL/GR"]
    assert rows[6] == ["Ελλάδα", "2"]


def test_xlsx_has_one_sheet_per_table_with_typed_cells() -> None:
    book = load_workbook(io.BytesIO(xlsx_bytes(tables())))
    assert book.sheetnames == ["Learners", "By country  PL GR"]
    learners = book["Learners"]
    assert [c.value for c in learners[1]] == ["Name", "Modules"]
    assert learners["B2"].value == 3
    assert learners["A3"].value == "'=HYPERLINK(1)"
    assert learners["A1"].font.bold


def test_datetimes_are_written_in_local_time_without_zone() -> None:
    table = Table("T", ["When"], [[datetime(2026, 6, 1, 10, 0, tzinfo=UTC)]])
    sheet = load_workbook(io.BytesIO(xlsx_bytes([table])))["T"]
    assert sheet["A2"].value == datetime(2026, 6, 1, 12, 0)  # Europe/Brussels, summer time


def test_download_is_an_uncached_attachment() -> None:
    response = download(tables(), fmt="xlsx", filename="kpi")
    assert response["Content-Disposition"] == 'attachment; filename="kpi.xlsx"'
    assert response["Cache-Control"] == "no-store"
    assert download(tables(), fmt="csv", filename="kpi")["Content-Type"].startswith("text/csv")
