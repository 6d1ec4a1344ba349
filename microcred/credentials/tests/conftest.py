import pytest

from microcred.assessment.models import Attempt
from microcred.assessment.services import start_attempt, submit_attempt
from microcred.assessment.tests.exam_helpers import complete_module, key_for
from microcred.credentials.tests.local_http import listener, server  # noqa: F401 - fixtures
from microcred.curriculum.models import Module


@pytest.fixture
def course(request):
    """The real course (13 modules, seven languages) that many credential tests read; a test
    marked `small_course` needs only passed modules and gets the synthetic course, in a
    fraction of the time; one marked `multilingual_course` gets seven synthetic modules in seven
    languages."""
    if request.node.get_closest_marker("small_course"):
        return request.getfixturevalue("small_course")
    if request.node.get_closest_marker("multilingual_course"):
        return request.getfixturevalue("multilingual_course")
    return request.getfixturevalue("real_course")


def pass_module(learner, code: str = "M01") -> Attempt:
    complete_module(learner, code)
    attempt = start_attempt(learner=learner, module=Module.objects.get(code=code))
    attempt.answers = key_for(attempt)
    attempt.save()
    return submit_attempt(attempt=attempt)


@pytest.fixture
def passed(course, learner):
    return pass_module(learner)
