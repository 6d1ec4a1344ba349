"""An issuer, with the keyboard only, checks what a bulk issuance will issue, issues it, finds
the credential with the list's filters and revokes it after choosing a reason. Every page is
axe-checked and fits a 320 px wide phone."""

import pytest

from microcred.credentials.models import IssuedCredential
from microcred.credentials.tests.conftest import pass_module
from tests.e2e.checks import check_page, log_in_as

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _press_enter_on(page, locator) -> None:
    locator.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_load_state()


def test_an_issuer_previews_issues_finds_and_revokes_with_the_keyboard(
    page, live_server, issuer, learner, small_course
):
    # Any passed module will do: the pages are about issuing, not about the real content.
    pass_module(learner)
    page.set_viewport_size({"width": 320, "height": 640})
    log_in_as(page, live_server, issuer)
    page.goto("/staff/credentials/")
    check_page(page)

    _press_enter_on(page, page.get_by_role("button", name="Check what will be issued"))
    assert "1 credential will be issued and signed" in page.locator("main").inner_text()
    assert not IssuedCredential.objects.exists()
    check_page(page)
    _press_enter_on(page, page.get_by_role("button", name="Issue 1 credential"))
    assert "1 credential issued." in page.locator("body").inner_text()
    check_page(page)

    page.get_by_label("Learner (name or e-mail)").fill("anna")
    page.get_by_label("Status").select_option("valid")
    _press_enter_on(page, page.get_by_role("button", name="Search", exact=True))
    assert "1 credential found." in page.locator("main").inner_text()
    check_page(page)

    _press_enter_on(page, page.locator("main tbody a", has_text="Revoke"))
    check_page(page)
    _press_enter_on(page, page.get_by_role("button", name="Revoke this credential"))
    assert "Nothing was revoked" in page.locator("main").inner_text()  # no reason yet
    check_page(page)
    page.get_by_label("Issued by mistake").check()
    page.get_by_label("Explain in a sentence").fill("Issued for the wrong module.")
    _press_enter_on(page, page.get_by_role("button", name="Revoke this credential"))
    assert "The credential is revoked" in page.locator("body").inner_text()
    assert "Issued for the wrong module." in page.locator("main").inner_text()
    check_page(page)
    assert IssuedCredential.objects.get().revoked_at is not None
