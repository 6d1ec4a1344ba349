"""Language maps: every text of the course is stored as {language code: text}."""

from dataclasses import dataclass
from typing import Any

from django.conf import settings

LanguageMap = dict[str, str]
REFERENCE_LANGUAGE = "en"


@dataclass(frozen=True)
class Localised:
    text: str
    language: str  # the language of `text`, for the lang attribute
    is_fallback: bool  # the reader's language was missing, so this is English

    def __str__(self) -> str:
        return self.text


def localise(mapping: LanguageMap | None, language: str) -> Localised:
    """The text in `language`, else in English (flagged, so the page can say so)."""
    mapping = mapping or {}
    if mapping.get(language):
        return Localised(mapping[language], language, is_fallback=False)
    return Localised(mapping.get(REFERENCE_LANGUAGE, ""), REFERENCE_LANGUAGE, is_fallback=True)


def localise_list(mapping: dict[str, list[Any]] | None, language: str | None) -> list[Any]:
    """A per-language list (e.g. answer options) in `language`, else in English."""
    mapping = mapping or {}
    return mapping.get(language or REFERENCE_LANGUAGE) or mapping.get(REFERENCE_LANGUAGE) or []


def configured_languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]
