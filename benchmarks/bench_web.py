"""Web speed, the one way we measure it: Microcred's pages against a bare Django "hello world".

Run: .venv/bin/python benchmarks/bench_web.py [--duration 15] [--connections 50 200] [--rounds 2]

Both sides run the same way: production settings, gunicorn with the same number of sync workers,
PostgreSQL and Redis for Microcred (a scratch database `microcred_bench` on 127.0.0.1:5432, demo
data; Redis database 14 on 127.0.0.1:6379 for the cache and sessions, as in production), a
project made by `django-admin startproject` with one view for hello world. `wrk` loads each page
for --duration seconds, alternating hello world and our page so that both see the same machine.
The script installs wrk with apt-get when it is missing. It prints req/s, p50/p95/p99 latency and
the ratio to hello world's req/s at the same connection count, and what each request cost in
CPU time: the gunicorn serving it, PostgreSQL and Redis (read from /proc); copy its table into
docs/benchmarks.md with the load average it prints.

Pages: a lesson and "my learning" for a logged-in learner, whose browser sends back the session
and CSRF cookies it was given when logging in; the public verify page of one of our credentials
and the home page for an anonymous visitor (no cookie: the employer who scans a QR code, the
visitor who finds the site).
"""

import argparse
import json
import os
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
# Overridable so that two people (or two helpers) can measure on one machine without sharing a
# database or a port: BENCH_DATABASE=microcred_bench_me BENCH_PORT=8621 (the hello side: +1).
PRODUCT_PORT = int(os.environ.get("BENCH_PORT", "8611"))
HELLO_PORT = PRODUCT_PORT + 1
DATABASE_NAME = os.environ.get("BENCH_DATABASE", "microcred_bench")
# The pages loaded with the learner's session cookie; the others are loaded anonymously.
LOGGED_IN_PAGES = {"lesson", "my_learning"}

# wrk reports these through its Lua hooks; the default summary has no p95.
WRK_REPORT = """
done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    'RESULT {"requests": %d, "seconds": %f, "status_errors": %d, "socket_errors": %d, ' ..
    '"p50": %d, "p95": %d, "p99": %d}\\n',
    summary.requests, summary.duration / 1e6, errors.status,
    errors.connect + errors.read + errors.write + errors.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
"""

HELLO_VIEW = """
from django.http import HttpResponse
from django.urls import path


def hello(request):
    return HttpResponse("Hello, world")


urlpatterns = [path("", hello)]
"""


def product_environment(database_url: str, redis_url: str) -> dict[str, str]:
    from cryptography.fernet import Fernet

    return {
        **os.environ,
        "MICROCRED_PRODUCTION": "1",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "CREDENTIAL_KEK": Fernet.generate_key().decode(),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": f"http://127.0.0.1:{PRODUCT_PORT}",
        # Plain HTTP on the loopback: no TLS terminator in front, so no redirect to https.
        "SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "STATIC_ROOT": str(Path(tempfile.gettempdir()) / "microcred-bench-static"),
        "LOG_LEVEL": "WARNING",
    }


def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    print("== installing wrk (apt-get)", flush=True)
    subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True,
                   env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
                   stdout=subprocess.DEVNULL)
    return shutil.which("wrk") or "wrk"


def fresh_database(server_url: str) -> str:
    import psycopg

    with psycopg.connect(f"{server_url}/postgres", autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {DATABASE_NAME}")
        connection.execute(f"CREATE DATABASE {DATABASE_NAME}")
    return f"{server_url}/{DATABASE_NAME}"


def manage(env: dict[str, str], *args: str) -> str:
    result = subprocess.run([str(PYTHON), "manage.py", *args], cwd=ROOT, env=env, check=True,
                            capture_output=True, text=True)
    return result.stdout


def prepare_product(env: dict[str, str]) -> dict[str, str]:
    print("== demo data on PostgreSQL (a few minutes)", flush=True)
    manage(env, "migrate", "--noinput")
    manage(env, "shell", "-c", "from django.core.cache import cache; cache.clear()")
    manage(env, "collectstatic", "--noinput")
    manage(env, "load_demo")
    output = subprocess.run([str(PYTHON), __file__, "--print-targets"], cwd=ROOT, env=env,
                            check=True, capture_output=True, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def measured_records():  # Django models, imported once Django is set up
    """Inside Django: the demo learner's progress (learner, version and module loaded), the
    first lesson of that module, and the credential whose verify page is measured. Shared with
    bench_learner_pages.py, so both measure the same pages."""
    from microcred.credentials.models import IssuedCredential
    from microcred.learning.models import ModuleProgress

    progress = (ModuleProgress.objects.filter(learner__email__startswith="learner-")
                .select_related("learner", "version__module").order_by("pk").first())
    credential = (
        # A signed one: the demo also holds placeholder documents ({"synthetic": true}) that
        # stand for credentials in the KPI figures; their page is not the page measured.
        IssuedCredential.objects.filter(revoked_at__isnull=True, document__has_key="proof")
        .order_by("issued_at").first()
    )
    if credential is None or progress is None:
        raise SystemExit("The demo data has no credential or no learner with progress: "
                         "run bench_web.py once first.")
    return progress, progress.version.lessons.order_by("order").first(), credential


def print_targets() -> None:
    """Inside Django: a logged-in learner's session and the addresses to load (printed as JSON)."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "microcred.settings")
    import django

    django.setup()
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH
    from django.utils.crypto import get_random_string

    progress, lesson, credential = measured_records()
    learner, version = progress.learner, progress.version
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(learner.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = learner.get_session_auth_hash()
    session.create()
    # The CSRF cookie a browser holds once it has shown the log-in form (a new random secret).
    csrf_secret = get_random_string(CSRF_SECRET_LENGTH, CSRF_ALLOWED_CHARS)
    print(json.dumps({
        "cookie": f"{settings.SESSION_COOKIE_NAME}={session.session_key}; "
                  f"{settings.CSRF_COOKIE_NAME}={csrf_secret}",
        "lesson": f"/course/{version.module.code}/{lesson.slug}/",
        "my_learning": "/learn/",
        "verify": f"/verify/{credential.pk}/",
        "home": "/",
    }))


def prepare_hello(directory: Path) -> None:
    directory.mkdir()
    subprocess.run([str(ROOT / ".venv" / "bin" / "django-admin"), "startproject", "hello",
                    str(directory)], check=True)
    (directory / "hello" / "urls.py").write_text(HELLO_VIEW)


def start(command: list[str], cwd: Path, env: dict[str, str], port: int) -> subprocess.Popen:
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2)
            return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit(f"The server on port {port} did not start: {' '.join(command)}")


def check_page(port: int, path: str, cookie: str | None) -> None:
    """The page answers 200 with HTML: never benchmark a redirect to the login page by mistake."""
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}")
    if cookie:
        request.add_header("Cookie", cookie)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - loopback
            if response.url != request.full_url:
                raise SystemExit(f"{path} redirected to {response.url}")
    except urllib.error.HTTPError as error:
        raise SystemExit(f"{path} answered {error.code}") from error


def cpu_ticks(port: int) -> dict[int, tuple[str, int]]:
    """CPU time used so far (user and system ticks, from /proc) by each process of the gunicorn
    serving `port`, of PostgreSQL for the scratch database and of Redis, by pid: the difference
    over a run, divided by its requests, is what one request cost each of them. Steadier than
    req/s on a machine whose speed drifts, and it says where the time went."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            raw_command = (entry / "cmdline").read_bytes()
            stat = (entry / "stat").read_text()
        except OSError:  # the process ended meanwhile
            continue
        command = raw_command.replace(b"\0", b" ").decode("utf-8", "replace")
        if "gunicorn" in command and f"127.0.0.1:{port}" in command:
            group = "server"
        elif command.startswith("postgres:") and f" {DATABASE_NAME} " in command:
            group = "postgres"
        elif command.startswith("redis-server"):
            group = "redis"
        else:
            continue
        fields = stat[stat.rfind(")") + 2:].split()
        found[int(entry.name)] = (group, int(fields[11]) + int(fields[12]))  # utime + stime
    return found


def cpu_ms_per_request(before: dict[int, tuple[str, int]], after: dict[int, tuple[str, int]],
                       requests: int) -> dict[str, float]:
    """Per group, the ticks each process used between the snapshots (a process that started
    meanwhile counts from zero; one that ended, a database connection closed, is not seen)."""
    used = {"server": 0, "postgres": 0, "redis": 0}
    for pid, (group, ticks) in after.items():
        earlier = before.get(pid)
        used[group] += ticks - (earlier[1] if earlier and earlier[0] == group else 0)
    per_second = os.sysconf("SC_CLK_TCK")
    return {group: count * 1000 / per_second / max(requests, 1) for group, count in used.items()}


def load(wrk: str, script: Path, port: int, path: str, cookie: str | None,
         connections: int, seconds: int) -> dict[str, float]:
    command = [wrk, "-t", "2", "-c", str(connections), "-d", f"{seconds}s", "--timeout", "10s",
               "-s", str(script), f"http://127.0.0.1:{port}{path}"]
    if cookie:
        command[1:1] = ["-H", f"Cookie: {cookie}"]
    before = cpu_ticks(port)
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    after = cpu_ticks(port)
    line = next(line for line in output.splitlines() if line.startswith("RESULT "))
    figures = json.loads(line.removeprefix("RESULT "))
    figures["rps"] = figures["requests"] / figures["seconds"]
    for group, ms in cpu_ms_per_request(before, after, figures["requests"]).items():
        figures[f"cpu_{group}"] = ms
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=15, help="seconds per wrk run")
    parser.add_argument("--connections", type=int, nargs="+", default=[50, 200])
    parser.add_argument("--rounds", type=int, default=2, help="alternations of every page")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers on each side")
    parser.add_argument("--pages", nargs="+",
                        default=["lesson", "my_learning", "verify", "home"])
    parser.add_argument("--server", default="postgres://postgres@127.0.0.1:5432",
                        help="PostgreSQL server for the scratch database")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/14",
                        help="REDIS_URL for Microcred's cache and sessions ('' for none)")
    parser.add_argument("--print-targets", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.print_targets:
        print_targets()
        return

    wrk = ensure_wrk()
    env = product_environment(fresh_database(args.server), args.redis)
    targets = prepare_product(env)
    scratch = Path(tempfile.mkdtemp(prefix="microcred-bench-"))
    script = scratch / "report.lua"
    script.write_text(WRK_REPORT)
    prepare_hello(scratch / "hello-project")
    hello_env = {**os.environ, "DJANGO_SETTINGS_MODULE": "hello.settings"}
    gunicorn = [str(GUNICORN), "-w", str(args.workers), "--access-logfile", "/dev/null"]
    servers = [
        start([*gunicorn, "-b", f"127.0.0.1:{PRODUCT_PORT}", "microcred.wsgi"], ROOT, env,
              PRODUCT_PORT),
        start([*gunicorn, "-b", f"127.0.0.1:{HELLO_PORT}", "hello.wsgi"],
              scratch / "hello-project", hello_env, HELLO_PORT),
    ]
    try:
        cookie = targets["cookie"]
        for page in args.pages:
            check_page(PRODUCT_PORT, targets[page], cookie if page in LOGGED_IN_PAGES else None)
        results: dict[tuple[str, int], list[dict[str, float]]] = {}
        for round_number in range(args.rounds):
            for connections in args.connections:
                for page in args.pages:
                    print(f"== round {round_number + 1}: {page} at {connections} connections",
                          flush=True)
                    hello = load(wrk, script, HELLO_PORT, "/", None, connections, args.duration)
                    ours = load(wrk, script, PRODUCT_PORT, targets[page],
                                cookie if page in LOGGED_IN_PAGES else None, connections,
                                args.duration)
                    ours["share"] = ours["rps"] / hello["rps"]
                    results.setdefault(("hello world", connections), []).append(hello)
                    results.setdefault((page, connections), []).append(ours)
        report(results, args)
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=20)
        shutil.rmtree(scratch, ignore_errors=True)


def report(
    results: dict[tuple[str, int], list[dict[str, float]]], args: argparse.Namespace
) -> None:
    load_average = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    print(f"\nwrk -t2, {args.duration} s per run, {args.rounds} round(s) alternated with hello "
          f"world, gunicorn {args.workers} sync workers each, PostgreSQL; "
          f"load average after the run: {load_average}\n")
    print("| page | connections | req/s | share of hello world | p50 ms | p95 ms | p99 ms "
          "| errors | CPU ms per request: gunicorn / PostgreSQL / Redis |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for (page, connections), runs in results.items():
        def median(key: str, runs: list[dict[str, float]] = runs) -> float:
            return statistics.median(run[key] for run in runs)

        share = f"{median('share') * 100:.1f} %" if page != "hello world" else "100 %"
        errors = sum(run["status_errors"] + run["socket_errors"] for run in runs)
        print(f"| {page} | {connections} | {median('rps'):.0f} | {share} "
              f"| {median('p50') / 1000:.0f} | {median('p95') / 1000:.0f} "
              f"| {median('p99') / 1000:.0f} | {errors} "
              f"| {median('cpu_server'):.2f} / {median('cpu_postgres'):.2f} "
              f"/ {median('cpu_redis'):.2f} |")


if __name__ == "__main__":
    main()
