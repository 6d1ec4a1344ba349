"""Synthetic learners for scale tests: accounts, profiles, progress, tests, credentials, cohorts.

Every synthetic account has an e-mail address at SYNTHETIC_DOMAIN (a reserved, undeliverable
domain) and an unusable password, so it can never log in and `delete_synthetic_data` finds it.
Credentials are records only: their documents are not signed and they sit on status lists of
their own (purpose "synthetic", marked full) that real issuance never picks.

PostgreSQL gets set-based SQL (synthetic_sql.py: a million learners in minutes); other
databases get the same distributions through the ORM, for the small numbers tests need.
"""

import math
import random
import time
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.db.models import CASCADE, SET_NULL, F, QuerySet
from django.utils import timezone

from microcred.accounts.consent import CONSENT_VERSION
from microcred.accounts.models import ConsentRecord, PartnerOrganisation, User
from microcred.assessment.models import Attempt, ItemBank
from microcred.credentials.models import (
    COURSE_SPEC_CODE,
    STATUS_LIST_SIZE,
    CredentialSpec,
    IssuedCredential,
    StatusList,
)
from microcred.curriculum.models import Module
from microcred.demo.synthetic_attempts import GradedTest, graded_tests_of, pick
from microcred.demo.synthetic_plan import (
    COHORT_PREFIX,
    CONSENT_WITHDRAWN,
    EMPLOYMENT,
    IN_COHORT,
    IN_SHARED_COHORT,
    LAST_MODULE_DONE,
    OWN_LANGUAGE,
    PASSED_FIRST,
    PASSED_SECOND,
    RETAKEN,
    REVOKED,
    SKILLS,
    STARTED,
    STATUS_PURPOSE,
    SYNTHETIC_DOMAIN,
    TESTED,
    CourseModule,
    Plan,
    sql,
)
from microcred.demo.synthetic_sql import generate_with_sql
from microcred.learning.models import LearnerProfile, LessonProgress, ModuleProgress
from microcred.review.models import Cohort, CohortMembership


class SyntheticDataError(Exception):
    """The database is not ready for synthetic data; the message says what to do."""


@dataclass(frozen=True)
class SyntheticResult:
    learners: int
    module_progress: int
    lesson_progress: int
    attempts: int
    credentials: int
    cohort_places: int
    seconds: float


def synthetic_users() -> QuerySet[User]:
    return User.objects.filter(email__endswith=f"@{SYNTHETIC_DOMAIN}")


def generate_synthetic_data(
    *, learners: int, progress: int | None = None, months: int = 24, seed: int = 42
) -> SyntheticResult:
    """Add `learners` synthetic learners and about `progress` module + lesson progress rows
    (default: 20 per learner) spread over the last `months` months."""
    if learners < 1:
        raise SyntheticDataError("Ask for at least one learner.")
    if synthetic_users().exists():
        raise SyntheticDataError(
            "Synthetic data is already there: remove it first with --delete.")
    plan = _plan(learners=learners, progress=progress or 20 * learners, months=months, seed=seed)
    started = time.monotonic()
    with transaction.atomic():
        cohorts = _cohorts(plan)
        if connection.vendor == "postgresql":
            generate_with_sql(plan, cohorts)
        else:
            _generate_with_orm(plan, cohorts)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # fresh planner statistics for the new millions of rows
    ids = synthetic_users().values("pk")
    return SyntheticResult(
        learners=synthetic_users().count(),
        module_progress=ModuleProgress.objects.filter(learner__in=ids).count(),
        lesson_progress=LessonProgress.objects.filter(learner__in=ids).count(),
        attempts=Attempt.objects.filter(learner__in=ids).count(),
        credentials=IssuedCredential.objects.filter(learner__in=ids).count(),
        cohort_places=CohortMembership.objects.filter(learner__in=ids).count(),
        seconds=time.monotonic() - started,
    )


@transaction.atomic
def delete_synthetic_data() -> int:
    """Remove every synthetic learner with everything that points at them, their cohorts and
    status lists; the number of learners removed.

    Plain DELETE ... WHERE learner_id IN (synthetic learners) per table: the ORM would load
    millions of rows to collect them. The relations come from the models, so a table added
    later is covered too; a row that must not go (PROTECT) stops it at commit.
    """
    count = synthetic_users().count()
    learners = sql("SELECT {pk} FROM {users} WHERE {email} LIKE %s", pk=User._meta.pk.column,
                   users=User._meta.db_table, email=User._meta.get_field("email").column)
    params = [f"%@{SYNTHETIC_DOMAIN}"]
    with connection.cursor() as cursor:
        # Their credentials go with them (elsewhere a deleted learner's credential is kept).
        cursor.execute(sql("DELETE FROM {table} WHERE {column} IN ({learners})",
                           learners=learners, table=IssuedCredential._meta.db_table,
                           column=IssuedCredential._meta.get_field("learner").column), params)
        for relation in User._meta.get_fields(include_hidden=True):
            if not (relation.auto_created and not relation.concrete
                    and (relation.one_to_many or relation.one_to_one)):
                continue
            names = {"learners": learners, "table": relation.related_model._meta.db_table,
                     "column": relation.field.column}
            if relation.on_delete is SET_NULL:
                cursor.execute(sql("UPDATE {table} SET {column} = NULL "
                                   "WHERE {column} IN ({learners})", **names), params)
            elif relation.on_delete is CASCADE or relation.related_model._meta.auto_created:
                cursor.execute(sql("DELETE FROM {table} WHERE {column} IN ({learners})",
                                   **names), params)
        cursor.execute(sql("DELETE FROM {table} WHERE {column} IN ({learners})",
                           learners=learners, table=User._meta.db_table,
                           column=User._meta.pk.column), params)
    cohorts = Cohort.objects.filter(name__startswith=COHORT_PREFIX)
    CohortMembership.objects.filter(cohort__in=cohorts).delete()
    cohorts.delete()
    StatusList.objects.filter(purpose=STATUS_PURPOSE).delete()
    return count


def _plan(*, learners: int, progress: int, months: int, seed: int) -> Plan:
    partners = list(PartnerOrganisation.objects.order_by("pk"))
    if not partners:
        raise SyntheticDataError(
            "No partner organisations yet: run `manage.py load_demo` first.")
    modules = _course()
    if not modules:
        raise SyntheticDataError(
            "No published modules yet: run `manage.py load_demo` first.")
    lessons = sum(len(m.lesson_ids) for m in modules) / len(modules)
    # Rows per learner ~ modules started x (1 + lessons), less the unfinished last module.
    per_learner = progress / learners + (1 - LAST_MODULE_DONE) * lessons * STARTED / 2
    wanted = min(len(modules) * STARTED, max(0.0, per_learner / (1 + lessons)))
    course_spec = CredentialSpec.objects.filter(code=COURSE_SPEC_CODE, active=True).first()
    return Plan(learners=learners, months=months, seed=seed, partners=partners, modules=modules,
                course_spec_id=course_spec.pk if course_spec else None,
                drop_off=_drop_off(wanted / STARTED, len(modules)))


def _course() -> list[CourseModule]:
    """The published modules in course order, with their published item bank and specification."""
    banks = dict(ItemBank.objects.filter(version__module__published_version=F("version"))
                 .values_list("module_id", "pk"))
    specs = dict(CredentialSpec.objects.filter(module__isnull=False, active=True)
                 .values_list("module_id", "pk"))
    modules = (Module.objects.filter(published_version__isnull=False).order_by("order")
               .select_related("published_version")
               .prefetch_related("published_version__lessons"))
    return [
        CourseModule(position=position, module_id=module.pk,
                     version_id=module.published_version_id, bank_id=banks.get(module.pk),
                     spec_id=specs.get(module.pk),
                     lesson_ids=[lesson.pk for lesson in
                                 sorted(module.published_version.lessons.all(),
                                        key=lambda lesson: lesson.order)])
        for position, module in enumerate(modules, start=1)
    ]


def _drop_off(mean: float, modules: int) -> float:
    """The chance p of going on to the next module so that a starter does `mean` modules on
    average: (1 - p**modules) / (1 - p) = mean, found by bisection."""
    if mean >= modules:
        return 1.0
    low, high = 0.0, 1.0
    for _step in range(60):
        p = (low + high) / 2
        done = modules if p == 1 else (1 - p**modules) / (1 - p)
        low, high = (p, high) if done < mean else (low, p)
    return (low + high) / 2


def modules_started(rng: random.Random, plan: Plan) -> int:
    """How many modules one learner started: geometric drop-off, at most the whole course."""
    if rng.random() > STARTED:
        return 0
    if plan.drop_off >= 1:
        return len(plan.modules)
    go_on = 1 + math.floor(math.log(1 - rng.random()) / math.log(plan.drop_off))
    return min(len(plan.modules), go_on)


def _cohorts(plan: Plan) -> dict[str, list[Cohort]]:
    """Per partner an early and a late cohort (by the month learners joined), and one shared."""
    middle = (plan.since + timedelta(days=15 * plan.months)).date()
    cohorts: dict[str, list[Cohort]] = {}
    for partner in plan.partners:
        cohorts[str(partner.pk)] = [
            Cohort.objects.create(name=f"{COHORT_PREFIX}{partner.slug} first year",
                                  partner=partner, starts_on=plan.since.date(), ends_on=middle),
            Cohort.objects.create(name=f"{COHORT_PREFIX}{partner.slug} second year",
                                  partner=partner, starts_on=middle),
        ]
    cohorts["shared"] = [Cohort.objects.create(name=f"{COHORT_PREFIX}consortium pilot",
                                               is_pilot=True, starts_on=plan.since.date())]
    return cohorts


def _pick(rng: random.Random, weighted: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([value for value, _w in weighted], [w for _v, w in weighted])[0]


def _generate_with_orm(plan: Plan, cohorts: dict[str, list[Cohort]]) -> None:
    """The same distributions as the SQL, object by object: fine for a few thousand learners."""
    rng = random.Random(plan.seed)
    now = timezone.now()
    span = (now - plan.since).total_seconds()
    users, unusable = [], make_password(None)  # no password can ever match it
    for n in range(1, plan.learners + 1):
        partner = plan.partners[n % len(plan.partners)]
        users.append(User(
            email=f"learner-{n}@{SYNTHETIC_DOMAIN}", full_name=f"Synthetic learner {n}",
            partner=partner, password=unusable,
            preferred_language=partner.default_language if rng.random() < OWN_LANGUAGE else "en",
            date_joined=plan.since + timedelta(seconds=rng.random() * span)))
    User.objects.bulk_create(users, batch_size=500)
    profiles, consents, places, studies = [], [], [], []
    for user in users:
        active = now - (now - user.date_joined) * rng.random() ** 2
        consents.append(ConsentRecord(
            user=user, version=CONSENT_VERSION, given_at=user.date_joined + timedelta(minutes=5),
            withdrawn_at=active if rng.random() < CONSENT_WITHDRAWN else None))
        profiles.append(LearnerProfile(
            user=user, employment_status=_pick(rng, EMPLOYMENT), skill_level=_pick(rng, SKILLS),
            onboarding_done_at=user.date_joined + timedelta(minutes=5), last_activity_at=active,
            reminders=rng.random() < 0.3))
        late = user.date_joined.date() >= cohorts[str(user.partner_id)][1].starts_on
        if rng.random() < IN_COHORT:
            places.append(CohortMembership(cohort=cohorts[str(user.partner_id)][int(late)],
                                           learner=user, joined_on=user.date_joined.date()))
        if rng.random() < IN_SHARED_COHORT:
            places.append(CohortMembership(cohort=cohorts["shared"][0], learner=user,
                                           joined_on=user.date_joined.date()))
        studies.append((user, active, modules_started(rng, plan), rng.random() < LAST_MODULE_DONE,
                        rng.random()))
    LearnerProfile.objects.bulk_create(profiles, batch_size=500)
    ConsentRecord.objects.bulk_create(consents, batch_size=500)
    CohortMembership.objects.bulk_create(places, batch_size=500)
    _progress_with_orm(plan, rng, studies, now)


def _progress_with_orm(plan: Plan, rng: random.Random, studies: list[tuple], now: datetime
                       ) -> None:
    progress, started, lessons, attempts, passes = [], [], [], [], []
    graded = graded_tests_of(plan)
    for user, active, count, last_done, partial in studies:
        for module in plan.modules[:count]:
            start = user.date_joined + (active - user.date_joined) * (module.position - 1) / count
            done = (user.date_joined + (active - user.date_joined) * module.position / count
                    if module.position < count or last_done else None)
            progress.append(ModuleProgress(learner=user, module_id=module.module_id,
                                           version_id=module.version_id, completed_at=done))
            started.append((start, done or active))
            finished = len(module.lesson_ids) if done else math.floor(
                partial * len(module.lesson_ids))
            for number, lesson_id in enumerate(module.lesson_ids[:finished], start=1):
                lessons.append(LessonProgress(
                    learner=user, lesson_id=lesson_id, check_answer=1,
                    check_correct=rng.random() < 0.8,
                    completed_at=start + ((done or active) - start) * number / len(
                        module.lesson_ids)))
            if done and module.bank_id and rng.random() < TESTED:
                attempts.extend(_attempts(rng, user, module, done, now, passes,
                                          graded[module.module_id]))
    ModuleProgress.objects.bulk_create(progress, batch_size=500)
    for row, (start, changed) in zip(progress, started, strict=True):
        row.started_at, row.updated_at = start, changed  # auto_now(_add) set them on insert
    ModuleProgress.objects.bulk_update(progress, ["started_at", "updated_at"], batch_size=500)
    LessonProgress.objects.bulk_create(lessons, batch_size=500)
    Attempt.objects.bulk_create(attempts, batch_size=500)
    _credentials_with_orm(plan, rng, passes, now)


def _attempts(rng: random.Random, user: User, module: CourseModule, done: datetime,
              now: datetime, passes: list, graded: dict[bool, list[GradedTest]]
              ) -> list[Attempt]:
    first = rng.random() < PASSED_FIRST
    tries = [(done, first)]
    if not first and rng.random() < RETAKEN:
        tries.append((min(done + timedelta(days=1), now), rng.random() < PASSED_SECOND))
    made = []
    for number, (at, passed) in enumerate(tries, start=1):
        test = pick(graded, passed, rng)
        if test is None:
            break
        made.append(Attempt(
            learner=user, module_id=module.module_id, module_version_id=module.version_id,
            bank_id=module.bank_id, number=number, seed=test.seed, form=test.form,
            answers=test.answers, result=test.result, language=user.preferred_language,
            started_at=at - timedelta(minutes=25), submitted_at=at, percent=test.percent,
            passed=passed))
        if passed and module.spec_id:
            passes.append((user, module, at, test.percent))
    return made


def _credentials_with_orm(plan: Plan, rng: random.Random, passes: list, now: datetime) -> None:
    records, issued, valid = [], [], {}
    for user, module, at, percent in passes:
        when = min(at + timedelta(minutes=2), now)
        revoked = min(when + timedelta(days=10), now) if rng.random() < REVOKED else None
        records.append(_credential(user, module.spec_id, module.version_id, percent, revoked))
        issued.append(when)
        if revoked is None:
            valid.setdefault(user.pk, (user, []))[1].append(when)
    with_spec = sum(1 for m in plan.modules if m.spec_id)
    if plan.course_spec_id:
        for user, dates in valid.values():
            if len(dates) == with_spec:
                records.append(_credential(user, plan.course_spec_id, None, None, None))
                issued.append(min(max(dates) + timedelta(minutes=1), now))
    if not records:
        return
    lists = StatusList.objects.bulk_create([
        StatusList(purpose=STATUS_PURPOSE, next_index=STATUS_LIST_SIZE)
        for _n in range(math.ceil(len(records) / STATUS_LIST_SIZE))])
    for number, record in enumerate(records):
        record.status_list = lists[number // STATUS_LIST_SIZE]
        record.status_index = number % STATUS_LIST_SIZE
    IssuedCredential.objects.bulk_create(records, batch_size=500)
    for record, when in zip(records, issued, strict=True):
        record.issued_at = when  # auto_now_add set it on insert
    IssuedCredential.objects.bulk_update(records, ["issued_at"], batch_size=500)


def _credential(user: User, spec_id: int, version_id: int | None, percent: float | None,
                revoked: datetime | None) -> IssuedCredential:
    return IssuedCredential(
        learner=user, spec_id=spec_id, module_version_id=version_id,
        language=user.preferred_language, document={"synthetic": True}, revoked_at=revoked,
        revocation_reason="Synthetic data" if revoked else "", recipient_name=user.full_name,
        recipient_salt="synthetic", grade_percent=percent, pass_mark=70 if percent else None)
