"""Which learners' KPI figures may have changed since the last refresh.

A learner's figures change when they join or leave (erasure, a staff role), when their group
changes (partner, language, onboarding answers, consent), when they become active or stop
being active, when their cohort places change, and when they finish a module, submit a test,
receive a credential or lose one to revocation. Everything here only finds learners: finding one
too many costs a recount, finding one too few leaves a wrong figure
(docs/decisions/0028-incremental-kpi-refresh.md).
"""

from datetime import datetime
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Coalesce

from microcred.accounts.selectors import list_learners
from microcred.assessment.models import Attempt
from microcred.credentials.models import IssuedCredential
from microcred.learning.models import ModuleProgress
from microcred.reporting.models import KpiCohortPlace, KpiLedger
from microcred.reporting.sources import learners_as_counted
from microcred.review.models import CohortMembership

Ids = QuerySet[Any, tuple[Any, ...]]


def changed_learners(*, since: datetime, now: datetime) -> set[int]:
    """Learners to recount: their events since `since`, and every learner whose standing today
    differs from what the ledger holds (compared row by row: profile edits and withdrawn
    consents leave no timestamp)."""
    changed: set[int] = set()
    for ids in (
        ModuleProgress.objects.filter(Q(updated_at__gte=since) | Q(completed_at__gte=since))
        .values_list("learner_id").distinct(),
        Attempt.objects.filter(submitted_at__gte=since, learner__isnull=False)
        .values_list("learner_id").distinct(),
        IssuedCredential.objects.filter(Q(issued_at__gte=since) | Q(revoked_at__gte=since),
                                        learner__isnull=False).values_list("learner_id").distinct(),
        _moved(now=now),
        _gone(),
        _cohort_places_changed(),
    ):
        changed.update(learner for (learner,) in ids)
    return changed


def _moved(*, now: datetime) -> Ids:
    """Learners without a ledger row for their group, month of joining and activity as they
    are now: new learners, and those whose group or activity changed."""
    filed = KpiLedger.objects.filter(enrolled__gt=0).annotate(
        k_partner=Coalesce("partner_id", Value(0))
    ).filter(
        learner_id=OuterRef("pk"), month=OuterRef("k_month"), k_partner=OuterRef("k_partner"),
        employment_status=OuterRef("k_employment_status"),
        skill_level=OuterRef("k_skill_level"), language=OuterRef("k_language"),
        active=OuterRef("k_active"),
    )
    return learners_as_counted(now=now).filter(~Exists(filed)).values_list("pk")


def _gone() -> Ids:
    """Learners in the ledger who are learners no more: their account was erased, or they
    were given a staff role."""
    return (KpiLedger.objects.filter(enrolled__gt=0)
            # NOT EXISTS, not NOT IN: PostgreSQL plans it as one hash anti-join.
        .filter(~Exists(list_learners().filter(pk=OuterRef("learner_id")))).values_list("learner_id"))


def _cohort_places_changed() -> Ids:
    """Learners who joined or left a cohort (the union of both directions)."""
    counted = KpiCohortPlace.objects.filter(learner_id=OuterRef("learner_id"),
                                            cohort_id=OuterRef("cohort_id"))
    held = CohortMembership.objects.filter(learner_id=OuterRef("learner_id"),
                                           cohort_id=OuterRef("cohort_id"))
    joined = CohortMembership.objects.filter(~Exists(counted)).values_list("learner_id")
    left = KpiCohortPlace.objects.filter(~Exists(held)).values_list("learner_id")
    return joined.union(left)
