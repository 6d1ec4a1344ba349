"""The credentials app listens to the assessment app: a passed test queues its credential."""

from typing import Any

from django.dispatch import receiver

from microcred.assessment.signals import assessment_passed
from microcred.credentials.tasks import issue_for_attempt


@receiver(assessment_passed, dispatch_uid="credentials-issue-on-pass")
def queue_issuance(sender: Any, attempt_id: int, **kwargs: Any) -> None:
    # The signal is sent after the attempt's transaction committed, so the task sees it.
    issue_for_attempt.enqueue(attempt_id)
