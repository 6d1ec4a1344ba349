"""The failed-test page on a small phone: the result, what to revise (with links to the lessons
that teach it) and when the next try opens lead, in the learner's date format; each answer is
one tap away (issue #18)."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext

from microcred.assessment.models import Attempt
from microcred.curriculum.models import Lesson
from microcred.learning.models import LessonProgress
from tests.e2e.checks import check_page, log_in_as
from tests.e2e.test_e2e_first_screen import PHONE, _learner_with_history, phone_page

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# Three and a half screens at most, footer included, when every outcome is to be revised (it
# was 5,342 px at 360 px wide with every answer shown).
MAX_HEIGHT = int(PHONE["height"] * 3.5)


@pytest.mark.parametrize("language", ["en", "el", "pt"])
def test_the_failed_test_page_is_short_and_says_when_to_try_again(
        browser, live_server, learner, language, real_first_modules):
    url = _learner_with_history(learner)["failed result"]
    failed = Attempt.objects.get(passed=False)
    # The learner read every lesson before the test, as the course asks.
    LessonProgress.objects.bulk_create(
        LessonProgress(learner=learner, lesson=lesson, completed_at=failed.started_at)
        for lesson in Lesson.objects.filter(version=failed.module_version))
    reopens = timezone.localtime(failed.submitted_at + timedelta(hours=24))
    page = phone_page(browser, live_server)
    log_in_as(page, live_server, learner)
    page.context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": language,
                               "url": live_server.url}])
    page.goto(url)

    height = page.evaluate("document.documentElement.scrollHeight")
    print(f"failed-test page, {language}: {height} px at 320x640")
    assert height <= MAX_HEIGHT, height
    with translation.override(language):
        expected = f"{gettext('You can try again from:')} {date_format(reopens, 'DATETIME_FORMAT')}"
    next_try = page.locator("main .next-try").inner_text()
    assert next_try == expected
    assert ".." not in page.locator("main").inner_text()
    # Outcomes to revise come before the answers, which wait behind one tap.
    assert page.locator("main .revise-list li").count() >= 1
    answers = page.locator("main .answer-list")
    assert not answers.is_visible()
    check_page(page)
    page.locator("details:has(.answer-list) summary").click()
    assert answers.is_visible()
    check_page(page)

    # Each outcome to revise names its lessons, in the learner's language; one tap opens one.
    links = page.locator("main .revise-list .revise-lessons a")
    assert links.count() >= page.locator("main .revise-list > li").count()
    link = links.first
    title = link.inner_text()
    lesson = Lesson.objects.get(version=failed.module_version,
                                slug=link.get_attribute("href").strip("/").split("/")[-1])
    assert title == lesson.title[language]
    link.click()
    page.wait_for_load_state()
    assert page.url == f"{live_server.url}/course/M02/{lesson.slug}/"
    assert page.locator("main h1").inner_text() == title
    page.context.close()
