"""The learners' short survey after each module and after the course."""

import pytest
from django.urls import reverse

from microcred.curriculum.models import ModuleVersion
from microcred.learning.models import LearnerProfile
from microcred.review.models import SurveyAnswer, SurveyResponse
from microcred.review.tests.conftest import finish_module
from microcred.testing.course import publish_without_review

pytestmark = pytest.mark.django_db

M01 = reverse("review:module_feedback", kwargs={"code": "M01"})
COURSE = reverse("review:course_feedback")
ANSWERS = {"clarity": 4, "relevance": 5, "difficulty": 2, "usefulness-for-work": 4,
           "comments": "More examples, please."}


@pytest.fixture
def published(course):
    for version in ModuleVersion.objects.all():
        publish_without_review(version)


@pytest.fixture
def finished(published, learner):
    LearnerProfile.objects.create(user=learner, onboarding_skipped_at="2026-01-01T00:00Z")
    finish_module(learner, "M01")
    return learner


def test_the_module_complete_page_asks_for_feedback(client, finished):
    client.force_login(finished)
    page = client.get(reverse("learning:module_complete", kwargs={"code": "M01"})).content
    assert M01.encode() in page
    assert COURSE.encode() not in page  # M02 is not finished yet
    finish_module(finished, "M02")
    page = client.get(reverse("learning:module_complete", kwargs={"code": "M02"})).content
    assert COURSE.encode() in page


def test_the_questions_are_asked_in_the_learners_language(client, finished):
    client.force_login(finished)
    client.cookies["django_language"] = "pl"
    page = client.get(M01).content.decode()
    assert "Lekcje były jasne i łatwe do zrozumienia." in page
    assert "Co powinniśmy poprawić?" in page
    assert '<legend class="question">' in page


def test_a_learner_gives_feedback_once_and_may_change_it(client, finished):
    client.force_login(finished)
    client.cookies["django_language"] = "pl"
    response = client.post(M01, ANSWERS)
    assert response.status_code == 302
    feedback = SurveyResponse.objects.get()
    assert (feedback.module.code, feedback.language, feedback.version.number) == ("M01", "pl", 1)
    scores = {a.question.code: a.score or a.text for a in feedback.answers.all()}
    assert scores == ANSWERS
    client.cookies["django_language"] = "en"
    page = client.get(M01).content.decode()
    assert "If you send the form again, your new answers replace the old ones." in page
    client.post(M01, {**ANSWERS, "clarity": 2, "comments": ""})
    assert SurveyResponse.objects.count() == 1
    assert SurveyAnswer.objects.get(question__code="clarity").score == 2
    assert SurveyAnswer.objects.get(question__code="comments").text == ""


def test_every_statement_needs_an_answer_from_1_to_5(client, finished):
    client.force_login(finished)
    response = client.post(M01, {**ANSWERS, "clarity": 6, "relevance": ""})
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()
    assert not SurveyResponse.objects.exists()


def test_no_feedback_before_the_module_is_finished(client, published, learner):
    client.force_login(learner)
    response = client.post(M01, ANSWERS)
    assert response.url == reverse("learning:module", kwargs={"code": "M01"})
    assert not SurveyResponse.objects.exists()


def test_course_feedback_comes_after_every_module(client, finished):
    client.force_login(finished)
    client.post(COURSE, ANSWERS)
    assert not SurveyResponse.objects.exists()
    finish_module(finished, "M02")
    assert client.post(COURSE, ANSWERS).status_code == 302
    course_feedback = SurveyResponse.objects.get()
    assert course_feedback.module is None
    assert course_feedback.answers.count() == 5


def test_anonymous_visitors_are_asked_to_log_in(client, published):
    response = client.get(M01)
    assert response.status_code == 302
    assert "/accounts/login/" in response.url
