"""What every page must pass in the browser (axe-core WCAG 2.2 AA, reflow at small widths), and
the steps every journey shares: logging a persona in, reading the code we e-mailed."""

import json
import re
from functools import cache
from pathlib import Path

from django.conf import settings
from django.core import mail
from django.test import Client

AXE_SCRIPT = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def assert_accessible(page) -> None:
    """Run axe-core on the current page: zero WCAG 2.0/2.1/2.2 A and AA violations."""
    # evaluate() goes through the DevTools protocol, so the strict CSP stays switched on.
    page.evaluate(_axe_source())
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    violations = [
        {
            "rule": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [n["html"][:200] for n in v["nodes"][:3]],
        }
        for v in result["violations"]
    ]
    assert violations == [], f"{page.url}:\n{json.dumps(violations, indent=1, ensure_ascii=False)}"


@cache
def _axe_source() -> str:
    # Half a megabyte, read once per worker instead of once per checked page.
    return AXE_SCRIPT.read_text(encoding="utf-8")


def assert_fits_small_screen(page) -> None:
    """Nothing scrolls sideways at the current width (WCAG 1.4.10 reflow)."""
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{page.url} is {overflow}px wider than the screen"


def check_page(page) -> None:
    # Needs JavaScript: in a context with it off, axe's promise never settles (no timers run)
    # and evaluate, which has no timeout, waits for ever. Check such pages from a second page.
    assert_accessible(page)
    assert_fits_small_screen(page)


def open_menu(page) -> None:
    """Open the header's menu (links, language, text size); a phone shows it only on a tap."""
    menu = page.locator("details.site-menu")
    if menu.get_attribute("open") is None:
        menu.locator("summary").click()


def log_in_as(page, live_server, user) -> None:
    """Start the browser in `user`'s session (staff MFA included), without the log-in pages."""
    client = Client()
    client.force_login(user)
    page.context.clear_cookies()
    page.context.add_cookies([{
        "name": settings.SESSION_COOKIE_NAME,
        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "url": live_server.url,
    }])


def emailed_code() -> str:
    """The one-time code in the last e-mail sent (sign-up, log-in or confirmation)."""
    match = re.search(r"^\s*([A-Z0-9]{4,}(?:-[A-Z0-9]+)*)\s*$", mail.outbox[-1].body, re.M)
    assert match, mail.outbox[-1].body
    return match.group(1)


def click_and_wait(page, target) -> None:
    """Click a link or submit button and wait for the page it leads to. A form that answers at
    its own address (errors, results) would otherwise be read before the answer arrives."""
    with page.expect_navigation():
        target.click()


def set_task_screen(page, answer: dict) -> None:
    """Set every control of a simulated app screen (a task item) to the given token, switch
    state or typed text, the way a mouse user would."""
    for token, value in answer.items():
        control = page.locator(f"input[name='{token}']")
        if isinstance(value, bool):
            control.set_checked(value)
        elif control.first.get_attribute("type") == "radio":
            page.locator(f"input[name='{token}'][value='{value}']").check()
        else:
            control.fill(value)


def open_wallet_with_a_credential(page, learner) -> None:
    """`learner` passed M01 of the course the test imported (`real_first_modules`) and holds its
    credential, and their wallet page is open in `page`, logged in with the password as a
    learner would."""
    from django.core.management import call_command

    from microcred.credentials.tests.conftest import pass_module
    from microcred.learning.models import LearnerProfile

    LearnerProfile.objects.create(user=learner, onboarding_skipped_at="2026-01-01T00:00Z")
    pass_module(learner)
    call_command("db_worker", "--batch", "--no-startup-delay")

    page.goto("/accounts/login/")
    page.locator("input[name=login]").fill(learner.email)
    page.locator("input[name=password]").fill("correct horse battery staple")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url("**/learn/")
    page.goto("/credentials/")
