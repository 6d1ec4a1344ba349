"""The Advisory Board's review in a real browser, on a small phone, axe-checked on every page.

A reviewer comments on a paragraph and an exam item and requests changes to a new version of
M01, the author starts a new draft in the admin and submits it, the Board approves, a content
manager publishes, the module goes live and a learner reads the new text, then
tells us what they thought of it in the pilot survey, which staff read in the pilot report.

Staff need MFA: the persona fixtures give them an authenticator, and each person is logged in
by copying a session made with Django's test client into the browser.
"""


import pytest

from microcred.assessment.banks import canonical_source
from microcred.assessment.items import Blueprint, ItemSpec, Option
from microcred.assessment.items import ItemBank as ParsedBank
from microcred.assessment.models import ItemBank
from microcred.curriculum.models import Module, ModuleVersion, VersionState
from microcred.curriculum.services import import_curriculum, render_lesson_bodies
from microcred.curriculum.tests.content_tree import write_curriculum
from microcred.review import services
from microcred.review.models import DecisionKind, ReviewChecklistItem
from tests.e2e.checks import check_page, log_in_as

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True),
              pytest.mark.usefixtures("review_defaults")]

NEW_TEXT = "Open the browser. Type a word. Press Enter to search."


def _submit(page, form_selector: str) -> None:
    page.locator(f"{form_selector} button[type=submit]").first.click()
    page.wait_for_load_state()


def _message(page) -> str:
    return page.locator(".messages").inner_text()


@pytest.fixture
def m01_v2(tmp_path, platform_admin, board):
    """M01 v1 and M02 v1 are live; the author has a draft v2 of M01 with a changed lesson."""
    import_curriculum(path=write_curriculum(tmp_path))
    ticks = list(ReviewChecklistItem.objects.values_list("code", flat=True))
    for version in ModuleVersion.objects.all():
        services.submit_for_review(version=version, actor=platform_admin, notify=False)
        for member in board[:2]:
            services.record_decision(version=version, reviewer=member, ticked=ticks,
                                     decision=DecisionKind.APPROVE, notify=False)
        services.publish(version=version, actor=platform_admin)
    draft = services.start_new_draft(
        version=ModuleVersion.objects.get(module__code="M01"), actor=platform_admin)
    lesson = draft.lessons.get(slug="01-first-steps")
    lesson.body = {**lesson.body, "en": "## First part\n\nOpen the browser. Type two words."}
    lesson.body_html = render_lesson_bodies("M01", lesson.body)
    lesson.save()
    _store_bank_where_the_right_option_is_longest(draft)
    return draft


def _store_bank_where_the_right_option_is_longest(draft: ModuleVersion) -> None:
    items = tuple(
        ItemSpec(f"M01-Q0{n}", "M01-LO1", "single_choice", {"en": f"Which one is a browser? ({n})"},
                 options=(Option({"en": "Firefox, a web browser"}, correct=True),
                          Option({"en": "A chair"})))
        for n in (1, 2)
    )
    source = canonical_source(ParsedBank(Blueprint(2, 70, 50, None, 3, 24), items, ("M01-LO1",)))
    ItemBank.objects.create(module=Module.objects.get(code="M01"), version=draft, number=1,
                            source=source, fingerprint="e2e")


def test_the_board_reviews_a_new_version_and_a_learner_reads_it(
    page, live_server, platform_admin, board, learner, content_manager, m01_v2
):
    author, reviewer = platform_admin, board[0]

    # The author submits the draft from the Board's dashboard.
    log_in_as(page, live_server, author)
    page.goto("/review/")
    check_page(page)
    assert "Draft: waiting for the author" in page.locator("main").inner_text()
    page.locator(f"a[href='/review/versions/{m01_v2.pk}/']").click()
    page.wait_for_load_state()
    check_page(page)
    bank = page.locator("main").inner_text()
    assert "Exam item bank" in bank
    assert "Limit crossed" in bank
    assert "Facts last checked on" in bank
    page.locator("textarea[name=note]").fill("Clearer first lesson.")
    _submit(page, f"form[action$='/{m01_v2.pk}/submit/']")
    assert "is now in review" in _message(page)

    # A reviewer reads the changes, comments on a paragraph and requests changes.
    log_in_as(page, live_server, reviewer)
    page.goto("/review/")
    check_page(page)
    assert "In review: waiting for 3 of 3 Board members." in page.locator("main").inner_text()
    page.goto(f"/review/versions/{m01_v2.pk}/changes/?language=en")
    check_page(page)
    assert page.locator("main del").count() >= 1
    assert page.locator("main ins").first.inner_text().startswith("Added:")
    page.goto(f"/review/versions/{m01_v2.pk}/lessons/01-first-steps/?language=en")
    check_page(page)
    page.locator("#p2 summary").click()
    check_page(page)  # with the comment form open
    page.locator("#comment-p2").fill("Say what to type, and which key to press.")
    _submit(page, "#p2 form")
    assert page.url.endswith("#p2")
    assert "which key to press" in page.locator("#p2").inner_text()
    # ...and on an exam item, which the Board reads with its answer key.
    page.goto(f"/review/versions/{m01_v2.pk}/exam/?language=en")
    check_page(page)
    assert "Right: Firefox, a web browser" in page.locator("#item-M01-Q01").inner_text()
    page.locator("#item-M01-Q01 summary").click()
    page.locator("#comment-M01-Q01").fill("The right answer is the longest: shorten it.")
    _submit(page, "#item-M01-Q01 form")
    assert "shorten it" in page.locator("#item-M01-Q01").inner_text()
    page.goto(f"/review/versions/{m01_v2.pk}/")
    page.locator("input[name=decision][value=request_changes]").check()
    page.locator("textarea[name=comment]").fill("Lesson 1, paragraph 2: see my comment.")
    _submit(page, ".decision-form")
    check_page(page)
    assert "Your decision is recorded." in _message(page)
    assert "Changes requested by" in page.locator("#verdict").inner_text()

    # Publishing is refused, saying what is missing; the author starts a new draft.
    log_in_as(page, live_server, author)
    page.goto(f"/review/versions/{m01_v2.pk}/")
    check_page(page)
    assert page.locator(f"form[action$='/{m01_v2.pk}/publish/']").count() == 0
    _submit(page, f"form[action$='/{m01_v2.pk}/new-draft/']")
    v3 = ModuleVersion.objects.get(module__code="M01", state=VersionState.DRAFT)
    assert f"/admin/curriculum/moduleversion/{v3.pk}/change/" in page.url
    page.locator("textarea[name='lessons-0-body_en']").fill(f"## First part\n\n{NEW_TEXT}")
    page.locator("input[name=_save]").click()
    page.wait_for_load_state()
    page.goto(f"/review/versions/{v3.pk}/")
    _submit(page, f"form[action$='/{v3.pk}/submit/']")
    m01_v2.refresh_from_db()
    assert m01_v2.state == VersionState.SUPERSEDED

    # The Board approves: two of three members, with the whole checklist.
    for member in board[:2]:
        log_in_as(page, live_server, member)
        page.goto(f"/review/versions/{v3.pk}/")
        boxes = page.locator("input[name=checklist]").all()
        assert len(boxes) == 8
        for box in boxes:
            box.check()
        page.locator("input[name=decision][value=approve]").check()
        _submit(page, ".decision-form")
        assert "Your decision is recorded." in _message(page)
    check_page(page)
    verdict = page.locator("#verdict").inner_text()
    assert "2 of 3 Board members approved: ready to publish." in verdict

    # No Board member publishes; the content manager does, and the module goes live.
    assert page.locator(f"form[action$='/{v3.pk}/publish/']").count() == 0
    log_in_as(page, live_server, content_manager)
    page.goto(f"/review/versions/{v3.pk}/")
    page.locator("textarea[name=note]").fill("Approved by the Board on Monday.")
    _submit(page, f"form[action$='/{v3.pk}/publish/']")
    assert "is published" in _message(page)
    check_page(page)

    # A learner reads the new text, finishes the module and gives feedback.
    log_in_as(page, live_server, learner)
    page.goto("/course/M01/01-first-steps/")
    check_page(page)
    assert NEW_TEXT in page.locator("article.lesson").inner_text()
    while "/complete/" not in page.url:
        page.locator("form.lesson-done button").click()
        page.wait_for_load_state()
    check_page(page)
    page.locator("a[href='/feedback/M01/']").click()
    page.wait_for_load_state()
    check_page(page)
    for question in ("clarity", "relevance", "difficulty", "usefulness-for-work"):
        page.locator(f"input[name='{question}'][value='4']").check()
    page.locator("textarea[name=comments]").fill("Clear and short.")
    _submit(page, "main form")
    assert "Thank you" in _message(page)

    # Staff read it in the pilot report.
    log_in_as(page, live_server, reviewer)
    page.goto("/review/pilot/")
    check_page(page)
    assert "1 response in all" in page.locator("main").inner_text()
    assert page.locator("svg.chart__svg").count() == 4
    assert "Clear and short." in page.locator("main").inner_text()
