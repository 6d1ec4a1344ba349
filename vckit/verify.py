"""Verifying credentials and presentations: the public entry points of vckit's verifier.

- ``verify``: one credential (vckit.verify_credential; VC 2.0 section 7.1, VC Data Integrity
  1.0 section 4, Bitstring Status List v1.0 section 3.2); ``check_integrity`` runs only the
  steps that depend on the document's bytes and keys, so a caller can keep their outcome;
- ``verify_presentation``: a presentation, its holder's proof and every credential in it
  (vckit.verify_presentation; VC API "verify presentation").

Both return VC API style results with ``checks``, ``warnings``, ``errors`` and a ``Status``.
"""

from __future__ import annotations

from vckit.verify_credential import (
    OB_TYPES,
    SCHEMA_FILE,
    FetchStatusList,
    Integrity,
    ResolveController,
    VerificationResult,
    check_integrity,
    issuer_id,
    schema_errors,
    verify,
)
from vckit.verify_presentation import PresentationResult, verify_presentation
from vckit.verify_report import Problem, Revocation, Status, status_of

__all__ = [
    "OB_TYPES",
    "SCHEMA_FILE",
    "FetchStatusList",
    "Integrity",
    "PresentationResult",
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
    "verify_presentation",
]
