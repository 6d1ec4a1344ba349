"""The "Exam item bank" section of the Board's version page: which items measure each outcome,
and whether the bank gives answers away (microcred/assessment/bank_quality.py).

Only the review pages read this: the items' stems and types are for the Board, never learners.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from microcred.assessment import banks
from microcred.assessment.bank_quality import (
    KEYED_TRUE_PERCENT,
    MAX_LONGEST_CORRECT_PERCENT,
    MIN_FEW_RIGHT_PERCENT,
    TASK,
    BankQuality,
    QualityProblem,
    Share,
    assess_bank,
)
from microcred.assessment.draw import disjoint_forms
from microcred.assessment.items import ItemBank as ParsedBank
from microcred.assessment.models import ItemBank
from microcred.curriculum.models import ModuleVersion
from microcred.curriculum.text import REFERENCE_LANGUAGE, Localised, localise

TYPE_LABELS = {
    "single_choice": _("Single choice"),
    "multiple_response": _("Multiple response"),
    "true_false": _("True or false"),
    "matching": _("Matching"),
    "ordering": _("Ordering"),
    "numeric": _("Number"),
    "short_text": _("Short text"),
    TASK: _("Performance task"),
}


@dataclass(frozen=True)
class BoardItem:
    id: str
    type_label: str | Promise
    is_task: bool
    stem: Localised


@dataclass(frozen=True)
class OutcomeItems:
    code: str
    statement: Localised
    items: list[BoardItem]
    non_task_count: int
    task_count: int
    action: str | None
    too_few: bool  # fewer non-task items than bank_quality requires
    task_missing: bool  # the outcome promises an action but no task measures it
    forms: int  # tests with no question in common its items allow (retake_forms.py)


@dataclass(frozen=True)
class CueRow:
    label: str | Promise
    language: str | None
    share: Share
    limit: str | Promise
    crossed: bool


@dataclass(frozen=True)
class BankSection:
    bank: ItemBank
    outcomes: list[OutcomeItems]
    cues: list[CueRow]
    problems: list[QualityProblem]
    needed_per_outcome: int
    forms_wanted: int  # one test of its own for each attempt the blueprint allows


def bank_section(version: ModuleVersion, language: str) -> BankSection | None:
    """This version's item bank seen against its outcomes; None without one.

    The bank is part of the version: the Board reviews the exam with the lessons.
    """
    bank = banks.bank_of(version)
    if bank is None:
        return None
    outcomes = sorted(version.outcomes.all(), key=lambda outcome: outcome.order)
    statements = {o.code: o.statement.get(REFERENCE_LANGUAGE, "") for o in outcomes}
    return build_section(
        bank,
        banks.parsed(bank),
        statements,
        {o.code: localise(o.statement, language) for o in outcomes},
        language,
    )


def build_section(
    bank: ItemBank,
    parsed: ParsedBank,
    statements: dict[str, str],
    shown_statements: dict[str, Localised],
    language: str,
) -> BankSection:
    languages = [REFERENCE_LANGUAGE] + ([language] if language != REFERENCE_LANGUAGE else [])
    quality = assess_bank(parsed, statements, languages)
    needed = quality.needed_per_outcome
    return BankSection(
        bank=bank,
        outcomes=[
            OutcomeItems(
                code=coverage.outcome,
                statement=shown_statements[coverage.outcome],
                items=[
                    BoardItem(
                        id=item.id,
                        type_label=TYPE_LABELS.get(item.type, item.type),
                        is_task=item.type == TASK,
                        stem=localise(item.stem, language),
                    )
                    for item in coverage.items
                ],
                non_task_count=coverage.non_task_count,
                task_count=coverage.task_count,
                action=coverage.action,
                too_few=coverage.non_task_count < needed,
                task_missing=bool(coverage.action) and not coverage.task_count,
                forms=disjoint_forms(parsed, coverage.outcome),
            )
            for coverage in quality.coverage
        ],
        cues=_cue_rows(quality),
        problems=quality.problems(),
        needed_per_outcome=needed,
        forms_wanted=parsed.blueprint.attempts,
    )


def _cue_rows(quality: BankQuality) -> list[CueRow]:
    low, high = KEYED_TRUE_PERCENT
    rows = [
        CueRow(
            _("Single choice: the right option is the longest"),
            language,
            share,
            _("at most %(limit)s%%") % {"limit": MAX_LONGEST_CORRECT_PERCENT},
            share.above(MAX_LONGEST_CORRECT_PERCENT),
        )
        for language, share in quality.longest_correct.items()
    ]
    rows.append(
        CueRow(
            _("True or false: the answer is true"),
            None,
            quality.keyed_true,
            _("%(low)s%% to %(high)s%%") % {"low": low, "high": high},
            quality.keyed_true.below(low) or quality.keyed_true.above(high),
        )
    )
    rows.append(
        CueRow(
            _("Multiple response: at most two right options"),
            None,
            quality.few_right,
            _("at least %(limit)s%%") % {"limit": MIN_FEW_RIGHT_PERCENT},
            quality.few_right.below(MIN_FEW_RIGHT_PERCENT),
        )
    )
    return rows
