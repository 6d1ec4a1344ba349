"""Data Integrity proofs with the ``eddsa-rdfc-2022`` cryptosuite.

W3C Data Integrity EdDSA Cryptosuites v1.0, section 3.3 (eddsa-rdfc-2022):
- 3.3.5 Proof Configuration: the proof options without ``proofValue``, carrying the document's
  ``@context``, canonicalised with RDFC-1.0;
- 3.3.3 Transformation: the document without ``proof``, canonicalised with RDFC-1.0;
- 3.3.4 Hashing: SHA-256(canonical proof configuration) || SHA-256(canonical document);
- 3.3.6 Proof Serialization: Ed25519 signature of those 64 bytes, multibase base58btc;
- 3.3.2 / 3.3.7 Verify Proof: the same steps, then Ed25519 verification.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from vckit.canon import canonicalize
from vckit.dates import format_datetime, parse_datetime
from vckit.documents import UnknownContextError
from vckit.errors import CanonicalizationError, UnsafeDocumentError, VckitError
from vckit.model import IssuerKey
from vckit.multibase import MultibaseError, decode_base58btc, encode_base58btc

PROOF_TYPE = "DataIntegrityProof"
CRYPTOSUITE = "eddsa-rdfc-2022"
ASSERTION_METHOD = "assertionMethod"


class ProofError(VckitError):
    """A proof cannot be created or checked. ``code`` is stable; the message is English."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def _hash_data(document: Mapping[str, Any], proof_config: Mapping[str, Any]) -> bytes:
    """vc-di-eddsa 3.3.4: proof-configuration hash first, then the document hash."""
    try:
        canonical_config = canonicalize(dict(proof_config))
        canonical_document = canonicalize(dict(document))
    except UnsafeDocumentError as exc:
        raise ProofError(
            "UNSIGNED_DATA", f"The credential holds data its signature does not cover: {exc}"
        ) from exc
    except UnknownContextError as exc:
        raise ProofError("CONTEXT_UNKNOWN", f"Cannot check this kind of credential: {exc}") from exc
    except CanonicalizationError as exc:
        raise ProofError("CANONICALIZATION_FAILED", str(exc)) from exc
    return (
        hashlib.sha256(canonical_config.encode("utf-8")).digest()
        + hashlib.sha256(canonical_document.encode("utf-8")).digest()
    )


def proof_configuration(
    document: Mapping[str, Any],
    *,
    verification_method: str,
    created: datetime,
    proof_purpose: str = ASSERTION_METHOD,
) -> dict[str, Any]:
    """vc-di-eddsa 3.3.5: the proof options, in the document's ``@context``."""
    return {
        "@context": document["@context"],
        "type": PROOF_TYPE,
        "cryptosuite": CRYPTOSUITE,
        "created": format_datetime(created),
        "verificationMethod": verification_method,
        "proofPurpose": proof_purpose,
    }


def sign(credential: Mapping[str, Any], key: IssuerKey, created: datetime) -> dict[str, Any]:
    """Add an eddsa-rdfc-2022 DataIntegrityProof (vc-di-eddsa 3.3.1 Create Proof).

    Returns a new dict; ``proof`` is a one-element array, as the strict OB 3.0 schema wants.
    Raises ProofError if the credential already has a proof or cannot be canonicalised (for
    example because a property is not defined by any context).
    """
    if "proof" in credential:
        raise ProofError("PROOF_PRESENT", "The credential already has a proof.")
    if "@context" not in credential:
        raise ProofError("CONTEXT_MISSING", "The credential has no @context.")
    config = proof_configuration(
        credential, verification_method=key.verification_method, created=created
    )
    signature = key.signing_key.sign(_hash_data(credential, config))
    proof = {key_: value for key_, value in config.items() if key_ != "@context"}
    proof["proofValue"] = encode_base58btc(signature)
    return {**credential, "proof": [proof]}


@dataclass(frozen=True, slots=True)
class ProofCheck:
    """What verify_signature found out about one proof."""

    verification_method: str
    proof_purpose: str
    created: datetime | None


def single_proof(credential: Mapping[str, Any]) -> Mapping[str, Any]:
    """The credential's proof: a single object, or an array holding exactly one."""
    proof = credential.get("proof")
    if isinstance(proof, list):
        if len(proof) != 1:
            raise ProofError(
                "PROOF_UNSUPPORTED", "Only credentials with exactly one proof are supported."
            )
        proof = proof[0]
    if not isinstance(proof, Mapping):
        raise ProofError("PROOF_MISSING", "The credential has no proof.")
    return proof


def proof_header(proof: Mapping[str, Any]) -> ProofCheck:
    """Check the proof's type, cryptosuite and fields (vc-di-eddsa 3.3.2 steps 1-3)."""
    if proof.get("type") != PROOF_TYPE or proof.get("cryptosuite") != CRYPTOSUITE:
        raise ProofError(
            "PROOF_UNSUPPORTED",
            f"Unsupported proof {proof.get('type')!r} / {proof.get('cryptosuite')!r}; "
            f"expected {PROOF_TYPE} / {CRYPTOSUITE}.",
        )
    method = proof.get("verificationMethod")
    purpose = proof.get("proofPurpose")
    if not isinstance(method, str) or not isinstance(purpose, str):
        raise ProofError("PROOF_MALFORMED", "The proof needs verificationMethod and proofPurpose.")
    created = None
    if "created" in proof:
        try:
            created = parse_datetime(proof["created"])
        except ValueError as exc:
            raise ProofError("PROOF_MALFORMED", f"Proof 'created': {exc}") from exc
    return ProofCheck(verification_method=method, proof_purpose=purpose, created=created)


def verify_signature(credential: Mapping[str, Any], public_key: bytes) -> ProofCheck:
    """vc-di-eddsa 3.3.2 Verify Proof with a known Ed25519 public key; raises ProofError.

    Does not decide whether the key may speak for the issuer: see vckit.verify.
    """
    proof = single_proof(credential)
    check = proof_header(proof)
    value = proof.get("proofValue")
    try:
        signature = decode_base58btc(value) if isinstance(value, str) else b""
    except MultibaseError as exc:
        raise ProofError("PROOF_MALFORMED", f"proofValue: {exc}") from exc
    if len(signature) != 64:
        raise ProofError("PROOF_MALFORMED", "proofValue is not a 64-byte Ed25519 signature.")
    document = {key: item for key, item in credential.items() if key != "proof"}
    if "@context" not in document:
        raise ProofError("CONTEXT_MISSING", "The credential has no @context.")
    config = {key: item for key, item in proof.items() if key != "proofValue"}
    config["@context"] = document["@context"]
    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(
            signature, _hash_data(document, config)
        )
    except InvalidSignature:
        raise ProofError(
            "SIGNATURE_INVALID", "The signature does not match: the credential was altered."
        ) from None
    except ValueError as exc:
        raise ProofError("KEY_INVALID", f"Invalid Ed25519 public key: {exc}") from exc
    return check


def verify_proof(
    credential: Mapping[str, Any], public_key_resolver: Callable[[str], bytes]
) -> bool:
    """True when the credential's proof verifies with the key the resolver returns for its
    verification method (vc-di-eddsa 3.3.2). Any error -> False; use vckit.verify for details."""
    try:
        method = proof_header(single_proof(credential)).verification_method
        verify_signature(credential, public_key_resolver(method))
    except (VckitError, ValueError, KeyError):
        return False
    return True
