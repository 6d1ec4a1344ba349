"""The module's exam (item bank and blueprint) is part of its version, owned by assessment.

The curriculum reads, fingerprints, stores and copies a module version as one unit, but the
item bank's format and its table belong to the assessment app, which the curriculum must not
import (apps depend one way: curriculum <- assessment). So the assessment app registers here how
its part is read from items.yaml, stored with a new version, copied into a new draft and written
back out, the way each app registers its part of the data export (decision 0009).
"""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from microcred.accounts.models import User
    from microcred.curriculum.content_reader import ContentReader
    from microcred.curriculum.models import ModuleVersion

EXAM_FILE = "items.yaml"


class ExamPart(Protocol):
    """A parsed item bank, as far as the curriculum needs to know it."""

    def fingerprint(self) -> str:
        """SHA-256 of the normalised bank: an edited item makes a new module version."""
        ...

    def test_size(self) -> tuple[int, int]:
        """Questions on one test, and how many of them are performance tasks (for workload)."""
        ...


@dataclass(frozen=True)
class ExamPartHandler:
    # (shared reader, path of items.yaml, the module's outcome codes) -> the parsed bank; its
    # problems go to the reader, so one import reports every file's together.
    read: Callable[["ContentReader", Path, set[str]], ExamPart]
    # (new version, its parsed bank, who imported it): store the bank with the version.
    store: Callable[["ModuleVersion", Any, "User | None"], None]
    # (frozen version, its new draft): the draft starts with the same bank.
    copy: Callable[["ModuleVersion", "ModuleVersion"], None]
    # The version's items.yaml text, for the content export; None without a test.
    source: Callable[["ModuleVersion"], str | None]


_handler: ExamPartHandler | None = None


def register(handler: ExamPartHandler) -> None:
    """Called once by the assessment app when Django starts."""
    global _handler
    _handler = handler


def handler() -> ExamPartHandler | None:
    return _handler
