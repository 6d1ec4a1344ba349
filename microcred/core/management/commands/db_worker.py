"""`manage.py db_worker`: django-tasks' database worker, plus a heartbeat, so that the tasks of
a worker that died mid-task are run again by another (microcred.core.workers).

It takes the place of django_tasks_db's command of the same name (microcred.core comes before
django_tasks_db in INSTALLED_APPS) so every way of starting a worker gets it; the options are
the same.
"""

from typing import Any

from django_tasks_db.management.commands import db_worker

from microcred.core.workers import Heartbeat


class Worker(db_worker.Worker):
    def run(self) -> None:
        with Heartbeat(self.worker_id):
            super().run()


class Command(db_worker.Command):
    help = (
        "Run a database background worker. While it runs it records a heartbeat, and it puts "
        "back in the queue any task whose worker stopped mid-task "
        "(TASK_WORKER_TIMEOUT_SECONDS, TASK_MAX_ATTEMPTS)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        # The upstream command builds its Worker by name from its own module.
        original = db_worker.Worker
        db_worker.Worker = Worker  # type: ignore[misc]
        try:
            super().handle(*args, **options)
        finally:
            db_worker.Worker = original  # type: ignore[misc]
