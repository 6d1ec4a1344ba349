"""GIFT files import whole, in one language, or not at all with every problem listed."""

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from microcred.assessment.gift import import_gift
from microcred.assessment.items_yaml import read_item_bank
from microcred.assessment.tests.banks import write_items
from microcred.curriculum.content_files import ContentInvalid

OUTCOMES = {"M01-LO1", "M01-LO2"}

GOOD = r"""// Exported from a Moodle course
$CATEGORY: $course$/top/M01/M01-LO1

::M01-G01::What is an operating system?{
  =The main software that runs the device#Right!
  ~An app for e-mail#No, that is one app.
  ~A phone case
  ####The operating system runs the device.
}

::Wi-Fi safety::Public Wi-Fi is fine for online banking.{FALSE#No.#Right: use mobile data.}

::Data::Which of these use a lot of mobile data?{
  ~%50%Watching videos
  ~%50%A big system update
  ~%-100%Sending an SMS
}

$CATEGORY: M01-LO2

Match each word with what it means.{
  =Inbox -> Messages you received
  =Spam -> Unwanted messages
  =Drafts -> Messages you have not finished
}

A strong password has at least how many characters?{#12:0####At least 12.}

A safe rest lasts between ten and fourteen hours: {#10..14} hours.

What do we call the main software of a device \{two words\}?{=operating system =OS}
"""


def _import(text, language="en"):
    return import_gift(text, language=language, outcome_codes=OUTCOMES, id_prefix="M01-IMP")


def _problems(text) -> list[str]:
    with pytest.raises(ContentInvalid) as raised:
        _import(text)
    return [str(error) for error in raised.value.errors]


def test_every_supported_question_type_imports():
    items = _import(GOOD)
    assert [(item.id, item.type, item.outcome) for item in items] == [
        ("M01-G01", "single_choice", "M01-LO1"),
        ("M01-IMP-002", "true_false", "M01-LO1"),
        ("M01-IMP-003", "multiple_response", "M01-LO1"),
        ("M01-IMP-004", "matching", "M01-LO2"),
        ("M01-IMP-005", "numeric", "M01-LO2"),
        ("M01-IMP-006", "numeric", "M01-LO2"),
        ("M01-IMP-007", "short_text", "M01-LO2"),
    ]
    single, true_false, multiple, matching, numeric, ranged, short = items
    assert [o.correct for o in single.options] == [True, False, False]
    assert single.feedback == {"en": "The operating system runs the device."}
    assert true_false.answer is False
    assert true_false.feedback == {"en": "Right: use mobile data."}
    assert [o.correct for o in multiple.options] == [True, True, False]
    assert matching.pairs[0].right == {"en": "Messages you received"}
    assert (numeric.answer, numeric.tolerance) == (12, 0)
    assert (ranged.answer, ranged.tolerance) == (12, 2)
    assert ranged.stem == {"en": "A safe rest lasts between ten and fourteen hours: _____ hours."}
    assert short.stem == {"en": "What do we call the main software of a device {two words}?"}
    assert short.accepted == {"en": ("operating system", "OS")}


def test_a_polish_file_gives_polish_texts():
    items = _import("$CATEGORY: M01-LO1\n\nCzy Wi-Fi w kawiarni jest bezpieczne?{F}\n", "pl")
    assert items[0].stem == {"pl": "Czy Wi-Fi w kawiarni jest bezpieczne?"}


def test_imported_items_make_a_valid_items_yaml(tmp_path):
    items = _import(GOOD)
    blueprint = {
        "items_per_outcome": 2,
        "pass_overall": 70,
        "pass_per_outcome": 50,
        "time_limit_minutes": None,
        "attempts": 3,
        "cooldown_hours": 24,
    }
    text = yaml.safe_dump({"blueprint": blueprint, "items": [item.as_dict() for item in items]})
    bank = read_item_bank(write_items(tmp_path, text), OUTCOMES)
    assert bank.items == tuple(items)


def test_unsupported_types_are_named_with_their_line_and_nothing_is_imported():
    text = GOOD + (
        "\nWrite about your first phone.{}\n"
        "\nThis text only describes the next part.\n"
        "\nPut in order:{>2 none\nFirst\nSecond\n}\n"
    )
    first = GOOD.count("\n") + 2
    assert _problems(text) == [
        f"questions.gift, line {first}: question type essay is not supported by the exam",
        f"questions.gift, line {first + 2}: question type description is not supported by the exam",
        f"questions.gift, line {first + 4}: question type ordering is not supported by the exam",
    ]


def test_a_question_without_an_outcome_category_is_refused():
    assert _problems("Is this fine?{T}\n") == [
        "questions.gift, line 1: category '' does not name an outcome of this module "
        "(M01-LO1, M01-LO2)"
    ]


def test_partial_credit_on_a_single_answer_is_refused():
    problems = _problems("$CATEGORY: M01-LO1\n\nPick one{=a ~%50%b ~c}\n")
    assert problems == [
        "questions.gift, line 3: partial credit on a single-answer question is not supported"
    ]


def test_broken_questions_are_all_reported():
    text = (
        "$CATEGORY: M01-LO1\n\nUnclosed {=a ~b\n\nNo right answer{~a ~b}\n\n"
        "Not a number{#twelve}\n\n::M01-X::One{T}\n\n::M01-X::Two{F}\n"
    )
    assert _problems(text) == [
        "questions.gift, line 3: the answer block { } is not closed",
        "questions.gift, line 5: question M01-IMP-002: needs at least one correct option",
        "questions.gift, line 7: 'twelve' is not a number",
        "questions.gift, line 11: question id M01-X is used twice",
    ]


def test_a_file_that_is_not_utf8_is_refused():
    with pytest.raises(ContentInvalid, match="not UTF-8"):
        _import("$CATEGORY: M01-LO1\n\nŁódź?{T}\n".encode("iso-8859-2"))


def test_an_empty_file_is_refused():
    assert _problems("// nothing here\n") == ["questions.gift: the file holds no questions"]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(["{", "}", "=", "~", "#", "->", "::", "\\", "\n", "\n\n", "%50%", "T"])
        | st.text(max_size=8)
    ).map("".join)
)
def test_any_text_either_imports_or_is_refused_with_messages(text):
    try:
        items, errors = _import("$CATEGORY: M01-LO1\n\n" + text), []
    except ContentInvalid as refused:
        items, errors = None, refused.errors
    assert items is not None or errors  # a list of items, or messages; never a traceback
