"""Where a lesson's facts come from (`sources`) and when they were last checked (`reviewed`).

The Advisory Board confirms that every module is current and evidence-based; these two front
matter keys are the record it checks. English holds the reference list and the date; a
translation may add national sources for facts told only in that language.
"""

from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from microcred.curriculum.content_reader import ContentReader, YamlMapping
from microcred.curriculum.text import REFERENCE_LANGUAGE

Source = dict[str, str]  # {"title": ..., "url": ...}


def read_sources(reader: ContentReader, path: Path, meta: YamlMapping) -> list[Source]:
    """The `sources` list of one lesson file; [] when absent or wrong (wrong is reported)."""
    raw = meta.get("sources")
    if raw is None:
        return []
    line = meta.line_of("sources")
    if not isinstance(raw, list) or not raw:
        reader.error(path, line, _("sources must be a list of entries with a title and a url"))
        return []
    sources: list[Source] = []
    for number, entry in enumerate(raw, start=1):
        entry_line = entry.line if isinstance(entry, YamlMapping) else line
        if not isinstance(entry, dict):
            reader.error(
                path,
                entry_line,
                _("source %(number)s must have a title and a url") % {"number": number},
            )
            continue
        title, url = entry.get("title"), entry.get("url")
        if not isinstance(title, str) or not title.strip():
            reader.error(path, entry_line, _("source %(number)s has no title") % {"number": number})
            continue
        if not is_web_address(url):
            reader.error(
                path,
                entry_line,
                _("source %(number)s: url must be a web address starting with https://")
                % {"number": number},
            )
            continue
        sources.append({"title": title.strip(), "url": str(url).strip()})
    return sources


def is_web_address(url: Any) -> bool:
    if not isinstance(url, str):
        return False
    parts = urlsplit(url.strip())
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def read_reviewed(reader: ContentReader, path: Path, meta: YamlMapping) -> date | None:
    """The `reviewed` date; None when absent or wrong (wrong is reported)."""
    raw = meta.get("reviewed")
    if raw is None:
        return None
    line = meta.line_of("reviewed")
    # YAML turns 2026-12-06 into a date; a quoted "2026-12-06" stays text. A datetime is a date
    # subclass, but a time of day says more than the record needs, so it is refused too.
    reviewed: date | None = None
    if isinstance(raw, date) and not isinstance(raw, datetime):
        reviewed = raw
    elif isinstance(raw, str):
        try:
            reviewed = date.fromisoformat(raw.strip())
        except ValueError:
            reviewed = None
    if reviewed is None:
        reader.error(path, line, _("reviewed must be a date like 2026-12-06"))
        return None
    if reviewed > timezone.localdate():
        reader.error(
            path,
            line,
            _("reviewed date %(date)s is in the future") % {"date": reviewed.isoformat()},
        )
        return None
    return reviewed


def merge_sources(per_language: dict[str, list[Source]]) -> dict[str, list[Source]]:
    """A language map of source lists, without languages that add none."""
    return {language: sources for language, sources in per_language.items() if sources}


def sources_for(sources: dict[str, list[Source]] | None, language: str) -> list[Source]:
    """What a reader of `language` sees: the English sources, then that language's own.

    Each entry carries the language of its title, for the page's lang attribute.
    """
    sources = sources or {}
    english = sources.get(REFERENCE_LANGUAGE, [])
    shown = [{**source, "language": REFERENCE_LANGUAGE} for source in english]
    if language != REFERENCE_LANGUAGE:
        shown += [{**source, "language": language} for source in sources.get(language, [])]
    return shown


def max_review_age() -> timedelta:
    return timedelta(days=settings.CONTENT_REVIEW_MAX_AGE_DAYS)


def needs_fact_check(reviewed: date | None, *, today: date | None = None) -> bool:
    """True when the facts were never checked or were checked longer ago than the limit."""
    if reviewed is None:
        return True
    return (today or timezone.localdate()) - reviewed > max_review_age()
