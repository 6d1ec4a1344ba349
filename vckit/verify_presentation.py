"""Verifying a presentation: the holder's proof, then every credential in it.

VC Data Model 2.0 section 4.13 (presentations) and 7.1, VC Data Integrity 1.0 section 2.1
(``proofPurpose`` ``authentication``, ``challenge`` and ``domain`` against replay), and the
VC API "verify presentation" response (``presentationResult``, ``credentialResults``).

A presentation without a proof proves nothing about who presents it: it is refused unless the
caller passes ``allow_unsigned=True`` (then its credentials are still verified one by one).
If the presentation names a ``holder``, a verified proof must be that holder's.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from vckit.did import Resolver
from vckit.proof import AUTHENTICATION
from vckit.verify_credential import (
    ResolveController,
    VerificationResult,
    parse_document,
    verify,
)
from vckit.verify_model import check_presentation_shape
from vckit.verify_proofs import verified_controllers
from vckit.verify_report import (
    Problem,
    Report,
    Revocation,
    Status,
    problems_as_dicts,
    status_of,
    worst,
)
from vckit.verify_status import FetchStatusList

ENVELOPED = "EnvelopedVerifiableCredential"


@dataclass(frozen=True, slots=True)
class PresentationResult:
    """The presentation's own checks/warnings/errors, its holder and each credential's result.

    ``status`` is the worst of the presentation's own verdict and its credentials' verdicts.
    """

    checks: tuple[str, ...]
    warnings: tuple[Problem, ...]
    errors: tuple[Problem, ...]
    credentials: tuple[VerificationResult, ...]
    status: Status
    holder: str | None = None

    @property
    def verified(self) -> bool:
        """VC API semantics: the presentation and every credential in it passed every check."""
        return self.status is Status.VALID

    def as_dict(self) -> dict[str, Any]:
        own_status = status_of(self.errors)
        return {
            "verified": self.verified,
            "status": self.status.value,
            "holder": self.holder,
            "presentationResult": {
                "verified": own_status is Status.VALID,
                "status": own_status.value,
                "checks": list(self.checks),
                "warnings": problems_as_dicts(self.warnings),
                "errors": problems_as_dicts(self.errors),
            },
            "credentialResults": [result.as_dict() for result in self.credentials],
            "checks": list(self.checks),
            "warnings": problems_as_dicts(self.warnings),
            "errors": problems_as_dicts(self.errors),
        }


def _holder(presentation: Mapping[str, Any]) -> str | None:
    holder = presentation.get("holder")
    if isinstance(holder, Mapping):
        holder = holder.get("id")
    return holder if isinstance(holder, str) else None


def _enveloped(credential: Mapping[str, Any]) -> VerificationResult:
    problem = Problem(
        "CREDENTIAL_UNSUPPORTED",
        "Cannot check this kind of credential: enveloped (JOSE/COSE) credentials are not "
        "supported.",
    )
    return VerificationResult((), (), (problem,), Revocation.UNKNOWN, Status.COULD_NOT_CHECK)


def verify_presentation(
    presentation_json: Mapping[str, Any] | str | bytes,
    *,
    resolve_did: ResolveController | None = None,
    fetch_status_list: FetchStatusList | None = None,
    now: datetime,
    challenge: str | None = None,
    domain: str | None = None,
    allow_unsigned: bool = False,
    check_schema: bool = True,
) -> PresentationResult:
    """Verify a presentation and the credentials it carries (see the module docstring).

    ``challenge`` and ``domain``, when given, must equal the proof's: a verifier that asked the
    holder for a fresh challenge knows the presentation is not a replay.
    """
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    presentation = parse_document(presentation_json)
    if isinstance(presentation, Problem):
        return PresentationResult((), (), (presentation,), (), Status.FORGED)
    resolve = resolve_did or Resolver()
    report = Report()
    check_presentation_shape(presentation, report)
    holder = _holder(presentation)
    if "proof" not in presentation:
        if allow_unsigned:
            report.warn("PRESENTATION_UNSIGNED", "The presentation is not signed by its holder.")
        else:
            report.error("PRESENTATION_UNSIGNED", "The presentation is not signed by its holder.")
    else:
        before = len(report.errors)
        controllers = verified_controllers(
            presentation,
            resolve,
            report,
            purpose=AUTHENTICATION,
            now=now,
            challenge=challenge,
            domain=domain,
        )
        if len(report.errors) == before:
            if holder is not None and holder not in controllers:
                report.error(
                    "HOLDER_MISMATCH", f"The presentation was not signed by its holder {holder}."
                )
            else:
                report.checks.append("proof")
    items = presentation.get("verifiableCredential", [])
    results = []
    for item in items if isinstance(items, list) else [items]:
        if not isinstance(item, Mapping):
            continue  # reported by the shape check
        types = item.get("type")
        if types == ENVELOPED or (isinstance(types, list) and ENVELOPED in types):
            results.append(_enveloped(item))
            continue
        results.append(
            verify(
                item,
                resolve_did=resolve,
                fetch_status_list=fetch_status_list,
                now=now,
                check_schema=check_schema,
            )
        )
    status = worst([status_of(report.errors), *(result.status for result in results)])
    return PresentationResult(
        tuple(report.checks),
        tuple(report.warnings),
        tuple(report.errors),
        tuple(results),
        status,
        holder,
    )
