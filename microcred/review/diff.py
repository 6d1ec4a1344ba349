"""What changed between the version under review and the published one, in one language.

Server-rendered and readable without colour: removed text is in <del>, added text in <ins>,
each starting with a visually hidden "Removed:" / "Added:" so screen readers announce it (most
do not announce <ins>/<del> on their own). Whether a text changed is decided on what learners
see (a lesson as rendered, in exactly one language); what changed is shown in the Markdown the
authors wrote, paragraph by paragraph, then word by word inside a changed paragraph.
"""

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Any

import yaml
from django.conf import settings
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from microcred.assessment import banks
from microcred.curriculum.models import ModuleVersion, VersionState
from microcred.curriculum.translation_units import is_language_map

_WORDS = re.compile(r"\s+|[^\s]+")
_PARAGRAPHS = re.compile(r"\n\s*\n")
# A browser sends a text box's line breaks as CR LF; the files and the import use LF.
_NEWLINES = re.compile(r"\r\n?")


@dataclass(frozen=True)
class DiffBlock:
    html: SafeString
    unchanged: bool = False


@dataclass
class TextChange:
    label: str
    kind: str  # "changed", "added" or "removed"
    blocks: list[DiffBlock] = field(default_factory=list)


def base_version(version: ModuleVersion) -> ModuleVersion | None:
    """What learners see (or last saw) instead of `version`: the version to compare with."""
    published_id = version.module.published_version_id
    if published_id and published_id != version.pk:
        return (
            ModuleVersion.objects.select_related("module")
            .prefetch_related("lessons", "outcomes")
            .get(pk=published_id)
        )
    return (
        ModuleVersion.objects.filter(
            module_id=version.module_id, number__lt=version.number, published_at__isnull=False
        )
        .exclude(state=VersionState.WITHDRAWN)
        .prefetch_related("lessons", "outcomes")
        .order_by("-number")
        .first()
    )


@dataclass(frozen=True)
class _Text:
    label: str
    shown: str  # what the diff shows: the text as the author wrote it
    compared: str  # what decides whether it changed: the text as learners see it
    long: bool = False


def version_diff(*, version: ModuleVersion, base: ModuleVersion, language: str) -> list[TextChange]:
    """Every text that differs between `base` and `version` in `language`, in reading order."""
    old, new = _texts(base, language), _texts(version, language)
    changes = []
    for key in _changed_keys(old, new):
        before, after = old.get(key), new.get(key)
        either = after or old[key]
        change = text_change(
            either.label,
            before.shown if before else "",
            after.shown if after else "",
            long=either.long,
        )
        if change is not None:
            changes.append(change)
    return changes


@dataclass(frozen=True)
class LanguageChanges:
    language: str
    name: str
    count: int  # texts that differ in this language


def changes_by_language(*, version: ModuleVersion, base: ModuleVersion) -> list[LanguageChanges]:
    """How many texts differ in each course language: after an English-only edit, only English.

    Texts are compared as learners see them (lessons as rendered), so a change of line endings
    or Markdown spacing that renders the same is not a change.
    """
    return [
        LanguageChanges(
            code, str(name), len(_changed_keys(_texts(base, code), _texts(version, code)))
        )
        for code, name in settings.LANGUAGES
    ]


def _changed_keys(old: dict[str, _Text], new: dict[str, _Text]) -> list[str]:
    keys = [*new, *(key for key in old if key not in new)]
    return [
        key
        for key in keys
        if _normalised(old[key].compared if key in old else "")
        != _normalised(new[key].compared if key in new else "")
    ]


def _texts(version: ModuleVersion, language: str) -> dict[str, _Text]:
    """Every text of a version in exactly `language`, keyed so two versions line up."""
    texts = {
        "title": _plain(_("Title"), version.title, language),
        "summary": _plain(_("Summary"), version.summary, language),
    }
    for outcome in version.outcomes.all():
        texts[f"outcome:{outcome.code}"] = _plain(
            _("Learning outcome %(code)s") % {"code": outcome.code}, outcome.statement, language
        )
    for lesson in version.lessons.all():
        slug = lesson.slug
        texts[f"lesson:{slug}:title"] = _plain(
            _("Lesson %(lesson)s: title") % {"lesson": slug}, lesson.title, language
        )
        texts[f"lesson:{slug}:text"] = _Text(
            _("Lesson %(lesson)s: text") % {"lesson": slug},
            shown=version_text(lesson.body, language),
            compared=version_text(lesson.body_html, language),
            long=True,
        )
    for item_id, text in _item_texts(version, language):
        label = _("Question %(id)s") % {"id": item_id}
        texts[f"item:{item_id}"] = _Text(label, text, text, long=True)
    return texts


def _item_texts(version: ModuleVersion, language: str) -> list[tuple[str, str]]:
    """Each exam item of the version as one text in `language`: its texts in that language and
    the fields every language shares (type, outcome, answer key), one line each. A changed key
    is a change in every language; a changed Greek stem only in Greek."""
    bank = banks.bank_of(version)
    if bank is None:
        return []
    return [
        (item["id"], "\n\n".join(_item_lines(item, language)))
        for item in _raw_items(bank.source)
    ]


@lru_cache(maxsize=32)
def _raw_items(source: str) -> tuple[dict[str, Any], ...]:
    """The items of a bank's items.yaml, parsed once: a diff page reads each bank in seven
    languages (a bank's source never changes, so the text itself is the key)."""
    data = yaml.load(source, Loader=yaml.CSafeLoader) or {}
    items = data.get("items") if isinstance(data, dict) else None
    return tuple(
        item for item in items or []
        if isinstance(item, dict) and isinstance(item.get("id"), str)
    )


def _item_lines(value: object, language: str, path: str = "") -> list[str]:
    if is_language_map(value):
        text = value.get(language, "")  # type: ignore[union-attr]
        text = "\n".join(map(str, text)) if isinstance(text, list) else str(text or "")
        return [f"{path}: {text.strip()}"] if text.strip() else []
    if isinstance(value, dict):
        return [line for key, child in value.items()
                for line in _item_lines(child, language, f"{path}.{key}" if path else str(key))]
    if isinstance(value, list):
        return [line for index, child in enumerate(value)
                for line in _item_lines(child, language, f"{path}.{index}")]
    return [f"{path}: {value}"]


def _plain(label: str, mapping: dict[str, str] | None, language: str) -> _Text:
    text = version_text(mapping, language)
    return _Text(label, text, text)


def _normalised(text: str) -> str:
    return _NEWLINES.sub("\n", text).strip()


def version_text(mapping: dict[str, str] | None, language: str) -> str:
    """The text in exactly this language: a missing translation is a difference, not English."""
    return (mapping or {}).get(language, "")


def text_change(label: str, old: str, new: str, *, long: bool = False) -> TextChange | None:
    old, new = _normalised(old), _normalised(new)
    if old == new:
        return None
    if not old:
        return TextChange(label, "added", [DiffBlock(_added(text)) for text in _split(new, long)])
    if not new:
        return TextChange(
            label, "removed", [DiffBlock(_removed(text)) for text in _split(old, long)]
        )
    if not long:
        return TextChange(label, "changed", [DiffBlock(inline_diff(old, new))])
    return TextChange(label, "changed", _paragraph_diff(_split(old, True), _split(new, True)))


def _split(text: str, long: bool) -> list[str]:
    if not long:
        return [text]
    return [part.strip() for part in _PARAGRAPHS.split(text) if part.strip()]


def _paragraph_diff(old: list[str], new: list[str]) -> list[DiffBlock]:
    blocks: list[DiffBlock] = []
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            blocks.append(DiffBlock(_unchanged_note(i2 - i1), unchanged=True))
            continue
        pairs = min(i2 - i1, j2 - j1) if tag == "replace" else 0
        blocks.extend(DiffBlock(inline_diff(old[i1 + k], new[j1 + k])) for k in range(pairs))
        blocks.extend(DiffBlock(_removed(text)) for text in old[i1 + pairs : i2])
        blocks.extend(DiffBlock(_added(text)) for text in new[j1 + pairs : j2])
    return blocks


def inline_diff(old: str, new: str) -> SafeString:
    """Word-level changes between two short texts, as escaped HTML with <del> and <ins>."""
    a, b = _WORDS.findall(old), _WORDS.findall(new)
    parts: list[str] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            parts.append(escape("".join(a[i1:i2])))
            continue
        if i2 > i1:
            parts.append(_removed("".join(a[i1:i2])))
        if j2 > j1:
            parts.append(_added("".join(b[j1:j2])))
    return mark_safe("".join(parts))  # noqa: S308 - every piece is escaped above


def _removed(text: str) -> SafeString:
    return format_html(
        '<del><span class="visually-hidden">{} </span>{}</del>', _("Removed:"), text
    )


def _added(text: str) -> SafeString:
    return format_html('<ins><span class="visually-hidden">{} </span>{}</ins>', _("Added:"), text)


def _unchanged_note(count: int) -> SafeString:
    return format_html(
        '<span class="diff-unchanged">{}</span>',
        ngettext("%(count)d paragraph unchanged", "%(count)d paragraphs unchanged", count)
        % {"count": count},
    )
