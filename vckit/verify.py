"""Verifying credentials and presentations: the public entry points of vckit's verifier.

- ``verify``: one credential (vckit.verify_credential; VC 2.0 section 7.1, VC Data Integrity
  1.0 section 4, Bitstring Status List v1.0 section 3.2);
- ``verify_presentation``: a presentation, its holder's proof and every credential in it
  (vckit.verify_presentation; VC API "verify presentation").

Both return VC API style results with ``checks``, ``warnings``, ``errors`` and a ``Status``.
"""

from __future__ import annotations

from vckit.verify_credential import (
    OB_TYPES,
    SCHEMA_FILE,
    FetchStatusList,
    ResolveController,
    VerificationResult,
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
    "PresentationResult",
    "Problem",
    "ResolveController",
    "Revocation",
    "Status",
    "VerificationResult",
    "issuer_id",
    "schema_errors",
    "status_of",
    "verify",
    "verify_presentation",
]
