"""Properties of draw and grade that must hold for every seed and every answer sheet."""

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from microcred.assessment.draw import draw_form, replay
from microcred.assessment.grading import answer_key, grade

seeds = st.integers(min_value=0, max_value=2**63 - 1)
SETTINGS = settings(max_examples=150, deadline=None)


def _meaning(data, item):
    """An answer in terms of the bank's own indices, independent of any attempt's tokens."""
    if item.type == "single_choice":
        return data.draw(st.integers(0, len(item.options) - 1))
    if item.type == "multiple_response":
        return data.draw(st.sets(st.integers(0, len(item.options) - 1)))
    if item.type == "matching":
        indices = st.integers(0, len(item.pairs) - 1)
        return data.draw(st.dictionaries(indices, indices))
    if item.type == "ordering":
        order = data.draw(st.permutations(range(len(item.sequence))))
        return order[: data.draw(st.integers(0, len(order)))]
    if item.type == "true_false":
        return data.draw(st.booleans())
    return data.draw(st.sampled_from(["12", "12,0", "13", "password manager", "Menedżer", "x"]))


def _in_tokens(item, drawn, meaning):
    if item.type == "single_choice":
        return drawn.token_of(meaning)
    if item.type in ("multiple_response", "ordering"):
        return [drawn.token_of(index) for index in meaning]
    if item.type == "matching":
        return {drawn.left_token_of(left): drawn.token_of(right) for left, right in meaning.items()}
    return meaning


@SETTINGS
@given(data=st.data(), first=seeds, second=seeds)
def test_shuffling_never_changes_the_score_of_the_same_answers(sample_bank, data, first, second):
    meanings = {item.id: _meaning(data, item) for item in sample_bank.items}
    results = []
    for seed in (first, second):
        form = draw_form(sample_bank, seed=seed)  # every item is drawn: 2 per outcome, 2 each
        answers = {
            drawn.item_id: _in_tokens(
                sample_bank.item(drawn.item_id), drawn, meanings[drawn.item_id]
            )
            for drawn in form.items
        }
        result = grade(sample_bank, form, answers, language="pl")
        results.append((result.percent, {r.item_id: r.score for r in result.items}))
    assert results[0] == results[1]


@SETTINGS
@given(seed=seeds, language=st.sampled_from(["en", "pl", "de"]))
def test_a_perfect_sheet_always_scores_100_and_passes(sample_bank, m01_bank, seed, language):
    for bank in (sample_bank, m01_bank):
        form = draw_form(bank, seed=seed)
        result = grade(bank, form, answer_key(bank, form, language=language), language=language)
        assert result.percent == 100
        assert result.passed


def _json_like(tokens):
    leaves = (
        st.none()
        | st.booleans()
        | st.integers()
        | st.floats()
        | st.text(max_size=30)
        | st.sampled_from(tokens)
    )
    keys = st.text(max_size=10) | st.sampled_from(tokens)
    return st.recursive(
        leaves,
        lambda children: (
            st.lists(children, max_size=6) | st.dictionaries(keys, children, max_size=6)
        ),
        max_leaves=12,
    )


@SETTINGS
@given(data=st.data(), seed=seeds)
def test_grading_never_raises_and_stays_within_0_and_100(sample_bank, data, seed):
    form = draw_form(sample_bank, seed=seed)
    tokens = [t for drawn in form.items for t in drawn.tokens + drawn.left_tokens]
    ids = st.sampled_from([drawn.item_id for drawn in form.items]) | st.text(max_size=8)
    answers = data.draw(st.dictionaries(ids, _json_like(tokens)) | _json_like(tokens))
    result = grade(sample_bank, form, answers, language=data.draw(st.sampled_from(["en", "pl"])))
    assert 0 <= result.percent <= 100
    assert all(0 <= item.score <= 1 for item in result.items)
    assert all(0 <= outcome.percent <= 100 for outcome in result.outcomes)
    expected = sum(item.score for item in result.items) * 100 / len(result.items)
    assert abs(result.percent - expected) < 0.01
    rule = result.percent >= 70 and all(outcome.percent >= 50 for outcome in result.outcomes)
    assert result.passed == rule
    json.dumps(result.to_json())


@SETTINGS
@given(seed=seeds)
def test_every_draw_covers_every_outcome_and_replays_exactly(m01_bank, seed):
    form = draw_form(m01_bank, seed=seed)
    outcomes = [m01_bank.item(drawn.item_id).outcome for drawn in form.items]
    assert sorted(outcomes) == sorted(list(m01_bank.outcomes) * 2)
    assert replay(m01_bank, json.loads(json.dumps(form.to_json()))) == form
