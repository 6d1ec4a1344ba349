from django.core.management.base import BaseCommand, CommandParser

from microcred.accounts.services_retention import purge_expired_data


class Command(BaseCommand):
    help = (
        "Apply the retention rules (docs/privacy.md): warn and then delete learner accounts "
        "nobody used for RETENTION_INACTIVE_ACCOUNT_DAYS, delete unconfirmed sign-ups, old "
        "contact messages, development e-mails, access-log entries and expired sessions. Run "
        "once a day; running it twice changes nothing more."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="Only count what would be warned or deleted."
        )

    def handle(self, *args: object, **options: object) -> None:
        report = purge_expired_data(dry_run=bool(options["dry_run"]))
        self.stdout.write(self.style.SUCCESS(report.summary()))
