"""Server time of the lesson page and "my learning", in process: the course cache's A/B (#19).

Run against the database bench_web.py leaves behind (demo data), from each tree to compare:
    BENCH_DATABASE=microcred_bench .venv/bin/python benchmarks/bench_learner_pages.py \
        [--requests 200] [--redis redis://127.0.0.1:6379/14]

Production settings, Django's test client (no network, no gunicorn): what one request costs in
Python and queries on a shared, loaded machine, where wrk's figures mostly measure the others.
Prints the median of five batches in ms per request and the queries of one warm request.
"""

import argparse
import os
import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200, help="per page, in five batches")
    parser.add_argument("--server", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/14")
    args = parser.parse_args()
    from cryptography.fernet import Fernet

    database = os.environ.get("BENCH_DATABASE", "microcred_bench")
    os.environ.update(
        {
            "MICROCRED_PRODUCTION": "1",
            "SECRET_KEY": secrets.token_urlsafe(64),
            "CREDENTIAL_KEK": Fernet.generate_key().decode(),
            "ALLOWED_HOSTS": "testserver",
            "SITE_URL": "http://testserver",
            "SECURE_SSL_REDIRECT": "0",
            "DATABASE_URL": f"{args.server}/{database}",
            "REDIS_URL": args.redis,
            "LOG_LEVEL": "WARNING",
            # Collected there by bench_web.py (the manifest the production storage needs).
            "STATIC_ROOT": str(Path(tempfile.gettempdir()) / "microcred-bench-static"),
            "DJANGO_SETTINGS_MODULE": "microcred.settings",
        }
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    from microcred.learning.models import ModuleProgress

    progress = (
        ModuleProgress.objects.filter(learner__email__startswith="learner-")
        .select_related("learner", "version__module")
        .order_by("pk")
        .first()
    )
    if progress is None:
        raise SystemExit("No demo learner with progress: run bench_web.py once first.")
    lesson = progress.version.lessons.order_by("order").first()
    client = Client()
    client.force_login(progress.learner)
    pages = {
        "lesson": f"/course/{progress.version.module.code}/{lesson.slug}/",
        "my_learning": "/learn/",
    }
    print(f"{'page':12} {'ms/request':>10} {'queries':>8}")
    for name, url in pages.items():
        for _ in range(5):  # warm: caches, templates, connections
            assert client.get(url).status_code == 200, url
        queries: list[str] = []

        def count(run, sql, *rest, queries=queries):  # type: ignore[no-untyped-def]
            queries.append(sql)
            return run(sql, *rest)

        with connection.execute_wrapper(count):
            client.get(url)
        batches = []
        for _ in range(5):
            start = time.perf_counter()
            for _ in range(args.requests // 5):
                client.get(url)
            batches.append((time.perf_counter() - start) * 1000 / (args.requests // 5))
        print(f"{name:12} {statistics.median(batches):10.1f} {len(queries):8d}")
    print("load average: " + ", ".join(f"{value:.2f}" for value in os.getloadavg()))


if __name__ == "__main__":
    main()
