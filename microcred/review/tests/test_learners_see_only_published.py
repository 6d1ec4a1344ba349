"""Unreviewed content never reaches a learner, whatever state the review is in."""

import pytest
from django.urls import reverse

from microcred.review import services
from microcred.review.tests.conftest import approve, request_changes, withdraw_request

pytestmark = pytest.mark.django_db

MODULE = reverse("learning:module", kwargs={"code": "M01"})
LESSON = reverse("learning:lesson", kwargs={"code": "M01", "slug": "01-first-steps"})
COURSE = reverse("learning:course")


def _sees_m01(client) -> bool:
    statuses = {client.get(MODULE).status_code, client.get(LESSON).status_code}
    listed = "M01" in client.get(COURSE).content.decode()
    assert statuses in ({200}, {404}), statuses
    assert listed == (statuses == {200})
    return listed


def test_a_learner_sees_a_module_only_once_the_board_approved_and_it_was_published(
    client, learner, other_partner_learner, draft, author, board
):
    client.force_login(learner)
    assert not _sees_m01(client)  # draft
    version = services.submit_for_review(version=draft, actor=author, notify=False)
    assert not _sees_m01(client)  # in review
    request_changes(version, board[0])
    assert not _sees_m01(client)  # changes requested
    withdraw_request(version, board[0])
    approve(version, board[0])
    approve(version, board[1])
    assert not _sees_m01(client)  # approved, not yet published
    services.publish(version=version, actor=author)
    assert _sees_m01(client)
    services.withdraw(version=version, actor=author, reason="Wrong.")
    client.force_login(other_partner_learner)  # (one who had not started it yet)
    assert not _sees_m01(client)


def test_a_new_version_under_review_stays_hidden_behind_the_published_one(
    client, learner, other_partner_learner, in_review, author, board
):
    approve(in_review, board[0])
    approve(in_review, board[1])
    services.publish(version=in_review, actor=author)
    second = services.start_new_draft(version=in_review, actor=author)
    second.lessons.filter(slug="01-first-steps").update(
        body_html={"en": "<p>Reviewed wording</p>"})
    services.submit_for_review(version=second, actor=author, notify=False)
    approve(second, board[0])
    approve(second, board[1])  # approved, but nobody published it yet
    client.force_login(learner)
    page = client.get(LESSON).content.decode()
    assert "Reviewed wording" not in page
    assert "Open the browser" in page
    services.publish(version=second, actor=author)
    client.force_login(other_partner_learner)
    assert "Reviewed wording" in client.get(LESSON).content.decode()


def test_a_learner_who_started_a_version_keeps_it_after_the_next_is_published(
    client, learner, other_partner_learner, in_review, author, board
):
    approve(in_review, board[0])
    approve(in_review, board[1])
    services.publish(version=in_review, actor=author)
    client.force_login(learner)
    client.get(LESSON)  # starts M01 v1
    second = services.start_new_draft(version=in_review, actor=author)
    second.lessons.filter(slug="01-first-steps").update(body_html={"en": "<p>New wording</p>"})
    services.submit_for_review(version=second, actor=author, notify=False)
    approve(second, board[0])
    approve(second, board[1])
    services.publish(version=second, actor=author)
    assert "New wording" not in client.get(LESSON).content.decode()
    client.force_login(other_partner_learner)
    assert "New wording" in client.get(LESSON).content.decode()
