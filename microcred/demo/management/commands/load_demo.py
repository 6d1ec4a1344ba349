from django.conf import settings
from django.core.management.base import BaseCommand

from microcred.demo.data import DEMO_PASSWORD, load_demo
from microcred.demo.synthetic import generate_synthetic_data, synthetic_users
from microcred.reporting.services import refresh_kpis

# Enough learners for the coordinators' lists and the KPI dashboard to show something real.
DEMO_SYNTHETIC_LEARNERS = 280


class Command(BaseCommand):
    help = "Load the demo partners, accounts and news (safe to run again: nothing is duplicated)."

    def handle(self, *args: object, **options: object) -> None:
        logins = load_demo()
        if not synthetic_users().exists():
            generate_synthetic_data(learners=DEMO_SYNTHETIC_LEARNERS, months=12)
        refresh_kpis()
        self.stdout.write(self.style.SUCCESS(
            f"Demo data ready: {len(logins)} accounts and {DEMO_SYNTHETIC_LEARNERS} synthetic "
            "learners (they cannot log in) behind the KPI dashboard."))
        self.stdout.write(f"\nDemo log-ins (password for all: {DEMO_PASSWORD}):")
        shown: set[str] = set()
        for login in logins:
            # One example per role keeps the list readable; the pattern is the same per partner.
            if login.role not in shown or login.email.endswith("-pl@example.org"):
                self.stdout.write(f"  {login.role:<28} {login.email}")
                shown.add(login.role)
        self.stdout.write(
            "  (every partner has learner-, coordinator- and reviewer-<ie|pl|gr|de|es|it|pt>"
            "@example.org)\n"
            "Staff accounts use two-step verification: get the current code with\n"
            "  .venv/bin/python manage.py demo_totp\n"
            f"E-mails (log-in codes) appear at {settings.SITE_URL}/dev/mailbox/"
        )
