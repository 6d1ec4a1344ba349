"""What the content reader returns: a curriculum, its modules, lessons and outcomes."""

import hashlib
import json
from dataclasses import asdict, dataclass, field, replace
from datetime import date
from typing import Any

from microcred.curriculum.exam_part import ExamPart
from microcred.curriculum.workload import Workload


@dataclass(frozen=True)
class LessonData:
    slug: str
    order: int
    minutes: int
    title: dict[str, str]
    body: dict[str, str]
    media: list[dict[str, Any]]
    check: dict[str, Any]
    # Provenance (microcred/curriculum/provenance.py): sources by language, and the date the
    # facts were last checked, taken from the English file.
    sources: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    reviewed: date | None = None
    # A translator's or second reader's note to the Board, by language (front matter
    # `board_note`): facts they localised but could not confirm. Reviewers see it; learners don't.
    board_notes: dict[str, str] = field(default_factory=dict)
    # The codes of the module outcomes the lesson teaches, from the English file; a learner who
    # must revise an outcome is sent to these lessons.
    outcomes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class OutcomeData:
    code: str
    order: int
    digcomp: str
    level: int
    esco: str
    statement: dict[str, str]


@dataclass(frozen=True)
class ModuleData:
    folder: str
    code: str
    order: int
    eqf_level: int | None
    prerequisites: list[str]
    title: dict[str, str]
    summary: dict[str, str]
    digcomp: list[dict[str, Any]]
    esco: list[str]
    glossary: list[dict[str, dict[str, str]]]
    outcomes: list[OutcomeData]
    lessons: list[LessonData]
    # Counted from the lessons and the test's size (curriculum/workload.py), so it is no part
    # of the fingerprint: the lessons' minutes and the exam's blueprint already are.
    workload: Workload
    # The item bank and exam blueprint from items.yaml, read by the assessment app's part
    # reader (curriculum/exam_part.py); None for a module without a test yet.
    exam: ExamPart | None = None

    def fingerprint(self) -> str:
        """SHA-256 of the normalised content, the exam included: formatting changes do not
        make a new version, an edited lesson or item does."""
        content = asdict(replace(self, exam=None))
        del content["workload"], content["exam"]
        canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, default=_json_value)
        return with_exam(hashlib.sha256(canonical.encode("utf-8")).hexdigest(), self.exam)


def with_exam(fingerprint: str, exam: ExamPart | None) -> str:
    """A version's fingerprint: its other content's, combined with its exam's when it has one.

    Kept as two steps so a version whose exam alone changes (questions added on the staff page)
    gets a fingerprint of its own without its files.
    """
    if exam is None:
        return fingerprint
    combined = f"{fingerprint}+{exam.fingerprint()}"
    return hashlib.sha256(combined.encode("utf-8")).hexdigest()


def _json_value(value: Any) -> str:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not content")


@dataclass(frozen=True)
class CurriculumData:
    code: str
    title: dict[str, str]
    summary: dict[str, str]
    course_credential: dict[str, Any]
    modules: list[ModuleData] = field(default_factory=list)


