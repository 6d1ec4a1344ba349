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

# The English file holds the reference sources and the date the facts were checked.
PROVENANCE = {
    "en": dedent("""\
        sources:
          - {title: "DigComp 2.2, JRC", url: "https://joint-research-centre.ec.europa.eu/digcomp_en"}
        reviewed: 2026-11-02
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
                    provenance=PROVENANCE.get(language, ""),
                ),
                encoding="utf-8",
            )
    return module


def write_curriculum(root: Path, modules: int = 2) -> Path:
    folders = []
    for number in range(1, modules + 1):
        folder = f"{number:02d}-module-{number}"
        write_module(root, folder, f"M{number:02d}", number)
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
