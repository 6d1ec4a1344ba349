"""The PDF certificate of every module in every language: pages, size, type size, render time.

Each of the 13 modules is passed by a learner in each of the seven languages and its credential
issued; the certificate is rendered in the credential's language, as the wallet serves it.

Run: .venv/bin/python benchmarks/bench_certificate.py   (SQLite in a temp file; setup not timed)
"""

import io
import os
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "microcred.settings")
        os.environ["MICROCRED_VAR_DIR"] = scratch
        import django

        django.setup()
        from django.conf import settings
        from django.core.management import call_command
        from django.utils import timezone
        from pypdf import PdfReader

        from microcred.accounts.models import User
        from microcred.assessment import banks
        from microcred.assessment.draw import replay
        from microcred.assessment.grading import answer_key
        from microcred.assessment.services import start_attempt, submit_attempt
        from microcred.credentials import pdf
        from microcred.credentials.certificate import certificate_data
        from microcred.credentials.services import issue_for_attempt
        from microcred.curriculum.models import Module
        from microcred.demo.data import load_demo
        from microcred.learning.models import ModuleProgress

        call_command("migrate", verbosity=0)
        load_demo()
        rows = []
        for language, _name in settings.LANGUAGES:
            learner = User.objects.create_user(
                f"bench-{language}@example.org",
                full_name="Ελένη Παπαδοπούλου-Gonçalves",
                preferred_language=language,
            )
            for module in Module.objects.order_by("order"):
                ModuleProgress.objects.create(
                    learner=learner,
                    module=module,
                    version=module.published_version,
                    completed_at=timezone.now(),
                )
                attempt = start_attempt(learner=learner, module=module)
                bank = banks.parsed(attempt.bank)
                attempt.answers = answer_key(bank, replay(bank, attempt.form))
                attempt.save(update_fields=["answers"])
                credential = issue_for_attempt(attempt_id=submit_attempt(attempt=attempt).pk)
                data = certificate_data(credential)
                times = []
                for _run in range(3):
                    start = time.perf_counter()
                    body = pdf.render_certificate(data)
                    times.append(time.perf_counter() - start)
                density = next(
                    (d for d in pdf.DENSITIES if pdf._layout(data, d).pages_count == 1), None
                )
                pages = len(PdfReader(io.BytesIO(body)).pages)
                rows.append((language, module.code, pages, len(body), density, times))

        print("Command: .venv/bin/python benchmarks/bench_certificate.py\n")
        print("| language | certificates | pages (all) | size KB (min-max) | value type (pt) "
              "| render ms (median) |")
        print("| --- | ---: | --- | ---: | --- | ---: |")
        for language, _name in settings.LANGUAGES:
            mine = [row for row in rows if row[0] == language]
            pages = Counter(row[2] for row in mine)
            sizes = [row[3] / 1024 for row in mine]
            types = Counter(row[4].value_size if row[4] else "flows" for row in mine)
            median = statistics.median(t for row in mine for t in row[5]) * 1000
            print(
                f"| {language} | {len(mine)} | "
                + ", ".join(f"{count} x {n}" for n, count in sorted(pages.items()))
                + f" | {min(sizes):.1f}-{max(sizes):.1f} | "
                + ", ".join(f"{size}: {count}" for size, count in sorted(types.items()))
                + f" | {median:.0f} |"
            )


if __name__ == "__main__":
    main()
