from django.core.management.base import BaseCommand

from microcred.reporting.services import refresh_kpis


class Command(BaseCommand):
    help = ("Recount the KPI dashboard's figures from the learning, test and credential records. "
            "Run it from cron (e.g. every 10 minutes); the dashboard also queues it when its "
            "figures are older than KPI_MAX_AGE_MINUTES.")

    def handle(self, *args: object, **options: object) -> None:
        result = refresh_kpis()
        self.stdout.write(self.style.SUCCESS(
            f"KPIs refreshed: {result.learners} learners, {result.rows} rollup rows, "
            f"{result.duration_ms} ms."))
