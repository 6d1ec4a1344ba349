"""Issue a cohort of 1,050 micro-credentials end to end (status bits, signatures, records).

The cohort goes through `issue_cohort` (what the issuer's bulk button and a catch-up run use);
50 more learners are issued one by one, as the background task after a passed test does.

Run: .venv/bin/python benchmarks/bench_issuance.py [--learners 1050]   (SQLite in a temp file;
set DATABASE_URL to run it on PostgreSQL). Setup (accounts, passed tests) is not timed.
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SINGLES = 50
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--learners", type=int, default=1050)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "microcred.settings")
        os.environ["MICROCRED_VAR_DIR"] = scratch
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connection
        from django.utils import timezone

        from microcred.accounts.models import User
        from microcred.assessment import banks
        from microcred.assessment.draw import replay
        from microcred.assessment.grading import answer_key
        from microcred.assessment.services import start_attempt, submit_attempt
        from microcred.credentials.models import IssuedCredential
        from microcred.credentials.services import (
            issue_cohort,
            issue_for_attempt,
            revoke_credential,
        )
        from microcred.curriculum.models import Module
        from microcred.demo.data import load_demo
        from microcred.learning.models import ModuleProgress

        call_command("migrate", verbosity=0)
        load_demo()
        module = Module.objects.get(code="M04")
        attempts = []
        for number in range(args.learners + SINGLES):
            learner = User.objects.create_user(f"bench{number}@example.org",
                                               full_name=f"Learner {number}",
                                               preferred_language=["en", "pl", "el"][number % 3])
            ModuleProgress.objects.create(learner=learner, module=module,
                                          version=module.published_version,
                                          completed_at=timezone.now())
            attempt = start_attempt(learner=learner, module=module)
            bank = banks.parsed(attempt.bank)
            attempt.answers = answer_key(bank, replay(bank, attempt.form))
            attempt.save(update_fields=["answers"])
            attempts.append(submit_attempt(attempt=attempt).pk)
        singles, cohort = attempts[:SINGLES], attempts[SINGLES:]
        start = time.perf_counter()
        for attempt_id in singles:
            issue_for_attempt(attempt_id=attempt_id)
        one_by_one = (time.perf_counter() - start) / SINGLES
        start, cpu, server = time.perf_counter(), time.process_time(), _server_cpu(connection)
        result = issue_cohort(attempt_ids=cohort)
        issued = time.perf_counter() - start
        cpu, server = time.process_time() - cpu, _server_cpu(connection) - server
        assert len(result.issued) == args.learners
        # (The demo data holds credentials of its own learners: count the benchmark's.)
        assert IssuedCredential.objects.filter(
            spec__code="M04", learner__email__startswith="bench").count() == len(attempts)
        admin = User.objects.get(email="admin@example.org")
        start = time.perf_counter()
        for credential in IssuedCredential.objects.filter(spec__code="M04")[:10]:
            revoke_credential(credential=credential, reason="benchmark", actor=admin)
        revoked = (time.perf_counter() - start) / 10
        print(f"Command: .venv/bin/python benchmarks/bench_issuance.py --learners "
              f"{args.learners} ({connection.vendor})\n")
        print("| measurement | result |")
        print("| --- | ---: |")
        print(f"| one credential, on its own (background task after a passed test) | "
              f"{one_by_one * 1000:.1f} ms |")
        print(f"| a cohort of {args.learners} in bulk, end to end | {issued:.2f} s "
              f"({issued / args.learners * 1000:.1f} ms each) |")
        print(f"| the cohort's CPU time: this process + the database server's process | "
              f"{cpu:.2f} s + {server:.2f} s |")
        print(f"| revoke one (status bit + re-signed status list) | {revoked * 1000:.1f} ms |")
        print(f"\nLoad average at the end: {os.getloadavg()[0]:.1f}")


def _server_cpu(connection) -> float:
    """CPU seconds used so far by this connection's PostgreSQL server process (0 for SQLite, or
    a server on another machine). Unlike wall time, it does not grow with the machine's load."""
    if connection.vendor != "postgresql":
        return 0.0
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        stat = Path(f"/proc/{cursor.fetchone()[0]}/stat")
    if not stat.exists():
        return 0.0
    fields = stat.read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


if __name__ == "__main__":
    main()
