"""Synthetic learners' tests replay like real ones, so item statistics can read every one."""

import pytest

from microcred.assessment.models import Attempt
from microcred.assessment.services import grade_attempt
from microcred.assessment.stats import item_report
from microcred.curriculum.models import Module, ModuleVersion
from microcred.curriculum.services import import_curriculum
from microcred.curriculum.tests.content_tree import write_curriculum
from microcred.demo.synthetic import generate_synthetic_data
from microcred.testing.course import publish_without_review

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(tmp_path, partner):
    import_curriculum(path=write_curriculum(tmp_path, items=True))
    for version in ModuleVersion.objects.all():
        publish_without_review(version)


def test_every_synthetic_test_replays_and_grades_as_stored(course):
    generate_synthetic_data(learners=80, months=3, seed=5)
    attempts = list(Attempt.objects.select_related("bank"))
    assert {attempt.passed for attempt in attempts} == {True, False}
    for attempt in attempts:
        result = grade_attempt(attempt, language="en")
        assert (result.percent, result.passed) == (float(attempt.percent), attempt.passed)
    for module in Module.objects.all():
        report = item_report(module)
        assert report.skipped == 0
        assert report.rows
