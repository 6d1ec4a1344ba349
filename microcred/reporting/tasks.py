"""Background work of the reporting app, run by `manage.py db_worker`."""

from django_tasks import task


@task()
def refresh_kpis_task() -> int:
    """Rebuild the KPI rollups (queued by the dashboard when its figures are old); the number
    of rollup rows written."""
    # Imported here: services queue this task, so a module-level import would be circular.
    from microcred.reporting.services import refresh_kpis

    return refresh_kpis().rows
