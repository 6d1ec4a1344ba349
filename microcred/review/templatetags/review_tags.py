from typing import Any

from django import template
from django.utils.translation import get_language

from microcred.curriculum.models import Module, VersionState
from microcred.curriculum.text import localise
from microcred.review.services_pilot import may_give_feedback

register = template.Library()


@register.filter
def state_label(value: str) -> str:
    try:
        return str(VersionState(value).label)
    except ValueError:
        return value


@register.filter
def unticked(checklist: dict[str, bool], labels: dict[str, dict[str, str]]) -> list[str]:
    """The checklist points a decision did not confirm, in the reader's language."""
    language = get_language() or "en"
    return [
        localise(labels.get(code), language).text or code
        for code, ticked in (checklist or {}).items()
        if not ticked
    ]


@register.inclusion_tag("review/includes/feedback_links.html", takes_context=True)
def feedback_links(context: dict[str, Any], module: Module) -> dict[str, Any]:
    """On "module complete": ask for feedback on the module, and on the course once it is done."""
    user = context["request"].user
    return {"module": module, "course_done": may_give_feedback(user, None)}
