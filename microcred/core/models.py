from django.db import models
from django.utils.translation import gettext_lazy as _


class OutboxMessage(models.Model):
    """A copy of an e-mail sent in development, shown on the development mailbox page."""

    to = models.TextField(_("to"))
    subject = models.CharField(_("subject"), max_length=998)
    body = models.TextField(_("body"))
    html_body = models.TextField(_("HTML body"), blank=True)
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        ordering = ["-sent_at", "-id"]
        verbose_name = _("development e-mail")
        verbose_name_plural = _("development e-mails")

    def __str__(self) -> str:
        return f"{self.to}: {self.subject}"
