"""The learner journey on a small phone: sign up, onboarding, a whole module, come back later.

Selectors use form field names and page structure, not visible text, so the same journey runs
in English and in Polish; axe-core checks every page on the way.
"""


import pytest

from microcred.demo.data import load_course
from tests.e2e.checks import check_page, emailed_code, open_menu

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _submit(page, form_selector: str = "main form") -> None:
    page.locator(f"{form_selector} button[type=submit]").first.click()
    page.wait_for_load_state()


def _sign_up(page, email: str, language: str) -> None:
    page.goto("/")
    if language != "en":
        open_menu(page)
        page.locator("#language-select").select_option(language)
        page.locator(".language-form button").click()
        page.wait_for_load_state()
    page.goto("/accounts/signup/")
    check_page(page)
    page.locator("input[name=email]").fill(email)
    page.locator("input[name=full_name]").fill("Ewa Nowak")
    _submit(page)
    check_page(page)
    page.locator("input[name=code]").fill(emailed_code())
    _submit(page)
    page.wait_for_url("**/welcome/language/")


def _onboarding(page, language: str) -> None:
    check_page(page)
    page.locator(f"input[name=language][value={language}]").check()
    _submit(page)
    check_page(page)
    page.locator("input[name=partner]").first.check()
    _submit(page)
    page.locator("input[name=employment_status][value=job_seeking]").check()
    _submit(page)
    check_page(page)
    page.locator("input[name=can_do][value=wifi]").check()
    _submit(page)
    check_page(page)
    page.locator("input[name=consent][value=yes]").check()
    _submit(page)
    page.wait_for_url("**/welcome/done/")
    check_page(page)


def _finish_lesson(page) -> None:
    page.locator("form.lesson-done button").click()
    page.wait_for_load_state()


@pytest.mark.parametrize("language", ["en", "pl"])
def test_the_whole_learner_journey(page, partner, other_partner, language):
    load_course()
    _sign_up(page, f"ewa-{language}@example.org", language)
    _onboarding(page, language)

    page.goto("/course/M01/")
    check_page(page)
    assert page.locator("html").get_attribute("lang") == language
    page.locator("main a.button--big").click()  # start the module
    lessons = 0
    while "/complete/" not in page.url:
        check_page(page)
        assert page.locator("article.lesson").get_attribute("lang") is None  # own language
        if lessons == 0:  # answer the in-lesson question: wrong, then right
            page.locator("#check input[type=radio]").first.check()
            page.locator("#check button[type=submit]").click()
            page.wait_for_load_state()
            assert page.locator("#check [role=status]").count() == 1
            check_page(page)
        _finish_lesson(page)
        lessons += 1
    assert lessons == 5
    check_page(page)  # module complete: the test is unlocked
    assert page.locator("[role=status].message--success").count() == 1

    # Start module 2, read one lesson, then leave.
    page.goto("/course/M02/")
    page.locator("main a.button--big").click()
    second_lesson = page.url
    _finish_lesson(page)
    expected = page.url
    assert expected != second_lesson
    page.locator("footer form button[type=submit]").click()
    page.wait_for_load_state()

    # Back on another day: log in with a code and continue exactly there.
    page.goto("/accounts/login/code/")
    page.locator("input[name=email]").fill(f"ewa-{language}@example.org")
    _submit(page)
    page.locator("input[name=code]").fill(emailed_code())
    _submit(page)
    page.wait_for_url("**/learn/")
    check_page(page)
    page.locator("main .hero a.button--big").click()
    page.wait_for_load_state()
    assert page.url == expected


def test_the_journey_works_by_keyboard_alone(page, partner):
    load_course()
    _sign_up(page, "keys@example.org", "en")
    page.goto("/welcome/consent/")
    page.locator("input[name=consent][value=yes]").focus()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")  # the reminders box
    page.keyboard.press("Tab")  # Finish
    page.keyboard.press("Enter")
    page.wait_for_url("**/welcome/done/")
    page.locator("main a.button--big").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/course/M01/**")
    # Reach "Done, next lesson" with Tab only and press it with Enter.
    start = page.url
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('form.lesson-done') !== null"):
            break
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: url != start)
    check_page(page)


def test_a_lesson_page_is_light(page, learner):
    """Under 150 KB transferred without images, and no request leaves the site."""
    load_course()
    page.goto("/accounts/login/")
    page.locator("input[name=login]").fill(learner.email)
    page.locator("input[name=password]").fill("correct horse battery staple")
    _submit(page)
    sizes: list[int] = []
    hosts: set[str] = set()

    def on_response(response) -> None:
        hosts.add(response.url.split("/")[2])
        if response.request.resource_type != "image":
            sizes.append(len(response.body()))

    page.on("response", on_response)
    page.goto("/course/M01/01-devices-systems-and-apps/")
    page.wait_for_load_state("networkidle")
    assert sum(sizes) < 150_000, sizes
    assert len(hosts) == 1
