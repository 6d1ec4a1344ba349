"""eddsa-rdfc-2022 proofs: W3C vector byte for byte, the 1EdTech vector, tamper resistance."""

from __future__ import annotations

import copy
from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vckit import did, proof
from vckit.model import IssuerKey
from vckit.multibase import ed25519_public_from_multikey, ed25519_secret_from_multikey
from vckit.tests.conftest import vector_json, vector_text

W3C_CREATED = datetime(2023, 2, 24, 23, 36, 38, tzinfo=UTC)


def _w3c_key() -> IssuerKey:
    pair = vector_json("vc-di-eddsa/keyPair.json")
    key = did.issuer_key(ed25519_secret_from_multikey(pair["privateKeyMultibase"]))
    assert key.public_key_multibase == pair["publicKeyMultibase"]
    return key


def test_signing_the_w3c_vector_reproduces_its_proof_exactly() -> None:
    signed = proof.sign(vector_json("vc-di-eddsa/unsigned.json"), _w3c_key(), W3C_CREATED)
    expected = vector_json("vc-di-eddsa/signedDataInt.json")
    assert signed["proof"] == [expected["proof"]]
    assert (
        signed["proof"][0]["proofValue"] == vector_text("vc-di-eddsa/sigBTC58DataInt.txt").strip()
    )


def test_hash_data_is_proof_hash_then_document_hash() -> None:
    unsigned = vector_json("vc-di-eddsa/unsigned.json")
    config = vector_json("vc-di-eddsa/proofConfigDataInt.json")
    combined = proof._hash_data(unsigned, config)
    assert combined.hex() == vector_text("vc-di-eddsa/combinedHashDataInt.txt").strip()
    signature = _w3c_key().signing_key.sign(combined)
    assert signature.hex() == vector_text("vc-di-eddsa/sigHexDataInt.txt").strip()


def test_the_w3c_signed_vector_verifies() -> None:
    signed = vector_json("vc-di-eddsa/signedDataInt.json")
    assert proof.verify_proof(signed, lambda method: _w3c_key().public_key_bytes)


def test_the_1edtech_ob3_vector_verifies() -> None:
    signed = vector_json("ob3-1edtech/signed-credential.json")
    key = vector_json("ob3-1edtech/controller-document.json")["verificationMethod"][0]
    public = ed25519_public_from_multikey(key["publicKeyMultibase"])
    assert proof.verify_proof(signed, lambda method: public)


def test_round_trip_and_proof_shape(signed_credential: dict[str, Any], public_key_of: Any) -> None:
    (attached,) = signed_credential["proof"]
    assert attached["type"] == "DataIntegrityProof"
    assert attached["cryptosuite"] == "eddsa-rdfc-2022"
    assert attached["proofPurpose"] == "assertionMethod"
    assert attached["proofValue"].startswith("z")
    assert "@context" not in attached
    assert proof.verify_proof(signed_credential, public_key_of)


def test_a_credential_with_a_proof_is_not_signed_again(
    signed_credential: dict[str, Any], issuer_key: IssuerKey
) -> None:
    with pytest.raises(proof.ProofError, match="already"):
        proof.sign(signed_credential, issuer_key, W3C_CREATED)


def test_another_key_does_not_verify(signed_credential: dict[str, Any]) -> None:
    other = did.generate_issuer_key()
    assert not proof.verify_proof(signed_credential, lambda method: other.public_key_bytes)


def _leaf_paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    # The embedded @context is not data: removing an unused term definition or "@protected"
    # signs the same RDF, so it is tested separately (changing a used term's IRI must fail).
    if isinstance(value, dict):
        return [
            p
            for key, item in value.items()
            if key != "@context"
            for p in _leaf_paths(item, (*path, key))
        ]
    if isinstance(value, list):
        return [p for index, item in enumerate(value) for p in _leaf_paths(item, (*path, index))]
    return [path]


def _field_paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    paths = [path] if path else []
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "@context":
                continue  # see _leaf_paths
            paths += _field_paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            paths += _field_paths(item, (*path, index))
    return paths


def _parent(document: Any, path: tuple[Any, ...]) -> Any:
    for step in path[:-1]:
        document = document[step]
    return document


def _changed(value: Any) -> Any:
    if isinstance(value, bool):
        return not value
    if isinstance(value, int | float):
        return value + 1
    return value + "x" if value else "x"


def test_changing_an_embedded_term_definition_breaks_verification(
    signed_credential: dict[str, Any], public_key_of: Any
) -> None:
    tampered = copy.deepcopy(signed_credential)
    tampered["@context"][2]["notionalWorkload"]["@id"] = "https://example.org/otherMeaning"
    assert not proof.verify_proof(tampered, public_key_of)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_changing_any_leaf_value_breaks_verification(
    signed_credential: dict[str, Any], public_key_of: Any, data: st.DataObject
) -> None:
    tampered = copy.deepcopy(signed_credential)
    path = data.draw(st.sampled_from(_leaf_paths(tampered)))
    parent = _parent(tampered, path)
    parent[path[-1]] = _changed(parent[path[-1]])
    assert not proof.verify_proof(tampered, public_key_of)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_dropping_any_field_breaks_verification(
    signed_credential: dict[str, Any], public_key_of: Any, data: st.DataObject
) -> None:
    tampered = copy.deepcopy(signed_credential)
    paths = [p for p in _field_paths(tampered) if isinstance(_parent(tampered, p), dict)]
    path = data.draw(st.sampled_from(paths))
    del _parent(tampered, path)[path[-1]]
    assert not proof.verify_proof(tampered, public_key_of)
