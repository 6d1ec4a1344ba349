"""Whatever a forger or a broken wallet sends, the verifier answers (never raises) and never
says VALID for a changed credential."""

from __future__ import annotations

import copy
import itertools
from datetime import UTC, datetime
from typing import Any

from vckit import did, proof
from vckit.verify import Status, verify, verify_presentation

NOW = datetime(2026, 12, 1, tzinfo=UTC)
KEY = did.issuer_key(b"\x03" * 32)
BASE = proof.sign(
    {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "type": ["VerifiableCredential"],
        "issuer": KEY.controller,
        "credentialSubject": {"id": "did:example:a"},
        "credentialStatus": {
            "type": "BitstringStatusListEntry",
            "statusPurpose": "revocation",
            "statusListIndex": "1",
            "statusListCredential": "https://x.example/1",
        },
    },
    KEY,
    NOW,
)
ODD: list[Any] = [None, 1, True, "x", [], {}, [1], [None], {"id": 5}, ["a", 2], 1.5, {"type": 5}]


def test_odd_top_level_values_are_never_valid() -> None:
    fields = ["@context", "type", "issuer", "credentialSubject", "credentialStatus", "proof"]
    fields += ["validFrom", "validUntil", "id", "issuanceDate"]
    for name, value in itertools.product(fields, ODD):
        changed = copy.deepcopy(BASE)
        changed[name] = value
        for fetch in (None, lambda url, served=changed: served, lambda url: 5):
            result = verify(changed, now=NOW, fetch_status_list=fetch)  # type: ignore[arg-type]
            assert result.status is not Status.VALID, (name, value)


def test_odd_status_entries_and_proofs_are_answered() -> None:
    for name, value in itertools.product(
        ["type", "statusPurpose", "statusListIndex", "statusListCredential", "statusSize"], ODD
    ):
        changed = copy.deepcopy(BASE)
        changed["credentialStatus"][name] = value
        result = verify(changed, now=NOW, fetch_status_list=lambda url: {"x": 1})
        assert result.status is not Status.VALID, (name, value)
    for name, value in itertools.product(
        ["type", "verificationMethod", "proofPurpose", "proofValue", "created", "cryptosuite"],
        ODD,
    ):
        changed = copy.deepcopy(BASE)
        changed["proof"][0][name] = value
        assert not verify(changed, now=NOW).signature_verified, (name, value)


def test_odd_presentations_are_answered() -> None:
    for name, value in itertools.product(
        ["@context", "type", "holder", "verifiableCredential", "proof"], ODD
    ):
        presentation = {
            "@context": ["https://www.w3.org/ns/credentials/v2"],
            "type": ["VerifiablePresentation"],
            "verifiableCredential": [BASE],
            name: value,
        }
        assert not verify_presentation(presentation, now=NOW).verified, (name, value)
