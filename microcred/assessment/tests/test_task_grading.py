"""Task items in an exam: always drawn for their outcome, shown without the key, and graded as
the share of controls set as expected, whatever the learner sends."""

import json

import pytest

from microcred.assessment.draw import draw_form, learner_view, replay
from microcred.assessment.grading import answer_key, grade

SEED = 4242


@pytest.fixture(scope="module")
def form(task_bank):
    return draw_form(task_bank, seed=SEED)


@pytest.fixture(scope="module")
def controls(task_bank, form):
    """The screen as the learner's page shows it, by control id."""
    view = learner_view(task_bank, form, language="en")
    screen = next(entry for entry in view if entry["type"] == "task")
    ids = [control.id for control in task_bank.item("M99-P01").controls]
    return dict(zip(ids, screen["controls"], strict=True))


def _choice(control, text):
    return next(choice["token"] for choice in control["choices"] if choice["text"] == text)


def _result(bank, form, answer, language="en"):
    graded = grade(bank, form, {"M99-P01": answer}, language=language)
    return next(item for item in graded.items if item.item_id == "M99-P01")


def _sheet(controls, *, twofa=True, method="Authenticator app", device="My phone", alerts=True):
    return {
        controls["twofa"]["token"]: twofa,
        controls["method"]["token"]: _choice(controls["method"], method) if method else "",
        controls["device"]["token"]: device,
        controls["alerts"]["token"]: alerts,
    }


def test_every_form_of_an_outcome_with_a_task_item_holds_it(task_bank):
    for seed in range(200):
        drawn = [d.item_id for d in draw_form(task_bank, seed=seed).items]
        assert drawn.count("M99-P01") == 1
        assert len(drawn) == 4  # two items for each of the two outcomes


def test_controls_and_choices_keep_the_authored_order(controls):
    assert [c["kind"] for c in controls.values()] == ["toggle", "choice", "text", "toggle"]
    assert [c["text"] for c in controls["method"]["choices"]] == [
        "Text message",
        "Authenticator app",
    ]
    assert (controls["twofa"]["initial"], controls["alerts"]["initial"]) == (False, True)


def test_the_screen_the_learner_sees_holds_no_key_and_no_author_id(task_bank, form):
    view = learner_view(task_bank, form, language="pl")
    page = json.dumps(view, ensure_ascii=False)
    assert "Aplikacja uwierzytelniająca" in page
    assert "Ustawienia: Bezpieczeństwo" in page
    for secret in ("expected", "Mój telefon", "My phone", '"app"', "twofa", "method", "sms"):
        assert secret not in page
    assert str(SEED) not in page


def test_tokens_differ_between_attempts(task_bank, form):
    other = draw_form(task_bank, seed=SEED + 1)
    mine = next(d for d in form.items if d.item_id == "M99-P01")
    theirs = next(d for d in other.items if d.item_id == "M99-P01")
    assert not set(mine.tokens + mine.left_tokens) & set(theirs.tokens + theirs.left_tokens)


def test_a_stored_task_form_replays_identically(task_bank, form):
    stored = json.loads(json.dumps(form.to_json()))
    assert replay(task_bank, stored) == form


def test_every_control_as_expected_is_right(task_bank, form, controls):
    result = _result(task_bank, form, _sheet(controls))
    assert (result.score, result.status) == (1, "correct")
    assert result.feedback == "Use an app for codes."


def test_the_score_is_the_share_of_controls_set_as_expected(task_bank, form, controls):
    half = _result(task_bank, form, _sheet(controls, twofa=False, method="Text message"))
    assert (half.score, half.status) == (0.5, "partial")
    three = _sheet(controls, device="  my PHONE. ")  # typed like a short_text answer
    three[controls["alerts"]["token"]] = "off"
    assert _result(task_bank, form, three).score == 0.75


def test_a_typed_value_is_accepted_in_the_learners_language_and_in_english(
    task_bank, form, controls
):
    assert _result(task_bank, form, _sheet(controls, device="Mój telefon"), "pl").score == 1
    assert _result(task_bank, form, _sheet(controls, device="My phone"), "pl").score == 1
    assert _result(task_bank, form, _sheet(controls, device="Mój telefon"), "en").score == 0.75


def test_toggles_read_what_forms_send_and_a_missing_toggle_keeps_its_starting_state(
    task_bank, form, controls
):
    sheet = _sheet(controls, twofa="on")
    del sheet[controls["alerts"]["token"]]  # starts on, and on is expected
    assert _result(task_bank, form, sheet).score == 1


def test_a_screen_left_as_it_was_is_unanswered(task_bank, form, controls):
    idle = _sheet(controls, twofa=False, method="", device=" ", alerts=True)
    result = _result(task_bank, form, idle)
    assert (result.score, result.status) == (0, "unanswered")
    assert _result(task_bank, form, {}).status == "unanswered"


@pytest.mark.parametrize(
    "garbage",
    [
        "text",
        ["a", "b"],
        42,
        {"c0ffee": True},
        {"twofa": True},
        {None: 1},
    ],
)
def test_garbage_scores_zero_and_never_raises(task_bank, form, garbage):
    result = _result(task_bank, form, garbage)
    assert result.score == 0
    assert result.status == "invalid"


def test_unreadable_values_of_real_controls_are_invalid(task_bank, form, controls):
    for control, value in (
        ("twofa", "maybe"),
        ("twofa", {"on": 1}),
        ("method", "c123456789abc"),
        ("method", 7),
        ("device", ["a", "b"]),
        ("device", "x" * 501),
    ):
        sheet = _sheet(controls)
        sheet[controls[control]["token"]] = value
        assert _result(task_bank, form, sheet).status == "invalid", (control, value)


def test_a_token_from_another_attempt_or_part_of_the_screen_is_invalid(task_bank, form, controls):
    method = controls["method"]["token"]
    other = learner_view(task_bank, draw_form(task_bank, seed=SEED + 1), language="en")
    theirs = next(entry for entry in other if entry["type"] == "task")["controls"]
    for wrong_token in (theirs[1]["choices"][1]["token"], controls["twofa"]["token"]):
        sheet = _sheet(controls) | {method: wrong_token}
        assert _result(task_bank, form, sheet).status == "invalid"
    their_sheet = {control["token"]: True for control in theirs}
    assert _result(task_bank, form, their_sheet).status == "invalid"


def test_the_answer_key_scores_100_in_every_language(task_bank, form):
    for language in ("en", "pl"):
        key = answer_key(task_bank, form, language=language)
        assert grade(task_bank, form, key, language=language).percent == 100
