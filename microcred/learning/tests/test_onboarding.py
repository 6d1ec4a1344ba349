import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from microcred.accounts.consent import CONSENT_VERSION
from microcred.learning.models import LearnerProfile, SkillLevel
from microcred.learning.views_onboarding import STEPS

pytestmark = pytest.mark.django_db


def step(name: str) -> str:
    return reverse("learning:onboarding", kwargs={"step": name})


def test_a_new_learner_is_welcomed_by_onboarding(client, learner):
    client.force_login(learner)
    assert client.get(reverse("learning:home")).url == step("language")


def test_onboarding_saves_every_answer_and_places_the_learner(client, learner, other_partner):
    client.force_login(learner)
    assert client.post(step("language"), {"language": "pl"}).url == step("partner")
    client.post(step("partner"), {"partner": other_partner.pk})
    client.post(step("work"), {"employment_status": "job_seeking"})
    client.post(step("skills"), {"can_do": ["wifi", "email", "privacy"]})
    response = client.post(step("consent"), {"consent": "yes", "reminders": "on"})
    assert response.url == reverse("learning:onboarding_done")

    learner.refresh_from_db()
    profile = LearnerProfile.objects.get(user=learner)
    assert learner.preferred_language == "pl"
    assert learner.partner == other_partner
    assert profile.employment_status == "job_seeking"
    assert profile.skill_level == SkillLevel.LOW
    assert profile.suggested_module == "M02"
    assert profile.reminders is True
    assert learner.consents.get().version == CONSENT_VERSION


def test_a_learner_can_skip_and_come_back_later(client, learner):
    client.force_login(learner)
    response = client.post(step("work"), {"skip": "1"})
    assert response.url == reverse("learning:home")
    assert client.get(reverse("learning:home")).status_code == 200
    assert client.get(step("work")).status_code == 200


def test_declining_consent_is_recorded_and_learning_goes_on(client, learner):
    client.force_login(learner)
    client.post(step("consent"), {"consent": "no"})
    assert not learner.consents.exists()
    assert LearnerProfile.objects.get(user=learner).onboarding_done_at is not None


@pytest.mark.parametrize(("name", "data"), [
    ("language", {"language": "xx"}), ("partner", {"partner": "999999"}),
    ("work", {"employment_status": "astronaut"}), ("skills", {"can_do": ["astronaut"]}),
    ("consent", {"consent": "maybe"}),
])
def test_bad_answers_are_refused_with_a_message_and_change_nothing(client, learner, name, data):
    client.force_login(learner)
    client.cookies["django_language"] = "pl"
    response = client.post(step(name), data)
    assert response.status_code == 200
    with translation.override("pl"):
        assert gettext("Please choose one of the answers.") in response.content.decode()
    profile = LearnerProfile.objects.filter(user=learner).first()
    assert profile is None or (profile.self_check_answers == {} and not profile.employment_status)


def test_an_unknown_step_is_not_found(client, learner):
    client.force_login(learner)
    assert client.get(step("skills-99")).status_code == 404


def test_onboarding_is_at_most_five_short_steps():
    assert len(STEPS) <= 5


@pytest.mark.parametrize(("ticked", "suggested", "level"), [
    ([], "M01", SkillLevel.LOW),
    (["wifi", "email", "search", "video_call"], "M04", SkillLevel.LOW),
    (["wifi", "email", "search", "video_call", "eservices", "scams", "privacy", "ai"], "M08",
     SkillLevel.HIGH),
    (["wifi", "email", "search", "video_call", "eservices", "scams", "privacy", "ai", "chatbot",
      "cloud"], "M07", SkillLevel.HIGH),
])
def test_the_ticked_tasks_place_the_learner(client, learner, ticked, suggested, level):
    client.force_login(learner)
    client.post(step("skills"), {"can_do": ticked})
    profile = LearnerProfile.objects.get(user=learner)
    assert (profile.suggested_module, profile.skill_level) == (suggested, level)
