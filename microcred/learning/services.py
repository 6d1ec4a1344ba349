"""Onboarding and progress. Progress is saved on every step, so nothing a learner did is lost."""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from microcred.accounts.models import PartnerOrganisation, User
from microcred.accounts.services import record_consent, set_preferred_language
from microcred.curriculum.models import Lesson, ModuleVersion
from microcred.learning import selfcheck
from microcred.learning.models import LearnerProfile, LessonProgress, ModuleProgress


class LearningError(Exception):
    """A request the learner's progress does not allow; the message is shown to them."""


def get_profile(user: User) -> LearnerProfile:
    profile, _created = LearnerProfile.objects.get_or_create(user=user)
    return profile


# Onboarding -------------------------------------------------------------------------------


@transaction.atomic
def save_language(*, user: User, language: str) -> None:
    set_preferred_language(user=user, language=language)


@transaction.atomic
def save_partner(*, user: User, partner: PartnerOrganisation) -> None:
    user.partner = partner
    user.save(update_fields=["partner"])


@transaction.atomic
def save_employment(*, user: User, status: str) -> None:
    LearnerProfile.objects.filter(pk=get_profile(user).pk).update(employment_status=status)


@transaction.atomic
def save_self_check(*, user: User, can_do: set[str]) -> LearnerProfile:
    """The ticked tasks are those the learner can do on their own; every other one is "not
    yet". Places the learner (skill level, suggested first module)."""
    if not can_do <= set(selfcheck.KEYS):
        raise LearningError(_("Please choose one of the answers."))
    profile = LearnerProfile.objects.select_for_update().get(pk=get_profile(user).pk)
    profile.self_check_answers = {
        key: selfcheck.ON_MY_OWN if key in can_do else selfcheck.NOT_YET for key in selfcheck.KEYS}
    profile.skill_level, profile.suggested_module = selfcheck.assess(profile.self_check_answers)
    profile.save(update_fields=["self_check_answers", "skill_level", "suggested_module"])
    return profile


@transaction.atomic
def finish_onboarding(*, user: User, consent: bool, reminders: bool) -> LearnerProfile:
    record_consent(user=user, given=consent)
    profile = LearnerProfile.objects.select_for_update().get(pk=get_profile(user).pk)
    profile.reminders = reminders
    profile.onboarding_done_at = timezone.now()
    profile.save(update_fields=["reminders", "onboarding_done_at"])
    return profile


@transaction.atomic
def skip_onboarding(*, user: User) -> None:
    LearnerProfile.objects.filter(pk=get_profile(user).pk, onboarding_done_at__isnull=True).update(
        onboarding_skipped_at=timezone.now())


@transaction.atomic
def set_reminders(*, user: User, enabled: bool) -> None:
    LearnerProfile.objects.filter(pk=get_profile(user).pk).update(reminders=enabled)


# Progress ----------------------------------------------------------------------------------


def _progress(learner: User, lesson: Lesson) -> ModuleProgress:
    """The learner's progress in the lesson's module, started on first visit (idempotent)."""
    module = lesson.version.module
    progress = ModuleProgress.objects.filter(learner=learner, module=module).first()
    if progress is None:
        if module.published_version_id != lesson.version_id:
            raise LearningError(_("This lesson is not part of the course you can follow."))
        try:
            with transaction.atomic():
                progress = ModuleProgress.objects.create(learner=learner, module=module,
                                                         version=lesson.version)
        except IntegrityError:  # another tab started it a moment ago
            progress = ModuleProgress.objects.get(learner=learner, module=module)
    if progress.version_id != lesson.version_id:
        raise LearningError(_("This lesson belongs to another version of the module."))
    return progress


def first_open_lesson(learner: User, version: ModuleVersion) -> Lesson | None:
    """The first lesson the learner has not finished (they may read anything before it)."""
    done = set(LessonProgress.objects.filter(
        learner=learner, lesson__version=version, completed_at__isnull=False
    ).values_list("lesson_id", flat=True))
    # Only what finding it needs: lesson rows carry the text in every language.
    lessons = version.lessons.order_by("order").only("id", "order", "slug", "version_id")
    return next((lesson for lesson in lessons if lesson.pk not in done), None)


def _refuse_if_ahead(learner: User, lesson: Lesson) -> None:
    open_lesson = first_open_lesson(learner, lesson.version)
    if open_lesson is not None and lesson.order > open_lesson.order:
        raise LearningError(_("Please finish the earlier lessons first."))


@transaction.atomic
def open_lesson(*, learner: User, lesson: Lesson) -> ModuleProgress:
    """Remember where the learner is; refused for lessons beyond the first unfinished one."""
    progress = _progress(learner, lesson)
    _refuse_if_ahead(learner, lesson)
    ModuleProgress.objects.filter(pk=progress.pk).update(last_lesson=lesson,
                                                         updated_at=timezone.now())
    _touch(learner)
    return progress


@dataclass(frozen=True)
class LessonDone:
    next_lesson: Lesson | None
    module_completed: bool


@transaction.atomic
def complete_lesson(*, learner: User, lesson: Lesson) -> LessonDone:
    """Mark the lesson done; the module is complete (and its test unlocked) after the last one.

    Safe to repeat: a double click or a resent form changes nothing the second time.
    """
    progress = ModuleProgress.objects.select_for_update().get(pk=_progress(learner, lesson).pk)
    _refuse_if_ahead(learner, lesson)
    record, _created = LessonProgress.objects.get_or_create(learner=learner, lesson=lesson)
    if record.completed_at is None:
        record.completed_at = timezone.now()
        record.save(update_fields=["completed_at"])
    next_lesson = first_open_lesson(learner, lesson.version)
    progress.last_lesson = next_lesson or lesson
    if next_lesson is None and progress.completed_at is None:
        progress.completed_at = timezone.now()
    progress.save(update_fields=["last_lesson", "completed_at", "updated_at"])
    _touch(learner)
    return LessonDone(next_lesson=next_lesson, module_completed=progress.completed_at is not None)


@dataclass(frozen=True)
class CheckFeedback:
    correct: bool
    chosen: int


@transaction.atomic
def answer_check(*, learner: User, lesson: Lesson, choice: int) -> CheckFeedback:
    """A formative question: instant feedback, never graded, can be answered again."""
    check = lesson.check_question or {}
    options = check.get("options", {}).get("en", [])
    if not options or not 0 <= choice < len(options):
        raise LearningError(_("Please choose one of the answers."))
    _progress(learner, lesson)
    _refuse_if_ahead(learner, lesson)
    correct = choice == check.get("correct")
    LessonProgress.objects.update_or_create(
        learner=learner, lesson=lesson,
        defaults={"check_answer": choice, "check_correct": correct})
    _touch(learner)
    return CheckFeedback(correct=correct, chosen=choice)


def _touch(learner: User) -> None:
    """Remember the learner was active (for inactivity reminders and reporting)."""
    now = timezone.now()
    if not LearnerProfile.objects.filter(user=learner).update(last_activity_at=now):
        LearnerProfile.objects.create(user=learner, last_activity_at=now)
