"""Full verification of a credential, reported the way the VC API reports it.

VC Data Model 2.0 section 7.1 (verification) and the VC API "verify credential" response:
a list of checks that passed, plus warnings and errors, each with a stable code (the platform
translates codes) and an English message. Steps:

1. proof: Data Integrity eddsa-rdfc-2022 signature (vckit.proof);
2. issuer: the verification method belongs to the issuer, whose DID / controller document lists
   it for ``assertionMethod`` (VC Data Integrity 4.7, Controlled Identifiers 3.3);
3. schema: the 1EdTech OB 3.0 JSON schema, for Open Badges credentials;
4. validFrom / validUntil against ``now`` (VC 2.0 section 4.9);
5. status: Bitstring Status List v1.0 section 3.2. If the list cannot be fetched or does not
   verify, the result says revocation could NOT be checked: never "not revoked".
"""

from __future__ import annotations

import enum
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema  # type: ignore[import-untyped]

from vckit import status_list
from vckit.dates import parse_datetime
from vckit.did import DidResolutionError, Resolver, assertion_key
from vckit.proof import ASSERTION_METHOD, ProofError, proof_header, single_proof, verify_signature

SCHEMA_FILE = Path(__file__).parent / "schemas" / "ob_v3p0_achievementcredential_schema.json"
OB_TYPES = frozenset({"OpenBadgeCredential", "AchievementCredential"})

ResolveController = Callable[[str], Mapping[str, Any]]
FetchStatusList = Callable[[str], Mapping[str, Any]]


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
_CODE_STATUS = {
    "REVOKED": Status.REVOKED,
    "SUSPENDED": Status.SUSPENDED,
    "EXPIRED": Status.EXPIRED,
    "NOT_YET_VALID": Status.NOT_YET_VALID,
    "STATUS_NOT_CHECKED": Status.COULD_NOT_CHECK,
    "PROOF_UNSUPPORTED": Status.COULD_NOT_CHECK,
    "DID_NOT_RESOLVED": Status.COULD_NOT_CHECK,
    "DID_METHOD_UNSUPPORTED": Status.COULD_NOT_CHECK,
    "DID_DOCUMENT_MISMATCH": Status.COULD_NOT_CHECK,
    "KEY_INVALID": Status.COULD_NOT_CHECK,
    "CONTEXT_UNKNOWN": Status.COULD_NOT_CHECK,
}


def status_of(errors: tuple[Problem, ...] | list[Problem]) -> Status:
    """The verdict for these errors, by the precedence documented on Status."""
    found = {_CODE_STATUS.get(problem.code, Status.FORGED) for problem in errors}
    for status in _PRECEDENCE:
        if status in found:
            return status
    return Status.VALID


class Revocation(enum.Enum):
    """What is known about revocation. UNKNOWN is never reported as NOT_REVOKED."""

    NO_STATUS = "no_status"
    NOT_REVOKED = "not_revoked"
    REVOKED = "revoked"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class VerificationResult:
    """VC API style result: ``checks`` that passed, ``warnings`` and ``errors``.

    ``status`` is the verdict; ``signer`` is the DID whose key produced a verified assertion
    proof (None unless one verified); ``signature_verified`` says the proof(s) verified and the
    document carries no data outside the signature (only then may its contents be shown).
    """

    checks: tuple[str, ...]
    warnings: tuple[Problem, ...]
    errors: tuple[Problem, ...]
    revocation: Revocation
    status: Status = Status.VALID
    signer: str | None = None
    signature_verified: bool = False

    @property
    def verified(self) -> bool:
        """VC API semantics: every check passed."""
        return self.status is Status.VALID

    def as_dict(self) -> dict[str, Any]:
        return {
            "verified": self.verified,
            "status": self.status.value,
            "signer": self.signer,
            "checks": list(self.checks),
            "warnings": [{"code": p.code, "message": p.message} for p in self.warnings],
            "errors": [{"code": p.code, "message": p.message} for p in self.errors],
            "revocation": self.revocation.value,
        }


@dataclass
class _Report:
    checks: list[str] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    signer: str | None = None

    def error(self, code: str, message: str) -> None:
        self.errors.append(Problem(code, message))

    def warn(self, code: str, message: str) -> None:
        self.warnings.append(Problem(code, message))


@cache
def _ob3_validator() -> jsonschema.protocols.Validator:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    validator_class = jsonschema.validators.validator_for(schema)
    return validator_class(schema)


def schema_errors(credential: Mapping[str, Any]) -> list[str]:
    """Messages for every way the credential breaks the OB 3.0 AchievementCredential schema."""
    errors = sorted(_ob3_validator().iter_errors(credential), key=lambda e: list(e.path))
    return [
        f"{'/'.join(str(p) for p in error.path) or '(root)'}: {error.message}" for error in errors
    ]


def issuer_id(credential: Mapping[str, Any]) -> str | None:
    """The issuer's id, whether ``issuer`` is a string or an object (VC 2.0 section 4.7)."""
    issuer = credential.get("issuer")
    if isinstance(issuer, Mapping):
        issuer = issuer.get("id")
    return issuer if isinstance(issuer, str) else None


def _check_proof_and_issuer(
    credential: Mapping[str, Any], resolve: ResolveController, report: _Report
) -> bool:
    """Steps 1 and 2. Returns whether both passed."""
    issuer = issuer_id(credential)
    if issuer is None:
        report.error("ISSUER_MISSING", "The credential does not name its issuer.")
        return False
    try:
        header = proof_header(single_proof(credential))
    except ProofError as exc:
        report.error(exc.code, str(exc))
        return False
    if header.proof_purpose != ASSERTION_METHOD:
        report.error("PROOF_PURPOSE_INVALID", "The proof purpose is not assertionMethod.")
        return False
    controller = header.verification_method.split("#", 1)[0]
    if controller != issuer:
        report.error(
            "ISSUER_KEY_MISMATCH",
            f"The credential was signed with a key of {controller}, not of its issuer {issuer}.",
        )
        return False
    try:
        public_key = assertion_key(resolve(controller), controller, header.verification_method)
    except DidResolutionError as exc:
        report.error(exc.code, str(exc))
        return False
    except Exception as exc:  # an injected resolver may fail in its own ways
        report.error("DID_NOT_RESOLVED", f"Could not resolve {controller}: {exc}")
        return False
    try:
        verify_signature(credential, public_key)
    except ProofError as exc:
        report.error(exc.code, str(exc))
        return False
    report.checks += ["proof", "issuer"]
    report.signer = controller
    return True


def _check_dates(credential: Mapping[str, Any], now: datetime, report: _Report) -> None:
    """Step 4: VC 2.0 section 4.9 validity period."""
    try:
        valid_from = parse_datetime(credential.get("validFrom"))
    except ValueError as exc:
        report.error("VALIDITY_DATE_INVALID", f"validFrom: {exc}")
    else:
        if now < valid_from:
            report.error("NOT_YET_VALID", f"The credential is not valid before {valid_from}.")
        else:
            report.checks.append("validFrom")
    if "validUntil" not in credential:
        return
    try:
        valid_until = parse_datetime(credential["validUntil"])
    except ValueError as exc:
        report.error("VALIDITY_DATE_INVALID", f"validUntil: {exc}")
        return
    if now > valid_until:
        report.error("EXPIRED", f"The credential expired on {valid_until}.")
    else:
        report.checks.append("validUntil")


def _status_list(
    entry: Mapping[str, Any],
    issuer: str | None,
    resolve: ResolveController,
    fetch: FetchStatusList | None,
    now: datetime,
) -> tuple[str, bytes] | Problem:
    """Fetch and verify the status list credential; a Problem says why it cannot be used."""
    url = entry.get("statusListCredential")
    if not isinstance(url, str):
        return Problem("STATUS_ENTRY_INVALID", "credentialStatus has no statusListCredential.")
    if fetch is None:
        return Problem("STATUS_NOT_CHECKED", f"Revocation could not be checked: {url} not fetched.")
    try:
        list_credential = fetch(url)
    except Exception as exc:  # the injected fetcher may fail in its own ways
        return Problem("STATUS_NOT_CHECKED", f"Revocation could not be checked: {url}: {exc}")
    inner = _Report()
    _check_proof_and_issuer(list_credential, resolve, inner)
    _check_dates(list_credential, now, inner)
    if inner.errors:
        reason = "; ".join(problem.message for problem in inner.errors)
        return Problem("STATUS_NOT_CHECKED", f"Revocation could not be checked: {reason}")
    if issuer_id(list_credential) != issuer:
        return Problem(
            "STATUS_NOT_CHECKED",
            "Revocation could not be checked: the status list has a different issuer.",
        )
    try:
        return status_list.bitstring_of(list_credential)
    except status_list.StatusListError as exc:
        return Problem("STATUS_NOT_CHECKED", f"Revocation could not be checked: {exc}")


def _check_status(
    credential: Mapping[str, Any],
    resolve: ResolveController,
    fetch: FetchStatusList | None,
    now: datetime,
    report: _Report,
) -> Revocation:
    """Step 5: Bitstring Status List v1.0 section 3.2 (validate algorithm)."""
    entries = credential.get("credentialStatus")
    if entries is None:
        return Revocation.NO_STATUS
    entries = entries if isinstance(entries, list) else [entries]
    outcome = Revocation.NOT_REVOKED
    for entry in entries:
        if not isinstance(entry, Mapping) or entry.get("type") != "BitstringStatusListEntry":
            report.error("STATUS_NOT_CHECKED", "Unsupported credentialStatus; not checked.")
            outcome = Revocation.UNKNOWN
            continue
        purpose = entry.get("statusPurpose")
        try:
            index = int(str(entry.get("statusListIndex")))
        except ValueError:
            report.error("STATUS_ENTRY_INVALID", "statusListIndex is not an integer.")
            return Revocation.UNKNOWN
        found = _status_list(entry, issuer_id(credential), resolve, fetch, now)
        if isinstance(found, Problem):
            report.error(found.code, found.message)
            outcome = Revocation.UNKNOWN
            continue
        list_purpose, bits = found
        if list_purpose != purpose:
            report.error("STATUS_NOT_CHECKED", "The status list is for another status purpose.")
            outcome = Revocation.UNKNOWN
            continue
        try:
            is_set = status_list.get_bit(bits, index)
        except IndexError as exc:
            report.error("STATUS_ENTRY_INVALID", str(exc))
            return Revocation.UNKNOWN
        if is_set and purpose == status_list.REVOCATION:
            report.error("REVOKED", "The issuer has revoked this credential.")
            return Revocation.REVOKED
        if is_set:
            report.error("SUSPENDED", f"The issuer has set the {purpose} status.")
    if outcome is Revocation.NOT_REVOKED:
        report.checks.append("status")
    return outcome


def verify(
    credential_json: Mapping[str, Any] | str | bytes,
    *,
    resolve_did: ResolveController | None = None,
    fetch_status_list: FetchStatusList | None = None,
    now: datetime,
    check_schema: bool = True,
) -> VerificationResult:
    """Verify a credential (VC 2.0 section 7.1; see the module docstring for the steps).

    ``resolve_did`` maps a DID or controller URL to its document (default: did:key only);
    ``fetch_status_list`` maps a status list URL to the status list credential (default:
    revocation is reported as not checked). ``check_schema=False`` skips the OB 3.0 JSON
    schema (for callers that validated the shape already).
    """
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    report = _Report()
    if isinstance(credential_json, str | bytes):
        try:
            credential = json.loads(credential_json)
        except ValueError as exc:
            report.error("MALFORMED", f"Not JSON: {exc}")
            return VerificationResult(
                (), (), tuple(report.errors), Revocation.UNKNOWN, status=Status.FORGED
            )
    else:
        credential = credential_json
    if not isinstance(credential, Mapping):
        report.error("MALFORMED", "A credential is a JSON object.")
        return VerificationResult(
            (), (), tuple(report.errors), Revocation.UNKNOWN, status=Status.FORGED
        )
    resolve = resolve_did or Resolver()
    _check_proof_and_issuer(credential, resolve, report)
    types = credential.get("type")
    if check_schema and isinstance(types, list) and OB_TYPES & set(types):
        problems = schema_errors(credential)
        for message in problems:
            report.error("SCHEMA_INVALID", f"Open Badges 3.0 schema: {message}")
        if not problems:
            report.checks.append("schema")
    _check_dates(credential, now, report)
    revocation = _check_status(credential, resolve, fetch_status_list, now, report)
    return VerificationResult(
        tuple(report.checks),
        tuple(report.warnings),
        tuple(report.errors),
        revocation,
        status=status_of(report.errors),
        signer=report.signer,
        signature_verified=report.signer is not None,
    )
