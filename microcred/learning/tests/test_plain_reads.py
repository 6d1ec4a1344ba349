"""The lesson page's and my learning's single statements (core.sql.rows_in_parts) read what
the ORM reads, decoded the same way, on SQLite and PostgreSQL (decision 0030)."""

import pytest
from django.forms.models import model_to_dict
from django.urls import reverse

from microcred.learning import selectors
from microcred.learning.models import LearnerProfile, LessonProgress, ModuleProgress

pytestmark = pytest.mark.django_db


def _same(ours, orms) -> None:
    assert type(ours) is type(orms)
    assert ours.pk == orms.pk
    assert model_to_dict(ours) == model_to_dict(orms)


def test_my_learning_before_anything_is_read_as_nothing(course, learner):
    profile, cards = selectors.my_learning(learner)
    assert profile is None  # services.get_profile makes it
    assert [card.module.code for card in cards] == ["M01", "M02"]
    assert all(card.progress is None and card.lessons_done == 0 for card in cards)


def test_my_learning_reads_the_profile_progress_and_done_lessons_as_the_orm_does(
    client, course, onboarded
):
    client.force_login(onboarded)
    client.post(reverse("learning:complete_lesson", args=["M01", "01-first-steps"]))
    client.get(reverse("learning:lesson", args=["M02", "01-first-steps"]))  # starts M02
    LearnerProfile.objects.filter(user=onboarded).update(module_languages={"M01": "de"})

    profile, cards = selectors.my_learning(onboarded)

    _same(profile, LearnerProfile.objects.get(user=onboarded))
    assert profile.module_languages == {"M01": "de"}
    by_code = {card.module.code: card for card in cards}
    assert ModuleProgress.objects.filter(learner=onboarded).count() == 2
    for progress in ModuleProgress.objects.filter(learner=onboarded).select_related("module"):
        _same(by_code[progress.module.code].progress, progress)
    assert by_code["M01"].lessons_done == 1
    assert by_code["M02"].lessons_done == 0
    assert cards == selectors.module_cards(onboarded)  # the module pages show the same


def test_the_lesson_read_gives_progress_choice_and_records_up_to_the_lesson(
    client, course, onboarded
):
    client.force_login(onboarded)
    client.post(reverse("learning:complete_lesson", args=["M01", "01-first-steps"]))
    client.post(reverse("learning:complete_lesson", args=["M01", "02-next-steps"]))
    LearnerProfile.objects.filter(user=onboarded).update(module_languages={"M01": "el"})

    first = selectors.learner_lesson(onboarded, "M01", "01-first-steps")
    second = selectors.learner_lesson(onboarded, "M01", "02-next-steps")

    _same(second.progress, ModuleProgress.objects.get(learner=onboarded, module__code="M01"))
    assert second.chosen_language == "el"
    records = {r.lesson_id: r for r in LessonProgress.objects.filter(learner=onboarded)}
    assert set(second.records) == set(records)
    for lesson_id, record in second.records.items():
        _same(record, records[lesson_id])
    assert set(first.records) == {first.lesson.pk}  # only the lessons up to this one


def test_the_lesson_read_for_a_learner_who_has_not_started_the_module(course, learner):
    LearnerProfile.objects.create(user=learner, module_languages={"M02": "pt"})
    found = selectors.learner_lesson(learner, "M02", "01-first-steps")
    assert found.progress is None
    assert found.records == {}
    assert found.chosen_language == "pt"  # read without progress, in the same statement
