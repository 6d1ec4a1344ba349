"""Credentials other issuers hand our learners' employers: VC 1.1, Ed25519Signature2020,
StatusList2021, did:jwk, Bitstring lists with revocation and suspension, unsupported kinds.

Fixtures in vectors/independent were signed by the Digital Bazaar libraries
(interop/vc11-fixtures/make-fixtures.mjs), not by vckit.
"""

from __future__ import annotations

import base64
import copy
import json
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from vckit import did, proof, status_list
from vckit.tests.conftest import VECTORS
from vckit.verify import Revocation, Status, verify

NOW = datetime(2026, 12, 1, tzinfo=UTC)
REVOCATION_URL = "https://issuer.example/status/revocation"
SUSPENSION_URL = "https://issuer.example/status/suspension"


def _fixture(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((VECTORS / "independent" / f"{name}.json").read_text())
    return loaded


def _lists(revoked: bool = False, suspended: bool = False) -> dict[str, Mapping[str, Any]]:
    return {
        REVOCATION_URL: _fixture(f"status-revocation-{'set' if revoked else 'clear'}"),
        SUSPENSION_URL: _fixture(f"status-suspension-{'set' if suspended else 'clear'}"),
    }


def _codes(result: Any) -> list[str]:
    return [problem.code for problem in result.errors]


def test_a_vc11_ed25519signature2020_credential_with_two_status_lists_verifies() -> None:
    credential = _fixture("vc11-ed25519-2020-status2021")
    result = verify(credential, fetch_status_list=_lists().__getitem__, now=NOW)
    assert result.status is Status.VALID, result.errors
    assert result.checks == ("proof", "issuer", "issuanceDate", "expirationDate", "status")
    assert result.signer == credential["issuer"]["id"]
    assert result.revocation is Revocation.NOT_REVOKED


def test_statuslist2021_suspension_and_revocation_are_reported() -> None:
    credential = _fixture("vc11-ed25519-2020-status2021")
    suspended = verify(credential, fetch_status_list=_lists(suspended=True).__getitem__, now=NOW)
    assert suspended.status is Status.SUSPENDED
    assert _codes(suspended) == ["SUSPENDED"]
    both = _lists(revoked=True, suspended=True)
    revoked = verify(credential, fetch_status_list=both.__getitem__, now=NOW)
    assert revoked.status is Status.REVOKED
    assert revoked.revocation is Revocation.REVOKED


def test_one_unreachable_list_of_two_means_could_not_check() -> None:
    credential = _fixture("vc11-ed25519-2020-status2021")
    only_revocation = {REVOCATION_URL: _fixture("status-revocation-clear")}
    result = verify(credential, fetch_status_list=only_revocation.__getitem__, now=NOW)
    assert result.status is Status.COULD_NOT_CHECK
    assert result.revocation is Revocation.UNKNOWN
    # A list for the other purpose is no answer either.
    swapped = {REVOCATION_URL: _fixture("status-suspension-clear"), **only_revocation}
    swapped[SUSPENSION_URL] = _fixture("status-revocation-clear")
    result = verify(credential, fetch_status_list=swapped.__getitem__, now=NOW)
    assert result.status is Status.COULD_NOT_CHECK


def test_vc11_dates_expired_and_not_yet_valid() -> None:
    expired = verify(_fixture("vc11-ed25519-2020-expired"), now=NOW)
    assert expired.status is Status.EXPIRED
    assert expired.signature_verified
    early = verify(_fixture("vc11-ed25519-2020-expired"), now=datetime(2018, 1, 1, tzinfo=UTC))
    assert early.status is Status.NOT_YET_VALID


def test_a_tampered_vc11_credential_is_forged() -> None:
    credential = _fixture("vc11-ed25519-2020-status2021")
    credential["credentialSubject"]["name"] = "Someone Else"
    result = verify(credential, fetch_status_list=_lists().__getitem__, now=NOW)
    assert result.status is Status.FORGED
    assert "SIGNATURE_INVALID" in _codes(result)
    assert result.signer is None


def test_a_vc11_credential_needs_an_issuance_date() -> None:
    credential = _fixture("vc11-ed25519-2020-expired")
    del credential["issuanceDate"]
    assert "VALIDITY_DATE_INVALID" in _codes(verify(credential, now=NOW))


def test_a_did_jwk_issuer_verifies_and_other_jwk_keys_could_not_be_checked() -> None:
    credential = _fixture("vc20-did-jwk")
    result = verify(credential, now=NOW)
    assert result.status is Status.VALID, result.errors
    assert result.signer == credential["issuer"]
    p256 = {"kty": "EC", "crv": "P-256", "x": "AAAA", "y": "AAAA"}
    other = "did:jwk:" + base64.urlsafe_b64encode(json.dumps(p256).encode()).decode().rstrip("=")
    changed = copy.deepcopy(credential)
    changed["issuer"] = other
    changed["proof"]["verificationMethod"] = other + "#0"
    result = verify(changed, now=NOW)
    assert result.status is Status.COULD_NOT_CHECK
    assert _codes(result) == ["KEY_UNSUPPORTED"]


def test_unsupported_did_methods_and_did_key_types_could_not_be_checked() -> None:
    credential = _fixture("vc20-did-jwk")
    for issuer in (
        "did:ion:EiClkZMDxPKqC9c-umQfTkR8vvZ9JPhl_xLDI9Nfk38w5w",
        "did:key:zDnaerDaTF5BXEavCrfRZEk316dpbLsfPDZ3WJ5hRTPFU2169",  # P-256
    ):
        changed = copy.deepcopy(credential)
        changed["issuer"] = issuer
        changed["proof"]["verificationMethod"] = issuer + "#key-1"
        result = verify(changed, now=NOW)
        assert result.status is Status.COULD_NOT_CHECK, (issuer, result.errors)
        assert "Cannot check this kind of credential" in result.errors[0].message


def test_an_unsupported_status_type_could_not_be_checked() -> None:
    key = did.issuer_key(b"\x05" * 32)
    credential = {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "type": ["VerifiableCredential"],
        "issuer": key.controller,
        "credentialSubject": {"id": "did:example:alice"},
        "credentialStatus": {"type": "RevocationList2020Status", "id": "https://x.example/1"},
    }
    vocab = {"@vocab": "https://www.w3.org/ns/credentials/examples#"}
    credential["@context"] = [*credential["@context"], vocab]
    signed = proof.sign(credential, key, NOW - timedelta(days=1))
    result = verify(signed, now=NOW)
    assert result.status is Status.COULD_NOT_CHECK
    assert _codes(result) == ["STATUS_UNSUPPORTED"]


def test_bitstring_suspension_multi_bit_status_and_several_entries() -> None:
    key = did.issuer_key(b"\x06" * 32)
    lists: dict[str, Mapping[str, Any]] = {}

    def publish(url: str, purpose: str, set_bits: list[int]) -> None:
        bits = status_list.new_bitstring()
        for index in set_bits:
            status_list.set_bit(bits, index)
        unsigned = status_list.build_credential(
            list_url=url,
            issuer=key.controller,
            bitstring=bits,
            valid_from=NOW - timedelta(days=2),
            purpose=purpose,
        )
        lists[url] = proof.sign(unsigned, key, NOW - timedelta(days=2))

    def entry(url: str, purpose: str, index: int, **extra: Any) -> dict[str, Any]:
        return {
            "id": f"{url}#{index}",
            "type": "BitstringStatusListEntry",
            "statusPurpose": purpose,
            "statusListIndex": str(index),
            "statusListCredential": url,
            **extra,
        }

    publish("https://i.example/r", "revocation", [])
    publish("https://i.example/s", "suspension", [8])
    publish("https://i.example/m", "message", [2 * 5 + 1])  # statusSize 2, index 5 -> 0x1
    messages = [
        {"status": "0x0", "message": "pending"},
        {"status": "0x1", "message": "accepted"},
        {"status": "0x2", "message": "rejected"},
        {"status": "0x3", "message": "undefined"},
    ]
    credential = {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "type": ["VerifiableCredential"],
        "issuer": key.controller,
        "credentialSubject": {"id": "did:example:alice"},
        "credentialStatus": [
            entry("https://i.example/r", "revocation", 8),
            entry("https://i.example/s", "suspension", 9),
            entry("https://i.example/m", "message", 5, statusSize=2, statusMessage=messages),
        ],
    }
    signed = proof.sign(credential, key, NOW - timedelta(days=1))
    result = verify(signed, fetch_status_list=lists.__getitem__, now=NOW)
    assert result.status is Status.VALID, result.errors
    assert [w.message for w in result.warnings] == ["The issuer set the 'message' status: accepted"]
    credential["credentialStatus"][1] = entry("https://i.example/s", "suspension", 8)
    suspended = verify(
        proof.sign(credential, key, NOW - timedelta(days=1)),
        fetch_status_list=lists.__getitem__,
        now=NOW,
    )
    assert suspended.status is Status.SUSPENDED
    assert suspended.revocation is Revocation.NOT_REVOKED


def test_a_bitstring_list_may_serve_several_purposes() -> None:
    key = did.issuer_key(b"\x08" * 32)
    bits = status_list.new_bitstring()
    status_list.set_bit(bits, 2)
    unsigned = status_list.build_credential(
        list_url="https://i.example/both",
        issuer=key.controller,
        bitstring=bits,
        valid_from=NOW - timedelta(days=2),
    )
    unsigned["credentialSubject"]["statusPurpose"] = ["revocation", "suspension"]
    published = proof.sign(unsigned, key, NOW - timedelta(days=2))
    credential = {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "type": ["VerifiableCredential"],
        "issuer": key.controller,
        "credentialSubject": {"id": "did:example:alice"},
        "credentialStatus": {
            "type": "BitstringStatusListEntry",
            "statusPurpose": "suspension",
            "statusListIndex": "2",
            "statusListCredential": "https://i.example/both",
        },
    }
    signed = proof.sign(credential, key, NOW - timedelta(days=1))
    result = verify(signed, fetch_status_list=lambda url: published, now=NOW)
    assert result.status is Status.SUSPENDED
    assert "status" not in result.checks


def test_did_web_documents_with_older_key_types_resolve_through_fetch() -> None:
    key = did.issuer_key(b"\x0d" * 32, controller="did:web:issuer.example")
    x = base64.urlsafe_b64encode(key.public_key_bytes).decode().rstrip("=")
    method = {"id": key.verification_method, "controller": "did:web:issuer.example"}
    shapes = [
        {
            **method,
            "type": "Ed25519VerificationKey2020",
            "publicKeyMultibase": key.public_key_multibase,
        },
        {
            **method,
            "type": "JsonWebKey2020",
            "publicKeyJwk": {"kty": "OKP", "crv": "Ed25519", "x": x},
        },
    ]
    credential = {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "type": ["VerifiableCredential"],
        "issuer": "did:web:issuer.example",
        "credentialSubject": {"id": "did:example:alice"},
    }
    signed = proof.sign(credential, key, NOW - timedelta(days=1))
    for shape in shapes:
        document = {
            "@context": ["https://www.w3.org/ns/did/v1"],
            "id": "did:web:issuer.example",
            "verificationMethod": [shape],
            "assertionMethod": [key.verification_method],
        }
        served = {"https://issuer.example/.well-known/did.json": document}
        result = verify(signed, resolve_did=did.Resolver(fetch=served.__getitem__), now=NOW)
        assert result.status is Status.VALID, (shape["type"], result.errors)
        assert result.signer == "did:web:issuer.example"
    unreachable = verify(signed, resolve_did=did.Resolver(fetch={}.__getitem__), now=NOW)
    assert unreachable.status is Status.COULD_NOT_CHECK
