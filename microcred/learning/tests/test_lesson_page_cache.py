"""A lesson page is rendered once for every learner who sees the same page (decision 0029), yet
each learner gets their own CSRF token, their own id for offline taps and their own answer to the
knowledge check; staff and pages with messages are never shared."""

import re
from contextlib import contextmanager

import pytest
from django.test import Client
from django.test.signals import template_rendered
from django.urls import reverse

from microcred.accounts.roles import Role
from microcred.core.page_cache import CSRF_PLACEHOLDER, LEARNER_PLACEHOLDER
from microcred.learning.tests.test_course_cache import lesson_url, new_learner
from microcred.testing.fixtures import make_staff

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
CHECK = reverse("learning:answer_check", args=["M01", "01-first-steps"])


@contextmanager
def lesson_renders():
    """How many times the lesson template was rendered (not served from the page cache)."""
    names: list[str] = []

    def record(sender, template, **kwargs):
        names.append(template.name)

    template_rendered.connect(record)
    try:
        yield names
    finally:
        template_rendered.disconnect(record)


def read(client: Client, url: str | None = None) -> str:
    response = client.get(url or lesson_url())
    assert response.status_code == 200
    return response.content.decode()


def test_a_second_learner_gets_the_rendered_page_with_their_own_token_and_id(course):
    first, second = Client(), Client()
    first_learner, second_learner = new_learner(first), new_learner(second)
    with lesson_renders() as renders:
        first_page = read(first)
        second_page = read(second)
    assert renders.count("learning/lesson.html") == 1
    assert f'data-learner="{first_learner.pk}"' in first_page
    assert f'data-learner="{second_learner.pk}"' in second_page
    assert TOKEN.findall(first_page)[0] != TOKEN.findall(second_page)[0]
    for page in (first_page, second_page):
        assert CSRF_PLACEHOLDER not in page
        assert LEARNER_PLACEHOLDER not in page


def test_the_token_on_a_page_from_the_cache_is_accepted(course):
    someone_else = Client()
    new_learner(someone_else)
    read(someone_else)  # fills the cache
    learner = Client(enforce_csrf_checks=True)
    new_learner(learner)
    token = TOKEN.findall(read(learner))[0]
    response = learner.post(CHECK, {"choice": "1", "csrfmiddlewaretoken": token})
    assert response.status_code == 302


def test_one_learners_answer_to_the_check_is_never_shown_to_another(course):
    wrong, right, fresh = Client(), Client(), Client()
    for client in (wrong, right, fresh):
        new_learner(client)
        read(client)
    wrong.post(CHECK, {"choice": "0"})
    right.post(CHECK, {"choice": "1"})

    def verdict(client: Client) -> str:
        return read(client).split('class="knowledge-check"')[1].split("</section>")[0]

    assert "Not quite. The right answer is: Firefox" in verdict(wrong)
    assert "That is right." in verdict(right)
    assert "That is right." not in verdict(fresh)
    assert "Not quite" not in verdict(fresh)
    # Read again, now from the cache: each still sees their own.
    assert "Not quite" in verdict(wrong)
    assert "That is right." in verdict(right)


def test_staff_menus_and_learner_pages_never_cross(course):
    reviewer = Client()
    reviewer.force_login(make_staff(Role.REVIEWER))
    learner = Client()
    new_learner(learner)
    board = reverse("review:dashboard")
    assert board in read(reviewer)
    assert board not in read(learner)
    assert board in read(reviewer)


def test_a_page_with_a_message_is_neither_served_from_nor_put_in_the_cache(course):
    client = Client()
    new_learner(client)
    read(client)  # cached now
    # Refused out of order: the learner is sent back with a message the next page shows.
    client.get(lesson_url(slug="02-next-steps"), follow=False)
    with lesson_renders() as renders:
        page = read(client)
    assert "Please finish the earlier lessons first." in page
    assert renders.count("learning/lesson.html") == 1
    assert "Please finish the earlier lessons first." not in read(client)
