"""The trust list pages and the verdicts other than "valid", in a real browser with axe-core."""

import json

import pytest

from microcred.credentials.tests.test_verdicts import foreign_credential
from tests.e2e.checks import check_page, click_and_wait, log_in_as
from vckit import did

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_an_admin_keeps_the_trust_list_and_employers_read_each_verdict(page, live_server,
                                                                        platform_admin):
    key = did.generate_issuer_key()
    signer = key.verification_method.split("#", 1)[0]
    log_in_as(page, live_server, platform_admin)
    page.goto("/staff/trust/")
    check_page(page)
    page.goto("/staff/trust/add/")
    page.locator("input[name=did]").fill("not a did")
    click_and_wait(page, page.locator("main form button[type=submit]"))
    check_page(page)  # the form with its error
    page.locator("input[name=did]").fill(signer)
    page.locator("input[name=name]").fill("Universidade Exemplo")
    page.locator("select[name=country]").select_option("PT")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/staff/trust/")
    assert "Universidade Exemplo" in page.locator("main table").inner_text()
    page.goto("/staff/trust/import/")
    page.locator("input[name=file]").set_input_files(files=[{
        "name": "trust.json", "mimeType": "application/json",
        "buffer": json.dumps([{"did": "bad", "name": "X", "country": "PT"}]).encode()}])
    click_and_wait(page, page.locator("main form button[type=submit]"))
    assert "1 row read, 1 skipped." in page.locator("main").inner_text()
    check_page(page)
    page.locator("footer form button[type=submit]").click()  # log out
    page.wait_for_load_state()

    trusted = foreign_credential(key)
    unknown = foreign_credential(did.generate_issuer_key())
    forged = json.loads(json.dumps(trusted))
    forged["name"] = "Changed"
    for document, headline in ((trusted, "Valid"), (unknown, "Issuer unknown"),
                               (forged, "Changed or forged")):
        page.goto("/verify/")
        page.locator("textarea[name=text]").fill(json.dumps(document))
        click_and_wait(page, page.locator("main button[type=submit]"))
        assert page.locator("h1").inner_text().startswith(headline)
        check_page(page)
