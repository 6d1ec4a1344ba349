"""Onboarding and progress. Progress is saved on every step, so nothing a learner did is lost."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from microcred.accounts.models import PartnerOrganisation, User
from microcred.accounts.services import record_consent, set_preferred_language
from microcred.core.sql import rows_where
from microcred.curriculum import course_cache
from microcred.curriculum.models import Lesson, ModuleVersion
from microcred.learning import selfcheck
from microcred.learning.models import LearnerProfile, LessonProgress, ModuleProgress
from microcred.learning.reading import reading_choices

# How stale "last active" may be: inactivity reminders and KPIs count in days, so re-reading a
# lesson within a few minutes need not write anything.
ACTIVITY_SAVED_EVERY = timedelta(minutes=5)


class LearningError(Exception):
    """A request the learner's progress does not allow; the message is shown to them."""


IMPOSSIBLE_TIME = gettext_lazy("The time this lesson was marked done is not possible. "
                               "Please open the lesson and mark it done again.")


class EarlierLessonsFirst(LearningError):
    """The lesson comes after one the learner has not finished yet (it may be fine later)."""


def get_profile(user: User) -> LearnerProfile:
    """The learner's profile, made on first use. Read on every view of my learning, so the read
    is written out (decision 0030); the ORM makes it when there is none yet."""
    found = rows_where(LearnerProfile, "user_id", user.pk)
    if found:
        return found[0]
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


def check_reading_language(*, version: ModuleVersion, language: str) -> None:
    if language not in reading_choices(version):
        raise LearningError(_("This module cannot be shown in that language. Please choose one "
                              "of the languages on the page."))


@transaction.atomic
def choose_reading_language(*, learner: User, version: ModuleVersion, language: str) -> None:
    """Remember which offered language the learner reads this module in (learning/reading.py)."""
    check_reading_language(version=version, language=language)
    profile = LearnerProfile.objects.select_for_update().get(pk=get_profile(learner).pk)
    profile.module_languages = {**profile.module_languages, version.module.code: language}
    profile.save(update_fields=["module_languages"])


def _progress(learner: User, lesson: Lesson, known: ModuleProgress | None = None) -> ModuleProgress:
    """The learner's progress in the lesson's module, started on first visit (idempotent).

    `known`: the learner's progress in that module as the caller just read it, saving a query."""
    module = lesson.version.module
    progress = known if known is not None and known.module_id == module.pk else (
        ModuleProgress.objects.filter(learner=learner, module=module).first())
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


def first_open_lesson(learner: User, version: ModuleVersion,
                      done: set[int] | None = None) -> Lesson | None:
    """The first lesson the learner has not finished (they may read anything before it).

    `done`: the lessons the learner finished, when the caller has just read them (at least
    those up to the lesson it asks about); otherwise they are read here."""
    # The version's lessons from the course cache: a version learners follow is frozen.
    outline = course_cache.current().outline(version.pk)
    lessons = list(outline.lessons) if outline is not None else []
    if done is None:
        done = set(LessonProgress.objects.filter(
            learner=learner, lesson_id__in=[lesson.pk for lesson in lessons],
            completed_at__isnull=False,
        ).values_list("lesson_id", flat=True))
    return next((lesson for lesson in lessons if lesson.pk not in done), None)


def _refuse_if_ahead(learner: User, lesson: Lesson, done_so_far: set[int] | None = None) -> None:
    """`done_so_far`: the lessons up to this one that the learner finished, when the caller has
    just read them; enough for the rule, which looks only at the lessons before this one."""
    open_lesson = first_open_lesson(learner, lesson.version, done_so_far)
    if open_lesson is not None and lesson.order > open_lesson.order:
        raise EarlierLessonsFirst(_("Please finish the earlier lessons first."))


@transaction.atomic
def open_lesson(*, learner: User, lesson: Lesson, progress: ModuleProgress | None = None,
                done_so_far: set[int] | None = None) -> ModuleProgress:
    """Remember where the learner is; refused for lessons beyond the first unfinished one.

    `progress` and `done_so_far` (the lessons up to this one they finished): what the caller
    has just read of the learner's progress, saving the queries."""
    progress = _progress(learner, lesson, known=progress)
    _refuse_if_ahead(learner, lesson, done_so_far)
    now = timezone.now()
    # A plain re-read writes nothing: the place is unchanged and the activity recent. Every
    # write of progress.updated_at comes with _touch, so the activity is at most this old.
    if progress.last_lesson_id != lesson.pk or progress.updated_at < now - ACTIVITY_SAVED_EVERY:
        ModuleProgress.objects.filter(pk=progress.pk).update(last_lesson=lesson, updated_at=now)
        _touch(learner)
    return progress


@dataclass(frozen=True)
class LessonDone:
    next_lesson: Lesson | None
    module_completed: bool
    newly_done: bool = True


@transaction.atomic
def complete_lesson(*, learner: User, lesson: Lesson,
                    done_at: datetime | None = None) -> LessonDone:
    """Mark the lesson done; the module is complete (and its test unlocked) after the last one.

    Safe to repeat: a double click, a resent form or a "Done" tap sent again from a phone that
    was offline changes nothing the second time. `done_at` is when the learner tapped "Done"
    on a device without a connection (already in server time); it may not be in the future or
    before the learner joined.
    """
    now = timezone.now()
    if done_at is not None and not learner.date_joined <= done_at <= now:
        raise LearningError(str(IMPOSSIBLE_TIME))
    done_at = done_at or now
    progress = ModuleProgress.objects.select_for_update().get(pk=_progress(learner, lesson).pk)
    _refuse_if_ahead(learner, lesson)
    done_at = _after_the_lessons_before(learner, lesson, done_at)
    record, _created = LessonProgress.objects.get_or_create(learner=learner, lesson=lesson)
    newly_done = record.completed_at is None
    if newly_done:
        record.completed_at = done_at
        record.save(update_fields=["completed_at"])
    if progress.started_at > done_at:  # started on this device offline, recorded only now
        progress.started_at = done_at
    next_lesson = first_open_lesson(learner, lesson.version)
    progress.last_lesson = next_lesson or lesson
    if next_lesson is None and progress.completed_at is None:
        progress.completed_at = done_at
    progress.save(update_fields=["started_at", "last_lesson", "completed_at", "updated_at"])
    _touch(learner)
    return LessonDone(next_lesson=next_lesson, module_completed=progress.completed_at is not None,
                      newly_done=newly_done)


def _after_the_lessons_before(learner: User, lesson: Lesson, done_at: datetime) -> datetime:
    """`done_at`, or just after the latest of the lessons before it if that is later.

    An offline tap's time is the server's clock less the time between the tap and its sending,
    so a delay on the way in dates it earlier: when a slow first tap arrives after a quick
    second one, the second lesson would be dated before the first. Lessons are done in order
    (the order rule has just passed), so it was done after them.
    """
    latest = LessonProgress.objects.filter(
        learner=learner, lesson__version_id=lesson.version_id, lesson__order__lt=lesson.order,
    ).aggregate(latest=Max("completed_at"))["latest"]
    if latest is not None and done_at <= latest:
        return min(latest + timedelta(microseconds=1), timezone.now())
    return done_at


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
