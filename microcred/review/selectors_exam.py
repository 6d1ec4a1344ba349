"""The Board's exam page: every item of the bank with its answer key, feedback and the outcome it
tests, in one language, with the Board's comments on each item.

Answer keys are for the Board and staff only: the page sits behind the review pages' staff check
(selectors.access_version), and nothing here is used by a learner's page.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from microcred.assessment import banks
from microcred.assessment.items import ItemSpec, natural_key
from microcred.assessment.task_items import Control
from microcred.curriculum.models import ModuleVersion
from microcred.curriculum.text import REFERENCE_LANGUAGE, Localised, localise
from microcred.review.models import ReviewComment
from microcred.review.selectors_bank import TYPE_LABELS


@dataclass(frozen=True)
class KeyLine:
    text: str
    correct: bool | None = None  # True/False for an option; None for a pair, a step or a value


@dataclass(frozen=True)
class ExamItem:
    id: str
    type_label: str | Promise
    language: str  # the language the texts are in: the reader's, else English
    is_fallback: bool  # the item is not (fully) translated into the reader's language
    stem: str
    key: list[KeyLine]
    feedback: str
    comments: list[ReviewComment] = field(default_factory=list)


@dataclass(frozen=True)
class ExamOutcome:
    code: str
    statement: Localised
    items: list[ExamItem]


def item_ids(version: ModuleVersion) -> set[str]:
    """The ids of the items the Board reviews with this version (for comments on an item)."""
    bank = banks.bank_of(version)
    return {item.id for item in banks.parsed(bank).items} if bank else set()


def exam_outcomes(version: ModuleVersion, language: str) -> list[ExamOutcome] | None:
    """Every item of the version's own bank, grouped by the outcome it tests, in outcome order;
    None without a bank."""
    bank = banks.bank_of(version)
    if bank is None:
        return None
    parsed = banks.parsed(bank)
    comments: dict[str, list[ReviewComment]] = defaultdict(list)
    for comment in ReviewComment.objects.filter(version=version).exclude(item="").select_related(
        "author"
    ):
        comments[comment.item].append(comment)
    statements = {outcome.code: outcome.statement for outcome in version.outcomes.all()}
    codes = sorted({*statements, *(item.outcome for item in parsed.items)}, key=natural_key)
    return [
        ExamOutcome(
            code=code,
            statement=localise(statements.get(code), language),
            items=[
                exam_item(item, language, comments.get(item.id, []))
                for item in parsed.items_for(code)
            ],
        )
        for code in codes
    ]


def exam_item(item: ItemSpec, language: str, comments: list[ReviewComment]) -> ExamItem:
    shown = language if language in item.languages() else REFERENCE_LANGUAGE
    return ExamItem(
        id=item.id,
        type_label=TYPE_LABELS.get(item.type, item.type),
        language=shown,
        is_fallback=shown != language,
        stem=item.stem.get(shown, ""),
        key=answer_key(item, shown),
        feedback=item.feedback.get(shown, ""),
        comments=comments,
    )


def answer_key(item: ItemSpec, language: str) -> list[KeyLine]:
    """What counts as right, in `language`, line by line."""
    if item.type in ("single_choice", "multiple_response"):
        return [KeyLine(o.text.get(language, ""), o.correct) for o in item.options]
    if item.type == "true_false":
        return [KeyLine(str(_("True") if item.answer else _("False")), True)]
    if item.type == "matching":
        return [KeyLine(f"{p.left.get(language, '')} → {p.right.get(language, '')}")
                for p in item.pairs]
    if item.type == "ordering":
        return [KeyLine(f"{n}. {step.get(language, '')}") for n, step in
                enumerate(item.sequence, 1)]
    if item.type == "numeric":
        unit = item.unit.get(language, "")
        numbers = [(item.answer, item.tolerance)]
        numbers += [(more.answer, more.tolerance) for more in item.also_accepted]
        lines = [KeyLine(f"{number} ± {tolerance} {unit}".strip(), True)
                 for number, tolerance in numbers]
        return lines + [KeyLine(f"1 {unit} = {other.multiplier:g} {other.name.get(language, '')}")
                         for other in item.other_units]
    if item.type == "short_text":
        return [KeyLine(text, True) for text in item.accepted.get(language, ())]
    return [KeyLine(f"{control.label.get(language, '')}: {_expected(control, language)}")
            for control in item.controls]


def _expected(control: Control, language: str) -> str:
    expected = control.expected
    if control.kind == "toggle":
        return str(_("switched on") if expected else _("switched off"))
    if control.kind == "choice":
        choice = next((c for c in control.choices if c.id == expected), None)
        return choice.text.get(language, "") if choice else str(expected)
    if isinstance(expected, dict):
        return " / ".join(expected.get(language, ()))
    return str(expected)
