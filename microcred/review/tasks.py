"""Background work of the review app: e-mails, run by `manage.py db_worker`."""

from django.conf import settings
from django.urls import reverse
from django_tasks import task

from microcred.accounts.models import User
from microcred.core.mail import send_in_language
from microcred.curriculum.models import ModuleVersion
from microcred.curriculum.text import localise
from microcred.review.models import ReviewDecision

KINDS = ("review_requested", "changes_requested", "approved")


@task()
def send_review_email(
    kind: str, version_id: int, recipient_id: int, decision_id: int | None = None
) -> bool:
    """One e-mail about a version under review, in the recipient's language.

    review_requested goes to each Board member; changes_requested and approved go to the
    version's author (or the platform admins). False when there is nobody to write to.
    """
    if kind not in KINDS:
        raise ValueError(f"Unknown review e-mail: {kind}")
    recipient = User.objects.filter(pk=recipient_id, is_active=True).first()
    version = ModuleVersion.objects.select_related("module").filter(pk=version_id).first()
    if recipient is None or version is None:
        return False
    decision = (
        ReviewDecision.objects.select_related("reviewer", "membership__partner")
        .filter(pk=decision_id)
        .first()
        if decision_id
        else None
    )
    language = recipient.preferred_language
    send_in_language(to=recipient.email, language=language, template=f"review/email/{kind}",
                     context={
                         "recipient": recipient,
                         "version": version,
                         "title": localise(version.title, language).text,
                         "decision": decision,
                         "review_url": settings.SITE_URL + reverse("review:version",
                                                                   args=[version.pk]),
                     })
    return True
