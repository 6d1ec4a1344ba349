"""Numeric items with several accepted numbers and with units as Moodle defines them: read from
items.yaml, graded, imported from Moodle XML and GIFT, exported and imported back unchanged;
what Moodle can do and we cannot (unit penalties, units before the number) is reported."""

import pytest

from microcred.assessment.draw import draw_form
from microcred.assessment.gift import import_gift
from microcred.assessment.grading import grade
from microcred.assessment.items import Accepted, Unit
from microcred.assessment.items_yaml import read_item_bank
from microcred.assessment.moodle_export import export_gift, export_moodle_xml
from microcred.assessment.moodle_xml import import_moodle_xml
from microcred.assessment.tests.banks import write_items
from microcred.curriculum.content_files import ContentInvalid

BANK = """\
blueprint: {items_per_outcome: 2, pass_overall: 70, pass_per_outcome: 50, attempts: 3,
            cooldown_hours: 24}
items:
  - id: M99-Q60
    outcome: M99-LO1
    type: numeric
    stem: {en: "How many copies of your photos should you keep?",
           pl: "Ile kopii zdjęć warto mieć?"}
    answer: 3
    also_accepted: [{answer: 4}, {answer: 10, tolerance: 1}]
  - id: M99-Q61
    outcome: M99-LO1
    type: numeric
    stem: {en: "The update is two gigabytes. How big is it?",
           pl: "Aktualizacja ma dwa gigabajty. Jaki ma rozmiar?"}
    answer: 2
    tolerance: 0.1
    unit: {en: GB, pl: GB}
    other_units:
      - {unit: {en: MB, pl: MB}, multiplier: 1000}
      - {unit: {en: kilobytes, pl: kilobajtów}, multiplier: 1000000}
"""


@pytest.fixture
def bank(tmp_path):
    return read_item_bank(write_items(tmp_path, BANK), {"M99-LO1"})


def _score(bank, item_id: str, typed: str, language: str = "en") -> float:
    form = draw_form(bank, seed=3)
    result = grade(bank, form, {item_id: typed}, language=language)
    return next(item.score for item in result.items if item.item_id == item_id)


def test_items_yaml_reads_more_accepted_numbers_and_other_units(bank):
    copies, size = bank.items
    assert copies.also_accepted == (Accepted(4, 0), Accepted(10, 1))
    assert size.other_units == (
        Unit({"en": "MB", "pl": "MB"}, 1000),
        Unit({"en": "kilobytes", "pl": "kilobajtów"}, 1_000_000),
    )


@pytest.mark.parametrize(
    ("typed", "score"),
    [
        ("3", 1),
        ("4", 1),
        ("9", 1),
        ("11", 1),
        ("10,5", 1),
        ("5", 0),
        ("3.5", 0),
        ("12", 0),
    ],
)
def test_each_accepted_number_counts_within_its_own_tolerance(bank, typed, score):
    assert _score(bank, "M99-Q60", typed) == score


@pytest.mark.parametrize(
    ("typed", "language", "score"),
    [
        ("2", "en", 1),
        ("2 GB", "en", 1),
        ("2000 MB", "en", 1),
        ("2050MB", "en", 1),
        ("2 000 000 kilobytes", "en", 1),
        ("2 000 000 kilobajtów", "pl", 1),
        ("3000 MB", "en", 0),
        ("2000", "en", 0),
        ("2000 bananas", "en", 0),
        ("2 bananas", "en", 1),  # like Moodle when units are optional: other text is not graded
    ],
)
def test_a_number_in_another_unit_is_divided_by_its_multiplier(bank, typed, language, score):
    assert _score(bank, "M99-Q61", typed, language) == score


def test_broken_units_and_numbers_are_refused_with_their_reason(tmp_path):
    for broken, reason in [
        (
            BANK.replace("{answer: 4}", "{answer: four}"),
            "item M99-Q60: accepted number 1 needs an answer that is a number",
        ),
        (
            BANK.replace("multiplier: 1000}", "multiplier: 0}"),
            "a unit's multiplier must be a number above 0",
        ),
        (
            BANK.replace("    unit: {en: GB, pl: GB}\n", ""),
            "other units need the item's own unit first",
        ),
    ]:
        with pytest.raises(ContentInvalid, match=reason):
            read_item_bank(write_items(tmp_path, broken), {"M99-LO1"})


def test_several_numbers_and_units_go_to_moodle_xml_and_come_back_identical(bank):
    data, left_out = export_moodle_xml(bank, "M99")
    assert not left_out
    assert b"<multiplier>1000.0</multiplier>" in data
    assert b"<unitgradingtype>0</unitgradingtype>" in data
    # Moodle matches typed units against the name as written: plain when every language agrees.
    assert b"<unit_name>MB</unit_name>" in data
    assert "{mlang en}kilobytes{mlang}{mlang pl}kilobajtów{mlang}".encode() in data
    report = import_moodle_xml(data, language="en", outcome_codes={"M99-LO1"}, id_prefix="M99-IMP")
    assert not report.skipped
    assert all(not question.notes for question in report.imported)
    assert report.with_outcomes(dict(report.categories())) == list(bank.items)


def test_several_numbers_go_to_gift_and_come_back_identical_and_units_stay_out(bank):
    text, left_out = export_gift(bank, "M99", "en")
    assert left_out == ["M99-Q61"]  # GIFT has no units
    assert "{#=3.0:0.0 =4.0:0.0 =10.0:1.0}" in text
    report = import_gift(
        text.encode(), language="en", outcome_codes={"M99-LO1"}, id_prefix="M99-IMP"
    )
    (question,) = report.imported
    english = {code: text for code, text in bank.items[0].stem.items() if code == "en"}
    assert question.item.also_accepted == bank.items[0].also_accepted
    assert question.item.stem == english


def _numerical(inner: str) -> str:
    return (
        '<quiz><question type="numerical"><name><text>Size</text></name>'
        "<questiontext><text>How big?</text></questiontext>" + inner + "</question></quiz>"
    )


@pytest.mark.parametrize(
    ("inner", "reason"),
    [
        (
            '<answer fraction="100"><text>5</text></answer><units><unit><multiplier>1</multiplier>'
            "<unit_name>GB</unit_name></unit></units><unitgradingtype>2</unitgradingtype>"
            "<unitpenalty>0.2</unitpenalty>",
            "a penalty for a missing or wrong unit is not supported: our tests do not grade units",
        ),
        (
            '<answer fraction="100"><text>5</text></answer><units><unit><multiplier>1</multiplier>'
            "<unit_name>€</unit_name></unit><unit><multiplier>100</multiplier><unit_name>cent"
            "</unit_name></unit></units><unitsleft>1</unitsleft>",
            "units written before the number are not supported",
        ),
        (
            '<answer fraction="100"><text>5</text></answer><units><unit>'
            "<multiplier>1000</multiplier><unit_name>MB</unit_name></unit></units>",
            "no unit has the multiplier 1, so the answers have no unit to be read in",
        ),
        (
            '<answer fraction="0"><text>5</text><tolerance>2</tolerance></answer>'
            '<answer fraction="100"><text>6</text></answer>',
            "a right number is also inside the range of an answer before it that earns nothing; "
            "reorder or narrow the answers",
        ),
        (
            '<answer fraction="100"><text>5</text></answer><answer fraction="50"><text>6</text>'
            "</answer>",
            "a numerical question needs at least one fully right answer, and no answer earning "
            "part of the points",
        ),
    ],
)
def test_what_moodle_numerical_can_do_and_our_tests_cannot_is_reported(inner, reason):
    report = import_moodle_xml(
        _numerical(inner), language="en", outcome_codes={"M99-LO1"}, id_prefix="M99-IMP"
    )
    assert [question.reasons for question in report.skipped] == [(reason,)]


def test_units_chosen_from_a_list_in_moodle_are_typed_here_and_the_report_says_so():
    inner = (
        '<answer fraction="100"><text>5</text></answer><units><unit><multiplier>1'
        "</multiplier><unit_name>GB</unit_name></unit><unit><multiplier>1000</multiplier>"
        "<unit_name>MB</unit_name></unit></units><unitgradingtype>1</unitgradingtype>"
        "<unitpenalty>0</unitpenalty><showunits>2</showunits>"
    )
    report = import_moodle_xml(
        _numerical(inner), language="en", outcome_codes={"M99-LO1"}, id_prefix="M99-IMP"
    )
    (question,) = report.imported
    assert question.notes == ("the unit is typed after the number instead of chosen from a list",)
    assert question.item.other_units == (Unit({"en": "MB"}, 1000),)
