"""Background tasks survive a worker that dies mid-task (killed, out of memory, host lost).

django-tasks' database backend marks a task RUNNING when a worker claims it and never looks
at it again, so a task whose worker died stayed "running" forever. Every `db_worker` (our
command of that name) therefore records a heartbeat while it runs, and every worker, at start
and then now and again, puts a RUNNING task back in the queue when the worker that claimed it
has fallen silent for TASK_WORKER_TIMEOUT_SECONDS. A task that has killed its worker
TASK_MAX_ATTEMPTS times is marked failed instead of being tried for ever.

Retrying is safe because tasks are idempotent: a killed worker's transaction is rolled back by
the database, and credential issuance checks and relies on a unique constraint, so a
credential exists exactly once whichever attempt issues it. Hosts must keep their clocks in
step (NTP): heartbeats are compared with each other's time.
"""

import logging
import os
import socket
import threading
from dataclasses import dataclass
from datetime import timedelta
from types import TracebackType

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from microcred.core.models import TaskWorker

logger = logging.getLogger(__name__)

# How often, in heartbeats, a worker also looks for tasks of dead workers.
REQUEUE_EVERY_BEATS = 3


class WorkerDied(Exception):
    """Recorded as the error of a task that has killed its worker TASK_MAX_ATTEMPTS times."""


def timeout() -> timedelta:
    return timedelta(seconds=settings.TASK_WORKER_TIMEOUT_SECONDS)


def beat(worker_id: str) -> None:
    now = timezone.now()
    TaskWorker.objects.update_or_create(
        worker_id=worker_id,
        defaults={"last_seen_at": now},
        create_defaults={
            "host": socket.gethostname()[:255],
            "pid": os.getpid(),
            "started_at": now,
            "last_seen_at": now,
        },
    )


@dataclass(frozen=True)
class Recovery:
    requeued: int
    failed: int


def requeue_abandoned_tasks() -> Recovery:
    """Put back in the queue every RUNNING task whose worker fell silent; fail those that have
    already been tried TASK_MAX_ATTEMPTS times. Safe to run from several workers at once."""
    silent_since = timezone.now() - timeout()
    alive = TaskWorker.objects.filter(last_seen_at__gte=silent_since).values_list(
        "worker_id", flat=True
    )
    alive_ids = set(alive)
    requeued = failed = 0
    with transaction.atomic():
        # skip_locked: a task another worker is recovering right now is theirs to handle.
        running = (
            DBTaskResult.objects.select_for_update(skip_locked=True)
            .filter(status=TaskResultStatus.RUNNING)
            .filter(Q(started_at__lt=silent_since) | Q(started_at__isnull=True))
        )
        for task in running:
            if task.worker_ids and task.worker_ids[-1] in alive_ids:
                continue  # still being worked on, however long it takes
            if len(task.worker_ids) >= settings.TASK_MAX_ATTEMPTS:
                _fail(task)
                failed += 1
            else:
                # Back to the queue with its place (priority, enqueue time) kept; the list of
                # workers that tried it is kept too, it counts the attempts.
                task.status = TaskResultStatus.READY
                task.started_at = None
                task.save(update_fields=["status", "started_at"])
                requeued += 1
            logger.warning(
                "Task %s (%s) was running on worker %s, which stopped: %s.",
                task.id,
                task.task_path,
                (task.worker_ids or ["?"])[-1],
                "failed" if task.status == TaskResultStatus.FAILED else "requeued",
            )
    # Long-gone workers' heartbeats are of no more use.
    TaskWorker.objects.filter(last_seen_at__lt=timezone.now() - timedelta(days=1)).delete()
    return Recovery(requeued=requeued, failed=failed)


def _fail(task: DBTaskResult) -> None:
    error = WorkerDied(
        f"The worker stopped while running this task, "
        f"{len(task.worker_ids)} times; it is not tried again."
    )
    task.status = TaskResultStatus.FAILED
    task.finished_at = timezone.now()
    task.exception_class_path = f"{WorkerDied.__module__}.{WorkerDied.__qualname__}"
    task.traceback = str(error)
    task.save(update_fields=["status", "finished_at", "exception_class_path", "traceback"])


def _database_is_private_to_this_process() -> bool:
    # An in-memory SQLite database (tests) cannot be seen by another worker, so nobody could
    # judge this one dead; a heartbeat thread would only contend with the test's transaction.
    return connection.vendor == "sqlite" and connection.is_in_memory_db()


class Heartbeat:
    """While a worker runs (`with Heartbeat(worker_id):`), a thread records that it is alive
    every sixth of the timeout, even during a long task, and now and again requeues the tasks
    of dead workers. The worker's own record is removed when it stops cleanly."""

    def __init__(self, worker_id: str) -> None:
        self.worker_id = worker_id
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def __enter__(self) -> "Heartbeat":
        # Recorded before the first claim, so no task is ever held by a worker with no record.
        beat(self.worker_id)
        requeue_abandoned_tasks()
        if not _database_is_private_to_this_process():
            self._thread = threading.Thread(target=self._run, name="worker-heartbeat", daemon=True)
            self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
        TaskWorker.objects.filter(worker_id=self.worker_id).delete()

    def _run(self) -> None:
        interval = max(settings.TASK_WORKER_TIMEOUT_SECONDS / 6, 0.5)
        beats = 0
        try:
            while not self._stop.wait(interval):
                try:
                    beat(self.worker_id)
                    beats += 1
                    if beats % REQUEUE_EVERY_BEATS == 0:
                        requeue_abandoned_tasks()
                except Exception:
                    # A busy or briefly unreachable database: try again at the next beat.
                    logger.exception("Worker heartbeat failed")
        finally:
            connection.close()  # this thread's own connection
