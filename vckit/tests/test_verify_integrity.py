"""Keeping the signed parts of a verification: ``check_integrity`` then ``verify(integrity=)``
gives exactly what a full verification gives, and the clock and the status stay fresh."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from vckit import did, proof
from vckit.tests import samples
from vckit.tests.conftest import StatusLists
from vckit.verify import Status, check_integrity, verify

NOW = samples.VALID_FROM + timedelta(days=30)


def test_a_kept_integrity_gives_the_same_result_as_a_full_verification(
    signed_credential: dict[str, Any], resolver: did.Resolver, status_lists: StatusLists
) -> None:
    kept = check_integrity(signed_credential, resolve_did=resolver, now=NOW)
    full = verify(
        signed_credential, resolve_did=resolver, fetch_status_list=status_lists.fetch, now=NOW
    )
    again = verify(
        signed_credential,
        resolve_did=resolver,
        fetch_status_list=status_lists.fetch,
        now=NOW,
        integrity=kept,
    )
    assert kept.timeless
    assert again == full
    assert again.status is Status.VALID


def test_the_status_and_the_dates_are_checked_again_with_a_kept_integrity(
    resolver: did.Resolver, status_lists: StatusLists
) -> None:
    key = samples.key_from_label("current")
    expiring = dict(samples.credential(), validUntil="2026-12-31T00:00:00Z")
    signed = proof.sign(expiring, key, samples.VALID_FROM)
    kept = check_integrity(signed, resolve_did=resolver, now=NOW)
    late = NOW + timedelta(days=60)
    assert (
        verify(
            signed,
            resolve_did=resolver,
            fetch_status_list=status_lists.fetch,
            now=late,
            integrity=kept,
        ).status
        is Status.EXPIRED
    )
    status_lists.revoke(0)
    assert (
        verify(
            signed,
            resolve_did=resolver,
            fetch_status_list=status_lists.fetch,
            now=NOW,
            integrity=kept,
        ).status
        is Status.REVOKED
    )


def test_a_forgery_keeps_its_errors_and_never_has_its_status_list_fetched(
    signed_credential: dict[str, Any], resolver: did.Resolver
) -> None:
    tampered = json.loads(json.dumps(signed_credential))
    tampered["credentialSubject"]["result"][0]["value"] = "100"
    kept = check_integrity(tampered, resolve_did=resolver, now=NOW)
    fetched: list[str] = []

    def fetch(url: str) -> dict[str, Any]:
        fetched.append(url)
        raise AssertionError("a forger's URL was fetched")

    result = verify(
        tampered, resolve_did=resolver, fetch_status_list=fetch, now=NOW, integrity=kept
    )
    assert result.status is Status.FORGED
    assert not result.signature_verified
    assert fetched == []


def test_a_proof_that_expires_is_not_timeless(resolver: did.Resolver) -> None:
    key = samples.key_from_label("current")
    signed = proof.sign(samples.credential(), key, samples.VALID_FROM)
    proofs = signed["proof"] if isinstance(signed["proof"], list) else [signed["proof"]]
    signed["proof"] = [{**proofs[0], "expires": "2027-01-01T00:00:00Z"}]
    assert not check_integrity(signed, resolve_did=resolver, now=NOW).timeless
