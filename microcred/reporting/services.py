"""Keep the KPI rollups up to date, recounting only the learners whose figures changed.

The dashboard never counts the source tables itself: with a million learners and twenty million
progress rows a live COUNT takes seconds. The rollups are sums of the KPI ledger (what each
learner adds in each month). A refresh finds the learners who changed since the last one
(`changes.changed_learners`), takes their old ledger rows out of the rollups and puts freshly
counted ones in; the first refresh, and `full=True`, recount everyone. See
docs/decisions/0006-kpi-rollups.md and 0028-incremental-kpi-refresh.md.
"""

import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.db import connection, transaction
from django.db.models import QuerySet, Sum
from django.utils import timezone

from microcred.reporting.changes import changed_learners
from microcred.reporting.kpis import STORED
from microcred.reporting.models import (
    STATUS_PK,
    KpiCohortPlace,
    KpiLedger,
    KpiRollup,
    KpiStatus,
)
from microcred.reporting.sources import KEYS, LEDGER_COLUMNS, ledger_sources
from microcred.review.models import CohortMembership

# cohort, month, partner, employment status, skill level, language
GroupKey = tuple[int | None, date, int | None, str, str, str]
Counts = dict[GroupKey, dict[str, int]]
# A change committed this long after its own timestamp (a slow transaction) is still caught:
# the next refresh looks back this far before the last one. Recounting a learner twice is
# harmless; missing one is not.
LATE_COMMIT_MARGIN = timedelta(minutes=10)
# Past this share of all learners, recounting everyone is cheaper than one by one.
FULL_RECOUNT_SHARE = 0.2
CHUNK = 500  # learner ids per query (SQLite allows 999 parameters)
ROLLUP_COLUMNS = ("cohort_id", "month", "partner_id", "employment_status", "skill_level",
                  "language", *STORED)


@dataclass(frozen=True)
class RefreshResult:
    rows: int
    learners: int
    duration_ms: int
    recounted: int | None = None  # learners recounted; None: everyone


def refresh_kpis(*, now: datetime | None = None, full: bool = False) -> RefreshResult:
    """Bring the rollups up to date with the source tables.

    One transaction (on PostgreSQL one REPEATABLE READ snapshot, so the figures agree with
    each other); readers keep the previous figures until it commits. Learners' writes never
    wait for it: it only reads their tables.
    """
    now = now or timezone.now()
    started = time.monotonic()
    KpiStatus.objects.get_or_create(pk=STATUS_PK)  # before the snapshot, as readers do
    with _refreshing():
        status = KpiStatus.objects.get(pk=STATUS_PK)
        recounted: int | None = None
        if not full and status.refreshed_at is not None:
            changed = changed_learners(since=status.refreshed_at - LATE_COMMIT_MARGIN, now=now)
            if len(changed) <= FULL_RECOUNT_SHARE * _learners():
                _recount(changed, now=now)
                recounted = len(changed)
        if recounted is None:
            _recount_everyone(now=now)
        rows = KpiRollup.objects.count()
        learners = _learners()
    # After the commit, in a transaction of its own: readers write `requested_at` on this row
    # while a refresh runs, which inside the snapshot would fail the refresh (concurrent
    # update). Lost with a dead worker, it only makes the next refresh look further back.
    duration_ms = round((time.monotonic() - started) * 1000)
    KpiStatus.objects.filter(pk=STATUS_PK).update(
        refreshed_at=now, rows=rows, recounted=recounted, duration_ms=duration_ms)
    return RefreshResult(rows=rows, learners=learners, duration_ms=duration_ms,
                         recounted=recounted)


@contextmanager
def _refreshing() -> Iterator[None]:
    """One transaction; on PostgreSQL a snapshot taken only once no other refresh runs."""
    outermost = not connection.in_atomic_block  # (tests run inside a transaction already)
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                if outermost:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
                # Two refreshes take turns. Locked before the first query, which fixes the
                # snapshot: the second then sees the first one's ledger, not the one before.
                cursor.execute(f"LOCK TABLE {KpiLedger._meta.db_table} "
                               "IN SHARE ROW EXCLUSIVE MODE")
                cursor.execute("SET LOCAL work_mem = '64MB'")
                # PostgreSQL's JIT compiles these one-off aggregates anew on every refresh;
                # measured at 100k learners it took half the refresh's time.
                cursor.execute("SET LOCAL jit = off")
        yield


def _learners() -> int:
    """Learners counted by the last refresh (from the small rollup table, not the ledger)."""
    counted = KpiRollup.objects.filter(cohort__isnull=True).aggregate(n=Sum("enrolled"))["n"]
    return counted or 0


def _recount_everyone(*, now: datetime) -> None:
    """Rebuild the ledger and the rollups from the source tables (set-based, in the database)."""
    KpiLedger.objects.all().delete()
    KpiCohortPlace.objects.all().delete()
    columns = ", ".join(connection.ops.quote_name(name) for name in LEDGER_COLUMNS)
    with connection.cursor() as cursor:
        for queryset in ledger_sources(now=now):
            sql, params = queryset.query.sql_with_params()
            cursor.execute(f"INSERT INTO {KpiLedger._meta.db_table} ({columns}) {sql}", params)
        places = CohortMembership.objects.values("learner_id", "cohort_id")
        sql, params = places.query.sql_with_params()
        cursor.execute(f"INSERT INTO {KpiCohortPlace._meta.db_table} (learner_id, cohort_id) "
                       f"{sql}", params)
        if connection.vendor == "postgresql":
            # Fresh statistics, or the planner takes the freshly filled ledger for the empty
            # table it was, and every later refresh scans it whole instead of using its index.
            cursor.execute(f"ANALYZE {KpiLedger._meta.db_table}, {KpiCohortPlace._meta.db_table}")
    counts: Counts = defaultdict(lambda: dict.fromkeys(STORED, 0))
    sums = {f"n_{name}": Sum(name) for name in STORED}
    for row in KpiLedger.objects.values(*KEYS[1:]).annotate(**sums).order_by():
        _add(counts, (None, *_key(row)), {name: row[f"n_{name}"] for name in STORED})
    for cohort, month, *values in _cohort_sums():
        # SQLite hands a raw query's dates back as text.
        month = date.fromisoformat(month) if isinstance(month, str) else month
        key = (cohort, month, *values[: len(KEYS) - 2])
        _add(counts, key, dict(zip(STORED, values[len(KEYS) - 2:], strict=True)))
    KpiRollup.objects.all().delete()
    KpiRollup.objects.bulk_create([_rollup(key, values) for key, values in counts.items()],
                                  batch_size=2000)


def _cohort_sums() -> Iterable[tuple[Any, ...]]:
    """The ledger once for each cohort place of its learner: a learner in two cohorts counts
    in both. Plain SQL: the ledger has no foreign key to join through (see KpiLedger)."""
    # Every name below comes from the models; nothing from a request.
    keys = ", ".join(f"l.{name}" for name in KEYS[1:])
    sums = ", ".join(f"SUM(l.{name})" for name in STORED)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT p.cohort_id, {keys}, {sums} FROM {KpiLedger._meta.db_table} l "  # noqa: S608
            f"JOIN {KpiCohortPlace._meta.db_table} p ON p.learner_id = l.learner_id "
            f"GROUP BY p.cohort_id, {keys}")
        yield from cursor.fetchall()


def _recount(learners: set[int], *, now: datetime) -> None:
    """Take these learners' ledger rows out of the rollups, count them anew, put them in."""
    delta: Counts = defaultdict(lambda: dict.fromkeys(STORED, 0))
    ordered = sorted(learners)
    # SQLite allows 999 parameters a query; PostgreSQL 65,535: fewer, larger chunks.
    size = CHUNK * 10 if connection.vendor == "postgresql" else CHUNK
    for start in range(0, len(ordered), size):
        chunk = ordered[start:start + size]
        old = KpiLedger.objects.filter(learner_id__in=chunk)
        old_places = KpiCohortPlace.objects.filter(learner_id__in=chunk)
        _file(delta, old.values(*LEDGER_COLUMNS), _places(old_places), sign=-1)
        new_rows = [row for queryset in ledger_sources(now=now, learners=chunk)
                    for row in _unprefixed(queryset)]
        new_places = CohortMembership.objects.filter(learner_id__in=chunk)
        _file(delta, new_rows, _places(new_places), sign=1)
        old.delete()
        old_places.delete()
        _insert(KpiLedger, LEDGER_COLUMNS,
                [tuple(row[name] for name in LEDGER_COLUMNS) for row in new_rows])
        _insert(KpiCohortPlace, ("learner_id", "cohort_id"),
                list(new_places.values_list("learner_id", "cohort_id")))
    _apply(delta)


def _places(places: QuerySet[Any]) -> dict[int, list[int]]:
    cohorts: dict[int, list[int]] = defaultdict(list)
    for learner, cohort in places.values_list("learner_id", "cohort_id"):
        cohorts[learner].append(cohort)
    return cohorts


def _unprefixed(queryset: QuerySet[Any, dict[str, Any]]) -> Iterable[dict[str, Any]]:
    for row in queryset:
        yield {name.removeprefix("k_"): value for name, value in row.items()}


def _file(delta: Counts, rows: Iterable[dict[str, Any]], cohorts: dict[int, list[int]],
          *, sign: int) -> None:
    """Add (sign 1) or take away (-1) ledger rows, overall and in each of their cohorts."""
    for row in rows:
        values = {name: sign * row[name] for name in STORED}
        for cohort in (None, *cohorts.get(row["learner_id"], ())):
            _add(delta, (cohort, *_key(row)), values)


def _apply(delta: Counts) -> None:
    """Change the rollup rows by `delta`; a row left with nothing to count goes, as a full
    recount would never have made it."""
    changed = {key: values for key, values in delta.items() if any(values.values())}
    if not changed:
        return
    months = {key[1] for key in changed}
    existing: dict[GroupKey, KpiRollup] = {}
    for rollup in KpiRollup.objects.filter(month__in=months):
        key = (rollup.cohort_id, rollup.month, rollup.partner_id, rollup.employment_status,
               rollup.skill_level, rollup.language)
        if key in changed:
            existing[key] = rollup
    KpiRollup.objects.filter(pk__in=[rollup.pk for rollup in existing.values()]).delete()
    rows: list[tuple[Any, ...]] = []
    for key, values in changed.items():
        totals = dict.fromkeys(STORED, 0)
        if key in existing:
            totals = {name: getattr(existing[key], name) for name in STORED}
        _add({key: totals}, key, values)
        if any(totals.values()):
            rows.append((*key, *(totals[name] for name in STORED)))
    _insert(KpiRollup, ROLLUP_COLUMNS, rows)


def _insert(model: Any, columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
    """Plain INSERTs of plain values: bulk_create spent most of an incremental refresh's time
    preparing values one by one (300,000 of them for 2,000 learners)."""
    if not rows:
        return
    names = ", ".join(connection.ops.quote_name(name) for name in columns)
    marks = ", ".join(["%s"] * len(columns))
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {model._meta.db_table} ({names}) VALUES ({marks})", rows)  # noqa: S608


def _key(row: dict[str, Any]) -> tuple[date, int | None, str, str, str]:
    return (row["month"], row["partner_id"], row["employment_status"], row["skill_level"],
            row["language"])


def _add(counts: Any, key: GroupKey, values: dict[str, int]) -> None:
    bucket = counts[key]
    for name, value in values.items():
        bucket[name] += value


def _rollup(key: GroupKey, values: dict[str, int]) -> KpiRollup:
    cohort, month, partner, employment, skill, language = key
    return KpiRollup(cohort_id=cohort, month=month, partner_id=partner,
                     employment_status=employment, skill_level=skill, language=language,
                     **values)
