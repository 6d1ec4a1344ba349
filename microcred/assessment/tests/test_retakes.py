"""A retake shows questions the learner has not seen before, as far as the bank allows."""

from collections import Counter
from datetime import timedelta

import pytest
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from microcred.assessment.draw import DrawnForm, disjoint_forms, draw_form
from microcred.assessment.items import Blueprint, ItemBank, ItemSpec
from microcred.assessment.models import Attempt
from microcred.assessment.services import start_attempt, submit_attempt
from microcred.assessment.tests.exam_helpers import complete_module
from microcred.curriculum.models import Module


def _bank(per_outcome: int, shape: dict[str, tuple[int, int]]) -> ItemBank:
    """outcome -> (task items, other items)."""
    items = []
    for outcome, (tasks, others) in shape.items():
        for number in range(tasks + others):
            kind = "task" if number < tasks else "true_false"
            items.append(
                ItemSpec(
                    f"{outcome}-{kind}-{number}",
                    outcome,
                    kind,
                    {"en": f"Question {number}"},
                    answer=True,
                )
            )
    blueprint = Blueprint(per_outcome, 70, 50, None, 3, 24)
    return ItemBank(blueprint, tuple(items), tuple(shape))


def _three_attempts(bank: ItemBank, seeds: tuple[int, int, int]) -> list[set[str]]:
    earlier: list[list[str]] = []
    for seed in seeds:
        form = draw_form(bank, seed=seed, earlier=earlier)
        _assert_blueprint_holds(bank, form)
        earlier.append([drawn.item_id for drawn in form.items])
    return [set(ids) for ids in earlier]


def _assert_blueprint_holds(bank: ItemBank, form: DrawnForm) -> None:
    ids = [drawn.item_id for drawn in form.items]
    assert len(ids) == len(set(ids))
    for outcome in bank.outcomes:
        drawn = [bank.item(i) for i in ids if bank.item(i).outcome == outcome]
        assert len(drawn) == bank.blueprint.items_per_outcome
        if any(item.type == "task" for item in bank.items_for(outcome)):
            assert any(item.type == "task" for item in drawn)


def test_three_attempts_on_a_bank_with_enough_items_share_no_question():
    bank = _bank(2, {"LO1": (0, 6), "LO2": (3, 3), "LO3": (0, 9)})
    first, second, third = _three_attempts(bank, (11, 12, 13))
    assert len(first | second | third) == len(first) + len(second) + len(third) == 18


def test_with_too_few_items_every_question_is_shown_before_one_is_shown_again():
    bank = _bank(3, {"LO1": (0, 4), "LO2": (0, 7)})
    forms = _three_attempts(bank, (1, 2, 3))
    shown = Counter(item_id for form in forms for item_id in form)
    assert set(shown) == {item.id for item in bank.items}
    for outcome in bank.outcomes:  # 9 places: 4 items twice and one a third time, not 3 + 3
        counts = [shown[item.id] for item in bank.items_for(outcome)]
        assert max(counts) - min(counts) <= 1


def test_the_same_seed_and_history_give_the_same_form(m01_bank):
    earlier = [[d.item_id for d in draw_form(m01_bank, seed=5).items]]
    assert draw_form(m01_bank, seed=9, earlier=earlier) == draw_form(
        m01_bank, seed=9, earlier=earlier
    )
    assert draw_form(m01_bank, seed=9) == draw_form(m01_bank, seed=9, earlier=[])


@settings(max_examples=300, deadline=None)
@given(
    per_outcome=st.integers(1, 3),
    tasks=st.integers(0, 4),
    others=st.integers(0, 10),
    seeds=st.tuples(st.integers(0, 10**6), st.integers(0, 10**6), st.integers(0, 10**6)),
)
def test_the_draw_gives_as_many_different_forms_as_the_report_promises(
    per_outcome, tasks, others, seeds
):
    if tasks + others < per_outcome:
        return
    bank = _bank(per_outcome, {"LO1": (tasks, others)})
    forms = _three_attempts(bank, seeds)[: min(3, disjoint_forms(bank, "LO1"))]
    assert all(not a & b for i, a in enumerate(forms) for b in forms[i + 1 :])


def test_an_outcome_with_one_performance_task_repeats_it_in_every_form():
    bank = _bank(2, {"LO1": (1, 8)})
    assert disjoint_forms(bank, "LO1") == 1
    first, second, third = _three_attempts(bank, (4, 5, 6))
    assert first & second & third == {"LO1-task-0"}
    assert len(first | second | third) == 4  # the other places never repeat


@pytest.mark.django_db
def test_a_learners_retakes_show_questions_they_have_not_seen(real_course, learner):
    complete_module(learner, "M02")  # 6 items per outcome, 2 drawn, no task items
    module = Module.objects.get(code="M02")
    now = timezone.now()
    for _number in range(3):
        attempt = start_attempt(learner=learner, module=module, now=now)
        submit_attempt(attempt=attempt, now=now)  # nothing answered: failed
        now += timedelta(days=2)
    forms = [
        {item["id"] for item in attempt.form["items"]}
        for attempt in Attempt.objects.filter(learner=learner).order_by("number")
    ]
    assert len(forms) == 3
    assert len(forms[0] | forms[1] | forms[2]) == sum(len(form) for form in forms)
