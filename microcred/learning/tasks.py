"""Background work of the learning app, run by `manage.py db_worker`."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from microcred.learning.models import LearnerProfile


@task()
def send_reminder(profile_id: int) -> bool:
    """One friendly reminder e-mail, in the learner's language; False when no longer due."""
    profile = LearnerProfile.objects.select_related("user").filter(pk=profile_id).first()
    if profile is None or not profile.reminders or not profile.user.is_active:
        return False
    with translation.override(profile.user.preferred_language):
        context = {"user": profile.user,
                   "continue_url": settings.SITE_URL + reverse("learning:continue"),
                   "settings_url": settings.SITE_URL + reverse("learning:home")}
        subject = render_to_string("learning/email/reminder_subject.txt", context).strip()
        body = render_to_string("learning/email/reminder_body.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [profile.user.email])
    LearnerProfile.objects.filter(pk=profile.pk).update(last_reminded_at=timezone.now())
    return True
