"""A course with item banks, and a learner who passed M01 and holds its credential."""

import pytest

from microcred.credentials.services import issue_for_attempt
from microcred.credentials.tests.conftest import pass_module


@pytest.fixture
def course(small_course):
    """Privacy pages need some modules with a test, not the real course."""
    return small_course


@pytest.fixture
def passed(course, learner):
    return pass_module(learner)


@pytest.fixture
def credential(passed):
    return issue_for_attempt(attempt_id=passed.pk)
