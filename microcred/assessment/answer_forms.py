"""Read one question's answer from a posted form, whatever its type. Never raises."""

from typing import Any

from django.http import QueryDict


def answer_from_post(question: dict[str, Any], post: QueryDict) -> Any:
    kind = question["type"]
    if kind == "multiple_response":
        return post.getlist("answer")
    if kind == "matching":
        return {prompt["token"]: post.get(f"match-{prompt['token']}", "")
                for prompt in question["prompts"]}
    if kind == "gap_select":
        return {part["token"]: post.get(f"gap-{part['token']}", "")
                for part in question["parts"] if "token" in part}
    if kind == "ordering":
        positions = {}
        for choice in question["choices"]:
            value = post.get(f"position-{choice['token']}", "")
            positions[choice["token"]] = int(value) if value.isdigit() else value
        return positions
    if kind == "task":
        # A switch that is off sends nothing, so every toggle is read, on or off.
        return {control["token"]: post.get(control["token"]) == "on"
                if control["kind"] == "toggle" else post.get(control["token"], "")
                for control in question["controls"]}
    return post.get("answer", "")


def is_answered(answer: Any, question: dict[str, Any]) -> bool:
    if question["type"] == "task":
        return isinstance(answer, dict) and any(
            _control_changed(control, answer.get(control["token"]))
            for control in question["controls"])
    if isinstance(answer, dict):
        return any(value not in ("", None) for value in answer.values())
    return answer not in ("", None, [])


def _control_changed(control: dict[str, Any], value: Any) -> bool:
    """Whether the learner did something to this control of a simulated screen."""
    if control["kind"] == "toggle":
        return value is not None and value != control["initial"]
    return value not in ("", None)
