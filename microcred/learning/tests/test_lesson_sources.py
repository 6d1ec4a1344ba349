"""Learners find a lesson's sources at its end, in plain words."""

import pytest
from django.urls import reverse

from microcred.curriculum.models import Lesson

pytestmark = pytest.mark.django_db


def _lesson_page(client, learner, language):
    client.force_login(learner)
    client.cookies["django_language"] = language
    url = reverse("learning:lesson", kwargs={"code": "M01", "slug": "01-first-steps"})
    return client.get(url).content.decode()


def test_the_lesson_ends_with_its_sources(client, course, learner):
    page = _lesson_page(client, learner, "en")
    sources = page[page.index('<section class="lesson-sources"') :]
    assert '<h2 id="lesson-sources-title">Sources</h2>' in sources
    assert "Where the facts in this lesson come from:" in sources
    assert 'lang="en">DigComp 2.2, JRC</a>' in sources
    assert page.index("Open the browser.") < page.index('<section class="lesson-sources"')


def test_a_translation_adds_its_national_sources_after_the_english_ones(client, course, learner):
    Lesson.objects.filter(slug="01-first-steps").update(
        sources={
            "en": [{"title": "DigComp 2.2, JRC", "url": "https://example.org/digcomp"}],
            "pl": [{"title": "UODO", "url": "https://uodo.gov.pl/"}],
        }
    )
    page = _lesson_page(client, learner, "pl")
    assert page.index("DigComp 2.2, JRC") < page.index('lang="pl">UODO</a>')
    assert "UODO" not in _lesson_page(client, learner, "de")


def test_a_lesson_without_sources_has_no_empty_sources_section(client, course, learner):
    Lesson.objects.update(sources={})
    assert "lesson-sources" not in _lesson_page(client, learner, "en")
