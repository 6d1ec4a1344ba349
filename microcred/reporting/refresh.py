"""Asking for fresh KPI figures: the dashboard queues one background recount at a time.

Apart from services.py because the task it queues calls services.refresh_kpis: kept together,
each would import the other.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from microcred.reporting.models import STATUS_PK, KpiStatus
from microcred.reporting.tasks import refresh_kpis_task

# A recount may take this share of the database's time at most, however large the data.
RECOUNT_SHARE = 5


def max_age(status: KpiStatus | None) -> timedelta:
    """How old the figures may get before the dashboard asks for new ones: a few minutes on
    the pilot's data, longer only when a recount itself takes long (at a million learners,
    40 s: figures at most about four minutes old, the database counting a fifth of the time)."""
    took = timedelta(milliseconds=status.duration_ms if status else 0)
    return max(timedelta(minutes=settings.KPI_MAX_AGE_MINUTES), took * RECOUNT_SHARE)


def request_refresh(*, status: KpiStatus | None, force: bool = False) -> bool:
    """Queue a background refresh when the figures are older than `max_age` (or at once with
    `force`). Many readers may see old figures at the same moment; only the one whose
    conditional UPDATE claims the request queues the task. True when a task was queued."""
    now = timezone.now()
    cutoff = now - max_age(status)
    if not force and status and status.refreshed_at and status.refreshed_at >= cutoff:
        return False
    if status is None:
        KpiStatus.objects.get_or_create(pk=STATUS_PK)
    claim = KpiStatus.objects.filter(pk=STATUS_PK)
    if not force:
        claim = claim.filter(Q(requested_at__isnull=True) | Q(requested_at__lt=cutoff))
    if not claim.update(requested_at=now):
        return False
    transaction.on_commit(refresh_kpis_task.enqueue)
    return True
