"""Reading a coordinator's list of learners (a CSV file) and checking every line of it.

Pure: no database and no models, so every rule here is tested on plain bytes. What needs the
database (does the account exist already? is there such a cohort?) is checked afterwards by
`services.check_import`, which adds its errors to the ones found here.

Spreadsheets write CSV in many ways. Accepted: UTF-8 with or without a byte-order mark (also
UTF-16 with a mark, Excel's "Unicode text"); commas, semicolons (Excel in Poland, Germany,
Spain, Italy and Portugal) or tabs between columns, found from the first line; Excel's optional
"sep=;" first line; column names in any case, in English or in the coordinator's language.
Line numbers are the ones a spreadsheet shows: the column names are on line 1.
"""

import csv
import io
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

MAX_BYTES = 1024 * 1024
MAX_ROWS = 1000
NAME_MAX_LENGTH = 200
EMAIL_MAX_LENGTH = 254
COHORT_MAX_LENGTH = 100

EMAIL, FULL_NAME, LANGUAGE, EMPLOYMENT, COHORT = (
    "email", "full_name", "language", "employment_status", "cohort")
FIRST_NAME, LAST_NAME = "first_name", "last_name"  # put together when there is no full name
COLUMNS = (EMAIL, FULL_NAME, LANGUAGE, EMPLOYMENT, COHORT)
REQUIRED_COLUMNS = (EMAIL, FULL_NAME)
TEMPLATE_HEADINGS = ("e-mail", "full name", "language", "employment status", "cohort")

# Column names as people write them; compared after lower-casing and trimming.
HEADER_ALIASES: Mapping[str, str] = {
    "e-mail": EMAIL, "email": EMAIL, "e-mail address": EMAIL, "email address": EMAIL,
    "mail": EMAIL,
    "full name": FULL_NAME, "full_name": FULL_NAME, "fullname": FULL_NAME, "name": FULL_NAME,
    "language": LANGUAGE, "lang": LANGUAGE, "preferred language": LANGUAGE,
    "employment status": EMPLOYMENT, "employment_status": EMPLOYMENT,
    "employment": EMPLOYMENT, "work situation": EMPLOYMENT,
    "cohort": COHORT, "group": COHORT,
    "first name": FIRST_NAME, "first_name": FIRST_NAME, "given name": FIRST_NAME,
    "last name": LAST_NAME, "last_name": LAST_NAME, "surname": LAST_NAME,
    "family name": LAST_NAME,
}
DELIMITERS = (";", ",", "\t")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


@dataclass(frozen=True)
class Vocabulary:
    """The values a file may use, each mapped from a lower-cased spelling to the stored code."""

    languages: Mapping[str, str]
    employment_statuses: Mapping[str, str]
    headers: Mapping[str, str] = field(default_factory=dict)  # more names for the columns


@dataclass(frozen=True)
class LearnerRow:
    line: int
    email: str  # lower-cased
    full_name: str
    language: str  # a language code, or "" for the partner's default
    employment_status: str  # a code, or ""
    cohort: str  # as written, or ""


@dataclass(frozen=True)
class RowError:
    line: int | None  # None: a problem with the whole file
    message: str

    def __str__(self) -> str:
        if self.line is None:
            return self.message
        return _("Line %(line)d: %(problem)s") % {"line": self.line, "problem": self.message}


@dataclass(frozen=True)
class ParsedFile:
    rows: list[LearnerRow]
    errors: list[RowError]
    # Lines with errors, as far as they could be read: the database checks run on them too,
    # so the coordinator hears of every problem of a line at once, not on the next upload.
    flagged: list[LearnerRow] = field(default_factory=list)


def decode(data: bytes) -> str:
    """The file's text; ValueError with a message for people when it is not UTF-8."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    else:
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError:
            pass
    raise ValueError(_(
        "The file is not saved as UTF-8, so letters like ł, ü or ñ would be wrong. In Excel "
        "choose “Save as” and the type “CSV UTF-8 (comma delimited)”, then try again."))


def parse_learners(data: bytes, *, vocabulary: Vocabulary, max_rows: int = MAX_ROWS
                   ) -> ParsedFile:
    """Every row of the file, and every problem found in it (nothing stops at the first)."""
    if len(data) > MAX_BYTES:
        return _file_error(_("The file is too large (1 MB at most). Please split it."))
    try:
        text = decode(data)
    except ValueError as error:
        return _file_error(str(error))
    # Split as the csv module does (\n, \r\n or \r), so line numbers agree with it.
    lines = io.StringIO(text, newline="").readlines()
    skipped = 0
    delimiter = None
    if lines and re.fullmatch(r"sep=.", lines[0].strip(), flags=re.IGNORECASE):
        delimiter = lines[0].strip()[4]
        lines, skipped = lines[1:], 1
    while lines and not lines[0].strip():
        lines, skipped = lines[1:], skipped + 1
    if not lines:
        return _file_error(_("The file is empty."))
    reader = csv.reader(io.StringIO("".join(lines), newline=""),
                        delimiter=delimiter or _delimiter(lines[0]))
    try:
        header = next(reader)
        columns, errors = _columns(header, vocabulary)
        if errors:
            return ParsedFile(rows=[], errors=errors)
        records: list[tuple[int, list[str]]] = []
        start = reader.line_num + 1
        for record in reader:
            records.append((start + skipped, record))
            start = reader.line_num + 1
    except csv.Error:
        return _file_error(_("The file cannot be read as a CSV file. Please save it again "
                             "from your spreadsheet as “CSV UTF-8”."))
    return _rows(records, columns, len(header), vocabulary, max_rows)


def _file_error(message: str) -> ParsedFile:
    return ParsedFile(rows=[], errors=[RowError(None, message)])


def _delimiter(header: str) -> str:
    counts = {delimiter: header.count(delimiter) for delimiter in DELIMITERS}
    best = max(counts, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else ","


def _columns(header: list[str], vocabulary: Vocabulary) -> tuple[dict[str, int], list[RowError]]:
    aliases = {**HEADER_ALIASES, **vocabulary.headers}
    columns: dict[str, int] = {}
    errors: list[RowError] = []
    for index, name in enumerate(header):
        column = aliases.get(_normal(name).lower())
        if column is None:
            continue  # other columns (a phone number, notes...) are left alone
        if column in columns:
            errors.append(RowError(None, _("The column “%(name)s” appears twice in the first "
                                          "line.") % {"name": _normal(name)}))
        columns[column] = index
    if FULL_NAME not in columns and FIRST_NAME in columns and LAST_NAME in columns:
        columns[FULL_NAME] = -1  # put together from the first and last names
    missing = [TEMPLATE_HEADINGS[COLUMNS.index(column)] for column in REQUIRED_COLUMNS
               if column not in columns]
    if missing:
        errors.append(RowError(None, _(
            "The first line must name the columns. Missing: %(columns)s. Download the "
            "template to see how the file should look.") % {"columns": ", ".join(missing)}))
    return columns, errors


def _cells(record: list[str], columns: dict[str, int]) -> dict[str, str]:
    cells = {column: _normal(record[index]) if 0 <= index < len(record) else ""
             for column, index in columns.items()}
    if columns.get(FULL_NAME) == -1:
        cells[FULL_NAME] = " ".join(filter(None, (cells[FIRST_NAME], cells[LAST_NAME])))
    return cells


def _rows(records: list[tuple[int, list[str]]], columns: dict[str, int], width: int,
          vocabulary: Vocabulary, max_rows: int) -> ParsedFile:
    rows: list[LearnerRow] = []
    flagged: list[LearnerRow] = []
    errors: list[RowError] = []
    seen: dict[str, int] = {}
    count = 0
    for line, record in records:
        if not any(cell.strip() for cell in record):
            continue  # empty lines, and Excel's ";;;;" lines below the data
        count += 1
        if count > max_rows:
            return _file_error(_(
                "The file has more than %(max)d learners. Please split it into smaller files.")
                % {"max": max_rows})
        cells = _cells(record, columns)
        problems = _check(cells, vocabulary)
        if any(cell.strip() for cell in record[width:]):
            problems.insert(0, _(
                "this line has more columns than the first line. If a name contains a comma "
                "or a semicolon, put the name in quotes."))
        email_problems = _check_email(cells[EMAIL])
        email = cells[EMAIL].lower()
        if not email_problems and email in seen:
            email_problems.append(_("this e-mail address is already on line %(line)d.")
                                  % {"line": seen[email]})
        elif not email_problems:
            seen[email] = line
        row = LearnerRow(
            line=line, email=email if not email_problems else "", full_name=cells[FULL_NAME],
            language=vocabulary.languages.get(cells.get(LANGUAGE, "").lower(), ""),
            employment_status=vocabulary.employment_statuses.get(
                cells.get(EMPLOYMENT, "").lower(), ""),
            cohort=cells.get(COHORT, "") if len(cells.get(COHORT, "")) <= COHORT_MAX_LENGTH
            and not _CONTROL.search(cells.get(COHORT, "")) else "",
        )
        if email_problems or problems:
            errors.extend(RowError(line, problem) for problem in email_problems + problems)
            flagged.append(row)
        else:
            rows.append(row)
    if not rows and not errors:
        return _file_error(_("The file has the column names but no learners."))
    return ParsedFile(rows=rows, errors=errors, flagged=flagged)


def _check(cells: dict[str, str], vocabulary: Vocabulary) -> list[str]:
    """Problems with the name, language, employment status and cohort of one line."""
    problems: list[str] = []
    name = cells[FULL_NAME]
    if not name:
        problems.append(_("the full name is missing."))
    elif len(name) > NAME_MAX_LENGTH:
        problems.append(_("the name is longer than %(max)d characters.")
                        % {"max": NAME_MAX_LENGTH})
    elif _CONTROL.search(name):
        problems.append(_("the name contains characters that are not allowed."))
    language = cells.get(LANGUAGE, "")
    if language and language.lower() not in vocabulary.languages:
        problems.append(_("“%(value)s” is not a language of the course. Use one of: "
                          "%(choices)s.") % {"value": language,
                                             "choices": _choices(vocabulary.languages)})
    status = cells.get(EMPLOYMENT, "")
    if status and status.lower() not in vocabulary.employment_statuses:
        problems.append(_("“%(value)s” is not an employment status. Use one of: "
                          "%(choices)s.") % {"value": status,
                                             "choices": _choices(vocabulary.employment_statuses)})
    cohort = cells.get(COHORT, "")
    if len(cohort) > COHORT_MAX_LENGTH or _CONTROL.search(cohort):
        problems.append(_("there is no cohort named “%(value)s”.") % {"value": cohort[:100]})
    return problems


def _check_email(email: str) -> list[str]:
    if not email:
        return [_("the e-mail address is missing.")]
    if len(email) > EMAIL_MAX_LENGTH:
        return [_("the e-mail address is too long.")]
    try:
        validate_email(email)
    except ValidationError:
        return [_("“%(value)s” is not a valid e-mail address.") % {"value": email[:100]}]
    return []


def _choices(mapping: Mapping[str, str]) -> str:
    """The codes themselves, in a stable order: the shortest spelling people can type."""
    return ", ".join(dict.fromkeys(mapping.values()))


def _normal(value: str) -> str:
    """Trimmed, with runs of spaces made one and letters in one Unicode form (NFC)."""
    return " ".join(unicodedata.normalize("NFC", value).split())
