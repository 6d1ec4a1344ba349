"""A newcomer signs up with a one-time code, logs in again and reads the site in Polish, Greek."""

import re

import pytest
from django.core import mail

from tests.e2e.checks import check_page, click_and_wait, open_menu

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _latest_code() -> str:
    match = re.search(r"^\s*([A-Z0-9]{4,}(?:-[A-Z0-9]+)*)\s*$", mail.outbox[-1].body, re.M)
    assert match, mail.outbox[-1].body
    return match.group(1)


def test_sign_up_with_a_code_log_in_again_and_switch_language(page, partner):
    page.goto("/")
    check_page(page)
    click_and_wait(page, page.get_by_role("link", name="Start learning for free"))
    check_page(page)
    page.get_by_label("Email").fill("nadia@example.org")
    page.get_by_label("Your name").fill("Nadia Petrova")
    page.get_by_role("button", name="Sign Up").click()

    # allauth asks for the code it just e-mailed.
    page.wait_for_url("**/accounts/confirm-email/**")
    check_page(page)
    page.get_by_label("Code").fill(_latest_code())
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_url("**/welcome/language/")
    check_page(page)
    page.get_by_role("button", name="Skip these questions for now").click()
    page.wait_for_url("**/learn/")
    check_page(page)
    open_menu(page)
    click_and_wait(page, page.get_by_role("link", name="My account"))
    assert page.get_by_role("heading", level=1).inner_text() == "Hello, Nadia"
    check_page(page)

    page.get_by_role("button", name="Log out").click()
    page.wait_for_url(lambda url: "/account/" not in url)

    open_menu(page)
    click_and_wait(page, page.get_by_role("link", name="Log in"))
    check_page(page)
    click_and_wait(page, page.get_by_role("link", name="Send me a sign-in code"))
    check_page(page)
    page.get_by_label("Email").fill("nadia@example.org")
    page.get_by_role("button", name="Request Code").click()
    page.wait_for_url("**/login/code/confirm/**")
    check_page(page)
    page.get_by_label("Code").fill(_latest_code())
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_url("**/learn/")

    open_menu(page)
    page.get_by_label("Language").select_option("pl")
    page.get_by_role("button", name="Change language").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "pl"
    open_menu(page)
    assert page.get_by_role("link", name="Moje konto").is_visible()
    check_page(page)
    check_page(page)
    click_and_wait(page, page.get_by_role("link", name="Kontakt"))
    check_page(page)

    open_menu(page)
    page.get_by_label("Język").select_option("el")
    page.get_by_role("button", name="Zmień język").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "el"
    check_page(page)
    open_menu(page)
    page.locator("nav").get_by_role("link").nth(2).click()  # the About page, in Greek
    check_page(page)


def test_public_pages_are_accessible_at_320_pixels(page, partner):
    page.set_viewport_size({"width": 320, "height": 640})
    for path in ["/", "/about/", "/news/", "/contact/", "/accounts/login/", "/accounts/signup/"]:
        page.goto(path)
        check_page(page)


def test_the_contact_form_shows_errors_next_to_fields(page):
    page.goto("/contact/")
    click_and_wait(page, page.get_by_role("button", name="Send message"))
    assert page.locator(".field--error").count() >= 3
    check_page(page)


def test_everything_works_by_keyboard_alone(page):
    page.goto("/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
