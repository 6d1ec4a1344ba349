"""Course helpers for tests that are not about the Advisory Board's review."""

from pathlib import Path
from typing import Any

import yaml
from django.conf import settings

from microcred.credentials.services import sync_specs
from microcred.curriculum import lifecycle
from microcred.curriculum.models import Module, ModuleVersion, VersionState
from microcred.curriculum.services import import_curriculum
from microcred.curriculum.tests.content_tree import write_curriculum, write_module


def publish_without_review(version: ModuleVersion) -> ModuleVersion:
    """Publish a draft as if the Board had approved it in every complete language (review tests
    use the real workflow). The steps are the lifecycle's own, acted by the platform."""
    version.refresh_from_db()
    if version.state == VersionState.DRAFT:
        version, _replaced = lifecycle.submit(version=version, actor=None)
    lifecycle.approve(version=version, languages=list(version.languages or {}), actor=None)
    published, _replaced = lifecycle.publish(version=version, actor=None)
    return published


def build_small_course(root: Path, modules: int = 2) -> list[Module]:
    """`modules` published modules (M01, M02, ...) of two lessons in English and Polish, one
    outcome, a two-question test and a credential specification each, under a course credential.

    A fraction of a second, where the real 13-module course takes seconds: for tests that need
    some course, not the real one. Read titles from the modules, never from content/.
    """
    import_curriculum(path=write_curriculum(root, modules, items=True))
    return _publish_all()


def _publish_all() -> list[Module]:
    """Every imported version published without the Board, with the credential specifications
    made for them; the modules in course order."""
    for version in ModuleVersion.objects.all():
        publish_without_review(version)
    sync_specs()
    return list(Module.objects.select_related("published_version").order_by("order"))


def build_real_modules(root: Path, folders: list[str]) -> list[Module]:
    """Only `folders` of the real course (its texts, items and media in all seven languages),
    published as `publish_without_review` does: for browser tests about one module's pages in
    several languages, a fraction of the whole course's import and review.

    Folders are linked, not copied, and keep their names, so lesson media are served from
    content/ as usual. Tests about the real course as a whole (13 modules, the Board's review,
    the course credential) use `real_course`.
    """
    content = Path(settings.CURRICULUM_CONTENT_DIR)
    course = yaml.safe_load((content / "curriculum.yaml").read_text(encoding="utf-8"))
    course["modules"] = folders
    (root / "curriculum.yaml").write_text(
        yaml.safe_dump(course, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    for folder in folders:
        (root / folder).symlink_to(content / folder, target_is_directory=True)
    import_curriculum(path=root)
    return _publish_all()


# --- Seven modules in seven languages -----------------------------------------------------

LANGUAGES = ("en", "pl", "el", "de", "es", "it", "pt")

# A module's title in each language is this word and its code, so a test can tell which
# language a title was read in ("Ενότητα M01" is the Greek title of M01).
MODULE_WORD = {
    "en": "Module", "pl": "Moduł", "el": "Ενότητα", "de": "Modul", "es": "Módulo",
    "it": "Modulo", "pt": "Unidade",
}
OUTCOME = {
    "en": "The learner can search the web.",
    "pl": "Potrafisz szukać w sieci.",
    "el": "Ο εκπαιδευόμενος μπορεί να κάνει αναζήτηση στο διαδίκτυο.",
    "de": "Die Lernenden können im Internet suchen.",
    "es": "La persona participante puede buscar en internet.",
    "it": "Chi apprende sa cercare sul web.",
    "pt": "O formando consegue pesquisar na internet.",
}
TRUE_STEM = {
    "en": "A browser opens web pages.",
    "pl": "Przeglądarka otwiera strony WWW.",
    "el": "Ένα πρόγραμμα περιήγησης ανοίγει ιστοσελίδες.",
    "de": "Ein Browser öffnet Webseiten.",
    "es": "Un navegador abre páginas web.",
    "it": "Un browser apre le pagine web.",
    "pt": "Um navegador abre páginas web.",
}
CHOICE_STEM = {
    "en": "Which one is a browser?",
    "pl": "Co jest przeglądarką?",
    "el": "Ποιο είναι πρόγραμμα περιήγησης;",
    "de": "Welches ist ein Browser?",
    "es": "¿Cuál es un navegador?",
    "it": "Quale è un browser?",
    "pt": "Qual é um navegador?",
}
WRONG_OPTION = {
    "en": "A spoon", "pl": "Łyżka", "el": "Ένα κουτάλι", "de": "Ein Löffel",
    "es": "Una cuchara", "it": "Un cucchiaio", "pt": "Uma colher",
}
TERM = {
    "en": "Browser", "pl": "Przeglądarka", "el": "Πρόγραμμα περιήγησης", "de": "Browser",
    "es": "Navegador", "it": "Browser", "pt": "Navegador",
}
DEFINITION = {
    "en": "An app to open web pages.",
    "pl": "Aplikacja do stron WWW.",
    "el": "Εφαρμογή για ιστοσελίδες.",
    "de": "Eine App für Webseiten.",
    "es": "Una aplicación para abrir páginas web.",
    "it": "Un'app per aprire le pagine web.",
    "pt": "Uma aplicação para abrir páginas web.",
}


def module_title(code: str, language: str) -> str:
    """The synthetic module's title in `language` (see MODULE_WORD)."""
    return f"{MODULE_WORD[language]} {code}"


def _in_every_language(text: dict[str, str] | str) -> dict[str, str]:
    return {language: text if isinstance(text, str) else text[language] for language in LANGUAGES}


def _module_yaml(code: str, order: int, eqf_level: int) -> dict[str, Any]:
    return {
        "code": code,
        "order": order,
        "eqf_level": eqf_level,
        "prerequisites": [],
        "title": {language: module_title(code, language) for language in LANGUAGES},
        "summary": {language: f"{module_title(code, language)}: {OUTCOME[language]}"
                    for language in LANGUAGES},
        "digcomp": [{"competence": "1.1", "level": 2}],
        "esco": [],
        "outcomes": [{"id": f"{code}-LO1", "digcomp": "1.1", "level": 2,
                      "statement": _in_every_language(OUTCOME)}],
        "glossary": [{"term": _in_every_language(TERM),
                      "definition": _in_every_language(DEFINITION)}],
    }


def _items_yaml(code: str) -> dict[str, Any]:
    return {
        "blueprint": {"items_per_outcome": 2, "pass_overall": 70, "pass_per_outcome": 50,
                      "time_limit_minutes": None, "attempts": 3, "cooldown_hours": 24},
        "items": [
            {"id": f"{code}-Q01", "outcome": f"{code}-LO1", "type": "true_false",
             "stem": _in_every_language(TRUE_STEM), "answer": True},
            {"id": f"{code}-Q02", "outcome": f"{code}-LO1", "type": "single_choice",
             "stem": _in_every_language(CHOICE_STEM),
             "options": [{"text": _in_every_language("Firefox"), "correct": True},
                         {"text": _in_every_language(WRONG_OPTION)}]},
        ],
    }


def write_multilingual_curriculum(root: Path, modules: int = 7) -> Path:
    """Content files of `modules` modules, each complete in all seven languages: titles,
    outcome, glossary, two lessons and a two-question test. M07 is at EQF level 3, the
    others at level 2, as levels differ in the real course."""
    folders = []
    for number in range(1, modules + 1):
        code, folder = f"M{number:02d}", f"{number:02d}-module-{number}"
        lessons = {
            "01-first-steps": {language: f"{OUTCOME[language]} ({language})"
                               for language in LANGUAGES},
            "02-next-steps": {language: f"[{TERM[language]}](lesson:01-first-steps)"
                              for language in LANGUAGES},
        }
        module = write_module(root, folder, code, number, lessons)
        eqf_level = 3 if number == 7 else 2
        for name, data in (("module.yaml", _module_yaml(code, number, eqf_level)),
                           ("items.yaml", _items_yaml(code))):
            (module / name).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                                       encoding="utf-8")
        folders.append(folder)
    course_title = {language: f"{MODULE_WORD[language]} 1-{modules}" for language in LANGUAGES}
    curriculum = {
        "code": "TEST",
        "title": course_title,
        "summary": course_title,
        "course_credential": {"title": course_title, "rule": "all_modules"},
        "modules": folders,
    }
    (root / "curriculum.yaml").write_text(
        yaml.safe_dump(curriculum, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    return root


def build_multilingual_course(root: Path, modules: int = 7) -> list[Module]:
    """`modules` published modules (M01 to M07 by default) offered in all seven languages,
    each with two lessons, an outcome, a two-question test and a credential specification,
    under a course credential.

    For tests about languages and about stacking several modules, where the real course took
    seconds per test. Its titles are `module_title(code, language)`.
    """
    import_curriculum(path=write_multilingual_curriculum(root, modules))
    return _publish_all()
