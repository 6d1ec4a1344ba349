"""Reads for the coordinators' pages, always through `accounts.selectors` (who sees whom).

Lists cost the same number of queries for 2 or 200 learners: the per-learner numbers are
subqueries of the one query that reads the page.
"""

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from enum import StrEnum

from django.db.models import Count, F, IntegerField, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from microcred.accounts.consent import CONSENT_VERSION
from microcred.accounts.models import ConsentRecord, User
from microcred.accounts.selectors import search_learners
from microcred.assessment.models import Attempt
from microcred.coordination.activity import active_or_joined, last_activity, last_activity_of
from microcred.coordination.models import CoordinatorReminder
from microcred.credentials.models import IssuedCredential
from microcred.learning.models import EmploymentStatus, LearnerProfile, ModuleProgress
from microcred.learning.selectors import ModuleCard, module_cards
from microcred.reporting.exports import Cell, Table
from microcred.review.models import Cohort, CohortMembership

INACTIVITY_DAYS = (7, 14, 30)


def _count(queryset: QuerySet, of: str = "pk", *, distinct: bool = False) -> Coalesce:
    """How many rows of `queryset` (filtered on OuterRef("pk")) each learner has, as a
    subquery: one query however many learners are on the page."""
    counted = (queryset.order_by().values("learner")
               .annotate(n=Count(of, distinct=distinct)).values("n"))
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def with_progress(learners: QuerySet[User]) -> QuerySet[User]:
    """Each learner with modules completed, tests passed, credentials held, last activity."""
    mine = {"learner": OuterRef("pk")}
    return learners.annotate(
        modules_completed=_count(
            ModuleProgress.objects.filter(**mine, completed_at__isnull=False)),
        tests_passed=_count(Attempt.objects.filter(**mine, passed=True), "module",
                            distinct=True),
        credentials_held=_count(
            IssuedCredential.objects.filter(**mine, revoked_at__isnull=True)),
        last_activity=last_activity(),
        employment_status=F("learner_profile__employment_status"),
        last_reminder=Subquery(CoordinatorReminder.objects.filter(**mine)
                               .order_by("-queued_at").values("queued_at")[:1]),
    )


def inactive_since(*, days: int, now: datetime | None = None) -> datetime:
    return (now or timezone.now()) - timedelta(days=days)


def list_learner_rows(user: User, *, query: str = "", inactive_days: int | None = None,
                      now: datetime | None = None) -> QuerySet[User]:
    """The learners `user` may see, matching `query`, optionally only those inactive for
    more than `inactive_days` days, counted as `activity.active_or_joined` says."""
    learners = with_progress(search_learners(user, query))
    if inactive_days:
        learners = learners.alias(active_at=active_or_joined()).filter(
            active_at__lt=inactive_since(days=inactive_days, now=now))
    return learners


def learner_table(learners: QuerySet[User], *, with_partner: bool,
                  time_zone: tzinfo | None = None) -> Table:
    """The learner list as a spreadsheet, in the reader's language, times in `time_zone`
    (the partner's: accounts.time_zones)."""
    headings = [_("Name"), _("E-mail"), _("Language"), _("Cohort"), _("Employment status"),
                _("Joined"), _("Last activity"), _("Modules completed"), _("Tests passed"),
                _("Credentials held")]
    if with_partner:
        headings.insert(2, _("Partner organisation"))
    statuses = dict(EmploymentStatus.choices)
    learners = learners.select_related("partner").prefetch_related(
        Prefetch("cohort_memberships", CohortMembership.objects.select_related("cohort")
                 .order_by("cohort__name")))

    def rows() -> Iterator[list[Cell]]:
        for learner in learners.iterator(chunk_size=500):
            cohorts = ", ".join(place.cohort.name for place in learner.cohort_memberships.all())
            row: list[Cell] = [
                learner.full_name, learner.email, learner.get_preferred_language_display(),
                cohorts, str(statuses.get(learner.employment_status or "", "")),
                learner.date_joined, learner.last_activity, learner.modules_completed,
                learner.tests_passed, learner.credentials_held,
            ]
            if with_partner:
                row.insert(2, learner.partner.name if learner.partner else "")
            yield row

    return Table(title=_("Learners"), headings=headings, rows=rows(), time_zone=time_zone)


# One learner -------------------------------------------------------------------------------


class ConsentState(StrEnum):
    GIVEN = "given"
    WITHDRAWN = "withdrawn"
    OUTDATED = "outdated"  # agreed to an older text: will be asked again
    NOT_ASKED = "not_asked"


@dataclass(frozen=True)
class ModuleRow:
    card: ModuleCard
    attempts: list[Attempt]

    @property
    def passed(self) -> Attempt | None:
        return next((attempt for attempt in self.attempts if attempt.passed), None)

    @property
    def best(self) -> Attempt | None:
        scored = [attempt for attempt in self.attempts if attempt.percent is not None]
        return max(scored, key=lambda attempt: attempt.percent or 0) if scored else None

    @property
    def open_attempt(self) -> bool:
        return any(attempt.submitted_at is None for attempt in self.attempts)


@dataclass(frozen=True)
class LearnerOverview:
    learner: User
    profile: LearnerProfile | None
    modules: list[ModuleRow]
    attempt_count: int
    credentials: list[IssuedCredential]
    consent_state: ConsentState
    consent: ConsentRecord | None
    cohorts: list[Cohort]
    last_reminder: CoordinatorReminder | None
    last_activity: datetime | None  # of lessons, progress and tests (activity.py)

    @property
    def modules_completed(self) -> int:
        return sum(1 for row in self.modules if row.card.state == "completed")


def learner_overview(learner: User) -> LearnerOverview:
    """Everything a coordinator sees about one learner, in eleven queries however far they got.

    `learner` must come from `accounts.selectors.access_learner`.
    """
    profile = LearnerProfile.objects.filter(user=learner).first()
    attempts: dict[int, list[Attempt]] = defaultdict(list)
    attempt_count = 0
    for attempt in (Attempt.objects.filter(learner=learner)
                    .only("module_id", "number", "percent", "passed", "submitted_at",
                          "started_at")
                    .order_by("module_id", "number")):
        attempts[attempt.module_id].append(attempt)
        attempt_count += 1
    consent = ConsentRecord.objects.filter(user=learner).order_by("-given_at").first()
    return LearnerOverview(
        learner=learner,
        profile=profile,
        modules=[ModuleRow(card=card, attempts=attempts.get(card.module.pk, []))
                 for card in module_cards(learner)],
        attempt_count=attempt_count,
        credentials=list(IssuedCredential.objects.filter(learner=learner)
                         .select_related("spec").defer("document").order_by("issued_at")),
        consent_state=_consent_state(consent),
        consent=consent,
        cohorts=list(Cohort.objects.filter(memberships__learner=learner)),
        last_reminder=CoordinatorReminder.objects.filter(learner=learner).first(),
        last_activity=last_activity_of([learner.pk]).get(learner.pk),
    )


def _consent_state(consent: ConsentRecord | None) -> ConsentState:
    if consent is None:
        return ConsentState.NOT_ASKED
    if consent.withdrawn_at is not None:
        return ConsentState.WITHDRAWN
    if consent.version != CONSENT_VERSION:
        return ConsentState.OUTDATED
    return ConsentState.GIVEN
