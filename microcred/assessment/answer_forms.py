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
    if kind == "ordering":
        positions = {}
        for choice in question["choices"]:
            value = post.get(f"position-{choice['token']}", "")
            positions[choice["token"]] = int(value) if value.isdigit() else value
        return positions
    return post.get("answer", "")


def is_answered(answer: Any) -> bool:
    if isinstance(answer, dict):
        return any(value not in ("", None) for value in answer.values())
    return answer not in ("", None, [])
