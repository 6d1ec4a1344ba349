"""The Scientific Advisory Board's review of module versions, and the internal pilot.

Review records are an audit trail: nothing here is ever deleted or edited after the fact.
Decisions are append-only (a member who changes their mind records a new decision, and the
newest one counts); every action also leaves a ReviewEvent.
"""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from microcred.accounts.models import PartnerOrganisation
from microcred.curriculum.models import Lesson, Module, ModuleVersion
from microcred.curriculum.text import localise

# The Board ---------------------------------------------------------------------------------


class BoardMembership(models.Model):
    """A partner's representative on the Scientific Advisory Board, for a period of time.

    A membership is current while it has no end date. The database allows one current
    representative per partner, and one current seat per person.
    """

    partner = models.ForeignKey(
        PartnerOrganisation,
        verbose_name=_("partner organisation"),
        on_delete=models.PROTECT,
        related_name="board_memberships",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Board member"),
        on_delete=models.PROTECT,
        related_name="board_memberships",
    )
    started_on = models.DateField(_("member since"), default=timezone.localdate)
    ended_on = models.DateField(_("member until"), null=True, blank=True)

    class Meta:
        ordering = ["partner__name", "-started_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["partner"],
                condition=Q(ended_on__isnull=True),
                name="one_current_board_member_per_partner",
                violation_error_message=_(
                    "This partner organisation already has a representative on the Board. "
                    "End that membership first."
                ),
            ),
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(ended_on__isnull=True),
                name="one_current_board_seat_per_person",
                violation_error_message=_("This person already represents a partner on the Board."),
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                name="board_membership_ends_after_it_starts",
                violation_error_message=_("A membership cannot end before it starts."),
            ),
        ]
        verbose_name = _("Board membership")
        verbose_name_plural = _("Board memberships")

    def __str__(self) -> str:
        return f"{self.user} ({self.partner})"

class ReviewChecklistItem(models.Model):
    """One point every Board member confirms before approving a version."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    text = models.JSONField(_("text"), default=dict, help_text=_("One text per language."))
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(
        _("in use"), default=True, help_text=_("Items no longer in use stay in old decisions.")
    )

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("review checklist item")
        verbose_name_plural = _("review checklist")

    def __str__(self) -> str:
        return localise(self.text, "en").text or self.code


# Decisions, comments and the audit trail ---------------------------------------------------


class DecisionKind(models.TextChoices):
    APPROVE = "approve", _("Approve")
    REQUEST_CHANGES = "request_changes", _("Request changes")
    # Only the member who asked for changes clears their request (or a new version does).
    WITHDRAW_REQUEST = "withdraw_request", _("Withdraw my change request")


class ReviewDecision(models.Model):
    version = models.ForeignKey(
        ModuleVersion, on_delete=models.PROTECT, related_name="review_decisions"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="review_decisions"
    )
    membership = models.ForeignKey(
        BoardMembership,
        verbose_name=_("seat on the Board"),
        on_delete=models.PROTECT,
        related_name="decisions",
    )
    decision = models.CharField(_("decision"), max_length=20, choices=DecisionKind.choices)
    checklist = models.JSONField(
        _("checklist"), default=dict, help_text=_("Each checklist item's code: ticked or not.")
    )
    excluded_languages = models.JSONField(
        _("languages not checked"),
        default=list,
        blank=True,
        help_text=_("An approval does not cover these languages: the member could not check them."),
    )
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["version", "reviewer", "-created_at"])]
        verbose_name = _("review decision")
        verbose_name_plural = _("review decisions")

    def __str__(self) -> str:
        return f"{self.version}: {self.get_decision_display()} ({self.reviewer})"


class ReviewComment(models.Model):
    """A Board member's remark on a version, a lesson, one paragraph of a lesson or an exam item."""

    version = models.ForeignKey(
        ModuleVersion, on_delete=models.PROTECT, related_name="review_comments"
    )
    lesson = models.ForeignKey(
        Lesson, on_delete=models.PROTECT, null=True, blank=True, related_name="review_comments"
    )
    paragraph = models.PositiveSmallIntegerField(
        _("paragraph"),
        null=True,
        blank=True,
        help_text=_("Position of the block in the rendered lesson text, from 1."),
    )
    # Exam items live in the item bank's text, not in rows: the comment names the item's id.
    item = models.CharField(_("exam item"), max_length=64, blank=True)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="review_comments"
    )
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("written at"), default=timezone.now)

    class Meta:
        ordering = ["lesson__order", "paragraph", "created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(paragraph__isnull=True) | Q(lesson__isnull=False),
                name="a_paragraph_comment_names_its_lesson",
            ),
            models.CheckConstraint(
                condition=Q(item="") | Q(lesson__isnull=True),
                name="a_comment_is_on_a_lesson_or_an_item",
            ),
        ]
        verbose_name = _("review comment")
        verbose_name_plural = _("review comments")

    def __str__(self) -> str:
        return f"{self.version} / {self.lesson or '-'} / {self.paragraph or '-'}"


class EventAction(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted for review")
    APPROVED = "approved", _("Approved (one member)")
    CHANGES_REQUESTED = "changes_requested", _("Requested changes (one member)")
    REQUEST_WITHDRAWN = "request_withdrawn", _("Withdrew a change request (one member)")
    COMMENTED = "commented", _("Commented")
    STATE_CHANGED = "state_changed", _("State changed")
    PUBLISHED = "published", _("Published")
    SUPERSEDED = "superseded", _("Replaced by a newer version")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    NEW_DRAFT = "new_draft", _("New draft started")
    BOARD_JOINED = "board_joined", _("Joined the Board")
    BOARD_LEFT = "board_left", _("Left the Board")
    CHECKLIST_CHANGED = "checklist_changed", _("Checklist changed")


class ReviewEvent(models.Model):
    """The audit trail of the review workflow: who did what, when, to which version."""

    action = models.CharField(_("action"), max_length=30, choices=EventAction.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty when the platform acted on its own (e.g. a version was replaced)."),
    )
    version = models.ForeignKey(
        ModuleVersion, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)
    details = models.JSONField(_("details"), default=dict, encoder=DjangoJSONEncoder)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("review event")
        verbose_name_plural = _("review events (audit trail)")

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.get_action_display()} {self.version or ''}"


# The pilot ---------------------------------------------------------------------------------


class Cohort(models.Model):
    """A group of learners who start together, e.g. "Internal pilot" or "Launch 2026"."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    is_pilot = models.BooleanField(
        _("pilot cohort"), default=False, help_text=_("Learners who test the course first.")
    )
    partner = models.ForeignKey(
        PartnerOrganisation,
        verbose_name=_("partner organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cohorts",
        help_text=_("Leave empty for a cohort shared by all partners."),
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="CohortMembership", related_name="cohorts"
    )

    class Meta:
        ordering = ["-starts_on", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="cohort_ends_after_it_starts",
                violation_error_message=_("A cohort cannot end before it starts."),
            )
        ]
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")

    def __str__(self) -> str:
        return self.name


class CohortMembership(models.Model):
    cohort = models.ForeignKey(Cohort, on_delete=models.PROTECT, related_name="memberships")
    # A learner who asks for erasure takes their cohort places and feedback with them.
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        on_delete=models.CASCADE,
        related_name="cohort_memberships",
    )
    joined_on = models.DateField(_("joined on"), default=timezone.localdate)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["cohort", "learner"], name="one_place_per_cohort")
        ]
        verbose_name = _("cohort member")
        verbose_name_plural = _("cohort members")

    def __str__(self) -> str:
        return f"{self.learner} / {self.cohort}"


class QuestionKind(models.TextChoices):
    LIKERT = "likert", _("Scale from 1 (strongly disagree) to 5 (strongly agree)")
    TEXT = "text", _("Free text")


class SurveyQuestion(models.Model):
    code = models.SlugField(_("code"), max_length=50, unique=True)
    text = models.JSONField(_("question"), default=dict, help_text=_("One text per language."))
    kind = models.CharField(_("kind"), max_length=10, choices=QuestionKind.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(
        _("asked"), default=True, help_text=_("Questions no longer asked keep their answers.")
    )

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("feedback question")
        verbose_name_plural = _("feedback questions")

    def __str__(self) -> str:
        return localise(self.text, "en").text or self.code


class SurveyResponse(models.Model):
    """A learner's feedback on one module, or on the whole course (no module)."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="survey_responses"
    )
    module = models.ForeignKey(
        Module, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    version = models.ForeignKey(
        ModuleVersion,
        verbose_name=_("version studied"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        ordering = ["-submitted_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "module"],
                condition=Q(module__isnull=False),
                name="one_feedback_per_learner_and_module",
            ),
            models.UniqueConstraint(
                fields=["learner"],
                condition=Q(module__isnull=True),
                name="one_course_feedback_per_learner",
            ),
        ]
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")

    def __str__(self) -> str:
        return f"{self.learner} / {self.module or _('whole course')}"


class SurveyAnswer(models.Model):
    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(SurveyQuestion, on_delete=models.PROTECT, related_name="answers")
    score = models.PositiveSmallIntegerField(_("score"), null=True, blank=True)
    text = models.TextField(_("answer"), blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question"], name="one_answer_per_question"
            ),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=1, score__lte=5),
                name="likert_score_from_1_to_5",
            ),
        ]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")

    def __str__(self) -> str:
        return f"{self.question.code}: {self.score or self.text[:40]}"
