from django.core.management.base import BaseCommand, CommandParser

from microcred.reporting.services import refresh_kpis


class Command(BaseCommand):
    help = ("Recount the KPI dashboard's figures from the learning, test and credential records. "
            "Run it from cron (e.g. every 10 minutes, and with --full nightly); the dashboard also "
            "queues it when its figures are older than KPI_MAX_AGE_MINUTES. Only learners who "
            "changed since the last refresh are recounted.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--full", action="store_true",
            help="Recount every learner, not only those who changed since the last refresh "
                 "(e.g. nightly: it also catches changes made behind the application's back).")

    def handle(self, *args: object, **options: object) -> None:
        result = refresh_kpis(full=bool(options["full"]))
        recounted = ("every learner recounted" if result.recounted is None
                     else f"{result.recounted} recounted")
        self.stdout.write(self.style.SUCCESS(
            f"KPIs refreshed: {result.learners} learners ({recounted}), {result.rows} rollup "
            f"rows, {result.duration_ms} ms."))
