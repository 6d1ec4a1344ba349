"""Full verification of a credential, reported the way the VC API reports it.

VC Data Model 2.0 section 7.1 (verification) and the VC API "verify credential" response:
a list of checks that passed, plus warnings and errors, each with a stable code (the platform
translates codes) and an English message, and one verdict (``Status``). Steps:

1. proofs (vckit.verify_proofs): every proof of the proof set or chain verifies (VC Data
   Integrity 1.0 sections 4.4-4.5; eddsa-rdfc-2022 or Ed25519Signature2020), each with a key
   its controller lists for ``assertionMethod`` (4.7);
2. issuer: one of those proofs was made by the issuer; ``signer`` is then the issuer's DID;
3. shape (vckit.verify_model): VC 2.0 section 4, or VC 1.1 for the 2018 context;
4. schema: the strict 1EdTech OB 3.0 JSON schema, for VC 2.0 Open Badges credentials. A
   violation is a WARNING: 1EdTech's own signed example and every credential signed by the
   JS reference stack (a single proof object, not an array) break it, and an authentic
   credential in a slightly different shape is not a forgery;
5. validity period: validFrom/validUntil (VC 2.0 4.9) or issuanceDate/expirationDate (1.1);
6. status (vckit.verify_status): Bitstring Status List / StatusList2021 entries, only once the
   issuer's signature verified (a forger's URLs are never fetched). If a list cannot be
   fetched or does not verify, the status could NOT be checked: never "not revoked".

Data that JSON-LD would drop (not covered by the signature) is UNSIGNED_DATA: forged.
Presentations: vckit.verify_presentation. Import both from vckit.verify.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema  # type: ignore[import-untyped]

from vckit.did import Resolver
from vckit.proof import ASSERTION_METHOD
from vckit.verify_model import check_credential_shape, check_validity_period
from vckit.verify_proofs import verified_controllers
from vckit.verify_report import (
    Problem,
    Report,
    Revocation,
    Status,
    problems_as_dicts,
    status_of,
)
from vckit.verify_status import FetchStatusList, StatusChecker

__all__ = [
    "FetchStatusList",
    "Integrity",
    "Problem",
    "ResolveController",
    "Revocation",
    "Status",
    "VerificationResult",
    "check_integrity",
    "issuer_id",
    "schema_errors",
    "status_of",
    "verify",
]

SCHEMA_FILE = Path(__file__).parent / "schemas" / "ob_v3p0_achievementcredential_schema.json"
OB_TYPES = frozenset({"OpenBadgeCredential", "AchievementCredential"})

ResolveController = Callable[[str], Mapping[str, Any]]


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
            "warnings": problems_as_dicts(self.warnings),
            "errors": problems_as_dicts(self.errors),
            "revocation": self.revocation.value,
        }


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


def check_issuer_proofs(
    credential: Mapping[str, Any],
    resolve: ResolveController,
    now: datetime,
    report: Report,
    *,
    remember: bool = False,
) -> bool:
    """Steps 1 and 2: every proof verifies and one is the issuer's. Sets ``report.signer``."""
    before = len(report.errors)
    controllers = verified_controllers(
        credential, resolve, report, purpose=ASSERTION_METHOD, now=now, remember=remember
    )
    if len(report.errors) > before:
        return False
    issuer = issuer_id(credential)
    if issuer is None:
        return False  # reported by the shape check
    if issuer not in controllers:
        signers = ", ".join(sorted(controllers))
        report.error(
            "ISSUER_KEY_MISMATCH",
            f"The credential was signed with a key of {signers}, not of its issuer {issuer}.",
        )
        return False
    report.checks += ["proof", "issuer"]
    report.signer = issuer
    return True


def _list_problems(
    resolve: ResolveController, now: datetime
) -> Callable[[Mapping[str, Any]], list[Problem]]:
    started = time.monotonic()

    def verify_list(list_credential: Mapping[str, Any]) -> list[Problem]:
        # A list is judged when it arrives: an issuer that signs its list on request dates it
        # after our verification began, and that list is not "not yet valid".
        arrived = now + timedelta(seconds=time.monotonic() - started)
        inner = Report()
        version = check_credential_shape(list_credential, inner)
        check_issuer_proofs(list_credential, resolve, arrived, inner, remember=True)
        check_validity_period(list_credential, version, arrived, inner)
        return inner.errors

    return verify_list


def parse_document(credential_json: Mapping[str, Any] | str | bytes) -> Mapping[str, Any] | Problem:
    if isinstance(credential_json, str | bytes):
        try:
            credential_json = json.loads(credential_json)
        except ValueError as exc:
            return Problem("MALFORMED", f"Not JSON: {exc}")
    if not isinstance(credential_json, Mapping):
        return Problem("MALFORMED", "A credential is a JSON object.")
    return credential_json


def _check_signed_parts(
    credential: Mapping[str, Any], resolve: ResolveController, now: datetime, check_schema: bool
) -> tuple[Report, int | None]:
    """Steps 1-4: proofs, issuer, shape and (for VC 2.0 Open Badges) the OB 3.0 schema."""
    report = Report()
    check_issuer_proofs(credential, resolve, now, report)
    version = check_credential_shape(credential, report)
    types = credential.get("type")
    if check_schema and version == 2 and isinstance(types, list) and OB_TYPES & set(types):
        problems = schema_errors(credential)
        for message in problems:
            report.warn("SCHEMA_INVALID", f"Open Badges 3.0 schema: {message}")
        if not problems:
            report.checks.append("schema")
    return report, version


@dataclass(frozen=True, slots=True)
class Integrity:
    """Steps 1-4 of a verification (proofs, issuer, shape, schema): what depends only on the
    document's bytes and on its signers' controller documents, never on a status list.

    ``timeless`` is False when a proof carries ``expires`` (DI 1.0 section 2.1), the one step
    1-4 outcome that also depends on the clock; only a timeless Integrity may be reused.
    """

    checks: tuple[str, ...]
    warnings: tuple[Problem, ...]
    errors: tuple[Problem, ...]
    signer: str | None
    version: int | None
    timeless: bool


def check_integrity(
    credential: Mapping[str, Any], *, resolve_did: ResolveController | None = None, now: datetime
) -> Integrity:
    """Steps 1-4 of ``verify`` (see the module docstring), for callers that keep the outcome
    for a document they verify again and again; ``verify(..., integrity=...)`` finishes it."""
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    report, version = _check_signed_parts(credential, resolve_did or Resolver(), now, True)
    proofs = credential.get("proof")
    timeless = not any(
        isinstance(proof, Mapping) and "expires" in proof
        for proof in (proofs if isinstance(proofs, list) else [proofs])
    )
    return Integrity(
        tuple(report.checks),
        tuple(report.warnings),
        tuple(report.errors),
        report.signer,
        version,
        timeless,
    )


def verify(
    credential_json: Mapping[str, Any] | str | bytes,
    *,
    resolve_did: ResolveController | None = None,
    fetch_status_list: FetchStatusList | None = None,
    now: datetime,
    check_schema: bool = True,
    integrity: Integrity | None = None,
) -> VerificationResult:
    """Verify a credential (VC 2.0 section 7.1; see the module docstring for the steps).

    ``resolve_did`` maps a DID or controller URL to its document (default: did:key and
    did:jwk only); ``fetch_status_list`` maps a status list URL to the status list credential
    (default: the status is reported as not checked). ``check_schema=False`` skips the OB 3.0
    JSON schema (for callers that validated the shape already). ``integrity``, from
    ``check_integrity`` on these very bytes with the same controller documents, replaces steps
    1-4; the validity period and the status are always checked against ``now``.
    """
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    credential = parse_document(credential_json)
    if isinstance(credential, Problem):
        return VerificationResult((), (), (credential,), Revocation.UNKNOWN, status=Status.FORGED)
    resolve = resolve_did or Resolver()
    if integrity is None:
        report, version = _check_signed_parts(credential, resolve, now, check_schema)
    else:
        report = Report(
            list(integrity.checks),
            list(integrity.warnings),
            list(integrity.errors),
            integrity.signer,
        )
        version = integrity.version
    check_validity_period(credential, version, now, report)
    if report.signer is None:
        # Never fetch URLs named by a document whose signature did not verify: they are the
        # forger's choice (tracking, probing). The verdict is already not VALID.
        revocation = Revocation.UNKNOWN
        if "credentialStatus" not in credential:
            revocation = Revocation.NO_STATUS
    else:
        checker = StatusChecker(report.signer, fetch_status_list, _list_problems(resolve, now))
        revocation = checker.check(credential, report)
    return VerificationResult(
        tuple(report.checks),
        tuple(report.warnings),
        tuple(report.errors),
        revocation,
        status=status_of(report.errors),
        signer=report.signer,
        signature_verified=report.signer is not None,
    )
