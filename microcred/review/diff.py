"""What changed between the version under review and the published one, in one language.

Server-rendered and readable without colour: removed text is in <del>, added text in <ins>,
each starting with a visually hidden "Removed:" / "Added:" so screen readers announce it (most
do not announce <ins>/<del> on their own). Lesson texts are compared as the Markdown the
authors wrote, paragraph by paragraph, then word by word inside a changed paragraph.
"""

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from microcred.curriculum.models import ModuleVersion, VersionState

_WORDS = re.compile(r"\s+|[^\s]+")
_PARAGRAPHS = re.compile(r"\n\s*\n")


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


def version_diff(*, version: ModuleVersion, base: ModuleVersion, language: str) -> list[TextChange]:
    """Every text that differs between `base` and `version` in `language`, in reading order."""
    changes: list[TextChange] = []

    def compare(label: str, old: str, new: str, *, long: bool = False) -> None:
        change = text_change(label, old or "", new or "", long=long)
        if change is not None:
            changes.append(change)

    compare(_("Title"), version_text(base.title, language), version_text(version.title, language))
    compare(
        _("Summary"), version_text(base.summary, language), version_text(version.summary, language)
    )
    old_outcomes = {o.code: o for o in base.outcomes.all()}
    new_outcomes = {o.code: o for o in version.outcomes.all()}
    for code in [*new_outcomes, *(c for c in old_outcomes if c not in new_outcomes)]:
        old, new = old_outcomes.get(code), new_outcomes.get(code)
        compare(
            _("Learning outcome %(code)s") % {"code": code},
            version_text(old.statement if old else {}, language),
            version_text(new.statement if new else {}, language),
        )
    old_lessons = {lesson.slug: lesson for lesson in base.lessons.all()}
    new_lessons = {lesson.slug: lesson for lesson in version.lessons.all()}
    for slug in [*new_lessons, *(s for s in old_lessons if s not in new_lessons)]:
        old, new = old_lessons.get(slug), new_lessons.get(slug)
        compare(
            _("Lesson %(lesson)s: title") % {"lesson": slug},
            version_text(old.title if old else {}, language),
            version_text(new.title if new else {}, language),
        )
        compare(
            _("Lesson %(lesson)s: text") % {"lesson": slug},
            version_text(old.body if old else {}, language),
            version_text(new.body if new else {}, language),
            long=True,
        )
    return changes


def version_text(mapping: dict[str, str] | None, language: str) -> str:
    """The text in exactly this language: a missing translation is a difference, not English."""
    return (mapping or {}).get(language, "")


def text_change(label: str, old: str, new: str, *, long: bool = False) -> TextChange | None:
    old, new = old.strip(), new.strip()
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
