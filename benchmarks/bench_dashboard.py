"""The KPI dashboard at consortium-and-beyond scale: a million learners, twenty million progress
records, on PostgreSQL. Times the rollup refresh and the dashboard page as an admin sees it.

Run (creates the database's data on the first run, which takes minutes; reuses it afterwards
while the numbers asked for match):

    psql -h 127.0.0.1 -U postgres -c 'create database microcred_bench_dashboard'
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/microcred_bench_dashboard \\
        .venv/bin/python benchmarks/bench_dashboard.py [--learners 1000000] \\
        [--progress 20000000] [--requests 15] [--refreshes 3] [--batches 3]

After the full recounts it times incremental refreshes, each after a typical quarter of an
hour's changes (`--batch-learners` learners active; see `_a_quarter_hour`), and one with no
changes at all (the cost of finding who changed).
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--learners", type=int, default=1_000_000)
    parser.add_argument("--progress", type=int, default=20_000_000)
    parser.add_argument("--requests", type=int, default=15)
    parser.add_argument("--refreshes", type=int, default=3)
    parser.add_argument("--batches", type=int, default=3)
    parser.add_argument("--batch-learners", type=int, default=2000)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("Set DATABASE_URL to a PostgreSQL database (see the docstring).")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "microcred.settings")
    os.environ["DEBUG"] = "0"  # as in production: no query log, cached templates
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from microcred.accounts.models import User
    from microcred.demo.data import DEMO_ADMIN, load_demo
    from microcred.demo.synthetic import (
        delete_synthetic_data,
        generate_synthetic_data,
        synthetic_users,
    )

    call_command("migrate", verbosity=0)
    if not User.objects.filter(email=DEMO_ADMIN).exists():
        load_demo()
    generated = None
    if abs(synthetic_users().count() - args.learners) > args.learners // 100:
        delete_synthetic_data()
        generated = generate_synthetic_data(learners=args.learners, progress=args.progress)
    refresh = _time_refresh(args.refreshes)
    incremental, recounted, batch = _time_incremental(args.batches, args.batch_learners)
    unchanged = _time_unchanged()
    sizes = _sizes(connection)
    pages = _time_pages(args.requests)
    live = _time_live_count()
    print(f"Command: DATABASE_URL=... .venv/bin/python benchmarks/bench_dashboard.py "
          f"--learners {args.learners} --progress {args.progress} "
          f"({connection.vendor} {connection.pg_version // 10000})\n")
    print("| data | rows |")
    print("| --- | ---: |")
    for name, rows in sizes.items():
        print(f"| {name} | {rows:,} |")
    if generated:
        print(f"\nGenerating the data set took {generated.seconds / 60:.1f} min.")
    print("\n| measurement | median | min | max |")
    print("| --- | ---: | ---: | ---: |")
    print(_row("refresh_kpis(full=True) (recount every learner)", refresh, "s"))
    print(_row(f"refresh_kpis() after a quarter hour's changes ({batch}; "
               f"{min(recounted):,}-{max(recounted):,} learners recounted)", incremental, "s"))
    print(_row("refresh_kpis() with nothing changed (finding who changed)", unchanged, "s"))
    for name, (timings, queries) in pages.items():
        print(_row(f"{name} ({queries} queries)", timings, "ms"))
    print(_row("for comparison: one live GROUP BY over the progress table", live, "s"))


def _sizes(connection) -> dict[str, int]:
    from microcred.accounts.models import User
    from microcred.assessment.models import Attempt
    from microcred.credentials.models import IssuedCredential
    from microcred.learning.models import LessonProgress, ModuleProgress
    from microcred.reporting.models import KpiRollup
    from microcred.review.models import CohortMembership

    return {
        "learner accounts": User.objects.count(),
        "module progress": ModuleProgress.objects.count(),
        "lesson progress": LessonProgress.objects.count(),
        "progress records in all": ModuleProgress.objects.count() + LessonProgress.objects.count(),
        "module tests": Attempt.objects.count(),
        "credentials": IssuedCredential.objects.count(),
        "cohort places": CohortMembership.objects.count(),
        "KPI rollup rows (after the refresh)": KpiRollup.objects.count(),
    }


def _time_refresh(runs: int) -> list[float]:
    from microcred.reporting.services import refresh_kpis

    timings = []
    for _run in range(runs):
        start = time.perf_counter()
        refresh_kpis(full=True)
        timings.append(time.perf_counter() - start)
    return timings


def _time_incremental(batches: int, learners: int) -> tuple[list[float], list[int], str]:
    from microcred.reporting.services import refresh_kpis

    timings, recounted, batch = [], [], ""
    for number in range(batches):
        batch = _a_quarter_hour(learners, seed=number)
        start = time.perf_counter()
        result = refresh_kpis()
        timings.append(time.perf_counter() - start)
        recounted.append(result.recounted if result.recounted is not None else -1)
    return timings, recounted, batch


def _time_unchanged() -> list[float]:
    from microcred.reporting.models import KpiStatus
    from microcred.reporting.services import LATE_COMMIT_MARGIN, refresh_kpis

    timings = []
    for _run in range(3):
        # As if the last refresh were a quarter of an hour ago and nothing happened since.
        KpiStatus.objects.update(refreshed_at=timezone_now() + LATE_COMMIT_MARGIN)
        start = time.perf_counter()
        refresh_kpis()
        timings.append(time.perf_counter() - start)
    return timings


def timezone_now():  # type: ignore[no-untyped-def]
    from django.utils import timezone

    return timezone.now()


def _a_quarter_hour(learners: int, *, seed: int) -> str:
    """A busy quarter of an hour at a million learners, written straight to the tables:
    `learners` learners active, a quarter of them finishing a module, a tenth submitting a test,
    a twentieth receiving a credential (existing rows moved to now: the refresh does the same
    work as for new ones), and the rarer late changes: revocations, withdrawn consents, edited
    answers, partner and cohort changes, new accounts and erased ones."""
    import random

    from django.db import transaction

    from microcred.accounts.models import ConsentRecord, User
    from microcred.assessment.models import Attempt
    from microcred.credentials.models import IssuedCredential
    from microcred.demo.synthetic import synthetic_users
    from microcred.learning.models import LearnerProfile, ModuleProgress
    from microcred.review.models import Cohort, CohortMembership

    rng = random.Random(seed)
    now = timezone_now()
    ids = list(synthetic_users().values_list("pk", flat=True))
    active = rng.sample(ids, min(learners, len(ids)))
    late = len(active) // 100  # 20 of each rarer change per 2,000 active learners
    with transaction.atomic():
        LearnerProfile.objects.filter(user_id__in=active).update(last_activity_at=now)
        ModuleProgress.objects.filter(
            pk__in=ModuleProgress.objects.filter(learner_id__in=active[: len(active) // 4])
            .values("pk")[: len(active) // 4]).update(completed_at=now, updated_at=now)
        Attempt.objects.filter(
            pk__in=Attempt.objects.filter(learner_id__in=active[: len(active) // 10])
            .values("pk")[: len(active) // 10]).update(submitted_at=now)
        issued = IssuedCredential.objects.filter(learner_id__in=active[: len(active) // 20])
        IssuedCredential.objects.filter(pk__in=issued.values("pk")[: len(active) // 20]
                                        ).update(issued_at=now)
        IssuedCredential.objects.filter(
            pk__in=IssuedCredential.objects.filter(learner_id__in=rng.sample(ids, late),
                                                   revoked_at__isnull=True).values("pk")[:late]
        ).update(revoked_at=now, revocation_reason="benchmark")
        ConsentRecord.objects.filter(user_id__in=rng.sample(ids, late)).update(withdrawn_at=now)
        LearnerProfile.objects.filter(user_id__in=rng.sample(ids, late)).update(
            employment_status="job_seeking", skill_level="medium")
        partner = User.objects.filter(pk=ids[0]).values_list("partner_id", flat=True)[0]
        User.objects.filter(pk__in=rng.sample(ids, late)).update(partner_id=partner)
        cohort = Cohort.objects.filter(name__startswith="Synthetic: ").order_by("pk").first()
        CohortMembership.objects.bulk_create(
            [CohortMembership(cohort=cohort, learner_id=pk) for pk in rng.sample(ids, late)],
            ignore_conflicts=True)
        # Erased accounts (the data set is regenerated only when it is 1 % off the size asked
        # for), and new ones.
        gone = rng.sample(ids, late // 2)
        User.objects.filter(pk__in=gone).delete()
        for number in range(late):
            User.objects.create_user(email=f"{seed}-{number}-{now:%H%M%S%f}@batch.invalid",
                                     password=None, partner_id=partner)
    return (f"{len(active):,} learners active; {late} each of revocations, withdrawn consents, "
            f"edited answers, partner moves, cohort joins, new accounts; {len(gone)} erased")


def _time_pages(requests: int) -> dict[str, tuple[list[float], int]]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from microcred.accounts.models import User
    from microcred.demo.data import DEMO_ADMIN
    from microcred.review.models import Cohort

    cohort = Cohort.objects.filter(name__startswith="Synthetic: ").order_by("pk").first()
    pages = {
        "dashboard, platform admin": (DEMO_ADMIN, "/reporting/", {}),
        "dashboard, admin, cohort + language + skills filter": (
            DEMO_ADMIN, "/reporting/",
            {"cohort": cohort.pk if cohort else "", "language": "pl", "skills": "low"}),
        "dashboard, partner coordinator": ("coordinator-pl@example.org", "/reporting/", {}),
        "CSV export, platform admin": (DEMO_ADMIN, "/reporting/export.csv", {}),
        "XLSX export, platform admin": (DEMO_ADMIN, "/reporting/export.xlsx", {}),
    }
    results = {}
    for name, (email, url, params) in pages.items():
        client = Client()
        client.force_login(User.objects.get(email=email))
        for _warm_up in range(2):
            assert client.get(url, params).status_code == 200
        with CaptureQueriesContext(connection) as captured:
            client.get(url, params)
        queries = len(captured.captured_queries)  # now: the next request clears the log
        timings = []
        for _request in range(requests):
            start = time.perf_counter()
            response = client.get(url, params)
            timings.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200
        results[name] = (timings, queries)
    return results


def _time_live_count() -> list[float]:
    """What the dashboard would pay per figure without rollups: completed modules grouped by
    month and learner group, counted live (one of the refresh's fourteen queries)."""
    from django.db.models import Count, DateField
    from django.db.models.functions import TruncMonth

    from microcred.accounts.selectors import list_learners
    from microcred.learning.models import ModuleProgress

    query = (ModuleProgress.objects.filter(completed_at__isnull=False, learner__in=list_learners())
             .annotate(month=TruncMonth("completed_at", output_field=DateField()))
             .values("month", "learner__partner_id", "learner__learner_profile__employment_status",
                     "learner__learner_profile__skill_level", "learner__preferred_language")
             .annotate(n=Count("pk")).order_by())
    timings = []
    for _run in range(3):
        start = time.perf_counter()
        list(query.all())  # a fresh queryset: no result cache
        timings.append(time.perf_counter() - start)
    return timings


def _row(name: str, timings: list[float], unit: str) -> str:
    number = "{:.0f}" if unit == "ms" else "{:.1f}"
    cells = [number.format(value) + f" {unit}" for value in
             (statistics.median(timings), min(timings), max(timings))]
    return f"| {name} | {' | '.join(cells)} |"


if __name__ == "__main__":
    main()
