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
import re
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
ED25519_2020 = "Ed25519Signature2020"
CRYPTOSUITE = "eddsa-rdfc-2022"
ASSERTION_METHOD = "assertionMethod"
AUTHENTICATION = "authentication"
_NO_OFFSET = re.compile(r"^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?$")


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
    return add_proof(credential, key, created)


def add_proof(
    document: Mapping[str, Any],
    key: IssuerKey,
    created: datetime,
    *,
    proof_purpose: str = ASSERTION_METHOD,
    challenge: str | None = None,
    domain: str | None = None,
    proof_id: str | None = None,
    previous_proof: str | list[str] | None = None,
) -> dict[str, Any]:
    """Add an eddsa-rdfc-2022 proof to a document's proof set or chain (DI 1.0 section 4.3).

    With ``previous_proof`` the new proof also signs the existing proof(s) with those ids
    (a proof chain); without it, it signs only the document (a proof set). Presentations are
    signed with ``proof_purpose="authentication"`` and the verifier's ``challenge``/``domain``.
    """
    if "@context" not in document:
        raise ProofError("CONTEXT_MISSING", "The document has no @context.")
    existing = all_proofs(document) if "proof" in document else []
    unsecured = {name: value for name, value in document.items() if name != "proof"}
    config = proof_configuration(
        document,
        verification_method=key.verification_method,
        created=created,
        proof_purpose=proof_purpose,
    )
    extras: dict[str, object] = {"challenge": challenge, "domain": domain, "id": proof_id}
    extras["previousProof"] = previous_proof
    config.update({name: value for name, value in extras.items() if value is not None})
    check = proof_header({**config, "proofValue": ""})
    signed = chained_document(unsecured, check, existing)
    signature = key.signing_key.sign(_hash_data(signed, config))
    proof = {key_: value for key_, value in config.items() if key_ != "@context"}
    proof["proofValue"] = encode_base58btc(signature)
    return {**unsecured, "proof": [*existing, proof]}


@dataclass(frozen=True, slots=True)
class ProofCheck:
    """The checked fields of one proof (VC Data Integrity 1.0 section 2.1)."""

    verification_method: str
    proof_purpose: str
    created: datetime | None
    proof_type: str = PROOF_TYPE
    proof_id: str | None = None
    previous_proofs: tuple[str, ...] = ()
    challenge: str | None = None
    domains: tuple[str, ...] = ()
    expires: datetime | None = None

    @property
    def controller(self) -> str:
        """The controller part of the verification method (before "#")."""
        return self.verification_method.split("#", 1)[0]


def all_proofs(document: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """Every proof of a secured document: ``proof`` is one map or a list of maps (DI 2.1)."""
    proof = document.get("proof")
    if proof is None:
        raise ProofError("PROOF_MISSING", "The document has no proof.")
    proofs = proof if isinstance(proof, list) else [proof]
    if not proofs or not all(isinstance(item, Mapping) for item in proofs):
        raise ProofError("PROOF_MALFORMED", "Each proof must be a JSON object.")
    return proofs


def single_proof(credential: Mapping[str, Any]) -> Mapping[str, Any]:
    """The credential's proof: a single object, or an array holding exactly one."""
    proofs = all_proofs(credential)
    if len(proofs) != 1:
        raise ProofError("PROOF_UNSUPPORTED", "Only documents with exactly one proof are expected.")
    return proofs[0]


def _proof_datetime(value: object, name: str) -> datetime:
    # DI 1.0 2.1: created/expires are dateTimeStamps; a processor MAY read a value without an
    # offset as UTC, which we do, as the Digital Bazaar verifier does.
    if isinstance(value, str) and _NO_OFFSET.match(value):
        value += "Z"
    try:
        return parse_datetime(value)
    except ValueError as exc:
        raise ProofError("PROOF_MALFORMED", f"Proof {name!r}: {exc}") from exc


def _strings(value: object, name: str) -> tuple[str, ...]:
    if value is None:
        return ()
    values = value if isinstance(value, list) else [value]
    if not all(isinstance(item, str) for item in values):
        raise ProofError("PROOF_MALFORMED", f"Proof {name!r} must be a string or strings.")
    return tuple(values)


def proof_header(proof: Mapping[str, Any]) -> ProofCheck:
    """Check one proof's type, cryptosuite and fields (DI 1.0 2.1, vc-di-eddsa 3.3.2 1-3).

    Supported: DataIntegrityProof with eddsa-rdfc-2022, and the older Ed25519Signature2020
    (W3C CCG, used by VC 1.1 issuers such as Open edX). Anything else is PROOF_UNSUPPORTED:
    we cannot check it, which is never the same as "valid".
    """
    proof_type = proof.get("type")
    if not isinstance(proof_type, str):
        raise ProofError("PROOF_MALFORMED", "The proof has no type.")
    if proof_type == PROOF_TYPE:
        if proof.get("cryptosuite") != CRYPTOSUITE:
            raise ProofError(
                "PROOF_UNSUPPORTED",
                f"Cannot check this kind of credential: cryptosuite "
                f"{proof.get('cryptosuite')!r} is not supported (only {CRYPTOSUITE}).",
            )
    elif proof_type != ED25519_2020:
        raise ProofError(
            "PROOF_UNSUPPORTED",
            f"Cannot check this kind of credential: proof type {proof_type!r} is not supported.",
        )
    method = proof.get("verificationMethod")
    purpose = proof.get("proofPurpose")
    if not isinstance(method, str) or not method or not isinstance(purpose, str):
        raise ProofError("PROOF_MALFORMED", "The proof needs verificationMethod and proofPurpose.")
    proof_id = proof.get("id")
    if proof_id is not None and not isinstance(proof_id, str):
        raise ProofError("PROOF_MALFORMED", "Proof 'id' must be a string.")
    challenge = proof.get("challenge")
    if challenge is not None and not isinstance(challenge, str):
        raise ProofError("PROOF_MALFORMED", "Proof 'challenge' must be a string.")
    created = _proof_datetime(proof["created"], "created") if "created" in proof else None
    expires = _proof_datetime(proof["expires"], "expires") if "expires" in proof else None
    return ProofCheck(
        verification_method=method,
        proof_purpose=purpose,
        created=created,
        proof_type=str(proof_type),
        proof_id=proof_id,
        previous_proofs=_strings(proof.get("previousProof"), "previousProof"),
        challenge=challenge,
        domains=_strings(proof.get("domain"), "domain"),
        expires=expires,
    )


def _signature_bytes(proof: Mapping[str, Any]) -> bytes:
    value = proof.get("proofValue")
    if not isinstance(value, str):
        raise ProofError("PROOF_MALFORMED", "The proof has no proofValue.")
    try:
        signature = decode_base58btc(value)
    except MultibaseError as exc:
        raise ProofError("PROOF_MALFORMED", f"proofValue: {exc}") from exc
    if len(signature) != 64:
        raise ProofError("PROOF_MALFORMED", "proofValue is not a 64-byte Ed25519 signature.")
    return signature


def chained_document(
    unsecured: Mapping[str, Any], check: ProofCheck, proofs: list[Mapping[str, Any]]
) -> Mapping[str, Any]:
    """DI 1.0 sections 4.3 and 4.5: a proof naming ``previousProof`` signed the document
    carrying the proof(s) it names; every name must match the ``id`` of another proof."""
    if not check.previous_proofs:
        return unsecured
    by_id = {proof.get("id"): proof for proof in proofs if isinstance(proof.get("id"), str)}
    missing = [name for name in check.previous_proofs if name not in by_id]
    if missing:
        raise ProofError(
            "PROOF_CHAIN_BROKEN", f"previousProof names a proof that is not there: {missing[0]}"
        )
    return {**unsecured, "proof": [by_id[name] for name in check.previous_proofs]}


def verify_one(
    unsecured: Mapping[str, Any],
    proof: Mapping[str, Any],
    proofs: list[Mapping[str, Any]],
    public_key: bytes,
) -> ProofCheck:
    """Verify one proof of a proof set or chain with a known Ed25519 public key.

    vc-di-eddsa 3.3.2 (eddsa-rdfc-2022) and the Ed25519Signature2020 suite compute the same
    hash: SHA-256 of the canonical proof options (``proofValue`` removed, the document's
    ``@context``) then SHA-256 of the canonical document. ``unsecured`` is the document without
    ``proof``; ``proofs`` are all its proofs, for ``previousProof``. Raises ProofError.
    """
    check = proof_header(proof)
    signature = _signature_bytes(proof)
    if "@context" not in unsecured:
        raise ProofError("CONTEXT_MISSING", "The document has no @context.")
    document = chained_document(unsecured, check, proofs)
    config = {key: item for key, item in proof.items() if key != "proofValue"}
    # A proof carrying its own @context is read with it, as jsonld-signatures does; otherwise
    # with the document's (vc-di-eddsa 3.3.5).
    config["@context"] = proof.get("@context", unsecured["@context"])
    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(
            signature, _hash_data(document, config)
        )
    except InvalidSignature:
        raise ProofError(
            "SIGNATURE_INVALID", "The signature does not match: the document was altered."
        ) from None
    except ValueError as exc:
        raise ProofError("KEY_INVALID", f"Invalid Ed25519 public key: {exc}") from exc
    return check


def verify_signature(credential: Mapping[str, Any], public_key: bytes) -> ProofCheck:
    """vc-di-eddsa 3.3.2 Verify Proof of a document with one proof; raises ProofError.

    Does not decide whether the key may speak for the issuer: see vckit.verify.
    """
    proof = single_proof(credential)
    unsecured = {key: item for key, item in credential.items() if key != "proof"}
    return verify_one(unsecured, proof, [proof], public_key)


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
