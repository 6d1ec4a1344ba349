"""Credentials issued by the platform verify in the JavaScript reference implementation
(@digitalbazaar/vc + eddsa-rdfc-2022 cryptosuite, offline with the bundled contexts)."""

import json
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from microcred.credentials import issuer
from microcred.credentials.services import issue_for_attempt

JS_DIR = Path(__file__).resolve().parents[3] / "interop" / "js"
pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(shutil.which("node") is None, reason="Node.js is not installed"),
]


def _js_verify(credentials: list[dict]) -> list[dict]:
    if not (JS_DIR / "node_modules").is_dir():
        pytest.fail("run `npm ci --prefix interop/js` (make test does it) for the JS reference")
    documents = [issuer.did_document(controller) for controller in issuer.published_dids()]
    payload = {"documents": documents, "credentials": credentials,
               "now": datetime.now(UTC).isoformat().replace("+00:00", "Z")}
    result = subprocess.run(["node", str(JS_DIR / "verify.mjs")], input=json.dumps(payload),
                            capture_output=True, text=True, timeout=120, check=True)
    return json.loads(result.stdout)


def test_a_platform_credential_verifies_in_the_js_reference_and_a_changed_copy_fails(passed):
    document = issue_for_attempt(attempt_id=passed.pk).document
    changed = json.loads(json.dumps(document))
    changed["credentialSubject"]["achievement"]["learningOutcome"][0]["description"] += "!"
    genuine, tampered = _js_verify([document, changed])
    assert genuine["verified"] is True, genuine
    assert tampered["verified"] is False


def test_a_credential_a_partner_signed_under_its_own_did_verifies_in_the_js_reference(
        passed, partner):
    from microcred.credentials.models import CredentialSpec
    from microcred.credentials.services import sync_specs

    sync_specs()
    partner.legal_identifier = "PL-KRS-0000123456"  # a partner signs only with one
    partner.save()
    CredentialSpec.objects.filter(code="M01").update(awarding_body=partner,
                                                     signed_by_awarding_body=True)
    document = issue_for_attempt(attempt_id=passed.pk).document
    assert document["issuer"]["id"].endswith(":partners:pl")
    [result] = _js_verify([document])
    assert result["verified"] is True, result
