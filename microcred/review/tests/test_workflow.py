"""Who may move a version from which state to which, and what stays frozen."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from microcred.accounts.roles import Role
from microcred.curriculum import lifecycle
from microcred.curriculum.models import ModuleVersion, VersionState
from microcred.curriculum.services import CurriculumError
from microcred.review import services
from microcred.review.models import DecisionKind
from microcred.review.tests.conftest import (
    all_ticks,
    approve,
    request_changes,
    withdraw_request,
)
from microcred.testing.fixtures import make_staff

pytestmark = pytest.mark.django_db


def test_an_author_submits_a_draft_and_it_freezes(draft, author, board):
    version = services.submit_for_review(version=draft, actor=author, notify=False)
    assert version.state == VersionState.IN_REVIEW
    lesson = version.lessons.first()
    with pytest.raises(ValidationError, match="can no longer change"):
        lesson.full_clean()


@pytest.mark.parametrize("persona", ["coordinator", "platform_admin"])
def test_coordinators_and_admins_may_submit_any_draft(request, draft, persona):
    user = request.getfixturevalue(persona)
    assert services.submit_for_review(version=draft, actor=user, notify=False).state == (
        VersionState.IN_REVIEW
    )


@pytest.mark.parametrize("persona", ["learner", "issuer", "reviewer"])
def test_others_may_not_submit_a_draft_they_did_not_write(request, draft, persona):
    user = request.getfixturevalue(persona)
    with pytest.raises(services.ReviewError, match="may not submit"):
        services.submit_for_review(version=draft, actor=user, notify=False)
    draft.refresh_from_db()
    assert draft.state == VersionState.DRAFT


def test_the_author_of_a_draft_may_submit_it_whatever_their_staff_role(draft, issuer):
    ModuleVersion.objects.filter(pk=draft.pk).update(created_by=issuer)
    draft.refresh_from_db()
    assert services.submit_for_review(version=draft, actor=issuer, notify=False).state == (
        VersionState.IN_REVIEW
    )


def test_only_a_draft_can_be_submitted(in_review, author):
    with pytest.raises(services.ReviewError, match="only a draft"):
        services.submit_for_review(version=in_review, actor=author, notify=False)


def test_a_reviewed_version_cannot_be_edited_in_the_admin(client, in_review, platform_admin):
    client.force_login(platform_admin)
    url = reverse("admin:curriculum_moduleversion_change", args=[in_review.pk])
    assert 'name="title_en"' not in client.get(url).content.decode()
    assert client.post(url, {"title_en": "Changed behind the Board's back"}).status_code == 403
    in_review.refresh_from_db()
    assert in_review.title["en"] == "Module M01 title"


def test_a_majority_approval_makes_the_version_approved(in_review, board):
    approve(in_review, board[0])
    in_review.refresh_from_db()
    assert in_review.state == VersionState.IN_REVIEW
    approve(in_review, board[1])
    in_review.refresh_from_db()
    assert in_review.state == VersionState.APPROVED


def test_approving_unchanged_content_does_not_clear_a_change_request(in_review, board):
    approve(in_review, board[0])
    approve(in_review, board[1])
    request_changes(in_review, board[2])
    approve(in_review, board[2])  # the same text as when they asked for changes
    in_review.refresh_from_db()
    assert in_review.state == VersionState.CHANGES_REQUESTED
    assert not in_review.languages["en"]["approved"]


def test_only_the_requester_withdraws_their_change_request_and_says_why(in_review, board):
    approve(in_review, board[0])
    approve(in_review, board[1])
    request_changes(in_review, board[2])
    with pytest.raises(services.ReviewError, match="no open change request"):
        withdraw_request(in_review, board[0])
    with pytest.raises(services.ReviewError, match="Say why"):
        withdraw_request(in_review, board[2], comment=" ")
    withdraw_request(in_review, board[2], comment="The source was in the glossary after all.")
    in_review.refresh_from_db()
    assert in_review.state == VersionState.APPROVED


def test_a_new_version_starts_without_the_old_change_requests(in_review, board, author):
    request_changes(in_review, board[0])
    draft = services.start_new_draft(version=in_review, actor=author)
    second = services.submit_for_review(version=draft, actor=author, notify=False)
    approve(second, board[0])
    approve(second, board[1])
    second.refresh_from_db()
    assert second.state == VersionState.APPROVED


@pytest.mark.parametrize("persona", ["learner", "coordinator", "issuer", "platform_admin"])
def test_only_board_members_decide(request, in_review, persona):
    with pytest.raises(services.ReviewError, match="Only members of the Advisory Board"):
        approve(in_review, request.getfixturevalue(persona))


def test_a_reviewer_without_a_seat_does_not_decide(in_review, other_partner):
    outsider = make_staff(Role.REVIEWER, partner=other_partner)
    with pytest.raises(services.ReviewError, match="Only members"):
        approve(in_review, outsider)


def test_approving_needs_every_checklist_point(in_review, board):
    with pytest.raises(services.ReviewError, match="confirm every point"):
        services.record_decision(
            version=in_review, reviewer=board[0], decision=DecisionKind.APPROVE,
            ticked=all_ticks()[:-1], notify=False,
        )


def test_requesting_changes_needs_a_comment(in_review, board):
    with pytest.raises(services.ReviewError, match="needs a comment"):
        request_changes(in_review, board[0], comment="  ")


def test_decisions_on_a_draft_or_a_published_version_are_refused(draft, board, author):
    with pytest.raises(services.ReviewError, match="decisions on it are closed"):
        approve(draft, board[0])
    version = services.submit_for_review(version=draft, actor=author, notify=False)
    approve(version, board[0])
    approve(version, board[1])
    services.publish(version=version, actor=author)
    with pytest.raises(services.ReviewError, match="decisions on it are closed"):
        request_changes(version, board[2])


def test_publishing_needs_the_boards_approval(in_review, board, author):
    approve(in_review, board[0])
    with pytest.raises(services.ReviewError) as refused:
        services.publish(version=in_review, actor=author)
    assert "1 of 3 Board members approved; 2 are needed." in str(refused.value)
    in_review.refresh_from_db()
    assert in_review.state == VersionState.IN_REVIEW
    assert in_review.module.published_version is None


def test_curriculum_publishes_only_approved_versions(draft):
    with pytest.raises(CurriculumError, match="cannot be published"):
        lifecycle.publish(version=draft, actor=None)


@pytest.mark.parametrize("persona", ["learner", "coordinator", "issuer", "reviewer"])
def test_a_single_reviewer_or_other_staff_cannot_publish(request, in_review, board, persona):
    approve(in_review, board[0])
    approve(in_review, board[1])
    with pytest.raises(services.ReviewError, match="Only content managers and platform admin"):
        services.publish(version=in_review, actor=request.getfixturevalue(persona))
    with pytest.raises(CurriculumError, match="Only content managers and platform admin"):
        lifecycle.publish(version=in_review, actor=request.getfixturevalue(persona))
    in_review.refresh_from_db()
    assert in_review.state == VersionState.APPROVED


def test_a_single_reviewer_cannot_withdraw_the_published_version(
    in_review, board, content_manager
):
    approve(in_review, board[0])
    approve(in_review, board[1])
    services.publish(version=in_review, actor=content_manager)
    for member in board:
        with pytest.raises(services.ReviewError, match="Only content managers"):
            services.withdraw(version=in_review, actor=member, reason="I changed my mind.")
    in_review.refresh_from_db()
    assert in_review.state == VersionState.PUBLISHED


def test_publishing_is_on_record_with_who_when_and_why(in_review, board, content_manager):
    approve(in_review, board[0])
    approve(in_review, board[1])
    services.publish(version=in_review, actor=content_manager, note="For the spring cohort.")
    moved = in_review.transitions.order_by("-id").first()
    assert (moved.was, moved.now, moved.actor, moved.reason) == (
        VersionState.APPROVED, VersionState.PUBLISHED, content_manager, "For the spring cohort.")
    assert moved.created_at is not None


def test_a_content_manager_publishes_an_approved_version_and_the_old_one_is_replaced(
    in_review, board, author, content_manager
):
    approve(in_review, board[0])
    approve(in_review, board[1])
    first = services.publish(version=in_review, actor=content_manager)
    assert first.state == VersionState.PUBLISHED
    second = services.start_new_draft(version=first, actor=author)
    services.submit_for_review(version=second, actor=author, notify=False)
    approve(second, board[0])
    approve(second, board[1])
    services.publish(version=second, actor=author)
    first.refresh_from_db()
    assert first.state == VersionState.SUPERSEDED
    assert second.module.published_version_id == second.pk


def test_a_new_submission_replaces_a_version_with_open_change_requests(in_review, board, author):
    request_changes(in_review, board[0])
    draft = services.start_new_draft(version=in_review, actor=author)
    services.submit_for_review(version=draft, actor=author, notify=False)
    in_review.refresh_from_db()
    assert in_review.state == VersionState.SUPERSEDED


def test_withdrawing_the_published_version_takes_the_module_off_the_course(
    in_review, board, author, content_manager
):
    approve(in_review, board[0])
    approve(in_review, board[1])
    services.publish(version=in_review, actor=author)
    services.withdraw(version=in_review, actor=content_manager, reason="A fact is out of date.")
    in_review.refresh_from_db()
    assert in_review.state == VersionState.WITHDRAWN
    assert in_review.module.published_version is None


def test_withdrawing_needs_a_reason_and_a_right_to_do_it(in_review, coordinator, author):
    with pytest.raises(services.ReviewError, match="Only content managers"):
        services.withdraw(version=in_review, actor=coordinator, reason="No.")
    with pytest.raises(services.ReviewError, match="Say why"):
        services.withdraw(version=in_review, actor=author, reason="")
    services.withdraw(version=in_review, actor=author, reason="Wrong module.")
    with pytest.raises(services.ReviewError, match="cannot be withdrawn"):
        services.withdraw(version=in_review, actor=author, reason="Again.")


def test_only_authors_start_a_new_draft(in_review, board, learner):
    request_changes(in_review, board[0])
    with pytest.raises(services.ReviewError, match="may not start"):
        services.start_new_draft(version=in_review, actor=learner)


def test_the_curriculum_admins_publish_action_goes_through_the_board(
    client, platform_admin, in_review, board
):
    approve(in_review, board[0])
    client.force_login(platform_admin)
    url = reverse("admin:curriculum_moduleversion_changelist")
    action = {"action": "publish", "_selected_action": [in_review.pk]}
    page = client.post(url, action, follow=True).content.decode()
    assert "the Advisory Board has not approved it" in page
    in_review.refresh_from_db()
    assert in_review.state == VersionState.IN_REVIEW
    approve(in_review, board[1])
    client.post(url, action)
    in_review.refresh_from_db()
    assert in_review.state == VersionState.PUBLISHED
