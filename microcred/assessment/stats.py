"""Item statistics for quality assurance: facility, discrimination and option choices.

Classical test theory, per item and language, over finished attempts:
- facility: mean item score (0 = nobody gets it, 1 = everybody does);
- discrimination: point-biserial correlation between the item score and the rest of the test
  (the total without this item), so strong learners doing better on it gives a high value;
- option counts: how often each original option was chosen (a distractor nobody picks, or one
  picked more than the key, points at a flawed item);
- for task items (simulated screens), how often each control was set as expected, which shows
  the step of the task that learners miss.
"""

import logging
from collections import defaultdict
from dataclasses import dataclass, field
from math import sqrt
from typing import Any

from django.utils.translation import gettext_lazy as _

from microcred.assessment import banks
from microcred.assessment.draw import replay
from microcred.assessment.items import natural_key
from microcred.assessment.models import Attempt
from microcred.assessment.task_grading import control_results
from microcred.curriculum.models import Module

logger = logging.getLogger(__name__)

MIN_RESPONSES = 20  # below this, statistics are shown but no item is flagged
TOO_HARD = 0.2
TOO_EASY = 0.95
WEAK_DISCRIMINATION = 0.1


@dataclass
class ItemStatistics:
    item_id: str
    language: str
    scores: list[float] = field(default_factory=list)
    rest_scores: list[float] = field(default_factory=list)
    option_counts: dict[int, int] = field(default_factory=lambda: defaultdict(int))
    controls_right: dict[int, int] = field(default_factory=lambda: defaultdict(int))

    @property
    def responses(self) -> int:
        return len(self.scores)

    @property
    def facility(self) -> float | None:
        return sum(self.scores) / len(self.scores) if self.scores else None

    @property
    def discrimination(self) -> float | None:
        return point_biserial(self.scores, self.rest_scores)

    @property
    def option_summary(self) -> list[tuple[int, int]]:
        """(option number counting from 1, times chosen), in the bank's option order."""
        return [(index + 1, count) for index, count in sorted(self.option_counts.items())]

    @property
    def control_summary(self) -> list[tuple[int, int]]:
        """(control number counting from 1, times set as expected), in the authored order."""
        return [(index + 1, count) for index, count in sorted(self.controls_right.items())]

    @property
    def flags(self) -> list[str]:
        if self.responses < MIN_RESPONSES:
            return []
        flags = []
        if self.facility is not None and self.facility < TOO_HARD:
            flags.append(str(_("very hard: check the key and the wording")))
        if self.facility is not None and self.facility > TOO_EASY:
            flags.append(str(_("very easy: does it test the outcome?")))
        if self.discrimination is not None and self.discrimination < WEAK_DISCRIMINATION:
            flags.append(str(_("weak discrimination: strong learners do no better on it")))
        return flags


def point_biserial(item_scores: list[float], rest_scores: list[float]) -> float | None:
    """Pearson correlation of item score with rest score; None when either does not vary."""
    n = len(item_scores)
    if n < 2:
        return None
    mean_x = sum(item_scores) / n
    mean_y = sum(rest_scores) / n
    cov = sum((x - mean_x) * (y - mean_y) for x, y in zip(item_scores, rest_scores, strict=True))
    var_x = sum((x - mean_x) ** 2 for x in item_scores)
    var_y = sum((y - mean_y) ** 2 for y in rest_scores)
    if var_x == 0 or var_y == 0:
        return None
    return cov / sqrt(var_x * var_y)


@dataclass(frozen=True)
class ItemReport:
    rows: list[ItemStatistics]
    # Finished attempts left out because what is stored cannot be replayed against their bank
    # (a damaged form or result, a bank that no longer reads): counted, never fatal.
    skipped: int


@dataclass(frozen=True)
class _Response:
    """What one finished attempt adds to one item's row."""

    item_id: str
    score: float
    options: list[int]  # original indexes of the options chosen
    controls: list[bool]  # task items: each control set as expected or not


def item_report(module: Module) -> ItemReport:
    """Statistics of every item of the module, one row per item and language."""
    rows: dict[tuple[str, str], ItemStatistics] = {}
    skipped = 0
    attempts = (Attempt.objects.filter(module=module, submitted_at__isnull=False)
                .select_related("bank").only("form", "answers", "result", "language", "bank"))
    for attempt in attempts.iterator(chunk_size=500):
        # Read the whole attempt before it counts anywhere: one stored row that cannot be
        # replayed is left out and counted, whatever is wrong with it, never a broken page.
        try:
            responses = _responses(attempt)
        except Exception:
            logger.warning("item statistics: attempt %s cannot be replayed", attempt.pk,
                           exc_info=True)
            skipped += 1
            continue
        total = sum(response.score for response in responses)
        for response in responses:
            row = rows.setdefault((response.item_id, attempt.language),
                                  ItemStatistics(response.item_id, attempt.language))
            row.scores.append(response.score)
            row.rest_scores.append(total - response.score)
            for index in response.options:
                row.option_counts[index] += 1
            for index, right in enumerate(response.controls):
                row.controls_right[index] += right
    ordered = sorted(rows.values(), key=lambda r: (natural_key(r.item_id), r.language))
    return ItemReport(ordered, skipped)


def item_statistics(module: Module) -> list[ItemStatistics]:
    return item_report(module).rows


def _responses(attempt: Attempt) -> list[_Response]:
    scores = {str(item["id"]): float(item["score"]) for item in attempt.result["items"]}
    bank = banks.parsed(attempt.bank)
    answers = attempt.answers if isinstance(attempt.answers, dict) else {}
    responses = []
    for drawn in replay(bank, attempt.form).items:
        item, answer = bank.item(drawn.item_id), answers.get(drawn.item_id)
        task = item.type == "task"
        responses.append(_Response(
            item_id=drawn.item_id,
            score=scores.get(drawn.item_id, 0.0),
            options=[] if task else _chosen(drawn, answer),
            controls=list(control_results(item, drawn, answer, attempt.language) or ())
            if task else []))
    return responses


def _chosen(drawn: Any, answer: Any) -> list[int]:
    tokens = answer if isinstance(answer, list) else [answer]
    return [index for token in tokens if (index := drawn.index_of(token)) is not None]


def flagged_items(module: Module) -> list[ItemStatistics]:
    """Items that misbehave, for the Advisory Board's pilot report and the item review."""
    return flagged_report(module).rows


def flagged_report(module: Module) -> ItemReport:
    """The flagged items and how many finished attempts had to be left out."""
    report = item_report(module)
    return ItemReport([row for row in report.rows if row.flags], report.skipped)
