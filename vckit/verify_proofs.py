"""Checking every proof of a credential or presentation against its controller's keys.

VC Data Integrity 1.0:
- section 4.4 (Verify Proof) / 4.5 (Verify Proof Sets and Chains): every proof in ``proof``
  must verify; a proof naming ``previousProof`` covers the document carrying those proofs;
- section 4.7 (Retrieve Verification Method): the key comes from its controller's DID or
  controller document, listed under the proof's purpose;
- section 2.1: ``proofPurpose`` must be the one the verifier expects (``assertionMethod``
  for credentials, ``authentication`` for presentations), ``challenge`` and ``domain`` must
  match what the verifier asked for, and ``expires`` must not have passed.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from vckit.did import DidResolutionError, verification_key
from vckit.proof import ProofCheck, ProofError, all_proofs, proof_header, verify_one
from vckit.verify_report import Report

ResolveController = Callable[[str], Mapping[str, Any]]

# Signatures already checked, for documents verified again and again (a status list is checked
# for every credential pointing to it). A hit needs the same bytes of document and proof AND
# the same public key, so it proves exactly what a fresh check would. Bounded, thread-safe.
_REMEMBERED: OrderedDict[bytes, None] = OrderedDict()
_REMEMBERED_MAX = 256
_remembered_lock = threading.Lock()


def _fingerprint(document: Mapping[str, Any], proof: Mapping[str, Any], key: bytes) -> bytes:
    text = json.dumps([document, proof], sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(key + text.encode("utf-8")).digest()


def _verify_remembered(
    unsecured: Mapping[str, Any],
    proof: Mapping[str, Any],
    proofs: list[Mapping[str, Any]],
    key: bytes,
) -> None:
    fingerprint = _fingerprint({**unsecured, "proof": proofs}, proof, key)
    with _remembered_lock:
        if fingerprint in _REMEMBERED:
            _REMEMBERED.move_to_end(fingerprint)
            return
    verify_one(unsecured, proof, proofs, key)
    with _remembered_lock:
        _REMEMBERED[fingerprint] = None
        if len(_REMEMBERED) > _REMEMBERED_MAX:
            _REMEMBERED.popitem(last=False)


def _check_request(
    check: ProofCheck, purpose: str, challenge: str | None, domain: str | None, now: datetime
) -> None:
    if check.proof_purpose != purpose:
        raise ProofError(
            "PROOF_PURPOSE_INVALID",
            f"The proof purpose is {check.proof_purpose!r}, not {purpose!r}.",
        )
    if challenge is not None and check.challenge != challenge:
        raise ProofError("CHALLENGE_MISMATCH", "The proof was not made for this challenge.")
    if domain is not None and domain not in check.domains:
        raise ProofError("DOMAIN_MISMATCH", "The proof was not made for this domain.")
    if check.expires is not None and now > check.expires:
        raise ProofError("PROOF_EXPIRED", f"The proof expired on {check.expires}.")


def verified_controllers(
    document: Mapping[str, Any],
    resolve: ResolveController,
    report: Report,
    *,
    purpose: str,
    now: datetime,
    challenge: str | None = None,
    domain: str | None = None,
    remember: bool = False,
) -> frozenset[str]:
    """The controllers whose proofs verified, or an empty set (and errors) unless all did.

    ``remember=True`` skips the signature computation for a document and key whose signature
    verified before in this process (used for status lists).
    """
    try:
        proofs = all_proofs(document)
    except ProofError as exc:
        report.error(exc.code, str(exc))
        return frozenset()
    unsecured = {key: value for key, value in document.items() if key != "proof"}
    several = len(proofs) > 1
    controllers: set[str] = set()
    failed = False
    for number, proof in enumerate(proofs, start=1):
        prefix = f"Proof {number}: " if several else ""
        try:
            check = proof_header(proof)
            _check_request(check, purpose, challenge, domain, now)
            controller = check.controller
            try:
                controller_document = resolve(controller)
            except DidResolutionError:
                raise
            except Exception as exc:  # an injected resolver may fail in its own ways
                raise DidResolutionError(
                    "DID_NOT_RESOLVED", f"Could not resolve {controller}: {exc}"
                ) from exc
            key = verification_key(
                controller_document, controller, check.verification_method, purpose
            )
            if remember:
                _verify_remembered(unsecured, proof, proofs, key)
            else:
                verify_one(unsecured, proof, proofs, key)
        except (ProofError, DidResolutionError) as exc:
            report.error(exc.code, prefix + str(exc))
            failed = True
            continue
        controllers.add(controller)
    return frozenset() if failed else frozenset(controllers)
