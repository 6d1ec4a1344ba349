"""The pilot: learners' feedback after each module and after the whole course."""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from microcred.accounts.models import User
from microcred.curriculum.models import Module
from microcred.curriculum.text import configured_languages
from microcred.learning.models import ModuleProgress
from microcred.review.models import QuestionKind, SurveyAnswer, SurveyQuestion, SurveyResponse

MAX_TEXT = 2000


class FeedbackError(Exception):
    """Feedback that cannot be accepted; the message is shown to the learner."""


def active_questions() -> list[SurveyQuestion]:
    return list(SurveyQuestion.objects.filter(is_active=True))


def may_give_feedback(learner: User, module: Module | None) -> bool:
    """After a module the learner finished, or after the course once every module is done."""
    finished = ModuleProgress.objects.filter(learner=learner, completed_at__isnull=False)
    if module is not None:
        return finished.filter(module=module).exists()
    published = Module.objects.filter(published_version__isnull=False)
    return published.exists() and not published.exclude(
        pk__in=finished.values("module_id")
    ).exists()


@dataclass(frozen=True)
class FeedbackSaved:
    response: SurveyResponse
    updated: bool  # the learner had answered before: their new answers replace the old ones


@transaction.atomic
def submit_feedback(
    *,
    learner: User,
    module: Module | None,
    answers: dict[str, int | str],
    language: str,
) -> FeedbackSaved:
    """Save a learner's answers; sending the form again updates their one response.

    `answers` maps question codes to a score 1-5 (scale questions, all required) or a text
    (free-text questions, optional).
    """
    if not may_give_feedback(learner, module):
        raise FeedbackError(
            _("You can give feedback on a module once you have finished it.")
            if module is not None
            else _("You can give feedback on the whole course once you have finished every module.")
        )
    questions = active_questions()
    values = {question.code: _clean(question, answers.get(question.code)) for question in questions}
    progress = (
        ModuleProgress.objects.filter(learner=learner, module=module).only("version_id").first()
        if module is not None
        else None
    )
    fields = {
        "language": language if language in configured_languages() else "en",
        "version_id": progress.version_id if progress else None,
    }
    try:
        with transaction.atomic():
            response, created = SurveyResponse.objects.get_or_create(
                learner=learner, module=module, defaults=fields
            )
    except IntegrityError:  # the same form sent twice at once
        response, created = SurveyResponse.objects.get(learner=learner, module=module), False
    if not created:
        SurveyResponse.objects.filter(pk=response.pk).update(**fields, updated_at=timezone.now())
    for question in questions:
        value = values[question.code]
        SurveyAnswer.objects.update_or_create(
            response=response,
            question=question,
            defaults={
                "score": value if question.kind == QuestionKind.LIKERT else None,
                "text": value if question.kind == QuestionKind.TEXT else "",
            },
        )
    return FeedbackSaved(response=response, updated=not created)


def _clean(question: SurveyQuestion, value: int | str | None) -> int | str:
    if question.kind == QuestionKind.LIKERT:
        if isinstance(value, str) and value.strip().isdigit():
            value = int(value)
        if not isinstance(value, int) or not 1 <= value <= 5:
            raise FeedbackError(_("Please choose a number from 1 to 5 for every statement."))
        return value
    text = str(value or "").strip()
    if len(text) > MAX_TEXT:
        raise FeedbackError(
            _("Please keep your comment under %(limit)d characters.") % {"limit": MAX_TEXT}
        )
    return text
