"""The completeness report names the outcomes too small for a different test on each attempt."""

from django.core.management import call_command
from django.urls import reverse

from microcred.assessment.retake_forms import form_shortfalls
from microcred.assessment.tests.test_retakes import _bank


def test_an_outcome_with_enough_items_for_three_tests_is_not_listed():
    assert form_shortfalls(_bank(2, {"LO1": (0, 6), "LO2": (3, 3)})) == []


def test_too_few_items_or_tasks_are_listed_with_what_to_add():
    shortfalls = form_shortfalls(_bank(2, {"LO1": (0, 5), "LO2": (1, 8), "LO3": (0, 6)}))

    assert [(s.outcome, s.forms, s.needed) for s in shortfalls] == [("LO1", 2, 6), ("LO2", 1, 6)]
    assert shortfalls[0].message() == (
        "LO1: different tests possible: 2 of 3. Items needed: 6 (now 5)."
    )
    assert shortfalls[1].message() == (
        "LO2: different tests possible: 1 of 3. Items needed: 6 (now 9); performance tasks "
        "among them: 3 (now 1)."
    )


def test_the_completeness_command_lists_outcomes_whose_task_repeats(real_course, capsys):
    call_command("curriculum_completeness", "--language", "en")
    output = capsys.readouterr().out
    section = output.split("Item banks: a different test for each attempt")[1]

    # M01-LO1 has one performance task: every attempt shows it. M02 has six items an outcome.
    assert "M01-LO1: different tests possible: 1 of 3." in section
    assert "M02-" not in section


def test_the_completeness_page_shows_the_same_findings(client, platform_admin, real_course):
    client.force_login(platform_admin)
    page = client.get(reverse("admin:curriculum_completeness")).content.decode()

    assert "Item banks: a different test for each attempt" in page
    assert "M01-LO1: different tests possible: 1 of 3." in page
