"""One learner in detail: progress in each module, tests, credentials, consent, profile."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from microcred.accounts.services import record_consent
from microcred.coordination.tests.conftest import complete_module, issue, take_test
from microcred.learning.models import LearnerProfile

pytestmark = pytest.mark.django_db


def _detail(client, learner):
    return client.get(reverse("coordination:learner_detail", kwargs={"learner_id": learner.pk}))


def test_the_page_shows_progress_tests_credentials_consent_and_profile(
    client, coordinator, learner, course
):
    m01, m02 = course
    complete_module(learner, m01)
    complete_module(learner, m02, lessons=1)
    take_test(learner, m01, percent=55)
    take_test(learner, m01, percent=85, number=2)
    take_test(learner, m02, percent=40)
    issue(learner, m01, revoked=True)
    LearnerProfile.objects.create(user=learner, employment_status="job_seeking",
                                  skill_level="low")
    record_consent(user=learner, given=True)
    client.force_login(coordinator)
    page = " ".join(_detail(client, learner).content.decode().split())
    assert "1 of 2 modules completed." in page
    assert "Completed" in page
    assert "In progress: 1 of 2 lessons done" in page
    assert "Passed (85%)" in page
    assert "Not passed yet: best 40% in 1 attempt" in page
    assert "See all 3 test attempts in detail" in page
    assert f'href="/partner/learners/{learner.pk}/tests/"' in page
    assert "M01 basics</span>" in page
    assert "Revoked on" in page
    assert "Given on" in page
    assert "I am looking for a job" in page
    assert "Beginner" in page


def test_a_new_learner_shows_not_started_everywhere(client, coordinator, learner, course):
    client.force_login(coordinator)
    page = " ".join(_detail(client, learner).content.decode().split())
    assert page.count("Not started") == 3  # two modules and the last activity
    assert "No credential yet." in page
    assert "Not asked yet" in page
    assert "Not given" in page


def test_withdrawn_consent_is_shown(client, coordinator, learner):
    record_consent(user=learner, given=True)
    record_consent(user=learner, given=False)
    client.force_login(coordinator)
    assert "Withdrawn on" in _detail(client, learner).content.decode()


def _queries(client, user, learner) -> int:
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        assert _detail(client, learner).status_code == 200
    return len(queries)


def test_the_page_costs_the_same_queries_however_far_the_learner_got(
    client, coordinator, learner, course
):
    m01, m02 = course
    _queries(client, coordinator, learner)  # the first view fills the course cache
    before = _queries(client, coordinator, learner)
    complete_module(learner, m01)
    complete_module(learner, m02)
    for number in range(1, 4):
        take_test(learner, m01, percent=60 + number * 5, number=number)
    take_test(learner, m02, percent=90)
    issue(learner, m01)
    issue(learner, m02)
    record_consent(user=learner, given=True)
    assert _queries(client, coordinator, learner) == before <= 18
