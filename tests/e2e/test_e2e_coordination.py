"""A partner coordinator enrols learners from a spreadsheet on a 320 px wide phone.

The first file has a bad line: the page lists it and adds nobody. The coordinator fixes the
file, sends it again, then finds the new learner in the list and opens their page. Every page
is axe-checked and must not scroll sideways. Staff need MFA: the persona has an authenticator,
and the session made with Django's test client is copied into the browser.
"""

import pytest

from microcred.accounts.models import User
from tests.e2e.checks import check_page, log_in_as

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BAD = ("e-mail;full name;language;employment status\n"
       "jan.kowalski@example.org;Jan Kowalski;pl;job_seeking\n"
       "ewa.nowak(at)example.org;Ewa Nowak;pl;employed\n")
FIXED = BAD.replace("ewa.nowak(at)example.org", "ewa.nowak@example.org")


def _send(page, text: str) -> None:
    page.locator("input[name=file]").set_input_files(files=[{
        "name": "learners.csv", "mimeType": "text/csv", "buffer": text.encode("utf-8")}])
    page.locator("main form[enctype] button[type=submit]").click()
    page.wait_for_load_state()


def test_a_coordinator_imports_a_list_fixes_a_bad_line_and_finds_the_learner(
    page, live_server, coordinator, learner
):
    page.set_viewport_size({"width": 320, "height": 640})
    log_in_as(page, live_server, coordinator)
    page.goto("/account/")
    check_page(page)
    page.locator("main a[href='/partner/learners/import/']").click()
    page.wait_for_load_state()
    check_page(page)

    _send(page, BAD)
    problems = page.locator(".error-summary").inner_text()
    assert "Nobody was added" in problems
    assert "Line 3: “ewa.nowak(at)example.org” is not a valid e-mail address." in problems
    check_page(page)
    assert not User.objects.filter(email="jan.kowalski@example.org").exists()

    _send(page, FIXED)
    assert "2 new learners added to Fundacja Cyfrowa Szansa." in page.locator("main").inner_text()
    check_page(page)

    page.goto("/partner/learners/")
    check_page(page)
    page.locator("input[name=q]").fill("Kowalski")
    page.locator("form[role=search] button[type=submit]").click()
    page.wait_for_load_state()
    check_page(page)
    rows = page.locator("main tbody tr")
    assert rows.count() == 1
    rows.first.locator("a", has_text="Jan Kowalski").click()
    page.wait_for_load_state()
    check_page(page)
    assert page.locator("h1").inner_text() == "Jan Kowalski"
    assert "I am looking for a job" in page.locator("main").inner_text()
