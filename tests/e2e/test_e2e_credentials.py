"""After passing a test: the credential in the wallet, its PDF, and the employer's check page."""

import pytest

from tests.e2e.checks import check_page, click_and_wait, open_wallet_with_a_credential

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_wallet_certificate_and_verification(page, learner, real_first_modules):
    open_wallet_with_a_credential(page, learner)
    check_page(page)
    page.locator("main details summary").first.click()
    check_page(page)
    with page.expect_download() as download:
        page.locator("a[href$='.pdf']").first.click()
    assert download.value.suggested_filename == "M01.pdf"

    page.locator("main form button[type=submit]").first.click()  # create a public link
    page.wait_for_load_state()
    share = page.locator("main a[href*='/c/']").first.get_attribute("href")
    share = "/c/" + share.split("/c/", 1)[1]  # absolute links use SITE_URL, not the test server
    page.locator("footer form button[type=submit]").click()  # log out
    page.wait_for_load_state()
    page.goto(share)
    check_page(page)
    assert page.locator("h1").inner_text().startswith("Valid")
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto("/verify/")
    check_page(page)
    click_and_wait(page, page.locator("main button[type=submit]"))
    assert page.locator(".error-summary").count() == 1
    check_page(page)
