"""A learner adds a credential to their EU Digital Identity Wallet: the offer page shows a QR
code, a same-device link and, when asked for, says a code was e-mailed; accessible, no JS."""

import pytest
from django.core import mail
from django.core.management import call_command

from microcred.credentials.tests.conftest import pass_module
from microcred.demo.data import load_course
from microcred.learning.models import LearnerProfile
from tests.e2e.checks import check_page, click_and_wait

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_learner_gets_a_qr_code_and_a_link_for_their_eu_wallet(page, learner):
    from django.conf import settings

    from microcred.assessment.banks import import_item_banks

    load_course()
    import_item_banks(path=settings.CURRICULUM_CONTENT_DIR)
    LearnerProfile.objects.create(user=learner, onboarding_skipped_at="2026-01-01T00:00Z")
    pass_module(learner)
    call_command("db_worker", "--batch", "--no-startup-delay")

    page.goto("/accounts/login/")
    page.locator("input[name=login]").fill(learner.email)
    page.locator("input[name=password]").fill("correct horse battery staple")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url("**/learn/")
    page.goto("/credentials/")
    check_page(page)
    assert page.get_by_text("EU Digital Identity Wallet", exact=True).count() == 1
    page.get_by_label("Also send me a code by e-mail that the wallet will ask for").check()
    click_and_wait(page, page.get_by_role("button", name="Add to my EU Digital Identity Wallet"))

    assert page.locator("h1").inner_text() == "Add to my EU Digital Identity Wallet"
    assert page.get_by_role("img", name="QR code for your EU Digital Identity Wallet").count() == 1
    link = page.get_by_role("link", name="Open my wallet app on this device")
    assert link.get_attribute("href").startswith("openid-credential-offer://?credential_offer=")
    assert page.get_by_text("We sent a code to your e-mail address.").count() == 1
    assert mail.outbox[-1].to == [learner.email]
    check_page(page)
