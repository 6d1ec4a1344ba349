"""Tables as CSV or XLSX downloads, safe to open in a spreadsheet.

A cell that starts with = + - @ (or a tab / carriage return) is a formula to Excel and
LibreOffice; learner-typed names could smuggle one in, so such text is prefixed with a quote
(OWASP "CSV injection"). Numbers stay numbers.

Times are given in the table's time zone (the partner's, for a partner's list): in a CSV as
ISO 8601 with the offset and no fractions of a second (2026-03-04T10:15:00+01:00), which every
program reads the same way; in an XLSX as a date-and-time cell of that zone's wall clock, since
spreadsheets have no time zones. Sheets have the heading row frozen and filtered and columns
as wide as their content.
"""

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, tzinfo

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = ("csv", "xlsx")
XLSX_DATETIME = "yyyy-mm-dd hh:mm"
XLSX_DATE = "yyyy-mm-dd"
# Column widths in characters: wide enough for a heading or a date, never wider than a screen.
MIN_WIDTH, MAX_WIDTH = 8, 60

Cell = str | int | float | date | datetime | None


@dataclass(frozen=True)
class Table:
    """One sheet: a title, the column headings and the rows (already in the reader's language)."""

    title: str
    headings: Sequence[str]
    rows: Iterable[Sequence[Cell]]
    time_zone: tzinfo | None = None  # None: the current time zone, as the pages show times


def safe_cell(value: Cell, time_zone: tzinfo | None = None) -> Cell:
    """The cell for a spreadsheet: text that cannot run as a formula, times as the wall clock
    of `time_zone` without a zone (spreadsheets have none)."""
    if isinstance(value, datetime):
        return _local(value, time_zone).replace(tzinfo=None)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_cell(value: Cell, time_zone: tzinfo | None = None) -> Cell:
    """The cell for a CSV file: as `safe_cell`, but times in ISO 8601 with their offset."""
    if isinstance(value, datetime):
        return _local(value, time_zone).isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    return "" if value is None else safe_cell(value)


def _local(value: datetime, time_zone: tzinfo | None) -> datetime:
    if timezone.is_naive(value):
        value = timezone.make_aware(value, timezone.get_current_timezone())
    return timezone.localtime(value, time_zone)


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
            writer.writerow([csv_cell(cell, table.time_zone) for cell in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def xlsx_bytes(tables: Sequence[Table]) -> bytes:
    """One sheet per table: bold headings in a frozen row with filter buttons, columns sized
    to their content, times and dates as such. Write-only mode keeps no cell objects: the
    values are read once to size the columns (which must be set before the first row)."""
    book = Workbook(write_only=True)
    for table in tables:
        sheet = book.create_sheet(title=_sheet_title(table.title))
        rows = [[safe_cell(cell, table.time_zone) for cell in row] for row in table.rows]
        for index, width in enumerate(_widths(table.headings, rows), start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width
        sheet.freeze_panes = "A2"
        if table.headings:
            sheet.auto_filter.ref = (f"A1:{get_column_letter(len(table.headings))}"
                                     f"{len(rows) + 1}")
        sheet.append([_bold(sheet, heading) for heading in table.headings])
        for row in rows:
            sheet.append([_typed(sheet, cell) for cell in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _widths(headings: Sequence[str], rows: list[list[Cell]]) -> list[float]:
    """Characters per column: the longest heading or value (+2 for the filter button)."""
    widths = [len(heading) + 2 for heading in headings]
    for row in rows:
        for index, cell in enumerate(row[:len(widths)]):
            widths[index] = max(widths[index], _shown_length(cell))
    return [min(max(width, MIN_WIDTH), MAX_WIDTH) + 1 for width in widths]


def _shown_length(cell: Cell) -> int:
    if isinstance(cell, datetime):
        return len(XLSX_DATETIME)
    if isinstance(cell, date):
        return len(XLSX_DATE)
    return 0 if cell is None else len(str(cell))


def _typed(sheet: object, value: Cell) -> object:
    if not isinstance(value, date):
        return value
    cell = WriteOnlyCell(sheet, value=value)
    cell.number_format = XLSX_DATETIME if isinstance(value, datetime) else XLSX_DATE
    return cell


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
