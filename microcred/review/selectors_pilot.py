"""Reads for the pilot report: who may see which feedback, and the figures, in a few queries."""

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import import_module
from typing import Any

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, QuerySet
from django.utils.translation import gettext as _

from microcred.accounts.models import User
from microcred.accounts.roles import Role
from microcred.curriculum.models import Module
from microcred.curriculum.text import configured_languages
from microcred.review.models import (
    CohortMembership,
    QuestionKind,
    SurveyAnswer,
    SurveyQuestion,
    SurveyResponse,
)

COURSE = "course"  # the key of the whole-course feedback (a response without a module)
COMMENT_LIMIT = 300
CHART_HEIGHT = 80


def access_feedback(user: User) -> QuerySet[SurveyResponse]:
    """The feedback `user` may read: everything for platform admins and Board reviewers,
    their own organisation's learners for a partner coordinator, nothing for anyone else."""
    responses = SurveyResponse.objects.all()
    if not user.is_authenticated:
        raise PermissionDenied
    if user.has_role(Role.ADMIN) or user.has_role(Role.REVIEWER):
        return responses
    if user.has_role(Role.COORDINATOR) and user.partner_id is not None:
        return responses.filter(learner__partner_id=user.partner_id)
    raise PermissionDenied


def filter_feedback(
    responses: QuerySet[SurveyResponse], *, cohort_id: int | None, language: str | None
) -> QuerySet[SurveyResponse]:
    if cohort_id is not None:
        responses = responses.filter(learner__cohort_memberships__cohort_id=cohort_id)
    if language:
        responses = responses.filter(language=language)
    return responses


@dataclass(frozen=True)
class Bar:
    score: int
    count: int
    x: int
    y: int
    height: int


@dataclass
class Distribution:
    question: SurveyQuestion
    counts: list[int]  # counts[0] is the number of 1s

    @property
    def total(self) -> int:
        return sum(self.counts)

    @property
    def mean(self) -> float | None:
        if not self.total:
            return None
        return sum(score * n for score, n in enumerate(self.counts, start=1)) / self.total

    @property
    def bars(self) -> list[Bar]:
        """Bar geometry for the inline SVG chart (no script, no styles inline)."""
        tallest = max(self.counts) or 1
        bars = []
        for index, count in enumerate(self.counts):
            height = round(CHART_HEIGHT * count / tallest)
            bars.append(Bar(index + 1, count, 12 + index * 40, 14 + CHART_HEIGHT - height, height))
        return bars


@dataclass(frozen=True)
class FreeText:
    text: str
    language: str
    question: SurveyQuestion
    submitted_at: Any


@dataclass
class ModuleFeedback:
    key: str
    label: str
    title: dict[str, str] = field(default_factory=dict)
    by_language: dict[str, int] = field(default_factory=dict)
    distributions: list[Distribution] = field(default_factory=list)
    comments: list[FreeText] = field(default_factory=list)

    @property
    def responses(self) -> int:
        return sum(self.by_language.values())


@dataclass
class PilotReport:
    languages: list[str]
    modules: list[ModuleFeedback]

    @property
    def answered(self) -> list[ModuleFeedback]:
        return [module for module in self.modules if module.responses]

    @property
    def totals(self) -> dict[str, int]:
        totals: dict[str, int] = defaultdict(int)
        for module in self.modules:
            for language, count in module.by_language.items():
                totals[language] += count
        return dict(totals)

    @property
    def total(self) -> int:
        return sum(module.responses for module in self.modules)


def pilot_report(responses: QuerySet[SurveyResponse]) -> PilotReport:
    """Response counts per module and language, score distributions and free-text comments.

    Five queries, whatever the number of learners, modules or questions.
    """
    languages = configured_languages()
    modules = {
        str(module.pk): ModuleFeedback(
            key=module.code,
            label=module.code,
            title=module.published_version.title if module.published_version else {},
        )
        for module in Module.objects.select_related("published_version").order_by("order")
    }
    modules[COURSE] = ModuleFeedback(key=COURSE, label=_("Whole course"))
    for row in responses.values("module_id", "language").annotate(n=Count("id")):
        modules[_key(row["module_id"])].by_language[row["language"]] = row["n"]
    questions = {question.pk: question for question in SurveyQuestion.objects.all()}
    counts: dict[tuple[str, int], list[int]] = {}
    for row in (
        SurveyAnswer.objects.filter(
            response__in=responses, question__kind=QuestionKind.LIKERT, score__isnull=False
        )
        .values("response__module_id", "question_id", "score")
        .annotate(n=Count("id"))
    ):
        key = (_key(row["response__module_id"]), row["question_id"])
        counts.setdefault(key, [0] * 5)[row["score"] - 1] = row["n"]
    for (module_key, question_id), values in sorted(
        counts.items(), key=lambda item: (questions[item[0][1]].order, questions[item[0][1]].code)
    ):
        modules[module_key].distributions.append(Distribution(questions[question_id], values))
    for answer in (
        SurveyAnswer.objects.filter(response__in=responses, question__kind=QuestionKind.TEXT)
        .exclude(text="")
        .select_related("response")
        .order_by("-response__submitted_at", "-id")[:COMMENT_LIMIT]
    ):
        modules[_key(answer.response.module_id)].comments.append(
            FreeText(
                answer.text,
                answer.response.language,
                questions[answer.question_id],
                answer.response.submitted_at,
            )
        )
    return PilotReport(languages=languages, modules=list(modules.values()))


def _key(module_id: int | None) -> str:
    return COURSE if module_id is None else str(module_id)


def export_rows(responses: QuerySet[SurveyResponse]) -> Iterator[list[str]]:
    """One row per response, one column per question; learners appear only as a number."""
    questions = list(SurveyQuestion.objects.order_by("order", "code"))
    yield [
        "response", "submitted_at", "module", "version", "language", "partner", "cohorts",
        *[question.code for question in questions],
    ]  # fmt: skip
    for response in (
        responses.select_related("module", "version", "learner__partner")
        .prefetch_related(
            "answers",
            Prefetch(
                "learner__cohort_memberships",
                queryset=CohortMembership.objects.select_related("cohort"),
            ),
        )
        .order_by("submitted_at", "id")
    ):
        answers = {answer.question_id: answer for answer in response.answers.all()}
        cells = []
        for question in questions:
            answer = answers.get(question.pk)
            if answer is None:
                cells.append("")
            elif question.kind == QuestionKind.LIKERT:
                cells.append("" if answer.score is None else str(answer.score))
            else:
                cells.append(answer.text)
        yield [
            str(response.pk),
            response.submitted_at.isoformat(),
            response.module.code if response.module else COURSE,
            str(response.version.number) if response.version else "",
            response.language,
            response.learner.partner.slug if response.learner.partner else "",
            "; ".join(m.cohort.name for m in response.learner.cohort_memberships.all()),
            *cells,
        ]


@dataclass(frozen=True)
class FlaggedItem:
    module: str
    item_id: str
    language: str
    responses: int
    facility: float | None
    discrimination: float | None
    reasons: list[str]


@dataclass(frozen=True)
class FlaggedItems:
    rows: list[FlaggedItem]
    # Finished attempts the statistics had to leave out (stored forms that cannot be replayed).
    skipped: int


def flagged_test_items() -> FlaggedItems | None:
    """Test items flagged by the assessment statistics, for the Board to look at.

    The hook into microcred.assessment: `stats.flagged_report(module)` for every module whose
    test someone has finished. None while no learner has finished a module test (or while the
    assessment app is not installed): the report then says when item statistics will appear.
    """
    if not apps.is_installed("microcred.assessment"):
        return None
    try:
        stats = import_module("microcred.assessment.stats")
        attempts = import_module("microcred.assessment.models").Attempt.objects
    except (ImportError, AttributeError):
        return None
    flagged_report = getattr(stats, "flagged_report", None)
    tested = set(
        attempts.filter(submitted_at__isnull=False).values_list("module_id", flat=True)
    )
    if not callable(flagged_report) or not tested:
        return None
    rows, skipped = [], 0
    for module in Module.objects.filter(pk__in=tested).order_by("order"):
        report = flagged_report(module)
        skipped += report.skipped
        rows += [
            FlaggedItem(
                module=module.code,
                item_id=row.item_id,
                language=row.language,
                responses=row.responses,
                facility=row.facility,
                discrimination=row.discrimination,
                reasons=list(row.flags),
            )
            for row in report.rows
        ]
    return FlaggedItems(rows, skipped)
