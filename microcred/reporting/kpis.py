"""What each figure on the KPI dashboard means, the funder's targets, and the group labels."""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from microcred.learning.models import EmploymentStatus, SkillLevel

ACTIVE_DAYS = 30
NOT_STATED = "none"  # filter value for "did not answer" (the stored value is "")

# The funder's target group: adults in work or looking for work, with low or medium digital
# skills (self-assessed at onboarding).
TARGET_EMPLOYMENT = (EmploymentStatus.EMPLOYED, EmploymentStatus.JOB_SEEKING)
TARGET_SKILLS = (SkillLevel.LOW, SkillLevel.MEDIUM)
IN_TARGET_GROUP = Q(employment_status__in=TARGET_EMPLOYMENT, skill_level__in=TARGET_SKILLS)


@dataclass(frozen=True)
class Kpi:
    key: str
    label: Promise
    definition: Promise
    monthly: bool = True  # False: a snapshot that makes no sense month by month


KPIS = (
    Kpi("enrolled", _("Learners enrolled"),
        _("Learner accounts on the platform (staff accounts are not counted).")),
    Kpi("target_group", _("Learners in the target group"),
        _("Enrolled learners who are employed or looking for a job and rated their digital "
          "skills low or medium in the welcome self-check.")),
    Kpi("active", _("Active in the last 30 days"),
        _("Learners who opened or finished a lesson in the 30 days before the figures were "
          "calculated."), monthly=False),
    Kpi("modules_completed", _("Modules completed"),
        _("Modules finished by learners, counting each learner's module once.")),
    Kpi("assessments_taken", _("Module tests taken"),
        _("Module tests submitted, every attempt counted.")),
    Kpi("assessments_passed", _("Module tests passed"), _("Submitted module tests passed.")),
    Kpi("learners_assessed", _("Learners assessed"),
        _("Learners who submitted at least one module test.")),
    Kpi("credentials_issued", _("Micro-credentials issued"),
        _("Every credential issued, module and full-course, including those revoked since.")),
    Kpi("credentials_revoked", _("Micro-credentials revoked"), _("Credentials revoked.")),
    Kpi("course_credentials", _("Full-course credentials"),
        _("Stacked credentials for the whole course, not revoked.")),
    Kpi("learners_certified", _("Learners certified"),
        _("Learners who hold at least one micro-credential that is not revoked.")),
)
KPI_KEYS = tuple(kpi.key for kpi in KPIS)
MONTHLY_KPIS = tuple(kpi for kpi in KPIS if kpi.monthly)
# The counts stored in each rollup row (the target group is derived from the row's group).
STORED = tuple(key for key in KPI_KEYS if key != "target_group")

EMPLOYMENT_LABELS: dict[str, Promise] = {
    EmploymentStatus.EMPLOYED: _("Employed"),
    EmploymentStatus.JOB_SEEKING: _("Looking for a job"),
    EmploymentStatus.OTHER: _("Other situation"),
    "": _("Not stated"),
}
SKILL_LABELS: dict[str, Promise] = {
    SkillLevel.LOW: _("Low (beginner)"),
    SkillLevel.MEDIUM: _("Medium (some experience)"),
    SkillLevel.HIGH: _("High (confident)"),
    "": _("Not stated"),
}


def targets(*, one_partner: bool) -> dict[str, int]:
    """The funder's targets for the whole consortium, or for one partner organisation.

    settings.KPI_TARGETS holds "consortium" and "per_partner" maps of KPI key to target; a KPI
    without a target there has none on the dashboard.
    """
    configured = settings.KPI_TARGETS["per_partner" if one_partner else "consortium"]
    return {key: int(value) for key, value in configured.items() if key in KPI_KEYS and value}
