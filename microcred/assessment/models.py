"""Item banks (immutable snapshots), exam attempts and the audit of staff actions on them."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from microcred.curriculum.models import Module, ModuleVersion


class ItemBank(models.Model):
    """The item bank and exam blueprint of one module version, as items.yaml text.

    The bank is part of its module version: imported, reviewed and published with it, never
    changed afterwards. Attempts point at the bank they were drawn from, so any attempt can be
    replayed and audited even after the items are corrected in a newer version.
    """

    module = models.ForeignKey(Module, on_delete=models.PROTECT, related_name="item_banks")
    # Empty only for banks stored before banks became part of versions and kept for the
    # attempts drawn from them (migration 0004).
    version = models.OneToOneField(ModuleVersion, on_delete=models.PROTECT, null=True,
                                   blank=True, related_name="item_bank")
    number = models.PositiveIntegerField(_("version"))
    fingerprint = models.CharField(max_length=64)
    source = models.TextField(_("items.yaml"))
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["module", "-number"]
        constraints = [models.UniqueConstraint(fields=["module", "number"],
                                               name="one_bank_number_per_module")]
        verbose_name = _("item bank")
        verbose_name_plural = _("item banks")

    def __str__(self) -> str:
        return f"{self.module.code} bank v{self.number}"


class Supervision(models.TextChoices):
    """Annex I: supervision and identity verification during assessment."""

    SELF_DECLARED = "unsupervised", _("Online, not supervised, identity not verified")
    SUPERVISED_ONLINE = "supervised_online", _("Supervised online, identity verified")
    IN_PERSON = "in_person", _("In person at a partner organisation, identity verified")


class Attempt(models.Model):
    # Empty once the learner deleted their account: a finished attempt stays, anonymised, for
    # the item statistics (microcred/assessment/privacy.py).
    learner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                related_name="attempts")
    module = models.ForeignKey(Module, on_delete=models.PROTECT, related_name="+")
    module_version = models.ForeignKey(ModuleVersion, on_delete=models.PROTECT, related_name="+")
    bank = models.ForeignKey(ItemBank, on_delete=models.PROTECT, related_name="attempts")
    number = models.PositiveSmallIntegerField(_("attempt"))
    seed = models.BigIntegerField(editable=False)  # secret: whoever knows it knows the key
    form = models.JSONField(editable=False)
    answers = models.JSONField(default=dict, editable=False)
    language = models.CharField(max_length=8)
    started_at = models.DateTimeField(_("started"), default=timezone.now)
    deadline = models.DateTimeField(_("must end by"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    result = models.JSONField(default=dict, editable=False)
    percent = models.DecimalField(_("score (%)"), max_digits=5, decimal_places=2, null=True,
                                  blank=True)
    passed = models.BooleanField(_("passed"), null=True, blank=True)
    supervision = models.CharField(_("supervision and identity verification"), max_length=20,
                                   choices=Supervision.choices, default=Supervision.SELF_DECLARED)

    class Meta:
        ordering = ["-started_at"]
        constraints = [
            models.UniqueConstraint(fields=["learner", "module", "number"],
                                    name="one_attempt_number_per_module"),
            models.UniqueConstraint(fields=["learner", "module"],
                                    condition=models.Q(submitted_at__isnull=True),
                                    name="one_open_attempt_per_module"),
        ]
        indexes = [models.Index(fields=["bank", "submitted_at"])]
        verbose_name = _("attempt")
        verbose_name_plural = _("attempts")

    def __str__(self) -> str:
        return f"{self.learner} {self.module.code} #{self.number}"

    @property
    def is_open(self) -> bool:
        return self.submitted_at is None


class Accommodation(models.Model):
    """Extra time for a learner who needs it, set by their coordinator."""

    learner = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                   related_name="assessment_accommodation")
    extra_time_percent = models.PositiveSmallIntegerField(_("extra time (%)"), default=0)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("accommodation")
        verbose_name_plural = _("accommodations")

    def __str__(self) -> str:
        return f"{self.learner} +{self.extra_time_percent}%"


class AttemptEvent(models.Model):
    """Audit of staff actions on attempts (supervision level, re-grading); never deleted."""

    attempt = models.ForeignKey(Attempt, on_delete=models.PROTECT, related_name="events")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                              related_name="+")
    action = models.CharField(max_length=30)
    details = models.JSONField(default=dict)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.attempt} {self.action}"
