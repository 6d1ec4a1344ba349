"""Read one entry of the `items:` list of items.yaml into an ItemSpec (see items.py)."""

from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from microcred.assessment.items import (
    COMMON_KEYS,
    ITEM_ID,
    TYPE_KEYS,
    Gap,
    ItemSpec,
    LanguageMap,
    Option,
    Pair,
    finite,
    item_problems,
    unknown_keys,
    wrapped,
)
from microcred.assessment.task_items import Control, TaskChoice
from microcred.curriculum.content_files import _Mapping, _Reader
from microcred.curriculum.text import REFERENCE_LANGUAGE

CONTROL_KEYS = frozenset({"id", "kind", "label", "detail", "choices", "expected", "initial"})


class _ItemReader:
    """Reads one entry of `items:`, reporting problems as "item M01-Q03: ..." at their line."""

    def __init__(self, reader: _Reader, path: Path, entry: _Mapping, label: str) -> None:
        self.reader, self.path, self.entry, self.label = reader, path, entry, label
        # Lines of parts below the item's own keys (a task's controls), by item_problems field.
        self.field_lines: dict[str, int] = {}

    def error(self, line: int, message: str) -> None:
        self.reader.error(
            self.path, line, _("%(item)s: %(problem)s") % {"item": self.label, "problem": message}
        )

    def text(self, parent: Any, key: str, what: str, *, required: bool = True) -> LanguageMap:
        label = _("%(item)s %(what)s") % {"item": self.label, "what": what}
        return self.reader.language_map(self.path, parent, key, required=required, label=label)

    def entries(self, key: str) -> list[tuple[int, Any]]:
        """(line, value) for each entry of the list under `key`."""
        raw = self.entry.get(key)
        if not isinstance(raw, list):
            # When missing, item_problems reports the count ("needs at least 2 options").
            if raw is not None:
                self.error(self.entry.line_of(key), _("%(key)s must be a list") % {"key": key})
            return []
        line = self.entry.line_of(key)
        return [(v.line if isinstance(v, _Mapping) else line, v) for v in raw]

    def flag(self, key: str, default: bool) -> bool:
        value = self.entry.get(key, default)
        if not isinstance(value, bool):
            self.error(self.entry.line_of(key), _("%(key)s must be true or false") % {"key": key})
            return default
        return value


def read_item(
    reader: _Reader, path: Path, entry: Any, outcome_codes: set[str], list_line: int
) -> ItemSpec | None:
    if not isinstance(entry, _Mapping):
        reader.error(path, list_line, _("each item must be a mapping of keys to values"))
        return None
    item_id = entry.get("id")
    if not isinstance(item_id, str) or not ITEM_ID.fullmatch(item_id):
        reader.error(
            path, entry.line_of("id"), _("item id must be letters, digits and dashes, like M01-Q01")
        )
        return None
    one = _ItemReader(reader, path, entry, _("item %(id)s") % {"id": item_id})
    item_type, outcome = entry.get("type"), entry.get("outcome")
    # isinstance first: a YAML list or mapping here is unhashable and would break `in`.
    known_outcome = isinstance(outcome, str) and outcome in outcome_codes
    if not known_outcome:
        one.error(entry.line_of("outcome"), _("unknown outcome %(code)r") % {"code": outcome})
    if not isinstance(item_type, str) or item_type not in TYPE_KEYS:
        one.error(entry.line_of("type"), _("unknown item type %(type)r") % {"type": item_type})
        return None
    unknown_keys(reader, path, entry, COMMON_KEYS | TYPE_KEYS[item_type], one.label)
    stem = one.text(entry, "stem", _("stem"))
    feedback = one.text(entry, "feedback", _("feedback"), required=False)
    fields = _TYPE_READERS[item_type](one)
    item = ItemSpec(str(item_id), str(outcome), item_type, stem, feedback, **fields)
    if item.feedback and REFERENCE_LANGUAGE not in item.feedback:
        one.error(entry.line_of("feedback"), _("feedback has no English text"))
    for key, message in item_problems(item):
        one.error(one.field_lines.get(key) or entry.line_of(key), message)
    return item if known_outcome else None


def _options(one: _ItemReader) -> dict[str, Any]:
    options = []
    for number, (line, raw) in enumerate(one.entries("options"), 1):
        if not isinstance(raw, _Mapping) or "text" not in raw:
            one.error(line, _("option %(number)s needs a text") % {"number": number})
            continue
        unknown_keys(
            one.reader, one.path, raw, frozenset({"text", "correct", "feedback"}), one.label
        )
        correct = raw.get("correct", False)
        if not isinstance(correct, bool):
            one.error(line, _("correct must be true or false"))
        what = _("option %(number)s") % {"number": number}
        feedback = one.text(
            raw, "feedback", _("option %(number)s feedback") % {"number": number}, required=False
        )
        if feedback and REFERENCE_LANGUAGE not in feedback:
            one.error(raw.line_of("feedback"), _("feedback has no English text"))
        options.append(Option(one.text(raw, "text", what), correct is True, feedback))
    return {"options": tuple(options)}


def _true_false(one: _ItemReader) -> dict[str, Any]:
    return {"answer": one.entry.get("answer")}  # item_problems says when it is not a bool


def _pairs(one: _ItemReader) -> dict[str, Any]:
    pairs = []
    for number, (line, raw) in enumerate(one.entries("pairs"), 1):
        if not isinstance(raw, _Mapping):
            one.error(line, _("pair %(number)s needs left and right") % {"number": number})
            continue
        unknown_keys(one.reader, one.path, raw, frozenset({"left", "right"}), one.label)
        left = one.text(raw, "left", _("pair %(number)s left") % {"number": number})
        right = one.text(raw, "right", _("pair %(number)s right") % {"number": number})
        pairs.append(Pair(left, right))
    return {"pairs": tuple(pairs)}


def _sequence(one: _ItemReader) -> dict[str, Any]:
    steps = []
    for number, (line, raw) in enumerate(one.entries("sequence"), 1):
        what = _("step %(number)s") % {"number": number}
        steps.append(one.text(wrapped({"step": raw}, line), "step", what))
    return {"sequence": tuple(steps)}


def _numeric(one: _ItemReader) -> dict[str, Any]:
    answer, tolerance = one.entry.get("answer"), one.entry.get("tolerance", 0)
    return {
        "answer": float(answer) if finite(answer) else answer,
        "tolerance": float(tolerance) if finite(tolerance) else tolerance,
        "unit": one.text(one.entry, "unit", _("unit"), required=False),
    }


def _short_text(one: _ItemReader) -> dict[str, Any]:
    accepted = _accepted(one, one.entry.get("accepted"), one.entry.line_of("accepted"), "accepted")
    return {
        "accepted": accepted,
        "ignore_case": one.flag("ignore_case", True),
        "ignore_diacritics": one.flag("ignore_diacritics", False),
    }


def _accepted(one: _ItemReader, raw: Any, line: int, key: str) -> dict[str, tuple[str, ...]]:
    """Typed answers accepted per language, as `accepted` of short_text and text controls."""
    accepted: dict[str, tuple[str, ...]] = {}
    if not isinstance(raw, dict):
        if raw is not None:  # when missing, item_problems asks for an English answer
            one.error(line, _("%(key)s must map languages to lists of answers") % {"key": key})
        raw = {}
    for language, texts in raw.items():
        texts = [texts] if isinstance(texts, str) else texts
        if language not in one.reader.languages:
            one.error(
                line,
                _("%(key)s: unknown language %(language)r") % {"key": key, "language": language},
            )
        elif not isinstance(texts, list) or not all(isinstance(t, str) for t in texts):
            one.error(
                line,
                _("%(key)s in %(language)s must list texts") % {"key": key, "language": language},
            )
        else:
            accepted[language] = tuple(t.strip() for t in texts if t.strip())
    return accepted


def _gaps(one: _ItemReader) -> dict[str, Any]:
    gaps = []
    for number, (line, raw) in enumerate(one.entries("gaps"), 1):
        if not isinstance(raw, _Mapping):
            one.error(line, _("gap %(number)s needs choices and an answer") % {"number": number})
            continue
        unknown_keys(one.reader, one.path, raw, frozenset({"choices", "answer"}), one.label)
        choices = raw.get("choices")
        answer = raw.get("answer")
        if not isinstance(choices, list) or not isinstance(answer, int) or isinstance(answer, bool):
            one.error(line, _("gap %(number)s needs a list of choices and the number of the right "
                              "one, from 0") % {"number": number})
            continue
        texts = tuple(
            one.text(wrapped({"choice": choice}, line), "choice",
                     _("gap %(number)s choice %(choice)s") % {"number": number, "choice": index})
            for index, choice in enumerate(choices, 1))
        gaps.append(Gap(texts, answer))
    return {"gaps": tuple(gaps)}


def _task(one: _ItemReader) -> dict[str, Any]:
    screen = one.entry.get("screen")
    controls = []
    for number, (line, raw) in enumerate(one.entries("controls"), 1):
        if not isinstance(raw, _Mapping):
            one.error(line, _("control %(number)s must be a mapping") % {"number": number})
            continue
        one.field_lines[f"controls.{len(controls)}"] = line
        controls.append(_control(one, raw, number))
    return {
        "screen": screen if isinstance(screen, str) else "",
        "title": one.text(one.entry, "title", _("title")),
        "controls": tuple(controls),
    }


def _control(one: _ItemReader, raw: _Mapping, number: int) -> Control:
    unknown_keys(one.reader, one.path, raw, CONTROL_KEYS, one.label)
    control_id, kind = raw.get("id"), raw.get("kind")
    what = _("control %(id)s") % {"id": control_id if isinstance(control_id, str) else number}
    expected = raw.get("expected")
    if kind == "text":
        expected = _accepted(one, expected, raw.line_of("expected"), "expected") or (
            None if expected is None else {}
        )
    if "initial" in raw and kind != "toggle":
        one.error(raw.line_of("initial"), _("only a toggle control has an initial state"))
    choices = []
    for choice_number, (line, choice) in enumerate(_choice_entries(one, raw), 1):
        if not isinstance(choice, _Mapping):
            one.error(
                line, _("choice %(number)s needs an id and a text") % {"number": choice_number}
            )
            continue
        unknown_keys(one.reader, one.path, choice, frozenset({"id", "text"}), one.label)
        label = _("%(control)s choice %(number)s") % {"control": what, "number": choice_number}
        choice_id = choice.get("id")
        if not isinstance(choice_id, str):
            # YAML reads a bare yes, no, on or off as true or false.
            one.error(
                line, _("%(what)s: id must be text (quote yes, no, on and off)") % {"what": label}
            )
            continue
        choices.append(TaskChoice(choice_id, one.text(choice, "text", label)))
    return Control(
        id=control_id if isinstance(control_id, str) else "",
        kind=str(kind),
        label=one.text(raw, "label", what),
        expected=expected,
        detail=one.text(raw, "detail", _("%(control)s detail") % {"control": what}, required=False),
        choices=tuple(choices),
        initial=raw.get("initial", False),
    )


def _choice_entries(one: _ItemReader, raw: _Mapping) -> list[tuple[int, Any]]:
    choices = raw.get("choices")
    if choices is None:  # item_problems says when a choice control has too few
        return []
    if raw.get("kind") != "choice":
        one.error(raw.line_of("choices"), _("only a choice control has choices"))
        return []
    if not isinstance(choices, list):
        one.error(raw.line_of("choices"), _("choices must be a list"))
        return []
    line = raw.line_of("choices")
    return [(c.line if isinstance(c, _Mapping) else line, c) for c in choices]


_TYPE_READERS: dict[str, Callable[[_ItemReader], dict[str, Any]]] = {
    "single_choice": _options,
    "multiple_response": _options,
    "true_false": _true_false,
    "matching": _pairs,
    "ordering": _sequence,
    "numeric": _numeric,
    "short_text": _short_text,
    "task": _task,
    "gap_select": _gaps,
}
