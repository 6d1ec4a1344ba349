"""A learner who logs in with e-mailed codes downloads their data, then deletes their account.

On a 320 px wide screen, axe-core checks every page on the way.
"""

import json
from pathlib import Path

import pytest

from microcred.accounts.models import AccountDeletion, User
from microcred.accounts.services import record_consent
from microcred.learning.models import LearnerProfile
from tests.e2e.checks import check_page, emailed_code

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _submit(page, form_selector: str = "main form") -> None:
    page.locator(f"{form_selector} button[type=submit]").first.click()
    page.wait_for_load_state()


def test_download_my_data_then_delete_my_account(page, learner):
    learner.set_unusable_password()  # like most learners: codes by e-mail, no password
    learner.save()
    LearnerProfile.objects.create(user=learner, onboarding_skipped_at="2026-01-01T00:00Z")
    record_consent(user=learner, given=True)
    page.set_viewport_size({"width": 320, "height": 640})

    page.goto("/accounts/login/code/")
    page.locator("input[name=email]").fill(learner.email)
    _submit(page)
    page.locator("input[name=code]").fill(emailed_code())
    _submit(page)
    page.wait_for_url("**/learn/")

    page.goto("/account/")
    check_page(page)
    page.locator("main a[href='/account/consent/']").click()
    page.wait_for_load_state()
    check_page(page)
    page.locator("main button[name=consent][value=no]").click()
    page.wait_for_load_state()
    check_page(page)
    assert not learner.consents.filter(withdrawn_at__isnull=True).exists()

    page.goto("/account/")
    page.locator("main a[href='/account/data/']").click()
    page.wait_for_load_state()
    check_page(page)
    with page.expect_download() as download:
        page.locator("main form[action='/account/data/download/'] button").click()
    assert download.value.suggested_filename.startswith("microcred-my-data-")
    data = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert data["account"]["email"] == learner.email
    assert data["consents"][0]["withdrawn_at"]

    page.locator("main a[href='/account/delete/']").click()
    page.wait_for_load_state()
    check_page(page)
    page.locator("main a[href^='/account/confirm-it-is-you/']").click()
    page.wait_for_load_state()
    check_page(page)
    page.locator("main button[name=action][value=send]").click()
    page.wait_for_load_state()
    check_page(page)
    page.locator("input[name=code]").fill(emailed_code())
    _submit(page, "main form.stack-form")
    page.wait_for_url("**/account/delete/")
    check_page(page)

    page.locator("input[name=confirmation]").fill("not-me@example.org")
    _submit(page, "main form.stack-form")
    assert page.locator(".errorlist").count() == 1
    check_page(page)
    page.locator("input[name=confirmation]").fill(learner.email)
    _submit(page, "main form.stack-form")
    page.wait_for_url("**/account/deleted/")
    check_page(page)
    assert page.locator("h1").inner_text() == "Your account is deleted"
    assert not User.objects.filter(pk=learner.pk).exists()
    assert AccountDeletion.objects.count() == 1
