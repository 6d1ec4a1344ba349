"""Every action of the workflow leaves an event: who, what, when, on which version."""

import pytest
from django.db.models import Max
from django.urls import reverse

from microcred.review import services, services_board
from microcred.review.models import (
    EventAction,
    ReviewChecklistItem,
    ReviewComment,
    ReviewDecision,
    ReviewEvent,
)
from microcred.review.tests.conftest import approve, request_changes

pytestmark = pytest.mark.django_db


def _events(after: int = 0):
    return [(e.action, e.actor, e.version) for e in
            ReviewEvent.objects.filter(id__gt=after).order_by("created_at", "id")]


def test_a_whole_review_round_is_on_record(
    draft, author, board, partner, platform_admin, content_manager
):
    start = ReviewEvent.objects.aggregate(last=Max("id"))["last"] or 0  # after the set-up
    version = services.submit_for_review(version=draft, actor=author, note="First version",
                                         notify=False)
    lesson = version.lessons.get(slug="01-first-steps")
    services.add_comment(version=version, author=board[0], lesson=lesson, paragraph=1,
                         language="en", text="Explain 'browser'.")
    request_changes(version, board[0])
    second = services.start_new_draft(version=version, actor=author)
    services.submit_for_review(version=second, actor=author, notify=False)
    approve(second, board[0])
    approve(second, board[1])
    services.publish(version=second, actor=author)
    services.withdraw(version=second, actor=content_manager, reason="Outdated screenshot.")

    A = EventAction
    assert _events(after=start) == [
        (A.SUBMITTED, author, version),
        (A.COMMENTED, board[0], version),
        (A.CHANGES_REQUESTED, board[0], version),
        (A.STATE_CHANGED, board[0], version),
        (A.NEW_DRAFT, author, second),
        (A.SUBMITTED, author, second),
        (A.SUPERSEDED, author, version),
        (A.APPROVED, board[0], second),
        (A.APPROVED, board[1], second),
        (A.STATE_CHANGED, board[1], second),
        (A.PUBLISHED, author, second),
        (A.WITHDRAWN, content_manager, second),
    ]
    submitted = ReviewEvent.objects.filter(action=A.SUBMITTED).order_by("id").first()
    assert submitted.details == {"note": "First version"}
    assert submitted.created_at is not None
    changed = ReviewEvent.objects.filter(action=A.STATE_CHANGED, version=second).get()
    assert changed.details["was"] == "in_review"
    assert changed.details["now"] == "approved"
    withdrawn = ReviewEvent.objects.get(action=A.WITHDRAWN)
    assert withdrawn.details == {"was": "published", "reason": "Outdated screenshot."}


def test_board_changes_are_on_record(partner, reviewer, platform_admin):
    seat = services_board.add_board_member(partner=partner, user=reviewer, actor=platform_admin)
    services_board.end_board_membership(membership=seat, actor=platform_admin)
    assert [(e.action, e.actor, e.details["member"]) for e in
            ReviewEvent.objects.order_by("id")] == [
        (EventAction.BOARD_JOINED, platform_admin, reviewer.email),
        (EventAction.BOARD_LEFT, platform_admin, reviewer.email),
    ]


def test_a_checklist_change_in_the_admin_is_on_record(client, platform_admin):
    item = ReviewChecklistItem.objects.get(code="plain-language")
    client.force_login(platform_admin)
    url = reverse("admin:review_reviewchecklistitem_change", args=[item.pk])
    data = {"code": item.code, "order": 5, "is_active": "on",
            **{f"text_{code}": text for code, text in item.text.items()},
            "text_en": "Plain language: short sentences, every technical word explained."}
    assert client.post(url, data).status_code == 302
    event = ReviewEvent.objects.get(action=EventAction.CHECKLIST_CHANGED)
    assert event.actor == platform_admin
    assert event.details["text"]["en"].startswith("Plain language: short sentences")


@pytest.mark.parametrize("model", [ReviewEvent, ReviewDecision, ReviewComment])
def test_review_records_cannot_be_changed_or_deleted_in_the_admin(
    client, platform_admin, in_review, board, model
):
    approve(in_review, board[0])
    services.add_comment(version=in_review, author=board[0], text="Fine.", language="en")
    record = model.objects.first()
    client.force_login(platform_admin)
    name = f"admin:review_{model._meta.model_name}"
    assert client.post(reverse(f"{name}_delete", args=[record.pk]), {"post": "yes"}).status_code \
        == 403
    page = client.get(reverse(f"{name}_change", args=[record.pk])).content.decode()
    assert 'name="_save"' not in page
    assert model.objects.filter(pk=record.pk).exists()
