"""A learner answers drop-down gap questions (gap_select, Moodle's gapselect) with the keyboard
alone and JavaScript switched off, hands the test in and sees it graded gap by gap; the question,
review and result pages pass axe.

Why an earlier version of this test hung: it ran axe (check_page) in the context whose
JavaScript is off. axe.run() returns a promise that settles on timers, and timers never fire
without JavaScript, while Playwright's evaluate has no timeout: the test waited for ever. So the
keyboard journey runs without JavaScript and a second page of the same learner, with JavaScript,
opens each kind of page for axe.
"""

import pytest
import yaml

from microcred.assessment import banks
from microcred.assessment.models import Attempt
from microcred.assessment.tests.exam_helpers import complete_module, key_for
from microcred.curriculum.models import Module
from microcred.learning.models import LearnerProfile
from tests.e2e.checks import check_page, log_in_as

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _gap_bank(outcomes: list[str]) -> str:
    """One gap question per outcome: the exam draws only gap questions."""
    items = [
        {
            "id": f"{outcome}-GAP",
            "outcome": outcome,
            "type": "gap_select",
            "stem": {"en": "To go back tap [[1]]; to see every open app tap [[2]]."},
            "gaps": [
                {"choices": [{"en": "Back"}, {"en": "Home"}, {"en": "Recent apps"}], "answer": 0},
                {"choices": [{"en": "Recent apps"}, {"en": "Back"}], "answer": 0},
            ],
            "feedback": {"en": "Back goes one step back; Recent apps lists what is open."},
        }
        for outcome in outcomes
    ]
    blueprint = {
        "items_per_outcome": 1,
        "pass_overall": 70,
        "pass_per_outcome": 50,
        "attempts": 3,
        "cooldown_hours": 24,
    }
    return yaml.safe_dump({"blueprint": blueprint, "items": items}, allow_unicode=True)


def _only_gap_questions(module: Module) -> None:
    bank = banks.current_bank(module)
    bank.source = _gap_bank(sorted(banks.outcome_codes(module)))
    bank.fingerprint = banks.fingerprint(bank.source)
    bank.save()


def _choose_by_keyboard(page, select, token: str) -> None:
    """The focused <select> moves down to the option `token` with the arrow key alone."""
    values = select.evaluate("s => Array.from(s.options, o => o.value)")
    current = values.index(select.input_value())
    for _ in range(values.index(token) - current):
        page.keyboard.press("ArrowDown")
    assert select.input_value() == token


def _enter(page) -> None:
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_a_learner_answers_gap_questions_by_keyboard_without_javascript(
    browser, live_server, page, learner, real_first_modules
):
    module = Module.objects.get(code="M01")
    _only_gap_questions(module)
    LearnerProfile.objects.create(user=learner, onboarding_skipped_at="2026-01-01T00:00Z")
    complete_module(learner, "M01")
    plain = browser.new_context(
        viewport={"width": 320, "height": 640},
        base_url=live_server.url,
        locale="en-GB",
        java_script_enabled=False,
    ).new_page()
    plain.set_default_timeout(15_000)
    log_in_as(plain, live_server, learner)
    log_in_as(page, live_server, learner)  # the same learner with JavaScript, for axe only

    plain.goto("/course/M01/test/")
    plain.locator("main form button[type=submit]").focus()
    _enter(plain)
    attempt = Attempt.objects.get(module=module, submitted_at__isnull=True)
    key = key_for(attempt)
    page.goto(plain.url)
    check_page(page)
    assert page.locator("main select").count() == 2
    assert page.get_by_label("Gap 1").count() == 1

    total = len(attempt.form["items"])
    for number, item in enumerate(attempt.form["items"], 1):
        assert plain.url.endswith(f"/{number}/")
        right = key[item["id"]]
        gaps = plain.locator("main select")
        tokens = [
            name.removeprefix("gap-") for name in gaps.evaluate_all("all => all.map(s => s.name)")
        ]
        assert "[[" not in plain.locator("main .gap-sentence").inner_text()
        gaps.nth(0).focus()
        for index, token in enumerate(tokens):
            wrong = next(
                v
                for v in gaps.nth(index).evaluate("s => Array.from(s.options, o => o.value)")
                if v and v != right[token]
            )
            # The last question gets its second gap wrong: half its marks.
            choice = wrong if number == total and index == 1 else right[token]
            _choose_by_keyboard(plain, gaps.nth(index), choice)
            plain.keyboard.press("Tab")  # to the next gap, then to "Save and next question"
        assert plain.evaluate("document.activeElement.value") == "next"
        _enter(plain)

    assert "/review/" in plain.url
    assert "no answer yet" not in plain.locator("main").inner_text()
    page.goto(plain.url)
    check_page(page)
    plain.get_by_role("button", name="Hand in my test").focus()
    _enter(plain)
    assert plain.url.endswith("/result/")
    assert plain.locator("h1").inner_text() == "Congratulations, you passed!"
    attempt.refresh_from_db()
    assert float(attempt.percent) == pytest.approx(100 * (total - 0.5) / total, abs=0.01)
    page.goto(plain.url)
    check_page(page)
    plain.context.close()
