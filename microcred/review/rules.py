"""When the Board has approved a version: the approval rule, as pure functions.

The rule is set with REVIEW_APPROVAL_RULE (settings.py, from the environment):
  "majority"   more than half of the current Board approved (the default),
  "unanimous"  every current Board member approved,
  "<N>"        at least N current Board members approved (e.g. "3").
Whatever the rule, a change request that its author has not replaced with an approval blocks
approval. Only the newest decision of each *current* member counts: a member who left the
Board no longer counts, their successor decides anew.
"""

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
