"""The Board's version page shows which items measure each outcome and the bank's answer cues."""

import pytest
from django.urls import reverse

from microcred.assessment.banks import canonical_source
from microcred.assessment.items import Blueprint, ItemBank, ItemSpec, Option
from microcred.assessment.models import ItemBank as StoredBank
from microcred.curriculum.models import Module, ModuleVersion
from microcred.review import selectors_bank

pytestmark = pytest.mark.django_db


def _single(number: int, stem: dict[str, str], right_is_longest: bool) -> ItemSpec:
    right, wrong = (
        ("the much longer right answer", "no")
        if right_is_longest
        else ("yes", "a long wrong answer")
    )
    return ItemSpec(
        f"M01-Q{number:02d}",
        "M01-LO1",
        "single_choice",
        stem,
        options=(Option({"en": right}, correct=True), Option({"en": wrong})),
    )


def _store(items: tuple[ItemSpec, ...]) -> StoredBank:
    parsed = ItemBank(Blueprint(2, 70, 50, None, 3, 24), items, ("M01-LO1",))
    return StoredBank.objects.create(
        module=Module.objects.get(code="M01"),
        version=ModuleVersion.objects.get(module__code="M01"),  # the version under review
        number=1,
        source=canonical_source(parsed),
        fingerprint="test",
    )


def _version_page(client, user, version, language="en"):
    client.force_login(user)
    client.cookies["django_language"] = language
    return client.get(reverse("review:version", args=[version.pk])).content.decode()


def test_each_outcome_lists_its_items_with_stems_in_the_readers_language(
    client, reviewer, in_review
):
    _store(
        tuple(
            _single(
                n,
                {"en": f"English stem {n}", "pl": f"Polskie pytanie {n}"}
                if n == 1
                else {"en": f"English stem {n}"},
                right_is_longest=False,
            )
            for n in range(1, 7)
        )
    )
    page = _version_page(client, reviewer, in_review, "pl")
    section = page[page.index('id="item-bank"') :]
    assert "<code>M01-Q01</code>" in section
    assert "Polskie pytanie 1" in section
    assert '<span lang="en">English stem 2</span>' in section  # English where Polish is missing
    assert "limit crossed" not in section.lower()
    assert 'id="item-bank-problems"' not in section


def test_a_crossed_limit_and_a_thin_outcome_are_warned_about(client, reviewer, in_review):
    _store(
        (
            _single(1, {"en": "Which?"}, right_is_longest=True),
            _single(2, {"en": "Which one?"}, right_is_longest=True),
        )
    )
    page = _version_page(client, reviewer, in_review)
    section = page[page.index('id="item-bank"') :]
    assert 'id="item-bank-problems"' in section
    assert (
        "en: the right option is the longest in 2 of 2 single-choice items (100%; at most 40%)"
        in section
    )
    assert "outcome M01-LO1 has 2 items besides tasks; it needs at least 6" in section
    assert "Limit crossed" in section
    assert "2 items besides performance tasks (at least 6 needed)." in section


def test_a_performance_task_is_marked_and_an_action_outcome_without_one_is_flagged(
    client, reviewer, in_review, monkeypatch
):
    # A `task` item comes from the performance-item type; built here as a parsed bank.
    stored = _store((_single(1, {"en": "Which?"}, right_is_longest=False),))
    items = (
        _single(1, {"en": "Which?"}, right_is_longest=False),
        ItemSpec("M01-Q02", "M01-LO1", "task", {"en": "Turn on Wi-Fi."}),
    )
    monkeypatch.setattr(
        selectors_bank.banks,
        "parsed",
        lambda bank: ItemBank(Blueprint(2, 70, 50, None, 3, 24), items, ("M01-LO1",)),
    )
    section = selectors_bank.bank_section(in_review, "en")
    assert section.bank == stored
    [outcome] = section.outcomes
    assert [(item.id, item.is_task, str(item.type_label)) for item in outcome.items] == [
        ("M01-Q01", False, "Single choice"),
        ("M01-Q02", True, "Performance task"),
    ]
    assert (outcome.task_count, outcome.task_missing) == (1, False)
    page = _version_page(client, reviewer, in_review)
    assert '<strong class="badge">Performance task</strong>' in page


def test_an_outcome_that_promises_an_action_needs_a_task(client, reviewer, in_review):
    in_review.outcomes.filter(code="M01-LO1").update(
        statement={"en": "The learner can install a browser."}
    )
    _store(
        (
            _single(1, {"en": "Which?"}, right_is_longest=False),
            _single(2, {"en": "Which one?"}, right_is_longest=False),
        )
    )
    page = _version_page(client, reviewer, in_review)
    assert (
        "The outcome promises an action (“install”), but no performance task measures it." in page
    )
    assert "outcome M01-LO1 promises an action (install) but has no performance task" in page


def test_without_a_bank_the_page_says_so(client, reviewer, in_review):
    page = _version_page(client, reviewer, in_review)
    assert "This module has no item bank yet" in page


def test_learners_never_see_the_item_bank(client, learner, in_review):
    from microcred.testing.course import publish_without_review

    _store(
        (
            _single(1, {"en": "Secret stem of an exam item"}, right_is_longest=False),
            _single(2, {"en": "Another secret stem"}, right_is_longest=False),
        )
    )
    publish_without_review(Module.objects.get(code="M01").versions.get(pk=in_review.pk))
    client.force_login(learner)
    for url in (
        reverse("learning:module", kwargs={"code": "M01"}),
        reverse("learning:lesson", kwargs={"code": "M01", "slug": "01-first-steps"}),
    ):
        page = client.get(url).content.decode()
        assert "Secret stem" not in page
        assert "Exam item bank" not in page


def test_an_outcome_too_small_for_a_different_test_on_each_retake_says_so(
    client, reviewer, in_review
):
    _store(tuple(_single(n, {"en": f"Stem {n}"}, right_is_longest=False) for n in range(1, 6)))
    page = _version_page(client, reviewer, in_review)
    assert "Different tests for retakes: 2 of 3." in page  # 5 items, 2 a test

    StoredBank.objects.all().delete()
    _store(tuple(_single(n, {"en": f"Stem {n}"}, right_is_longest=False) for n in range(1, 7)))
    assert "Different tests for retakes" not in _version_page(client, reviewer, in_review)
