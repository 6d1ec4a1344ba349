"""A learner who failed the test is sent, per outcome to revise, to the lessons that teach it."""

import re

import pytest
from django.conf import settings
from django.urls import reverse

from microcred.assessment.models import Attempt
from microcred.assessment.tests.exam_helpers import answer_all, complete_module
from microcred.curriculum.models import Lesson
from microcred.demo.data import load_course

pytestmark = pytest.mark.django_db

REVISE_LINKS = re.compile(r'<ul class="revise-lessons"[^>]*>(.*?)</ul>', re.S)
LINK = re.compile(r'<a href="([^"]+)"[^>]*>([^<]+)</a>')


@pytest.fixture
def ready(db, learner, client):
    load_course()
    complete_module(learner)
    client.force_login(learner)
    return learner


def _finish(client, *, right: bool) -> str:
    client.post(reverse("assessment:start", args=["M01"]))
    attempt = Attempt.objects.get()
    answer_all(client, attempt, right=right)
    page = client.post(reverse("assessment:submit", args=[attempt.pk]), follow=True)
    return page.content.decode()


def _links(page: str) -> list[list[tuple[str, str]]]:
    """The lesson links under each outcome to revise, in the page's order."""
    return [LINK.findall(block) for block in REVISE_LINKS.findall(page)]


def test_each_outcome_to_revise_links_to_the_lessons_that_teach_it(client, ready):
    page = _finish(client, right=False)
    lessons = Lesson.objects.filter(version__module__code="M01").order_by("order")
    # Every M01 outcome is failed; lesson N teaches outcome N (content/curriculum/01-*).
    assert _links(page) == [
        [(f"/course/M01/{lesson.slug}/", lesson.title["en"])] for lesson in lessons
    ]


def test_the_lesson_titles_are_in_the_learners_language(client, ready):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "el"
    page = _finish(client, right=False)
    email = Lesson.objects.get(version__module__code="M01", slug="03-your-email-account")
    assert _links(page)[2] == [("/course/M01/03-your-email-account/", email.title["el"])]


def test_a_passed_test_sends_nobody_back_to_lessons(client, ready):
    page = _finish(client, right=True)
    assert "Congratulations, you passed!" in page
    assert _links(page) == []
