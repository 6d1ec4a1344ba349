"""Tables as CSV or XLSX downloads, safe to open in a spreadsheet.

A cell that starts with = + - @ (or a tab / carriage return) is a formula to Excel and
LibreOffice; learner-typed names could smuggle one in, so such text is prefixed with a quote
(OWASP "CSV injection"). Numbers stay numbers.
"""

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = ("csv", "xlsx")

Cell = str | int | float | date | datetime | None


@dataclass(frozen=True)
class Table:
    """One sheet: a title, the column headings and the rows (already in the reader's language)."""

    title: str
    headings: Sequence[str]
    rows: Iterable[Sequence[Cell]]


def safe_cell(value: Cell) -> Cell:
    if isinstance(value, datetime):
        # Spreadsheets have no time zones: write local time, as the page shows it.
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) \
            else value
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_bytes(tables: Sequence[Table]) -> bytes:
    """UTF-8 with a byte-order mark so Excel reads Polish and Greek letters right; tables
    after the first follow a blank line and their title."""
    out = io.StringIO()
    writer = csv.writer(out)
    for number, table in enumerate(tables):
        if number:
            writer.writerow([])
            writer.writerow([table.title])
        writer.writerow(table.headings)
        for row in table.rows:
            writer.writerow(["" if cell is None else safe_cell(cell) for cell in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def xlsx_bytes(tables: Sequence[Table]) -> bytes:
    """One sheet per table, bold headings, frozen heading row. Write-only mode streams rows,
    so a partner's whole learner list does not sit in memory as cell objects."""
    book = Workbook(write_only=True)
    for table in tables:
        sheet = book.create_sheet(title=_sheet_title(table.title))
        sheet.freeze_panes = "A2"
        sheet.append([_bold(sheet, heading) for heading in table.headings])
        for row in table.rows:
            sheet.append([safe_cell(cell) for cell in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def download(tables: Sequence[Table], *, fmt: str, filename: str) -> HttpResponse:
    """The tables as an attachment named `filename`.csv or .xlsx (fmt must be in FORMATS)."""
    if fmt == "xlsx":
        response = HttpResponse(xlsx_bytes(tables), content_type=XLSX_TYPE)
    else:
        response = HttpResponse(csv_bytes(tables), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    response["Cache-Control"] = "no-store"  # personal data: never kept by a shared cache
    return response


def _sheet_title(title: str) -> str:
    # Excel allows 31 characters and none of []:*?/\ in a sheet name.
    cleaned = "".join(" " if char in "[]:*?/\\" else char for char in title).strip()
    return (cleaned or "Sheet")[:31]


def _bold(sheet: object, heading: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=heading)
    cell.font = Font(bold=True)
    return cell
