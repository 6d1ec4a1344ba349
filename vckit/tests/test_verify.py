"""Full verification: checks, warnings and errors with stable codes."""

from __future__ import annotations

import json
import time
from datetime import timedelta
from typing import Any

from vckit import did, proof, status_list
from vckit.tests import samples
from vckit.tests.conftest import StatusLists, vector_json
from vckit.verify import Revocation, Status, verify

NOW = samples.VALID_FROM + timedelta(days=30)


def _codes(problems: Any) -> list[str]:
    return [problem.code for problem in problems]


def test_a_good_credential_passes_every_check(
    signed_credential: dict[str, Any], resolver: did.Resolver, status_lists: StatusLists
) -> None:
    result = verify(
        signed_credential, resolve_did=resolver, fetch_status_list=status_lists.fetch, now=NOW
    )
    assert result.verified, result.errors
    assert result.checks == ("proof", "issuer", "schema", "validFrom", "status")
    assert result.revocation is Revocation.NOT_REVOKED
    assert result.warnings == ()
    assert result.status is Status.VALID
    assert result.signer == samples.ISSUER_DID
    assert result.signature_verified
    assert result.as_dict()["status"] == "valid"
    assert result.as_dict()["signer"] == samples.ISSUER_DID


def test_json_text_is_accepted(
    signed_credential: dict[str, Any], resolver: did.Resolver, status_lists: StatusLists
) -> None:
    text = json.dumps(signed_credential)
    assert verify(
        text, resolve_did=resolver, fetch_status_list=status_lists.fetch, now=NOW
    ).verified
    assert _codes(verify("{", resolve_did=resolver, now=NOW).errors) == ["MALFORMED"]


def test_a_revoked_credential_is_reported_revoked(
    signed_credential: dict[str, Any], resolver: did.Resolver, status_lists: StatusLists
) -> None:
    status_lists.revoke(0)
    result = verify(
        signed_credential, resolve_did=resolver, fetch_status_list=status_lists.fetch, now=NOW
    )
    assert _codes(result.errors) == ["REVOKED"]
    assert result.revocation is Revocation.REVOKED
    assert result.status is Status.REVOKED
    assert result.signature_verified


def test_an_unreachable_status_list_means_could_not_check_never_not_revoked(
    signed_credential: dict[str, Any], resolver: did.Resolver
) -> None:
    def offline(url: str) -> dict[str, Any]:
        raise ConnectionError("network down")

    for fetch in (offline, None):
        result = verify(signed_credential, resolve_did=resolver, fetch_status_list=fetch, now=NOW)
        assert result.revocation is Revocation.UNKNOWN
        assert _codes(result.errors) == ["STATUS_NOT_CHECKED"]
        assert "status" not in result.checks
        assert result.status is Status.COULD_NOT_CHECK
        assert not result.verified
        assert result.signature_verified
        assert result.signer == samples.ISSUER_DID


def test_a_status_list_with_a_bad_signature_is_not_trusted(
    signed_credential: dict[str, Any], resolver: did.Resolver, status_lists: StatusLists
) -> None:
    def forged(url: str) -> dict[str, Any]:
        good = dict(status_lists.fetch(url))
        good["credentialSubject"] = {**good["credentialSubject"], "encodedList": "uH4sIforged"}
        return good

    result = verify(signed_credential, resolve_did=resolver, fetch_status_list=forged, now=NOW)
    assert result.revocation is Revocation.UNKNOWN
    assert _codes(result.errors) == ["STATUS_NOT_CHECKED"]
    assert result.status is Status.COULD_NOT_CHECK


def test_a_status_list_signed_by_someone_else_is_not_trusted(
    signed_credential: dict[str, Any], resolver: did.Resolver
) -> None:
    stranger = did.generate_issuer_key()
    lists = StatusLists(stranger)
    result = verify(signed_credential, resolve_did=resolver, fetch_status_list=lists.fetch, now=NOW)
    assert result.revocation is Revocation.UNKNOWN


def test_dates_are_enforced(signed_credential: dict[str, Any], resolver: did.Resolver) -> None:
    early = verify(signed_credential, resolve_did=resolver, now=samples.VALID_FROM - timedelta(1))
    assert "NOT_YET_VALID" in _codes(early.errors)
    key = samples.key_from_label("current")
    expiring = dict(samples.credential(), validUntil="2026-12-01T00:00:00Z")
    signed = proof.sign(expiring, key, samples.VALID_FROM)
    late = verify(signed, resolve_did=resolver, now=samples.VALID_FROM + timedelta(days=60))
    assert "EXPIRED" in _codes(late.errors)
    assert "validUntil" not in late.checks
    assert late.status is Status.COULD_NOT_CHECK  # no status list fetcher given
    assert early.status is Status.COULD_NOT_CHECK


def test_tampering_fails_the_signature(
    signed_credential: dict[str, Any], resolver: did.Resolver
) -> None:
    tampered = json.loads(json.dumps(signed_credential))
    tampered["credentialSubject"]["result"][0]["value"] = "100"
    result = verify(tampered, resolve_did=resolver, now=NOW)
    assert _codes(result.errors)[0] == "SIGNATURE_INVALID"
    assert result.status is Status.FORGED
    assert result.signer is None
    assert not result.signature_verified


def test_a_key_of_another_issuer_is_refused(resolver: did.Resolver) -> None:
    stranger = did.generate_issuer_key()
    signed = proof.sign(samples.credential(), stranger, samples.VALID_FROM)
    assert "ISSUER_KEY_MISMATCH" in _codes(verify(signed, resolve_did=resolver, now=NOW).errors)


def test_an_issuer_that_cannot_be_resolved_fails(signed_credential: dict[str, Any]) -> None:
    result = verify(signed_credential, now=NOW)
    assert "DID_NOT_RESOLVED" in _codes(result.errors)


def test_old_credentials_still_verify_after_key_rotation() -> None:
    old, new = samples.key_from_label("2025"), samples.key_from_label("2026")
    before = proof.sign(samples.credential(1), old, samples.VALID_FROM)
    after = proof.sign(samples.credential(2), new, samples.VALID_FROM)
    rotated = did.did_document(samples.ISSUER_DID, [old, new])
    resolver = did.Resolver(fetch=lambda url: rotated)
    for credential in (before, after):
        result = verify(credential, resolve_did=resolver, now=NOW)
        assert {"proof", "issuer"} <= set(result.checks)
        assert _codes(result.errors) == ["STATUS_NOT_CHECKED"]  # no status list fetcher
    # A compromised key is removed: what it signed stops verifying.
    revoked = did.Resolver(fetch=lambda url: did.did_document(samples.ISSUER_DID, [new]))
    assert "KEY_NOT_AUTHORIZED" in _codes(verify(before, resolve_did=revoked, now=NOW).errors)


def test_a_did_key_credential_from_elsewhere_verifies() -> None:
    key = did.generate_issuer_key()
    credential = samples.credential()
    credential["issuer"] = {**credential["issuer"], "id": key.controller}
    credential["credentialSubject"]["achievement"]["awardingBody"][0] = {"id": key.controller}
    signed = proof.sign(credential, key, samples.VALID_FROM)
    result = verify(signed, now=NOW)
    assert {"proof", "issuer", "schema"} <= set(result.checks)


def test_the_1edtech_vector_verifies_with_its_controller_document() -> None:
    controller = vector_json("ob3-1edtech/controller-document.json")
    resolver = did.Resolver(documents={controller["id"]: controller})
    result = verify(
        vector_json("ob3-1edtech/signed-credential.json"), resolve_did=resolver, now=NOW
    )
    # The vector's proof is an object, not the array the strict schema asks for: a warning,
    # not a forgery (1EdTech's own example is authentic).
    assert {"proof", "issuer", "validFrom"} <= set(result.checks)
    assert result.status is Status.VALID, result.errors
    assert _codes(result.warnings) == ["SCHEMA_INVALID"]
    assert "schema" not in result.checks
    assert result.signature_verified
    assert result.revocation is Revocation.NO_STATUS


def test_a_forged_credential_does_not_make_us_fetch_its_status_list(
    signed_credential: dict[str, Any], resolver: did.Resolver
) -> None:
    fetched: list[str] = []

    def fetch(url: str) -> dict[str, Any]:
        fetched.append(url)
        raise ConnectionError("not reached")

    tampered = json.loads(json.dumps(signed_credential))
    tampered["credentialStatus"]["statusListCredential"] = "https://tracker.example/you"
    result = verify(tampered, resolve_did=resolver, fetch_status_list=fetch, now=NOW)
    assert result.status is Status.FORGED
    assert fetched == []
    assert result.revocation is Revocation.UNKNOWN


def test_a_status_list_signed_while_we_verify_is_judged_when_it_arrives(
    signed_credential: dict[str, Any], resolver: did.Resolver, status_lists: StatusLists
) -> None:
    # Issuers that sign their list on request date it after our check began (the W3C status
    # list suite's issuer does): it is valid from the moment it arrives, not "not yet valid".
    def signed_on_request(url: str) -> dict[str, Any]:
        time.sleep(1.2)
        issued = NOW + timedelta(seconds=1)
        unsigned = status_list.build_credential(
            list_url=url, issuer=samples.ISSUER_DID, bitstring=status_lists.bits,
            valid_from=issued)
        return proof.sign(unsigned, status_lists.key, issued)

    result = verify(
        signed_credential, resolve_did=resolver, fetch_status_list=signed_on_request, now=NOW
    )
    assert result.status is Status.VALID, result.errors
