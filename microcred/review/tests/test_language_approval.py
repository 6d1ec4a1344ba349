"""The Board approves a version language by language; learners are offered only what it approved."""

import pytest
from django.urls import reverse

from microcred.curriculum.languages import offered_languages
from microcred.curriculum.models import VersionState
from microcred.review import services
from microcred.review.models import ReviewChecklistItem
from microcred.review.tests.conftest import approve

pytestmark = pytest.mark.django_db


def test_a_language_a_member_could_not_check_waits_for_enough_other_approvals(in_review, board):
    approve(in_review, board[0], excluded_languages=["pl"])
    approve(in_review, board[1])
    in_review.refresh_from_db()
    assert in_review.state == VersionState.APPROVED
    assert offered_languages(in_review) == ["en"]  # Polish: 1 of the 2 approvals needed
    approve(in_review, board[2])
    in_review.refresh_from_db()
    assert offered_languages(in_review) == ["en", "pl"]


def test_a_missing_translation_is_never_approved(in_review, board):
    approve(in_review, board[0])
    approve(in_review, board[1])
    in_review.refresh_from_db()
    assert in_review.languages["el"]["status"] == "missing"
    assert in_review.languages["el"]["approved"] is False


def test_english_cannot_be_left_out_of_an_approval(in_review, board):
    with pytest.raises(services.ReviewError, match="English is the source"):
        approve(in_review, board[0], excluded_languages=["en"])


def test_the_version_page_shows_which_languages_the_approval_covers(
    client, in_review, board
):
    approve(in_review, board[0], excluded_languages=["pl"])
    approve(in_review, board[1])
    client.force_login(board[2])
    page = client.get(reverse("review:version", args=[in_review.pk])).content.decode()
    table = page[page.index('id="languages"'):page.index("Read this version")]
    english = table[table.index(">English<"):table.index("</tr>", table.index(">English<"))]
    polish = table[table.index(">Polish<"):table.index("</tr>", table.index(">Polish<"))]
    assert "2 of 2 needed" in english
    assert "Yes" in english
    assert "1 of 2 needed" in polish
    assert "No" in polish


def test_a_reviewer_excludes_a_language_through_the_decision_form(client, in_review, board):
    client.force_login(board[0])
    ticks = list(
        ReviewChecklistItem.objects.filter(is_active=True).values_list("code", flat=True)
    )
    response = client.post(reverse("review:decide", args=[in_review.pk]), {
        "decision": "approve", "checklist": ticks, "excluded_languages": ["pl"], "comment": "",
    })
    assert response.status_code == 302
    decision = in_review.review_decisions.get()
    assert decision.excluded_languages == ["pl"]
