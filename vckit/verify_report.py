"""What a verification reports: problems with stable codes, the verdict and its precedence.

Shared by vckit.verify (credentials) and vckit.verify_presentation; the VC API "verify"
responses carry ``checks``, ``warnings`` and ``errors``, and we add one verdict, ``Status``.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Problem:
    """One error or warning: a stable code and an English message."""

    code: str
    message: str


class Status(enum.Enum):
    """The overall verdict; the values are the strings the API returns.

    Precedence when several apply: FORGED > COULD_NOT_CHECK > REVOKED > SUSPENDED > EXPIRED >
    NOT_YET_VALID > VALID (see ``status_of``).
    """

    VALID = "valid"
    REVOKED = "revoked"
    SUSPENDED = "suspended"
    EXPIRED = "expired"
    NOT_YET_VALID = "not_yet_valid"
    FORGED = "forged"
    COULD_NOT_CHECK = "could_not_check"


class Revocation(enum.Enum):
    """What is known about revocation. UNKNOWN is never reported as NOT_REVOKED."""

    NO_STATUS = "no_status"
    NOT_REVOKED = "not_revoked"
    REVOKED = "revoked"
    UNKNOWN = "unknown"


_PRECEDENCE = (
    Status.FORGED,
    Status.COULD_NOT_CHECK,
    Status.REVOKED,
    Status.SUSPENDED,
    Status.EXPIRED,
    Status.NOT_YET_VALID,
)

# What each error code means for the verdict. A code not listed here counts as FORGED: an error
# nobody classified must never let a credential through as merely "could not check".
CODE_STATUS = {
    "REVOKED": Status.REVOKED,
    "SUSPENDED": Status.SUSPENDED,
    "EXPIRED": Status.EXPIRED,
    "PROOF_EXPIRED": Status.EXPIRED,
    "NOT_YET_VALID": Status.NOT_YET_VALID,
    "STATUS_NOT_CHECKED": Status.COULD_NOT_CHECK,
    "STATUS_UNSUPPORTED": Status.COULD_NOT_CHECK,
    "PROOF_UNSUPPORTED": Status.COULD_NOT_CHECK,
    "CREDENTIAL_UNSUPPORTED": Status.COULD_NOT_CHECK,
    "PRESENTATION_UNSIGNED": Status.COULD_NOT_CHECK,
    "DID_NOT_RESOLVED": Status.COULD_NOT_CHECK,
    "DID_METHOD_UNSUPPORTED": Status.COULD_NOT_CHECK,
    "DID_DOCUMENT_MISMATCH": Status.COULD_NOT_CHECK,
    "KEY_INVALID": Status.COULD_NOT_CHECK,
    "KEY_UNSUPPORTED": Status.COULD_NOT_CHECK,
    "CONTEXT_UNKNOWN": Status.COULD_NOT_CHECK,
}


def status_of(errors: tuple[Problem, ...] | list[Problem]) -> Status:
    """The verdict for these errors, by the precedence documented on Status."""
    found = {CODE_STATUS.get(problem.code, Status.FORGED) for problem in errors}
    for status in _PRECEDENCE:
        if status in found:
            return status
    return Status.VALID


def problems_as_dicts(problems: tuple[Problem, ...]) -> list[dict[str, str]]:
    return [{"code": problem.code, "message": problem.message} for problem in problems]


@dataclass
class Report:
    """Mutable collector used while a verification runs."""

    checks: list[str] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    signer: str | None = None

    def error(self, code: str, message: str) -> None:
        self.errors.append(Problem(code, message))

    def warn(self, code: str, message: str) -> None:
        self.warnings.append(Problem(code, message))


def worst(statuses: list[Status]) -> Status:
    """The status that wins by precedence (VALID if the list is empty)."""
    for status in _PRECEDENCE:
        if status in statuses:
            return status
    return Status.VALID
