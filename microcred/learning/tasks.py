"""Background work of the learning app, run by `manage.py db_worker`."""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from microcred.core.mail import send_in_language
from microcred.learning.models import LearnerProfile


@task()
def send_reminder(profile_id: int) -> bool:
    """One friendly reminder e-mail, in the learner's language; False when no longer due."""
    profile = LearnerProfile.objects.select_related("user").filter(pk=profile_id).first()
    if profile is None or not profile.reminders or not profile.user.is_active:
        return False
    send_in_language(to=profile.user.email, language=profile.user.preferred_language,
                     template="learning/email/reminder",
                     context={"user": profile.user,
                              "continue_url": settings.SITE_URL + reverse("learning:continue"),
                              "settings_url": settings.SITE_URL + reverse("learning:home")})
    LearnerProfile.objects.filter(pk=profile.pk).update(last_reminded_at=timezone.now())
    return True
