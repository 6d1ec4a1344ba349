"""The course: modules with immutable versions, their lessons and learning outcomes.

Every text field is a language map ({"en": ..., "pl": ...}); `text.localise` picks the reader's
language and falls back to English with a notice.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from microcred.curriculum.provenance import needs_fact_check
from microcred.curriculum.text import localise


class Curriculum(models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    title = models.JSONField(_("title"), default=dict)
    summary = models.JSONField(_("summary"), default=dict)
    course_credential = models.JSONField(
        _("full-course credential"), default=dict, help_text=_("Title and award rule.")
    )

    class Meta:
        verbose_name = _("curriculum")
        verbose_name_plural = _("curricula")

    def __str__(self) -> str:
        return localise(self.title, "en").text or self.code


class Module(models.Model):
    """A module's stable identity; what it says lives in its versions."""

    curriculum = models.ForeignKey(Curriculum, on_delete=models.PROTECT, related_name="modules")
    code = models.CharField(_("code"), max_length=10, unique=True, help_text=_("e.g. M07"))
    folder = models.CharField(_("content folder"), max_length=100)
    order = models.PositiveSmallIntegerField(_("order"))
    published_version = models.OneToOneField(
        "ModuleVersion",
        verbose_name=_("published version"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("module")
        verbose_name_plural = _("modules")

    def __str__(self) -> str:
        return self.code


class VersionState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    APPROVED = "approved", _("Approved")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    SUPERSEDED = "superseded", _("Replaced by a newer version")


class ModuleVersion(models.Model):
    """One version of a module. Only a draft may change; review and learners see a fixed text."""

    module = models.ForeignKey(Module, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    state = models.CharField(
        _("state"), max_length=20, choices=VersionState.choices, default=VersionState.DRAFT
    )
    content_hash = models.CharField(
        _("content fingerprint"),
        max_length=64,
        help_text=_("SHA-256 of the normalised content: re-importing identical files is a no-op."),
    )
    title = models.JSONField(_("title"), default=dict)
    summary = models.JSONField(_("summary"), default=dict)
    eqf_level = models.PositiveSmallIntegerField(_("EQF level"), null=True, blank=True)
    hours = models.DecimalField(_("notional workload (hours)"), max_digits=6, decimal_places=1)
    ects = models.DecimalField(
        _("ECTS credits"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    # Minutes per part (curriculum/workload.py); `hours` and `ects` are their totals.
    workload = models.JSONField(_("notional workload (minutes per part)"), default=dict)
    prerequisites = models.JSONField(_("prerequisite modules"), default=list, blank=True)
    digcomp = models.JSONField(_("DigComp 2.2 competences"), default=list)
    esco = models.JSONField(_("ESCO skills"), default=list, blank=True)
    glossary = models.JSONField(_("glossary"), default=list, blank=True)
    # Per-language state, the one place for it (curriculum/languages.py reads and explains it):
    # {"el": {"status": "complete" | "outdated" | "missing", "approved": bool}, ...}.
    languages = models.JSONField(_("languages"), default=dict, blank=True)
    source = models.CharField(_("source"), max_length=20, default="import")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta:
        ordering = ["module__order", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["module", "number"], name="one_number_per_version")
        ]
        verbose_name = _("module version")
        verbose_name_plural = _("module versions")

    def __str__(self) -> str:
        return f"{self.module.code} v{self.number}"

    @property
    def is_editable(self) -> bool:
        return self.state == VersionState.DRAFT


class EditableOnlyInDraft(models.Model):
    """Lessons and outcomes freeze with their version once it leaves the draft state."""

    class Meta:
        abstract = True

    def clean(self) -> None:
        if self.version_id and not self.version.is_editable:
            raise ValidationError(
                _(
                    "Version %(version)s is %(state)s and can no longer change. "
                    "Create a new draft to edit it."
                )
                % {"version": self.version, "state": self.version.get_state_display()}
            )


class Lesson(EditableOnlyInDraft):
    version = models.ForeignKey(ModuleVersion, on_delete=models.CASCADE, related_name="lessons")
    slug = models.SlugField(_("file name"), max_length=100, help_text=_("e.g. 01-getting-online"))
    order = models.PositiveSmallIntegerField(_("order"))
    minutes = models.PositiveSmallIntegerField(_("estimated minutes"))
    title = models.JSONField(_("title"), default=dict)
    body = models.JSONField(_("text (Markdown)"), default=dict)
    body_html = models.JSONField(_("text (rendered)"), default=dict, editable=False)
    media = models.JSONField(_("media"), default=list, blank=True)
    check_question = models.JSONField(_("knowledge check"), default=dict, blank=True)
    sources = models.JSONField(
        _("sources"),
        default=dict,
        blank=True,
        help_text=_("Primary sources by language: English for everyone, others in addition."),
    )
    reviewed = models.DateField(_("facts last checked on"), null=True, blank=True)
    board_notes = models.JSONField(
        _("notes for the Advisory Board"),
        default=dict,
        blank=True,
        help_text=_("By language: what a translator could not confirm. Learners never see it."),
    )
    outcomes = models.JSONField(
        _("outcomes taught"),
        default=list,
        blank=True,
        help_text=_("Codes of the module's outcomes this lesson teaches, e.g. M01-LO2."),
    )

    class Meta:
        ordering = ["version", "order"]
        constraints = [
            models.UniqueConstraint(fields=["version", "slug"], name="one_lesson_slug_per_version")
        ]
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")

    def __str__(self) -> str:
        return f"{self.version} / {self.slug}"

    @property
    def needs_fact_check(self) -> bool:
        return needs_fact_check(self.reviewed)


class LearningOutcome(EditableOnlyInDraft):
    version = models.ForeignKey(ModuleVersion, on_delete=models.CASCADE, related_name="outcomes")
    code = models.CharField(_("code"), max_length=20, help_text=_("e.g. M07-LO2"))
    order = models.PositiveSmallIntegerField(_("order"))
    statement = models.JSONField(_("statement"), default=dict)
    digcomp = models.CharField(_("DigComp competence"), max_length=5)
    level = models.PositiveSmallIntegerField(_("DigComp proficiency level"))
    esco = models.URLField(_("ESCO skill"), blank=True)

    class Meta:
        ordering = ["version", "order"]
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="one_outcome_code_per_version")
        ]
        verbose_name = _("learning outcome")
        verbose_name_plural = _("learning outcomes")

    def __str__(self) -> str:
        return self.code


class VersionTransition(models.Model):
    """The audit trail of a version's life: every change of state, who made it, when and why.

    Written only by curriculum/lifecycle.py, whichever page, command or admin action called it.
    """

    version = models.ForeignKey(
        ModuleVersion, on_delete=models.PROTECT, related_name="transitions"
    )
    was = models.CharField(
        _("state before"), max_length=20, choices=VersionState.choices, blank=True
    )
    now = models.CharField(_("state after"), max_length=20, choices=VersionState.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty when the platform acted on its own (an import, a script)."),
    )
    reason = models.TextField(_("why"), blank=True)
    # Which languages an approval covers, and anything else the transition depended on.
    details = models.JSONField(_("details"), default=dict, blank=True)
    created_at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("version state change")
        verbose_name_plural = _("version state changes")

    def __str__(self) -> str:
        return f"{self.version}: {self.was or '-'} -> {self.now}"
