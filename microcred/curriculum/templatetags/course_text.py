from typing import Any

from django import template
from django.utils.translation import get_language

from microcred.curriculum.digcomp import COMPETENCES
from microcred.curriculum.provenance import sources_for
from microcred.curriculum.text import Localised, localise

register = template.Library()


@register.filter
def localised(mapping: dict[str, str] | None, language: str | None = None) -> Localised:
    """{{ version.title|localised }} -> text in the reader's language, else English.

    {{ version.title|localised:content_language }} -> in that language (a module the learner
    reads in another language than the interface's); an unset variable means the reader's.
    """
    return localise(mapping, language or get_language() or "en")


@register.filter
def competence_title(code: str) -> str:
    return str(COMPETENCES.get(code, code))


@register.filter
def get_item(mapping: dict[Any, Any] | None, key: Any) -> Any:
    return (mapping or {}).get(key)


@register.filter
def sources_in(sources: dict[str, list[dict[str, str]]] | None, language: str | None) -> list[Any]:
    """{{ lesson.sources|sources_in:LANGUAGE_CODE }}: English sources, then that language's."""
    return sources_for(sources, language or get_language() or "en")


@register.simple_tag
def translation_rows(version: Any) -> list[Any]:
    """{% translation_rows version as rows %}: each language's translation status."""
    from microcred.curriculum.completeness import module_completeness

    return list(module_completeness(version).languages)
