"""The learner's pages read the published course from the course cache, never stale (#19):
a publish or a withdraw shows at the next page, in every language, and progress is never cached.
"""

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from microcred.curriculum import lifecycle
from microcred.curriculum.models import Module, ModuleVersion
from microcred.learning.models import LearnerProfile
from microcred.testing.course import publish_without_review
from microcred.testing.factories import UserFactory

pytestmark = pytest.mark.django_db

HOME = "/learn/"


def lesson_url(code: str = "M01", slug: str = "01-first-steps") -> str:
    return reverse("learning:lesson", kwargs={"code": code, "slug": slug})


def new_learner(client, language: str = "en"):
    learner = UserFactory()
    LearnerProfile.objects.update_or_create(
        user=learner, defaults={"onboarding_done_at": timezone.now()}
    )
    client.force_login(learner)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return learner


def publish_new_version(code: str, *, title: dict, body_html: dict) -> ModuleVersion:
    """A new version of module `code` whose module title and first lesson are rewritten."""
    published = Module.objects.get(code=code).published_version
    draft = lifecycle.new_draft(version=published, actor=None)
    draft.title = title
    draft.save(update_fields=["title"])
    lesson = draft.lessons.get(slug="01-first-steps")
    lesson.body_html = body_html
    lesson.save(update_fields=["body_html"])
    return publish_without_review(draft)


def test_a_new_publish_shows_on_the_next_page_in_every_language(client, course):
    new_learner(client, "en")
    assert "Module M01 title" in client.get(HOME).content.decode()
    assert "Open the browser" in client.get(lesson_url()).content.decode()
    new_learner(client, "pl")
    assert "Moduł M01" in client.get(HOME).content.decode()
    assert "Otwórz przeglądarkę" in client.get(lesson_url()).content.decode()

    publish_new_version(
        "M01",
        title={"en": "Getting online", "pl": "Pierwsze kroki w sieci"},
        body_html={"en": "<p>Switch the phone on.</p>", "pl": "<p>Włącz telefon.</p>"},
    )

    new_learner(client, "en")
    home = client.get(HOME).content.decode()
    assert "Getting online" in home
    assert "Module M01 title" not in home
    assert "Switch the phone on." in client.get(lesson_url()).content.decode()
    new_learner(client, "pl")
    assert "Pierwsze kroki w sieci" in client.get(HOME).content.decode()
    assert "Włącz telefon." in client.get(lesson_url()).content.decode()


def test_a_learner_who_started_keeps_their_version_after_a_publish(client, course):
    new_learner(client)
    client.get(lesson_url())  # started: progress points at this version
    publish_new_version(
        "M01", title={"en": "Getting online"}, body_html={"en": "<p>Switch the phone on.</p>"}
    )
    assert "Open the browser" in client.get(lesson_url()).content.decode()
    assert "Module M01 title" in client.get(HOME).content.decode()


def test_a_withdrawn_module_is_gone_from_my_learning_at_once(client, course):
    new_learner(client)
    assert reverse("learning:module", args=["M02"]) in client.get(HOME).content.decode()
    version = Module.objects.get(code="M02").published_version
    lifecycle.withdraw(version=version, actor=None, reason="A factual error in lesson 2.")
    home = client.get(HOME).content.decode()
    assert reverse("learning:module", args=["M02"]) not in home
    assert reverse("learning:module", args=["M01"]) in home
    assert client.get(lesson_url("M02")).status_code == 404


def test_a_lesson_marked_done_shows_as_done_at_once(client, course):
    new_learner(client)
    client.get(HOME)  # the course is cached now
    client.get(lesson_url())
    client.post(reverse("learning:complete_lesson", args=["M01", "01-first-steps"]))
    assert "1 of 2 lessons done" in client.get(HOME).content.decode()
    module_page = client.get(reverse("learning:module", args=["M01"])).content.decode()
    assert "done-mark" in module_page


def test_a_translation_no_longer_approved_is_no_longer_offered(client, course):
    """Language approval changes what learners are offered: the cache follows at once."""
    new_learner(client, "pl")
    assert "Otwórz przeglądarkę" in client.get(lesson_url("M02")).content.decode()
    version = Module.objects.get(code="M02").published_version
    draft = lifecycle.new_draft(version=version, actor=None)
    lifecycle.submit(version=draft, actor=None)
    lifecycle.approve(version=draft, languages=[], actor=None)  # English only
    lifecycle.publish(version=draft, actor=None)
    new_learner(client, "pl")
    page = client.get(lesson_url("M02")).content.decode()
    assert "Open the browser" in page
    assert "Otwórz przeglądarkę" not in page


def course_queries(client, url: str) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in queries.captured_queries if '"curriculum_' in q["sql"]]


def test_reading_again_does_not_read_the_course_from_the_database(client, course):
    new_learner(client)
    client.get(lesson_url())
    client.get(HOME)
    assert course_queries(client, HOME) == []
    # Only the learner's own place in the module (progress joined to lessons) remains.
    assert all("learning_" in sql for sql in course_queries(client, lesson_url()))


def test_the_lesson_and_my_learning_pages_take_fewer_queries(
    client, course, django_assert_max_num_queries
):
    """Before the course cache: 13 queries for a lesson read again, 9 for my learning; the lesson
    took 12 until its progress and reading language came in one query (session 7), 9 until the
    order rule and the knowledge check's answer came from one read of the learner's records."""
    new_learner(client)
    client.get(lesson_url())
    client.get(HOME)
    with django_assert_max_num_queries(8):
        client.get(lesson_url())
    with django_assert_max_num_queries(7):
        client.get(HOME)
