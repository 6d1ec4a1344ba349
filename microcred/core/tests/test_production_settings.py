"""Production mode refuses unsafe configuration and passes Django's deployment checks."""

import os
import secrets
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parents[3]


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    # Only what a real deployment would have: no test-only switches inherited from pytest.
    unwanted = {
        "DEBUG",
        "SECRET_KEY",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
        "DATABASE_URL",
        "CREDENTIAL_KEK",
        "TRUSTED_PROXY_COUNT",
        "TRUST_X_FORWARDED_FOR",
    }
    clean = {k: v for k, v in os.environ.items() if k not in unwanted}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_a_real_secret_key():
    result = _manage("check", MICROCRED_PRODUCTION="1", ALLOWED_HOSTS="microcred.example")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_debug_mode():
    result = _manage(
        "check",
        MICROCRED_PRODUCTION="1",
        DEBUG="1",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="microcred.example",
    )
    assert result.returncode != 0
    assert "DEBUG must be off" in result.stderr


def test_production_settings_pass_the_deployment_checklist(tmp_path):
    key_file = tmp_path / "secret"
    key_file.write_text(secrets.token_urlsafe(64))
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        MICROCRED_PRODUCTION="1",
        SECRET_KEY_FILE=str(key_file),
        CREDENTIAL_KEK=Fernet.generate_key().decode(),
        ALLOWED_HOSTS="microcred.example",
        TRUSTED_PROXY_COUNT="1",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_the_checklist_warns_behind_a_proxy_that_is_not_counted():
    result = _manage(
        "check",
        "--deploy",
        MICROCRED_PRODUCTION="1",
        SECRET_KEY=secrets.token_urlsafe(64),
        CREDENTIAL_KEK=Fernet.generate_key().decode(),
        ALLOWED_HOSTS="microcred.example",
    )
    assert "core.W001" in result.stderr
    assert "TRUSTED_PROXY_COUNT is 0" in result.stderr


def test_make_check_deploy_runs_the_checks_and_passes():
    make = shutil.which("make")
    if make is None:
        pytest.skip("make is not installed")
    # -o: the environment is installed already; do not reinstall it from the lock file.
    result = subprocess.run(
        [make, "--no-print-directory", "-o", ".venv/.installed", "check-deploy"],
        cwd=ROOT,
        env={k: v for k, v in os.environ.items() if k != "DATABASE_URL"},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_start_without_a_key_encryption_key():
    result = _manage(
        "check",
        MICROCRED_PRODUCTION="1",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="microcred.example",
    )
    assert result.returncode != 0
    assert "CREDENTIAL_KEK" in result.stderr
