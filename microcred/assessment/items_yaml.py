"""Read items.yaml (format: docs/content-format.md) into an ItemBank of ItemSpecs (items.py).

Reading never touches the database. Like the other content files, every problem is collected with
its file and line so an author sees all of them at once, and the bank is refused whole.
"""

from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from microcred.assessment.items import (
    COMMON_KEYS,
    DEFAULT_BLUEPRINT,
    ITEM_ID,
    TYPE_KEYS,
    Accepted,
    Blueprint,
    Gap,
    ItemBank,
    ItemSpec,
    LanguageMap,
    Option,
    Pair,
    Unit,
    finite,
    item_problems,
    natural_key,
)
from microcred.assessment.task_items import Control, TaskChoice
from microcred.curriculum.content_reader import ContentInvalid, ContentReader, YamlMapping
from microcred.curriculum.text import REFERENCE_LANGUAGE

CONTROL_KEYS = frozenset({"id", "kind", "label", "detail", "choices", "expected", "initial"})


def read_item_bank(
    path: Path,
    outcome_codes: set[str],
    reader: ContentReader | None = None,
    *,
    text: str | None = None,
) -> ItemBank:
    """Parse and validate one items.yaml against the outcome codes of its module.

    With its own reader it raises ContentInvalid listing every problem. With a shared reader
    (the curriculum importer's) it only adds the problems to it and returns what it could read,
    so all files of a curriculum are reported together. With `text`, that text is parsed and
    `path` only names it in messages (banks stored in the database are re-read this way).
    """
    own_reader = reader is None
    reader = reader or ContentReader(path.parent.parent)
    outcomes = tuple(sorted(outcome_codes, key=natural_key))
    known_errors = len(reader.errors)
    data = reader.load_yaml(path, text)
    if not isinstance(data, YamlMapping):
        # Unreadable, empty or not a mapping: one message, not one per missing key.
        if len(reader.errors) == known_errors:
            reader.error(path, 1, _("must be a mapping with blueprint and items"))
        if own_reader:
            raise ContentInvalid(reader.errors)
        return ItemBank(DEFAULT_BLUEPRINT, (), outcomes)
    unknown_keys(reader, path, data, frozenset({"blueprint", "items"}), _("items.yaml"))
    blueprint = _read_blueprint(reader, path, data)
    entries = data.get("items")
    if not isinstance(entries, list) or not entries:
        reader.error(path, data.line_of("items"), _("items must be a list of items"))
        entries = []
    items: list[ItemSpec] = []
    first_line: dict[str, int] = {}
    for entry in entries:
        item = read_item(reader, path, entry, outcome_codes, data.line_of("items"))
        if item is None:
            continue
        if item.id in first_line:
            reader.error(
                path,
                entry.line_of("id"),
                _("item id %(id)s is used twice (first at line %(line)s)")
                % {"id": item.id, "line": first_line[item.id]},
            )
            continue
        first_line[item.id] = entry.line_of("id")
        items.append(item)
    for outcome in outcomes:
        count = sum(item.outcome == outcome for item in items)
        if count < blueprint.items_per_outcome:
            reader.error(
                path,
                data.line_of("items"),
                _("outcome %(outcome)s has %(count)s valid items; the exam draws %(needed)s")
                % {"outcome": outcome, "count": count, "needed": blueprint.items_per_outcome},
            )
    if own_reader and reader.errors:
        raise ContentInvalid(reader.errors)
    return ItemBank(blueprint, tuple(items), outcomes)


def wrapped(value: dict[str, Any], line: int) -> YamlMapping:
    mapping = YamlMapping(value)
    mapping.line = line
    mapping.key_lines = {}
    return mapping


def unknown_keys(
    reader: ContentReader, path: Path, data: YamlMapping, allowed: frozenset[str], label: str
) -> None:
    # A misspelt key (`corect: true`) would otherwise be ignored without a word.
    for key in data:
        if key not in allowed:
            reader.error(
                path,
                data.line_of(key),
                _("%(label)s: unknown key %(key)r") % {"label": label, "key": key},
            )


def _read_blueprint(reader: ContentReader, path: Path, data: YamlMapping) -> Blueprint:
    raw = data.get("blueprint")
    if not isinstance(raw, YamlMapping):
        reader.error(path, data.line_of("blueprint"), _("blueprint must be a mapping"))
        return DEFAULT_BLUEPRINT
    unknown_keys(reader, path, raw, frozenset(Blueprint.__dataclass_fields__), _("blueprint"))

    def number(key: str, low: float, high: float, **kwargs: Any) -> Any:
        value = reader.number(path, raw, key, minimum=low, maximum=high, **kwargs)
        # After a reported problem the defaults let the rest of the file still be checked.
        if value is None and not kwargs.get("optional"):
            return getattr(DEFAULT_BLUEPRINT, key)
        return value

    return Blueprint(
        items_per_outcome=number("items_per_outcome", 1, 50, whole=True),
        pass_overall=number("pass_overall", 0, 100),
        pass_per_outcome=number("pass_per_outcome", 0, 100),
        time_limit_minutes=number("time_limit_minutes", 1, 600, whole=True, optional=True),
        attempts=number("attempts", 1, 100, whole=True),
        cooldown_hours=number("cooldown_hours", 0, 8760),
    )


class _ItemReader:
    """Reads one entry of `items:`, reporting problems as "item M01-Q03: ..." at their line."""

    def __init__(self, reader: ContentReader, path: Path, entry: YamlMapping, label: str) -> None:
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
        return [(v.line if isinstance(v, YamlMapping) else line, v) for v in raw]

    def flag(self, key: str, default: bool) -> bool:
        value = self.entry.get(key, default)
        if not isinstance(value, bool):
            self.error(self.entry.line_of(key), _("%(key)s must be true or false") % {"key": key})
            return default
        return value


def read_item(
    reader: ContentReader, path: Path, entry: Any, outcome_codes: set[str], list_line: int
) -> ItemSpec | None:
    if not isinstance(entry, YamlMapping):
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
        if not isinstance(raw, YamlMapping) or "text" not in raw:
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
        if not isinstance(raw, YamlMapping):
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
        "also_accepted": tuple(_also_accepted(one)),
        "other_units": tuple(_other_units(one)),
    }


def _also_accepted(one: _ItemReader) -> list[Accepted]:
    found = []
    for number, (line, raw) in enumerate(one.entries("also_accepted"), 1):
        if not isinstance(raw, YamlMapping) or not finite(raw.get("answer")):
            one.error(line, _("accepted number %(number)s needs an answer that is a number")
                      % {"number": number})
            continue
        unknown_keys(one.reader, one.path, raw, frozenset({"answer", "tolerance"}), one.label)
        tolerance = raw.get("tolerance", 0)
        found.append(Accepted(float(raw["answer"]),
                              float(tolerance) if finite(tolerance) else tolerance))
    return found


def _other_units(one: _ItemReader) -> list[Unit]:
    found = []
    for number, (line, raw) in enumerate(one.entries("other_units"), 1):
        if not isinstance(raw, YamlMapping) or not finite(raw.get("multiplier")):
            one.error(line, _("unit %(number)s needs a unit and a multiplier that is a number")
                      % {"number": number})
            continue
        unknown_keys(one.reader, one.path, raw, frozenset({"unit", "multiplier"}), one.label)
        name = one.text(raw, "unit", _("unit %(number)s") % {"number": number})
        found.append(Unit(name, float(raw["multiplier"])))
    return found


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
        if not isinstance(raw, YamlMapping):
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
        if not isinstance(raw, YamlMapping):
            one.error(line, _("control %(number)s must be a mapping") % {"number": number})
            continue
        one.field_lines[f"controls.{len(controls)}"] = line
        controls.append(_control(one, raw, number))
    return {
        "screen": screen if isinstance(screen, str) else "",
        "title": one.text(one.entry, "title", _("title")),
        "controls": tuple(controls),
    }


def _control(one: _ItemReader, raw: YamlMapping, number: int) -> Control:
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
        if not isinstance(choice, YamlMapping):
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


def _choice_entries(one: _ItemReader, raw: YamlMapping) -> list[tuple[int, Any]]:
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
    return [(c.line if isinstance(c, YamlMapping) else line, c) for c in choices]


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
