"""A module's item bank and exam blueprint as data, and the rules every item keeps.

items_yaml.py reads them from items.yaml (format: docs/content-format.md); the GIFT and Moodle
importers build them from other formats. One item is one id with a language map for every text:
translations never make new items.
"""

import hashlib
import json
import math
import re
from dataclasses import asdict, dataclass, field
from typing import Any, TypeGuard

import yaml
from django.utils.translation import gettext as _

from microcred.assessment.task_items import Control, task_languages, task_problems
from microcred.curriculum.text import REFERENCE_LANGUAGE

LanguageMap = dict[str, str]

ITEM_TYPES = (
    "single_choice",
    "multiple_response",
    "true_false",
    "matching",
    "ordering",
    "numeric",
    "short_text",
    "task",
    "gap_select",
)
# Ids travel in form field names, JSON and audit logs, so they stay plain.
ITEM_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")
COMMON_KEYS = frozenset({"id", "outcome", "type", "stem", "feedback"})
TYPE_KEYS = {
    "single_choice": frozenset({"options"}),
    "multiple_response": frozenset({"options"}),
    "true_false": frozenset({"answer"}),
    "matching": frozenset({"pairs"}),
    "ordering": frozenset({"sequence"}),
    "numeric": frozenset({"answer", "tolerance", "unit", "also_accepted", "other_units"}),
    "short_text": frozenset({"accepted", "ignore_case", "ignore_diacritics"}),
    "task": frozenset({"screen", "title", "controls"}),
    "gap_select": frozenset({"gaps"}),
}
# Where a gap sits in a gap_select stem: [[1]] is the first gap (Moodle's own notation).
GAP = re.compile(r"\[\[(\d+)\]\]")


@dataclass(frozen=True)
class Option:
    text: LanguageMap
    correct: bool = False
    # Shown on the result page to a learner who picked this option (what they misunderstood).
    feedback: LanguageMap = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"text": dict(self.text)}
        if self.correct:
            data["correct"] = True
        if self.feedback:
            data["feedback"] = dict(self.feedback)
        return data


@dataclass(frozen=True)
class Pair:
    left: LanguageMap
    right: LanguageMap


@dataclass(frozen=True)
class Accepted:
    """numeric: one more accepted number and its tolerance (Moodle allows several answers)."""

    answer: float
    tolerance: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return {"answer": _plain_number(self.answer), "tolerance": _plain_number(self.tolerance)}


@dataclass(frozen=True)
class Unit:
    """numeric: another unit a learner may answer in, as Moodle defines units: `multiplier`
    of this unit make one of the item's `unit` (unit MB, multiplier 1000 for an answer in GB),
    so a number typed in it is divided by the multiplier before it is compared."""

    name: LanguageMap
    multiplier: float

    def as_dict(self) -> dict[str, Any]:
        return {"unit": dict(self.name), "multiplier": _plain_number(self.multiplier)}


@dataclass(frozen=True)
class Gap:
    """A drop-down in the sentence of a gap_select item: its choices and the right one."""

    choices: tuple[LanguageMap, ...]
    answer: int  # index of the right choice

    def as_dict(self) -> dict[str, Any]:
        return {"choices": [dict(choice) for choice in self.choices], "answer": self.answer}


@dataclass(frozen=True)
class ItemSpec:
    """One exam item. Only the fields of its type are filled; the others keep their defaults."""

    id: str
    outcome: str
    type: str
    stem: LanguageMap
    feedback: LanguageMap = field(default_factory=dict)
    options: tuple[Option, ...] = ()  # single_choice, multiple_response
    pairs: tuple[Pair, ...] = ()  # matching, each left with its right match
    sequence: tuple[LanguageMap, ...] = ()  # ordering, steps in the right order
    answer: bool | float | None = None  # true_false: a bool; numeric: the number
    tolerance: float = 0.0  # numeric: the largest accepted distance from `answer`
    unit: LanguageMap = field(default_factory=dict)  # numeric, optional
    also_accepted: tuple[Accepted, ...] = ()  # numeric: more right numbers, each its tolerance
    other_units: tuple[Unit, ...] = ()  # numeric: converted to `unit` before comparing
    accepted: dict[str, tuple[str, ...]] = field(default_factory=dict)  # short_text, by language
    ignore_case: bool = True
    # Off by default: in some words the accent is the meaning; authors list variants or opt in.
    ignore_diacritics: bool = False
    screen: str = ""  # task: the look of the simulated app (task_items.SCREENS)
    title: LanguageMap = field(default_factory=dict)  # task: what the app shows on top
    controls: tuple[Control, ...] = ()  # task: what the learner sets, in authored order
    gaps: tuple[Gap, ...] = ()  # gap_select: the drop-downs [[1]], [[2]], ... of the stem

    def as_dict(self) -> dict[str, Any]:
        """The item in items.yaml shape, for export and fingerprints."""
        data: dict[str, Any] = {"id": self.id, "outcome": self.outcome, "type": self.type}
        data["stem"] = dict(self.stem)
        if self.type in ("single_choice", "multiple_response"):
            data["options"] = [option.as_dict() for option in self.options]
        elif self.type == "true_false":
            data["answer"] = self.answer
        elif self.type == "matching":
            data["pairs"] = [{"left": dict(p.left), "right": dict(p.right)} for p in self.pairs]
        elif self.type == "ordering":
            data["sequence"] = [dict(step) for step in self.sequence]
        elif self.type == "numeric":
            data["answer"] = _plain_number(self.answer)
            data["tolerance"] = _plain_number(self.tolerance)
            if self.unit:
                data["unit"] = dict(self.unit)
            if self.also_accepted:
                data["also_accepted"] = [accepted.as_dict() for accepted in self.also_accepted]
            if self.other_units:
                data["other_units"] = [unit.as_dict() for unit in self.other_units]
        elif self.type == "short_text":
            data["accepted"] = {language: list(texts) for language, texts in self.accepted.items()}
            data["ignore_case"] = self.ignore_case
            data["ignore_diacritics"] = self.ignore_diacritics
        elif self.type == "task":
            data["screen"] = self.screen
            data["title"] = dict(self.title)
            data["controls"] = [control.as_dict() for control in self.controls]
        elif self.type == "gap_select":
            data["gaps"] = [gap.as_dict() for gap in self.gaps]
        if self.feedback:
            data["feedback"] = dict(self.feedback)
        return data

    def fingerprint(self) -> str:
        """A short SHA-256 of the content: a stored exam form notices when its item changed."""
        canonical = json.dumps(self.as_dict(), sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]

    def languages(self) -> set[str]:
        """Languages in which every text of the item exists, so nothing falls back to English."""
        maps = [self.stem, *(option.text for option in self.options), *self.sequence]
        maps += [text for pair in self.pairs for text in (pair.left, pair.right)]
        maps += [m for m in (self.unit, self.feedback) if m]
        maps += [unit.name for unit in self.other_units]
        maps += [option.feedback for option in self.options if option.feedback]
        maps += [choice for gap in self.gaps for choice in gap.choices]
        found = set.intersection(*(set(m) for m in maps))
        if self.type == "short_text":
            found &= {language for language, texts in self.accepted.items() if texts}
        if self.type == "task":
            found &= task_languages(self.title, self.controls)
        return found


@dataclass(frozen=True)
class Blueprint:
    items_per_outcome: int
    pass_overall: float  # percent of the whole exam
    pass_per_outcome: float  # percent of each outcome's items
    time_limit_minutes: int | None
    attempts: int
    cooldown_hours: float


DEFAULT_BLUEPRINT = Blueprint(2, 70, 50, None, 3, 24)


@dataclass(frozen=True)
class ItemBank:
    """A module's item bank and exam blueprint, the exam part of a module version."""

    blueprint: Blueprint
    items: tuple[ItemSpec, ...]
    outcomes: tuple[str, ...]  # every outcome the exam must test, in natural order
    _index: dict[str, ItemSpec] = field(init=False, repr=False, compare=False)
    _fingerprints: dict[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_index", {item.id: item for item in self.items})
        object.__setattr__(self, "_fingerprints", {})

    def item(self, item_id: str) -> ItemSpec:
        """The item with this id; KeyError when the bank has none."""
        return self._index[item_id]

    def items_for(self, outcome: str) -> tuple[ItemSpec, ...]:
        return tuple(item for item in self.items if item.outcome == outcome)

    def source(self) -> str:
        """The bank as items.yaml text, normalised (formatting changes make no new version)."""
        data = {"blueprint": asdict(self.blueprint),
                "items": [item.as_dict() for item in self.items]}
        return _yaml_text(data)

    def fingerprint(self) -> str:
        """SHA-256 of the normalised bank, part of its module version's fingerprint."""
        return hashlib.sha256(self.source().encode("utf-8")).hexdigest()

    def test_size(self) -> tuple[int, int]:
        """Questions on one test, and how many are tasks (one per outcome that has a task)."""
        with_a_task = {item.outcome for item in self.items if item.type == "task"}
        return self.blueprint.items_per_outcome * len(self.outcomes), len(with_a_task)

    def fingerprint_of(self, item_id: str) -> str:
        # Cached: grading checks every drawn item against the bank it is graded with.
        if item_id not in self._fingerprints:
            self._fingerprints[item_id] = self._index[item_id].fingerprint()
        return self._fingerprints[item_id]


# Bank text by the repr of its data (exact: types, order and floats all show in a repr).
_YAML_TEXTS: dict[str, str] = {}
_YAML_TEXTS_KEPT = 64


def _yaml_text(data: dict[str, Any]) -> str:
    # PyYAML's pure-Python emitter takes a third of a second per bank, and an import asks twice
    # per module (fingerprint, then the stored source): an import of unchanged content (the
    # demo, each test that loads the real course) dumps no bank twice in one process.
    key = repr(data)
    text = _YAML_TEXTS.get(key)
    if text is None:
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
        if len(_YAML_TEXTS) >= _YAML_TEXTS_KEPT:
            _YAML_TEXTS.clear()
        _YAML_TEXTS[key] = text
    return text


def natural_key(code: str) -> list[Any]:
    """Sort key that puts M01-LO2 before M01-LO10."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", code)]


def item_problems(item: ItemSpec, language: str = REFERENCE_LANGUAGE) -> list[tuple[str, str]]:
    """Rules every item keeps, whatever file it came from, as (field, message) pairs.

    `language` is the language the texts are compared in (duplicates, accepted answers);
    items.yaml uses English, an importer the language of its file.
    """
    if item.type not in ITEM_TYPES:
        return [("type", _("unknown item type %(type)r") % {"type": item.type})]
    problems: list[tuple[str, str]] = []
    if item.type in ("single_choice", "multiple_response"):
        right = sum(option.correct for option in item.options)
        problems += _count_problems("options", len(item.options), _("options"))
        if item.type == "single_choice" and right != 1:
            problems.append(
                ("options", _("needs exactly one correct option, not %(count)s") % {"count": right})
            )
        if item.type == "multiple_response" and not right:
            problems.append(("options", _("needs at least one correct option")))
        problems += _duplicates("options", [option.text for option in item.options], language)
    elif item.type == "true_false" and not isinstance(item.answer, bool):
        problems.append(("answer", _("answer must be true or false")))
    elif item.type == "matching":
        problems += _count_problems("pairs", len(item.pairs), _("pairs"))
        problems += _duplicates("pairs", [pair.left for pair in item.pairs], language)
        problems += _duplicates("pairs", [pair.right for pair in item.pairs], language)
    elif item.type == "ordering":
        problems += _count_problems("sequence", len(item.sequence), _("steps"))
        problems += _duplicates("sequence", list(item.sequence), language)
    elif item.type == "numeric":
        if not finite(item.answer):
            problems.append(("answer", _("a numeric item needs a number as its answer")))
        if not finite(item.tolerance) or item.tolerance < 0:
            problems.append(("tolerance", _("tolerance must be a number of 0 or more")))
        problems += _numeric_problems(item, language)
    elif item.type == "short_text" and not any(
        text.strip() for text in item.accepted.get(language, ())
    ):
        problems.append(
            ("accepted", _("needs an accepted answer in %(language)s") % {"language": language})
        )
    elif item.type == "task":
        problems += task_problems(item.screen, item.controls, language)
    elif item.type == "gap_select":
        problems += _gap_problems(item)
    return problems


def _numeric_problems(item: ItemSpec, language: str) -> list[tuple[str, str]]:
    problems = []
    if any(not finite(a.answer) or not finite(a.tolerance) or a.tolerance < 0
           for a in item.also_accepted):
        problems.append(("also_accepted", _(
            "each more accepted number needs a number as its answer and a tolerance of 0 or "
            "more")))
    if item.other_units and not item.unit:
        problems.append(("other_units", _("other units need the item's own unit first")))
    if any(not finite(u.multiplier) or u.multiplier <= 0 for u in item.other_units):
        problems.append(("other_units", _("a unit's multiplier must be a number above 0")))
    problems += _duplicates("other_units", [item.unit, *(u.name for u in item.other_units)],
                            language)
    return problems


def _gap_problems(item: ItemSpec) -> list[tuple[str, str]]:
    if not item.gaps:
        return [("gaps", _("needs at least one gap"))]
    problems: list[tuple[str, str]] = []
    for number, gap in enumerate(item.gaps, 1):
        if len(gap.choices) < 2 or not 0 <= gap.answer < len(gap.choices):
            problems.append(("gaps", _("gap %(number)s needs at least 2 choices and one right "
                                       "choice among them") % {"number": number}))
    wanted = [str(number) for number in range(1, len(item.gaps) + 1)]
    for language, text in item.stem.items():
        if sorted(GAP.findall(text), key=int) != wanted:
            problems.append(("stem", _("the text in %(language)s must hold each gap [[1]] to "
                                       "[[%(count)s]] once") % {"language": language,
                                                               "count": len(item.gaps)}))
    return problems


def _count_problems(key: str, count: int, what: str) -> list[tuple[str, str]]:
    if count >= 2:
        return []
    return [(key, _("needs at least 2 %(what)s, not %(count)s") % {"what": what, "count": count})]


def _duplicates(key: str, maps: list[LanguageMap], language: str) -> list[tuple[str, str]]:
    # Two choices that read the same make the item unanswerable in that language.
    seen: set[str] = set()
    problems = []
    for mapping in maps:
        text = " ".join(mapping.get(language, "").casefold().split())
        if text and text in seen:
            problems.append((key, _("%(text)r appears twice") % {"text": mapping[language]}))
        seen.add(text)
    return problems


def finite(value: Any) -> TypeGuard[int | float]:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _plain_number(value: Any) -> Any:
    return int(value) if isinstance(value, float) and value.is_integer() else value
