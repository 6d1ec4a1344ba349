"""Time the verification of one of our own credentials through the JSON API and the public page.

Run: .venv/bin/python benchmarks/bench_verify_api.py [--requests 200] [--runs 3]
(SQLite in a temp file; set DATABASE_URL to run it on PostgreSQL). Requests go through Django's
test client in process: middleware, view, database, vckit; no network, no web server. The
credential is an M04 module credential issued to a fresh learner after `load_demo`; setup is
not timed. Prints the median over runs of the mean milliseconds per request.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _issue_one():  # type: ignore[no-untyped-def]
    from django.utils import timezone

    from microcred.accounts.models import User
    from microcred.assessment import banks
    from microcred.assessment.draw import replay
    from microcred.assessment.grading import answer_key
    from microcred.assessment.services import start_attempt, submit_attempt
    from microcred.credentials.services import issue_for_attempt
    from microcred.curriculum.models import Module
    from microcred.learning.models import ModuleProgress

    module = Module.objects.get(code="M04")
    learner = User.objects.create_user("bench-verify@example.org", full_name="Bench Learner")
    ModuleProgress.objects.create(learner=learner, module=module,
                                  version=module.published_version, completed_at=timezone.now())
    attempt = start_attempt(learner=learner, module=module)
    bank = banks.parsed(attempt.bank)
    attempt.answers = answer_key(bank, replay(bank, attempt.form))
    attempt.save(update_fields=["answers"])
    return issue_for_attempt(attempt_id=submit_attempt(attempt=attempt).pk)


def _mean_ms(send, count: int) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    for _ in range(count):
        send()
    return (time.perf_counter() - start) / count * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "microcred.settings")
        os.environ["MICROCRED_VAR_DIR"] = scratch
        import django

        django.setup()
        from django.conf import settings
        from django.core.management import call_command
        from django.test import Client

        from microcred.demo.data import load_demo

        call_command("migrate", verbosity=0)
        load_demo()
        # The anonymous verify budget would answer 429 after a few dozen requests.
        settings.VERIFY_RATE_LIMIT_PER_MINUTE = 10**9
        credential = _issue_one()
        client = Client()

        def api() -> None:
            response = client.post("/api/credentials/verify", content_type="application/json",
                                   data={"verifiableCredential": credential.document})
            assert response.status_code == 200, response.content
            assert response.json()["verified"], response.content

        def page() -> None:
            response = client.get(f"/verify/{credential.pk}/")
            assert response.status_code == 200

        api(), page()  # warm caches (contexts, DID document, status list)
        for name, send in (("POST /api/credentials/verify", api), ("GET /verify/<id>/", page)):
            runs = [_mean_ms(send, args.requests) for _ in range(args.runs)]
            print(f"{name}: {statistics.median(runs):.1f} ms per request "
                  f"(median of {args.runs} runs of {args.requests}; runs {runs})")


if __name__ == "__main__":
    main()
