"""Exam forms are drawn fairly from a secret seed, stored as JSON and replayed exactly."""

import json

import pytest

from microcred.assessment.draw import FormMismatch, draw_form, learner_view, new_seed, replay
from microcred.assessment.items import ItemBank


def test_the_same_seed_draws_the_same_form(m01_bank):
    assert draw_form(m01_bank, seed=7) == draw_form(m01_bank, seed=7)
    assert draw_form(m01_bank, seed=7).to_json() == draw_form(m01_bank, seed=7).to_json()


def test_the_draw_does_not_depend_on_the_order_of_the_bank(m01_bank):
    reversed_bank = ItemBank(m01_bank.blueprint, m01_bank.items[::-1], m01_bank.outcomes)
    assert draw_form(reversed_bank, seed=99) == draw_form(m01_bank, seed=99)


def test_every_outcome_gets_its_items_and_no_item_comes_twice(m01_bank):
    for seed in range(50):
        form = draw_form(m01_bank, seed=seed)
        ids = [drawn.item_id for drawn in form.items]
        assert len(ids) == len(set(ids)) == 10
        for outcome in m01_bank.outcomes:
            drawn = [i for i in ids if m01_bank.item(i).outcome == outcome]
            assert len(drawn) == m01_bank.blueprint.items_per_outcome


def test_different_seeds_draw_different_items_and_orders(m01_bank):
    forms = [draw_form(m01_bank, seed=seed) for seed in range(30)]
    assert len({tuple(d.item_id for d in form.items) for form in forms}) > 20
    picked = {d.item_id for form in forms for d in form.items}
    assert picked == {item.id for item in m01_bank.items}  # every item gets its turn


def test_options_are_shuffled_across_attempts(sample_bank):
    orders = {draw_form(sample_bank, seed=seed).items[0].order for seed in range(40)}
    assert len(orders) > 3


def test_steps_and_the_matching_right_column_never_show_the_answer(sample_bank):
    for seed in range(200):
        for drawn in draw_form(sample_bank, seed=seed).items:
            if drawn.type in ("ordering", "matching"):
                assert list(drawn.order) != sorted(drawn.order)


def test_a_stored_form_survives_json_and_replays_identically(m01_bank):
    form = draw_form(m01_bank, seed=new_seed())
    stored = json.loads(json.dumps(form.to_json()))
    assert replay(m01_bank, stored) == form


def test_replay_refuses_a_form_whose_item_has_changed(sample_bank, tmp_path):
    from microcred.assessment.tests.banks import SAMPLE, read_sample

    stored = draw_form(sample_bank, seed=5).to_json()
    edited = read_sample(tmp_path, SAMPLE.replace("A phone case", "A phone cover"))
    with pytest.raises(FormMismatch, match="M99-Q01 does not match"):
        replay(edited, stored)


@pytest.mark.parametrize(
    "tamper",
    [
        lambda form: form["items"][0].update(order=[0, 0, 1]),
        lambda form: form["items"][0].update(tokens=["c000000000000"] * 3),
        lambda form: form.update(seed=form["seed"] + 1),
        lambda form: form["items"][0].update(id="M99-Q42"),
        lambda form: form.update(version=99),
        lambda form: form.update(items="nope"),
    ],
)
def test_replay_refuses_a_tampered_form(sample_bank, tamper):
    stored = draw_form(sample_bank, seed=5).to_json()
    first = sample_bank.item(stored["items"][0]["id"])
    if first.type != "single_choice":  # make the first entry a 3-option item for the tampering
        entry = next(e for e in stored["items"] if e["id"] == "M99-Q01")
        stored["items"].remove(entry)
        stored["items"].insert(0, entry)
    tamper(stored)
    with pytest.raises(FormMismatch):
        replay(sample_bank, stored)


def _keys(value) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in _keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in _keys(v)}
    return set()


def test_the_learner_view_shows_no_correctness_and_no_seed(sample_bank):
    form = draw_form(sample_bank, seed=123456789)
    view = learner_view(sample_bank, form, language="pl")
    assert _keys(view) == {
        "number",
        "id",
        "type",
        "stem",
        "choices",
        "prompts",
        "unit",
        "token",
        "text",
        "lang",
    }
    page = json.dumps(view, ensure_ascii=False)
    assert "123456789" not in page
    assert "Czym jest system operacyjny?" in page  # Polish where there is Polish
    assert '"lang": "en"' in page  # English, marked as such, where there is none
    # Tokens are what the page shows for choices; their order says nothing either.
    for entry, drawn in zip(view, form.items, strict=True):
        assert [choice["token"] for choice in entry["choices"]] == list(drawn.tokens)


def test_tokens_are_opaque_and_change_with_every_attempt(sample_bank):
    first, second = draw_form(sample_bank, seed=1), draw_form(sample_bank, seed=2)
    tokens = [t for drawn in first.items for t in drawn.tokens + drawn.left_tokens]
    assert len(tokens) == len(set(tokens))  # unique within the attempt, across items too
    others = {t for drawn in second.items for t in drawn.tokens + drawn.left_tokens}
    assert not set(tokens) & others
    assert all(t.startswith("c") and len(t) == 13 for t in tokens)


def test_the_position_of_the_right_option_is_spread_evenly(sample_bank):
    # 3 options: over many attempts the right one is shown first, second and third alike.
    counts = [0, 0, 0]
    for seed in range(3000):
        drawn = next(d for d in draw_form(sample_bank, seed=seed).items if d.item_id == "M99-Q01")
        counts[drawn.order.index(0)] += 1
    assert all(900 < count < 1100 for count in counts)


def test_a_bank_without_enough_items_cannot_be_drawn(sample_bank):
    thin = ItemBank(sample_bank.blueprint, sample_bank.items[1:], sample_bank.outcomes)
    with pytest.raises(ValueError, match="M99-LO1"):
        draw_form(thin, seed=1)
