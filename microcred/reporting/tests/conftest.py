"""Learners of two partners with progress, tests and credentials, remembered as plain records so
that every test can count the expected figures itself, without the code under test."""

import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from microcred.accounts.consent import CONSENT_VERSION
from microcred.accounts.models import ConsentRecord, User
from microcred.assessment.models import Attempt, ItemBank
from microcred.credentials.models import CredentialSpec, IssuedCredential, StatusList
from microcred.curriculum.models import Module
from microcred.learning.models import LearnerProfile, ModuleProgress
from microcred.reporting.services import refresh_kpis
from microcred.review.models import Cohort, CohortMembership
from microcred.testing.factories import UserFactory

EMPLOYMENT = ["employed", "job_seeking", "other", ""]
SKILLS = ["low", "medium", "high", ""]
LANGUAGES = ["en", "pl", "de"]


@dataclass
class Made:
    """One learner as the fixture made them: what the dashboard must count."""

    learner: User
    partner: str
    employment: str
    skill: str
    language: str
    joined: datetime
    last_active: datetime | None
    completed: list[datetime] = field(default_factory=list)
    attempts: list[tuple[datetime, bool]] = field(default_factory=list)
    credentials: list[tuple[str, datetime, datetime | None]] = field(default_factory=list)
    cohorts: list[str] = field(default_factory=list)

    @property
    def in_target_group(self) -> bool:
        return self.employment in {"employed", "job_seeking"} and self.skill in {"low", "medium"}


def month(moment: datetime) -> str:
    return f"{timezone.localtime(moment):%Y-%m}"


def figures(made: list[Made], now: datetime) -> dict[str, int]:
    """The dashboard's figures, counted from the records alone."""
    valid = [[c for c in m.credentials if c[2] is None] for m in made]
    return {
        "enrolled": len(made),
        "target_group": sum(m.in_target_group for m in made),
        "active": sum(1 for m in made
                      if m.last_active and m.last_active >= now - timedelta(days=30)),
        "modules_completed": sum(len(m.completed) for m in made),
        "assessments_taken": sum(len(m.attempts) for m in made),
        "assessments_passed": sum(passed for m in made for _at, passed in m.attempts),
        "learners_assessed": sum(1 for m in made if m.attempts),
        "credentials_issued": sum(len(m.credentials) for m in made),
        "credentials_revoked": sum(1 for m in made for c in m.credentials if c[2]),
        "course_credentials": sum(1 for v in valid for c in v if c[0] == "COURSE"),
        "learners_certified": sum(1 for v in valid if v),
    }


@pytest.fixture
def kpi_data(small_course, partner, other_partner, coordinator, platform_admin):
    """30 learners (PL and IE partners) over the last five months, with a revoked credential,
    a full-course credential, a learner without a profile, and two cohorts that overlap."""
    rng = random.Random(11)
    now = timezone.now()
    shared = Cohort.objects.create(name="Launch 2026", starts_on=date(2026, 1, 1))
    polish = Cohort.objects.create(name="Kraków spring", partner=partner,
                                   starts_on=date(2026, 3, 1))
    modules = {m.code: m for m in Module.objects.select_related("published_version")}
    specs = {spec.code: spec for spec in CredentialSpec.objects.all()}
    status_list = StatusList.objects.create()
    made: list[Made] = []
    for number in range(30):
        own = number % 3 != 0
        joined = now - timedelta(days=rng.randint(2, 150), hours=rng.randint(0, 23))
        active = None if number == 7 else joined + (now - joined) * rng.random()
        record = Made(
            learner=UserFactory(partner=partner if own else other_partner, password=None,
                                preferred_language=rng.choice(LANGUAGES)),
            partner="pl" if own else "ie",
            employment="" if number == 7 else rng.choice(EMPLOYMENT),
            skill="" if number == 7 else rng.choice(SKILLS),
            language="", joined=joined, last_active=active,
        )
        record.language = record.learner.preferred_language
        User.objects.filter(pk=record.learner.pk).update(date_joined=joined)
        if number != 7:  # learner 7 never finished the welcome questions: no profile at all
            LearnerProfile.objects.create(user=record.learner, last_activity_at=active,
                                          employment_status=record.employment,
                                          skill_level=record.skill)
            consent = ConsentRecord.objects.create(user=record.learner, version=CONSENT_VERSION)
            if number == 10:  # withdrew consent: counted, but their answers no longer are
                consent.withdrawn_at = now
                consent.save()
                record.employment = record.skill = ""
        done = ["M01", "M02"][: 2 if number in (1, 4) else rng.choice([0, 1, 1, 2, 2])]
        for code in done:
            _progress(record, modules[code], at=_between(rng, joined, now))
            _tests(record, modules[code], specs[code], status_list, rng, now,
                   must_pass=number in (1, 4), revoke=number == 4)
        if number == 1:  # holds both module credentials: the stacked course credential too
            _credential(record, specs["COURSE"], None, status_list, at=now - timedelta(hours=1))
        for cohort, member in ((shared, number % 2 == 0), (polish, own and number % 4 in (1, 2))):
            if member:
                CohortMembership.objects.create(cohort=cohort, learner=record.learner)
                record.cohorts.append(cohort.name)
        made.append(record)
    # Started but not finished: not a completed module.
    idle = next(record for record in made if not record.completed)
    ModuleProgress.objects.create(learner=idle.learner, module=modules["M01"],
                                  version=modules["M01"].published_version)
    refresh_kpis()
    return made


def _between(rng: random.Random, start: datetime, end: datetime) -> datetime:
    return start + (end - start) * rng.uniform(0.1, 0.9)


def _progress(record: Made, module: Module, *, at: datetime) -> None:
    ModuleProgress.objects.create(learner=record.learner, module=module,
                                  version=module.published_version, completed_at=at)
    record.completed.append(at)


def _tests(record: Made, module: Module, spec: CredentialSpec, status_list: StatusList,
           rng: random.Random, now: datetime, *, must_pass: bool, revoke: bool) -> None:
    tries = [True] if must_pass else rng.choice([[], [True], [False], [False, True]])
    at = record.completed[-1]
    for number, passed in enumerate(tries, 1):
        at = _between(rng, at, now)
        Attempt.objects.create(
            learner=record.learner, module=module, module_version=module.published_version,
            bank=ItemBank.objects.get(module=module), number=number, seed=1, form={},
            language=record.language, started_at=at - timedelta(minutes=20), submitted_at=at,
            percent=90 if passed else 30, passed=passed)
        record.attempts.append((at, passed))
        if passed:
            revoked = _between(rng, at, now) if revoke else None
            _credential(record, spec, module, status_list, at=at + timedelta(minutes=1),
                        revoked=revoked)


def _credential(record: Made, spec: CredentialSpec, module: Module | None,
                status_list: StatusList, *, at: datetime, revoked: datetime | None = None) -> None:
    index = IssuedCredential.objects.count()
    credential = IssuedCredential.objects.create(
        learner=record.learner, spec=spec, language=record.language, document={},
        module_version=module.published_version if module else None,
        status_list=status_list, status_index=index, revoked_at=revoked,
        recipient_name=record.learner.full_name, recipient_salt="salt")
    IssuedCredential.objects.filter(pk=credential.pk).update(issued_at=at)
    record.credentials.append((spec.code, at, revoked))
