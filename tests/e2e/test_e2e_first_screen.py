"""On a small old phone (320 x 640) every learner page shows its own title and the start of its
content on the first screen, in all seven languages, and the menu, language and text size stay
one tap away (issue #18)."""

import pytest
from django.conf import settings
from django.core.management import call_command

from microcred.assessment.models import Attempt
from microcred.assessment.services import start_attempt, submit_attempt
from microcred.assessment.tests.exam_helpers import complete_module
from microcred.credentials.tests.conftest import pass_module
from microcred.curriculum.models import Module
from microcred.learning.models import LearnerProfile
from tests.e2e.checks import check_page, log_in_as, open_menu

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE = {"width": 320, "height": 640}
LANGUAGES = [code for code, _name in settings.LANGUAGES]

# The first element of the page's content after its title, where that is not simply the next one.
FIRST_SCREEN_JS = """
(contentSelector) => {
  const main = document.querySelector("main");
  const h1 = main.querySelector("h1");
  const visible = (el) => {
    const box = el.getBoundingClientRect();
    return box.height > 0 && box.width > 0 && getComputedStyle(el).visibility !== "hidden";
  };
  let content = contentSelector ? main.querySelector(contentSelector) : null;
  if (!content) {
    const walker = document.createTreeWalker(main, NodeFilter.SHOW_ELEMENT);
    walker.currentNode = h1;
    let node;
    while ((node = walker.nextNode())) {
      if (!h1.contains(node) && visible(node) && node.textContent.trim()) { content = node; break; }
    }
  }
  const box = (el) => {
    const r = el.getBoundingClientRect();
    return {top: r.top, bottom: r.bottom};
  };
  return {h1: box(h1), content: box(content), tag: content.outerHTML.slice(0, 80)};
}
"""
# The start of the content is on screen: its top plus about two lines of text.
TWO_LINES = 48


def phone_page(browser, live_server, **options):
    context = browser.new_context(viewport=PHONE, base_url=live_server.url, locale="en-GB",
                                  **options)
    context.set_default_timeout(15_000)
    return context.new_page()


def _learner_with_history(learner) -> dict[str, str]:
    """A learner who holds M01's credential and failed M02's test: every learner page exists
    (with `real_first_modules`: the real texts of those modules, in every language)."""
    LearnerProfile.objects.create(user=learner, onboarding_skipped_at="2026-01-01T00:00Z")
    passed = pass_module(learner)
    complete_module(learner, "M02")
    failed = submit_attempt(attempt=start_attempt(learner=learner,
                                                  module=Module.objects.get(code="M02")))
    call_command("db_worker", "--batch", "--no-startup-delay")
    assert Attempt.objects.get(pk=failed.pk).passed is False
    return {
        "home": "/",
        "my learning": "/learn/",
        "module": "/course/M01/",
        "lesson": "/course/M01/01-devices-systems-and-apps/",
        "test overview": "/course/M02/test/",
        "passed result": f"/test/{passed.pk}/result/",
        "failed result": f"/test/{failed.pk}/result/",
        "wallet": "/credentials/",
        "profile": "/account/",
    }


CONTENT = {"lesson": "#lesson-body > *"}  # the lesson's text itself, not its reading time


def test_every_learner_page_shows_its_title_and_content_on_the_first_screen(
        browser, live_server, learner, real_first_modules):
    pages = _learner_with_history(learner)
    page = phone_page(browser, live_server)
    log_in_as(page, live_server, learner)
    too_low = []
    for language in LANGUAGES:
        page.context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": language,
                                   "url": live_server.url}])
        for name, url in pages.items():
            page.goto(url)
            assert page.locator("html").get_attribute("lang") == language
            boxes = page.evaluate(FIRST_SCREEN_JS, CONTENT.get(name))
            if boxes["h1"]["bottom"] > PHONE["height"] or (
                    boxes["content"]["top"] + TWO_LINES > PHONE["height"]):
                too_low.append((language, name, boxes))
            if language in {"en", "el", "pt"}:
                check_page(page)
    page.context.close()
    assert too_low == []


@pytest.mark.parametrize("language", ["en", "el", "pt"])
def test_the_menu_language_and_text_size_are_one_tap_away_on_a_phone(
        browser, live_server, learner, language, real_first_modules):
    LearnerProfile.objects.create(user=learner, onboarding_skipped_at="2026-01-01T00:00Z")
    page = phone_page(browser, live_server, java_script_enabled=False)  # <details> needs none
    log_in_as(page, live_server, learner)
    page.context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": language,
                               "url": live_server.url}])
    page.goto("/course/M01/01-devices-systems-and-apps/")
    summary = page.locator("header details.site-menu summary")
    assert summary.bounding_box()["y"] < 60
    # By keyboard: skip link, brand, then the menu, which Enter opens.
    for _ in range(3):
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('site-menu__button')")
    page.keyboard.press("Enter")
    assert page.locator("header details.site-menu").get_attribute("open") is not None
    assert page.locator("header nav a[href='/learn/']").is_visible()
    assert page.locator("#language-select").is_visible()
    with page.expect_navigation():
        page.locator("header .text-size-form button").click()
    assert page.locator("body.text-large").count() == 1
    assert page.url.endswith("/course/M01/01-devices-systems-and-apps/")
    open_menu(page)
    page.locator("#language-select").select_option("de")
    with page.expect_navigation():
        page.locator("header .language-form button").click()
    assert page.locator("html").get_attribute("lang") == "de"
    page.context.close()

    # The same open menu passes axe-core (which needs JavaScript to run).
    page = phone_page(browser, live_server)
    log_in_as(page, live_server, learner)
    page.goto("/course/M01/")
    open_menu(page)
    check_page(page)
    page.context.close()
