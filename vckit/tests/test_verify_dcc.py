"""Real credentials of the Digital Credentials Consortium (vectors/dcc, signed by their issuer
stack): VC 1.1 and 2.0, Ed25519Signature2020 and eddsa-rdfc-2022, proof sets mixing both,
did:key and did:web. The verdict must be the one a careful employer needs."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

import pytest

from vckit import did
from vckit.tests.conftest import VECTORS
from vckit.verify import Status, verify

NOW = datetime(2026, 12, 1, tzinfo=UTC)
DCC = VECTORS / "dcc"
FIXTURES = "https://digitalcredentials.github.io/vc-test-fixtures/"
STATUS = {
    f"{FIXTURES}statusLists/didkey-ed25519Signature2020/{name}": name
    for name in ("e5WK8CbZ1GjycuPombrj", "tampered", "expired")
}


def _fetch(url: str) -> Mapping[str, Any]:
    """What a web server would answer for the DCC fixture URLs; anything else is unreachable."""
    if url in STATUS:
        path = DCC / "statusLists" / STATUS[url]
    elif url.startswith(f"{FIXTURES}dids/") and url.endswith("/did.json"):
        path = DCC / url.removeprefix(FIXTURES)
    else:
        raise LookupError(f"{url} is not reachable in this test")
    loaded: Mapping[str, Any] = json.loads(path.read_text())
    return loaded


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("v1_ed25519_didKey_legacy-noStatus-noExpiry-stringIssuerId", Status.VALID),
        ("v1_bothSignatureTypes_didKey_legacy-noStatus-noExpiry", Status.VALID),
        ("v1_dataIntegrityProof_didWeb_legacy-noStatus-noExpiry", Status.VALID),
        ("v1_ed25519_didWeb_legacy-noStatus-noExpiry", Status.VALID),
        ("v2_bothSignatureTypes_didkey_legacy-noStatus-notExpired-endorsement", Status.VALID),
        ("v2_ed25519_didWeb_oidf-noStatus-notExpired", Status.VALID),
        ("v1_ed25519_didKey_legacy-noStatus-expired", Status.EXPIRED),
        ("v2_dataIntegrityProof_didKey_oidf-noStatus-notExpired-notYetValid", Status.NOT_YET_VALID),
        ("v2_ed25519_didKey_legacy-noStatus-noExpiry-tampered", Status.FORGED),
        # A status list that was changed, or has expired, cannot answer.
        ("v2_ed25519_didKey_legacy-tamperedStatus-noExpiry", Status.COULD_NOT_CHECK),
        ("v2_ed25519_didKey_legacy-expiredStatus-noExpiry", Status.COULD_NOT_CHECK),
        # DCC's test list is signed by another DID than this credential's issuer: we do not
        # let a third party decide whether someone else's credential is revoked.
        ("v2_ed25519_didKey_noRegistry-revokedStatus-notExpired", Status.COULD_NOT_CHECK),
    ],
)
def test_dcc_credentials_get_the_right_verdict(name: str, expected: Status) -> None:
    credential = json.loads((DCC / f"{name}.json").read_text())
    result = verify(
        credential, resolve_did=did.Resolver(fetch=_fetch), fetch_status_list=_fetch, now=NOW
    )
    assert result.status is expected, result.errors
    if expected is Status.FORGED:
        assert result.signer is None
    else:
        assert result.signature_verified
        issuer = credential["issuer"]
        assert result.signer == (issuer["id"] if isinstance(issuer, dict) else issuer)


def test_a_did_web_that_cannot_be_fetched_could_not_be_checked() -> None:
    credential = json.loads((DCC / "v2_ed25519_didWeb_oidf-noStatus-notExpired.json").read_text())
    offline = verify(credential, resolve_did=did.Resolver(fetch={}.__getitem__), now=NOW)
    assert offline.status is Status.COULD_NOT_CHECK
    assert offline.signer is None
