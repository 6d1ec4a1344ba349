"""Write modules back to content files, in the format `content_files` reads.

Import -> export -> import is stable: the exported files parse to the same normalised content,
so re-importing them creates no new version.
"""

from pathlib import Path
from typing import Any

import yaml

from microcred.curriculum import exam_part
from microcred.curriculum.content_files import LessonData, ModuleData, OutcomeData
from microcred.curriculum.models import Curriculum, ModuleVersion
from microcred.curriculum.text import REFERENCE_LANGUAGE
from microcred.curriculum.workload import Workload


def version_to_data(version: ModuleVersion) -> ModuleData:
    return ModuleData(
        folder=version.module.folder,
        code=version.module.code,
        order=version.module.order,
        eqf_level=version.eqf_level,
        prerequisites=list(version.prerequisites),
        title=dict(version.title),
        summary=dict(version.summary),
        digcomp=list(version.digcomp),
        esco=list(version.esco),
        glossary=list(version.glossary),
        outcomes=[
            OutcomeData(
                code=o.code,
                order=o.order,
                digcomp=o.digcomp,
                level=o.level,
                esco=o.esco,
                statement=dict(o.statement),
            )
            for o in version.outcomes.order_by("order")
        ],
        lessons=[
            LessonData(
                slug=lesson.slug,
                order=lesson.order,
                minutes=lesson.minutes,
                title=dict(lesson.title),
                body=dict(lesson.body),
                media=list(lesson.media),
                check=dict(lesson.check_question),
                sources={language: list(entries) for language, entries in lesson.sources.items()},
                reviewed=lesson.reviewed,
                board_notes=dict(lesson.board_notes or {}),
                outcomes=list(lesson.outcomes),
            )
            for lesson in version.lessons.order_by("order")
        ],
        workload=Workload.from_dict(version.workload),
    )


def _number(value: Any) -> float | int:
    number = float(value)
    return int(number) if number.is_integer() else number


def _dump(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def write_curriculum(root: Path, curriculum: Curriculum, versions: list[ModuleVersion]) -> None:
    root.mkdir(parents=True, exist_ok=True)
    (root / "curriculum.yaml").write_text(
        _dump(
            {
                "code": curriculum.code,
                "title": curriculum.title,
                "summary": curriculum.summary,
                "modules": [version.module.folder for version in versions],
                "course_credential": curriculum.course_credential,
            }
        ),
        encoding="utf-8",
    )
    part = exam_part.handler()
    for version in versions:
        write_module(root / version.module.folder, version_to_data(version))
        exam = part.source(version) if part is not None else None
        if exam is not None:
            (root / version.module.folder / exam_part.EXAM_FILE).write_text(exam, encoding="utf-8")


def write_module(folder: Path, module: ModuleData) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "module.yaml").write_text(
        _dump(
            {
                "code": module.code,
                "order": module.order,
                "eqf_level": module.eqf_level,
                "prerequisites": module.prerequisites,
                "title": module.title,
                "summary": module.summary,
                "digcomp": module.digcomp,
                "esco": module.esco,
                "outcomes": [
                    {
                        "id": o.code,
                        "digcomp": o.digcomp,
                        "level": o.level,
                        **({"esco": o.esco} if o.esco else {}),
                        "statement": o.statement,
                    }
                    for o in module.outcomes
                ],
                "glossary": module.glossary,
            }
        ),
        encoding="utf-8",
    )
    for lesson in module.lessons:
        for language, body in lesson.body.items():
            meta: dict[str, Any] = {
                "title": lesson.title.get(language, ""),
                "minutes": lesson.minutes,
            }
            media = [_media_for(item, language) for item in lesson.media]
            if any(media):
                meta["media"] = [item for item in media if item]
            check = _check_for(lesson.check, language)
            if check:
                meta["check"] = check
            if lesson.sources.get(language):
                meta["sources"] = lesson.sources[language]
            if lesson.reviewed and language == REFERENCE_LANGUAGE:
                meta["reviewed"] = lesson.reviewed
            if lesson.board_notes.get(language):
                meta["board_note"] = lesson.board_notes[language]
            if lesson.outcomes and language == REFERENCE_LANGUAGE:
                meta["outcomes"] = lesson.outcomes
            path = folder / language / f"{lesson.slug}.md"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(f"---\n{_dump(meta)}---\n{body}\n", encoding="utf-8")


def _media_for(item: dict[str, Any], language: str) -> dict[str, Any]:
    entry = {"type": item["type"], "src": item["src"]}
    for key in ("alt", "transcript", "captions"):
        value = item.get(key, {}).get(language) or item.get(key, {}).get(REFERENCE_LANGUAGE)
        if value:
            entry[key] = value
    return entry


def _check_for(check: dict[str, Any], language: str) -> dict[str, Any]:
    if not check or language not in check.get("question", {}):
        return {}
    return {
        "question": check["question"][language],
        "options": check["options"][language],
        "correct": check["correct"],
        "feedback": check["feedback"].get(language, ""),
    }
