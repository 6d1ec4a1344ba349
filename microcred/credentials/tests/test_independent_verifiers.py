"""Every kind of credential the platform issues passes two independent verifiers that are given
nothing by us: the Digital Bazaar reference stack and DCC's verifier-core (the engine of
Learner Credential Wallet and VerifierPlus), both run from npm (interop/js/verify-live.mjs).

They load the standard contexts bundled in their own packages and fetch everything else (DID
documents, status lists, any other context a credential names) over HTTPS from the server under
test, here the platform itself on https://localhost:<port> with a throwaway certificate
authority: this is what an employer's wallet or verifier does on the day a credential is issued.
"""

import json
import os
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from microcred.credentials import issuer
from microcred.credentials.models import CredentialSpec
from microcred.credentials.services import (
    issue_course_credential_if_complete,
    issue_for_attempt,
    revoke_credential,
    sync_specs,
)
from microcred.credentials.tests.conftest import pass_module
from microcred.credentials.tests.https_server import https_live_server
from microcred.curriculum.models import Module

JS_DIR = Path(__file__).resolve().parents[3] / "interop" / "js"
STACKS = ("digitalbazaar", "verifier-core")
GENUINE = {"verified": True, "signature": "valid", "status": "valid"}
REVOKED = {"verified": False, "signature": "valid", "status": "set"}
CHANGED = {"verified": False, "signature": "invalid"}

# Serialized rollback like every other committing test: it restores the rows migrations create.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _node_or_fail() -> str:
    node = shutil.which("node")
    message = "Node.js and `npm ci --prefix interop/js` (make test does it) are needed"
    if node is None or not (JS_DIR / "node_modules").is_dir():
        # On a developer's machine say what is missing; in CI a missing verifier is a failure.
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return node


def _verify_live(node: str, origin: str, ca_certificate: Path, credentials: dict[str, dict],
                 directory: Path) -> dict[str, dict[str, dict]]:
    """{kind: {stack: verdict}}; one node process per verifier, both running at once."""
    path = directory / "credentials.json"
    path.write_text(json.dumps(list(credentials.values())))
    # The server listens on 127.0.0.1; "localhost" may resolve to ::1 first.
    env = {**os.environ, "NODE_EXTRA_CA_CERTS": str(ca_certificate),
           "NODE_OPTIONS": "--dns-result-order=ipv4first"}
    processes = {stack: subprocess.Popen(
        [node, str(JS_DIR / "verify-live.mjs"), stack, origin, str(path)], env=env,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for stack in STACKS}
    verdicts: dict[str, dict[str, dict]] = {kind: {} for kind in credentials}
    for stack, process in processes.items():
        out, err = process.communicate(timeout=300)
        assert process.returncode == 0, f"{stack} verifier crashed:\n{err}"
        for kind, verdict in zip(credentials, json.loads(out), strict=True):
            verdicts[kind][stack] = verdict
    return verdicts


def _as_list(value: dict | list[dict]) -> list[dict]:
    return value if isinstance(value, list) else [value]


def _issue_every_kind(learner, other_learner, partner, actor) -> dict[str, dict]:
    sync_specs()
    partner.legal_identifier = "PL-KRS-0000123456"  # a partner signs only with one on record
    partner.save()
    CredentialSpec.objects.filter(code="M01").update(awarding_body=partner,
                                                     signed_by_awarding_body=True)
    held = {code: issue_for_attempt(attempt_id=pass_module(learner, code).pk)
            for code in Module.objects.order_by("order").values_list("code", flat=True)}
    course = issue_course_credential_if_complete(learner=learner)
    revoked = issue_for_attempt(attempt_id=pass_module(other_learner, "M03").pk)
    revoked_partner = issue_for_attempt(attempt_id=pass_module(other_learner, "M01").pk)
    for credential in (revoked, revoked_partner):
        revoke_credential(credential=credential, reason="issued in error", actor=actor)

    changed = json.loads(json.dumps(held["M02"].document))
    changed["credentialSubject"]["achievement"]["name"] += " (with distinction)"
    return {
        "module": held["M02"].document,
        "partner-signed module": held["M01"].document,
        "full course": course.document,
        "revoked module": revoked.document,
        "revoked partner-signed module": revoked_partner.document,
        "changed copy of the module": changed,
    }


def test_every_credential_kind_passes_both_independent_verifiers_with_nothing_from_us(
        settings, tmp_path, course, learner, other_partner_learner, partner, platform_admin):
    node = _node_or_fail()
    with https_live_server(tmp_path) as server:
        settings.SITE_URL = server.origin  # the issuer becomes did:web:localhost%3A<port>
        credentials = _issue_every_kind(learner, other_partner_learner, partner, platform_admin)
        assert credentials["module"]["issuer"]["id"] == issuer.consortium_did()
        assert issuer.consortium_did().startswith("did:web:localhost%3A")
        assert credentials["partner-signed module"]["issuer"]["id"] == issuer.partner_did(partner)
        verdicts = _verify_live(node, server.origin, server.ca_certificate, credentials, tmp_path)
    published = {"/.well-known/did.json", "/partners/pl/did.json"} | {
        urlsplit(entry["statusListCredential"]).path for credential in credentials.values()
        for entry in _as_list(credential["credentialStatus"])}

    expected = dict.fromkeys(credentials, GENUINE)
    expected |= {"revoked module": REVOKED, "revoked partner-signed module": REVOKED,
                 "changed copy of the module": CHANGED}
    outcome = {kind: {stack: {key: verdict[key] for key in expected[kind]}
                      for stack, verdict in by_stack.items()}
               for kind, by_stack in verdicts.items()}
    assert outcome == {kind: dict.fromkeys(STACKS, want) for kind, want in expected.items()}, (
        json.dumps(verdicts, indent=1))
    # They found the DID documents and status lists where did:web and the credentials point.
    assert published <= {line.split(" ", 1)[1] for line in server.requested}, server.requested
