"""Server time of the learner's and the public pages, in process: the caches' A/B (#19).

Run against the database bench_web.py leaves behind (demo data), from each tree to compare:
    BENCH_DATABASE=microcred_bench .venv/bin/python benchmarks/bench_learner_pages.py \
        [--requests 200] [--redis redis://127.0.0.1:6379/14]

Production settings, Django's test client (no network, no gunicorn): what one request costs in
Python and queries on a shared, loaded machine, where wrk's figures mostly measure the others.
Prints the median of five batches in ms per request (wall and this process's CPU time, the
steadier figure under load) and the queries of one warm request. Pages: a lesson and "my
learning" for a logged-in learner; the verify page of a credential and the home page, anonymous.

`--instructions` counts instead what one request costs in machine instructions, with valgrind's
callgrind (apt-get install valgrind): the count does not drift with the machine's speed, so two
trees compare exactly. Each page is served twice under callgrind, 20 and 20 + --requests
requests after the same warm-up; the difference divided by --requests is one request. The
database and Redis run in their own processes and are not counted. `--tree` measures another
checkout (a `git worktree` of an older commit) with this script.
"""

import argparse
import cProfile
import os
import pstats
import re
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200,
                        help="per page, in five batches (with --instructions: per count)")
    parser.add_argument("--server", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/14")
    parser.add_argument("--pages", nargs="+", default=["lesson", "my_learning", "verify", "home"])
    parser.add_argument("--profile", type=int, default=0, metavar="N",
                        help="also print where N requests of each page spend their time (cProfile)")
    parser.add_argument("--instructions", action="store_true",
                        help="count machine instructions per request (valgrind) instead")
    parser.add_argument("--tree", type=Path, default=ROOT, help="the checkout to measure")
    parser.add_argument("--serve", help=argparse.SUPPRESS)  # one page, under callgrind
    parser.add_argument("--count", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.instructions:
        _count_instructions(args)
        return
    from cryptography.fernet import Fernet

    database = os.environ.get("BENCH_DATABASE", "microcred_bench")
    os.environ.update(
        {
            "MICROCRED_PRODUCTION": "1",
            "SECRET_KEY": secrets.token_urlsafe(64),
            "CREDENTIAL_KEK": Fernet.generate_key().decode(),
            "ALLOWED_HOSTS": "testserver",
            # bench_web.py's address: the demo's credentials name their status lists under it,
            # and only our own address is resolved from the database rather than fetched.
            "SITE_URL": f"http://127.0.0.1:{os.environ.get('BENCH_PORT', '8611')}",
            "SECURE_SSL_REDIRECT": "0",
            "DATABASE_URL": f"{args.server}/{database}",
            "REDIS_URL": args.redis,
            "LOG_LEVEL": "WARNING",
            # Collected there by bench_web.py (the manifest the production storage needs).
            "STATIC_ROOT": str(Path(tempfile.gettempdir()) / "microcred-bench-static"),
            "DJANGO_SETTINGS_MODULE": "microcred.settings",
        }
    )
    sys.path.insert(0, str(args.tree))
    sys.path.insert(1, str(Path(__file__).resolve().parent))  # bench_web
    import django

    django.setup()
    from bench_web import measured_records
    from django.db import connection
    from django.test import Client

    progress, lesson, credential = measured_records()
    client, anonymous = Client(), Client()
    client.force_login(progress.learner)
    pages = {
        "lesson": (client, f"/course/{progress.version.module.code}/{lesson.slug}/"),
        "my_learning": (client, "/learn/"),
        "verify": (anonymous, f"/verify/{credential.pk}/"),
        "home": (anonymous, "/"),
    }
    if args.serve:
        client, url = pages[args.serve]
        _serve(url, _cookie_header(client, url) if client is not anonymous else "", args.count)
        return
    print(f"{'page':12} {'ms/request':>10} {'CPU ms':>8} {'queries':>8}")
    for name, (client, url) in pages.items():
        if name not in args.pages:
            continue
        for _ in range(5):  # warm: caches, templates, connections
            assert client.get(url).status_code == 200, url
        queries: list[str] = []

        def count(run, sql, *rest, queries=queries):  # type: ignore[no-untyped-def]
            queries.append(sql)
            return run(sql, *rest)

        with connection.execute_wrapper(count):
            client.get(url)
        batches, cpu = [], []
        per_batch = args.requests // 5
        for _ in range(5):
            start, start_cpu = time.perf_counter(), time.process_time()
            for _ in range(per_batch):
                client.get(url)
            batches.append((time.perf_counter() - start) * 1000 / per_batch)
            cpu.append((time.process_time() - start_cpu) * 1000 / per_batch)
        print(f"{name:12} {statistics.median(batches):10.1f} {statistics.median(cpu):8.2f} "
              f"{len(queries):8d}")
        if args.profile:
            _profile(name, lambda client=client, url=url: client.get(url), args.profile)
    print("load average: " + ", ".join(f"{value:.2f}" for value in os.getloadavg()))


def _cookie_header(client, url: str) -> str:  # type: ignore[no-untyped-def]
    """The cookies a logged-in browser sends: its session, and the CSRF cookie a page set."""
    client.get(url)
    return "; ".join(f"{name}={morsel.value}" for name, morsel in client.cookies.items())


def _serve(url: str, cookie: str, count: int) -> None:
    """`count` requests after 30 to warm up, straight to Django's WSGI handler, as gunicorn
    calls it (the test client adds work of its own)."""
    import io

    from django.core.wsgi import get_wsgi_application

    application = get_wsgi_application()
    for _ in range(30 + count):
        environ = {
            "REQUEST_METHOD": "GET", "PATH_INFO": url, "QUERY_STRING": "",
            "SERVER_NAME": "testserver", "SERVER_PORT": "80", "HTTP_HOST": "testserver",
            "SERVER_PROTOCOL": "HTTP/1.1", "REMOTE_ADDR": "127.0.0.1",
            "wsgi.url_scheme": "http", "wsgi.input": io.BytesIO(), "wsgi.errors": sys.stderr,
        }
        if cookie:
            environ["HTTP_COOKIE"] = cookie
        status: list[str] = []
        b"".join(application(environ, lambda line, headers, *rest, seen=status: seen.append(line)))
        assert status[0].startswith("200"), (url, status)


def _count_instructions(args: argparse.Namespace) -> None:
    """Instructions per request of each page, from two runs under callgrind."""
    print(f"{'page':12} {'instructions per request':>26}   tree {args.tree}")
    for page in args.pages:
        counts = []
        for count in (20, 20 + args.requests):
            command = [
                "valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
                sys.executable, __file__, "--serve", page, "--count", str(count),
                "--tree", str(args.tree), "--server", args.server, "--redis", args.redis,
            ]
            run = subprocess.run(command, capture_output=True, text=True, check=True)
            found = re.search(r"Collected : (\d+)", run.stderr)
            if found is None:
                raise SystemExit(f"callgrind printed no count for {page}:\n{run.stderr[-2000:]}")
            counts.append(int(found.group(1)))
        print(f"{page:12} {(counts[1] - counts[0]) // args.requests:26,d}", flush=True)


def _profile(name: str, request: Callable[[], object], count: int) -> None:
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(count):
        request()
    profiler.disable()
    print(f"-- {name}: {count} requests: by own time; by cumulative time; our code only")
    stats = pstats.Stats(profiler, stream=sys.stdout)
    stats.sort_stats("tottime").print_stats(35)
    stats.sort_stats("cumulative").print_stats(35)
    stats.print_stats("microcred/", 35)


if __name__ == "__main__":
    main()
