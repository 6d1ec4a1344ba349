"""The course's real item banks parse cleanly against their modules' outcomes and can be sat."""

import pytest

from microcred.assessment.draw import draw_form
from microcred.assessment.grading import answer_key, grade
from microcred.assessment.items_yaml import read_item_bank
from microcred.assessment.tests.banks import lesson_languages, module_folders, outcome_codes

FOLDERS = module_folders()


def test_every_module_of_the_course_has_an_item_bank():
    assert len(FOLDERS) == 13


@pytest.mark.parametrize("folder", FOLDERS, ids=[folder.name for folder in FOLDERS])
def test_the_item_bank_parses_without_errors(folder):
    outcomes = outcome_codes(folder)
    bank = read_item_bank(folder / "items.yaml", outcomes)
    assert set(bank.outcomes) == outcomes
    # Q for questions, P for performance items (type task).
    prefix = f"M{folder.name[:2]}-"
    assert all(
        item.id.startswith(prefix + ("P" if item.type == "task" else "Q")) for item in bank.items
    )


@pytest.mark.parametrize("folder", FOLDERS, ids=[folder.name for folder in FOLDERS])
def test_every_item_is_complete_in_every_language_the_lessons_are_in(folder):
    # A learner reading the module in Greek is tested in Greek: never a half-translated exam.
    bank = read_item_bank(folder / "items.yaml", outcome_codes(folder))
    languages = set(lesson_languages(folder))
    assert {"en", "pl"} <= languages
    assert [item.id for item in bank.items if not languages <= item.languages()] == []


@pytest.mark.parametrize("folder", FOLDERS, ids=[folder.name for folder in FOLDERS])
def test_a_learner_who_knows_everything_passes_in_every_language(folder):
    bank = read_item_bank(folder / "items.yaml", outcome_codes(folder))
    for language in lesson_languages(folder):
        form = draw_form(bank, seed=2026)
        result = grade(bank, form, answer_key(bank, form, language=language), language=language)
        assert result.percent == 100, language
        assert result.passed
        assert len(form.items) == len(bank.outcomes) * bank.blueprint.items_per_outcome


def test_the_six_skills_are_tested_by_performance_items_in_every_form():
    expected = {
        "01-devices-and-basics": {"M01-LO1": "M01-P01"},
        "03-communicating-and-collaborating": {"M03-LO4": "M03-P01"},
        "04-digital-identity-and-e-services": {"M04-LO3": "M04-P01"},
        "05-cybersecurity-in-daily-life": {"M05-LO1": "M05-P01", "M05-LO3": "M05-P02"},
        "06-privacy-and-gdpr-rights": {"M06-LO2": "M06-P01"},
    }
    for folder in FOLDERS:
        bank = read_item_bank(folder / "items.yaml", outcome_codes(folder))
        tasks = {item.outcome: item.id for item in bank.items if item.type == "task"}
        assert tasks == expected.get(folder.name, {}), folder.name
        for seed in range(30):
            drawn = {drawn.item_id for drawn in draw_form(bank, seed=seed).items}
            assert set(tasks.values()) <= drawn
