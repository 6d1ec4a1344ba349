"""Translators' round trip: export a module (or the course) as XLIFF 2.0, import it back.

translate-toolkit writes and reads the XLIFF (decision 0018). One XLIFF unit per text field,
`id="<module>:<unit>:<field>"` (e.g. `M01:M01-Q03:options.2.text`); each carries the English
fingerprint of its unit (`mc:source`), so the import can tell a file made from an older English
text. Accepted answers travel one per line. The import writes only the texts that changed, marks
their units `needs_review` in translations.yaml, and refuses units whose English has changed
since the export unless asked to accept them.
"""

from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _
from lxml import etree
from translate.storage.xliff2 import Xliff2File, Xliff2Unit

from microcred.curriculum.content_files import ContentInvalid, ModuleData, read_curriculum
from microcred.curriculum.text import REFERENCE_LANGUAGE, configured_languages
from microcred.curriculum.translation_files import CannotWrite, lines_to_list, write_translations
from microcred.curriculum.translation_status import (
    NEEDS_REVIEW,
    TRANSLATED,
    read_sidecar,
    write_sidecar,
)
from microcred.curriculum.translation_units import FieldText, Unit, module_units, read_items

NAMESPACE = "urn:microcred:xliff"
FINGERPRINT = f"{{{NAMESPACE}}}source"


class TranslationImportError(Exception):
    """The file cannot be imported; nothing was written. The message says why."""


@dataclass
class ImportReport:
    language: str
    changed: list[str] = field(default_factory=list)  # "M01 lesson.01-slug"
    unchanged: int = 0
    outdated_accepted: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return _(
            "%(changed)d unit(s) changed and marked for review, %(same)d unchanged (%(language)s)."
        ) % {"changed": len(self.changed), "same": self.unchanged, "language": self.language}


def export_xliff(*, root: Path, language: str, modules: list[str] | None = None) -> bytes:
    """XLIFF 2.0 with every text of the chosen modules: English source, current translation."""
    _check_language(language)
    course = read_curriculum(root)
    store = Xliff2File(sourcelanguage=REFERENCE_LANGUAGE)
    store.settargetlanguage(language)
    for module in _chosen(course.modules, modules):
        sidecar = read_sidecar(root / module.folder) or {}
        recorded = sidecar.get(language, {})
        for unit in module_units(module, read_items(root / module.folder)):
            fingerprint = unit.fingerprint()
            entry = recorded.get(unit.id) or {}
            current = entry.get("source") == fingerprint and entry.get("state") == TRANSLATED
            for field_path in unit.fields:
                english = unit.text(field_path, REFERENCE_LANGUAGE)
                if english is None:
                    continue
                xliff_unit = Xliff2Unit(_as_text(english))
                store.addunit(xliff_unit)
                xliff_unit.setid(f"{module.code}:{unit.id}:{field_path}")
                xliff_unit.getunitelement().set(FINGERPRINT, fingerprint)
                translation = unit.text(field_path, language)
                if translation is not None:
                    xliff_unit.target = _as_text(translation)
                    # "initial": a translator should look at it (outdated or not yet checked).
                    xliff_unit.xmlelement.set("state", "final" if current else "initial")
    # One declaration of our namespace on the root instead of one on every unit.
    etree.cleanup_namespaces(store.document.getroot(), top_nsmap={"mc": NAMESPACE})
    return bytes(store)


def import_xliff(*, root: Path, data: bytes, accept_outdated: bool = False) -> ImportReport:
    """Write the changed translations of an XLIFF 2.0 file into the content files.

    Nothing is written when the file is not XLIFF 2.0 for a known language, names a text the
    course does not have, was made from an older English text (unless `accept_outdated`), or
    when the files would no longer be valid content.
    """
    try:
        store = Xliff2File.parsestring(data)
    except Exception as problem:  # lxml and the toolkit raise several kinds
        raise TranslationImportError(
            _("This is not an XLIFF 2.0 file: %(problem)s") % {"problem": problem}
        ) from None
    language = store.gettargetlanguage() or ""
    _check_language(language)
    course = read_curriculum(root)
    by_code = {module.code: module for module in course.modules}
    units = {
        module.code: {u.id: u for u in module_units(module, read_items(root / module.folder))}
        for module in course.modules
    }
    report = ImportReport(language)
    changes: dict[str, dict[str, dict[str, FieldText]]] = {}  # module -> unit -> field -> text
    made_from: dict[tuple[str, str], str] = {}
    outdated: list[str] = []
    seen: set[tuple[str, str]] = set()
    for xliff_unit in store.getunits():
        module_code, unit_id, field_path = _split_id(xliff_unit.getid() or "")
        unit = units.get(module_code, {}).get(unit_id)
        if unit is None or field_path not in unit.fields:
            raise TranslationImportError(
                _("The file names a text this course does not have: %(id)s")
                % {"id": xliff_unit.getid()}
            )
        seen.add((module_code, unit_id))
        source = xliff_unit.getunitelement().get(FINGERPRINT, "")
        target = str(xliff_unit.target or "").strip()
        if not target:
            continue
        english = unit.text(field_path, REFERENCE_LANGUAGE)
        text: FieldText = lines_to_list(target) if isinstance(english, list) else target
        if _same(text, unit.text(field_path, language)):
            continue
        label = f"{module_code} {unit_id}"
        if source != unit.fingerprint() and label not in outdated:
            outdated.append(label)
        changes.setdefault(module_code, {}).setdefault(unit_id, {})[field_path] = text
        made_from[(module_code, unit_id)] = source
    if outdated and not accept_outdated and not any(source for source in made_from.values()):
        # Some tools drop attributes they do not know; then no unit can be checked.
        raise TranslationImportError(
            _(
                "The file has lost the English fingerprints of its texts (the mc:source "
                "attribute), so it cannot be checked against today's English. Export again and "
                "use a tool that keeps it, or import again accepting outdated texts."
            )
        )
    if outdated and not accept_outdated:
        raise TranslationImportError(
            _(
                "The English text of these units changed after the file was exported: %(units)s. "
                "Export again and translate the new text, or import again accepting outdated "
                "texts (they stay marked outdated)."
            )
            % {"units": ", ".join(outdated)}
        )
    report.outdated_accepted = outdated
    _write(root, by_code, units, language, changes, made_from)
    report.changed = [f"{code} {unit_id}" for code in changes for unit_id in changes[code]]
    report.unchanged = len(seen) - len(report.changed)
    return report


def _write(
    root: Path,
    modules: dict[str, ModuleData],
    units: dict[str, dict[str, Unit]],
    language: str,
    changes: dict[str, dict[str, dict[str, FieldText]]],
    made_from: dict[tuple[str, str], str],
) -> None:
    """Write every change, or none: the files are restored if the result is not valid content."""
    originals: dict[Path, str | None] = {}
    try:
        for code, unit_changes in changes.items():
            folder = root / modules[code].folder
            for path in _touched(folder, language, units[code], unit_changes):
                if path not in originals:
                    originals[path] = path.read_text(encoding="utf-8") if path.exists() else None
            write_translations(
                folder,
                language,
                [(units[code][unit_id], fields) for unit_id, fields in unit_changes.items()],
            )
            sidecar = read_sidecar(folder) or {}
            for unit_id in unit_changes:
                sidecar.setdefault(language, {})[unit_id] = {
                    "source": made_from[(code, unit_id)],
                    "state": NEEDS_REVIEW,
                }
            write_sidecar(folder, sidecar)
        read_curriculum(root)
    except (ContentInvalid, CannotWrite) as problem:
        for path, text in originals.items():
            if text is None:
                path.unlink(missing_ok=True)
            else:
                path.write_text(text, encoding="utf-8")
        raise TranslationImportError(
            _("The translated texts would make the content invalid; nothing was changed:\n%(p)s")
            % {"p": problem}
        ) from None


def _touched(
    folder: Path, language: str, units: dict[str, Unit], changes: dict[str, dict[str, FieldText]]
) -> set[Path]:
    paths = {folder / "translations.yaml", folder / "module.yaml", folder / "items.yaml"}
    for unit_id in changes:
        if unit_id.startswith("lesson."):
            paths.add(folder / language / (unit_id.removeprefix("lesson.") + ".md"))
    return {path for path in paths if path.exists() or path.suffix == ".md"}


def _split_id(xliff_id: str) -> tuple[str, str, str]:
    parts = xliff_id.split(":")
    return (parts[0], parts[1], parts[2]) if len(parts) == 3 else ("", "", "")


def _same(new: FieldText, old: FieldText | None) -> bool:
    if isinstance(new, list):
        return new == (old or [])
    # Tools may change line endings; any other difference is the translator's.
    return new.replace("\r\n", "\n").strip() == str(old or "").replace("\r\n", "\n").strip()


def _as_text(value: FieldText) -> str:
    return "\n".join(value) if isinstance(value, list) else value


def _check_language(language: str) -> None:
    if language not in configured_languages() or language == REFERENCE_LANGUAGE:
        raise TranslationImportError(
            _("%(language)r is not a language to translate into; choose one of: %(languages)s")
            % {
                "language": language,
                "languages": ", ".join(
                    code for code in configured_languages() if code != REFERENCE_LANGUAGE
                ),
            }
        )


def _chosen(modules: list[ModuleData], codes: list[str] | None) -> list[ModuleData]:
    if codes is None:
        return modules
    unknown = sorted(set(codes) - {module.code for module in modules})
    if unknown:
        raise TranslationImportError(_("No such module: %(codes)s") % {"codes": ", ".join(unknown)})
    return [module for module in modules if module.code in codes]
