"""Background work of the accounts app, run by `manage.py db_worker`."""

from django_tasks import task

from microcred.accounts.services_retention import purge_expired_data


@task()
def purge_expired_data_task() -> dict[str, int]:
    """The daily retention run, for deployments that schedule tasks rather than cron jobs."""
    return purge_expired_data().counts
