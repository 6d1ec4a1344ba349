"""Each lesson names the outcomes it teaches, so a learner who must revise one finds its lessons."""

import pytest
from django.conf import settings

from microcred.curriculum.content_files import ContentInvalid, read_curriculum
from microcred.curriculum.models import Lesson
from microcred.curriculum.services import import_curriculum
from microcred.curriculum.tests.content_tree import write_curriculum
from microcred.curriculum.translation_units import module_units


def _errors(root) -> list[str]:
    with pytest.raises(ContentInvalid) as raised:
        read_curriculum(root)
    return [str(error) for error in raised.value.errors]


def _edit(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_every_outcome_of_the_real_course_is_taught_by_a_lesson():
    course = read_curriculum(settings.CURRICULUM_CONTENT_DIR)
    for module in course.modules:
        taught = {code for lesson in module.lessons for code in lesson.outcomes}
        assert taught == {outcome.code for outcome in module.outcomes}, module.code
        assert all(lesson.outcomes for lesson in module.lessons), module.code


def test_the_reader_keeps_the_outcomes_of_each_lesson(tmp_path):
    course = read_curriculum(write_curriculum(tmp_path))
    assert [lesson.outcomes for lesson in course.modules[1].lessons] == [["M02-LO1"], ["M02-LO1"]]


def test_an_unknown_outcome_code_is_named_with_file_and_line(tmp_path):
    root = write_curriculum(tmp_path)
    _edit(root / "01-module-1" / "en" / "02-next-steps.md", "[M01-LO1]", "[M01-LO1, M01-LO9]")
    assert _errors(root) == [
        "01-module-1/en/02-next-steps.md, line 12: M01-LO9 is not an outcome of this module"
    ]


def test_an_outcome_no_lesson_teaches_is_refused(tmp_path):
    root = write_curriculum(tmp_path)
    for name in ("01-first-steps.md", "02-next-steps.md"):
        _edit(root / "01-module-1" / "en" / name, "outcomes: [M01-LO1]\n", "")
    assert _errors(root) == [
        "01-module-1/module.yaml, line 11: no lesson teaches outcome M01-LO1: "
        "name it in a lesson's outcomes"
    ]


def test_outcomes_that_are_not_a_list_of_codes_are_refused(tmp_path):
    root = write_curriculum(tmp_path)
    _edit(root / "01-module-1" / "en" / "01-first-steps.md", "[M01-LO1]", "M01-LO1")
    assert "outcomes must list outcome codes, for example [M01-LO1]" in " ".join(_errors(root))


def test_changing_what_a_lesson_teaches_makes_a_new_version(tmp_path):
    root = write_curriculum(tmp_path)
    before = read_curriculum(root).modules[0].fingerprint()
    _edit(root / "01-module-1" / "en" / "02-next-steps.md", "outcomes: [M01-LO1]\n", "")
    assert read_curriculum(root).modules[0].fingerprint() != before


def test_outcome_codes_are_not_text_to_translate(tmp_path):
    module = read_curriculum(write_curriculum(tmp_path)).modules[0]
    lesson_units = [unit for unit in module_units(module, []) if unit.id.startswith("lesson.")]
    assert lesson_units
    assert not any("outcomes" in path for unit in lesson_units for path in unit.fields)


@pytest.mark.django_db
def test_an_imported_lesson_stores_its_outcomes(tmp_path):
    import_curriculum(path=write_curriculum(tmp_path))
    lesson = Lesson.objects.get(version__module__code="M02", slug="01-first-steps")
    assert lesson.outcomes == ["M02-LO1"]
