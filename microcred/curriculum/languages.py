"""Per-language state of a module version: is its translation complete, is it approved?

`ModuleVersion.languages` holds it, one entry per configured language:
    {"el": {"status": "complete", "approved": true}, "de": {"status": "outdated", ...}, ...}
- status: `complete` (every text present and made from the current English source),
  `outdated` (present, but some text was made from an older English source) or `missing`.
  The content import writes it.
- approved: the Board approved the version in that language. Only curriculum/lifecycle.py
  writes it (a new version starts with nothing approved).
English is the source language: it is complete by definition and approved with the version.
"""

from enum import StrEnum
from typing import Any

from microcred.curriculum.text import REFERENCE_LANGUAGE, configured_languages


class LanguageStatus(StrEnum):
    COMPLETE = "complete"
    OUTDATED = "outdated"
    MISSING = "missing"


def language_state(version: Any, language: str) -> dict[str, Any]:
    """{"status": ..., "approved": ...} for one language; a language never recorded is missing."""
    state = (version.languages or {}).get(language) or {}
    return {
        "status": state.get("status", LanguageStatus.MISSING),
        "approved": bool(state.get("approved", False)),
    }


def is_offered(version: Any, language: str) -> bool:
    """A learner is offered a module in a language only when it is complete and approved."""
    state = language_state(version, language)
    return state["status"] == LanguageStatus.COMPLETE and state["approved"]


def offered_languages(version: Any) -> list[str]:
    """The configured languages a learner may read and be tested in, English first."""
    offered = [code for code in configured_languages() if is_offered(version, code)]
    if REFERENCE_LANGUAGE in offered:
        offered.remove(REFERENCE_LANGUAGE)
        offered.insert(0, REFERENCE_LANGUAGE)
    return offered


def presence_states(lesson_bodies: list[dict[str, str]]) -> dict[str, dict[str, Any]]:
    """A new draft's language states from which languages every lesson has (not yet approved).

    Source fingerprints refine `complete` into `outdated` where a translation lags the English.
    """
    states = {}
    for code in configured_languages():
        present = bool(lesson_bodies) and all(body.get(code) for body in lesson_bodies)
        status = LanguageStatus.COMPLETE if present else LanguageStatus.MISSING
        states[code] = {"status": str(status), "approved": False}
    return states
