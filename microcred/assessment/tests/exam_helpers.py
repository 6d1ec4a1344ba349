"""Take a module test through HTTP, as a browser would."""

from typing import Any

from django.urls import reverse
from django.utils import timezone

from microcred.assessment import banks
from microcred.assessment.draw import replay
from microcred.assessment.grading import answer_key
from microcred.assessment.models import Attempt
from microcred.curriculum.models import Module
from microcred.learning.models import ModuleProgress


def complete_module(learner, code: str = "M01") -> None:
    module = Module.objects.get(code=code)
    ModuleProgress.objects.update_or_create(
        learner=learner, module=module,
        defaults={"version": module.published_version, "completed_at": timezone.now()})


def as_post(item_type: str, answer: Any) -> dict[str, Any]:
    if item_type == "matching":
        return {f"match-{left}": right for left, right in answer.items()}
    if item_type == "ordering":
        return {f"position-{token}": str(place) for place, token in enumerate(answer, 1)}
    if item_type == "true_false":
        return {"answer": "true" if answer else "false"}
    if item_type in {"numeric", "short_text"}:
        return {"answer": str(answer)}
    if item_type == "task":  # a switch that is off is simply not sent, as in a browser
        return {token: "on" if value is True else value
                for token, value in answer.items() if value is not False}
    return {"answer": answer}


def key_for(attempt: Attempt) -> dict[str, Any]:
    bank = banks.parsed(attempt.bank)
    return answer_key(bank, replay(bank, attempt.form))


def answer_all(client, attempt: Attempt, *, right: bool) -> list[str]:
    """Answer every question (all right, or all blank); return the HTML pages seen."""
    key = key_for(attempt)
    pages = []
    for number, item in enumerate(attempt.form["items"], 1):
        url = reverse("assessment:question", args=[attempt.pk, number])
        pages.append(client.get(url).content.decode())
        data = as_post(item["type"], key[item["id"]]) if right else {}
        client.post(url, {**data, "go": "next"})
    return pages
