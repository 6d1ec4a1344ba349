"""Credentials that should have been issued by now and were not: the issuer page lists them,
with what became of their background issuance, so a stopped worker or a failing issuance is
seen the same day instead of by a learner who waits."""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from microcred.assessment.models import Attempt
from microcred.credentials.models import IssuedCredential
from microcred.credentials.tasks import issue_for_attempt

ISSUE_TASK_PATH = issue_for_attempt.module_path
TASK_STATES = {
    "": _("never queued"),
    TaskResultStatus.READY: _("waiting for a background worker"),
    TaskResultStatus.RUNNING: _("being issued"),
    TaskResultStatus.FAILED: _("failed"),
    TaskResultStatus.SUCCESSFUL: _("finished without a credential"),
}


@dataclass(frozen=True)
class OverdueCredential:
    attempt: Attempt
    # The issuance task's status (TaskResultStatus), or "" when none was ever queued.
    task_status: str

    @property
    def issuance(self) -> str:
        return str(TASK_STATES.get(self.task_status, self.task_status))


def list_overdue_credentials(*, limit: int = 200) -> list[OverdueCredential]:
    """Passed tests older than CREDENTIAL_OVERDUE_MINUTES whose credential is not there, oldest
    first. Two queries whatever the number."""
    cutoff = timezone.now() - timedelta(minutes=settings.CREDENTIAL_OVERDUE_MINUTES)
    held = IssuedCredential.objects.filter(
        learner=OuterRef("learner"), spec__module=OuterRef("module")
    )
    attempts = list(
        Attempt.objects.filter(passed=True, learner__isnull=False, submitted_at__lt=cutoff)
        .exclude(Exists(held))
        .select_related("learner", "module")
        .order_by("submitted_at")[:limit]
    )
    tasks = (
        DBTaskResult.objects.filter(
            task_path=ISSUE_TASK_PATH, args_kwargs__args__0__in=[a.pk for a in attempts]
        )
        .order_by("enqueued_at")
        .values_list("args_kwargs", "status")
    )
    # The latest task of each attempt says what happened last.
    latest = {args_kwargs["args"][0]: status for args_kwargs, status in tasks}
    return [
        OverdueCredential(attempt=attempt, task_status=latest.get(attempt.pk, ""))
        for attempt in attempts
    ]
