"""The language of a module test (issue #14): never one the learner did not see or choose.

A test runs in a language only when the module version the learner studied is offered in it
(`curriculum/languages.py`: complete and approved) and every item of the bank is written in it,
so no question of a Greek test ever falls back to English. When the learner's interface
language is one of those, the test is in it; otherwise the learner picks one on the start page,
which says so. The attempt records the language (Attempt.language), the question pages and the
marking use it, and the credential states it as the language of assessment.
"""

from dataclasses import dataclass
from typing import Any

from microcred.assessment.items import ItemBank
from microcred.learning.reading import reading_choices


def exam_languages(version: Any, bank: ItemBank) -> list[str]:
    """The languages the test may run in (those the module may be read in), English first."""
    if not bank.items:
        return []
    written = set.intersection(*(item.languages() for item in bank.items))
    return [code for code in reading_choices(version) if code in written]


@dataclass(frozen=True)
class ExamLanguage:
    interface: str  # the language the learner reads the site in
    available: tuple[str, ...]  # the languages the test may run in

    @property
    def language(self) -> str | None:
        """The test's language without asking: the learner's own, when the test exists in it."""
        return self.interface if self.interface in self.available else None

    @property
    def must_choose(self) -> bool:
        return self.language is None and bool(self.available)

    def resolve(self, chosen: str) -> str | None:
        """The language the test runs in, given what the learner picked on the start page."""
        return self.language or (chosen if chosen in self.available else None)


def exam_language(version: Any, bank: ItemBank, interface: str) -> ExamLanguage:
    return ExamLanguage(interface, tuple(exam_languages(version, bank)))
