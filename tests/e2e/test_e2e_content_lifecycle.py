"""One module's whole life in a real browser, from the partner's files to two learners' tests.

The partner edits an exam item in items.yaml and a lesson on disk and imports them the way staff
do (`manage.py import_curriculum`); the new version goes to the Advisory Board, a reviewer
comments on the edited item and requests changes, a fixed version is imported and submitted,
two Board members approve it, a content manager publishes it. A learner who starts the test
afterwards gets the new item; one who started on the old version finishes on its bank.
Every page visited is axe-checked.
"""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from microcred.assessment.banks import bank_of
from microcred.assessment.models import Attempt
from microcred.assessment.tests.exam_helpers import complete_module, key_for
from microcred.curriculum.models import Module, ModuleVersion, VersionState
from microcred.curriculum.services import import_curriculum
from microcred.curriculum.tests.content_tree import write_curriculum
from microcred.learning.models import LearnerProfile
from microcred.testing.course import publish_without_review
from microcred.testing.factories import UserFactory
from tests.e2e.checks import check_page, log_in_as

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True),
              pytest.mark.usefixtures("review_defaults")]

OLD_STEM = "Which one is a browser?"
UNCLEAR_STEM = "Which one opens pages?"
NEW_STEM = "Which app opens web pages?"
OLD_LESSON = "Open the browser. Type a word."
NEW_LESSON = "Open the browser. Type a word. Press Enter."


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, path
    path.write_text(text.replace(old, new), encoding="utf-8")


def _import_as_staff_do(root: Path) -> ModuleVersion:
    """`manage.py import_curriculum <folder>`: one new draft of M01."""
    output = StringIO()
    call_command("import_curriculum", str(root), stdout=output)
    assert "1 module(s) got a new draft version" in output.getvalue()
    return ModuleVersion.objects.get(module__code="M01", state=VersionState.DRAFT)


def _submit(page, form_selector: str) -> None:
    page.locator(f"{form_selector} button[type=submit]").first.click()
    page.wait_for_load_state()


def _message(page) -> str:
    return page.locator(".messages").inner_text()


def _questions_answered(page, attempt: Attempt) -> str:
    """From question 1, answer every question rightly and submit; return the questions' text.

    The test module's bank holds a true/false and a single-choice item."""
    key = key_for(attempt)
    seen = []
    for item in attempt.form["items"]:
        check_page(page)
        seen.append(page.locator("main").inner_text())
        answer = key[item["id"]]
        if item["type"] == "true_false":
            answer = "true" if answer else "false"
        page.locator(f"input[name=answer][value='{answer}']").check()
        page.locator("button[name=go][value=next]").click()
        page.wait_for_load_state()
    assert "/review/" in page.url
    check_page(page)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/result/")
    check_page(page)
    assert page.locator("h1").inner_text() == "Congratulations, you passed!"
    return "\n".join(seen)


def test_an_edited_item_goes_through_the_board_and_reaches_new_learners_only(
    page, live_server, tmp_path, learner, partner, coordinator, board, content_manager
):
    root = write_curriculum(tmp_path, modules=1, items=True)
    items = root / "01-module-1" / "items.yaml"
    lesson = root / "01-module-1" / "en" / "01-first-steps.md"
    import_curriculum(path=root)
    v1 = publish_without_review(ModuleVersion.objects.get(module__code="M01"))
    v1_bank = bank_of(v1)

    # Learner A starts the test on v1 and leaves it open at its first question.
    LearnerProfile.objects.create(user=learner, onboarding_skipped_at="2026-01-01T00:00Z")
    complete_module(learner, "M01")
    log_in_as(page, live_server, learner)
    page.goto("/course/M01/test/")
    check_page(page)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/test/*/1/")
    check_page(page)
    open_attempt = Attempt.objects.get(learner=learner, submitted_at__isnull=True)
    assert (open_attempt.module_version, open_attempt.bank) == (v1, v1_bank)

    # The partner rewrites an item's stem and a lesson, and imports: a new draft appears...
    _edit(items, f'stem: {{en: "{OLD_STEM}"', f'stem: {{en: "{UNCLEAR_STEM}"')
    _edit(lesson, OLD_LESSON, NEW_LESSON)
    v2 = _import_as_staff_do(root)
    assert v2.number == 2
    assert bank_of(v2) not in (None, v1_bank)

    # ...which the partner's coordinator submits to the Board.
    log_in_as(page, live_server, coordinator)
    page.goto("/review/")
    check_page(page)
    page.locator(f"a[href='/review/versions/{v2.pk}/']").click()
    page.wait_for_load_state()
    check_page(page)
    page.locator("textarea[name=note]").fill("A clearer question and one more step.")
    _submit(page, f"form[action$='/{v2.pk}/submit/']")
    assert "is now in review" in _message(page)

    # A reviewer sees what changed, comments on the edited item and requests changes.
    reviewer = board[0]
    log_in_as(page, live_server, reviewer)
    page.goto(f"/review/versions/{v2.pk}/changes/?language=en")
    check_page(page)
    changes = page.locator("main").inner_text()
    # Only the edited lesson and item, in English only, each marked where its words changed.
    assert "English: 2 texts changed" in changes
    assert "No changes in: Polish" in changes
    assert "Lesson 01-first-steps: text (changed)" in changes
    assert "Question M01-Q02 (changed)" in changes
    assert "Question M01-Q01" not in changes
    assert page.locator("main ins", has_text="Press Enter.").count() == 1
    assert page.locator("main del", has_text="a browser?").count() == 1
    page.goto(f"/review/versions/{v2.pk}/exam/?language=en")
    check_page(page)
    item = page.locator("#item-M01-Q02")
    assert UNCLEAR_STEM in item.inner_text()
    assert "Right: Firefox" in item.inner_text()
    item.locator("summary").click()
    check_page(page)  # with the comment form open
    page.locator("#comment-M01-Q02").fill("Which pages? Say web pages, and say it is an app.")
    _submit(page, "#item-M01-Q02 form")
    assert "say it is an app" in page.locator("#item-M01-Q02").inner_text()
    page.goto(f"/review/versions/{v2.pk}/")
    page.locator("input[name=decision][value=request_changes]").check()
    page.locator("textarea[name=comment]").fill("Item M01-Q02: see my comment.")
    _submit(page, ".decision-form")
    check_page(page)
    assert "Your decision is recorded." in _message(page)
    assert "Changes requested by" in page.locator("#verdict").inner_text()

    # The partner fixes the item on disk and imports again; the coordinator submits v3.
    _edit(items, f'stem: {{en: "{UNCLEAR_STEM}"', f'stem: {{en: "{NEW_STEM}"')
    v3 = _import_as_staff_do(root)
    assert v3.number == 3
    log_in_as(page, live_server, coordinator)
    page.goto(f"/review/versions/{v3.pk}/")
    check_page(page)
    _submit(page, f"form[action$='/{v3.pk}/submit/']")
    assert "is now in review" in _message(page)
    v2.refresh_from_db()
    assert v2.state == VersionState.SUPERSEDED

    # One approval is not enough, and no Board member ever sees a publish button.
    for count, member in enumerate(board[:2], 1):
        log_in_as(page, live_server, member)
        page.goto(f"/review/versions/{v3.pk}/exam/?language=en")
        check_page(page)
        assert NEW_STEM in page.locator("#item-M01-Q02").inner_text()
        page.goto(f"/review/versions/{v3.pk}/")
        for box in page.locator("input[name=checklist]").all():
            box.check()
        page.locator("input[name=decision][value=approve]").check()
        _submit(page, ".decision-form")
        check_page(page)
        assert "Your decision is recorded." in _message(page)
        assert page.locator(f"form[action$='/{v3.pk}/publish/']").count() == 0
        v3.refresh_from_db()
        assert (v3.state == VersionState.APPROVED) == (count == 2)
    verdict = page.locator("#verdict").inner_text()
    assert "2 of 3 Board members approved: ready to publish." in verdict

    # The content manager publishes.
    log_in_as(page, live_server, content_manager)
    page.goto(f"/review/versions/{v3.pk}/")
    check_page(page)
    page.locator("textarea[name=note]").fill("Approved by the Board.")
    _submit(page, f"form[action$='/{v3.pk}/publish/']")
    assert "is published" in _message(page)
    check_page(page)
    assert Module.objects.get(code="M01").published_version == v3

    # Learner B, new, reads the new lesson and is tested on the new item.
    learner_b = UserFactory(partner=partner, full_name="Eleni Papadopoulou",
                            email="eleni@example.org")
    LearnerProfile.objects.create(user=learner_b, onboarding_skipped_at="2026-01-01T00:00Z")
    log_in_as(page, live_server, learner_b)
    page.goto("/course/M01/01-first-steps/")
    check_page(page)
    assert NEW_LESSON in page.locator("article.lesson").inner_text()
    complete_module(learner_b, "M01")
    page.goto("/course/M01/test/")
    check_page(page)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/test/*/1/")
    attempt_b = Attempt.objects.get(learner=learner_b, submitted_at__isnull=True)
    assert (attempt_b.module_version, attempt_b.bank) == (v3, bank_of(v3))
    seen_by_b = _questions_answered(page, attempt_b)
    assert NEW_STEM in seen_by_b
    assert OLD_STEM not in seen_by_b

    # Learner A comes back to the open test: the old item, graded against v1's bank.
    log_in_as(page, live_server, learner)
    page.goto("/course/M01/test/")
    check_page(page)
    page.locator("main a.button", has_text="Continue my test").click()
    page.wait_for_url(f"**/test/{open_attempt.pk}/1/")
    seen_by_a = _questions_answered(page, open_attempt)
    assert OLD_STEM in seen_by_a
    assert NEW_STEM not in seen_by_a
    open_attempt.refresh_from_db()
    assert open_attempt.passed is True
    assert (open_attempt.module_version, open_attempt.bank) == (v1, v1_bank)
    assert Attempt.objects.filter(learner=learner).count() == 1
