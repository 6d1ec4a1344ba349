"""The real course: every English lesson names its sources and a recent date of its fact check.

This fails as time passes, on purpose: a lesson whose facts were not checked within
CONTENT_REVIEW_MAX_AGE_DAYS must be checked again (then `reviewed` is updated) before release.
"""

import pytest
from django.conf import settings
from django.utils import timezone

from microcred.curriculum.content_files import read_curriculum
from microcred.curriculum.provenance import needs_fact_check
from microcred.curriculum.text import REFERENCE_LANGUAGE


def test_every_english_lesson_has_sources_and_a_recent_review_date():
    course = read_curriculum(settings.CURRICULUM_CONTENT_DIR)
    today = timezone.localdate()
    limit = settings.CONTENT_REVIEW_MAX_AGE_DAYS
    problems = []
    for module in course.modules:
        for lesson in module.lessons:
            path = f"{module.folder}/{REFERENCE_LANGUAGE}/{lesson.slug}.md"
            if not lesson.sources.get(REFERENCE_LANGUAGE):
                problems.append(f"{path}: no sources")
            if lesson.reviewed is None:
                problems.append(f"{path}: no reviewed date")
            elif needs_fact_check(lesson.reviewed, today=today):
                problems.append(
                    f"{path}: reviewed {lesson.reviewed.isoformat()}, "
                    f"more than {limit} days before {today.isoformat()}"
                )
    if problems:
        # pytest.fail prints the whole list; an assert message would be cut after a few lines.
        pytest.fail(f"{len(problems)} lesson problem(s):\n" + "\n".join(problems), pytrace=False)
