"""Write small, valid content trees for tests; each test then breaks one thing."""

from pathlib import Path
from textwrap import dedent

MODULE_YAML = dedent("""\
    code: {code}
    order: {order}
    eqf_level: 2
    prerequisites: []
    title: {{en: "Module {code} title", pl: "Moduł {code}"}}
    summary: {{en: "What module {code} is about.", pl: "O czym jest moduł {code}."}}
    digcomp:
      - {{competence: "1.1", level: 2}}
    esco: []
    outcomes:
      - id: {code}-LO1
        digcomp: "1.1"
        level: 2
        statement: {{en: "The learner can search the web.", pl: "Potrafisz szukać w sieci."}}
    glossary:
      - term: {{en: "Browser", pl: "Przeglądarka"}}
        definition: {{en: "An app to open web pages.", pl: "Aplikacja do stron WWW."}}
    """)

LESSON = dedent("""\
    ---
    title: "{title}"
    minutes: 10
    check:
      question: "Which one is a browser?"
      options: ["A chair", "Firefox", "A spoon"]
      correct: 1
      feedback: "Firefox is a browser: an app that opens web pages. A spoon is not an app."
    {provenance}---
    ## First part

    {body}
    """)

# A test of two questions for the module's one outcome (items.yaml; every draw holds both).
ITEMS = dedent("""\
    blueprint:
      items_per_outcome: 2
      pass_overall: 70
      pass_per_outcome: 50
      time_limit_minutes: null
      attempts: 3
      cooldown_hours: 24
    items:
      - id: {code}-Q01
        outcome: {code}-LO1
        type: true_false
        stem: {{en: "A browser opens web pages.", pl: "Przeglądarka otwiera strony WWW."}}
        answer: true
      - id: {code}-Q02
        outcome: {code}-LO1
        type: single_choice
        stem: {{en: "Which one is a browser?", pl: "Co jest przeglądarką?"}}
        options:
          - text: {{en: "Firefox", pl: "Firefox"}}
            correct: true
          - text: {{en: "A spoon", pl: "Łyżka"}}
    """)

# The English file holds the reference sources, the date the facts were checked and the
# outcomes the lesson teaches (the module's one outcome; {code} is the module code).
PROVENANCE = {
    "en": dedent("""\
        sources:
          - {{title: "DigComp 2.2, JRC", url: "https://joint-research-centre.ec.europa.eu/digcomp_en"}}
        reviewed: 2026-11-02
        outcomes: [{code}-LO1]
        """),
}


def write_module(
    root: Path, folder: str, code: str, order: int, lessons: dict[str, dict[str, str]] | None = None
) -> Path:
    module = root / folder
    module.mkdir(parents=True, exist_ok=True)
    (module / "module.yaml").write_text(
        MODULE_YAML.format(code=code, order=order), encoding="utf-8"
    )
    lessons = lessons or {
        "01-first-steps": {"en": "Open the browser. Type a word.", "pl": "Otwórz przeglądarkę."},
        "02-next-steps": {
            "en": "See also [the first lesson](lesson:01-first-steps).",
            "pl": "Zobacz [pierwszą lekcję](lesson:01-first-steps).",
        },
    }
    for slug, bodies in lessons.items():
        for language, body in bodies.items():
            path = module / language / f"{slug}.md"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(
                LESSON.format(
                    title=f"{slug} ({language})",
                    body=body,
                    provenance=PROVENANCE.get(language, "").format(code=code),
                ),
                encoding="utf-8",
            )
    return module


def write_curriculum(root: Path, modules: int = 2, *, items: bool = False) -> Path:
    """A small valid course; with `items`, each module has a test (items.yaml) too."""
    folders = []
    for number in range(1, modules + 1):
        folder = f"{number:02d}-module-{number}"
        module = write_module(root, folder, f"M{number:02d}", number)
        if items:
            code = f"M{number:02d}"
            (module / "items.yaml").write_text(ITEMS.format(code=code), encoding="utf-8")
        folders.append(folder)
    listed = "\n".join(f"  - {folder}" for folder in folders)
    (root / "curriculum.yaml").write_text(
        dedent("""\
        code: TEST
        title: {en: "Test course", pl: "Kurs testowy"}
        summary: {en: "A course for tests.", pl: "Kurs do testów."}
        course_credential:
          title: {en: "Test course credential"}
          rule: all_modules
        modules:
        """)
        + listed
        + "\n",
        encoding="utf-8",
    )
    return root
