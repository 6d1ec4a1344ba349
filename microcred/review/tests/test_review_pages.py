"""The Board's pages: who gets in, what they show, and the forms that drive the workflow."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from microcred.curriculum import lifecycle
from microcred.curriculum.models import ModuleVersion, VersionState
from microcred.curriculum.services import import_curriculum, render_lesson_bodies
from microcred.curriculum.tests.content_tree import write_curriculum
from microcred.review import services
from microcred.review.models import ReviewComment
from microcred.review.tests.conftest import all_ticks, approve, request_changes
from microcred.review.tests.factories import BoardMembershipFactory

pytestmark = pytest.mark.django_db


def _url(name, version, *args):
    return reverse(f"review:{name}", args=[version.pk, *args])


# Who gets in -------------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_log_in(client, in_review):
    for url in (reverse("review:dashboard"), _url("version", in_review)):
        response = client.get(url)
        assert response.status_code == 302
        assert "/accounts/login/" in response.url


def test_learners_do_not_get_in(client, learner, in_review):
    client.force_login(learner)
    assert client.get(reverse("review:dashboard")).status_code == 403
    assert client.get(_url("version", in_review)).status_code == 403
    assert client.get(_url("lesson", in_review, "01-first-steps")).status_code == 403
    assert client.get(_url("changes", in_review)).status_code == 403
    assert client.post(_url("decide", in_review), {"decision": "approve"}).status_code == 403


@pytest.mark.parametrize("persona", ["coordinator", "other_partner_coordinator", "issuer"])
def test_staff_read_reviews_but_only_the_board_decides_and_comments(
    client, request, persona, in_review
):
    client.force_login(request.getfixturevalue(persona))
    page = client.get(_url("version", in_review)).content.decode()
    assert "Review of M01 v1" in page
    assert "Record my decision" not in page
    data = {"decision": "approve", "checklist": all_ticks()}
    assert client.post(_url("decide", in_review), data).status_code == 403
    assert client.post(_url("comment", in_review), {"text": "x", "language": "en"}).status_code \
        == 403
    assert not in_review.review_decisions.exists()


# The dashboard -----------------------------------------------------------------------------


def test_the_dashboard_says_what_each_module_waits_for(client, reviewer, in_review, board, author):
    m02 = ModuleVersion.objects.get(module__code="M02")
    client.force_login(reviewer)
    page = client.get(reverse("review:dashboard")).content.decode()
    assert "In review: waiting for 3 of 3 Board members." in page
    assert "Draft: waiting for the author to submit it for review." in page
    request_changes(in_review, board[1])
    page = client.get(reverse("review:dashboard")).content.decode()
    assert f"Changes requested by {board[1]}: waiting for a new version" in page
    services.submit_for_review(version=m02, actor=author, notify=False)
    approve(m02, board[0])
    approve(m02, board[1])
    page = client.get(reverse("review:dashboard")).content.decode()
    assert "Approved: ready to publish." in page


def test_the_dashboard_shows_translation_completeness_per_language(client, reviewer, draft):
    client.force_login(reviewer)
    page = client.get(reverse("review:dashboard")).content.decode()
    # The test modules are written in English and Polish only.
    assert page.count('<td class="percent">100&nbsp;%</td>') == 4
    assert page.count("percent--missing") == 2 * 5


def test_the_dashboard_costs_the_same_queries_for_a_bigger_course_and_board(
    client, reviewer, in_review, board, author, tmp_path, django_assert_num_queries
):
    client.force_login(reviewer)
    client.get(reverse("review:dashboard"))
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("review:dashboard"))
    import_curriculum(path=write_curriculum(tmp_path / "bigger", modules=5))
    BoardMembershipFactory.create_batch(4)
    for version in ModuleVersion.objects.filter(state=VersionState.DRAFT):
        services.submit_for_review(version=version, actor=author, notify=False)
        approve(version, board[0])
        request_changes(version, board[1])
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(reverse("review:dashboard"))
    assert response.content.decode().count("<tr>") == 1 + 5
    assert len(small.captured_queries) <= 12


# The version page and its forms ------------------------------------------------------------


def test_a_board_member_records_a_decision_with_the_checklist(client, reviewer, in_review, board):
    client.force_login(reviewer)
    page = client.get(_url("version", in_review)).content.decode()
    assert "0 of 3 Board members approved; 2 are needed." in page
    assert "Plain language" in page or "plain language" in page
    response = client.post(_url("decide", in_review),
                           {"decision": "approve", "checklist": all_ticks()})
    assert response.status_code == 302
    page = client.get(_url("version", in_review)).content.decode()
    assert "Your decision is recorded." in page
    assert "1 of 3 Board members approved; 2 are needed." in page


def test_the_decision_form_explains_what_is_missing(client, reviewer, in_review, board):
    client.force_login(reviewer)
    response = client.post(_url("decide", in_review),
                           {"decision": "approve", "checklist": all_ticks()[:2]})
    assert response.status_code == 400
    assert "To approve, confirm every point of the checklist." in response.content.decode()
    response = client.post(_url("decide", in_review), {"decision": "request_changes"})
    assert "a request for changes needs a comment" in response.content.decode()
    assert not in_review.review_decisions.exists()


def test_publishing_is_refused_with_the_rules_message(client, platform_admin, in_review, board):
    approve(in_review, board[0])
    request_changes(in_review, board[1])
    client.force_login(platform_admin)
    response = client.post(_url("publish", in_review), follow=True)
    page = response.content.decode()
    assert "1 of 3 Board members approved; 2 are needed." in page
    assert f"Changes requested by {board[1]} are still open." in page
    in_review.refresh_from_db()
    assert in_review.state == VersionState.CHANGES_REQUESTED


def test_a_coordinator_submits_a_draft_and_an_admin_publishes_it(
    client, coordinator, platform_admin, draft, board
):
    client.force_login(coordinator)
    page = client.get(_url("version", draft)).content.decode()
    assert "Submit for review" in page
    client.post(_url("submit", draft), {"note": "Ready."})
    draft.refresh_from_db()
    assert draft.state == VersionState.IN_REVIEW
    approve(draft, board[0])
    approve(draft, board[1])
    client.force_login(platform_admin)
    page = client.get(_url("version", draft)).content.decode()
    assert "2 of 3 Board members approved: ready to publish." in page
    client.post(_url("publish", draft))
    draft.refresh_from_db()
    assert draft.state == VersionState.PUBLISHED


def test_an_issuer_cannot_submit_someone_elses_draft(client, issuer, draft):
    client.force_login(issuer)
    assert "Submit for review" not in client.get(_url("version", draft)).content.decode()
    page = client.post(_url("submit", draft), follow=True).content.decode()
    assert "You may not submit this version for review." in page
    draft.refresh_from_db()
    assert draft.state == VersionState.DRAFT


def test_after_a_change_request_the_author_starts_a_new_draft_in_the_admin(
    client, platform_admin, in_review, board
):
    request_changes(in_review, board[0])
    client.force_login(platform_admin)
    response = client.post(_url("new_draft", in_review))
    draft = ModuleVersion.objects.get(module=in_review.module, state=VersionState.DRAFT)
    assert response.url == reverse("admin:curriculum_moduleversion_change", args=[draft.pk])
    assert draft.number == 2


def test_withdrawing_from_the_page_needs_a_reason(client, content_manager, in_review, board):
    client.force_login(content_manager)
    page = client.post(_url("withdraw", in_review), {"reason": ""}, follow=True)
    assert "Say why the version is withdrawn." in page.content.decode()
    client.post(_url("withdraw", in_review), {"reason": "Duplicate."})
    in_review.refresh_from_db()
    assert in_review.state == VersionState.WITHDRAWN


# Comments by lesson and paragraph ----------------------------------------------------------


def test_a_lesson_is_shown_paragraph_by_paragraph_with_a_form_for_each(
    client, reviewer, in_review, board
):
    client.force_login(reviewer)
    page = client.get(_url("lesson", in_review, "01-first-steps") + "?language=pl").content.decode()
    assert '<li class="paragraph" id="p1">' in page
    assert '<li class="paragraph" id="p2">' in page
    assert "Otwórz przeglądarkę." in page
    assert 'for="comment-p2"' in page
    assert '<textarea id="comment-p2" name="text"' in page


def test_a_comment_is_anchored_to_its_lesson_and_paragraph(client, reviewer, in_review, board):
    client.force_login(reviewer)
    response = client.post(_url("comment", in_review), {
        "lesson": "01-first-steps", "paragraph": 2, "language": "pl",
        "text": "Dodaj zrzut ekranu."})
    assert response.url.endswith("?language=pl#p2")
    comment = ReviewComment.objects.get()
    assert (comment.lesson.slug, comment.paragraph, comment.language) == ("01-first-steps", 2, "pl")
    page = client.get(response.url).content.decode()
    paragraph_two = page.split('id="p2"')[1].split('id="p3"')[0]
    assert "Dodaj zrzut ekranu." in paragraph_two
    overview = client.get(_url("version", in_review)).content.decode()
    assert "Dodaj zrzut ekranu." in overview
    assert "Paragraph 2 (Polish)" in overview


def test_a_comment_on_a_paragraph_that_does_not_exist_is_refused(
    client, reviewer, in_review, board
):
    client.force_login(reviewer)
    response = client.post(_url("comment", in_review), {
        "lesson": "01-first-steps", "paragraph": 40, "language": "en", "text": "?"}, follow=True)
    assert "That paragraph does not exist in this lesson." in response.content.decode()
    assert not ReviewComment.objects.exists()


# What changed ------------------------------------------------------------------------------


def test_the_changes_page_shows_insertions_and_deletions_per_language(
    client, reviewer, in_review, board, author
):
    approve(in_review, board[0])
    approve(in_review, board[1])
    services.publish(version=in_review, actor=author)
    draft = services.start_new_draft(version=in_review, actor=author)
    lesson = draft.lessons.get(slug="01-first-steps")
    _edit(lesson, {**lesson.body, "pl": lesson.body["pl"].replace("Otwórz", "Uruchom")})
    client.force_login(reviewer)
    page = client.get(_url("changes", draft) + "?language=pl").content.decode()
    assert "Compared with M01 v1" in page
    assert '<del><span class="visually-hidden">Removed: </span>Otwórz</del>' in page
    assert '<ins><span class="visually-hidden">Added: </span>Uruchom</ins>' in page
    english = client.get(_url("changes", draft) + "?language=en").content.decode()
    assert "No differences in this language." in english


def test_after_an_english_only_edit_only_english_is_marked_as_changed(
    client, reviewer, draft, board, author
):
    for lesson in draft.lessons.all():
        _edit(lesson, {code: f"- {text}\n- {text}\n\nMore." for code, text in lesson.body.items()})
    published = services.submit_for_review(version=draft, actor=author, notify=False)
    approve(published, board[0])
    approve(published, board[1])
    services.publish(version=published, actor=author)
    second = services.start_new_draft(version=published, actor=author)
    for lesson in second.lessons.all():
        # Saved from a web form: every text box comes back with the browser's CR LF breaks.
        body = {code: text.replace("\n", "\r\n") for code, text in lesson.body.items()}
        if lesson.slug == "01-first-steps":
            body["en"] = body["en"].replace("More.", "More, with an example.")
        _edit(lesson, body)
    client.force_login(reviewer)
    english = client.get(_url("changes", second) + "?language=en").content.decode()
    assert english.count('class="diff"') == 1
    assert "Lesson 01-first-steps: text" in english
    assert "English</a>: 1 text changed" in english
    assert "No changes in: Polish, Greek, German, Spanish, Italian, Portuguese" in english
    polish = client.get(_url("changes", second) + "?language=pl").content.decode()
    assert "No differences in this language." in polish


def _edit(lesson, body):
    lesson.body = body
    lesson.body_html = render_lesson_bodies(lesson.version.module.code, body)
    lesson.save()


def test_a_module_never_published_has_nothing_to_compare_with(client, reviewer, in_review):
    client.force_login(reviewer)
    page = client.get(_url("changes", in_review)).content.decode()
    assert "has never been published" in page


def test_the_version_page_costs_the_same_queries_with_more_decisions_and_comments(
    client, reviewer, in_review, board
):
    client.force_login(reviewer)
    url = _url("version", in_review)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    lesson = in_review.lessons.first()
    for member in board:
        request_changes(in_review, member)
        approve(in_review, member)
        services.add_comment(version=in_review, author=member, lesson=lesson, paragraph=1,
                             language="en", text="More context, please.")
        services.add_comment(version=in_review, author=member, text="Fine.", language="en")
    with CaptureQueriesContext(connection) as many:
        page = client.get(url).content.decode()
    assert page.count("More context, please.") == 3
    assert len(many.captured_queries) == len(few.captured_queries)


def test_the_version_page_shows_every_change_of_state_with_who_and_why(
    client, reviewer, in_review, board, content_manager
):
    approve(in_review, board[0])
    approve(in_review, board[1])
    lifecycle.publish(version=in_review, actor=content_manager, note="Ready for the pilot.")
    client.force_login(reviewer)
    page = client.get(_url("version", in_review)).content.decode()
    table = page[page.index('id="state-changes"'):page.index("<h2>History</h2>")]
    published = table[table.rindex("<tr>", 0, table.index("Ready for the pilot.")):]
    assert "Approved" in published
    assert "Published" in published
    assert str(content_manager) in published
