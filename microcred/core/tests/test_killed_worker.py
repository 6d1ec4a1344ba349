"""A worker killed (SIGKILL) in the middle of issuing a credential: another worker runs the task
again and the learner holds exactly one credential.

Real processes on a real database file, as in production: the test migrates a fresh SQLite
database, passes a module for a learner (which queues the real issuance task), starts
`manage.py db_worker`, kills it while the task is inside its issuance, and starts another.
The first worker is told to stall at a chosen point of the real code, so the kill lands there.
"""

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
ISSUE_TASK = "microcred.credentials.tasks.issue_for_attempt"

SET_UP = """
import django; django.setup()
from django.conf import settings
from microcred.credentials.tests.conftest import pass_module
from microcred.demo.data import load_course
from microcred.testing.factories import UserFactory
load_course()
pass_module(UserFactory(email="killed-worker@example.org", full_name="Kim Worker"))
"""

# The first worker runs the real task, but stops for good at `{stall}`, after `{original}` ran.
STALLING_WORKER = """
import time, django; django.setup()
from pathlib import Path
from django.core.management import call_command
from microcred.credentials import services

original = services.{original}

def stall(*args, **kwargs):
    result = original(*args, **kwargs)
    Path({marker!r}).touch()
    time.sleep(600)
    return result

services.{original} = stall
call_command("db_worker", "--no-reload", "--no-startup-delay", "--interval", "0.1")
"""

WORKER = [
    sys.executable,
    "manage.py",
    "db_worker",
    "--no-reload",
    "--no-startup-delay",
    "--interval",
    "0.1",
]


def _environment(var_dir: Path) -> dict[str, str]:
    unwanted = {"DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE", "MICROCRED_PRODUCTION"}
    clean = {k: v for k, v in os.environ.items() if k not in unwanted}
    return {
        **clean,
        "MICROCRED_VAR_DIR": str(var_dir),
        "TASK_WORKER_TIMEOUT_SECONDS": "2",
        "PYTHONPATH": str(ROOT),
    }


@pytest.fixture(scope="module")
def migrated_database(tmp_path_factory) -> Path:
    directory = tmp_path_factory.mktemp("migrated")
    # As the README deploys: the schema, then the shared cache's table (the course cache keeps
    # its generation there, so importing the course needs it).
    for command in (["migrate", "-v0"], ["createcachetable"]):
        subprocess.run(
            [sys.executable, "manage.py", *command],
            cwd=ROOT,
            env=_environment(directory),
            check=True,
            timeout=300,
        )
    database = directory / "microcred.sqlite3"
    with sqlite3.connect(database) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # everything in the one file we copy
    return database


@pytest.fixture
def deployment(migrated_database, tmp_path) -> dict[str, str]:
    shutil.copy(migrated_database, tmp_path / "microcred.sqlite3")
    env = _environment(tmp_path)
    subprocess.run([sys.executable, "-c", SET_UP], cwd=ROOT, env=env, check=True, timeout=300)
    return env


def _query(env: dict[str, str], sql: str) -> list[tuple]:
    with sqlite3.connect(Path(env["MICROCRED_VAR_DIR"]) / "microcred.sqlite3", timeout=20) as db:
        return db.execute(sql).fetchall()


def _issuance_task(env: dict[str, str]) -> tuple[str, str]:
    [(status, worker_ids)] = _query(
        env,
        f"SELECT status, worker_ids FROM django_tasks_database_dbtaskresult "  # noqa: S608
        f"WHERE task_path = '{ISSUE_TASK}'",
    )
    return status, worker_ids


def _credentials(env: dict[str, str]) -> int:
    return _query(env, "SELECT count(*) FROM credentials_issuedcredential")[0][0]


def _wait(condition, what: str, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.mark.parametrize(
    ("stall_after", "credentials_at_the_kill"),
    [
        # Killed inside the issuance transaction (credential signed and inserted, not committed).
        ("_sign_and_store", 0),
        # Killed after the credential was committed, before the task was marked done.
        ("issue_course_credential_if_complete", 1),
    ],
)
def test_a_task_killed_with_its_worker_is_run_again_and_issues_exactly_once(
    deployment, tmp_path, stall_after, credentials_at_the_kill
):
    env = deployment
    marker = tmp_path / "stalled"
    first = subprocess.Popen(
        [sys.executable, "-c", STALLING_WORKER.format(original=stall_after, marker=str(marker))],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        _wait(lambda: marker.exists() or first.poll() is not None, "the first worker to stall")
        assert first.poll() is None, first.stderr.read().decode() if first.stderr else ""
        os.kill(first.pid, signal.SIGKILL)  # no clean-up, as the kernel's OOM killer would
        first.wait(timeout=10)
    finally:
        if first.poll() is None:
            first.kill()
    assert _issuance_task(env)[0] == "RUNNING"  # left behind by the dead worker
    assert _credentials(env) == credentials_at_the_kill

    second = subprocess.Popen(
        WORKER, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        _wait(lambda: _issuance_task(env)[0] == "SUCCESSFUL", "the task to be run again")
    finally:
        second.send_signal(signal.SIGTERM)
        second.wait(timeout=30)

    dead, _second = json.loads(_issuance_task(env)[1])  # tried by exactly two workers
    assert _credentials(env) == 1
    assert (
        _query(
            env,
            "SELECT count(*) FROM credentials_credentialevent "
            "WHERE action = 'issued_automatically'",
        )[0][0]
        == 1
    )
    # The second worker removed its heartbeat when it stopped; the dead one's is cleared later.
    assert _query(env, "SELECT worker_id FROM core_taskworker") == [(dead,)]
