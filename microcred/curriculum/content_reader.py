"""Reading content files: YAML with line numbers, and every problem collected with its place.

Parsing never touches the database. Every problem is collected with its file and line, so an
author sees all of them at once; the importer refuses the whole set when any exists. The
curriculum's readers and the item bank's (microcred/assessment/items_yaml.py) share this reader,
so one import reports the problems of every file together.
"""

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import yaml
from django.utils.translation import gettext as _

from microcred.curriculum.text import REFERENCE_LANGUAGE, configured_languages


@dataclass(frozen=True)
class ContentError:
    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        if self.line:
            return _("%(path)s, line %(line)s: %(message)s") % asdict(self)
        return f"{self.path}: {self.message}"


class ContentInvalid(Exception):
    def __init__(self, errors: list[ContentError]) -> None:
        super().__init__("\n".join(str(error) for error in errors))
        self.errors = errors


class YamlMapping(dict[str, Any]):
    """A YAML mapping that remembers the line of each key (for error messages)."""

    line: int = 0
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


# libyaml's parser when PyYAML was built with it (the wheels are): ten times faster on the
# course's files, with the same safe constructors and the same line marks.
class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    pass


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> YamlMapping:
    mapping = YamlMapping(loader.construct_mapping(node, deep=True))
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {key.value: key.start_mark.line + 1 for key, _value in node.value}
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


class ContentReader:
    """Collects errors while reading one curriculum folder."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.errors: list[ContentError] = []
        self.languages = configured_languages()
        # (file, line, module folder, target) of every `lesson:` link, checked once all modules
        # are read because a link may point into another module.
        self.links: list[tuple[Path, int, str, str]] = []

    def error(self, path: Path | str, line: int | None, message: str) -> None:
        relative = path.relative_to(self.root) if isinstance(path, Path) else path
        self.errors.append(ContentError(str(relative), line, message))

    def load_yaml(self, path: Path, text: str | None = None, line_offset: int = 0) -> Any:
        try:
            source = path.read_text(encoding="utf-8") if text is None else text
            data = yaml.load(source, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
        except FileNotFoundError:
            self.error(path, None, _("file is missing"))
            return None
        except UnicodeDecodeError:
            self.error(path, None, _("file is not UTF-8 text"))
            return None
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            # libyaml places an unclosed bracket after the last line; name the last one.
            last = len(source.splitlines()) or 1
            line = min(mark.line + 1, last) + line_offset if mark else None
            self.error(
                path,
                line,
                _("not valid YAML: %(problem)s") % {"problem": getattr(exc, "problem", exc)},
            )
            return None
        if line_offset:
            _shift_lines(data, line_offset)
        return data

    def language_map(
        self, path: Path, parent: Any, key: str, *, required: bool, label: str
    ) -> dict[str, str]:
        line = parent.line_of(key) if isinstance(parent, YamlMapping) else None
        value = parent.get(key) if isinstance(parent, dict) else None
        if value is None:
            if required:
                self.error(path, line, _("%(label)s is missing") % {"label": label})
            return {}
        if isinstance(value, str):
            value = {REFERENCE_LANGUAGE: value}
        if not isinstance(value, dict):
            self.error(path, line, _("%(label)s must map languages to text") % {"label": label})
            return {}
        result: dict[str, str] = {}
        for language, text in value.items():
            if language not in self.languages:
                self.error(
                    path,
                    line,
                    _("%(label)s: unknown language %(language)r")
                    % {"label": label, "language": language},
                )
            elif not isinstance(text, str):
                self.error(
                    path,
                    line,
                    _("%(label)s in %(language)s must be text")
                    % {"label": label, "language": language},
                )
            elif text.strip():
                result[language] = text.strip()
        if required and REFERENCE_LANGUAGE not in result:
            self.error(path, line, _("%(label)s has no English text") % {"label": label})
        return result

    def number(
        self,
        path: Path,
        data: YamlMapping,
        key: str,
        *,
        minimum: float,
        maximum: float,
        optional: bool = False,
        whole: bool = False,
    ) -> Any:
        value = data.get(key)
        if value is None and optional:
            return None
        kinds = (int,) if whole else (int, float)
        if (
            isinstance(value, bool)
            or not isinstance(value, kinds)
            or not (minimum <= value <= maximum)
        ):
            self.error(
                path,
                data.line_of(key),
                _("%(key)s must be a number from %(min)s to %(max)s")
                % {"key": key, "min": minimum, "max": maximum},
            )
            return None
        return value


def _shift_lines(data: Any, offset: int) -> None:
    if isinstance(data, YamlMapping):
        data.line += offset
        data.key_lines = {key: line + offset for key, line in data.key_lines.items()}
        for value in data.values():
            _shift_lines(value, offset)
    elif isinstance(data, list):
        for value in data:
            _shift_lines(value, offset)


