from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from microcred.accounts.models import PartnerOrganisation


class NewsItem(models.Model):
    """A press release or announcement; its text lives in one translation per language.

    A partner's news is written by its coordinators in its country's languages; news without
    a partner comes from the whole consortium (platform administrators).
    """

    slug = models.SlugField(_("address"), max_length=100, unique=True)
    partner = models.ForeignKey(
        PartnerOrganisation,
        verbose_name=_("partner organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="news",
        help_text=_("Leave empty for news from the whole consortium."),
    )
    published_at = models.DateTimeField(_("published at"), default=timezone.now)
    is_published = models.BooleanField(_("published"), default=False)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("news item")
        verbose_name_plural = _("news")

    def __str__(self) -> str:
        return self.slug

    def get_absolute_url(self) -> str:
        return reverse("public:news_detail", kwargs={"slug": self.slug})


class NewsTranslation(models.Model):
    news_item = models.ForeignKey(NewsItem, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), max_length=600)
    body = models.TextField(_("text"), help_text=_("Markdown, as in lessons."))

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["news_item", "language"], name="one_news_text_per_language"
            )
        ]
        verbose_name = _("translation")
        verbose_name_plural = _("translations")

    def __str__(self) -> str:
        return f"{self.title} ({self.language})"


class ContactStatus(models.TextChoices):
    NEW = "new", _("New")
    ANSWERED = "answered", _("Answered")
    CLOSED = "closed", _("Closed")


class ContactMessage(models.Model):
    """A message from the public form, routed to the partner of the sender's country (or to
    the consortium's own address when no partner works there)."""

    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"))
    subject = models.CharField(_("subject"), max_length=200)
    message = models.TextField(_("message"), max_length=5000)
    language = models.CharField(_("language"), max_length=8)
    received_at = models.DateTimeField(_("received at"), auto_now_add=True)
    country = models.CharField(_("country"), max_length=2, blank=True)  # as the sender chose
    partner = models.ForeignKey(
        PartnerOrganisation,
        verbose_name=_("partner organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contact_messages",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ContactStatus.choices, default=ContactStatus.NEW
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        ordering = ["-received_at"]
        indexes = [models.Index(fields=["partner", "status", "-received_at"])]
        verbose_name = _("contact message")
        verbose_name_plural = _("contact messages")

    def __str__(self) -> str:
        return f"{self.name}: {self.subject}"
