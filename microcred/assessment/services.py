"""Exam attempts: fair to a nervous beginner, hard to game.

Every answer is saved as soon as it is given; the time limit is enforced here on the server, and
an attempt whose time ran out is graded on what was saved in time.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from microcred.accounts.models import User
from microcred.assessment import banks
from microcred.assessment.draw import draw_form, new_seed, replay
from microcred.assessment.exam_language import ExamLanguage, exam_language
from microcred.assessment.grading import GradeResult, grade
from microcred.assessment.models import Accommodation, Attempt, AttemptEvent, Supervision
from microcred.assessment.signals import assessment_passed
from microcred.core.text import plain_text
from microcred.curriculum.models import Module
from microcred.learning.models import ModuleProgress

MAX_ANSWER_LENGTH = 500


class AssessmentError(Exception):
    """A request the exam rules do not allow; the message is shown to the learner."""


@dataclass(frozen=True)
class Eligibility:
    allowed: bool
    reason: str
    attempts_used: int
    attempts_allowed: int
    passed: bool
    open_attempt: Attempt | None
    # When a failed try's break ends; pages show it in the learner's own date format.
    reopens_at: datetime | None = None


def eligibility(*, learner: User, module: Module, now: datetime | None = None) -> Eligibility:
    now = now or timezone.now()
    bank = banks.bank_for(learner=learner, module=module)
    attempts = list(Attempt.objects.filter(learner=learner, module=module).order_by("number"))
    open_attempt = next((a for a in attempts if a.is_open), None)
    blueprint = banks.parsed(bank).blueprint if bank else None
    allowed_count = blueprint.attempts if blueprint else 0
    used = len(attempts)
    passed = any(a.passed for a in attempts)

    def verdict(allowed: bool, reason: str = "", reopens_at: datetime | None = None,
                ) -> Eligibility:
        return Eligibility(allowed, reason, used, allowed_count, passed, open_attempt, reopens_at)

    if bank is None:
        return verdict(False, _("This module has no test yet."))
    if open_attempt is not None:
        return verdict(True)
    if passed:
        return verdict(False, _("You have passed this test."))
    if not ModuleProgress.objects.filter(learner=learner, module=module,
                                         completed_at__isnull=False).exists():
        return verdict(False, _("Finish all the lessons of this module first: then the test "
                                "opens."))
    if used >= allowed_count:
        return verdict(False, _("You have used all %(count)d attempts. Your coordinator can "
                                "help you with what to do next.") % {"count": allowed_count})
    last = attempts[-1] if attempts else None
    if last is not None and last.submitted_at is not None:
        reopens = last.submitted_at + timedelta(hours=blueprint.cooldown_hours)
        if now < reopens:
            # The date is not put at the end of a sentence here: some languages' formats end
            # with a full stop ("3:09 πμ."), which made "..πμ..".
            return verdict(False, _("Take a break and review the lessons."), reopens)
    return verdict(True)


def language_of_test(*, learner: User, module: Module) -> ExamLanguage | None:
    """The language the learner's test runs in, or the choice they must make (exam_language.py);
    None while the module has no test."""
    bank = banks.current_bank(module)
    if bank is None:
        return None
    progress = ModuleProgress.objects.filter(learner=learner, module=module).select_related(
        "version").first()
    version = progress.version if progress is not None else module.published_version
    return exam_language(version, banks.parsed(bank), get_language() or "en")


@transaction.atomic
def start_attempt(*, learner: User, module: Module, language: str = "",
                  now: datetime | None = None) -> Attempt:
    """Start (or resume) the learner's attempt: its own random form, stored for auditing.

    The test runs in the learner's interface language when it exists in it, else in the
    `language` they chose on the start page; an open attempt keeps the language it began in.
    """
    now = now or timezone.now()
    check = eligibility(learner=learner, module=module, now=now)
    if check.open_attempt is not None:
        return check.open_attempt
    if not check.allowed:
        raise AssessmentError(check.reason)
    progress = ModuleProgress.objects.get(learner=learner, module=module)
    # The attempt pins the version the learner studies and its bank: one who started on an
    # older version finishes on it, even after a newer one is published.
    bank = banks.bank_for(learner=learner, module=module)
    parsed = banks.parsed(bank)
    seed = new_seed()
    choice = exam_language(progress.version, parsed, get_language() or "en")
    shown_in = choice.resolve(language)
    if shown_in is None:
        raise AssessmentError(_("Please choose the language of your test.") if choice.must_choose
                              else _("This test is not available in any language yet."))
    number = (Attempt.objects.filter(learner=learner, module=module)
              .aggregate(n=Max("number"))["n"] or 0) + 1
    # A retake shows questions the learner has not seen yet, as far as the bank allows.
    earlier = [[item["id"] for item in form["items"]] for form in Attempt.objects.filter(
        learner=learner, module=module).order_by("number").values_list("form", flat=True)]
    form = draw_form(parsed, seed=seed, earlier=earlier)
    try:
        with transaction.atomic():
            return Attempt.objects.create(
                learner=learner, module=module, module_version=progress.version, bank=bank,
                number=number, seed=seed, form=form.to_json(),
                language=shown_in, started_at=now,
                deadline=_deadline(learner, parsed.blueprint.time_limit_minutes, now))
    except IntegrityError:  # a second click or tab started it a moment ago
        return Attempt.objects.get(learner=learner, module=module, submitted_at__isnull=True)


def _deadline(learner: User, minutes: int | None, now: datetime) -> datetime | None:
    if not minutes:
        return None
    extra = Accommodation.objects.filter(learner=learner).values_list(
        "extra_time_percent", flat=True).first() or 0
    return now + timedelta(minutes=minutes * (100 + extra) / 100)


def time_is_up(attempt: Attempt, now: datetime | None = None) -> bool:
    return attempt.deadline is not None and (now or timezone.now()) >= attempt.deadline


@transaction.atomic
def save_answer(*, attempt: Attempt, item_id: str, answer: Any,
                now: datetime | None = None) -> Attempt:
    """Keep one answer. Refused once the attempt is submitted or its time is up."""
    attempt = Attempt.objects.select_for_update().get(pk=attempt.pk)
    if not attempt.is_open:
        raise AssessmentError(_("This attempt is finished; answers can no longer change."))
    if time_is_up(attempt, now):
        submit_attempt(attempt=attempt, now=now)
        raise AssessmentError(_("Time is up. Your answers saved before the end have been "
                                "marked."))
    if item_id not in {item["id"] for item in attempt.form["items"]}:
        raise AssessmentError(_("This question is not part of your test."))
    attempt.answers = {**attempt.answers, item_id: _bounded(answer)}
    attempt.save(update_fields=["answers"])
    return attempt


def _bounded(answer: Any) -> Any:
    """Answers are short; cut anything longer so a tampered form cannot bloat the record."""
    if isinstance(answer, str):
        return plain_text(answer, MAX_ANSWER_LENGTH)
    if isinstance(answer, list):
        return [_bounded(value) for value in answer[:50]]
    if isinstance(answer, dict):
        return {plain_text(k, MAX_ANSWER_LENGTH): _bounded(v)
                for k, v in list(answer.items())[:50]}
    if isinstance(answer, bool | int | float) or answer is None:
        return answer
    return plain_text(answer, MAX_ANSWER_LENGTH)


def grade_attempt(attempt: Attempt, *, language: str | None = None) -> GradeResult:
    """Grade (again) from what is stored: the same bank, form and answers give the same score."""
    bank = banks.parsed(attempt.bank)
    return grade(bank, replay(bank, attempt.form), attempt.answers,
                 language=language or attempt.language)


@transaction.atomic
def submit_attempt(*, attempt: Attempt, now: datetime | None = None) -> Attempt:
    """Mark the attempt; a second submit (double click, retry) changes nothing."""
    attempt = Attempt.objects.select_for_update().get(pk=attempt.pk)
    if not attempt.is_open:
        return attempt
    result = grade_attempt(attempt)
    attempt.submitted_at = now or timezone.now()
    attempt.result = result.to_json()
    attempt.percent = Decimal(str(round(result.percent, 2)))
    attempt.passed = result.passed
    attempt.save(update_fields=["submitted_at", "result", "percent", "passed"])
    if result.passed:
        transaction.on_commit(lambda: assessment_passed.send(sender=Attempt,
                                                             attempt_id=attempt.pk))
    return attempt


def close_if_expired(attempt: Attempt, now: datetime | None = None) -> Attempt:
    if attempt.is_open and time_is_up(attempt, now):
        return submit_attempt(attempt=attempt, now=now)
    return attempt


@transaction.atomic
def set_supervision(*, attempt: Attempt, supervision: str, actor: User) -> Attempt:
    if supervision not in Supervision.values:
        raise AssessmentError(_("Please choose one of the supervision levels."))
    previous = attempt.supervision
    attempt.supervision = supervision
    attempt.save(update_fields=["supervision"])
    AttemptEvent.objects.create(attempt=attempt, actor=actor, action="supervision",
                                details={"from": previous, "to": supervision})
    return attempt


@transaction.atomic
def regrade_attempt(*, attempt: Attempt, bank, actor: User, reason: str) -> Attempt:
    """Staff re-mark a finished attempt after an item correction: explicit and logged.

    The attempt is replayed against the corrected bank; the previous result stays in the audit.
    """
    attempt = Attempt.objects.select_for_update().get(pk=attempt.pk)
    if attempt.is_open:
        raise AssessmentError(_("Only finished attempts can be re-marked."))
    before = {"bank": attempt.bank_id, "percent": str(attempt.percent), "passed": attempt.passed}
    attempt.bank = bank
    # The learner saw the same choices; only the corrected items' content differs.
    attempt.form = replay(banks.parsed(bank), attempt.form, corrected=True).to_json()
    result = grade_attempt(attempt)
    attempt.result = result.to_json()
    attempt.percent = Decimal(str(round(result.percent, 2)))
    newly_passed = result.passed and not attempt.passed
    attempt.passed = result.passed
    attempt.save(update_fields=["bank", "form", "result", "percent", "passed"])
    AttemptEvent.objects.create(attempt=attempt, actor=actor, action="regrade", details={
        "reason": reason, "before": before,
        "after": {"bank": bank.pk, "percent": str(attempt.percent), "passed": attempt.passed}})
    if newly_passed:
        transaction.on_commit(lambda: assessment_passed.send(sender=Attempt,
                                                             attempt_id=attempt.pk))
    return attempt
