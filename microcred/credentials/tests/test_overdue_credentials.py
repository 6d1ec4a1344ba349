"""The issuer page names learners whose credential is overdue, and what became of its issuance
(a worker that stopped, an issuance that failed), so nobody waits unnoticed."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from microcred.assessment.models import Attempt
from microcred.credentials.overdue import list_overdue_credentials
from microcred.credentials.services import issue_for_attempt
from microcred.credentials.tasks import issue_for_attempt as issue_task
from microcred.credentials.tests.conftest import pass_module

pytestmark = [pytest.mark.django_db, pytest.mark.small_course]


def _passed_minutes_ago(attempt: Attempt, minutes: int) -> Attempt:
    Attempt.objects.filter(pk=attempt.pk).update(
        submitted_at=timezone.now() - timedelta(minutes=minutes)
    )
    return attempt


def _issuance_failed(attempt: Attempt) -> None:
    DBTaskResult.objects.filter(pk=issue_task.enqueue(attempt.pk).id).update(
        status=TaskResultStatus.FAILED
    )


def test_the_issuer_sees_a_learner_whose_credential_is_overdue_and_why(client, passed, issuer):
    _issuance_failed(_passed_minutes_ago(passed, 20))
    client.force_login(issuer)
    page = client.get(reverse("credentials:issuer")).content.decode()
    assert "Overdue credentials" in page
    overdue = page.split("Overdue credentials")[1].split("Passed tests without a credential")[0]
    assert "Anna Nowak" in overdue
    assert "failed" in overdue


def test_a_credential_being_issued_right_now_is_not_overdue(client, passed, issuer):
    _passed_minutes_ago(passed, 1)
    client.force_login(issuer)
    assert "Overdue credentials" not in client.get(reverse("credentials:issuer")).content.decode()


def test_an_issued_credential_is_not_overdue(passed):
    _passed_minutes_ago(passed, 60)
    assert [item.attempt for item in list_overdue_credentials()] == [passed]
    issue_for_attempt(attempt_id=passed.pk)
    assert list_overdue_credentials() == []


def test_each_overdue_credential_says_what_its_issuance_is_doing(
    passed, other_partner_learner, django_assert_num_queries
):
    never_queued = _passed_minutes_ago(passed, 30)
    waiting = _passed_minutes_ago(pass_module(other_partner_learner), 20)
    issue_task.enqueue(waiting.pk)
    with django_assert_num_queries(2):  # the same for 2 or 200 learners
        overdue = list_overdue_credentials()
    assert [(item.attempt, item.issuance) for item in overdue] == [
        (never_queued, "never queued"),
        (waiting, "waiting for a background worker"),
    ]
