"""A learner adds a credential to their EU Digital Identity Wallet: the offer page shows a QR
code, a same-device link and, when asked for, says a code was e-mailed; accessible, no JS."""

import pytest
from django.core import mail

from tests.e2e.checks import check_page, click_and_wait, open_wallet_with_a_credential

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_learner_gets_a_qr_code_and_a_link_for_their_eu_wallet(page, learner,
                                                                real_first_modules):
    open_wallet_with_a_credential(page, learner)
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
