"""did:key, did:web documents and controller checks."""

from __future__ import annotations

import base64
import json

import pytest

from vckit import did
from vckit.multibase import b58decode, b58encode, ed25519_public_multikey
from vckit.tests import samples
from vckit.tests.conftest import vector_json


def test_did_key_matches_the_w3c_vector_verification_method() -> None:
    pair = vector_json("vc-di-eddsa/keyPair.json")
    expected = vector_json("vc-di-eddsa/signedDataInt.json")["proof"]["verificationMethod"]
    assert did.did_key_verification_method(pair["publicKeyMultibase"]) == expected


def test_multikey_encoding_has_the_ed25519_header() -> None:
    public = bytes(range(32))
    multikey = ed25519_public_multikey(public)
    assert multikey.startswith("z6Mk")
    assert b58decode(multikey[1:]) == b"\xed\x01" + public
    assert b58decode(b58encode(b"\0\0abc")) == b"\0\0abc"


def test_did_web_urls() -> None:
    assert did.did_web("microcred.example") == "did:web:microcred.example"
    assert (
        did.did_web_url("did:web:microcred.example")
        == "https://microcred.example/.well-known/did.json"
    )
    assert did.did_web("localhost:8000", "issuers", "1") == "did:web:localhost%3A8000:issuers:1"
    assert (
        did.did_web_url("did:web:localhost%3A8000:issuers:1")
        == "https://localhost:8000/issuers/1/did.json"
    )


def test_did_document_lists_keys_as_multikey_assertion_methods() -> None:
    old, new = samples.key_from_label("old"), samples.key_from_label("new")
    document = did.did_document(samples.ISSUER_DID, [old, new])
    assert document["id"] == samples.ISSUER_DID
    assert [m["type"] for m in document["verificationMethod"]] == ["Multikey", "Multikey"]
    assert document["assertionMethod"] == [old.verification_method, new.verification_method]
    assert (
        did.assertion_key(document, samples.ISSUER_DID, old.verification_method)
        == old.public_key_bytes
    )


def test_a_key_of_another_did_is_refused() -> None:
    other = samples.key_from_label("x", controller="did:web:other.example")
    with pytest.raises(ValueError, match="is not a key of"):
        did.did_document(samples.ISSUER_DID, [other])


def test_a_key_not_listed_for_assertions_is_not_authorized() -> None:
    key = samples.key_from_label("k")
    document = did.did_document(samples.ISSUER_DID, [key])
    document["assertionMethod"] = []
    with pytest.raises(did.DidResolutionError) as error:
        did.assertion_key(document, samples.ISSUER_DID, key.verification_method)
    assert error.value.code == "KEY_NOT_AUTHORIZED"


def test_a_document_for_another_did_is_refused() -> None:
    key = samples.key_from_label("k")
    document = did.did_document(samples.ISSUER_DID, [key])
    with pytest.raises(did.DidResolutionError) as error:
        did.assertion_key(document, "did:web:evil.example", key.verification_method)
    assert error.value.code == "DID_DOCUMENT_MISMATCH"


def test_relative_method_ids_are_resolved_against_the_did() -> None:
    key = samples.key_from_label("k")
    document = did.did_document(samples.ISSUER_DID, [key])
    fragment = "#" + key.verification_method.split("#")[1]
    document["verificationMethod"][0]["id"] = fragment
    document["assertionMethod"] = [fragment]
    assert (
        did.assertion_key(document, samples.ISSUER_DID, key.verification_method)
        == key.public_key_bytes
    )


def test_resolver_uses_the_injected_fetch_for_did_web_and_nothing_else() -> None:
    key = samples.key_from_label("k")
    fetched: list[str] = []

    def fetch(url: str) -> dict[str, object]:
        fetched.append(url)
        return did.did_document(samples.ISSUER_DID, [key])

    resolver = did.Resolver(fetch=fetch)
    assert resolver(samples.ISSUER_DID)["id"] == samples.ISSUER_DID
    assert fetched == ["https://microcred.example/.well-known/did.json"]
    did_key = did.generate_issuer_key()
    assert resolver(did_key.controller)["id"] == did_key.controller
    with pytest.raises(did.DidResolutionError):
        did.Resolver()(samples.ISSUER_DID)


def test_did_jwk_documents_and_the_key_types_other_issuers_publish() -> None:
    key = did.issuer_key(b"\x0c" * 32)
    x = base64.urlsafe_b64encode(key.public_key_bytes).decode().rstrip("=")
    jwk = {"kty": "OKP", "crv": "Ed25519", "x": x}
    encoded = base64.urlsafe_b64encode(json.dumps(jwk).encode()).decode().rstrip("=")
    did_jwk = f"did:jwk:{encoded}"
    document = did.Resolver()(did_jwk)
    assert document["id"] == did_jwk
    assert did.assertion_key(document, did_jwk, f"{did_jwk}#0") == key.public_key_bytes
    assert did.verification_key(document, did_jwk, f"{did_jwk}#0", "authentication")
    # An encryption-only key may not sign anything.
    encryption = {**jwk, "use": "enc"}
    enc_did = "did:jwk:" + base64.urlsafe_b64encode(json.dumps(encryption).encode()).decode()
    enc_did = enc_did.rstrip("=")
    with pytest.raises(did.DidResolutionError) as refused:
        did.assertion_key(did.Resolver()(enc_did), enc_did, f"{enc_did}#0")
    assert refused.value.code == "KEY_NOT_AUTHORIZED"
    legacy = {"id": "did:web:x.example#k", "publicKeyBase58": b58encode(key.public_key_bytes)}
    assert did.ed25519_key_of(legacy) == key.public_key_bytes
    with pytest.raises(did.DidResolutionError) as unsupported:
        did.ed25519_key_of({"id": "k", "publicKeyJwk": {"kty": "EC", "crv": "P-256"}})
    assert unsupported.value.code == "KEY_UNSUPPORTED"
    with pytest.raises(did.DidResolutionError) as unknown_method:
        did.Resolver()("did:ion:abc")
    assert unknown_method.value.code == "DID_METHOD_UNSUPPORTED"
