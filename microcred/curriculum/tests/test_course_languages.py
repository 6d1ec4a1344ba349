"""The course exists in every configured language, with the English lessons' structure.

A learner in Athens or Lisbon must read the same lesson as one in Dublin: the same headings, every
step, every link to another lesson, the same knowledge check. A translation that drops a step or a
link is caught here, with the file named. It may add a local list item (the national reporting
service, say) or point an outside link to its country's page, never leave one out.
"""

import re

import pytest
import yaml
from django.conf import settings

from microcred.curriculum.content_files import read_curriculum
from microcred.curriculum.text import REFERENCE_LANGUAGE, configured_languages

COURSE = read_curriculum(settings.CURRICULUM_CONTENT_DIR)
MODULES = {module.code: module for module in COURSE.modules}
LINK = re.compile(r"\]\(([^)]+)\)")


def _shape(markdown: str) -> dict[str, object]:
    lines = markdown.splitlines()
    return {
        "headings": [len(line) - len(line.lstrip("#")) for line in lines if line.startswith("#")],
        "list items": sum(1 for line in lines if re.match(r"\s*(?:[-*]|\d+\.)\s", line)),
        "lesson links": [
            target for target in LINK.findall(markdown) if target.startswith("lesson:")
        ],
        "links": len(LINK.findall(markdown)),
    }


def _differs(part: str, translated: object, english: object) -> bool:
    if part in ("list items", "links"):  # a local addition is fine, a missing one is not
        return translated < english  # type: ignore[operator]
    return translated != english


@pytest.mark.parametrize("code", sorted(MODULES))
def test_every_lesson_exists_in_every_language_with_the_english_structure(code):
    problems = []
    for lesson in MODULES[code].lessons:
        english = _shape(lesson.body[REFERENCE_LANGUAGE])
        for language in configured_languages():
            if language not in lesson.body:
                problems.append(f"{code}/{language}/{lesson.slug}.md is missing")
                continue
            shape = _shape(lesson.body[language])
            for part, expected in english.items():
                if _differs(part, shape[part], expected):
                    problems.append(
                        f"{code}/{language}/{lesson.slug}.md: {part} {shape[part]!r}, "
                        f"English has {expected!r}"
                    )
            if language not in lesson.check.get("question", {}):
                problems.append(f"{code}/{language}/{lesson.slug}.md has no knowledge check")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("code", sorted(MODULES))
def test_module_texts_and_glossary_exist_in_every_language(code):
    module = MODULES[code]
    languages = set(configured_languages())
    texts = [("title", module.title), ("summary", module.summary)]
    texts += [(f"{o.code} statement", o.statement) for o in module.outcomes]
    for number, entry in enumerate(module.glossary, start=1):
        texts += [(f"glossary term {number}", entry["term"])]
        texts += [(f"glossary definition {number}", entry["definition"])]
    missing = [
        f"{label}: {sorted(languages - set(text))}"
        for label, text in texts
        if not languages <= set(text)
    ]
    assert not missing, missing


def test_the_course_texts_exist_in_every_language():
    course = yaml.safe_load(
        (settings.CURRICULUM_CONTENT_DIR / "curriculum.yaml").read_text(encoding="utf-8")
    )
    languages = set(configured_languages())
    for text in (course["title"], course["summary"], course["course_credential"]["title"]):
        assert languages <= set(text)
