"""Files shaped like real Moodle exports: the report is right for every question, and what
imports keeps its text, answers, correctness, feedback and languages."""

from pathlib import Path

import pytest

from microcred.assessment.gift import import_gift
from microcred.assessment.moodle_xml import import_moodle_xml

FIXTURES = Path(__file__).parent / "fixtures"
OUTCOMES = {"M01-LO1", "M01-LO2"}


@pytest.fixture(scope="module")
def xml_report():
    return import_moodle_xml((FIXTURES / "moodle-mixed.xml").read_bytes(), language="en",
                             outcome_codes=OUTCOMES, id_prefix="M01-IMP")


@pytest.fixture(scope="module")
def gift_report():
    return import_gift((FIXTURES / "moodle-mixed.gift").read_bytes(), language="en",
                       outcome_codes=OUTCOMES, id_prefix="M01-IMP")


def _by_title(report):
    return {q.title: q for q in report.imported} | {q.title: q for q in report.skipped}


def test_the_xml_report_says_why_each_question_is_left_out(xml_report):
    assert {q.title: q.reasons for q in xml_report.skipped} == {
        "Weighted scam signs": ("the right answers earn different points (70%, 30%); the test "
                                "gives each right answer the same share",),
        "Listen to the call": (
            "the question holds an attached file (an image or a sound), which cannot be "
            "imported yet",
            "the question text shows an image, a sound or a linked file, which cannot be "
            "imported yet",
        ),
        "Download size": ("a penalty for a missing or wrong unit is not supported: our tests "
                          "do not grade units",),
        "Your first phone": ("essay questions are not used for certification tests",),
        "Part two": ("description questions are not used for certification tests",),
        "Data plan": ("calculated questions are not used for certification tests",),
        "Drag words": ("ddwtos questions are not used for certification tests",),
        "Manager": ("an answer that earns part of the points cannot be graded the same way",),
    }


def test_the_xml_report_says_what_was_adapted(xml_report):
    assert {q.title: q.notes for q in xml_report.imported} == {
        "Strong password": ("text in fr is left out: the course does not use this language",),
        "Margins menu": ("in the test each wrong choice takes away 50%, as much as a right one "
                         "gives (the file says 0%)",),
        "Password length": ("the feedback for wrong numbers is not kept",),
        "Scam names": ("hints are not kept: the test shows no hints",),
        "Caller id": ("the feedback for the wrong answer is not kept",),
        "Safe browsing gaps": (),
        "Storage units": (),
        "Backup copies": ("the feedback for wrong numbers is not kept",
                          "only the first right number's feedback is kept"),
    }


def test_an_unedited_export_keeps_its_categories_for_the_mapping(xml_report):
    assert xml_report.categories() == [
        ("$course$/top/Default for Digital skills for adults", ""),
        ("$course$/top/Default for Digital skills for adults/Numbers", ""),
    ]


def test_multilang_questions_keep_every_course_language_with_per_answer_feedback(xml_report):
    item = _by_title(xml_report)["Strong password"].item
    assert item.type == "single_choice"
    assert item.stem == {"en": "Which password is the strongest?",
                         "pl": "Które hasło jest najsilniejsze?"}
    assert item.feedback == {"en": "Long sentences are hard to guess.",
                             "pl": "Długie zdania trudno odgadnąć."}
    assert [(o.text["pl"], o.correct) for o in item.options] == [
        ("MójKotLubiDeszczoweWtorki", True), ("Haslo1", False), ("Twoja data urodzenia", False)
    ]
    assert item.options[1].feedback == {"en": "This is one of the first guesses.",
                                        "pl": "To jedno z pierwszych haseł do zgadywania."}
    assert item.options[2].feedback == {}
    matching = _by_title(xml_report)["Scam names"].item
    assert [(p.left, p.right) for p in matching.pairs][1] == (
        {"en": "Fake SMS", "pl": "Fałszywy SMS"}, {"en": "Smishing", "pl": "Smishing"}
    )
    assert set(_by_title(xml_report)["Caller id"].item.stem) == {"en", "pl"}


def test_arrows_in_xml_answers_are_text_and_equal_weights_make_multiple_response(xml_report):
    item = _by_title(xml_report)["Margins menu"].item
    assert item.type == "multiple_response"
    assert [(o.text["en"], o.correct) for o in item.options] == [
        ("File -> Page setup", True), ("Layout -> Margins", True), ("Edit -> Paste", False)
    ]
    assert item.options[2].feedback == {"en": "Paste puts copied text in."}


def test_gapselect_becomes_drop_down_gaps(xml_report):
    item = _by_title(xml_report)["Safe browsing gaps"].item
    assert item.type == "gap_select"
    assert item.stem == {"en": "A safe site starts with [[1]] and shows a [[2]]."}
    assert [([c["en"] for c in gap.choices], gap.answer) for gap in item.gaps] == [
        (["https", "http"], 0), (["padlock", "smiley"], 0)
    ]


def test_numerical_keeps_its_tolerance(xml_report):
    item = _by_title(xml_report)["Password length"].item
    assert (item.answer, item.tolerance, item.feedback) == (12, 2, {"en": "At least 12."})


def test_numerical_keeps_several_right_numbers_and_units_with_their_multipliers(xml_report):
    from microcred.assessment.items import Accepted, Unit

    copies = _by_title(xml_report)["Backup copies"].item
    assert (copies.answer, copies.also_accepted) == (3, (Accepted(4, 0),))
    assert copies.feedback == {"en": "Yes: the 3-2-1 rule."}
    photo = _by_title(xml_report)["Storage units"].item
    assert (photo.answer, photo.unit, photo.other_units) == (
        2, {"en": "MB"}, (Unit({"en": "kB"}, 1000),))


def test_the_gift_report_is_right_for_every_question(gift_report):
    assert {q.title: q.reasons for q in gift_report.skipped} == {
        "Essay": ("essay questions are not used for certification tests",),
        "Intro": ("description questions are not used for certification tests",),
        "Link": ("the question text shows an image, a sound or a linked file, which cannot be "
                 "imported yet",),
    }
    assert {q.title: q.notes for q in gift_report.imported} == {
        "Margins": (),
        "Password": (),
        "Copies": ("the feedback for wrong numbers is not kept",),
        "Near": (),
        "Both right": ("in the test each wrong choice takes away 50%, as much as a right one "
                       "gives (the file says 0%)",),
        "Match": (),
    }


def test_gift_keeps_arrows_languages_feedback_and_tolerance(gift_report):
    found = _by_title(gift_report)
    margins = found["Margins"].item
    assert margins.type == "single_choice"
    assert margins.options[0].text == {"en": "File -> Page setup"}
    assert margins.options[2].feedback == {"en": "No, zoom only changes what you see."}
    password = found["Password"].item
    assert password.stem == {"en": "Which password is the strongest?",
                             "es": "¿Qué contraseña es la más segura?"}
    assert password.options[1].feedback == {"en": "Easy to guess.", "es": "Fácil de adivinar."}
    assert (found["Near"].item.answer, found["Near"].item.tolerance) == (3, 2)
    assert found["Match"].item.type == "matching"
