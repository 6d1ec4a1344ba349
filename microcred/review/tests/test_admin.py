"""The platform admin manages cohorts, feedback questions and the checklist in the admin."""

import pytest
from django.urls import reverse

from microcred.review.models import (
    BoardMembership,
    Cohort,
    ReviewChecklistItem,
    ReviewEvent,
    SurveyQuestion,
    SurveyResponse,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", [BoardMembership, ReviewChecklistItem, ReviewEvent, Cohort,
                                   SurveyQuestion, SurveyResponse])
def test_every_review_admin_page_opens(client, platform_admin, model):
    client.force_login(platform_admin)
    url = reverse(f"admin:review_{model._meta.model_name}_changelist")
    assert client.get(url).status_code == 200


def test_the_default_checklist_and_questions_exist_in_every_language(settings):
    languages = {code for code, _name in settings.LANGUAGES}
    assert ReviewChecklistItem.objects.count() == 8
    assert ReviewChecklistItem.objects.filter(code="sources-and-review-date").exists()
    assert SurveyQuestion.objects.filter(kind="likert").count() == 4
    assert SurveyQuestion.objects.filter(kind="text").count() == 1
    for record in [*ReviewChecklistItem.objects.all(), *SurveyQuestion.objects.all()]:
        assert set(record.text) == languages, record.code
        assert all(record.text.values())


def test_the_admin_creates_a_pilot_cohort_with_learners(client, platform_admin, partner, learner):
    client.force_login(platform_admin)
    response = client.post(reverse("admin:review_cohort_add"), {
        "name": "Internal pilot", "is_pilot": "on", "partner": partner.pk,
        "starts_on": "2026-02-01", "ends_on": "2026-03-31",
        "memberships-TOTAL_FORMS": "1", "memberships-INITIAL_FORMS": "0",
        "memberships-0-learner": learner.pk, "memberships-0-joined_on": "2026-02-01",
    })
    assert response.status_code == 302
    cohort = Cohort.objects.get()
    assert list(cohort.members.all()) == [learner]


def test_a_cohort_cannot_end_before_it_starts(client, platform_admin):
    client.force_login(platform_admin)
    response = client.post(reverse("admin:review_cohort_add"), {
        "name": "Launch 2026", "starts_on": "2026-05-01", "ends_on": "2026-04-01",
        "memberships-TOTAL_FORMS": "0", "memberships-INITIAL_FORMS": "0",
    })
    assert "A cohort cannot end before it starts." in response.content.decode()


def test_the_admin_rewords_a_feedback_question(client, platform_admin):
    question = SurveyQuestion.objects.get(code="clarity")
    client.force_login(platform_admin)
    data = {"code": "clarity", "kind": "likert", "order": 10, "is_active": "on",
            **{f"text_{code}": text for code, text in question.text.items()},
            "text_en": "The lessons were easy to understand."}
    response = client.post(reverse("admin:review_surveyquestion_change", args=[question.pk]), data)
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.text["en"] == "The lessons were easy to understand."
    assert question.text["pl"] == "Lekcje były jasne i łatwe do zrozumienia."
