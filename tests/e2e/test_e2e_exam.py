"""Take and pass the module 1 test, fail module 2's and meet the cooldown; axe on every page."""

import pytest

from microcred.assessment.models import Attempt
from microcred.assessment.tests.exam_helpers import complete_module, key_for
from microcred.learning.models import LearnerProfile
from tests.e2e.checks import check_page, set_task_screen

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _log_in(page, learner) -> None:
    page.goto("/accounts/login/")
    page.locator("input[name=login]").fill(learner.email)
    page.locator("input[name=password]").fill("correct horse battery staple")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url("**/learn/")


def _answer(page, item: dict, answer) -> None:
    kind = item["type"]
    if kind in {"single_choice", "true_false"}:
        value = ("true" if answer else "false") if kind == "true_false" else answer
        page.locator(f"input[name=answer][value='{value}']").check()
    elif kind == "multiple_response":
        for token in answer:
            page.locator(f"input[name=answer][value='{token}']").check()
    elif kind == "matching":
        for left, right in answer.items():
            page.locator(f"select[name='match-{left}']").select_option(right)
    elif kind == "ordering":
        for place, token in enumerate(answer, 1):
            page.locator(f"select[name='position-{token}']").select_option(str(place))
    elif kind == "task":
        set_task_screen(page, answer)
    else:
        page.locator("input[name=answer]").fill(str(answer))


def _take(page, code: str, *, right: bool) -> None:
    page.goto(f"/course/{code}/test/")
    check_page(page)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/test/*/1/")
    attempt = Attempt.objects.get(module__code=code, submitted_at__isnull=True)
    key = key_for(attempt)
    for number, item in enumerate(attempt.form["items"], 1):
        if number <= 2:
            check_page(page)
        if right:
            _answer(page, item, key[item["id"]])
        page.locator("button[name=go][value=next]").click()
        page.wait_for_load_state()
    assert "/review/" in page.url
    check_page(page)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/result/")
    check_page(page)


def test_pass_one_test_fail_another_and_wait_for_the_cooldown(page, learner, real_first_modules):
    LearnerProfile.objects.create(user=learner, onboarding_skipped_at="2026-01-01T00:00Z")
    complete_module(learner, "M01")
    complete_module(learner, "M02")
    _log_in(page, learner)

    _take(page, "M01", right=True)
    assert page.locator("h1").inner_text() == "Congratulations, you passed!"

    _take(page, "M02", right=False)
    assert page.locator("h1").inner_text() == "Not passed yet"
    page.goto("/course/M02/test/")
    check_page(page)
    assert "You can try again from" in page.locator("main .notice").inner_text()
    assert page.locator("main form button[type=submit]").count() == 0
