"""A performance item (a simulated app screen) is done by keyboard alone, works without
JavaScript, passes axe-core at 320 px, and its grading shows in the result."""

import pytest
from django.conf import settings

from microcred.assessment.models import Attempt
from microcred.assessment.services import start_attempt
from microcred.assessment.tests.exam_helpers import complete_module, key_for
from microcred.curriculum.models import Module
from microcred.learning.models import LearnerProfile
from microcred.testing.course import build_real_modules
from tests.e2e.checks import check_page, click_and_wait, log_in_as, set_task_screen

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def attempt(learner, tmp_path) -> Attempt:
    """The learner's open M05 test (its form holds both M05 performance items), with the real
    module 5 alone imported: its bank and texts are all the test reads."""
    build_real_modules(tmp_path, ["05-cybersecurity-in-daily-life"])
    LearnerProfile.objects.create(user=learner, onboarding_skipped_at="2026-01-01T00:00Z")
    complete_module(learner, "M05")
    return start_attempt(learner=learner, module=Module.objects.get(code="M05"))


def _number_of(attempt: Attempt, item_id: str) -> int:
    return next(n for n, item in enumerate(attempt.form["items"], 1) if item["id"] == item_id)


def _focus(page, name: str) -> None:
    """Press Tab until the control called `name` has the focus, as a keyboard user does."""
    for _press in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == name:
            return
    raise AssertionError(f"Tab never reached {name}")


def _do_by_keyboard(page, key: dict) -> None:
    for token, value in key.items():
        _focus(page, token)
        kind = page.evaluate("document.activeElement.type")
        if kind == "radio":
            values = page.locator(f"input[name='{token}']").evaluate_all(
                "radios => radios.map(radio => radio.value)"
            )
            page.keyboard.press("Space")  # picks the first button of the group
            for _step in range(values.index(value)):
                page.keyboard.press("ArrowRight")  # and the arrows move along the group
        elif kind == "checkbox":
            if page.locator(f"input[name='{token}']").is_checked() != value:
                page.keyboard.press("Space")
        else:
            page.keyboard.type(value)
    _focus(page, "go")  # "Save and next question"
    with page.expect_navigation():
        page.keyboard.press("Enter")


def _hand_in(page, attempt: Attempt) -> None:
    page.goto(f"/test/{attempt.pk}/review/")
    click_and_wait(page, page.locator("main form button[type=submit]"))


def _task_result(page, stem_start: str) -> str:
    answers = page.locator("details:has(.answer-list)")
    if answers.get_attribute("open") is None:  # each answer is one tap away
        answers.locator("summary").click()
    answer = page.locator(".answer-list li", has_text=stem_start)
    return answer.inner_text()


def test_a_learner_does_the_inbox_and_the_settings_screen_by_keyboard_alone(
    page, live_server, attempt
):
    log_in_as(page, live_server, attempt.learner)
    page.set_viewport_size({"width": 320, "height": 640})
    inbox = _number_of(attempt, "M05-P01")
    page.goto(f"/test/{attempt.pk}/{inbox}/")
    screen = page.get_by_role("group", name="Mail: Inbox (6)", exact=True)  # the icon is hidden
    assert screen.get_by_role("radio", name="Report as phishing").count() == 6
    check_page(page)  # axe-core (WCAG 2.2 AA) and no sideways scrolling at 320 px
    key = key_for(attempt)
    _do_by_keyboard(page, key["M05-P01"])  # radio groups: Space, then the arrow keys
    page.goto(f"/test/{attempt.pk}/{_number_of(attempt, 'M05-P02')}/")
    _do_by_keyboard(page, key["M05-P02"])  # a switch, radio groups

    page.goto(f"/test/{attempt.pk}/{inbox}/")  # the screen keeps what was done
    for token, value in key["M05-P01"].items():
        assert page.locator(f"input[name='{token}'][value='{value}']").is_checked()
    _hand_in(page, attempt)
    check_page(page)
    assert "Right (6 of 6 steps done as expected)" in _task_result(page, "This is your inbox.")
    assert "Right (4 of 4 steps done as expected)" in _task_result(page, "Protect your e-mail")


def test_the_settings_screen_works_without_javascript(browser, live_server, attempt):
    context = browser.new_context(
        java_script_enabled=False, base_url=live_server.url, viewport={"width": 320, "height": 640}
    )
    page = context.new_page()
    try:
        log_in_as(page, live_server, attempt.learner)
        number = _number_of(attempt, "M05-P02")
        page.goto(f"/test/{attempt.pk}/{number}/")
        switch = page.get_by_role("switch", name="Two-step verification")
        assert not switch.is_checked()
        key = key_for(attempt)["M05-P02"]
        # Everything right but the last step: the message gets a reply with the code.
        last = list(key)[-1]
        wrong = page.locator(f"input[name='{last}']:not([value='{key[last]}'])").get_attribute(
            "value"
        )
        set_task_screen(page, {**key, last: wrong})
        click_and_wait(page, page.locator("button[name=go][value=next]"))
        page.goto(f"/test/{attempt.pk}/{number}/")
        assert page.get_by_role("switch", name="Two-step verification").is_checked()
        _hand_in(page, attempt)
        result = _task_result(page, "Protect your e-mail account.")
        assert "Partly right" in result
        assert "3 of 4 steps done as expected" in result
        assert "Never give a code to anyone" in result  # the feedback
    finally:
        context.close()


def test_the_screens_pass_axe_in_polish_and_give_away_no_answer(page, live_server, attempt):
    # A test is shown in its attempt's language whatever the interface's (#14): a Polish one.
    Attempt.objects.filter(pk=attempt.pk).update(language="pl")
    log_in_as(page, live_server, attempt.learner)
    page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": "pl", "url": live_server.url}]
    )
    page.set_viewport_size({"width": 320, "height": 640})
    for item_id in ("M05-P01", "M05-P02"):
        page.goto(f"/test/{attempt.pk}/{_number_of(attempt, item_id)}/")
        check_page(page)
        html = page.content()
        assert "expected" not in html
        assert 'value="report"' not in html
        assert 'value="keep"' not in html
    assert page.get_by_role("switch", name="Weryfikacja dwuetapowa").count() == 1
