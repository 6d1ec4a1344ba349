"""GIFT files import question by question, with a report of what was left out and why."""

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


def _import(text, language="en", **kwargs):
    return import_gift(
        text, language=language, outcome_codes=OUTCOMES, id_prefix="M01-IMP", **kwargs
    )


def _items(text, language="en"):
    report = _import(text, language)
    assert not report.skipped, report.skipped
    return [question.item for question in report.imported]


def _skipped(text, language="en") -> list[tuple[int | None, tuple[str, ...]]]:
    return [(question.line, question.reasons) for question in _import(text, language).skipped]


def test_every_supported_question_type_imports_with_its_suggested_outcome():
    report = _import(GOOD)
    assert not report.skipped
    assert [(q.item.id, q.item.type, q.suggested) for q in report.imported] == [
        ("M01-G01", "single_choice", "M01-LO1"),
        ("M01-IMP-002", "true_false", "M01-LO1"),
        ("M01-IMP-003", "multiple_response", "M01-LO1"),
        ("M01-IMP-004", "matching", "M01-LO2"),
        ("M01-IMP-005", "numeric", "M01-LO2"),
        ("M01-IMP-006", "numeric", "M01-LO2"),
        ("M01-IMP-007", "short_text", "M01-LO2"),
    ]
    single, true_false, multiple, matching, numeric, ranged, short = (
        q.item for q in report.imported
    )
    assert [o.correct for o in single.options] == [True, False, False]
    assert [o.feedback for o in single.options] == [
        {"en": "Right!"}, {"en": "No, that is one app."}, {}
    ]
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


def test_what_was_adapted_is_said_in_the_report():
    notes = {q.item.type: q.notes for q in _import(GOOD).imported}
    assert notes["true_false"] == ("the feedback for the wrong answer is not kept",)
    assert notes["multiple_response"] == (
        "in the test each wrong choice takes away 50%, as much as a right one gives "
        "(the file says -100%)",
    )
    assert notes["single_choice"] == ()


def test_a_text_in_only_one_language_other_than_english_is_reported():
    assert _skipped("$CATEGORY: M01-LO1\n\nCzy Wi-Fi w kawiarni jest bezpieczne?{F}\n", "pl") == [
        (3, ("the question has no English text; every question of the test needs one "
             "(Moodle's multilang can hold both)",))
    ]


def test_multilang_markers_become_language_maps_and_foreign_languages_are_reported():
    text = (
        "::M01-ML::{mlang en}Which password is the strongest?{mlang}"
        "{mlang pl}Które hasło jest najsilniejsze?{mlang}{mlang fr}Quel mot de passe ?{mlang}{\n"
        "=\\{mlang en\\}A long sentence\\{mlang\\}\\{mlang pl\\}Długie zdanie\\{mlang\\}"
        "#{mlang en}Yes{mlang}{mlang pl}Tak{mlang}\n"
        "~{mlang en}Your name{mlang}{mlang pl}Twoje imię{mlang}\n}\n"
    )
    (question,) = _import(text, "pl").imported
    assert question.item.stem == {
        "en": "Which password is the strongest?", "pl": "Które hasło jest najsilniejsze?"
    }
    assert [o.text for o in question.item.options] == [
        {"en": "A long sentence", "pl": "Długie zdanie"}, {"en": "Your name", "pl": "Twoje imię"}
    ]
    assert question.item.options[0].feedback == {"en": "Yes", "pl": "Tak"}
    assert question.item.languages() == {"en", "pl"}
    assert question.notes == ("text in fr is left out: the course does not use this language",)


def test_an_arrow_in_a_multiple_choice_answer_is_text_as_moodle_reads_it():
    (item,) = _items(
        "$CATEGORY: M01-LO1\n\nHow do you set the margins?{\n"
        "=File -> Page setup\n~Edit -> Paste\n~View -> Zoom\n}\n"
    )
    assert item.type == "single_choice"
    assert [o.text["en"] for o in item.options] == [
        "File -> Page setup", "Edit -> Paste", "View -> Zoom"
    ]


def test_numerical_wrong_answer_feedback_is_read_as_moodle_does():
    report = _import("$CATEGORY: M01-LO1\n\nHow many?{#3:2~#Count again.}\n\nAnd?{#3:2~}\n")
    assert [(q.item.answer, q.item.tolerance) for q in report.imported] == [(3, 2), (3, 2)]
    assert report.imported[0].notes == ("the feedback for wrong numbers is not kept",)
    assert report.imported[1].notes == ()


def test_imported_items_make_a_valid_items_yaml(tmp_path):
    report = _import(GOOD)
    items = report.with_outcomes(dict(report.categories()))
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


def test_unsupported_types_are_listed_with_their_line_and_the_rest_imports():
    text = GOOD + (
        "\nWrite about your first phone.{}\n"
        "\nThis text only describes the next part.\n"
        "\nPut in order:{>2 none\nFirst\nSecond\n}\n"
    )
    first = GOOD.count("\n") + 2
    assert _skipped(text) == [
        (first, ("essay questions are not used for certification tests",)),
        (first + 2, ("description questions are not used for certification tests",)),
        (first + 4, ("question type ordering is not supported",)),
    ]
    assert len(_import(text).imported) == 7


def test_an_unedited_export_with_moodle_category_names_is_not_refused():
    report = _import("$CATEGORY: $course$/top/Default for Digital skills\n\nIs this fine?{T}\n")
    assert [(q.category, q.suggested) for q in report.imported] == [
        ("$course$/top/Default for Digital skills", "")
    ]
    assert report.with_outcomes({"$course$/top/Default for Digital skills": "M01-LO2"})[
        0
    ].outcome == "M01-LO2"


def test_partial_credit_on_a_single_answer_is_reported():
    assert _skipped("$CATEGORY: M01-LO1\n\nPick one{=a ~%50%b ~c}\n") == [
        (3, ("in a question with one right answer, only that answer may earn points; the test "
             "cannot grade partial points the same way",))
    ]


def test_unequal_weights_of_right_answers_are_reported():
    assert _skipped("$CATEGORY: M01-LO1\n\nPick{~%70%a ~%30%b ~c}\n") == [
        (3, ("the right answers earn different points (70%, 30%); the test gives each right "
             "answer the same share",))
    ]


def test_broken_questions_are_all_reported_and_ids_are_never_used_twice():
    text = (
        "$CATEGORY: M01-LO1\n\nUnclosed {=a ~b\n\nNo right answer{~a ~b}\n\n"
        "Not a number{#twelve}\n\n::M01-X::One{T}\n\n::M01-X::Two{F}\n"
    )
    report = _import(text, taken=frozenset({"M01-IMP-005"}))
    assert [(q.line, q.reasons) for q in report.skipped] == [
        (3, ("the answer block { } is not closed",)),
        (5, ("no answer is marked as right",)),
        (7, ("'twelve' is not a number",)),
    ]
    assert [(q.item.id, q.notes) for q in report.imported] == [
        ("M01-X", ()),
        ("M01-IMP-006", ("the name M01-X is already used by another question, so it gets a new "
                         "id",)),
    ]


def test_a_file_that_is_not_utf8_is_refused():
    with pytest.raises(ContentInvalid, match="not UTF-8"):
        _import("$CATEGORY: M01-LO1\n\nŁódź?{T}\n".encode("iso-8859-2"))


def test_an_empty_file_is_refused():
    with pytest.raises(ContentInvalid, match="the file holds no questions"):
        _import("// nothing here\n")


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(["{", "}", "=", "~", "#", "->", "::", "\\", "\n", "\n\n", "%50%", "T",
                         "{mlang pl}", "{mlang}"])
        | st.text(max_size=8)
    ).map("".join)
)
def test_any_text_either_imports_or_is_refused_with_messages(text):
    try:
        report = _import("$CATEGORY: M01-LO1\n\n" + text)
    except ContentInvalid as refused:
        errors = refused.errors
        assert errors
    else:  # every question is accounted for, with reasons when skipped
        assert all(question.reasons for question in report.skipped)
