"""What learners did: their onboarding answers and their progress, lesson by lesson."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from microcred.curriculum.models import Lesson, Module, ModuleVersion


class EmploymentStatus(models.TextChoices):
    EMPLOYED = "employed", _("I have a job")
    JOB_SEEKING = "job_seeking", _("I am looking for a job")
    OTHER = "other", _("Other (studying, retired, caring for family...)")


class SkillLevel(models.TextChoices):
    LOW = "low", _("Beginner")
    MEDIUM = "medium", _("Some experience")
    HIGH = "high", _("Confident")


class LearnerProfile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="learner_profile"
    )
    employment_status = models.CharField(
        _("work situation"), max_length=20, choices=EmploymentStatus.choices, blank=True
    )
    self_check_answers = models.JSONField(_("self-check answers"), default=dict, blank=True)
    skill_level = models.CharField(
        _("digital skills (self-check)"), max_length=10, choices=SkillLevel.choices, blank=True
    )
    suggested_module = models.CharField(_("suggested first module"), max_length=10, blank=True)
    onboarding_done_at = models.DateTimeField(_("onboarding finished"), null=True, blank=True)
    onboarding_skipped_at = models.DateTimeField(_("onboarding skipped"), null=True, blank=True)
    reminders = models.BooleanField(_("e-mail reminders"), default=False)
    # {"M07": "en"}: the language chosen to read a module in while it is not offered in the
    # learner's own language (learning/reading.py); kept per module, across devices.
    module_languages = models.JSONField(_("languages chosen for modules"), default=dict,
                                        blank=True)
    last_activity_at = models.DateTimeField(_("last activity"), null=True, blank=True)
    last_reminded_at = models.DateTimeField(_("last reminder"), null=True, blank=True)

    class Meta:
        verbose_name = _("learner profile")
        verbose_name_plural = _("learner profiles")

    def __str__(self) -> str:
        return str(self.user)

    @property
    def onboarding_pending(self) -> bool:
        return self.onboarding_done_at is None and self.onboarding_skipped_at is None


class ModuleProgress(models.Model):
    """A learner in a module. The version is fixed when they start, so the text they read
    does not change under them when a newer version is published."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="module_progress"
    )
    module = models.ForeignKey(Module, on_delete=models.PROTECT, related_name="+")
    version = models.ForeignKey(ModuleVersion, on_delete=models.PROTECT, related_name="+")
    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    last_lesson = models.ForeignKey(
        Lesson, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("last change"), auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["learner", "module"], name="one_progress_per_module")
        ]
        indexes = [models.Index(fields=["learner", "-updated_at"])]
        verbose_name = _("module progress")
        verbose_name_plural = _("module progress")

    def __str__(self) -> str:
        return f"{self.learner} / {self.module}"


class LessonProgress(models.Model):
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lesson_progress"
    )
    lesson = models.ForeignKey(Lesson, on_delete=models.PROTECT, related_name="+")
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    check_answer = models.SmallIntegerField(_("knowledge check answer"), null=True, blank=True)
    check_correct = models.BooleanField(_("knowledge check right"), null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["learner", "lesson"], name="one_progress_per_lesson")
        ]
        verbose_name = _("lesson progress")
        verbose_name_plural = _("lesson progress")

    def __str__(self) -> str:
        return f"{self.learner} / {self.lesson}"
