"""The units of translation of a module and the fingerprints of their English source.

A unit is what a translator translates and a reviewer checks as one piece: the module's title,
its summary, each outcome statement, each glossary entry, each lesson (title, text and knowledge
check) and each exam item (stem, options, pairs, steps, accepted answers, task labels,
feedback). A unit has fields (`title`, `body`, `check.options.0`, `pairs.1.left`, ...), each a
language map. The English fingerprint of a unit changes when, and only when, its English text
changes (spacing aside), so a translation made from an older English text can be found.
"""

import hashlib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from microcred.curriculum.content_files import ModuleData
from microcred.curriculum.text import REFERENCE_LANGUAGE, configured_languages

# A field's text in one language; accepted answers are a list (one answer per line in XLIFF).
FieldText = str | list[str]
FINGERPRINT_LENGTH = 12

# Unit kinds, which say in which file a unit is written (microcred/curriculum/translation_files.py).
MODULE = "module"
LESSON = "lesson"
ITEM = "item"


@dataclass
class Unit:
    id: str  # "title", "summary", "M01-LO1", "glossary.1", "lesson.01-slug", "M01-Q01"
    kind: str
    label: str  # what a person calls it, in reports
    fields: dict[str, dict[str, FieldText]] = field(default_factory=dict)

    def text(self, field_path: str, language: str) -> FieldText | None:
        return self.fields.get(field_path, {}).get(language) or None

    def fingerprint(self) -> str:
        """Short SHA-256 of the unit's normalised English text (whitespace runs count as one)."""
        parts = []
        for field_path, texts in self.fields.items():
            english = texts.get(REFERENCE_LANGUAGE)
            lines = english if isinstance(english, list) else [english or ""]
            parts.append(field_path + "\x1f" + "\x1e".join(" ".join(s.split()) for s in lines))
        digest = hashlib.sha256("\x1d".join(parts).encode("utf-8")).hexdigest()
        return digest[:FINGERPRINT_LENGTH]

    def missing_in(self, language: str) -> list[str]:
        """The fields that have English text and none in `language`."""
        return [
            path
            for path, texts in self.fields.items()
            if texts.get(REFERENCE_LANGUAGE) and not texts.get(language)
        ]


def module_units(module: ModuleData, items: list[Any]) -> list[Unit]:
    """Every unit of a parsed module and its raw items.yaml items, in reading order."""
    units = [
        Unit("title", MODULE, "title", {"title": dict(module.title)}),
        Unit("summary", MODULE, "summary", {"summary": dict(module.summary)}),
    ]
    for outcome in module.outcomes:
        statement = {"statement": dict(outcome.statement)}
        units.append(Unit(outcome.code, MODULE, f"{outcome.code} statement", statement))
    for number, entry in enumerate(module.glossary, start=1):
        units.append(
            Unit(
                f"glossary.{number}",
                MODULE,
                f"glossary entry {number}",
                {"term": entry.get("term", {}), "definition": entry.get("definition", {})},
            )
        )
    for lesson in module.lessons:
        fields: dict[str, dict[str, FieldText]] = {"title": lesson.title, "body": lesson.body}
        check = lesson.check or {}
        if check:
            fields["check.question"] = check.get("question", {})
            options = check.get("options", {})
            for index in range(len(options.get(REFERENCE_LANGUAGE, []))):
                fields[f"check.options.{index}"] = {
                    language: values[index]
                    for language, values in options.items()
                    if index < len(values)
                }
            if check.get("feedback", {}).get(REFERENCE_LANGUAGE):
                fields["check.feedback"] = check.get("feedback", {})
        units.append(Unit(f"lesson.{lesson.slug}", LESSON, f"lesson {lesson.slug}", fields))
    for item in items:
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            fields = dict(language_maps(item))
            if fields:
                units.append(Unit(item["id"], ITEM, f"item {item['id']}", fields))
    return units


def read_items(folder: Path) -> list[Any]:
    """The raw items of a module's items.yaml (the item bank reader validates them)."""
    data = load_yaml_file(folder / "items.yaml")
    items = data.get("items") if isinstance(data, dict) else None
    return items if isinstance(items, list) else []


def load_yaml_file(path: Path) -> Any:
    """A YAML file's data (None when absent), parsed once while the file stays the same.

    Every import of the course reads each module's items and sidecar again (tests import it
    hundreds of times). Callers must not change what they get.
    """
    try:
        stat = path.stat()
    except FileNotFoundError:
        return None
    return _load_yaml(str(path), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=64)
def _load_yaml(path: str, _mtime_ns: int, _size: int) -> Any:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml, as content_files does
    return yaml.load(Path(path).read_text(encoding="utf-8"), Loader=loader)  # noqa: S506


def is_language_map(value: Any) -> bool:
    languages = set(configured_languages())
    return (
        isinstance(value, dict)
        and REFERENCE_LANGUAGE in value
        and all(isinstance(key, str) and key in languages for key in value)
    )


def language_maps(value: Any, path: str = "") -> list[tuple[str, dict[str, FieldText]]]:
    """(dotted path, language map) of every translatable text inside an item, in file order."""
    if is_language_map(value):
        return [(path, {lang: _clean(text) for lang, text in value.items() if _clean(text)})]
    found: list[tuple[str, dict[str, FieldText]]] = []
    if isinstance(value, dict):
        for key, child in value.items():
            found += language_maps(child, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found += language_maps(child, f"{path}.{index}" if path else str(index))
    return found


def _clean(text: Any) -> FieldText:
    if isinstance(text, list):
        return [str(entry).strip() for entry in text if str(entry).strip()]
    return str(text).strip() if text is not None else ""
