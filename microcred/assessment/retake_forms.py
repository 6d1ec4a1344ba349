"""Can the item bank give every attempt a test with no question seen before?

A learner may try a module's test `blueprint.attempts` times (three in the course). The draw
prefers questions the learner has not seen (draw.py), so each attempt gets a different test only
when every outcome has enough items for that many forms with no item in common, under the
blueprint's rules (`draw.disjoint_forms`). The completeness report lists the outcomes that fall
short, with what to add; it is advice for authors, not a gate: a bank that falls short still
works, retakes then repeat the fewest questions they can.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from microcred.assessment import banks
from microcred.assessment.draw import disjoint_forms
from microcred.assessment.items import ItemBank as ParsedBank
from microcred.curriculum.models import ModuleVersion

TASK = "task"


@dataclass(frozen=True)
class FormShortfall:
    outcome: str
    forms: int  # different tests the outcome's items allow
    wanted: int  # one per attempt the blueprint allows
    needed: int  # items the outcome needs for `wanted` different tests
    count: int  # items it has
    tasks: int  # performance tasks it has (each test takes one when there are any)

    def message(self) -> str:
        numbers = {
            "outcome": self.outcome,
            "forms": self.forms,
            "wanted": self.wanted,
            "needed": self.needed,
            "count": self.count,
            "tasks": self.tasks,
        }
        if self.tasks:
            return (
                _(
                    "%(outcome)s: different tests possible: %(forms)s of %(wanted)s. Items "
                    "needed: %(needed)s (now %(count)s); performance tasks among them: "
                    "%(wanted)s (now %(tasks)s)."
                )
                % numbers
            )
        return (
            _(
                "%(outcome)s: different tests possible: %(forms)s of %(wanted)s. Items needed: "
                "%(needed)s (now %(count)s)."
            )
            % numbers
        )


def form_shortfalls(bank: ParsedBank) -> list[FormShortfall]:
    """The outcomes whose items cannot give each allowed attempt a test of its own."""
    wanted = bank.blueprint.attempts
    shortfalls = []
    for outcome in bank.outcomes:
        forms = disjoint_forms(bank, outcome)
        if forms < wanted:
            items = bank.items_for(outcome)
            shortfalls.append(
                FormShortfall(
                    outcome=outcome,
                    forms=forms,
                    wanted=wanted,
                    needed=wanted * bank.blueprint.items_per_outcome,
                    count=len(items),
                    tasks=sum(item.type == TASK for item in items),
                )
            )
    return shortfalls


def retake_findings(version: ModuleVersion) -> list[str]:
    """The completeness report's lines for this module (registered in apps.py)."""
    bank = banks.current_bank(version.module)
    if bank is None:
        return []
    return [shortfall.message() for shortfall in form_shortfalls(banks.parsed(bank))]
