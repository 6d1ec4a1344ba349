"""What synthetic data to make: the shared distributions, the course and the plan.

Both generators read this: synthetic.py (the ORM, small numbers) and synthetic_sql.py
(set-based SQL on PostgreSQL).
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import connection
from django.utils import timezone

from microcred.accounts.models import PartnerOrganisation

SYNTHETIC_DOMAIN = "synthetic.invalid"
COHORT_PREFIX = "Synthetic: "
STATUS_PURPOSE = "synthetic"

# Distributions shared by both paths (weights, shares of learners).
EMPLOYMENT = (("employed", 45), ("job_seeking", 35), ("other", 15), ("", 5))
SKILLS = (("low", 40), ("medium", 40), ("high", 15), ("", 5))
STARTED = 0.92  # share of learners who start a first module
LAST_MODULE_DONE = 0.6  # share who finished the last module they started
TESTED = 0.85  # share of completed modules whose test is taken
PASSED_FIRST, RETAKEN, PASSED_SECOND = 0.75, 0.7, 0.85
REVOKED = 0.015
OWN_LANGUAGE = 0.8  # the rest study in English
CONSENT_WITHDRAWN = 0.02  # counted as learners, their answers no longer in reports
IN_COHORT, IN_SHARED_COHORT = 0.5, 0.05


@dataclass(frozen=True)
class CourseModule:
    position: int  # 1 = first module of the course
    module_id: int
    version_id: int
    bank_id: int | None
    spec_id: int | None
    lesson_ids: list[int]


@dataclass(frozen=True)
class Plan:
    """What to generate: learners, and the module-drop-off curve that gives `progress` rows."""

    learners: int
    months: int
    seed: int
    partners: list[PartnerOrganisation]
    modules: list[CourseModule]
    course_spec_id: int | None
    drop_off: float  # chance to go on to the next module

    @property
    def since(self) -> datetime:
        return timezone.now() - timedelta(days=30 * self.months)


def sql(template: str, *, learners: str = "", **names: str) -> str:
    """`template` with table and column names quoted in; `learners` is a ready subquery.
    Values never go into the text: they are passed as query parameters."""
    quoted = {key: connection.ops.quote_name(value) for key, value in names.items()}
    return template.format(learners=learners, **quoted)
