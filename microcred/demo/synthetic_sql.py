"""PostgreSQL: the synthetic data set as set-based SQL, a handful of INSERT ... SELECT statements
(generate_series for the accounts, joins for everything that follows from them).

The same distributions as synthetic.py's ORM path. Tunable numbers sit in a one-row temporary
table (syn_const) or go as query parameters, and the course in a few more temporary tables, so
no value is ever formatted into SQL text; only quoted table and column names are. Fields a
statement does not set get their model default.
"""

import json
from typing import Any

from django.db import connection
from django.db.models import AutoField, Model
from django.utils import timezone

from microcred.accounts.consent import CONSENT_VERSION
from microcred.accounts.models import ConsentRecord, User
from microcred.assessment.models import Attempt
from microcred.credentials.models import STATUS_LIST_SIZE, IssuedCredential, StatusList
from microcred.demo import synthetic_plan as s
from microcred.demo.synthetic_attempts import GradedTest, graded_tests_of
from microcred.learning.models import LearnerProfile, LessonProgress, ModuleProgress
from microcred.review.models import Cohort, CohortMembership

INSERT = "INSERT INTO {table} ({columns}) SELECT {values} {source}"
TABLES = {"users": User._meta.db_table, "modules": ModuleProgress._meta.db_table}


def generate_with_sql(plan: "s.Plan", cohorts: dict[str, list[Cohort]]) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL synchronous_commit TO OFF")  # a rebuildable data set
        cursor.execute("SELECT setseed(%s)", [(plan.seed % 1000) / 1000])
        _course_tables(cursor, plan, cohorts)
        _learners(cursor, plan)
        _progress(cursor)
        _tests(cursor, graded_tests_of(plan))
        _credentials(cursor)
        _cohort_places(cursor)


# A dice roll in WHERE is a parameter, never a syn_const column: PostgreSQL would evaluate
# `random() < c.x` once, while scanning the one-row syn_const, and keep all rows or none.


def _course_tables(cursor: Any, plan: "s.Plan", cohorts: dict[str, list[Cohort]]) -> None:
    now = timezone.now()
    cursor.execute("""
        CREATE TEMP TABLE syn_const ON COMMIT DROP AS SELECT
          %s::text AS domain, %s::timestamptz AS since, %s::timestamptz AS now_ts,
          %s::int AS partners, %s::int AS modules, %s::float8 AS started,
          %s::float8 AS drop_off, %s::float8 AS last_done, %s::float8 AS passed_first,
          %s::float8 AS passed_second, %s::float8 AS revoked, %s::float8 AS own_language,
          %s::timestamptz AS middle, %s::bigint AS shared_cohort, %s::bigint AS course_spec,
          %s::int AS module_specs, %s::int AS list_size, %s::text AS consent_version
    """, [
        s.SYNTHETIC_DOMAIN, plan.since, now, len(plan.partners), len(plan.modules), s.STARTED,
        max(plan.drop_off, 1e-9), s.LAST_MODULE_DONE, s.PASSED_FIRST, s.PASSED_SECOND,
        s.REVOKED, s.OWN_LANGUAGE, plan.since + (now - plan.since) / 2,
        cohorts["shared"][0].pk, plan.course_spec_id,
        sum(1 for m in plan.modules if m.spec_id), STATUS_LIST_SIZE, CONSENT_VERSION,
    ])
    cursor.execute("CREATE TEMP TABLE syn_partner (idx int, partner_id bigint, language text) "
                   "ON COMMIT DROP")
    cursor.executemany("INSERT INTO syn_partner VALUES (%s, %s, %s)", [
        (index, p.pk, p.default_language) for index, p in enumerate(plan.partners)])
    cursor.execute("CREATE TEMP TABLE syn_module (position int, module_id bigint, "
                   "version_id bigint, bank_id bigint, spec_id bigint, lessons int) "
                   "ON COMMIT DROP")
    cursor.executemany("INSERT INTO syn_module VALUES (%s, %s, %s, %s, %s, %s)", [
        (m.position, m.module_id, m.version_id, m.bank_id, m.spec_id, len(m.lesson_ids))
        for m in plan.modules])
    cursor.execute("CREATE TEMP TABLE syn_lesson (version_id bigint, lesson_id bigint, "
                   "position int) ON COMMIT DROP")
    cursor.executemany("INSERT INTO syn_lesson VALUES (%s, %s, %s)", [
        (m.version_id, lesson_id, position)
        for m in plan.modules for position, lesson_id in enumerate(m.lesson_ids, start=1)])
    cursor.execute("CREATE TEMP TABLE syn_choice (kind text, value text, low float8, "
                   "high float8) ON COMMIT DROP")
    cursor.executemany("INSERT INTO syn_choice VALUES (%s, %s, %s, %s)", [
        *_ranges("employment", s.EMPLOYMENT), *_ranges("skill", s.SKILLS)])
    cursor.execute("CREATE TEMP TABLE syn_cohort (partner_id bigint, late boolean, "
                   "cohort_id bigint) ON COMMIT DROP")
    cursor.executemany("INSERT INTO syn_cohort VALUES (%s, %s, %s)", [
        (int(key), late, cohort.pk) for key, pair in cohorts.items() if key != "shared"
        for late, cohort in ((False, pair[0]), (True, pair[1]))])


def _ranges(kind: str, weighted: tuple[tuple[str, int], ...]) -> list[tuple[str, str, float,
                                                                             float]]:
    """Each answer's slice of [0, 1): a random number picks the answer with its weight."""
    total = sum(weight for _value, weight in weighted)
    rows, low = [], 0.0
    for value, weight in weighted:
        high = low + weight / total
        rows.append((kind, value, low, high if value != weighted[-1][0] else 1.01))
        low = high
    return rows


def _learners(cursor: Any, plan: "s.Plan") -> None:
    _insert(cursor, User, {
        "password": "'!' || md5(random()::text)",  # "!": an unusable password
        "email": "'learner-' || n || '@' || c.domain",
        "full_name": "'Synthetic learner ' || n",
        "partner": "p.partner_id",
        "preferred_language":
            "CASE WHEN random() < c.own_language THEN p.language ELSE 'en' END",
        "is_superuser": "false", "is_staff": "false", "is_active": "true",
        "date_joined": "c.since + (c.now_ts - c.since) * random()",
    }, "FROM generate_series(1, %s) AS n CROSS JOIN syn_const c "
       "JOIN syn_partner p ON p.idx = n %% c.partners", [plan.learners])
    # One row per learner with the dice thrown once: how far they got, when last active.
    cursor.execute(s.sql("""
        CREATE TEMP TABLE syn_plan ON COMMIT DROP AS
        SELECT u.id AS learner_id, u.partner_id, u.preferred_language AS language,
               u.full_name, u.date_joined AS joined,
               c.now_ts - (c.now_ts - u.date_joined) * power(random(), 2) AS active_at,
               CASE WHEN random() > c.started THEN 0
                    WHEN c.drop_off >= 1 THEN c.modules
                    ELSE LEAST(c.modules, 1 + floor(ln(1 - random()) / ln(c.drop_off))::int)
               END AS modules,
               random() < c.last_done AS last_done, random() AS partial,
               random() AS employment_roll, random() AS skill_roll
        FROM {users} u CROSS JOIN syn_const c WHERE u.email LIKE ('%%@' || c.domain)
    """, users=TABLES["users"]), [])
    cursor.execute("ANALYZE syn_plan", [])
    _insert(cursor, LearnerProfile, {
        "user": "p.learner_id", "employment_status": "e.value", "skill_level": "k.value",
        "onboarding_done_at": "p.joined + interval '5 minutes'",
        "last_activity_at": "p.active_at", "reminders": "random() < 0.3",
    }, "FROM syn_plan p "
       "JOIN syn_choice e ON e.kind = 'employment' AND p.employment_roll >= e.low "
       "AND p.employment_roll < e.high "
       "JOIN syn_choice k ON k.kind = 'skill' AND p.skill_roll >= k.low "
       "AND p.skill_roll < k.high")
    # Consent given at the end of the welcome questions; a few withdraw it later.
    _insert(cursor, ConsentRecord, {
        "user": "p.learner_id", "version": "c.consent_version",
        "given_at": "p.joined + interval '5 minutes'",
        "withdrawn_at": "CASE WHEN p.partial < %s THEN p.active_at END",
    }, "FROM syn_plan p CROSS JOIN syn_const c", [s.CONSENT_WITHDRAWN])


def _progress(cursor: Any) -> None:
    done = ("CASE WHEN m.position < p.modules OR p.last_done THEN p.joined + "
            "(p.active_at - p.joined) * (m.position::float8 / p.modules) END")
    _insert(cursor, ModuleProgress, {
        "learner": "p.learner_id", "module": "m.module_id", "version": "m.version_id",
        "started_at": "p.joined + (p.active_at - p.joined) * ((m.position - 1)::float8 "
                      "/ p.modules)",
        "completed_at": done, "updated_at": f"COALESCE({done}, p.active_at)",
    }, "FROM syn_plan p JOIN syn_module m ON m.position <= p.modules")
    _insert(cursor, LessonProgress, {
        "learner": "mp.learner_id", "lesson": "l.lesson_id",
        "completed_at": "mp.started_at + (COALESCE(mp.completed_at, p.active_at) "
                        "- mp.started_at) * (l.position::float8 / m.lessons)",
        "check_answer": "1", "check_correct": "random() < 0.8",
    }, s.sql("FROM {modules} mp JOIN syn_plan p ON p.learner_id = mp.learner_id "
             "JOIN syn_module m ON m.module_id = mp.module_id "
             "JOIN syn_lesson l ON l.version_id = mp.version_id "
             "WHERE mp.completed_at IS NOT NULL OR l.position <= floor(p.partial * m.lessons)",
             modules=TABLES["modules"]))


def _tests(cursor: Any, graded: dict[int, dict[bool, list[GradedTest]]]) -> None:
    """A test after most completed modules; a retake after most failures. Each copies one of
    its module's really graded tests with the same outcome, so it replays (synthetic_attempts)."""
    cursor.execute(s.sql("""
        CREATE TEMP TABLE syn_try ON COMMIT DROP AS
        SELECT mp.learner_id, mp.module_id, mp.version_id, m.bank_id, m.spec_id, p.language,
               mp.completed_at AS at, 1 AS number, random() < c.passed_first AS passed
        FROM {modules} mp JOIN syn_plan p ON p.learner_id = mp.learner_id
        JOIN syn_module m ON m.module_id = mp.module_id CROSS JOIN syn_const c
        WHERE mp.completed_at IS NOT NULL AND m.bank_id IS NOT NULL AND random() < %s
    """, modules=TABLES["modules"]), [s.TESTED])
    cursor.execute("""
        INSERT INTO syn_try
        SELECT t.learner_id, t.module_id, t.version_id, t.bank_id, t.spec_id, t.language,
               LEAST(t.at + interval '1 day', c.now_ts), 2, random() < c.passed_second
        FROM syn_try t CROSS JOIN syn_const c
        WHERE t.number = 1 AND NOT t.passed AND random() < %s
    """, [s.RETAKEN])
    cursor.execute("CREATE TEMP TABLE syn_graded (module_id bigint, passed boolean, idx int, "
                   "seed bigint, form jsonb, answers jsonb, result jsonb, percent numeric(5, 2)) "
                   "ON COMMIT DROP")
    cursor.executemany("INSERT INTO syn_graded VALUES (%s, %s, %s, %s, %s, %s, %s, %s)", [
        (module_id, passed, index, test.seed, json.dumps(test.form), json.dumps(test.answers),
         json.dumps(test.result), test.percent)
        for module_id, by_outcome in graded.items() for passed, tests in by_outcome.items()
        for index, test in enumerate(tests)])
    cursor.execute("ALTER TABLE syn_try ADD COLUMN pick int, ADD COLUMN percent numeric(5, 2)",
                   [])
    cursor.execute("""
        UPDATE syn_try t SET pick = floor(random() * n.count)::int
        FROM (SELECT module_id, passed, count(*) AS count FROM syn_graded
              GROUP BY module_id, passed) n
        WHERE n.module_id = t.module_id AND n.passed = t.passed
    """, [])
    cursor.execute("DELETE FROM syn_try WHERE pick IS NULL", [])  # no graded test to copy
    cursor.execute("""
        UPDATE syn_try t SET percent = g.percent FROM syn_graded g
        WHERE g.module_id = t.module_id AND g.passed = t.passed AND g.idx = t.pick
    """, [])
    _insert(cursor, Attempt, {
        "learner": "t.learner_id", "module": "t.module_id", "module_version": "t.version_id",
        "bank": "t.bank_id", "number": "t.number", "seed": "g.seed", "form": "g.form",
        "answers": "g.answers", "result": "g.result", "language": "t.language",
        "started_at": "t.at - interval '25 minutes'", "submitted_at": "t.at",
        "percent": "t.percent", "passed": "t.passed",
    }, "FROM syn_try t JOIN syn_graded g "
       "ON g.module_id = t.module_id AND g.passed = t.passed AND g.idx = t.pick")


def _credentials(cursor: Any) -> None:
    """One credential per passed test, a few revoked; the course one for all modules held."""
    cursor.execute("""
        CREATE TEMP TABLE syn_credential ON COMMIT DROP AS
        SELECT t.learner_id, t.spec_id, t.version_id, t.language, t.percent,
               LEAST(t.at + interval '2 minutes', c.now_ts) AS issued_at,
               CASE WHEN random() < c.revoked
                    THEN LEAST(t.at + interval '10 days', c.now_ts) END AS revoked_at
        FROM syn_try t CROSS JOIN syn_const c WHERE t.passed AND t.spec_id IS NOT NULL
    """, [])
    cursor.execute("""
        INSERT INTO syn_credential
        SELECT r.learner_id, max(c.course_spec), NULL, min(r.language), NULL,
               LEAST(max(r.issued_at) + interval '1 minute', max(c.now_ts)), NULL
        FROM syn_credential r CROSS JOIN syn_const c
        WHERE r.revoked_at IS NULL AND c.course_spec IS NOT NULL
        GROUP BY r.learner_id HAVING count(*) = max(c.module_specs)
    """, [])
    cursor.execute("SELECT count(*) FROM syn_credential", [])
    total = cursor.fetchone()[0]
    lists = StatusList.objects.bulk_create([
        StatusList(purpose=s.STATUS_PURPOSE, next_index=STATUS_LIST_SIZE)
        for _n in range(-(-total // STATUS_LIST_SIZE))])
    cursor.execute("CREATE TEMP TABLE syn_list (idx int, status_list_id bigint) ON COMMIT DROP")
    cursor.executemany("INSERT INTO syn_list VALUES (%s, %s)",
                       [(n, status.pk) for n, status in enumerate(lists)])
    _insert(cursor, IssuedCredential, {
        "id": "gen_random_uuid()", "learner": "r.learner_id", "spec": "r.spec_id",
        "module_version": "r.version_id", "language": "r.language", "issued_at": "r.issued_at",
        "document": """'{"synthetic": true}'::jsonb""", "status_list": "l.status_list_id",
        "status_index": "r.n %% c.list_size", "revoked_at": "r.revoked_at",
        "revocation_reason":
            "CASE WHEN r.revoked_at IS NULL THEN '' ELSE 'Synthetic data' END",
        "recipient_name": "p.full_name", "recipient_salt": "md5(random()::text)",
        "grade_percent": "r.percent",
        "pass_mark": "CASE WHEN r.percent IS NULL THEN NULL ELSE 70 END",
    }, "FROM (SELECT *, row_number() OVER () - 1 AS n FROM syn_credential) r "
       "CROSS JOIN syn_const c JOIN syn_list l ON l.idx = r.n / c.list_size "
       "JOIN syn_plan p ON p.learner_id = r.learner_id")


def _cohort_places(cursor: Any) -> None:
    values = {"cohort": "k.cohort_id", "learner": "p.learner_id", "joined_on": "p.joined::date"}
    _insert(cursor, CohortMembership, values,
            "FROM syn_plan p CROSS JOIN syn_const c JOIN syn_cohort k "
            "ON k.partner_id = p.partner_id AND k.late = (p.joined >= c.middle) "
            "WHERE random() < %s", [s.IN_COHORT])
    _insert(cursor, CohortMembership, {**values, "cohort": "c.shared_cohort"},
            "FROM syn_plan p CROSS JOIN syn_const c WHERE random() < %s",
            [s.IN_SHARED_COHORT])


def _insert(cursor: Any, model: type[Model], values: dict[str, str], source: str,
            params: list[Any] | None = None) -> None:
    """INSERT INTO model's table SELECT `values` `source`: `values` maps field names to SQL
    expressions; every other field gets its default (an automatic id: the database's)."""
    columns, expressions, defaults = [], [], []
    for field in model._meta.concrete_fields:
        if field.name in values:
            expressions.append(values[field.name])
        elif isinstance(field, AutoField):
            continue
        else:
            expressions.append(f"CAST(%s AS {field.cast_db_type(connection)})")
            defaults.append(field.get_db_prep_save(field.get_default(), connection))
        columns.append(connection.ops.quote_name(field.column))
    statement = INSERT.format(table=connection.ops.quote_name(model._meta.db_table),
                              columns=", ".join(columns), values=", ".join(expressions),
                              source=source)
    cursor.execute(statement, [*defaults, *(params or [])])
