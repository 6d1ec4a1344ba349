"""Grade a task item (a simulated app screen): pure, and safe on any input.

The answer maps each control's token to what the learner set: a choice token, a toggle state
(true/false, or "on"/"off" and "true"/"false" as forms send them) or a typed text. A control
missing from the answer is as the learner found it: a toggle in its initial state, nothing
chosen, nothing typed. The score is the share of controls set as expected (partial credit, like
matching); typed texts are compared like short_text answers.
"""

from collections.abc import Mapping
from typing import Any

from microcred.assessment.answers import MAX_ANSWER_CHARS, normalise_text
from microcred.assessment.draw import DrawnItem
from microcred.assessment.items import ItemSpec
from microcred.assessment.task_items import Control, flat_choices
from microcred.curriculum.text import REFERENCE_LANGUAGE

_UNREADABLE = object()
_TOGGLE_WORDS = {"on": True, "true": True, "off": False, "false": False}


def control_results(
    item: ItemSpec, drawn: DrawnItem, answer: Any, language: str
) -> list[bool] | None:
    """For each control in authored order, whether it was set as expected; None if the answer
    is not one this attempt's page could send (wrong shape, a token from elsewhere)."""
    values = _by_control(drawn, answer)
    if values is None:
        return None
    # The control each choice belongs to, by its position in the drawn choices column.
    owner = {n: control_index for n, (control_index, _c) in enumerate(flat_choices(item.controls))}
    results = []
    for index, control in enumerate(item.controls):
        right = _is_expected(control, index, values.get(index), drawn, owner, language)
        if right is None:
            return None
        results.append(right)
    return results


def untouched(item: ItemSpec, drawn: DrawnItem, answer: Any) -> bool:
    """True when the learner left the screen as it was: that counts as no answer."""
    values = _by_control(drawn, answer)
    if values is None:
        return False
    for index, control in enumerate(item.controls):
        value = values.get(index)
        if control.kind == "toggle":
            if value is not None and _toggle(value) is not control.initial:
                return False
        elif not _blank(value):
            return False
    return True


def task_key(item: ItemSpec, drawn: DrawnItem, language: str) -> dict[str, Any]:
    """The answer that sets every control as expected, in the shape `control_results` reads."""
    key: dict[str, Any] = {}
    choices = flat_choices(item.controls)
    for index, control in enumerate(item.controls):
        token = drawn.left_token_of(index)
        if control.kind == "choice":
            position = next(
                n
                for n, (owner, choice) in enumerate(choices)
                if owner == index and choice.id == control.expected
            )
            key[token] = drawn.token_of(position)
        elif control.kind == "toggle":
            key[token] = control.expected
        else:
            key[token] = (control.expected.get(language) or control.expected[REFERENCE_LANGUAGE])[0]
    return key


def _by_control(drawn: DrawnItem, answer: Any) -> dict[int, Any] | None:
    if not isinstance(answer, Mapping):
        return None
    values = {}
    for token, value in answer.items():
        index = drawn.left_index_of(token)
        if index is None:
            return None
        values[index] = value
    return values


def _is_expected(
    control: Control,
    index: int,
    value: Any,
    drawn: DrawnItem,
    owner: dict[int, int],
    language: str,
) -> bool | None:
    if control.kind == "toggle":
        state = control.initial if value is None else _toggle(value)
        return None if state is _UNREADABLE else state is control.expected
    if isinstance(value, list) and len(value) == 1:  # HTML forms send lists
        value = value[0]
    if _blank(value):
        return False
    if control.kind == "choice":
        position = drawn.index_of(value)
        if position is None or owner[position] != index:  # a token of another control
            return None
        return control.choices[_within(position, owner, index)].id == control.expected
    if not isinstance(value, str) or len(value) > MAX_ANSWER_CHARS:
        return None
    given = normalise_text(value, ignore_case=True, ignore_diacritics=False)
    accepted = (*control.expected.get(language, ()), *control.expected.get(REFERENCE_LANGUAGE, ()))
    return bool(given) and any(
        given == normalise_text(text, ignore_case=True, ignore_diacritics=False)
        for text in accepted
    )


def _within(position: int, owner: dict[int, int], index: int) -> int:
    """The position of a choice among its own control's choices."""
    return position - min(n for n, control_index in owner.items() if control_index == index)


def _toggle(value: Any) -> Any:
    if isinstance(value, list) and len(value) == 1:
        value = value[0]
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in _TOGGLE_WORDS:
        return _TOGGLE_WORDS[value.strip().lower()]
    return _UNREADABLE


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())
