"""Taking a module test: fair attempts, answers saved on every step, marking on the server."""

import re
from datetime import timedelta

import pytest
import yaml
from django.urls import reverse
from django.utils import timezone

from microcred.assessment.models import Accommodation, Attempt, ItemBank
from microcred.assessment.services import AssessmentError, save_answer, start_attempt
from microcred.assessment.signals import assessment_passed
from microcred.assessment.tests.exam_helpers import answer_all, as_post, complete_module, key_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def ready(real_course, learner, client):
    complete_module(learner)
    client.force_login(learner)
    return learner


def _start(client) -> Attempt:
    client.post(reverse("assessment:start", args=["M01"]))
    return Attempt.objects.get()


def test_reloading_the_start_address_shows_the_test_page_and_starts_nothing(client, ready):
    response = client.get(reverse("assessment:start", args=["M01"]), follow=True)
    assert response.status_code == 200
    assert response.redirect_chain == [(reverse("assessment:overview", args=["M01"]), 302)]
    assert not Attempt.objects.exists()


def test_the_test_stays_closed_until_every_lesson_is_done(client, real_course, learner):
    client.force_login(learner)
    page = client.get(reverse("assessment:overview", args=["M01"])).content.decode()
    assert "Finish all the lessons of this module first" in page
    client.post(reverse("assessment:start", args=["M01"]))
    assert not Attempt.objects.exists()


def test_a_learner_passes_with_right_answers_and_the_credential_is_announced(
    client, ready, django_capture_on_commit_callbacks
):
    received = []
    assessment_passed.connect(lambda **kw: received.append(kw["attempt_id"]), weak=False,
                              dispatch_uid="test-pass")
    try:
        attempt = _start(client)
        assert len(attempt.form["items"]) >= 8  # every outcome at least twice
        answer_all(client, attempt, right=True)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("assessment:submit", args=[attempt.pk]), follow=True)
    finally:
        assessment_passed.disconnect(dispatch_uid="test-pass")
    attempt.refresh_from_db()
    assert attempt.passed
    assert attempt.percent == 100
    assert "Congratulations, you passed!" in response.content.decode()
    assert received == [attempt.pk]


def test_no_answer_key_reaches_the_browser_during_an_attempt(client, ready):
    attempt = _start(client)
    pages = answer_all(client, attempt, right=False)
    review = client.get(reverse("assessment:review", args=[attempt.pk])).content.decode()
    bank = {item["id"]: item for item in yaml.safe_load(attempt.bank.source)["items"]}
    for drawn, page in zip(attempt.form["items"], pages, strict=True):
        form = page.split('<main id="main"', 1)[1].split("<form", 1)[1]  # the question form
        assert "correct" not in page.lower()
        assert str(attempt.seed) not in page
        assert "data-" not in form
        item = bank[drawn["id"]]
        hidden = re.findall(r'type="hidden" name="([^"]+)"', form)
        assert set(hidden) == {"csrfmiddlewaretoken"}  # nothing else travels with the question
        values = set(re.findall(r'value="([^"]*)"', form))
        if item["type"] == "short_text":  # no accepted answer is pre-filled or hidden
            assert not values & {a for answers in item["accepted"].values() for a in answers}
        if item["type"] == "numeric":
            assert str(item["answer"]) not in values
    assert "correct" not in review.lower()


def test_failing_shows_what_to_review_and_starts_the_cooldown(client, ready):
    attempt = _start(client)
    answer_all(client, attempt, right=False)
    page = client.post(reverse("assessment:submit", args=[attempt.pk]), follow=True)
    text = page.content.decode()
    assert "Not passed yet" in text
    assert "Review the lessons on this before your next try." in text
    assert "You can try again from" in text
    client.post(reverse("assessment:start", args=["M01"]))
    assert Attempt.objects.count() == 1


def test_after_the_cooldown_a_new_attempt_draws_a_new_form(client, ready):
    first = _start(client)
    client.post(reverse("assessment:submit", args=[first.pk]))
    Attempt.objects.filter(pk=first.pk).update(submitted_at=timezone.now() - timedelta(hours=25))
    client.post(reverse("assessment:start", args=["M01"]))
    second = Attempt.objects.get(number=2)
    assert second.seed != first.seed
    assert second.form != first.form


def test_three_attempts_at_most(client, ready, learner):
    for number in range(1, 4):
        attempt = _start(client) if number == 1 else Attempt.objects.get(number=number)
        client.post(reverse("assessment:submit", args=[attempt.pk]))
        Attempt.objects.filter(pk=attempt.pk).update(
            submitted_at=timezone.now() - timedelta(hours=25))
        client.post(reverse("assessment:start", args=["M01"]))
    assert Attempt.objects.count() == 3
    page = client.get(reverse("assessment:overview", args=["M01"])).content.decode()
    assert "You have used all 3 attempts." in page


def test_a_double_click_on_start_or_submit_changes_nothing(client, ready):
    attempt = _start(client)
    client.post(reverse("assessment:start", args=["M01"]))
    assert Attempt.objects.count() == 1
    client.post(reverse("assessment:submit", args=[attempt.pk]))
    attempt.refresh_from_db()
    submitted = attempt.submitted_at
    client.post(reverse("assessment:submit", args=[attempt.pk]))
    attempt.refresh_from_db()
    assert attempt.submitted_at == submitted


def test_answers_survive_a_dropped_connection_and_another_device(client, ready, learner):
    attempt = _start(client)
    first = attempt.form["items"][0]
    answer = key_for(attempt)[first["id"]]
    client.post(reverse("assessment:question", args=[attempt.pk, 1]),
                {**as_post(first["type"], answer), "go": "next"})
    client.logout()
    client.force_login(learner)
    page = client.get(reverse("assessment:overview", args=["M01"])).content.decode()
    assert "Continue my test" in page
    attempt.refresh_from_db()
    assert attempt.answers[first["id"]]


def test_the_time_limit_is_enforced_on_the_server(client, ready, learner):
    bank = ItemBank.objects.get(module__code="M01")
    bank.source = bank.source.replace("time_limit_minutes: null", "time_limit_minutes: 20")
    bank.save()
    Accommodation.objects.create(learner=learner, extra_time_percent=50)
    attempt = _start(client)
    assert attempt.deadline - attempt.started_at == timedelta(minutes=30)
    first = attempt.form["items"][0]
    right = as_post(first["type"], key_for(attempt)[first["id"]])
    client.post(reverse("assessment:question", args=[attempt.pk, 1]), {**right, "go": "next"})
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - timedelta(seconds=1))
    # A late answer is refused; the attempt is marked on what was saved in time.
    second = attempt.form["items"][1]
    response = client.post(reverse("assessment:question", args=[attempt.pk, 2]),
                           {**as_post(second["type"], key_for(attempt)[second["id"]]),
                            "go": "next"}, follow=True)
    attempt.refresh_from_db()
    assert not attempt.is_open
    assert second["id"] not in attempt.answers
    assert first["id"] in attempt.answers
    assert "Time is up" in response.content.decode()


def test_another_learner_cannot_see_or_answer_an_attempt(client, ready, other_partner_learner):
    attempt = _start(client)
    client.force_login(other_partner_learner)
    assert client.get(reverse("assessment:question", args=[attempt.pk, 1])).status_code == 404
    assert client.post(reverse("assessment:submit", args=[attempt.pk])).status_code == 404
    attempt.refresh_from_db()
    assert attempt.is_open


def test_a_tampered_question_id_is_refused(ready):
    attempt = start_attempt(learner=ready, module=Attempt._meta.get_field("module")
                            .related_model.objects.get(code="M01"))
    with pytest.raises(AssessmentError, match="not part of your test"):
        save_answer(attempt=attempt, item_id="M05-Q01", answer="x")


def test_garbage_answers_never_break_the_test(client, ready):
    attempt = _start(client)
    url = reverse("assessment:question", args=[attempt.pk, 1])
    for junk in [{"answer": "x" * 10_000}, {"answer": ["a", "b"] * 50}, {"go": "sideways"},
                 {"match-zzz": "<script>"}, {"position-zzz": "-1"}, {"answer": "\x00"}]:
        assert client.post(url, junk).status_code < 500
    assert client.get(reverse("assessment:question", args=[attempt.pk, 999])).status_code == 404
