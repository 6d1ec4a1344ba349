"""Which learners get a reminder today. Run daily (cron or a systemd timer)."""

from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from microcred.learning.models import LearnerProfile
from microcred.learning.tasks import send_reminder

INACTIVE_DAYS = 7


def due_reminders(*, now=None) -> list[int]:
    now = now or timezone.now()
    cutoff = now - timedelta(days=INACTIVE_DAYS)
    return list(
        LearnerProfile.objects.filter(reminders=True, user__is_active=True,
                                      last_activity_at__lt=cutoff)
        # Never more than one reminder per inactive week.
        .filter(Q(last_reminded_at__isnull=True) | Q(last_reminded_at__lt=cutoff))
        .values_list("pk", flat=True)
    )


def enqueue_reminders(*, now=None) -> int:
    """Queue one e-mail task per learner who asked for reminders and has been away a week."""
    profile_ids = due_reminders(now=now)
    for profile_id in profile_ids:
        transaction.on_commit(lambda pk=profile_id: send_reminder.enqueue(pk))
    return len(profile_ids)
