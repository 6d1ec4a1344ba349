"""Read and validate the course content files (format: docs/content-format.md).

Parsing never touches the database. Every problem is collected with its file and line, so an
author sees all of them at once; the importer refuses the whole set when any exists.
"""

import hashlib
import json
import re
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from django.utils.translation import gettext as _

from microcred.curriculum import course_rule
from microcred.curriculum.digcomp import COMPETENCES, LEVELS
from microcred.curriculum.text import REFERENCE_LANGUAGE, configured_languages
from microcred.curriculum.workload import Workload

LESSON_FILE = re.compile(r"^(?P<order>\d{2})-(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*)\.md$")
MODULE_CODE = re.compile(r"^M\d{2}$")
MEDIA_TYPES = {"image", "video", "audio"}


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


@dataclass(frozen=True)
class LessonData:
    slug: str
    order: int
    minutes: int
    title: dict[str, str]
    body: dict[str, str]
    media: list[dict[str, Any]]
    check: dict[str, Any]
    # Provenance (microcred/curriculum/provenance.py): sources by language, and the date the
    # facts were last checked, taken from the English file.
    sources: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    reviewed: date | None = None


@dataclass(frozen=True)
class OutcomeData:
    code: str
    order: int
    digcomp: str
    level: int
    esco: str
    statement: dict[str, str]


@dataclass(frozen=True)
class ModuleData:
    folder: str
    code: str
    order: int
    eqf_level: int | None
    prerequisites: list[str]
    title: dict[str, str]
    summary: dict[str, str]
    digcomp: list[dict[str, Any]]
    esco: list[str]
    glossary: list[dict[str, dict[str, str]]]
    outcomes: list[OutcomeData]
    lessons: list[LessonData]
    # Counted from the lessons and the test's size in items.yaml (curriculum/workload.py), so it
    # is no part of the fingerprint: the lessons' minutes already are, and the item bank is
    # versioned on its own for now.
    workload: Workload

    def fingerprint(self) -> str:
        """SHA-256 of the normalised content: formatting changes do not make a new version."""
        content = asdict(self)
        del content["workload"]
        canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, default=_json_value)
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _json_value(value: Any) -> str:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not content")


@dataclass(frozen=True)
class CurriculumData:
    code: str
    title: dict[str, str]
    summary: dict[str, str]
    course_credential: dict[str, Any]
    modules: list[ModuleData] = field(default_factory=list)


class _Mapping(dict[str, Any]):
    """A YAML mapping that remembers the line of each key (for error messages)."""

    line: int = 0
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


# libyaml's parser when PyYAML was built with it (the wheels are): ten times faster on the
# course's files, with the same safe constructors and the same line marks.
class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    pass


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> _Mapping:
    mapping = _Mapping(loader.construct_mapping(node, deep=True))
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {key.value: key.start_mark.line + 1 for key, _value in node.value}
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


class _Reader:
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
        line = parent.line_of(key) if isinstance(parent, _Mapping) else None
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
        data: _Mapping,
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
    if isinstance(data, _Mapping):
        data.line += offset
        data.key_lines = {key: line + offset for key, line in data.key_lines.items()}
        for value in data.values():
            _shift_lines(value, offset)
    elif isinstance(data, list):
        for value in data:
            _shift_lines(value, offset)


def read_curriculum(root: Path) -> CurriculumData:
    """Parse and validate a whole curriculum folder; raise ContentInvalid listing every problem."""
    from microcred.curriculum.content_modules import read_module

    reader = _Reader(root)
    path = root / "curriculum.yaml"
    data = reader.load_yaml(path)
    if not isinstance(data, _Mapping):
        if data is not None:
            reader.error(path, 1, _("must be a mapping of keys to values"))
        raise ContentInvalid(reader.errors or [ContentError("curriculum.yaml", None, "empty")])
    code = data.get("code")
    if not isinstance(code, str) or not re.fullmatch(r"[A-Za-z0-9_-]{2,40}", code):
        reader.error(path, data.line_of("code"), _("code must be 2-40 letters, digits or dashes"))
    title = reader.language_map(path, data, "title", required=True, label=_("title"))
    summary = reader.language_map(path, data, "summary", required=True, label=_("summary"))
    credential = data.get("course_credential") or {}
    credential_title = reader.language_map(
        path, credential, "title", required=True, label=_("course credential title")
    )
    folders = data.get("modules")
    if not isinstance(folders, list) or not folders:
        reader.error(path, data.line_of("modules"), _("modules must list the module folders"))
        folders = []
    modules = []
    for folder in folders:
        if not isinstance(folder, str) or not (root / folder).is_dir():
            reader.error(
                path,
                data.line_of("modules"),
                _("module folder %(folder)r does not exist") % {"folder": folder},
            )
            continue
        module = read_module(reader, root / folder)
        if module is not None:
            modules.append(module)
    _check_across_modules(reader, path, modules)
    try:
        rule = course_rule.parse(credential.get("rule"), course_modules=[m.code for m in modules])
    except course_rule.RuleInvalid as problem:
        reader.error(path, credential.line_of("rule") if isinstance(credential, _Mapping)
                     else None, str(problem))
        rule = course_rule.CourseRule()
    if reader.errors:
        raise ContentInvalid(reader.errors)
    return CurriculumData(
        code=str(code),
        title=title,
        summary=summary,
        course_credential={
            "title": credential_title,
            "rule": rule.as_data(),
        },
        modules=modules,
    )


def _check_across_modules(reader: _Reader, path: Path, modules: list[ModuleData]) -> None:
    codes = [module.code for module in modules]
    for code in {code for code in codes if codes.count(code) > 1}:
        reader.error(path, None, _("module code %(code)s is used twice") % {"code": code})
    known = set(codes)
    for module in modules:
        for prerequisite in module.prerequisites:
            if prerequisite not in known:
                reader.error(
                    f"{module.folder}/module.yaml",
                    None,
                    _("prerequisite %(code)s is not a module of this course")
                    % {"code": prerequisite},
                )
    lessons = {(m.code, lesson.slug) for m in modules for lesson in m.lessons}
    code_of_folder = {m.folder: m.code for m in modules}
    for path, line, folder, target in reader.links:
        code, slug = target.split("/", 1) if "/" in target else (code_of_folder.get(folder), target)
        if (code, slug) not in lessons:
            reader.error(
                path, line, _("broken internal link to lesson %(target)s") % {"target": target}
            )


def competence_ok(code: Any) -> bool:
    return isinstance(code, str) and code in COMPETENCES


def level_ok(level: Any) -> bool:
    return isinstance(level, int) and not isinstance(level, bool) and level in LEVELS
