"""Reads for the KPI dashboard: who may count whose learners, and the figures from the rollups.

Every page costs the same handful of queries, whatever the number of learners: the figures come
from the pre-counted rollup rows (a few thousand at most), grouped once by learner group, once
by month and once by cohort; Python adds the groups up into each breakdown.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet, Sum
from django.utils.translation import gettext as _

from microcred.accounts.models import PartnerOrganisation, User
from microcred.accounts.roles import Role
from microcred.reporting.kpis import (
    EMPLOYMENT_LABELS,
    IN_TARGET_GROUP,
    KPI_KEYS,
    KPIS,
    MONTHLY_KPIS,
    SKILL_LABELS,
    STORED,
    TARGET_EMPLOYMENT,
    TARGET_SKILLS,
    targets,
)
from microcred.reporting.models import STATUS_PK, KpiRollup, KpiStatus
from microcred.review.models import Cohort

Figures = dict[str, int]
# Aliased: an annotation may not take the name of the field it adds up.
SUMS = {f"n_{key}": Sum(key) for key in STORED}
TARGET_GROUP_SUM = {"n_target_group": Sum("enrolled", filter=IN_TARGET_GROUP)}
GROUP_FIELDS = ("partner_id", "employment_status", "skill_level", "language")


@dataclass(frozen=True)
class KpiScope:
    """Whose learners a reader may count: everyone's (None) or one partner organisation's."""

    partner_id: int | None


def access_kpi_scope(user: User) -> KpiScope:
    """The same rule as accounts.selectors.learners_visible_to: platform admins count every
    learner, a coordinator only their own organisation's; anyone else gets 403."""
    if not user.is_authenticated:
        raise PermissionDenied
    if user.has_role(Role.ADMIN):
        return KpiScope(partner_id=None)
    if user.has_role(Role.COORDINATOR) and user.partner_id is not None:
        return KpiScope(partner_id=user.partner_id)
    raise PermissionDenied


@dataclass(frozen=True)
class KpiFilters:
    """The reader's selection; None means "all". "" is a stored "not stated" answer."""

    partner_id: int | None = None
    employment_status: str | None = None
    skill_level: str | None = None
    language: str | None = None
    cohort_id: int | None = None

    @property
    def narrows_the_group(self) -> bool:
        """True when the selection is not a whole partner or the whole consortium: the funder's
        targets do not apply to, say, only the employed learners."""
        return any(value is not None for value in (
            self.employment_status, self.skill_level, self.language, self.cohort_id))


def list_partners(scope: KpiScope) -> list[PartnerOrganisation]:
    partners = PartnerOrganisation.objects.order_by("name")
    if scope.partner_id is not None:
        partners = partners.filter(pk=scope.partner_id)
    return list(partners)


def list_cohorts(scope: KpiScope) -> list[Cohort]:
    """Every cohort for admins; a coordinator's own organisation's cohorts and shared ones."""
    cohorts = Cohort.objects.order_by("-starts_on", "name")
    if scope.partner_id is not None:
        cohorts = cohorts.filter(Q(partner_id=scope.partner_id) | Q(partner__isnull=True))
    return list(cohorts)


def get_kpi_status() -> KpiStatus | None:
    return KpiStatus.objects.filter(pk=STATUS_PK).first()


@dataclass
class Group:
    """One line of a breakdown: a partner, a work situation, a month..."""

    key: Any
    label: str
    figures: Figures = field(default_factory=lambda: dict.fromkeys(KPI_KEYS, 0))
    targets: dict[str, int] = field(default_factory=dict)
    # Months only: learners enrolled and certified up to the end of the month.
    enrolled_so_far: int = 0
    certified_so_far: int = 0

    def add(self, row: dict[str, Any]) -> None:
        """Add one grouped row of sums (n_enrolled, n_active...) to this group's figures."""
        for key in KPI_KEYS:
            self.figures[key] += row.get(f"n_{key}") or 0

    @property
    def cells(self) -> list[int]:
        return [self.figures[kpi.key] for kpi in KPIS]

    @property
    def monthly_cells(self) -> list[int]:
        return [self.figures[kpi.key] for kpi in MONTHLY_KPIS]


@dataclass(frozen=True)
class Progress:
    key: str
    label: str
    value: int
    target: int

    @property
    def percent(self) -> int:
        return round(100 * self.value / self.target) if self.target else 0


@dataclass
class KpiReport:
    scope: KpiScope
    filters: KpiFilters
    status: KpiStatus | None
    totals: Group
    targets: dict[str, int]
    by_partner: list[Group]
    by_employment: list[Group]
    by_skill: list[Group]
    by_language: list[Group]
    by_cohort: list[Group]
    by_month: list[Group]

    @property
    def progress(self) -> list[Progress]:
        return [Progress(kpi.key, str(kpi.label), self.totals.figures[kpi.key],
                         self.targets[kpi.key]) for kpi in KPIS if kpi.key in self.targets]

    @property
    def partner_progress(self) -> list[Progress]:
        """Learners enrolled per partner against the per-partner target (when it applies)."""
        return [Progress("enrolled", group.label, group.figures["enrolled"],
                         group.targets["enrolled"])
                for group in self.by_partner if "enrolled" in group.targets]

    @property
    def key_figures(self) -> list["KeyFigure"]:
        return [KeyFigure(str(kpi.label), str(kpi.definition), self.totals.figures[kpi.key],
                          self.targets.get(kpi.key)) for kpi in KPIS]

    @property
    def target_group_share(self) -> int:
        """Per cent of the learners enrolled in this selection who are in the target group."""
        enrolled = self.totals.figures["enrolled"]
        return round(100 * self.totals.figures["target_group"] / enrolled) if enrolled else 0

    @property
    def breakdowns(self) -> list["Breakdown"]:
        return [
            Breakdown("partner", _("By partner organisation"), _("Partner organisation"),
                      self.by_partner),
            Breakdown("employment", _("By work situation"), _("Work situation"),
                      self.by_employment, _("As learners answered in the welcome questions.")),
            Breakdown("skills", _("By digital skills (self-check)"), _("Digital skills"),
                      self.by_skill, _("As learners rated themselves in the welcome self-check.")),
            Breakdown("language", _("By language"), _("Language"), self.by_language,
                      _("The language each learner chose for the platform.")),
            Breakdown("cohort", _("By cohort"), _("Cohort"), self.by_cohort,
                      _("A learner in two cohorts is counted in both.")),
        ]


@dataclass(frozen=True)
class KeyFigure:
    label: str
    definition: str
    value: int
    target: int | None

    @property
    def percent(self) -> int | None:
        return round(100 * self.value / self.target) if self.target else None


@dataclass(frozen=True)
class Breakdown:
    anchor: str
    heading: str
    group_heading: str
    groups: list[Group]
    note: str = ""


def kpi_report(
    *, scope: KpiScope, filters: KpiFilters, partners: list[PartnerOrganisation],
    cohorts: list[Cohort], status: KpiStatus | None,
) -> KpiReport:
    """Every figure of the dashboard from three queries on the rollup table."""
    rows = _rows(scope=scope, filters=filters)
    one_partner = scope.partner_id is not None or filters.partner_id is not None
    wanted = targets(one_partner=one_partner) if not filters.narrows_the_group else {}
    partner_targets = targets(one_partner=True) if not filters.narrows_the_group else {}
    totals = Group(None, _("All learners in this selection"), targets=wanted)
    by_partner = {p.pk: Group(p.pk, _partner_label(p), targets=partner_targets)
                  for p in partners if filters.partner_id in (None, p.pk)}
    by_employment = {key: Group(key, str(label)) for key, label in EMPLOYMENT_LABELS.items()}
    by_skill = {key: Group(key, str(label)) for key, label in SKILL_LABELS.items()}
    by_language = {code: Group(code, str(name)) for code, name in settings.LANGUAGES}
    for row in rows.values(*GROUP_FIELDS).annotate(**SUMS).order_by():
        row["n_target_group"] = row["n_enrolled"] if _in_target_group(row) else 0
        totals.add(row)
        _group(by_partner, row["partner_id"], _("No partner organisation")).add(row)
        _group(by_employment, row["employment_status"], row["employment_status"]).add(row)
        _group(by_skill, row["skill_level"], row["skill_level"]).add(row)
        _group(by_language, row["language"], row["language"].upper() or _("Not stated")).add(row)
    return KpiReport(
        scope=scope, filters=filters, status=status, totals=totals, targets=wanted,
        by_partner=list(by_partner.values()),
        by_employment=list(by_employment.values()), by_skill=list(by_skill.values()),
        by_language=list(by_language.values()),
        by_cohort=_by_cohort(scope=scope, filters=filters, cohorts=cohorts),
        by_month=_by_month(rows),
    )


def _rows(*, scope: KpiScope, filters: KpiFilters, by_cohort: bool = False) -> QuerySet[KpiRollup]:
    """Rows without a cohort count every learner; a cohort's rows only its members."""
    rows = KpiRollup.objects.all()
    if filters.cohort_id is not None:
        rows = rows.filter(cohort_id=filters.cohort_id)
    else:
        rows = rows.filter(cohort__isnull=not by_cohort)
    if scope.partner_id is not None:
        rows = rows.filter(partner_id=scope.partner_id)
    if filters.partner_id is not None:
        rows = rows.filter(partner_id=filters.partner_id)
    if filters.employment_status is not None:
        rows = rows.filter(employment_status=filters.employment_status)
    if filters.skill_level is not None:
        rows = rows.filter(skill_level=filters.skill_level)
    if filters.language is not None:
        rows = rows.filter(language=filters.language)
    return rows


def _by_cohort(*, scope: KpiScope, filters: KpiFilters, cohorts: list[Cohort]) -> list[Group]:
    groups = {c.pk: Group(c.pk, c.name) for c in cohorts if filters.cohort_id in (None, c.pk)}
    rows = _rows(scope=scope, filters=filters, by_cohort=True).filter(cohort_id__in=list(groups))
    for row in rows.values("cohort_id").annotate(**SUMS, **TARGET_GROUP_SUM).order_by():
        groups[row["cohort_id"]].add(row)
    return list(groups.values())


def _by_month(rows: QuerySet[KpiRollup]) -> list[Group]:
    """Every month from the first to the last with figures, gaps included (zeros)."""
    found = {
        row["month"]: row
        for row in rows.values("month").annotate(**SUMS, **TARGET_GROUP_SUM).order_by("month")
    }
    groups = []
    enrolled = certified = 0
    for month in _months(min(found, default=None), max(found, default=None)):
        group = Group(month, f"{month:%Y-%m}")
        if month in found:
            group.add(found[month])
        enrolled += group.figures["enrolled"]
        certified += group.figures["learners_certified"]
        group.enrolled_so_far, group.certified_so_far = enrolled, certified
        groups.append(group)
    return groups


def _months(first: date | None, last: date | None) -> Iterable[date]:
    if first is None or last is None:
        return
    month = first.replace(day=1)
    while month <= last:
        yield month
        month = (month.replace(day=28) + timedelta(days=4)).replace(day=1)


def _group(groups: dict[Any, Group], key: Any, label: str) -> Group:
    """The group for `key`; one that was not expected (an old language, a partner the reader
    does not know) is added with `label`."""
    if key not in groups:
        groups[key] = Group(key, label)
    return groups[key]


def _in_target_group(row: dict[str, Any]) -> bool:
    return row["employment_status"] in TARGET_EMPLOYMENT and row["skill_level"] in TARGET_SKILLS


def _partner_label(partner: PartnerOrganisation) -> str:
    return f"{partner.name} ({partner.country})"
