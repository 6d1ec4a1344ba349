"""Synthetic learners' tests replay like real ones, so item statistics can read every one."""

import pytest

from microcred.assessment.models import Attempt
from microcred.assessment.services import grade_attempt
from microcred.assessment.stats import item_report
from microcred.curriculum.models import Module
from microcred.demo.synthetic import generate_synthetic_data

pytestmark = pytest.mark.django_db


def test_every_synthetic_test_replays_and_grades_as_stored(small_course, partner):
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
