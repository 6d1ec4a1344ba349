"""Read one module folder: module.yaml and its lessons in every language."""

import re
from datetime import date
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from microcred.curriculum import exam_part, markdown, provenance
from microcred.curriculum.content_data import LessonData, ModuleData, OutcomeData
from microcred.curriculum.content_reader import ContentReader, YamlMapping
from microcred.curriculum.digcomp import COMPETENCES, LEVELS
from microcred.curriculum.exam_part import EXAM_FILE, ExamPart
from microcred.curriculum.text import REFERENCE_LANGUAGE
from microcred.curriculum.workload import Workload, notional_workload

LESSON_FILE = re.compile(r"^(?P<order>\d{2})-(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*)\.md$")
MODULE_CODE = re.compile(r"^M\d{2}$")
MEDIA_TYPES = {"image", "video", "audio"}
FRONT_MATTER = re.compile(r"\A---\r?\n(?P<yaml>.*?)\r?\n---\r?\n", re.S)


def read_module(reader: ContentReader, folder: Path) -> ModuleData | None:
    path = folder / "module.yaml"
    data = reader.load_yaml(path)
    if not isinstance(data, YamlMapping):
        if data is not None:
            reader.error(path, 1, _("must be a mapping of keys to values"))
        return None
    code = data.get("code")
    if not isinstance(code, str) or not MODULE_CODE.fullmatch(code):
        reader.error(path, data.line_of("code"), _("code must look like M01"))
        code = "M??"
    prerequisites = data.get("prerequisites") or []
    if not isinstance(prerequisites, list) or not all(isinstance(p, str) for p in prerequisites):
        reader.error(path, data.line_of("prerequisites"), _("prerequisites must list module codes"))
        prerequisites = []
    esco = data.get("esco") or []
    if not isinstance(esco, list) or not all(
        isinstance(uri, str) and uri.startswith("http://data.europa.eu/esco/skill/") for uri in esco
    ):
        reader.error(path, data.line_of("esco"), _("esco must list ESCO skill URIs"))
        esco = []
    for key in ("hours", "ects"):
        if key in data:
            reader.error(
                path,
                data.line_of(key),
                _("%(key)s is counted from the lessons and the test (docs/workload.md); remove it")
                % {"key": key},
            )
    outcomes = _outcomes(reader, path, data, code)
    lessons = _lessons(reader, folder, {outcome.code for outcome in outcomes})
    _check_every_outcome_taught(reader, path, data, lessons)
    exam = _exam(reader, folder, outcomes)
    return ModuleData(
        folder=folder.name,
        code=code,
        order=reader.number(path, data, "order", minimum=1, maximum=999, whole=True) or 0,
        eqf_level=reader.number(
            path, data, "eqf_level", minimum=1, maximum=8, optional=True, whole=True
        ),
        prerequisites=list(prerequisites),
        title=reader.language_map(path, data, "title", required=True, label=_("title")),
        summary=reader.language_map(path, data, "summary", required=True, label=_("summary")),
        digcomp=_digcomp(reader, path, data),
        esco=list(esco),
        glossary=_glossary(reader, path, data),
        outcomes=outcomes,
        lessons=lessons,
        workload=_workload(lessons, exam),
        exam=exam,
    )


def _exam(reader: ContentReader, folder: Path, outcomes: list[OutcomeData]) -> ExamPart | None:
    """The module's item bank, read once for the version and its workload; None without one."""
    path = folder / EXAM_FILE
    part = exam_part.handler()
    if part is None or not path.exists():
        return None
    return part.read(reader, path, {outcome.code for outcome in outcomes})


def _workload(lessons: list[LessonData], exam: ExamPart | None) -> Workload:
    # A form takes `items_per_outcome` items for every outcome, one of them a task where the
    # outcome has one; a module without items.yaml has no test yet.
    questions, tasks = exam.test_size() if exam is not None else (0, 0)
    return notional_workload(
        lesson_minutes=[lesson.minutes for lesson in lessons],
        knowledge_checks=sum(1 for lesson in lessons if lesson.check),
        test_questions=questions,
        test_tasks=tasks,
    )


def _digcomp(reader: ContentReader, path: Path, data: YamlMapping) -> list[dict[str, Any]]:
    entries = data.get("digcomp")
    if not isinstance(entries, list) or not entries:
        reader.error(path, data.line_of("digcomp"), _("digcomp must list at least one competence"))
        return []
    result = []
    for entry in entries:
        line = entry.line if isinstance(entry, YamlMapping) else data.line_of("digcomp")
        if not isinstance(entry, dict) or not competence_ok(entry.get("competence")):
            reader.error(
                path,
                line,
                _("unknown DigComp 2.2 competence %(code)r")
                % {"code": entry.get("competence") if isinstance(entry, dict) else entry},
            )
            continue
        if not level_ok(entry.get("level")):
            reader.error(path, line, _("DigComp level must be a whole number from 1 to 8"))
            continue
        result.append({"competence": entry["competence"], "level": entry["level"]})
    return result


def _glossary(
    reader: ContentReader, path: Path, data: YamlMapping
) -> list[dict[str, dict[str, str]]]:
    entries = data.get("glossary") or []
    if not isinstance(entries, list):
        reader.error(path, data.line_of("glossary"), _("glossary must be a list of terms"))
        return []
    result = []
    for entry in entries:
        if not isinstance(entry, YamlMapping):
            reader.error(
                path, data.line_of("glossary"), _("each glossary entry needs term and definition")
            )
            continue
        result.append(
            {
                "term": reader.language_map(path, entry, "term", required=True, label=_("term")),
                "definition": reader.language_map(
                    path, entry, "definition", required=True, label=_("definition")
                ),
            }
        )
    return result


def _outcomes(reader: ContentReader, path: Path, data: YamlMapping, code: str) -> list[OutcomeData]:
    entries = data.get("outcomes")
    if not isinstance(entries, list) or not entries:
        reader.error(
            path, data.line_of("outcomes"), _("a module needs at least one learning outcome")
        )
        return []
    result: list[OutcomeData] = []
    pattern = re.compile(rf"^{re.escape(code)}-LO\d+$")
    for order, entry in enumerate(entries, start=1):
        if not isinstance(entry, YamlMapping):
            reader.error(path, data.line_of("outcomes"), _("each outcome must be a mapping"))
            continue
        outcome_id = entry.get("id")
        if not isinstance(outcome_id, str) or not pattern.fullmatch(outcome_id):
            reader.error(
                path,
                entry.line_of("id"),
                _("outcome id must look like %(example)s") % {"example": f"{code}-LO{order}"},
            )
            outcome_id = f"{code}-LO?{order}"
        if any(existing.code == outcome_id for existing in result):
            reader.error(
                path, entry.line_of("id"), _("outcome id %(id)s is used twice") % {"id": outcome_id}
            )
        if not competence_ok(entry.get("digcomp")):
            reader.error(
                path,
                entry.line_of("digcomp"),
                _("unknown DigComp 2.2 competence %(code)r") % {"code": entry.get("digcomp")},
            )
        if not level_ok(entry.get("level")):
            reader.error(
                path, entry.line_of("level"), _("DigComp level must be a whole number from 1 to 8")
            )
        esco = entry.get("esco") or ""
        statement = reader.language_map(
            path,
            entry,
            "statement",
            required=True,
            label=_("outcome %(id)s statement") % {"id": outcome_id},
        )
        result.append(
            OutcomeData(
                code=outcome_id,
                order=order,
                digcomp=str(entry.get("digcomp")),
                level=entry.get("level") if level_ok(entry.get("level")) else 0,
                esco=str(esco),
                statement=statement,
            )
        )
    return result


def _check_every_outcome_taught(
    reader: ContentReader, path: Path, data: YamlMapping, lessons: list[LessonData]
) -> None:
    # A learner who fails an outcome is sent to the lessons that teach it: there must be one.
    taught = {code for lesson in lessons for code in lesson.outcomes}
    for entry in data.get("outcomes") or []:
        if isinstance(entry, YamlMapping) and entry.get("id") not in taught:
            reader.error(
                path,
                entry.line_of("id"),
                _("no lesson teaches outcome %(id)s: name it in a lesson's outcomes")
                % {"id": entry.get("id")},
            )


def _lesson_outcomes(
    reader: ContentReader, path: Path, meta: YamlMapping, known: set[str]
) -> list[str]:
    codes = meta.get("outcomes") or []
    line = meta.line_of("outcomes")
    if not isinstance(codes, list) or not all(isinstance(code, str) for code in codes):
        reader.error(path, line, _("outcomes must list outcome codes, for example [M01-LO1]"))
        return []
    for code in codes:
        if code not in known:
            reader.error(
                path, line, _("%(code)s is not an outcome of this module") % {"code": code}
            )
    return [code for code in dict.fromkeys(codes) if code in known]


def _lessons(reader: ContentReader, folder: Path, outcomes: set[str]) -> list[LessonData]:
    language_dirs = sorted(p for p in folder.iterdir() if p.is_dir() and p.name != "media")
    for directory in language_dirs:
        if directory.name not in reader.languages:
            reader.error(
                directory, None, _("unknown language folder %(name)r") % {"name": directory.name}
            )
    reference = folder / REFERENCE_LANGUAGE
    names = sorted(p.name for p in reference.glob("*.md")) if reference.is_dir() else []
    if not names:
        reader.error(reference, None, _("a module needs at least one English lesson"))
        return []
    for directory in language_dirs:
        for extra in sorted({p.name for p in directory.glob("*.md")} - set(names)):
            reader.error(
                directory / extra, None, _("there is no English lesson with this file name")
            )
    lessons = []
    for name in names:
        match = LESSON_FILE.match(name)
        if not match:
            reader.error(reference / name, None, _("lesson file names look like 01-short-title.md"))
            continue
        per_language = {
            directory.name: _read_lesson_file(reader, directory / name)
            for directory in language_dirs
            if directory.name in reader.languages and (directory / name).exists()
        }
        lesson = _merge_lesson(reader, folder, name, per_language, outcomes)
        if lesson is not None:
            lessons.append(lesson)
    return lessons


def _read_lesson_file(reader: ContentReader, path: Path) -> tuple[YamlMapping, str, int] | None:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        reader.error(path, None, _("file is not UTF-8 text"))
        return None
    match = FRONT_MATTER.match(text)
    if not match:
        reader.error(path, 1, _("the file must start with front matter between --- lines"))
        return None
    meta = reader.load_yaml(path, match.group("yaml"), line_offset=1)
    if not isinstance(meta, YamlMapping):
        if meta is not None:
            reader.error(path, 2, _("front matter must be a mapping of keys to values"))
        return None
    body_first_line = text[: match.end()].count("\n") + 1
    body = text[match.end() :].strip()
    if not body:
        reader.error(path, body_first_line, _("the lesson has no text"))
    for line, problem in markdown.problems(body):
        reader.error(path, body_first_line + line - 1, problem)
    module_code = path.parent.parent.name
    for target, line in markdown.internal_links(body):
        reader.links.append((path, body_first_line + line - 1, module_code, target))
    return meta, body, body_first_line


def _merge_lesson(
    reader: ContentReader,
    folder: Path,
    name: str,
    per_language: dict[str, tuple[YamlMapping, str, int] | None],
    outcomes: set[str],
) -> LessonData | None:
    english = per_language.get(REFERENCE_LANGUAGE)
    if english is None:
        return None
    meta, _body, _line = english
    path = folder / REFERENCE_LANGUAGE / name
    reviewed_on: date | None = None
    minutes = reader.number(path, meta, "minutes", minimum=1, maximum=180, whole=True)
    taught = _lesson_outcomes(reader, path, meta, outcomes)
    title: dict[str, str] = {}
    body: dict[str, str] = {}
    media: dict[str, list[dict[str, Any]]] = {}
    checks: dict[str, dict[str, Any]] = {}
    sources: dict[str, list[dict[str, str]]] = {}
    board_notes: dict[str, str] = {}
    for language, parsed in per_language.items():
        if parsed is None:
            continue
        lang_meta, lang_body, _first = parsed
        lang_path = folder / language / name
        if not isinstance(lang_meta.get("title"), str) or not lang_meta["title"].strip():
            reader.error(lang_path, lang_meta.line_of("title"), _("the lesson has no title"))
        else:
            title[language] = lang_meta["title"].strip()
        body[language] = lang_body
        media[language] = _media(reader, folder, lang_path, lang_meta)
        sources[language] = provenance.read_sources(reader, lang_path, lang_meta)
        # Only the English date counts; a translation's is still checked, so a typo is caught.
        reviewed = provenance.read_reviewed(reader, lang_path, lang_meta)
        if language == REFERENCE_LANGUAGE:
            reviewed_on = reviewed
        if lang_meta.get("check") is not None:
            checks[language] = _check(reader, lang_path, lang_meta)
        note = lang_meta.get("board_note")
        if note is not None and (not isinstance(note, str) or not note.strip()):
            reader.error(lang_path, lang_meta.line_of("board_note"),
                         _("board_note must be a text for the Advisory Board"))
        elif note is not None:
            board_notes[language] = note.strip()
    correct = checks.get(REFERENCE_LANGUAGE, {}).get("correct")
    for language, check in checks.items():
        if check and check.get("correct") != correct:
            reader.error(
                folder / language / name,
                None,
                _("the knowledge check's right answer differs from the English one"),
            )
    return LessonData(
        slug=name.removesuffix(".md"),
        order=int(name[:2]),
        minutes=minutes or 0,
        title=title,
        body=body,
        media=_merge_media(media),
        check=_merge_check(checks),
        sources=provenance.merge_sources(sources),
        reviewed=reviewed_on,
        board_notes=board_notes,
        outcomes=taught,
    )


def _media(
    reader: ContentReader, folder: Path, path: Path, meta: YamlMapping
) -> list[dict[str, Any]]:
    entries = meta.get("media") or []
    if not isinstance(entries, list):
        reader.error(path, meta.line_of("media"), _("media must be a list"))
        return []
    result = []
    for entry in entries:
        line = entry.line if isinstance(entry, YamlMapping) else meta.line_of("media")
        if not isinstance(entry, dict) or entry.get("type") not in MEDIA_TYPES:
            reader.error(path, line, _("media type must be image, video or audio"))
            continue
        src = entry.get("src")
        if (
            not isinstance(src, str)
            or "/" in src
            or "\\" in src
            or not (folder / "media" / src).is_file()
        ):
            reader.error(
                path,
                line,
                _("media file %(src)r is not in the module's media folder") % {"src": src},
            )
            continue
        if entry["type"] == "image" and not str(entry.get("alt") or "").strip():
            reader.error(path, line, _("image has no alt text"))
            continue
        if entry["type"] != "image" and not (entry.get("captions") or entry.get("transcript")):
            reader.error(
                path, line, _("%(type)s needs captions or a transcript") % {"type": entry["type"]}
            )
            continue
        result.append(
            {
                key: entry[key]
                for key in ("type", "src", "alt", "captions", "transcript")
                if entry.get(key)
            }
        )
    return result


def _merge_media(per_language: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """One entry per file; alt text and transcripts become language maps."""
    merged: dict[str, dict[str, Any]] = {}
    for language, entries in per_language.items():
        for entry in entries:
            item = merged.setdefault(
                entry["src"],
                {
                    "type": entry["type"],
                    "src": entry["src"],
                    "alt": {},
                    "transcript": {},
                    "captions": {},
                },
            )
            for key in ("alt", "transcript", "captions"):
                if entry.get(key):
                    item[key][language] = entry[key]
    return list(merged.values())


def _check(reader: ContentReader, path: Path, meta: YamlMapping) -> dict[str, Any]:
    check = meta.get("check")
    line = meta.line_of("check")
    if not isinstance(check, dict):
        reader.error(path, line, _("check must have question, options, correct and feedback"))
        return {}
    options = check.get("options")
    correct = check.get("correct")
    if not isinstance(check.get("question"), str) or not check["question"].strip():
        reader.error(path, line, _("the knowledge check has no question"))
    if (
        not isinstance(options, list)
        or len(options) < 2
        or not all(
            isinstance(option, str | int | float) and str(option).strip() for option in options
        )
    ):
        reader.error(path, line, _("the knowledge check needs at least two options"))
        return {}
    if not isinstance(correct, int) or isinstance(correct, bool) or not 0 <= correct < len(options):
        reader.error(path, line, _("correct must be the number of an option, counting from 0"))
        return {}
    return {
        "question": str(check.get("question", "")).strip(),
        "options": [str(option).strip() for option in options],
        "correct": correct,
        "feedback": str(check.get("feedback") or "").strip(),
    }


def _merge_check(per_language: dict[str, dict[str, Any]]) -> dict[str, Any]:
    english = per_language.get(REFERENCE_LANGUAGE)
    if not english:
        return {}
    return {
        "correct": english["correct"],
        "question": {lang: c["question"] for lang, c in per_language.items() if c},
        "options": {lang: c["options"] for lang, c in per_language.items() if c},
        "feedback": {lang: c["feedback"] for lang, c in per_language.items() if c},
    }


def competence_ok(code: Any) -> bool:
    return isinstance(code, str) and code in COMPETENCES


def level_ok(level: Any) -> bool:
    return isinstance(level, int) and not isinstance(level, bool) and level in LEVELS
