"""Background issuance, run by `manage.py db_worker` (several workers may run at once)."""

from django_tasks import task

from microcred.credentials import services


@task()
def issue_for_attempt(attempt_id: int) -> str | None:
    credential = services.issue_for_attempt(attempt_id=attempt_id)
    return str(credential.pk) if credential else None
