"""Bank-quality numbers on small synthetic banks: each test builds the bank it talks about."""

from microcred.assessment.bank_quality import (
    assess_bank,
    few_right_share,
    keyed_true_share,
    longest_correct_share,
    promised_action,
)
from microcred.assessment.items import Blueprint, ItemBank, ItemSpec, Option


def _bank(*items: ItemSpec, items_per_outcome: int = 2) -> ItemBank:
    outcomes = tuple(sorted({item.outcome for item in items}))
    return ItemBank(Blueprint(items_per_outcome, 70, 50, None, 3, 24), items, outcomes)


def _single(number: int, right: dict[str, str], *wrong: dict[str, str], outcome="M99-LO1"):
    options = (Option(right, correct=True), *(Option(text) for text in wrong))
    return ItemSpec(
        f"M99-Q{number:02d}", outcome, "single_choice", {"en": "Which?"}, options=options
    )


def _true_false(number: int, answer: bool, outcome="M99-LO1") -> ItemSpec:
    return ItemSpec(f"M99-T{number:02d}", outcome, "true_false", {"en": "True?"}, answer=answer)


def _multiple(number: int, right: int, wrong: int = 2, outcome="M99-LO1") -> ItemSpec:
    options = tuple(Option({"en": f"right {n}"}, correct=True) for n in range(right)) + tuple(
        Option({"en": f"wrong {n}"}) for n in range(wrong)
    )
    return ItemSpec(
        f"M99-M{number:02d}", outcome, "multiple_response", {"en": "Which?"}, options=options
    )


def _task(number: int, outcome="M99-LO1") -> ItemSpec:
    return ItemSpec(f"M99-K{number:02d}", outcome, "task", {"en": "Turn Wi-Fi on."})


def test_the_right_option_counts_only_when_strictly_longest():
    bank = _bank(
        _single(1, {"en": "a much longer right answer"}, {"en": "short"}, {"en": "tiny"}),
        _single(2, {"en": "same"}, {"en": "five"}),  # equal length: not a cue
        _single(3, {"en": "no"}, {"en": "a longer wrong one"}),
        _single(4, {"en": "ok"}, {"en": "fine"}),
    )
    share = longest_correct_share(bank, "en")
    assert (share.count, share.total, share.percent) == (1, 4, 25)


def test_the_longest_option_is_measured_in_each_language_with_english_fallback():
    item = _single(1, {"en": "yes", "pl": "zdecydowanie tak"}, {"en": "not at all", "pl": "nie"})
    untranslated = _single(2, {"en": "the longest of all"}, {"en": "short"})
    bank = _bank(item, untranslated)
    assert longest_correct_share(bank, "en").count == 1
    assert longest_correct_share(bank, "pl").count == 2


def test_true_false_and_multiple_response_shares():
    bank = _bank(
        _true_false(1, True),
        _true_false(2, True),
        _true_false(3, False),
        _multiple(1, right=1),
        _multiple(2, right=2),
        _multiple(3, right=3),
        _multiple(4, right=4),
    )
    assert keyed_true_share(bank).percent == 67
    assert (few_right_share(bank).count, few_right_share(bank).total) == (2, 4)


def test_action_words_match_whole_words_in_any_case():
    assert promised_action("The learner can Set  Up a new e-mail account.") == "set up"
    assert promised_action("The learner can uninstall an app they no longer use.") == "uninstall"
    assert promised_action("The learner can explain what a cookie is.") is None
    assert promised_action("The learner can describe rewriting tools.") is None  # not "write"
    assert promised_action("The learner can recognise a shared screen.") is None  # not "share"


def test_a_balanced_bank_has_no_problems():
    items = [
        _single(n, {"en": "short"}, {"en": "longer wrong option"}, outcome=f"M99-LO{n % 2 + 1}")
        for n in range(1, 9)
    ]
    items += [_true_false(1, True, "M99-LO1"), _true_false(2, False, "M99-LO2")]
    items += [_multiple(1, right=2, outcome="M99-LO1"), _multiple(2, right=3, outcome="M99-LO2")]
    items += [_task(1, "M99-LO2")]
    quality = assess_bank(
        _bank(*items),
        {"M99-LO1": "The learner can explain updates.", "M99-LO2": "The learner can install apps."},
        ["en", "pl"],
    )
    assert quality.problems() == []
    assert [(c.outcome, c.non_task_count, c.task_count, c.action) for c in quality.coverage] == [
        ("M99-LO1", 6, 0, None),
        ("M99-LO2", 6, 1, "install"),
    ]


def test_every_threshold_crossed_is_reported_with_its_numbers():
    items = [_single(n, {"en": "the long right answer"}, {"en": "wrong"}) for n in range(1, 4)]
    items += [_single(4, {"en": "ok"}, {"en": "a long wrong answer"})]
    items += [_true_false(n, True) for n in range(1, 4)]
    items += [_multiple(n, right=3) for n in range(1, 5)]
    items += [_task(1, "M99-LO3")]
    statements = {
        "M99-LO1": "The learner can send an e-mail.",
        "M99-LO2": "The learner can name two browsers.",
        "M99-LO3": "The learner can back up photos.",
    }
    problems = [str(p) for p in assess_bank(_bank(*items), statements, ["en"]).problems()]
    assert problems == [
        "en: the right option is the longest in 3 of 4 single-choice items (75%; at most 40%)",
        "3 of 3 true/false items are true (100%; 40% to 60% expected)",
        "only 0 of 4 multiple-response items have at most two right options (0%; at least 25%)",
        "outcome M99-LO1 promises an action (send) but has no performance task",
        "outcome M99-LO2 has no item",
        "outcome M99-LO3 has 0 items besides tasks; it needs at least 6 (3 times the 2 an exam "
        "draws)",
    ]


def test_limits_are_inclusive_and_empty_types_are_no_problem():
    items = [_single(n, {"en": "long right one"}, {"en": "x"}) for n in range(1, 3)]
    items += [_single(n, {"en": "x"}, {"en": "long wrong one"}) for n in range(3, 6)]
    items += [
        _true_false(1, True),
        _true_false(2, True),
        _true_false(3, False),
        _true_false(4, False),
        _true_false(5, False),
    ]  # 40 % true: on the limit
    quality = assess_bank(_bank(*items, items_per_outcome=3), {"M99-LO1": "Explain."}, ["en"])
    assert quality.longest_correct["en"].percent == 40
    assert quality.few_right.total == 0
    assert [str(p) for p in quality.problems()] == []
