"""The approval rule: majority by default, configurable, and blocked by open change requests."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from microcred.accounts.models import PartnerOrganisation
from microcred.accounts.roles import Role
from microcred.curriculum.models import VersionState
from microcred.review import services, services_board
from microcred.review.rules import Position, approved_languages, evaluate, parse_rule, position
from microcred.review.tests.conftest import approve, request_changes
from microcred.review.tests.factories import BoardMembershipFactory
from microcred.testing.fixtures import make_staff

SEVEN = dict(enumerate(["Anna", "Ben", "Chloé", "Dimitra", "Elena",
                                               "Fabio", "Gonçalo"], start=1))


def test_three_of_seven_is_not_a_majority_and_the_message_says_what_is_missing():
    verdict = evaluate(
        rule="majority", board=SEVEN,
        latest_decisions={1: "approve", 2: "approve", 3: "approve", 4: "request_changes"},
    )
    assert not verdict.holds
    assert verdict.message() == (
        "3 of 7 Board members approved; 4 are needed. Changes requested by Dimitra are still open."
    )


def test_four_of_seven_is_a_majority():
    verdict = evaluate(rule="majority", board=SEVEN,
                       latest_decisions=dict.fromkeys([1, 2, 3, 4], "approve"))
    assert verdict.holds
    assert verdict.message() == "4 of 7 Board members approved: ready to publish."


def test_an_open_change_request_blocks_even_a_large_majority():
    decisions = dict.fromkeys(range(1, 7), "approve") | {7: "request_changes"}
    verdict = evaluate(rule="majority", board=SEVEN, latest_decisions=decisions)
    assert not verdict.holds
    assert verdict.message() == "Changes requested by Gonçalo are still open."


def test_decisions_of_former_members_do_not_count():
    verdict = evaluate(rule="majority", board={1: "Anna", 2: "Ben"},
                       latest_decisions={1: "approve", 99: "approve", 98: "request_changes"})
    assert (verdict.approvals, verdict.needed, verdict.changes_requested_by) == (1, 2, ())


def test_an_empty_board_approves_nothing():
    verdict = evaluate(rule="majority", board={}, latest_decisions={})
    assert not verdict.holds
    assert "no members yet" in verdict.message()


@pytest.mark.parametrize(("rule", "approvals", "holds"), [
    ("unanimous", 6, False), ("unanimous", 7, True), ("2", 1, False), ("2", 2, True),
])
def test_other_rules(rule, approvals, holds):
    decisions = dict.fromkeys(range(1, approvals + 1), "approve")
    assert evaluate(rule=rule, board=SEVEN, latest_decisions=decisions).holds is holds


def test_an_approval_after_ones_own_change_request_leaves_the_request_open():
    assert position([("request_changes", []), ("approve", [])]) == Position("request_changes")
    assert position([("request_changes", []), ("approve", ["el"]), ("withdraw_request", [])]) == (
        Position("approve", frozenset({"el"}))
    )
    assert position([("approve", []), ("request_changes", []), ("withdraw_request", [])]) == (
        Position(None)
    )


def test_a_language_is_approved_when_the_rule_holds_among_the_approvals_that_include_it():
    positions = {
        1: Position("approve", frozenset({"el"})),
        2: Position("approve"),
        3: Position("approve", frozenset({"el", "de"})),
    }
    board = {1: "Anna", 2: "Ben", 3: "Chloé"}
    assert approved_languages(
        rule="majority", board=board, positions=positions, languages=["el", "de", "pl"]
    ) == {"de", "pl"}


@pytest.mark.parametrize("value", ["most", "0", "-1", "half"])
def test_a_misspelt_rule_is_refused_at_start_up(settings, value):
    with pytest.raises(ImproperlyConfigured):
        parse_rule(value)
    settings.REVIEW_APPROVAL_RULE = value
    with pytest.raises(Exception, match=r"review\.E001"):
        call_command("check")


@pytest.mark.django_db
def test_the_setting_changes_what_publishing_needs(settings, in_review, board, author):
    settings.REVIEW_APPROVAL_RULE = "unanimous"
    approve(in_review, board[0])
    approve(in_review, board[1])
    with pytest.raises(services.ReviewError, match="2 of 3 Board members approved; 3 are needed"):
        services.publish(version=in_review, actor=author)
    approve(in_review, board[2])
    assert services.publish(version=in_review, actor=author).state == VersionState.PUBLISHED


@pytest.mark.django_db
def test_the_refusal_names_the_open_change_requests(in_review, board, author):
    approve(in_review, board[0])
    request_changes(in_review, board[1])
    with pytest.raises(services.ReviewError) as refused:
        services.publish(version=in_review, actor=author)
    assert str(refused.value) == (
        f"M01 v1 cannot be published yet. 1 of 3 Board members approved; 2 are needed. "
        f"Changes requested by {board[1]} are still open."
    )


@pytest.mark.django_db
def test_publishing_checks_the_rule_again_when_the_board_has_grown(in_review, board, author):
    approve(in_review, board[0])
    approve(in_review, board[1])
    in_review.refresh_from_db()
    assert in_review.state == VersionState.APPROVED
    # Seats added straight in the database (not through the service): the stored state is
    # stale, and publishing must not trust it.
    BoardMembershipFactory.create_batch(2)
    in_review.refresh_from_db()
    with pytest.raises(services.ReviewError, match="2 of 5 Board members approved; 3 are needed"):
        services.publish(version=in_review, actor=author)


@pytest.mark.django_db
def test_a_board_change_through_the_service_updates_open_versions(in_review, board, author):
    approve(in_review, board[0])
    approve(in_review, board[1])
    newcomers = [
        PartnerOrganisation.objects.create(name=f"New partner {n}", slug=f"new-{n}", country="DE")
        for n in range(2)
    ]
    for partner in newcomers:
        services_board.add_board_member(
            partner=partner, user=make_staff(Role.REVIEWER, partner=partner), actor=author
        )
    in_review.refresh_from_db()
    assert in_review.state == VersionState.IN_REVIEW
