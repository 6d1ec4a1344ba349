"""The assessment app's part of "Download my data" and "Delete my account".

Export: each test attempt with the questions, the answers the learner gave (as the texts they
chose) and their results. Never the seed, the drawn form, the choice tokens' meaning or the
correct answers: with any of them a learner could pass on the exam key.

Deletion: tests the person never handed in are deleted. Finished ones stay for the item
statistics (microcred/assessment/stats.py), which keep the exam fair, but without the person:
the learner link is cleared, the times are rounded to the month and the deadline is dropped, so
an attempt can no longer be tied to anyone.
"""

from datetime import datetime
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from microcred.accounts.models import User
from microcred.accounts.privacy import (
    register_activity,
    register_not_exported,
    register_section,
)
from microcred.assessment import banks
from microcred.assessment.draw import FormMismatch, learner_view, replay
from microcred.assessment.models import Accommodation, Attempt, AttemptEvent


def _attempts(user: User) -> list[dict[str, Any]]:
    attempts = (Attempt.objects.filter(learner=user).select_related("module", "bank")
                .prefetch_related("events").order_by("module__order", "number"))
    return [_attempt(attempt) for attempt in attempts]


def _attempt(attempt: Attempt) -> dict[str, Any]:
    result = attempt.result or {}
    return {
        "module": attempt.module.code,
        "attempt": attempt.number,
        "language": attempt.language,
        "started_at": attempt.started_at,
        "must_end_by": attempt.deadline,
        "handed_in_at": attempt.submitted_at,
        "score_percent": attempt.percent,
        "passed": attempt.passed,
        "pass_mark_percent": result.get("pass_overall"),
        "supervision": attempt.supervision,
        "learning_outcomes": [
            {"outcome": o.get("code"), "score_percent": o.get("percent"), "met": o.get("met")}
            for o in result.get("outcomes", [])
        ],
        "questions": _questions(attempt),
        "changes_by_staff": [
            {"action": event.action, "at": event.at, "details": event.details}
            for event in attempt.events.all()
        ],
    }


def _questions(attempt: Attempt) -> list[dict[str, Any]]:
    marks = {item.get("id"): item for item in (attempt.result or {}).get("items", [])}
    try:
        bank = banks.parsed(attempt.bank)
        shown = learner_view(bank, replay(bank, attempt.form), language=attempt.language)
    except (FormMismatch, KeyError, ValueError):
        # The bank no longer fits the stored form: the results still say how each item went.
        return [{"question_id": item_id, "result": mark.get("status"), "score": mark.get("score")}
                for item_id, mark in marks.items()]
    return [
        {
            "number": question["number"],
            "question": question["stem"]["text"],
            "your_answer": _as_text(question, attempt.answers.get(question["id"])),
            "result": marks.get(question["id"], {}).get("status"),
            "score": marks.get(question["id"], {}).get("score"),
        }
        for question in shown
    ]


def _as_text(question: dict[str, Any], answer: Any) -> Any:
    """The learner's answer in words: choice tokens become the texts they chose."""
    texts = {choice["token"]: choice["text"] for choice in question["choices"]}
    prompts = {prompt["token"]: prompt["text"] for prompt in question["prompts"]}
    if answer in (None, "", [], {}):
        return None
    if isinstance(answer, dict) and question["type"] == "ordering":
        placed = [(str(place).strip(), token) for token, place in answer.items()
                  if str(place or "").strip()]
        return [texts.get(token, token) for _place, token in
                sorted(placed, key=lambda pair: pair[0].zfill(4))]
    if isinstance(answer, dict):
        return {prompts.get(left, left): texts.get(right, right) if isinstance(right, str)
                else right for left, right in answer.items()}
    if isinstance(answer, list):
        return [texts.get(value, value) if isinstance(value, str) else value for value in answer]
    return texts.get(answer, answer) if isinstance(answer, str) else answer


def _accommodation(user: User) -> dict[str, Any] | None:
    accommodation = Accommodation.objects.filter(learner=user).first()
    if accommodation is None:
        return None
    return {"extra_time_percent": accommodation.extra_time_percent,
            "note": accommodation.note}


def _month(moment: datetime | None) -> datetime | None:
    if moment is None:
        return None
    return moment.replace(day=1, hour=0, minute=0, second=0, microsecond=0)


def _anonymise(*, user: User, now: datetime) -> dict[str, int]:
    attempts = Attempt.objects.filter(learner=user)
    audited = AttemptEvent.objects.filter(attempt=OuterRef("pk"))
    # An unfinished test has no statistics value; one with a staff action stays for the audit.
    deleted = attempts.filter(submitted_at__isnull=True).exclude(Exists(audited)).delete()[0]
    kept = list(attempts)
    for attempt in kept:
        attempt.learner = None
        attempt.started_at = _month(attempt.started_at)
        attempt.submitted_at = _month(attempt.submitted_at)
        attempt.deadline = None
    Attempt.objects.bulk_update(kept, ["learner", "started_at", "submitted_at", "deadline"])
    return {"unfinished_tests_deleted": deleted, "finished_tests_anonymised": len(kept)}


def _active_since(moment: datetime) -> QuerySet:
    # Never a NULL id in the list: "NOT IN (..., NULL)" would match nobody.
    return (Attempt.objects.filter(Q(started_at__gte=moment) | Q(submitted_at__gte=moment),
                                   learner__isnull=False).values("learner_id"))


register_section("test_attempts", _attempts, covers=("assessment.Attempt.learner",),
                 erase=_anonymise)
register_section("test_accommodation", _accommodation,
                 covers=("assessment.Accommodation.learner",))
register_activity("assessment", _active_since)
register_not_exported("assessment.ItemBank.created_by",
                      "the staff member who imported an item bank: content authorship")
register_not_exported("assessment.AttemptEvent.actor",
                      "the staff member who changed an attempt; the learner's export lists the "
                      "change itself under changes_by_staff")
