"""Write translated texts back into a module's content files, keeping their formatting.

Only the changed values are rewritten: each is found as a node of the YAML document (module.yaml,
items.yaml, a lesson's front matter) and its text span replaced by a double-quoted scalar (a JSON
string is one), so comments, key order, line breaks and the other values stay as the author
wrote them. A language missing from a language map is added after its last entry.
"""

import json
import re
import shutil
from pathlib import Path
from typing import Any

import yaml

from microcred.curriculum.content_modules import FRONT_MATTER
from microcred.curriculum.text import REFERENCE_LANGUAGE
from microcred.curriculum.translation_units import ITEM, LESSON, FieldText, Unit

YamlPath = list[str | int]


class CannotWrite(Exception):
    """A translated text has no place in the files (the message names it)."""


def write_translations(
    folder: Path, language: str, changes: list[tuple[Unit, dict[str, FieldText]]]
) -> list[Path]:
    """Write each unit's changed fields (field path -> text) in `language`; the files written."""
    edits: dict[Path, list[tuple[YamlPath, FieldText]]] = {}
    bodies: dict[Path, str] = {}
    items_order: list[str] | None = None
    for unit, fields in changes:
        for field_path, text in fields.items():
            parts: YamlPath = [int(p) if p.isdigit() else p for p in field_path.split(".")]
            if unit.kind == LESSON:
                path = folder / language / (unit.id.removeprefix("lesson.") + ".md")
                if field_path == "body":
                    bodies[path] = str(text)
                else:
                    edits.setdefault(path, []).append((parts, text))
            elif unit.kind == ITEM:
                if items_order is None:
                    items_order = _item_ids(folder / "items.yaml")
                if unit.id not in items_order:
                    raise CannotWrite(unit.id)
                position = items_order.index(unit.id)
                edits.setdefault(folder / "items.yaml", []).append(
                    (["items", position, *parts, language], text)
                )
            else:
                edits.setdefault(folder / "module.yaml", []).append(
                    ([*_module_path(folder, unit), *parts[-1:], language], text)
                )
    written = []
    for path in sorted(set(edits) | set(bodies)):
        if path.suffix == ".md":
            _write_lesson(folder, path, edits.get(path, []), bodies.get(path))
        else:
            text = path.read_text(encoding="utf-8")
            path.write_text(set_values(text, edits[path]), encoding="utf-8")
        written.append(path)
    return written


def _module_path(folder: Path, unit: Unit) -> YamlPath:
    if unit.id in ("title", "summary"):
        return []
    if unit.id.startswith("glossary."):
        return ["glossary", int(unit.id.removeprefix("glossary.")) - 1]
    outcomes = yaml.safe_load((folder / "module.yaml").read_text(encoding="utf-8"))["outcomes"]
    ids = [outcome.get("id") for outcome in outcomes]
    if unit.id not in ids:
        raise CannotWrite(unit.id)
    return ["outcomes", ids.index(unit.id)]


def _item_ids(path: Path) -> list[str]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return [item.get("id") for item in data.get("items") or [] if isinstance(item, dict)]


def _write_lesson(
    folder: Path, path: Path, edits: list[tuple[YamlPath, FieldText]], body: str | None
) -> None:
    if not path.exists():
        # A new translation starts as a copy of the English file (media, sources, check answer),
        # every translated text then replaces its English one.
        path.parent.mkdir(exist_ok=True)
        shutil.copyfile(folder / REFERENCE_LANGUAGE / path.name, path)
    text = path.read_text(encoding="utf-8")
    match = FRONT_MATTER.match(text)
    if match is None:
        raise CannotWrite(str(path))
    front = match.group("yaml")
    if edits:
        front = set_values(front + "\n", edits).removesuffix("\n")
    rest = text[match.end() :] if body is None else body.strip() + "\n"
    separator = text[match.end("yaml") : match.end()]
    path.write_text(text[: match.start("yaml")] + front + separator + rest, encoding="utf-8")


def set_values(text: str, edits: list[tuple[YamlPath, FieldText]]) -> str:
    """`text` with the value at each YAML path replaced (or added, for a last mapping key)."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    splices = [_splice(text, root, path, value) for path, value in edits]
    for start, end, replacement in sorted(splices, key=lambda splice: splice[0], reverse=True):
        text = text[:start] + replacement + text[end:]
    return text


def _splice(text: str, root: Any, path: YamlPath, value: FieldText) -> tuple[int, int, str]:
    node = root
    for depth, step in enumerate(path):
        child = _child(node, step)
        if child is None:
            if depth == len(path) - 1 and isinstance(node, yaml.MappingNode) and node.value:
                return _insertion(text, node, str(step), value)
            raise CannotWrite(".".join(str(part) for part in path))
        node = child
    start, end = node.start_mark.index, node.end_mark.index
    replacement = _render(value)
    if text[start:end].endswith("\n"):  # a block scalar or sequence owns its last line break
        replacement += "\n"
    return start, end, replacement


def _child(node: Any, step: str | int) -> Any:
    if isinstance(node, yaml.MappingNode) and isinstance(step, str):
        return next((value for key, value in node.value if key.value == step), None)
    if isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
        return node.value[step]
    return None


def _insertion(text: str, mapping: Any, key: str, value: FieldText) -> tuple[int, int, str]:
    if mapping.flow_style:
        closing = text.rindex("}", 0, mapping.end_mark.index)
        return closing, closing, f", {key}: {_render(value)}"
    first_key, _ = mapping.value[0]
    last_value = mapping.value[-1][1]
    at = last_value.end_mark.index
    line = f"{' ' * first_key.start_mark.column}{key}: {_render(value)}"
    if text[:at].endswith("\n"):
        return at, at, line + "\n"
    return at, at, "\n" + line


def _render(value: FieldText) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(json.dumps(entry, ensure_ascii=False) for entry in value) + "]"
    return json.dumps(value, ensure_ascii=False)


def lines_to_list(text: str) -> list[str]:
    """Accepted answers travel one per line."""
    return [line.strip() for line in re.split(r"\r?\n", text) if line.strip()]
