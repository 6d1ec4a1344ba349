"""The Board sees where each lesson's facts come from and when they were last checked."""

import pytest
from django.urls import reverse

from microcred.curriculum.models import Lesson

pytestmark = pytest.mark.django_db

DIGCOMP = "https://joint-research-centre.ec.europa.eu/digcomp_en"


def _page(client, user, name, version, *args, **query):
    client.force_login(user)
    response = client.get(reverse(f"review:{name}", args=[version.pk, *args]), query)
    assert response.status_code == 200
    return response.content.decode()


def test_the_version_page_lists_each_lessons_sources_and_check_date(
    client, reviewer, in_review, settings
):
    settings.CONTENT_REVIEW_MAX_AGE_DAYS = 100_000
    page = _page(client, reviewer, "version", in_review)
    assert f'<a href="{DIGCOMP}" lang="en">DigComp 2.2, JRC</a>' in page
    assert page.count("Facts last checked on 2 November 2026.") == 2
    assert "check the facts and the sources again" not in page
    assert "no recent fact check" not in page


def test_an_old_check_date_is_a_visible_warning(client, reviewer, in_review, settings):
    settings.CONTENT_REVIEW_MAX_AGE_DAYS = 1
    page = _page(client, reviewer, "version", in_review)
    assert "2 lessons have no recent fact check" in page
    assert "That is more than 1 day ago: check the facts and the sources again." in page
    assert 'class="message message--warning fact-check"' in page


def test_a_lesson_without_date_or_sources_is_flagged(client, reviewer, in_review, settings):
    settings.CONTENT_REVIEW_MAX_AGE_DAYS = 100_000
    # Lessons of a version under review never change; this stands for an older import.
    Lesson.objects.filter(version=in_review, slug="02-next-steps").update(reviewed=None, sources={})
    page = _page(client, reviewer, "version", in_review)
    assert "1 lesson has no recent fact check" in page
    assert "No review date: nobody has recorded when the facts of this lesson were checked." in page
    assert "This lesson lists no sources." in page


def test_the_lesson_page_shows_national_sources_with_their_language(client, reviewer, in_review):
    Lesson.objects.filter(version=in_review, slug="01-first-steps").update(
        sources={
            "en": [{"title": "DigComp 2.2, JRC", "url": DIGCOMP}],
            "pl": [{"title": "UODO", "url": "https://uodo.gov.pl/"}],
        }
    )
    polish = _page(client, reviewer, "lesson", in_review, "01-first-steps", language="pl")
    assert "Sources and fact check" in polish
    assert f'<a href="{DIGCOMP}" lang="en">DigComp 2.2, JRC</a>' in polish
    assert '<a href="https://uodo.gov.pl/" lang="pl">UODO</a>' in polish
    german = _page(client, reviewer, "lesson", in_review, "01-first-steps", language="de")
    assert "UODO" not in german
