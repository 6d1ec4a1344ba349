"""vckit's presentations and proof sets, checked by the Digital Bazaar reference libraries
(interop/vc11-fixtures/verify.mjs; needs ``npm ci --prefix interop/vc11-fixtures``).

Skipped only when Node.js is not installed; fails and says so when the packages are missing.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from vckit import did, proof

JS_DIR = Path(__file__).resolve().parents[2] / "interop" / "vc11-fixtures"
CREATED = datetime(2026, 11, 30, tzinfo=UTC)
HOLDER = did.issuer_key(b"\x0b" * 32)
VC_V2 = "https://www.w3.org/ns/credentials/v2"

pytestmark = pytest.mark.skipif(
    shutil.which("node") is None, reason="Node.js is not installed: JS interop not tested"
)


def _js_verify(payload: dict[str, Any]) -> dict[str, Any]:
    if not (JS_DIR / "node_modules").is_dir():
        pytest.fail("Run `npm ci --prefix interop/vc11-fixtures` first (JS reference stack).")
    result = subprocess.run(
        ["node", str(JS_DIR / "verify.mjs")],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    output: dict[str, Any] = json.loads(result.stdout)
    return output


def _credential() -> dict[str, Any]:
    unsigned = {
        "@context": [VC_V2],
        "type": ["VerifiableCredential"],
        "issuer": HOLDER.controller,
        "credentialSubject": {"id": "did:example:subject"},
    }
    return proof.sign(unsigned, HOLDER, CREATED)


def test_the_js_reference_verifies_a_presentation_signed_by_vckit() -> None:
    presentation = proof.add_proof(
        {
            "@context": [VC_V2],
            "type": ["VerifiablePresentation"],
            "holder": HOLDER.controller,
            "verifiableCredential": [_credential()],
        },
        HOLDER,
        CREATED,
        proof_purpose=proof.AUTHENTICATION,
        challenge="c-1",
        domain="verifier.example",
    )
    results = _js_verify(
        {
            "presentations": [
                {"presentation": presentation, "challenge": "c-1", "domain": "verifier.example"},
                {"presentation": presentation, "challenge": "c-2", "domain": "verifier.example"},
            ]
        }
    )["presentations"]
    assert results[0] == {"verified": True, "error": None}
    assert results[1]["verified"] is False


def test_each_proof_of_a_vckit_proof_set_verifies_on_its_own_in_js() -> None:
    # Two independent proofs by the issuer (as the W3C suite's proofSet case); the JS
    # verifier wants every credential proof to come from the issuer.
    later = CREATED.replace(hour=12)
    both = proof.add_proof(_credential(), HOLDER, later)
    alone = [{**both, "proof": [single]} for single in both["proof"]]
    results = _js_verify({"credentials": alone})["credentials"]
    assert results == [{"verified": True, "error": None}] * 2
