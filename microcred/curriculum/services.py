"""Importing the course as new draft versions (their life after that: lifecycle.py)."""

from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from microcred.accounts.models import User
from microcred.curriculum import course_cache, exam_part, markdown
from microcred.curriculum.content_files import CurriculumData, ModuleData, read_curriculum
from microcred.curriculum.languages import presence_states
from microcred.curriculum.models import (
    Curriculum,
    LearningOutcome,
    Lesson,
    Module,
    ModuleVersion,
)
from microcred.curriculum.translation_status import module_language_states
from microcred.curriculum.workload import Workload, notional_workload


class CurriculumError(Exception):
    """A rule of the curriculum workflow was broken; the message is shown to the user."""


@dataclass
class ImportReport:
    new_versions: list[ModuleVersion] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return _("%(new)d module(s) got a new draft version, %(same)d unchanged.") % {
            "new": len(self.new_versions),
            "same": len(self.unchanged),
        }


def import_curriculum(*, path: Path, actor: User | None = None) -> ImportReport:
    """Import content files: a new draft version only for modules whose content changed.

    Everything is validated before anything is written (ContentInvalid lists every problem),
    and the writes happen in one transaction: an import is all or nothing.
    """
    data = read_curriculum(path)
    return _store(data, actor, path)


@transaction.atomic
def _store(data: CurriculumData, actor: User | None, path: Path) -> ImportReport:
    curriculum, _created = Curriculum.objects.update_or_create(
        code=data.code,
        defaults={
            "title": data.title,
            "summary": data.summary,
            "course_credential": data.course_credential,
        },
    )
    report = ImportReport()
    for module_data in data.modules:
        module, _created = Module.objects.update_or_create(
            code=module_data.code,
            defaults={
                "curriculum": curriculum,
                "folder": module_data.folder,
                "order": module_data.order,
            },
        )
        fingerprint = module_data.fingerprint()
        languages = module_language_states(path / module_data.folder, module_data)
        latest = module.versions.order_by("-number").first()
        if latest is not None and latest.content_hash == fingerprint:
            # Same texts, but a reviewer may have marked translations as checked (or the
            # English fingerprints were recorded for the first time).
            _refresh_language_status(latest, languages)
            report.unchanged.append(module.code)
            continue
        report.new_versions.append(
            create_version_from_content(
                module=module,
                data=module_data,
                actor=actor,
                fingerprint=fingerprint,
                languages=languages,
            )
        )
    # Module order and folders are the import's to change, and learners see the order.
    course_cache.bump_generation()
    return report


def create_version_from_content(
    *,
    module: Module,
    data: ModuleData,
    actor: User | None,
    fingerprint: str,
    source: str = "import",
    languages: dict[str, dict[str, Any]] | None = None,
) -> ModuleVersion:
    """A new draft from parsed content; `languages`: the translation status of each language
    (translation_status.module_language_states), else counted from which lessons are present."""
    if languages is None:
        states = presence_states([lesson.body for lesson in data.lessons])
    else:
        states = {code: {**state, "approved": False} for code, state in languages.items()}
    number = (module.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = ModuleVersion.objects.create(
        module=module,
        number=number,
        content_hash=fingerprint,
        title=data.title,
        summary=data.summary,
        eqf_level=data.eqf_level,
        hours=data.workload.hours,
        ects=data.workload.ects,
        workload=data.workload.as_dict(),
        prerequisites=data.prerequisites,
        digcomp=data.digcomp,
        esco=data.esco,
        glossary=data.glossary,
        languages=states,
        source=source,
        created_by=actor,
    )
    Lesson.objects.bulk_create(
        Lesson(
            version=version,
            slug=lesson.slug,
            order=lesson.order,
            minutes=lesson.minutes,
            title=lesson.title,
            body=lesson.body,
            body_html=render_lesson_bodies(module.code, lesson.body),
            media=lesson.media,
            check_question=lesson.check,
            sources=lesson.sources,
            reviewed=lesson.reviewed,
            board_notes=lesson.board_notes,
            outcomes=lesson.outcomes,
        )
        for lesson in data.lessons
    )
    LearningOutcome.objects.bulk_create(
        LearningOutcome(
            version=version,
            code=outcome.code,
            order=outcome.order,
            statement=outcome.statement,
            digcomp=outcome.digcomp,
            level=outcome.level,
            esco=outcome.esco,
        )
        for outcome in data.outcomes
    )
    part = exam_part.handler()
    if data.exam is not None and part is not None:
        part.store(version, data.exam, actor)
    return version


def _refresh_language_status(version: ModuleVersion, languages: dict[str, dict[str, Any]]) -> None:
    # Only the translation status changes; each language's approval stays as the Board left it.
    # (A published version's language may become outdated, so no longer offered: the import
    # bumps the course cache's generation when it is done.)
    current = version.languages or {}
    refreshed = {
        code: {"approved": False, **current.get(code, {}), **state}
        for code, state in languages.items()
    }
    if refreshed != current:
        version.languages = refreshed
        version.save(update_fields=["languages"])


def recount_workload(version: ModuleVersion) -> None:
    """Count a draft's workload again after its lessons were edited by hand, as an import would.

    The test's part stays as the last import counted it: lessons edited by hand leave the
    version's item bank as it was.
    """
    lessons = list(version.lessons.all())
    counted = notional_workload(
        lesson_minutes=[lesson.minutes for lesson in lessons],
        knowledge_checks=sum(1 for lesson in lessons if lesson.check_question),
        test_questions=0,
        test_tasks=0,
    )
    workload = replace(counted, test=Workload.from_dict(version.workload).test)
    version.workload = workload.as_dict()
    version.hours = workload.hours
    version.ects = workload.ects
    version.save(update_fields=["workload", "hours", "ects"])


def render_lesson_bodies(module_code: str, bodies: dict[str, str]) -> dict[str, str]:
    """Render once when content is stored, so a lesson page does no Markdown work.

    Links are relative to the lesson page (.../<module>/<lesson>/), so the same HTML works on
    the learner's page and in the reviewers' preview of an unpublished version.
    """
    return {language: _render_lesson(module_code, body) for language, body in bodies.items()}


@lru_cache(maxsize=4096)
def _render_lesson(module_code: str, body: str) -> str:
    # The same text in the same module always renders the same: an import of an unchanged
    # course (the demo, tests) renders nothing twice.
    def resolve(target: str) -> str:
        if "/" in target:
            code, slug = target.split("/", 1)
            return f"../../{code}/{slug}/" if code != module_code else f"../{slug}/"
        return f"../{target}/"

    def resolve_media(src: str) -> str:
        return f"../media/{src}"

    return markdown.render(body, resolve, resolve_media)
