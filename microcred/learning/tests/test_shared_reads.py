"""With Redis, a logged-in page reads its session and the course generation in one round trip,
and still shows a change made between two reads, or during the request (#19)."""

import pytest
import redis
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from microcred.core.shared_reads import SharedReadsMiddleware
from microcred.curriculum import course_cache
from microcred.curriculum.models import Lesson

pytestmark = pytest.mark.django_db


def lesson_url() -> str:
    return reverse("learning:lesson", kwargs={"code": "M01", "slug": "01-first-steps"})


@pytest.fixture
def redis_commands(monkeypatch):
    """The commands sent to Redis on any connection, by name (through redis-py's client or
    straight on a connection, core/cache_reads.py)."""
    sent: list[str] = []
    real = redis.connection.AbstractConnection.send_command

    def recorded(self, *args, **options):
        sent.append(str(args[0]).upper())
        return real(self, *args, **options)

    monkeypatch.setattr(redis.connection.AbstractConnection, "send_command", recorded)
    return sent


def test_a_lesson_read_again_asks_redis_once(
    redis_settings, redis_commands, client, course, onboarded
):
    client.force_login(onboarded)
    assert client.get(lesson_url()).status_code == 200
    redis_commands.clear()

    response = client.get(lesson_url())

    assert response.status_code == 200
    assert redis_commands == ["MGET"]  # the session and the generations together


def test_a_change_between_two_reads_shows_at_the_next_one(
    redis_settings, client, course, onboarded
):
    client.force_login(onboarded)
    assert client.get(lesson_url()).status_code == 200
    lesson = Lesson.objects.get(version__module__code="M01", slug="01-first-steps")
    Lesson.objects.filter(pk=lesson.pk).update(title={"en": "A title changed in between"})
    course_cache.bump_generation()  # what every writer of the course does

    assert "A title changed in between" in client.get(lesson_url()).content.decode()


def test_signing_out_still_ends_the_session(redis_settings, client, onboarded):
    client.force_login(onboarded)
    assert client.get(reverse("learning:home")).status_code == 200
    client.logout()
    assert client.get(reverse("learning:home")).status_code == 302  # to the sign-in page


def test_a_bump_during_the_request_is_seen_later_in_the_same_request(
    redis_settings, client, onboarded
):
    client.force_login(onboarded)  # a session cookie: the generations are read with it
    before = course_cache.generation()
    seen = []

    def view(request):  # a publish, then a read of the course, in one request
        course_cache.bump_generation()
        seen.append(course_cache.generation())
        return HttpResponse()

    request = RequestFactory().get("/")
    request.COOKIES.update({name: morsel.value for name, morsel in client.cookies.items()})
    SharedReadsMiddleware(view)(request)

    assert seen[0] > before  # not the count read with the session at the start
