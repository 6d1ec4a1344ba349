"""Every lesson and item text (and every other text of a module) is in the language of its folder
or key, as a language detector reads it.

A paragraph left in English in the Greek lesson, or a Spanish option pasted into the Portuguese
map, passes every structural check; a language detector (lingua, offline models, restricted to
our seven languages) catches it.

The rule: a text is checked when it has at least MIN_WORDS words once links, web and e-mail
addresses, inline code and Markdown marks are removed; shorter texts (names, button labels,
"Wi-Fi", "Google Play") say too little to tell Spanish from Portuguese and are not checked. A
checked text passes when the detector names its language, or gives its language a confidence of
at least MIN_CONFIDENCE: one short sentence can read as a close relative (es/pt/it), while a text
in another language scores near zero.
"""

import re
from functools import cache

import pytest
from django.conf import settings
from lingua import Language, LanguageDetector, LanguageDetectorBuilder

from microcred.curriculum.content_files import read_curriculum
from microcred.curriculum.translation_units import module_units, read_items

MIN_WORDS = 10
MIN_CONFIDENCE = 0.2
LINGUA = {
    "en": Language.ENGLISH,
    "pl": Language.POLISH,
    "el": Language.GREEK,
    "de": Language.GERMAN,
    "es": Language.SPANISH,
    "it": Language.ITALIAN,
    "pt": Language.PORTUGUESE,
}
NOT_LANGUAGE = re.compile(r"\]\([^)]*\)|https?://\S+|[\w.+-]+@[\w.-]+|<[^>]*>|`[^`]*`|[#*_>|]")
COURSE = read_curriculum(settings.CURRICULUM_CONTENT_DIR)


@cache
def detector() -> LanguageDetector:
    # Built once for the whole run, with only our languages: faster and fewer confusions.
    return LanguageDetectorBuilder.from_languages(*LINGUA.values()).build()


def wrong_language(text: str, language: str) -> str | None:
    """The language the detector reads in `text` when it is not `language`, else None."""
    clean = NOT_LANGUAGE.sub(" ", text)
    if len(re.findall(r"\w+", clean)) < MIN_WORDS:
        return None
    expected = LINGUA[language]
    found = detector().detect_language_of(clean)
    if found == expected or detector().compute_language_confidence(clean, expected) >= (
        MIN_CONFIDENCE
    ):
        return None
    return found.iso_code_639_1.name.lower() if found else "unknown"


def _pieces(field_path: str, text: str | list[str]) -> list[str]:
    if isinstance(text, list):  # accepted answers: each is a short answer, judged alone
        return text
    return text.split("\n\n") if field_path == "body" else [text]


@pytest.mark.parametrize("module", COURSE.modules, ids=lambda module: module.code)
def test_every_lesson_and_item_text_is_in_the_language_of_its_folder_or_key(module):
    folder = settings.CURRICULUM_CONTENT_DIR / module.folder
    problems = []
    for unit in module_units(module, read_items(folder)):
        for field_path, texts in unit.fields.items():
            for language, text in texts.items():
                for piece in _pieces(field_path, text):
                    found = wrong_language(piece, language)
                    if found:
                        problems.append(
                            f"{module.code} {unit.id} {field_path} [{language}] reads as "
                            f"{found}: {piece[:80]!r}"
                        )
    assert not problems, "\n".join(problems)


def test_the_check_catches_a_text_left_in_another_language():
    english = "Open the settings of your phone and find the name of its operating system."
    assert wrong_language(english, "el") == "en"
    assert wrong_language(english, "de") == "en"
    assert wrong_language("Abre los ajustes del móvil y busca el nombre de su sistema.", "en")
    assert wrong_language("Too short to judge, says nothing", "pl") is None
