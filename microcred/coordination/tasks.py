"""E-mails coordinators send to their learners, run in the background by `manage.py db_worker`.

Each e-mail is written in the learner's own language, whoever pressed the button.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from microcred.accounts.models import User
from microcred.coordination.activity import last_activity_of
from microcred.coordination.models import CoordinatorReminder
from microcred.core.mail import send_in_language
from microcred.learning.models import LearnerProfile


def _send(*, user: User, template: str, context: dict[str, object]) -> None:
    partner = user.partner
    # Replies reach the partner organisation, the people the learner knows, not a no-reply box.
    reply_to = [partner.contact_email] if partner and partner.contact_email else []
    send_in_language(to=user.email, language=user.preferred_language,
                     template=f"coordination/email/{template}",
                     context={"user": user, "partner": partner, **context}, reply_to=reply_to)


@task()
def send_welcome_email(user_id: int) -> bool:
    """How to log in for the first time, to a learner a coordinator enrolled from a file."""
    user = User.objects.select_related("partner").filter(pk=user_id, is_active=True).first()
    if user is None:
        return False
    _send(user=user, template="welcome", context={
        "login_url": settings.SITE_URL + reverse("account_request_login_code"),
    })
    return True


@task()
def send_coordinator_reminder(reminder_id: int) -> bool:
    """One reminder a coordinator asked for; False when the learner left or was paused."""
    reminder = (CoordinatorReminder.objects.select_related("learner__partner")
                .filter(pk=reminder_id, sent_at__isnull=True).first())
    if reminder is None or not reminder.learner.is_active:
        return False
    learner = reminder.learner
    _send(user=learner, template="reminder", context={
        "started": learner.pk in last_activity_of([learner.pk]),
        "continue_url": settings.SITE_URL + reverse("learning:continue"),
    })
    now = timezone.now()
    CoordinatorReminder.objects.filter(pk=reminder.pk).update(sent_at=now)
    # The automatic weekly reminder waits a week too: one nudge at a time is enough.
    LearnerProfile.objects.filter(user=learner).update(last_reminded_at=now)
    return True
