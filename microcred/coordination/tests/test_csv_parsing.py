"""Reading coordinators' CSV files: pure, no database."""

import pytest

from microcred.coordination.csv_import import MAX_BYTES, Vocabulary, parse_learners

VOCABULARY = Vocabulary(
    languages={"en": "en", "pl": "pl", "polish": "pl", "polski": "pl", "de": "de"},
    employment_statuses={"employed": "employed", "job_seeking": "job_seeking",
                         "job seeking": "job_seeking", "other": "other"},
)


def parse(text: str, **kwargs):
    return parse_learners(text.encode("utf-8"), vocabulary=VOCABULARY, **kwargs)


def messages(parsed) -> list[str]:
    return [str(error) for error in parsed.errors]


def test_a_comma_separated_file_is_read_with_every_column():
    parsed = parse("e-mail,full name,language,employment status,cohort\n"
                   "Anna@Example.org, Anna  Nowak ,pl,job seeking,Launch 2026\n")
    assert parsed.errors == []
    [row] = parsed.rows
    assert (row.line, row.email, row.full_name) == (2, "anna@example.org", "Anna Nowak")
    assert (row.language, row.employment_status, row.cohort) == ("pl", "job_seeking",
                                                                 "Launch 2026")


def test_a_semicolon_file_from_a_polish_excel_with_a_byte_order_mark_is_read():
    data = "\ufeffE-Mail;Full Name;Language\r\nanna@example.org;Żaneta Łęcka;Polski\r\n"
    parsed = parse_learners(data.encode("utf-8"), vocabulary=VOCABULARY)
    assert parsed.errors == []
    assert parsed.rows[0].full_name == "Żaneta Łęcka"
    assert parsed.rows[0].language == "pl"


def test_excels_sep_line_and_trailing_empty_lines_are_understood():
    parsed = parse("sep=;\nemail;name\nanna@example.org;Anna Nowak, PhD\n;\n;;\n")
    assert parsed.errors == []
    assert parsed.rows[0].full_name == "Anna Nowak, PhD"
    assert parsed.rows[0].line == 3


def test_a_tab_separated_utf16_file_from_excel_unicode_text_is_read():
    data = "email\tfull name\nanna@example.org\tAnna Nowak\n".encode("utf-16")
    parsed = parse_learners(data, vocabulary=VOCABULARY)
    assert parsed.errors == []
    assert parsed.rows[0].email == "anna@example.org"


def test_first_and_last_name_columns_make_the_full_name():
    parsed = parse("Email,First name,Last name\nanna@example.org,Anna,Nowak\n")
    assert parsed.rows[0].full_name == "Anna Nowak"


def test_every_bad_line_is_reported_with_its_line_number():
    parsed = parse(
        "email,full name,language,employment status\n"
        "anna@example.org,Anna Nowak,pl,employed\n"       # line 2: fine
        "not-an-address,Jan Kowalski,,\n"                  # line 3: bad e-mail
        "ANNA@example.org,Anna Again,,\n"                  # line 4: duplicate of line 2
        "piotr@example.org,,,\n"                           # line 5: no name
        f"ewa@example.org,{'x' * 201},,\n"                 # line 6: name too long
        "olga@example.org,Olga,klingon,\n"                 # line 7: unknown language
        "marek@example.org,Marek,,astronaut\n"             # line 8: unknown status
    )
    assert messages(parsed) == [
        "Line 3: “not-an-address” is not a valid e-mail address.",
        "Line 4: this e-mail address is already on line 2.",
        "Line 5: the full name is missing.",
        "Line 6: the name is longer than 200 characters.",
        "Line 7: “klingon” is not a language of the course. Use one of: en, pl, de.",
        "Line 8: “astronaut” is not an employment status. Use one of: employed, job_seeking, "
        "other.",
    ]
    assert [row.line for row in parsed.rows] == [2]


def test_a_name_with_an_unquoted_separator_is_caught():
    parsed = parse("email,full name\nanna@example.org,Nowak,Anna\n")
    assert messages(parsed) == [
        "Line 2: this line has more columns than the first line. If a name contains a comma "
        "or a semicolon, put the name in quotes."]


def test_line_numbers_count_lines_inside_quoted_cells_like_a_spreadsheet():
    parsed = parse('email,full name\nanna@example.org,"Anna\nNowak"\nbad,Jan\n')
    assert messages(parsed) == ["Line 4: “bad” is not a valid e-mail address."]


@pytest.mark.parametrize(("data", "message"), [
    (b"", "The file is empty."),
    (b"email,full name\n", "The file has the column names but no learners."),
    (b"name,phone\nAnna,123\n", "The first line must name the columns. Missing: e-mail. "
                                "Download the template to see how the file should look."),
    ("email;name\nanna@example.org;Łucja\n".encode("cp1250"),
     "The file is not saved as UTF-8"),
    (b"x" * (MAX_BYTES + 1), "The file is too large"),
])
def test_unreadable_files_get_one_clear_message(data, message):
    parsed = parse_learners(data, vocabulary=VOCABULARY)
    assert parsed.rows == []
    assert messages(parsed)[0].startswith(message)


def test_too_many_rows_are_refused_with_the_limit():
    text = "email,name\n" + "".join(f"p{n}@example.org,P {n}\n" for n in range(11))
    assert messages(parse(text, max_rows=10)) == [
        "The file has more than 10 learners. Please split it into smaller files."]


def test_control_characters_never_reach_the_database():
    parsed = parse("email,name,cohort\n"
                   "anna@example.org,Anna\x00Nowak,\n"
                   "bob@example.org,Bob,A\x00\n")
    assert messages(parsed) == [
        "Line 2: the name contains characters that are not allowed.",
        "Line 3: there is no cohort named “A\x00”.",
    ]
