"""The notional workload is counted, not claimed, and the count is the one the docs show."""

import re
from decimal import Decimal
from pathlib import Path

from django.conf import settings

from microcred.curriculum.content_files import ContentInvalid, read_curriculum
from microcred.curriculum.tests.content_tree import write_curriculum
from microcred.curriculum.workload import (
    minimum_lesson_minutes,
    notional_workload,
    workload_table,
)

DOCS = Path(settings.BASE_DIR) / "docs" / "workload.md"


def test_the_sum_adds_checks_revision_and_the_test_to_the_lessons():
    workload = notional_workload(
        lesson_minutes=[10, 15], knowledge_checks=2, test_questions=10, test_tasks=1
    )
    # 25 lesson minutes, 2 checks x 2, a fifth of 25 for revision, 9 x 1.5 + 1 x 4 for the test.
    assert workload.as_dict() == {"lessons": 25, "checks": 4, "revision": 5, "test": 18}
    assert workload.minutes == 52
    assert workload.hours == Decimal("0.9")
    assert workload.ects == Decimal("0.03")  # 30 hours to a credit


def test_a_module_file_that_states_its_own_hours_is_refused(tmp_path):
    root = write_curriculum(tmp_path)
    path = root / "01-module-1" / "module.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "hours: 5\n", encoding="utf-8")
    try:
        read_curriculum(root)
    except ContentInvalid as invalid:
        messages = [str(error) for error in invalid.errors]
    else:
        raise AssertionError("hours were accepted")
    assert any("hours is counted from the lessons and the test" in m for m in messages)


def test_a_module_is_counted_with_its_test_from_items_yaml(tmp_path):
    root = write_curriculum(tmp_path, items=True)
    module = read_curriculum(root).modules[0]
    # One outcome, two questions drawn (content_tree.ITEMS): 2 x 1.5 minutes.
    assert module.workload.test == 3


def test_no_lesson_claims_less_time_than_reading_it_takes():
    too_short = []
    for module in read_curriculum(settings.CURRICULUM_CONTENT_DIR).modules:
        for lesson in module.lessons:
            words = len(re.findall(r"\w+", lesson.body["en"]))
            if lesson.minutes < minimum_lesson_minutes(words):
                too_short.append(
                    f"{module.code}/{lesson.slug}: {lesson.minutes} min, {words} words"
                )
    assert not too_short, too_short


def test_the_docs_show_the_workload_the_course_has_now():
    course = read_curriculum(settings.CURRICULUM_CONTENT_DIR)
    table = workload_table([(m.code, m.workload) for m in course.modules])
    assert table in DOCS.read_text(encoding="utf-8"), (
        "docs/workload.md is out of date: paste the output of "
        "`python manage.py curriculum_workload` into it"
    )
