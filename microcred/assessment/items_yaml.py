"""Read one entry of the `items:` list of items.yaml into an ItemSpec (see items.py)."""

from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from microcred.assessment.items import (
    COMMON_KEYS,
    ITEM_ID,
    TYPE_KEYS,
    ItemSpec,
    LanguageMap,
    Option,
    Pair,
    finite,
    item_problems,
    unknown_keys,
    wrapped,
)
from microcred.curriculum.content_files import _Mapping, _Reader
from microcred.curriculum.text import REFERENCE_LANGUAGE


class _ItemReader:
    """Reads one entry of `items:`, reporting problems as "item M01-Q03: ..." at their line."""

    def __init__(self, reader: _Reader, path: Path, entry: _Mapping, label: str) -> None:
        self.reader, self.path, self.entry, self.label = reader, path, entry, label

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
        one.error(entry.line_of(key), message)
    return item if known_outcome else None


def _options(one: _ItemReader) -> dict[str, Any]:
    options = []
    for number, (line, raw) in enumerate(one.entries("options"), 1):
        if not isinstance(raw, _Mapping) or "text" not in raw:
            one.error(line, _("option %(number)s needs a text") % {"number": number})
            continue
        unknown_keys(one.reader, one.path, raw, frozenset({"text", "correct"}), one.label)
        correct = raw.get("correct", False)
        if not isinstance(correct, bool):
            one.error(line, _("correct must be true or false"))
        what = _("option %(number)s") % {"number": number}
        options.append(Option(one.text(raw, "text", what), correct is True))
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
    raw, line = one.entry.get("accepted"), one.entry.line_of("accepted")
    accepted: dict[str, tuple[str, ...]] = {}
    if not isinstance(raw, dict):
        if raw is not None:  # when missing, item_problems asks for an English answer
            one.error(line, _("accepted must map languages to lists of answers"))
        raw = {}
    for language, texts in raw.items():
        texts = [texts] if isinstance(texts, str) else texts
        if language not in one.reader.languages:
            one.error(line, _("accepted: unknown language %(language)r") % {"language": language})
        elif not isinstance(texts, list) or not all(isinstance(t, str) for t in texts):
            one.error(line, _("accepted in %(language)s must list texts") % {"language": language})
        else:
            accepted[language] = tuple(t.strip() for t in texts if t.strip())
    return {
        "accepted": accepted,
        "ignore_case": one.flag("ignore_case", True),
        "ignore_diacritics": one.flag("ignore_diacritics", False),
    }


_TYPE_READERS: dict[str, Callable[[_ItemReader], dict[str, Any]]] = {
    "single_choice": _options,
    "multiple_response": _options,
    "true_false": _true_false,
    "matching": _pairs,
    "ordering": _sequence,
    "numeric": _numeric,
    "short_text": _short_text,
}
