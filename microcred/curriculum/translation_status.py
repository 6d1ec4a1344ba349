"""What each translation of a module was made from, and what that makes its status.

Each module folder keeps one sidecar file, `translations.yaml`:

    el:
      lesson.01-what-is-a-device: {source: 3fa2c1d0e9ab, state: translated}
      M01-Q01: {source: 77d0c2a1b4e5, state: needs_review}

`source` is the English fingerprint the translation was made from
(microcred/curriculum/translation_units.py); `state` is `translated` or `needs_review` (changed
by an XLIFF import and not yet checked by a second reader). A language is then:
- missing when some unit has no text in it,
- outdated when some unit was made from another English text, has no record, or needs review,
- complete otherwise.
A module without a sidecar predates the workflow: a language counts as complete when every lesson
has a text in it, as before (languages.presence_states).
"""

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from django.utils.translation import gettext as _

from microcred.curriculum.content_files import ContentError, ContentInvalid, ModuleData
from microcred.curriculum.languages import LanguageStatus, presence_states
from microcred.curriculum.text import REFERENCE_LANGUAGE, configured_languages
from microcred.curriculum.translation_units import (
    Unit,
    load_yaml_file,
    module_units,
    read_items,
)

SIDECAR = "translations.yaml"
TRANSLATED = "translated"
NEEDS_REVIEW = "needs_review"

Sidecar = dict[str, dict[str, dict[str, str]]]


@dataclass
class LanguageReport:
    language: str
    outdated: list[str] = field(default_factory=list)  # unit ids
    missing: list[str] = field(default_factory=list)

    @property
    def status(self) -> LanguageStatus:
        if self.missing:
            return LanguageStatus.MISSING
        if self.outdated:
            return LanguageStatus.OUTDATED
        return LanguageStatus.COMPLETE

    def as_state(self) -> dict[str, Any]:
        """The part of ModuleVersion.languages[language] the import writes."""
        return {"status": str(self.status), "outdated": self.outdated, "missing": self.missing}


def read_sidecar(folder: Path) -> Sidecar | None:
    """The module's translations.yaml, None when it has none; ContentInvalid when it is broken."""
    path = folder / SIDECAR
    if not path.exists():
        return None
    try:
        data = load_yaml_file(path) or {}
    except yaml.YAMLError as problem:
        mark = getattr(problem, "problem_mark", None)
        raise ContentInvalid(
            [
                ContentError(
                    f"{folder.name}/{SIDECAR}",
                    mark.line + 1 if mark else None,
                    _("not valid YAML: %(problem)s")
                    % {"problem": getattr(problem, "problem", problem)},
                )
            ]
        ) from None
    entries = data.values() if isinstance(data, dict) else [None]
    if not all(
        isinstance(units, dict) and all(isinstance(entry, dict) for entry in units.values())
        for units in entries
    ):
        raise ContentInvalid(
            [
                ContentError(
                    f"{folder.name}/{SIDECAR}",
                    None,
                    _("must map each language to units, each with a source and a state"),
                )
            ]
        )
    return {
        str(language): {str(unit): dict(entry) for unit, entry in units.items()}
        for language, units in data.items()
    }


def write_sidecar(folder: Path, sidecar: Sidecar) -> None:
    header = (
        "# What each translation was made from: the English fingerprint of each unit and its\n"
        "# state (translated | needs_review). Written by translation_fingerprints and\n"
        '# translation_import; see docs/content-format.md, "Translation workflow".\n'
    )
    ordered = {language: sidecar[language] for language in sorted(sidecar)}
    body = yaml.safe_dump(
        ordered, allow_unicode=True, sort_keys=False, default_flow_style=None, width=100
    )
    (folder / SIDECAR).write_text(header + body, encoding="utf-8")


def language_reports(
    units: list[Unit], sidecar: Sidecar, languages: list[str] | None = None
) -> dict[str, LanguageReport]:
    reports = {}
    for language in languages or configured_languages():
        report = LanguageReport(language)
        if language != REFERENCE_LANGUAGE:
            recorded = sidecar.get(language, {})
            for unit in units:
                if unit.missing_in(language):
                    report.missing.append(unit.id)
                elif not _current(recorded.get(unit.id), unit):
                    report.outdated.append(unit.id)
        reports[language] = report
    return reports


def _current(entry: dict[str, str] | None, unit: Unit) -> bool:
    return (
        entry is not None
        and entry.get("source") == unit.fingerprint()
        and entry.get("state", TRANSLATED) == TRANSLATED
    )


def module_language_states(folder: Path, module: ModuleData) -> dict[str, dict[str, Any]]:
    """{language: {"status", "outdated", "missing"}} of a module folder, for the import."""
    sidecar = read_sidecar(folder)
    if sidecar is None:
        return {
            code: {"status": state["status"], "outdated": [], "missing": []}
            for code, state in presence_states([lesson.body for lesson in module.lessons]).items()
        }
    reports = language_reports(module_units(module, read_items(folder)), sidecar)
    return {language: report.as_state() for language, report in reports.items()}


def record_current_sources(
    folder: Path,
    module: ModuleData,
    *,
    languages: list[str] | None = None,
    unit_ids: list[str] | None = None,
) -> int:
    """Record that present translations were made from today's English and were reviewed.

    For content translated before the workflow existed, or once a second reader has checked
    outdated units. Without `languages` or `unit_ids`, every language and unit; other records
    are kept. Returns how many records were written.
    """
    units = module_units(module, read_items(folder))
    sidecar = read_sidecar(folder) or {}
    written = 0
    for language in languages or configured_languages():
        if language == REFERENCE_LANGUAGE:
            continue
        recorded = sidecar.setdefault(language, {})
        for unit in units:
            if (unit_ids is None or unit.id in unit_ids) and not unit.missing_in(language):
                recorded[unit.id] = {"source": unit.fingerprint(), "state": TRANSLATED}
                written += 1
        # In the module's reading order, without units the module no longer has.
        sidecar[language] = {unit.id: recorded[unit.id] for unit in units if unit.id in recorded}
    write_sidecar(folder, sidecar)
    return written


def record_course_sources(
    *,
    root: Path,
    modules: list[str] | None = None,
    languages: list[str] | None = None,
    unit_ids: list[str] | None = None,
) -> int:
    """record_current_sources for every module of a content folder (or the named ones)."""
    from microcred.curriculum.content_files import read_curriculum

    written = 0
    for module in read_curriculum(root).modules:
        if modules is None or module.code in modules:
            written += record_current_sources(
                root / module.folder, module, languages=languages, unit_ids=unit_ids
            )
    return written
