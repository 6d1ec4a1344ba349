"""The notional workload of a module: a sum anyone can redo from the content files.

Annex I of the micro-credentials Recommendation asks for the workload needed to achieve the
outcomes, and it must be the same figure on the module page, the credential and the Europass
export. So it is never typed in by an author: it is counted from the lessons and the test, with
the rates below, and stored once on the module version. docs/workload.md explains each rate and
shows the sum for every module of the course.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from math import ceil

# A lesson's own `minutes` cover reading it slowly and doing its "Try it" task. A lesson may not
# claim less than its English text takes at this pace (test_workload.py checks it):
# a slow, careful reader with low literacy, well under the 200-250 words a fluent adult reads.
READING_WORDS_PER_MINUTE = 100
CHECK_MINUTES = 2  # one knowledge check: read it, answer, read the feedback
REVISION_PERCENT = 20  # going back over the lessons and the glossary before the test
QUESTION_MINUTES = Decimal("1.5")  # one test question, read slowly and answered
TASK_MINUTES = 4  # one performance task: a simulated screen to act in
# The ECTS Users' Guide (2015) puts one credit at 25 to 30 hours of work. The upper end, so that
# the credits on a credential are never more than the hours behind them.
HOURS_PER_ECTS = 30


@dataclass(frozen=True)
class Workload:
    """Minutes per part of the work, and the totals a credential states."""

    lessons: int
    checks: int
    revision: int
    test: int

    @property
    def minutes(self) -> int:
        return self.lessons + self.checks + self.revision + self.test

    @property
    def hours(self) -> Decimal:
        return (Decimal(self.minutes) / 60).quantize(Decimal("0.1"), ROUND_HALF_UP)

    @property
    def ects(self) -> Decimal | None:
        credits = (Decimal(self.minutes) / 60 / HOURS_PER_ECTS).quantize(
            Decimal("0.01"), ROUND_HALF_UP
        )
        return credits or None

    def minutes_left(self, *, lesson_minutes_left: int, lessons_left: int, lessons: int) -> int:
        """What is left of the same sum once some lessons are done (the test is always left)."""
        if not lessons or not self.lessons:
            return self.test
        checks = ceil(self.checks * lessons_left / lessons)
        revision = ceil(self.revision * lesson_minutes_left / self.lessons)
        return lesson_minutes_left + checks + revision + self.test

    def as_dict(self) -> dict[str, int]:
        return {
            "lessons": self.lessons,
            "checks": self.checks,
            "revision": self.revision,
            "test": self.test,
        }

    @classmethod
    def from_dict(cls, data: dict[str, int]) -> "Workload":
        return cls(**{part: int(data.get(part, 0)) for part in cls.__dataclass_fields__})


def notional_workload(
    *,
    lesson_minutes: Sequence[int],
    knowledge_checks: int,
    test_questions: int,
    test_tasks: int,
) -> Workload:
    """The workload of a module with these lessons and this test (tasks are among the questions)."""
    lessons = sum(lesson_minutes)
    test = (test_questions - test_tasks) * QUESTION_MINUTES + test_tasks * TASK_MINUTES
    return Workload(
        lessons=lessons,
        checks=knowledge_checks * CHECK_MINUTES,
        revision=ceil(lessons * REVISION_PERCENT / 100),
        test=ceil(test),
    )


def minimum_lesson_minutes(english_words: int) -> int:
    """The fewest minutes a lesson of this many English words may claim."""
    return max(1, ceil(english_words / READING_WORDS_PER_MINUTE))


def workload_table(modules: Sequence[tuple[str, Workload]]) -> str:
    """The sum for every module as a Markdown table (docs/workload.md holds its output)."""
    lines = [
        "| module | lessons | knowledge checks | revision | test | total minutes | hours | ECTS |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for code, workload in modules:
        lines.append(
            f"| {code} | {workload.lessons} | {workload.checks} | {workload.revision} "
            f"| {workload.test} | {workload.minutes} | {workload.hours} | {workload.ects} |"
        )
    return "\n".join(lines)
