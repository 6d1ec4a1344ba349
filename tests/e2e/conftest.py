"""Real-browser fixtures: Debian's Chromium driven by Playwright, with axe-core for WCAG 2.2 AA."""

import os
import shutil
from pathlib import Path

import pytest

from tests.e2e.checks import AXE_SCRIPT

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


def _missing(message: str) -> None:
    # On a developer's machine say how to get the tool; in CI a missing browser is a failure.
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        _missing(
            "Chromium is needed for the browser tests: install it with "
            "`sudo apt-get install chromium` (or set CHROMIUM_PATH)."
        )
    if not AXE_SCRIPT.exists():
        _missing("axe-core is missing: run `make test` (it runs npm ci in tests/e2e).")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop; Django's ORM calls in the test thread are safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS
            )
            yield chromium
            chromium.close()
    finally:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


class CspWatcher:
    def __init__(self) -> None:
        self.violations: list[str] = []

    def __call__(self, message) -> None:
        if "Content Security Policy" in message.text:
            self.violations.append(message.text)


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, base_url=live_server.url, locale="en-GB"
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    csp = CspWatcher()
    page.on("console", csp)
    yield page
    context.close()
    assert csp.violations == [], "the page broke its own Content Security Policy"


@pytest.fixture
def review_defaults(transactional_db):
    """The checklist and survey questions come from data migrations, which an earlier
    transactional test may have flushed away: create them again (Board browser tests)."""
    from importlib import import_module

    from django.apps import apps as django_apps

    for name, function in (("0002_default_checklist", "create_items"),
                           ("0003_default_feedback_questions", "create_questions"),
                           ("0004_checklist_sources_and_review_date", "create_item")):
        migration = import_module(f"microcred.review.migrations.{name}")
        getattr(migration, function)(django_apps, None)


@pytest.fixture
def board(reviewer, partner):
    """Three Board members, the first one the `reviewer` persona."""
    from microcred.review.models import BoardMembership
    from microcred.review.tests.factories import BoardMembershipFactory

    BoardMembership.objects.create(partner=partner, user=reviewer)
    return [reviewer, *(seat.user for seat in BoardMembershipFactory.create_batch(2))]
