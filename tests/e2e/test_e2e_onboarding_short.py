"""Onboarding on a small phone: five short steps at most, and a suggested module other than the
first says why in one sentence and offers module 1 as well (issue #18)."""

import pytest
from django.conf import settings

from microcred.demo.data import load_course
from tests.e2e.checks import check_page, log_in_as
from tests.e2e.test_e2e_first_screen import FIRST_SCREEN_JS, PHONE, TWO_LINES, phone_page

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _submit(page) -> None:
    with page.expect_navigation():
        page.locator("main form .form-actions button[type=submit]").click()


@pytest.mark.parametrize("language", ["en", "el", "pt"])
def test_onboarding_takes_five_short_steps_and_explains_the_suggestion(
        browser, live_server, learner, partner, language):
    load_course()
    page = phone_page(browser, live_server)
    log_in_as(page, live_server, learner)
    page.context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": language,
                               "url": live_server.url}])
    page.goto("/learn/")
    steps = 0
    while "/welcome/done/" not in page.url:
        steps += 1
        assert steps <= 5, page.url
        check_page(page)
        # Each step is short: its title and the start of what it asks are on the first screen.
        boxes = page.evaluate(FIRST_SCREEN_JS, None)
        assert boxes["h1"]["bottom"] <= PHONE["height"], page.url
        assert boxes["content"]["top"] + TWO_LINES <= PHONE["height"], page.url
        step = page.url.rstrip("/").rsplit("/", 1)[-1]
        if step == "language":
            page.locator(f"input[name=language][value={language}]").check()
        elif step == "partner":
            page.locator("input[name=partner]").first.check()
        elif step == "work":
            page.locator("input[name=employment_status][value=job_seeking]").check()
        elif step == "skills":  # can do modules 1 to 3's tasks on their own, not module 4's
            for task in ["wifi", "email", "search", "video_call"]:
                page.locator(f"input[name=can_do][value={task}]").check()
        elif step == "consent":
            page.locator("input[name=consent][value=yes]").check()
        _submit(page)
    assert steps == 5

    check_page(page)
    reason = page.locator("main .suggestion-reason")
    assert reason.count() == 1
    assert "/course/M01/" in page.locator("main a[href='/course/M01/']").first.get_attribute(
        "href")
    if language == "en":
        assert reason.inner_text() == (
            "We suggest this module because it teaches a task you did not tick: “I can log in "
            "to a public service online, for example for taxes or health, with my digital "
            "identity.”")
    page.goto("/learn/")
    assert page.locator("main .hero .suggestion-reason").count() == 1
    check_page(page)
    page.context.close()
