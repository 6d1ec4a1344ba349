"""VC 2.0 data model checks a verifier must make (W3C vc-data-model-2.0-test-suite): each
malformed credential below is signed, so only the shape check can catch it."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from vckit import did, proof
from vckit.verify import Status, verify

NOW = datetime(2026, 12, 1, tzinfo=UTC)
KEY = did.issuer_key(b"\x03" * 32)
VC_V2 = "https://www.w3.org/ns/credentials/v2"
EXAMPLES = "https://www.w3.org/ns/credentials/examples/v2"


def _credential(**changes: Any) -> dict[str, Any]:
    credential: dict[str, Any] = {
        "@context": [VC_V2, EXAMPLES],
        "id": "urn:uuid:8b7f42e1-2bb5-4a5c-9d1b-1d2c3e4f5a6b",
        "type": ["VerifiableCredential", "ExampleDegreeCredential"],
        "issuer": KEY.controller,
        "credentialSubject": {"id": "did:example:alice", "name": "Alice"},
    }
    for name, value in changes.items():
        if value is None:
            credential.pop(name, None)
        else:
            credential[name] = value
    return credential


def _verify(**changes: Any) -> Any:
    signed = proof.sign(_credential(**changes), KEY, datetime(2026, 11, 1, tzinfo=UTC))
    return verify(signed, now=NOW)


def test_valid_from_is_optional_in_vc_2_0() -> None:
    result = _verify()
    assert result.status is Status.VALID, result.errors
    assert result.signer == KEY.controller


def test_validity_period_boundaries() -> None:
    assert _verify(validFrom="2026-01-01T00:00:00.123Z").verified
    assert _verify(validFrom="2026-01-01T00:00:00+02:00").verified
    assert _verify(validUntil="2027-01-01T00:00:00Z").verified
    assert _verify(validFrom="2030-01-01T00:00:00Z").status is Status.NOT_YET_VALID
    assert _verify(validUntil="2026-11-30T00:00:00Z").status is Status.EXPIRED


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"validFrom": "2026-01-01"}, "VALIDITY_DATE_INVALID"),
        ({"validUntil": "not a date"}, "VALIDITY_DATE_INVALID"),
        (
            {"validFrom": "2027-01-01T00:00:00Z", "validUntil": "2025-01-01T00:00:00Z"},
            "VALIDITY_DATE_INVALID",
        ),
        ({"type": ["ExampleDegreeCredential"]}, "TYPE_INVALID"),
        ({"credentialSubject": None}, "SUBJECT_INVALID"),
        ({"credentialSubject": []}, "SUBJECT_INVALID"),
        ({"@context": [EXAMPLES, VC_V2]}, "CONTEXT_INVALID"),
        ({"credentialStatus": {"id": "https://example.com/status/1"}}, "STATUS_ENTRY_INVALID"),
    ],
)
def test_malformed_credentials_are_forged(changes: dict[str, Any], code: str) -> None:
    result = _verify(**changes)
    assert code in [problem.code for problem in result.errors]
    assert result.status is Status.FORGED


def test_an_issuer_that_is_not_a_url_is_refused() -> None:
    credential = _credential(issuer={"id": KEY.controller, "name": "Example"})
    signed = proof.sign(credential, KEY, datetime(2026, 11, 1, tzinfo=UTC))
    assert verify(signed, now=NOW).verified
    # Signing refuses relative IRIs, so these are changed after signing (a forger's edit).
    bad_id = verify({**signed, "id": "not a url"}, now=NOW)
    assert "ID_INVALID" in [problem.code for problem in bad_id.errors]
    for issuer in ("not a url", {"name": "no id"}):
        changed = {**signed, "issuer": issuer}
        result = verify(changed, now=NOW)
        assert result.status is Status.FORGED
        assert result.signer is None


def test_vc_1_1_credentials_may_also_carry_valid_from_and_valid_until() -> None:
    base = {
        "@context": [
            "https://www.w3.org/2018/credentials/v1",
            "https://w3id.org/security/data-integrity/v2",
        ],
        "type": ["VerifiableCredential"],
        "issuer": KEY.controller,
        "issuanceDate": "2026-01-01T00:00:00",  # VC 1.1 allowed no offset: read as UTC
        "credentialSubject": {"id": "did:example:alice"},
    }
    created = datetime(2026, 11, 1, tzinfo=UTC)
    signed = proof.sign(base, KEY, created)
    ok = verify(signed, now=NOW)
    assert ok.status is Status.VALID, ok.errors
    assert ok.checks == ("proof", "issuer", "issuanceDate")
    ended = proof.sign({**base, "validUntil": "2026-06-01T00:00:00Z"}, KEY, created)
    assert verify(ended, now=NOW).status is Status.EXPIRED
