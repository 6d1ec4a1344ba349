"""A partner coordinator imports a Moodle XML export with mixed question types, in a real browser
at 320 px: the report lists what cannot be imported and why, the categories are mapped to
outcomes, only the confirmation saves the questions as a new draft version, and the coordinator
sends it to the Advisory Board, whose members find it in review. Axe on each page.
"""

from pathlib import Path

import pytest

from microcred.assessment.models import ItemBank
from microcred.curriculum.models import Module
from microcred.demo.data import load_course
from tests.e2e.checks import check_page, click_and_wait, log_in_as

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

FIXTURE = (Path(__file__).resolve().parents[2] / "microcred" / "assessment" / "tests"
           / "fixtures" / "moodle-mixed.xml")


def test_a_coordinator_maps_categories_reads_the_report_and_confirms(
        page, live_server, coordinator, board, review_defaults):
    load_course()
    module = Module.objects.get(code="M05")
    page.set_viewport_size({"width": 320, "height": 640})
    log_in_as(page, live_server, coordinator)
    page.goto("/staff/tests/import/")
    check_page(page)
    page.locator("main select[name=module]").select_option(str(module.pk))
    page.locator("main select#id_language").select_option("en")
    page.locator("main select[name=file_format]").select_option("moodle")
    page.locator("input[name=file]").set_input_files(str(FIXTURE))
    click_and_wait(page, page.get_by_role("button", name="Import", exact=True))

    main = page.locator("main").inner_text()
    assert "8 questions can be imported." in main
    assert "8 questions cannot be imported." in main
    assert "essay questions are not used for certification tests" in main
    assert "Drop-down gaps" in main
    assert "text in fr is left out" in main
    assert ItemBank.objects.filter(module=module).count() == 1  # nothing saved yet
    check_page(page)

    # Confirming without choosing keeps the page and saves nothing.
    click_and_wait(page, page.get_by_role("button", name="Import these questions"))
    assert page.locator(".field--error").count() == 2
    assert ItemBank.objects.filter(module=module).count() == 1
    first = page.locator("select[name=category-0]")
    numbers = page.locator("select[name=category-1]")
    assert first.evaluate("s => s.labels[0].textContent").startswith(
        "$course$/top/Default for Digital skills for adults")
    first.select_option("M05-LO1")
    numbers.select_option("M05-LO2")
    check_page(page)
    click_and_wait(page, page.get_by_role("button", name="Import these questions"))
    assert "8 questions added to a new draft" in page.locator(".messages").inner_text()
    check_page(page)
    bank = ItemBank.objects.filter(module=module).order_by("-number").first()
    assert bank.version.state == "draft"  # it goes to the Advisory Board like any change
    assert "Które hasło jest najsilniejsze?" in bank.source

    # The coordinator sends the new version to the Board, whose members then find it in review.
    version = bank.version
    page.goto(f"/review/versions/{version.pk}/")
    check_page(page)
    assert "Exam item bank" in page.locator("main").inner_text()
    page.locator("textarea[name=note]").fill("Questions from our Moodle.")
    click_and_wait(page, page.locator(f"form[action$='/{version.pk}/submit/'] button"))
    assert "is now in review" in page.locator(".messages").inner_text()
    version.refresh_from_db()
    assert version.state == "in_review"
    log_in_as(page, live_server, board[0])
    page.goto("/review/")
    check_page(page)
    row = page.locator("main tr", has_text=f"M05 v{version.number}")
    assert "In review: waiting for" in row.inner_text()
    page.goto(f"/review/versions/{version.pk}/exam/?language=pl")
    check_page(page)
    assert "Które hasło jest najsilniejsze?" in page.locator("main").inner_text()
