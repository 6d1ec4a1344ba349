"""Background work of the reporting app, run by `manage.py db_worker`."""

from django_tasks import task

from microcred.reporting.services import refresh_kpis


@task()
def refresh_kpis_task() -> int:
    """Rebuild the KPI rollups (queued by the dashboard when its figures are old); the number
    of rollup rows written."""
    return refresh_kpis().rows
