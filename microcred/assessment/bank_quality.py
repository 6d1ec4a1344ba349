"""Cues and coverage of an item bank: numbers the Advisory Board reads before it approves.

Annex II of the Council Recommendation on micro-credentials (2022/C 243/02) asks for valid and
reliable assessment. A bank gives the answer away when the right option is usually the longest,
when true/false items are mostly true, or when multiple-response items almost always have many
right options; it loses validity when an outcome is measured by too few items, or when an outcome
that promises an action ("install", "set up", ...) is only asked about and never performed in a
`task` item. Pure functions over a parsed bank (items.py); nothing here touches the database.
"""

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

from microcred.assessment.items import ItemBank, ItemSpec, LanguageMap
from microcred.curriculum.text import REFERENCE_LANGUAGE

TASK = "task"
# Limits, in percent of the items of that type (docs/content-format.md, "Item-bank quality").
MAX_LONGEST_CORRECT_PERCENT = 40
KEYED_TRUE_PERCENT = (40, 60)
MIN_FEW_RIGHT_PERCENT = 25
FEW_RIGHT = 2  # a multiple-response item with at most this many right options
ITEMS_PER_DRAW_FACTOR = 3  # each outcome needs 3 x the items an exam draws for it

ACTION_WORDS = (
    "install", "uninstall", "remove", "turn on", "turn off", "switch on", "switch off", "set up",
    "create", "write", "send", "share", "connect", "change", "refuse", "withdraw", "log in",
    "sign in", "download", "upload", "back up", "fill in",
)  # fmt: skip
_ACTION = re.compile(
    r"\b(?:" + "|".join(r"\s+".join(map(re.escape, w.split())) for w in ACTION_WORDS) + r")\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Share:
    count: int
    total: int

    @property
    def percent(self) -> int | None:
        return round(100 * self.count / self.total) if self.total else None

    def above(self, limit: int) -> bool:
        # Integers only: 2 of 5 is exactly 40 % and must not count as above 40.
        return bool(self.total) and 100 * self.count > limit * self.total

    def below(self, limit: int) -> bool:
        return bool(self.total) and 100 * self.count < limit * self.total


@dataclass(frozen=True)
class OutcomeCoverage:
    outcome: str
    items: tuple[ItemSpec, ...]  # every item that measures the outcome, tasks included
    action: str | None  # the action word of the English statement, if it promises one

    @property
    def non_task_count(self) -> int:
        return sum(item.type != TASK for item in self.items)

    @property
    def task_count(self) -> int:
        return sum(item.type == TASK for item in self.items)


@dataclass(frozen=True)
class QualityProblem:
    language: str | None  # None when the problem is the same in every language
    message: str

    def __str__(self) -> str:
        return f"{self.language}: {self.message}" if self.language else self.message


@dataclass(frozen=True)
class BankQuality:
    items_per_outcome: int
    longest_correct: dict[str, Share]  # by language
    keyed_true: Share
    few_right: Share
    coverage: tuple[OutcomeCoverage, ...]

    @property
    def needed_per_outcome(self) -> int:
        return ITEMS_PER_DRAW_FACTOR * self.items_per_outcome

    def problems(self) -> list[QualityProblem]:
        return cue_problems(self) + coverage_problems(self)


def _text(mapping: LanguageMap, language: str) -> str:
    # The exam shows English where a translation is missing, so the cue is measured the same way.
    return (mapping.get(language) or mapping.get(REFERENCE_LANGUAGE) or "").strip()


def right_option_is_longest(item: ItemSpec, language: str) -> bool:
    """True when the right option is strictly longer, in characters, than every other option."""
    right = [len(_text(o.text, language)) for o in item.options if o.correct]
    wrong = [len(_text(o.text, language)) for o in item.options if not o.correct]
    return len(right) == 1 and all(right[0] > length for length in wrong)


def longest_correct_share(bank: ItemBank, language: str) -> Share:
    single = [item for item in bank.items if item.type == "single_choice"]
    return Share(sum(right_option_is_longest(item, language) for item in single), len(single))


def keyed_true_share(bank: ItemBank) -> Share:
    true_false = [item for item in bank.items if item.type == "true_false"]
    return Share(sum(item.answer is True for item in true_false), len(true_false))


def few_right_share(bank: ItemBank) -> Share:
    """Multiple-response items with at most FEW_RIGHT right options, out of all of them."""
    multiple = [item for item in bank.items if item.type == "multiple_response"]
    few = sum(sum(option.correct for option in item.options) <= FEW_RIGHT for item in multiple)
    return Share(few, len(multiple))


def promised_action(statement: str) -> str | None:
    """The first action word (whole words, any case) of an outcome statement, else None."""
    match = _ACTION.search(statement)
    return " ".join(match.group(0).lower().split()) if match else None


def outcome_coverage(bank: ItemBank, statements: Mapping[str, str]) -> tuple[OutcomeCoverage, ...]:
    """For each outcome (code -> English statement, in order): its items and promised action."""
    return tuple(
        OutcomeCoverage(code, bank.items_for(code), promised_action(statement))
        for code, statement in statements.items()
    )


def assess_bank(
    bank: ItemBank, statements: Mapping[str, str], languages: Sequence[str]
) -> BankQuality:
    return BankQuality(
        items_per_outcome=bank.blueprint.items_per_outcome,
        longest_correct={language: longest_correct_share(bank, language) for language in languages},
        keyed_true=keyed_true_share(bank),
        few_right=few_right_share(bank),
        coverage=outcome_coverage(bank, statements),
    )


def cue_problems(quality: BankQuality) -> list[QualityProblem]:
    problems = []
    for language, share in quality.longest_correct.items():
        if share.above(MAX_LONGEST_CORRECT_PERCENT):
            message = _(
                "the right option is the longest in %(count)s of %(total)s single-choice "
                "items (%(percent)s%%; at most %(limit)s%%)"
            )
            numbers = {**_numbers(share), "limit": MAX_LONGEST_CORRECT_PERCENT}
            problems.append(QualityProblem(language, message % numbers))
    low, high = KEYED_TRUE_PERCENT
    if quality.keyed_true.below(low) or quality.keyed_true.above(high):
        message = _(
            "%(count)s of %(total)s true/false items are true (%(percent)s%%; "
            "%(low)s%% to %(high)s%% expected)"
        )
        numbers = {**_numbers(quality.keyed_true), "low": low, "high": high}
        problems.append(QualityProblem(None, message % numbers))
    if quality.few_right.below(MIN_FEW_RIGHT_PERCENT):
        message = _(
            "only %(count)s of %(total)s multiple-response items have at most two right "
            "options (%(percent)s%%; at least %(limit)s%%)"
        )
        numbers = {**_numbers(quality.few_right), "limit": MIN_FEW_RIGHT_PERCENT}
        problems.append(QualityProblem(None, message % numbers))
    return problems


def coverage_problems(quality: BankQuality) -> list[QualityProblem]:
    problems = []
    for outcome in quality.coverage:
        numbers = {
            "outcome": outcome.outcome,
            "count": outcome.non_task_count,
            "needed": quality.needed_per_outcome,
            "factor": ITEMS_PER_DRAW_FACTOR,
            "drawn": quality.items_per_outcome,
            "action": outcome.action,
        }
        if not outcome.items:
            message = _("outcome %(outcome)s has no item")
            problems.append(QualityProblem(None, message % numbers))
        elif outcome.non_task_count < quality.needed_per_outcome:
            message = _(
                "outcome %(outcome)s has %(count)s items besides tasks; it needs at least "
                "%(needed)s (%(factor)s times the %(drawn)s an exam draws)"
            )
            problems.append(QualityProblem(None, message % numbers))
        if outcome.action and not outcome.task_count:
            message = _(
                "outcome %(outcome)s promises an action (%(action)s) but has no performance task"
            )
            problems.append(QualityProblem(None, message % numbers))
    return problems


def _numbers(share: Share) -> dict[str, int | None]:
    return {"count": share.count, "total": share.total, "percent": share.percent}
