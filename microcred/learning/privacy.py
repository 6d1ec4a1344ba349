"""The learning app's part of "Download my data" (microcred/accounts/privacy.py).

Onboarding answers, module and lesson progress and knowledge-check answers. Everything here goes
with the account (CASCADE), so there is no erase hook. Learning activity also counts as "using
the platform" for the inactivity rule.
"""

from datetime import datetime
from typing import Any

from django.db.models import QuerySet

from microcred.accounts.models import User
from microcred.accounts.privacy import register_activity, register_section
from microcred.curriculum.text import localise, localise_list
from microcred.learning.models import LearnerProfile, LessonProgress, ModuleProgress


def _profile(user: User) -> dict[str, Any] | None:
    profile = LearnerProfile.objects.filter(user=user).first()
    if profile is None:
        return None
    return {
        "work_situation": profile.employment_status,
        "self_check_answers": profile.self_check_answers,
        "digital_skills_from_self_check": profile.skill_level,
        "suggested_first_module": profile.suggested_module,
        "welcome_questions_finished_at": profile.onboarding_done_at,
        "welcome_questions_skipped_at": profile.onboarding_skipped_at,
        "email_reminders": profile.reminders,
        "languages_chosen_for_modules": profile.module_languages,
        "last_activity_at": profile.last_activity_at,
        "last_reminder_at": profile.last_reminded_at,
    }


def _modules(user: User) -> list[dict[str, Any]]:
    rows = ModuleProgress.objects.filter(learner=user).select_related(
        "module", "version", "last_lesson").order_by("module__order")
    return [
        {
            "module": row.module.code,
            "title": localise(row.version.title, user.preferred_language).text,
            "version": row.version.number,
            "started_at": row.started_at,
            "completed_at": row.completed_at,
            "last_lesson": row.last_lesson.slug if row.last_lesson else None,
            "last_change": row.updated_at,
        }
        for row in rows
    ]


def _lessons(user: User) -> list[dict[str, Any]]:
    rows = LessonProgress.objects.filter(learner=user).select_related(
        "lesson__version__module").order_by("lesson__version__module__order", "lesson__order")
    return [_lesson(row, user.preferred_language) for row in rows]


def _lesson(row: LessonProgress, language: str) -> dict[str, Any]:
    lesson = row.lesson
    options = localise_list((lesson.check_question or {}).get("options"), language)
    chosen = row.check_answer
    return {
        "module": lesson.version.module.code,
        "lesson": lesson.slug,
        "title": localise(lesson.title, language).text,
        "completed_at": row.completed_at,
        # The option the learner picked and whether it was right: what the lesson page showed.
        "knowledge_check_answer": options[chosen]
        if chosen is not None and 0 <= chosen < len(options) else chosen,
        "knowledge_check_right": row.check_correct,
    }


def _active_since(moment: datetime) -> QuerySet:
    return LearnerProfile.objects.filter(last_activity_at__gte=moment).values("user_id")


register_section("learning_profile", _profile, covers=("learning.LearnerProfile.user",))
register_section("module_progress", _modules, covers=("learning.ModuleProgress.learner",))
register_section("lesson_progress", _lessons, covers=("learning.LessonProgress.learner",))
register_activity("learning", _active_since)
