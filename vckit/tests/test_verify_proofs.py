"""Proof sets, proof chains and malformed proofs: what the W3C Data Integrity verifier tests send.

The proof-chain credentials in vectors/di-proof-chains are the static inputs of
w3c-ccg/data-integrity-test-suite-assertion (signed by the Digital Bazaar stack, not by us).
"""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from vckit import did, proof
from vckit.multibase import encode_base58btc
from vckit.tests.conftest import VECTORS
from vckit.verify import Status, verify

NOW = datetime(2026, 12, 1, tzinfo=UTC)
CHAINS = VECTORS / "di-proof-chains"
ISSUER = did.issuer_key(b"\x01" * 32)
WITNESS = did.issuer_key(b"\x02" * 32)
SIMPLE = {
    "@context": ["https://www.w3.org/ns/credentials/v2"],
    "id": "urn:uuid:86294362-4254-4f36-854f-3952fe42555d",
    "type": ["VerifiableCredential"],
    "issuer": ISSUER.controller,
    "credentialSubject": {"id": "did:example:alice", "name": "Alice"},
}
CREATED = datetime(2026, 11, 1, tzinfo=UTC)


def _codes(result: Any) -> list[str]:
    return [problem.code for problem in result.errors]


def _signed(document: dict[str, Any] | None = None) -> dict[str, Any]:
    return proof.add_proof(document or SIMPLE, ISSUER, CREATED)


@pytest.mark.parametrize("version", ["1.1", "2.0"])
@pytest.mark.parametrize("form", ["String", "Array"])
def test_w3c_proof_chains_verify(version: str, form: str) -> None:
    chained = json.loads(
        (CHAINS / f"{version}-previousProof{form}Ok-SimpleSigned2.json").read_text()
    )
    result = verify(chained, now=NOW)
    assert result.status is Status.VALID, result.errors
    assert result.signer == chained["issuer"]
    assert result.signature_verified


@pytest.mark.parametrize(
    "name",
    [
        "previousProofArrayMissingFail",
        "previousProofStringMissingFail",
        "previousProofMissingFail",
        "previousProofNotStringFail",
    ],
)
@pytest.mark.parametrize("version", ["1.1", "2.0"])
def test_w3c_broken_proof_chains_are_refused(version: str, name: str) -> None:
    chained = json.loads((CHAINS / f"{version}-{name}-SimpleSigned2.json").read_text())
    result = verify(chained, now=NOW)
    assert result.status is Status.FORGED
    assert result.signer is None


def test_a_chained_proof_covers_the_earlier_proof() -> None:
    witnessed = proof.add_proof(
        proof.add_proof(SIMPLE, ISSUER, CREATED, proof_id="urn:uuid:first"),
        WITNESS,
        CREATED,
        previous_proof="urn:uuid:first",
    )
    assert verify(witnessed, now=NOW).status is Status.VALID
    # Changing the first proof after the chained one was made breaks the chain.
    changed = copy.deepcopy(witnessed)
    changed["proof"][0]["created"] = "2026-11-02T00:00:00Z"
    codes = _codes(verify(changed, now=NOW))
    assert codes.count("SIGNATURE_INVALID") == 2


def test_every_proof_of_a_set_must_verify() -> None:
    both = proof.add_proof(_signed(), WITNESS, CREATED)
    result = verify(both, now=NOW)
    assert result.status is Status.VALID
    assert result.signer == ISSUER.controller
    broken = copy.deepcopy(both)
    broken["proof"][1]["proofValue"] = broken["proof"][0]["proofValue"]
    result = verify(broken, now=NOW)
    assert result.status is Status.FORGED
    assert _codes(result) == ["SIGNATURE_INVALID"]
    assert result.signer is None
    assert not result.signature_verified


def test_a_set_signed_only_by_others_is_not_the_issuers() -> None:
    result = verify(proof.add_proof(SIMPLE, WITNESS, CREATED), now=NOW)
    assert _codes(result) == ["ISSUER_KEY_MISMATCH"]
    assert result.status is Status.FORGED
    assert result.signer is None


def _without(document: dict[str, Any], *path: str) -> dict[str, Any]:
    changed = copy.deepcopy(document)
    target = changed
    for step in path[:-1]:
        target = target[step][0] if isinstance(target[step], list) else target[step]
    del target[path[-1]]
    return changed


def _with(document: dict[str, Any], value: Any, *path: str) -> dict[str, Any]:
    changed = copy.deepcopy(document)
    target = changed
    for step in path[:-1]:
        target = target[step][0] if isinstance(target[step], list) else target[step]
    target[path[-1]] = value
    return changed


def test_malformed_proofs_are_refused() -> None:
    good = _signed()
    value = good["proof"][0]["proofValue"]
    cases = {
        "no proof": _without(good, "proof"),
        "proof null": _with(good, None, "proof"),
        "proof a string": _with(good, "proof", "proof"),
        "no proof type": _without(good, "proof", "type"),
        "no verificationMethod": _without(good, "proof", "verificationMethod"),
        "no proofPurpose": _without(good, "proof", "proofPurpose"),
        "invalid purpose": _with(good, "invalidPurpose", "proof", "proofPurpose"),
        "no proofValue": _without(good, "proof", "proofValue"),
        "proofValue null": _with(good, None, "proof", "proofValue"),
        "no multibase header": _with(good, value[1:], "proof", "proofValue"),
        "tampered proofValue": _with(good, "z5nmMBw2u9TGKd9NxxHJtyZKgjN2Eh", "proof", "proofValue"),
        "invalid created": _with(good, "invalidDate", "proof", "created"),
        "invalid expires": _with(good, "invalidDate", "proof", "expires"),
        "invalid VM": _with(good, "did:key:invalidVm", "proof", "verificationMethod"),
    }
    for name, document in cases.items():
        result = verify(document, now=NOW)
        assert not result.verified, name
        assert result.status is Status.FORGED, (name, result.errors)
        assert result.signer is None, name


def test_a_string_or_non_object_is_not_a_credential() -> None:
    assert verify("[1, 2]", now=NOW).status is Status.FORGED
    nonconforming = verify({"type": ["NonconformingDocument"]}, now=NOW)
    assert nonconforming.status is Status.FORGED


def test_unknown_proof_types_and_cryptosuites_could_not_be_checked() -> None:
    good = _signed()
    for field, value in [("type", "UnknownProofType"), ("cryptosuite", "UnknownCryptosuite")]:
        result = verify(_with(good, value, "proof", field), now=NOW)
        assert result.status is Status.COULD_NOT_CHECK
        assert _codes(result) == ["PROOF_UNSUPPORTED"]
        assert "Cannot check this kind of credential" in result.errors[0].message
    jcs = verify(_with(good, "eddsa-jcs-2022", "proof", "cryptosuite"), now=NOW)
    assert jcs.status is Status.COULD_NOT_CHECK


def test_data_added_after_signing_is_forged_even_when_json_ld_would_drop_it() -> None:
    good = _signed()
    undefined_term = copy.deepcopy(good)
    undefined_term["credentialSubject"]["undefinedTerm"] = "IfDroppedWillVerify"
    undefined_type = copy.deepcopy(good)
    undefined_type["type"].append("UndefinedType")
    relative_base = copy.deepcopy(good)
    relative_base["@context"].append({"@base": "https://invalid.example.com/"})
    relative_base["type"].append("UndefinedCredential")
    for document in (undefined_term, undefined_type, relative_base):
        result = verify(document, now=NOW)
        assert result.status is Status.FORGED
        assert not result.signature_verified


def test_an_expired_proof_is_expired() -> None:
    # ``expires`` is part of the signed proof options, so sign a proof that carries it.
    unsecured = dict(SIMPLE)
    config = proof.proof_configuration(
        unsecured, verification_method=ISSUER.verification_method, created=CREATED
    )
    config["expires"] = "2026-11-30T00:00:00Z"
    signature = ISSUER.signing_key.sign(proof._hash_data(unsecured, config))
    signed_proof = {key: value for key, value in config.items() if key != "@context"}
    signed_proof["proofValue"] = encode_base58btc(signature)
    expired = {**unsecured, "proof": signed_proof}
    assert verify(expired, now=NOW).status is Status.EXPIRED
    assert verify(expired, now=NOW - timedelta(days=2)).status is Status.VALID


def test_a_proof_may_carry_its_own_context() -> None:
    signed = _signed()
    signed["proof"][0]["@context"] = SIMPLE["@context"]
    assert verify(signed, now=NOW).status is Status.VALID
    signed["proof"][0]["@context"] = ["https://www.w3.org/2018/credentials/v1"]
    assert verify(signed, now=NOW).status is Status.FORGED


def test_a_proof_date_without_offset_is_read_as_utc() -> None:
    # DI 1.0 2.1: processors MAY accept created/expires serialised without an offset.
    unsecured = dict(SIMPLE)
    config = proof.proof_configuration(
        unsecured, verification_method=ISSUER.verification_method, created=CREATED
    )
    config["created"] = "2026-11-01T00:00:00"
    config["expires"] = "2026-12-02T00:00:00"
    signature = ISSUER.signing_key.sign(proof._hash_data(unsecured, config))
    signed_proof = {key: value for key, value in config.items() if key != "@context"}
    signed_proof["proofValue"] = encode_base58btc(signature)
    result = verify({**unsecured, "proof": signed_proof}, now=NOW)
    assert result.status is Status.VALID, result.errors
    late = verify({**unsecured, "proof": signed_proof}, now=NOW + timedelta(days=2))
    assert late.status is Status.EXPIRED
