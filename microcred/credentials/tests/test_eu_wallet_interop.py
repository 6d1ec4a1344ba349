"""An independent wallet takes a credential from the running server: the OpenWallet Foundation's
OpenID4VCI client and @sd-jwt/sd-jwt-vc with jose (interop/oid4vci/wallet.mjs), given nothing
by us but the offer URI, the transaction code from the e-mail, and the demo root certificate as
its trust anchor (what a wallet's trust list would hold). It fetches the issuer metadata, the
token, the nonce and the credential, checks the x5c chain, the disclosures, a key-binding
presentation, the Type Metadata at the vct and the Token Status List; after the one revoke it
sees the bit set. The server is the platform itself over HTTPS (https_server.py), as for the
Open Badges verifiers (test_independent_verifiers.py).
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core import mail

from microcred.credentials import oid4vci, wallet_keys
from microcred.credentials.services import issue_for_attempt, revoke_credential, sync_specs
from microcred.credentials.tests.conftest import pass_module
from microcred.credentials.tests.https_server import https_live_server

WALLET_DIR = Path(__file__).resolve().parents[3] / "interop" / "oid4vci"
# Every Annex I element, under the claim names of docs/sd-jwt-vc-mapping.md.
ANNEX_I_CLAIMS = {
    "name",
    "achievement_title",
    "issuing_country",
    "awarding_bodies",
    "date_of_issuance",
    "learning_outcomes",
    "expected_study_time",
    "level_of_learning_experience",
    "assessment_type",
    "form_of_participation",
    "types_of_quality_assurance",
    "assessment_grade",
    "evaluator_verification",
    "integration_stackability_options",
}

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _node_or_fail() -> str:
    node = shutil.which("node")
    message = "Node.js and `npm ci --prefix interop/oid4vci` (make test does it) are needed"
    if node is None or not (WALLET_DIR / "node_modules").is_dir():
        # On a developer's machine say what is missing; in CI a missing wallet is a failure.
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return node


def _wallet(node: str, server, *args: str) -> dict:
    env = {
        **os.environ,
        "NODE_EXTRA_CA_CERTS": str(server.ca_certificate),
        "NODE_OPTIONS": "--dns-result-order=ipv4first",
    }
    process = subprocess.run(
        [node, str(WALLET_DIR / "wallet.mjs"), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert process.stdout, process.stderr
    return json.loads(process.stdout)


def test_an_independent_wallet_receives_verifies_and_sees_the_revocation(
    settings, tmp_path, course, learner, platform_admin, django_capture_on_commit_callbacks
):
    node = _node_or_fail()
    with https_live_server(tmp_path) as server:
        settings.SITE_URL = server.origin
        sync_specs()
        credential = issue_for_attempt(attempt_id=pass_module(learner, "M02").pk)
        with django_capture_on_commit_callbacks(execute=True):
            offer = oid4vci.create_offer(credential=credential, actor=learner, with_tx_code=True)
        assert offer.tx_code in mail.outbox[-1].body
        # The demo chain names the issuer (SITE_URL), so it is made once the server runs.
        chain = wallet_keys.create_self_signed().certificate_chain
        anchor = tmp_path / "trust-anchor.pem"
        anchor.write_text(chain[chain.rindex("-----BEGIN CERTIFICATE-----") :])

        report = _wallet(node, server, "receive", offer.uri, str(anchor), offer.tx_code)
        assert "error" not in report, report
        credential_file = tmp_path / "credential.sd-jwt"
        credential_file.write_text(report["credential"])
        revoke_credential(credential=credential, reason="Issued in error", actor=platform_admin)
        after = _wallet(node, server, "recheck", str(credential_file), str(anchor))
        requested = {line.split(" ", 1)[1].split("?")[0] for line in server.requested}

    claims = report["claims"]
    assert report["format"] == "dc+sd-jwt"
    assert report["header"] == {"typ": "dc+sd-jwt", "alg": "ES256", "chain": 2}
    assert report["holderKeyBound"] is True
    assert report["keyBinding"] == {"aud": "https://verifier.example", "nonce": True}
    assert set(claims) >= ANNEX_I_CLAIMS, ANNEX_I_CLAIMS - set(claims)
    assert claims["name"] == learner.full_name
    assert claims["achievement_title"] == credential.document["name"]
    assert report["typeMetadata"]["vct"] == claims["vct"]
    assert report["typeMetadata"]["displayLocales"] == ["en", "pl", "el", "de", "es", "it", "pt"]
    assert len(report["issuerDisplayLocales"]) == 7
    assert report["status"] == "valid"
    assert after["status"] == "invalid", after
    assert {
        "/.well-known/openid-credential-issuer",
        "/oid4vci/token",
        "/oid4vci/nonce",
        "/oid4vci/credential",
        "/credentials/types/module/v1",
        f"/credentials/status/{credential.status_list_id}/token",
    } <= requested, requested
