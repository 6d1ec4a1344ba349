"""Reading a lesson again writes nothing: progress and activity are saved when they change, or
at most every few minutes, and stay right for the coordinators' inactivity filters (#19)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from microcred.learning.models import LearnerProfile, ModuleProgress
from microcred.learning.services import ACTIVITY_SAVED_EVERY

pytestmark = pytest.mark.django_db

WRITES = ("INSERT", "UPDATE", "DELETE")


def lesson_url(slug: str = "01-first-steps") -> str:
    return reverse("learning:lesson", kwargs={"code": "M01", "slug": slug})


def writes_while(client, url: str) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    statements = [query["sql"].lstrip() for query in queries.captured_queries]
    return [sql for sql in statements if sql.upper().startswith(WRITES)]


def test_reading_the_same_lesson_again_writes_nothing(client, course, onboarded):
    client.force_login(onboarded)
    assert writes_while(client, lesson_url())  # the first visit records where the learner is
    assert writes_while(client, lesson_url()) == []
    assert writes_while(client, reverse("learning:home")) == []


def test_progress_and_activity_are_saved_again_after_a_while(client, course, onboarded):
    client.force_login(onboarded)
    client.get(lesson_url())
    long_ago = timezone.now() - ACTIVITY_SAVED_EVERY - timedelta(seconds=1)
    ModuleProgress.objects.filter(learner=onboarded).update(updated_at=long_ago)
    LearnerProfile.objects.filter(user=onboarded).update(last_activity_at=long_ago)
    assert writes_while(client, lesson_url())
    assert LearnerProfile.objects.get(user=onboarded).last_activity_at > long_ago
    assert ModuleProgress.objects.get(learner=onboarded).updated_at > long_ago
