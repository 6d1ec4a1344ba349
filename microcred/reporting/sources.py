"""The grouped queries that count the KPI figures from the learning, test and credential tables.

Each returns one row per learner, month and learner group with that learner's counts: the KPI
ledger (models.KpiLedger). The rollups are sums of the ledger; see
docs/decisions/0006-kpi-rollups.md and 0028-incremental-kpi-refresh.md.
"""

from collections.abc import Collection
from datetime import datetime, timedelta
from typing import Any

from django.db.models import (
    Case,
    Count,
    DateField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Coalesce, TruncMonth

from microcred.accounts.models import User
from microcred.accounts.roles import STAFF_ROLES
from microcred.accounts.selectors import consents_in_force, list_learners
from microcred.assessment.models import Attempt
from microcred.credentials.models import COURSE_SPEC_CODE, IssuedCredential
from microcred.learning.models import ModuleProgress
from microcred.reporting.kpis import ACTIVE_DAYS, STORED

# The ledger's columns, in the order every source query selects them.
KEYS = ("learner_id", "month", "partner_id", "employment_status", "skill_level", "language")
LEDGER_COLUMNS = (*KEYS, *STORED)


def ledger_sources(
    *, now: datetime, learners: Collection[int] | None = None
) -> list[QuerySet[Any, dict[str, Any]]]:
    """One grouped query per source table, for every learner or only `learners`."""
    active_since = now - timedelta(days=ACTIVE_DAYS)
    submitted = Attempt.objects.filter(submitted_at__isnull=False)
    earlier_attempt = submitted.filter(learner=OuterRef("learner")).filter(
        Q(submitted_at__lt=OuterRef("submitted_at"))
        | Q(submitted_at=OuterRef("submitted_at"), pk__lt=OuterRef("pk"))
    )
    valid = IssuedCredential.objects.filter(revoked_at__isnull=True)
    earlier_credential = valid.filter(learner=OuterRef("learner")).filter(
        Q(issued_at__lt=OuterRef("issued_at"))
        | Q(issued_at=OuterRef("issued_at"), pk__lt=OuterRef("pk"))
    )
    only = {"learners": learners}
    return [
        _grouped(list_learners(), learner="", month="date_joined", **only,
                 enrolled=Count("pk"),
                 active=Count("pk", filter=Q(learner_profile__last_activity_at__gte=active_since))),
        _grouped(ModuleProgress.objects.filter(completed_at__isnull=False), month="completed_at",
                 **only, modules_completed=Count("pk")),
        _grouped(submitted, month="submitted_at", **only,
                 assessments_taken=Count("pk"),
                 assessments_passed=Count("pk", filter=Q(passed=True))),
        # A learner is assessed in the month of their first submitted test.
        _grouped(submitted.filter(~Exists(earlier_attempt)), month="submitted_at", **only,
                 learners_assessed=Count("pk")),
        _grouped(IssuedCredential.objects.all(), month="issued_at", **only,
                 credentials_issued=Count("pk"),
                 course_credentials=Count("pk", filter=Q(spec__code=COURSE_SPEC_CODE,
                                                         revoked_at__isnull=True))),
        _grouped(IssuedCredential.objects.filter(revoked_at__isnull=False), month="revoked_at",
                 **only, credentials_revoked=Count("pk")),
        # ... and certified in the month of the first credential they still hold.
        _grouped(valid.filter(~Exists(earlier_credential)), month="issued_at", **only,
                 learners_certified=Count("pk")),
    ]


def _grouped(
    queryset: QuerySet[Any], *, month: str, learners: Collection[int] | None,
    learner: str = "learner", **counts: Any,
) -> QuerySet[Any, dict[str, Any]]:
    """GROUP BY learner, month and the learner's group; the counts a source does not have are
    0, so that every query selects the ledger's columns in the same order."""
    path = f"{learner}__" if learner else ""
    groups = {"learner_id": F(f"{path}pk"), "month": TruncMonth(month, output_field=DateField()),
              **learner_group(path)}
    if learner:
        # accounts.selectors.list_learners, applied to the user already joined: a subquery
        # would scan the million accounts once more for every source.
        queryset = queryset.filter(**{f"{path}is_staff": False, f"{path}is_superuser": False}
                                   ).exclude(**{f"{path}groups__name__in": STAFF_ROLES})
    if learners is not None:
        queryset = queryset.filter(**{f"{path}pk__in": learners})
    zeros = {name: Value(0, output_field=IntegerField()) for name in STORED if name not in counts}
    aliased = {f"k_{name}": value for name, value in groups.items()}
    return (queryset.annotate(**aliased).values(*aliased)
            .annotate(**{name: counts.get(name) or zeros[name] for name in STORED}).order_by())


def learner_group(path: str = "") -> dict[str, Any]:
    """The group a learner is counted in: partner, work situation, skills, language."""
    consented = Exists(consents_in_force().filter(user=OuterRef(f"{path}pk")))
    return {
        "partner_id": F(f"{path}partner_id"),
        "employment_status": _answer(f"{path}learner_profile__employment_status", consented),
        "skill_level": _answer(f"{path}learner_profile__skill_level", consented),
        "language": F(f"{path}preferred_language"),
    }


def learners_as_counted(*, now: datetime) -> QuerySet[User]:
    """Every learner with the group, month of joining and activity the ledger files them
    under: one row each, compared with the ledger to find who moved."""
    active_since = now - timedelta(days=ACTIVE_DAYS)
    return list_learners().annotate(
        k_month=TruncMonth("date_joined", output_field=DateField()),
        k_partner=Coalesce("partner_id", Value(0)),
        k_active=Case(When(learner_profile__last_activity_at__gte=active_since, then=Value(1)),
                      default=Value(0)),
        **{f"k_{name}": value for name, value in learner_group().items() if name != "partner_id"},
    )


def _answer(field: str, consented: Exists) -> Case:
    """A learner's onboarding answer, or "" (not known) without consent in force: the consent
    text promises that after withdrawing it, their answers no longer count in reports. They
    still count as learners, with their progress and credentials."""
    return Case(When(consented, then=Coalesce(field, Value(""))), default=Value(""))
