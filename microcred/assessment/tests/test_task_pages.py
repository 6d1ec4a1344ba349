"""The pages around a task item (a simulated app screen): the question page without the key,
the list of answers, the result, the staff statistics and the learner's data export."""

import re

import pytest
from django.urls import reverse

from microcred.assessment.models import Attempt
from microcred.assessment.privacy import _questions
from microcred.assessment.stats import item_statistics
from microcred.assessment.tests.exam_helpers import as_post, complete_module, key_for
from microcred.curriculum.models import Module

pytestmark = pytest.mark.django_db


@pytest.fixture
def attempt(real_course, learner, client) -> Attempt:
    complete_module(learner)
    client.force_login(learner)
    client.post(reverse("assessment:start", args=["M01"]))
    return Attempt.objects.get()


def _task_url(attempt: Attempt) -> str:
    number = next(n for n, i in enumerate(attempt.form["items"], 1) if i["id"] == "M01-P01")
    return reverse("assessment:question", args=[attempt.pk, number])


def test_the_app_store_screen_shows_plain_controls_and_no_key(client, attempt):
    page = client.get(_task_url(attempt)).content.decode()
    assert 'class="sim sim--store sim--phone"' in page
    assert "App store: search “My Health”" in page
    assert page.count('type="radio"') == 8  # four apps, two buttons each
    assert "assessment/task.css" in page
    form = page.split('<main id="main"', 1)[1].split("<form", 1)[1]  # the task's own form
    names = set(re.findall(r'name="([^"]+)"', form))
    values = set(re.findall(r'value="([^"]*)"', form))
    authored = {
        "official",
        "lookalike-plus",
        "lookalike-official",
        "old-game",
        "install",
        "leave",
        "keep",
        "uninstall",
    }
    assert not (names | values) & authored  # only opaque tokens travel
    assert "style=" not in form
    assert "<script" not in form


def test_a_screen_counts_as_answered_only_once_the_learner_acts(client, attempt):
    url = _task_url(attempt)
    client.post(url, {"go": "review"})  # looked at the screen, did nothing
    review = client.get(reverse("assessment:review", args=[attempt.pk])).content.decode()
    assert review.count("<strong>no answer yet</strong>") == len(attempt.form["items"])
    key = key_for(attempt)["M01-P01"]
    client.post(url, {**as_post("task", key), "go": "review"})
    review = client.get(reverse("assessment:review", args=[attempt.pk])).content.decode()
    assert review.count("<strong>no answer yet</strong>") == len(attempt.form["items"]) - 1
    page = client.get(url).content.decode()
    assert page.count(" checked") == 4  # the screen shows what the learner did


def test_the_result_says_how_many_steps_were_done_as_expected(client, attempt):
    key = key_for(attempt)["M01-P01"]
    token, right = next(iter(key.items()))  # the official app: leave it instead of installing
    page = client.get(_task_url(attempt)).content.decode()
    other = next(
        v for v in re.findall(rf'name="{token}" id="[^"]+" value="([^"]+)"', page) if v != right
    )
    client.post(_task_url(attempt), {**as_post("task", {**key, token: other}), "go": "review"})
    result = client.post(reverse("assessment:submit", args=[attempt.pk]), follow=True)
    text = result.content.decode()
    assert "Partly right</strong> (3 of 4 steps done as expected)" in text
    assert "Check the publisher" in text  # the feedback


def test_staff_statistics_count_each_step_set_as_expected(client, attempt, reviewer):
    key = key_for(attempt)["M01-P01"]
    client.post(_task_url(attempt), {**as_post("task", key), "go": "review"})
    client.post(reverse("assessment:submit", args=[attempt.pk]))
    row = next(r for r in item_statistics(Module.objects.get(code="M01")) if r.item_id == "M01-P01")
    assert row.control_summary == [(1, 1), (2, 1), (3, 1), (4, 1)]
    assert row.facility == 1
    client.force_login(reviewer)
    page = client.get(reverse("assessment:statistics", args=["M01"])).content.decode()
    assert "step 1: 1 as expected" in page


def test_the_data_export_names_the_screen_rows_and_what_was_chosen(client, attempt):
    key = key_for(attempt)["M01-P01"]
    client.post(_task_url(attempt), {**as_post("task", key), "go": "review"})
    attempt.refresh_from_db()
    exported = next(q for q in _questions(attempt) if q["question"].startswith("Your doctor"))
    assert exported["your_answer"] == {
        "My Health · Health Service Executive": "Install",
        "My Health Plus · FreeAppsWorld Ltd": "Leave it",
        "My Health Official App · HSE Apps Online": "Leave it",
        "Fruit Puzzle Mania · installed on this phone": "Uninstall",
    }
