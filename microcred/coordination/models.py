"""What partner coordinators did to their learners that must be remembered: reminder e-mails.

A reminder batch is the audit record (who sent which message to how many); each reminder row
enforces "at most one coordinator reminder per learner per week". Reminders go when their
learner's account is deleted; the batch keeps only counts, never who the learners were.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from microcred.accounts.models import PartnerOrganisation


class ReminderMessage(models.TextChoices):
    INACTIVITY = "inactivity", _("Come back to the course")


class ReminderBatch(models.Model):
    """One press of "Send a reminder" by a coordinator or a platform administrator."""

    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    sent_by_email = models.EmailField(_("sender's e-mail"))
    partner = models.ForeignKey(
        PartnerOrganisation,
        verbose_name=_("partner organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty when a platform administrator sent it."),
    )
    message = models.CharField(
        _("message"), max_length=20, choices=ReminderMessage.choices,
        default=ReminderMessage.INACTIVITY,
    )
    recipients = models.PositiveIntegerField(_("reminders sent"), default=0)
    skipped = models.PositiveIntegerField(_("learners skipped"), default=0)
    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("reminder sent by a coordinator")
        verbose_name_plural = _("reminders sent by coordinators")

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.sent_by_email} ({self.recipients})"


class CoordinatorReminder(models.Model):
    """One reminder e-mail to one learner, queued now and sent by a background task."""

    batch = models.ForeignKey(ReminderBatch, on_delete=models.PROTECT, related_name="reminders")
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        on_delete=models.CASCADE,
        related_name="coordinator_reminders",
    )
    language = models.CharField(_("language"), max_length=8)
    queued_at = models.DateTimeField(_("queued at"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        ordering = ["-queued_at"]
        indexes = [models.Index(fields=["learner", "-queued_at"])]
        verbose_name = _("reminder to a learner")
        verbose_name_plural = _("reminders to learners")

    def __str__(self) -> str:
        return f"{self.learner_id} {self.queued_at:%Y-%m-%d}"
