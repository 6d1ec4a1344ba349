"""The Board reviews the exam too: every item with its key, feedback and outcome, per language."""

import pytest
from django.urls import reverse

from microcred.assessment.banks import canonical_source
from microcred.assessment.items import Blueprint, ItemBank, ItemSpec, Option
from microcred.assessment.models import ItemBank as StoredBank
from microcred.curriculum.models import Module
from microcred.review import services
from microcred.review.models import ReviewComment

pytestmark = pytest.mark.django_db

ITEMS = (
    ItemSpec(
        "M01-Q01", "M01-LO1", "single_choice",
        {"en": "Which app opens web pages?", "pl": "Która aplikacja otwiera strony?"},
        feedback={"en": "A browser opens web pages.", "pl": "Przeglądarka otwiera strony."},
        options=(
            Option({"en": "A browser", "pl": "Przeglądarka"}, correct=True),
            Option({"en": "A calculator", "pl": "Kalkulator"}),
        ),
    ),
    ItemSpec("M01-Q02", "M01-LO1", "true_false", {"en": "A browser is an app."}, answer=True),
)


@pytest.fixture
def bank(in_review):
    parsed = ItemBank(Blueprint(2, 70, 50, None, 3, 24), ITEMS, ("M01-LO1",))
    # The exam under review is the version's own bank.
    return StoredBank.objects.create(module=Module.objects.get(code="M01"), version=in_review,
                                     number=1, source=canonical_source(parsed),
                                     fingerprint="test")


def _exam(client, user, version, language="en"):
    client.force_login(user)
    return client.get(reverse("review:exam", args=[version.pk]) + f"?language={language}")


def test_reviewers_see_each_item_with_its_key_feedback_and_outcome_in_their_language(
    client, reviewer, in_review, board, bank
):
    page = _exam(client, reviewer, in_review, "pl").content.decode()
    first = page[page.index('id="item-M01-Q01"'):page.index('id="item-M01-Q02"')]
    assert 'id="outcome-M01-LO1"' in page
    assert "Która aplikacja otwiera strony?" in first
    assert "<strong>Right:</strong> Przeglądarka" in first
    assert "Wrong: Kalkulator" in first
    assert "Przeglądarka otwiera strony." in first
    second = page[page.index('id="item-M01-Q02"'):]
    assert "shown in English" in second  # not translated into Polish yet
    assert "<strong>Right:</strong> True" in second


def test_a_reviewer_comments_on_an_item_like_on_a_paragraph(
    client, reviewer, in_review, board, bank
):
    client.force_login(reviewer)
    response = client.post(reverse("review:comment", args=[in_review.pk]), {
        "item": "M01-Q01", "language": "pl", "text": "Kalkulator jest zbyt łatwy."})
    assert response.url.endswith("/exam/?language=pl#item-M01-Q01")
    comment = ReviewComment.objects.get()
    assert (comment.item, comment.language, comment.lesson) == ("M01-Q01", "pl", None)
    page = client.get(response.url).content.decode()
    item = page[page.index('id="item-M01-Q01"'):page.index('id="item-M01-Q02"')]
    assert "Kalkulator jest zbyt łatwy." in item
    overview = client.get(reverse("review:version", args=[in_review.pk])).content.decode()
    assert "Exam item M01-Q01 (Polish)" in overview


def test_a_comment_on_an_item_that_is_not_in_the_bank_is_refused(in_review, board, bank):
    with pytest.raises(services.ReviewError, match="not in this version's item bank"):
        services.add_comment(version=in_review, author=board[0], item="M01-Q99",
                             language="en", text="?")
    assert not ReviewComment.objects.exists()


@pytest.mark.parametrize("persona", ["learner"])
def test_answer_keys_stay_staff_only(request, client, in_review, bank, persona):
    response = _exam(client, request.getfixturevalue(persona), in_review)
    assert response.status_code == 403
    assert "A calculator" not in response.content.decode()


def test_garbage_to_an_item_comment_changes_nothing(client, reviewer, in_review, board, bank):
    from microcred.review.tests.test_bad_input import _post_garbage

    client.force_login(reviewer)
    exam = reverse("review:exam", args=[in_review.pk])
    _post_garbage(client, exam, [reverse("review:comment", args=[in_review.pk])])
    assert not ReviewComment.objects.exists()
    assert client.get(exam + "?language=%00").status_code == 200
