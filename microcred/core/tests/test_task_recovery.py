"""Which running tasks a worker puts back in the queue (the killed-worker test runs real
processes; these pin the rules)."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from microcred.core.models import TaskWorker
from microcred.core.workers import beat, requeue_abandoned_tasks
from microcred.credentials.tasks import issue_for_attempt

pytestmark = pytest.mark.django_db


def _running(*, worker_ids: list[str], started_seconds_ago: int) -> DBTaskResult:
    task = DBTaskResult.objects.get(pk=issue_for_attempt.enqueue(1).id)
    task.status = TaskResultStatus.RUNNING
    task.worker_ids = worker_ids
    task.started_at = timezone.now() - timedelta(seconds=started_seconds_ago)
    task.save()
    return task


def _silence(worker_id: str, seconds: int) -> None:
    TaskWorker.objects.filter(worker_id=worker_id).update(
        last_seen_at=timezone.now() - timedelta(seconds=seconds)
    )


def test_a_long_task_of_a_worker_that_is_still_beating_is_left_alone(settings):
    settings.TASK_WORKER_TIMEOUT_SECONDS = 60
    beat("alive")
    task = _running(worker_ids=["alive"], started_seconds_ago=3600)
    assert requeue_abandoned_tasks().requeued == 0
    task.refresh_from_db()
    assert task.status == TaskResultStatus.RUNNING


def test_the_task_of_a_silent_worker_goes_back_to_the_queue(settings):
    settings.TASK_WORKER_TIMEOUT_SECONDS = 60
    beat("dead")
    _silence("dead", 61)
    task = _running(worker_ids=["dead"], started_seconds_ago=120)
    assert requeue_abandoned_tasks().requeued == 1
    task.refresh_from_db()
    assert task.status == TaskResultStatus.READY
    assert task.worker_ids == ["dead"]  # the attempt still counts


def test_a_task_claimed_by_a_worker_without_any_heartbeat_is_requeued_once_old(settings):
    settings.TASK_WORKER_TIMEOUT_SECONDS = 60
    young = _running(worker_ids=["unknown"], started_seconds_ago=5)
    old = _running(worker_ids=["unknown"], started_seconds_ago=300)
    requeue_abandoned_tasks()
    young.refresh_from_db()
    old.refresh_from_db()
    assert (young.status, old.status) == (TaskResultStatus.RUNNING, TaskResultStatus.READY)


def test_a_task_that_killed_its_worker_every_time_is_failed_not_retried_for_ever(settings):
    settings.TASK_WORKER_TIMEOUT_SECONDS = 60
    settings.TASK_MAX_ATTEMPTS = 3
    task = _running(worker_ids=["a", "b", "c"], started_seconds_ago=300)
    assert requeue_abandoned_tasks().failed == 1
    task.refresh_from_db()
    assert task.status == TaskResultStatus.FAILED
    assert task.exception_class_path == "microcred.core.workers.WorkerDied"
    assert "3 times" in task.traceback
