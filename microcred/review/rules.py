"""When the Board has approved a version: the approval rule, as pure functions.

The rule is set with REVIEW_APPROVAL_RULE (settings.py, from the environment):
  "majority"   more than half of the current Board approved (the default),
  "unanimous"  every current Board member approved,
  "<N>"        at least N current Board members approved (e.g. "3").
Whatever the rule, an open change request blocks approval. A change request is cleared only by
a new version (which starts with no decisions) or by its author withdrawing it: approving the
same, unchanged content does not clear it. Only the decisions of *current* members count: a
member who left the Board no longer counts, their successor decides anew.

Approval is per language: a member may approve while excluding languages they could not check,
and a language is approved when the rule holds among the approvals that include it.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

RULE_NAMES = ("majority", "unanimous")


def parse_rule(value: str) -> str:
    """The rule in canonical form; ImproperlyConfigured for anything else."""
    rule = (value or "majority").strip().lower()
    if rule in RULE_NAMES or (rule.isdigit() and int(rule) > 0):
        return rule
    raise ImproperlyConfigured(
        f"REVIEW_APPROVAL_RULE must be 'majority', 'unanimous' or a whole number above 0, "
        f"not {value!r}."
    )


def configured_rule() -> str:
    return parse_rule(getattr(settings, "REVIEW_APPROVAL_RULE", "majority"))


def approvals_needed(rule: str, board_size: int) -> int:
    if rule == "majority":
        return board_size // 2 + 1
    if rule == "unanimous":
        return max(board_size, 1)
    return int(rule)


@dataclass(frozen=True)
class Verdict:
    """Where a version stands against the approval rule, and what is missing."""

    board_size: int
    approvals: int
    needed: int
    changes_requested_by: tuple[str, ...]
    undecided: tuple[str, ...]

    @property
    def holds(self) -> bool:
        return (
            self.board_size > 0
            and self.approvals >= self.needed
            and not self.changes_requested_by
        )

    def message(self) -> str:
        """What a person deciding whether to publish needs to know, in one or two sentences."""
        if self.board_size == 0:
            return _(
                "The Advisory Board has no members yet, so nobody can approve this version. "
                "A platform administrator adds the partners' representatives."
            )
        if self.holds:
            return ngettext(
                "%(approvals)d of %(size)d Board member approved: ready to publish.",
                "%(approvals)d of %(size)d Board members approved: ready to publish.",
                self.board_size,
            ) % {"approvals": self.approvals, "size": self.board_size}
        parts = []
        if self.approvals < self.needed:
            approved = ngettext(
                "%(approvals)d of %(size)d Board member approved;",
                "%(approvals)d of %(size)d Board members approved;",
                self.board_size,
            ) % {"approvals": self.approvals, "size": self.board_size}
            needed = ngettext(
                "%(needed)d is needed.", "%(needed)d are needed.", self.needed
            ) % {"needed": self.needed}
            parts.append(f"{approved} {needed}")
        if self.changes_requested_by:
            parts.append(
                ngettext(
                    "Changes requested by %(names)s are still open.",
                    "Changes requested by %(names)s are still open.",
                    len(self.changes_requested_by),
                )
                % {"names": get_text_list(list(self.changes_requested_by), _("and"))}
            )
        return " ".join(parts)


def evaluate(
    *,
    rule: str,
    board: dict[int, str],
    latest_decisions: dict[int, str],
) -> Verdict:
    """Apply `rule` to the newest decision of each current member.

    `board` maps member ids to display names; `latest_decisions` maps member ids to
    "approve" or "request_changes" (anyone not on the current Board is ignored).
    """
    current = {uid: kind for uid, kind in latest_decisions.items() if uid in board}
    approvals = sum(1 for kind in current.values() if kind == "approve")
    requested = tuple(
        sorted(board[uid] for uid, kind in current.items() if kind == "request_changes")
    )
    undecided = tuple(sorted(name for uid, name in board.items() if uid not in current))
    return Verdict(
        board_size=len(board),
        approvals=approvals,
        needed=approvals_needed(rule, len(board)),
        changes_requested_by=requested,
        undecided=undecided,
    )


@dataclass(frozen=True)
class Position:
    """Where one member stands on a version after all their decisions, oldest first."""

    kind: str | None  # "approve", "request_changes" (an open request) or None (undecided)
    excluded: frozenset[str] = frozenset()  # languages their approval does not cover


def position(decisions: Iterable[tuple[str, Iterable[str]]]) -> Position:
    """Fold one member's (kind, excluded languages) decisions, oldest first, into a Position.

    A change request stays open through later approvals until its author withdraws it; an
    approval counts only if it came after the member's last change request.
    """
    vote: str | None = None
    excluded: frozenset[str] = frozenset()
    open_request = False
    for kind, languages in decisions:
        if kind == "approve":
            vote, excluded = "approve", frozenset(languages)
        elif kind == "request_changes":
            vote, open_request = None, True
        elif kind == "withdraw_request":
            open_request = False
    if open_request:
        return Position("request_changes")
    return Position(vote, excluded if vote == "approve" else frozenset())


def approved_languages(
    *, rule: str, board: dict[int, str], positions: dict[int, Position], languages: Iterable[str]
) -> set[str]:
    """The languages in which the rule holds, counting only approvals that include each one."""
    approved = set()
    for language in languages:
        kinds = {
            uid: p.kind for uid, p in positions.items() if p.kind and language not in p.excluded
        }
        if evaluate(rule=rule, board=board, latest_decisions=kinds).holds:
            approved.add(language)
    return approved
