"""E-mails in the background, each in its recipient's language."""

import pytest
from django.core import mail
from django.core.management import call_command

from microcred.curriculum.models import ModuleVersion
from microcred.review import services
from microcred.review.models import DecisionKind
from microcred.review.tests.conftest import all_ticks

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def immediate_tasks(settings):
    settings.TASKS = IMMEDIATE


def _decide(version, member, decision, comment=""):
    return services.record_decision(version=version, reviewer=member, decision=decision,
                                    ticked=all_ticks() if decision == "approve" else [],
                                    comment=comment)


@pytest.mark.django_db
def test_every_board_member_hears_of_a_new_review_in_their_language(
    immediate_tasks, draft, author, board, django_capture_on_commit_callbacks
):
    board[0].preferred_language = "pl"
    board[0].save()
    board[1].preferred_language = "de"
    board[1].save()
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_for_review(version=draft, actor=author)
    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert set(by_recipient) == {member.email for member in board}
    polish, german = by_recipient[board[0].email], by_recipient[board[1].email]
    assert "Moduł M01" in polish.subject  # the module's title in Polish
    assert polish.body.startswith(f"Cześć, {board[0].get_short_name()}!")
    assert german.body.startswith("Hallo")
    assert "/review/versions/" in by_recipient[board[0].email].body
    assert "Module M01 title" in by_recipient[board[2].email].subject  # English


@pytest.mark.django_db
def test_the_author_hears_of_a_change_request_and_of_the_approval(
    immediate_tasks, in_review, board, coordinator, django_capture_on_commit_callbacks
):
    ModuleVersion.objects.filter(pk=in_review.pk).update(created_by=coordinator)
    in_review.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        _decide(in_review, board[0], DecisionKind.REQUEST_CHANGES, "Lesson 2 needs a source.")
    assert [m.to for m in mail.outbox] == [[coordinator.email]]
    assert "Changes requested" in mail.outbox[0].subject
    assert "Lesson 2 needs a source." in mail.outbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        _decide(in_review, board[0], DecisionKind.WITHDRAW_REQUEST, "The source is in lesson 3.")
        _decide(in_review, board[0], DecisionKind.APPROVE)
        _decide(in_review, board[1], DecisionKind.APPROVE)
        _decide(in_review, board[2], DecisionKind.APPROVE)  # already approved: no second e-mail
    assert len(mail.outbox) == 2
    assert "is approved" in mail.outbox[1].subject


@pytest.mark.django_db
def test_without_an_author_the_platform_admins_hear_of_it(
    immediate_tasks, in_review, board, platform_admin, django_capture_on_commit_callbacks
):
    assert in_review.created_by is None  # imported from the content files
    with django_capture_on_commit_callbacks(execute=True):
        _decide(in_review, board[0], DecisionKind.REQUEST_CHANGES, "Too long.")
    assert [m.to for m in mail.outbox] == [[platform_admin.email]]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_e_mails_are_queued_and_sent_by_the_worker(draft, author, board):
    board[0].preferred_language = "el"
    board[0].save()
    services.submit_for_review(version=draft, actor=author)
    assert mail.outbox == []  # nothing is sent during the request
    call_command("db_worker", "--batch", "--no-startup-delay")
    assert sorted(m.to[0] for m in mail.outbox) == sorted(member.email for member in board)
