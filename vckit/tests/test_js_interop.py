"""Interoperability with the JavaScript reference stack (interop/js, Digital Bazaar).

Skipped only when Node.js is not installed. When node is there but ``npm ci --prefix
interop/js`` has not been run, the tests fail and say so (CI runs it before the tests).
"""

from __future__ import annotations

import copy
import json
import random
import shutil
import subprocess
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from vckit import did, ob3, proof
from vckit.multibase import ed25519_secret_multikey
from vckit.tests import samples
from vckit.tests.conftest import vector_json
from vckit.verify import verify

JS_DIR = Path(__file__).resolve().parents[2] / "interop" / "js"
NOW = "2026-12-01T00:00:00Z"

pytestmark = pytest.mark.skipif(
    shutil.which("node") is None, reason="Node.js is not installed: JS interop not tested"
)


def _node(script: str, payload: dict[str, Any]) -> Any:
    if not (JS_DIR / "node_modules").is_dir():
        pytest.fail("Run `npm ci --prefix interop/js` first (the JS reference stack).")
    result = subprocess.run(
        ["node", str(JS_DIR / script)],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def _js_verify(credentials: list[Any], documents: list[Any]) -> list[dict[str, Any]]:
    return _node("verify.mjs", {"documents": documents, "credentials": credentials, "now": NOW})  # type: ignore[no-any-return]


def _tampered(signed: dict[str, Any]) -> list[dict[str, Any]]:
    copies = []
    for change in (
        lambda c: c["credentialSubject"]["result"][0].__setitem__("value", "100"),
        lambda c: c["credentialSubject"]["achievement"].__setitem__("name", "Something else"),
        lambda c: c["credentialSubject"]["achievement"].pop("qualityAssuranceType"),
        lambda c: c["credentialSubject"]["achievement"]["learningOutcome"][0].__setitem__(
            "digCompLevel", 8
        ),
        lambda c: c["issuer"]["address"].__setitem__("addressCountryCode", "DE"),
        lambda c: c.__setitem__("validFrom", "2026-01-01T00:00:00Z"),
        lambda c: c["credentialSubject"]["identifier"][0].__setitem__("salt", "0" * 32),
        # An undefined term is dropped by JSON-LD: the JS stack refuses it (safe mode).
        lambda c: c["credentialSubject"]["achievement"].__setitem__("unsignedExtra", "x"),
    ):
        tampered = copy.deepcopy(signed)
        change(tampered)
        copies.append(tampered)
    return copies


def test_credentials_issued_by_vckit_verify_in_the_js_reference_and_tampering_fails(
    signed_credential: dict[str, Any], did_documents: dict[str, Any]
) -> None:
    documents = list(did_documents.values())
    results = _js_verify([signed_credential, *_tampered(signed_credential)], documents)
    assert results[0] == {"verified": True, "errors": []}
    assert [r["verified"] for r in results[1:]] == [False] * (len(results) - 1)


def test_did_key_credentials_verify_in_the_js_reference() -> None:
    key = did.generate_issuer_key()
    credential = samples.credential()
    credential["issuer"] = {**credential["issuer"], "id": key.controller}
    credential["credentialSubject"]["achievement"]["awardingBody"][0] = {"id": key.controller}
    signed = proof.sign(credential, key, samples.VALID_FROM)
    assert _js_verify([signed], []) == [{"verified": True, "errors": []}]


def test_the_1edtech_vector_verifies_in_the_js_reference_too() -> None:
    # Sanity check of the harness itself against a credential neither side produced.
    controller = vector_json("ob3-1edtech/controller-document.json")
    signed = vector_json("ob3-1edtech/signed-credential.json")
    assert _js_verify([signed], [controller])[0]["verified"] is True


def test_a_credential_signed_by_js_verifies_in_vckit_with_identical_proof(
    issuer_key: Any, did_documents: dict[str, Any], resolver: did.Resolver
) -> None:
    seed = issuer_key.private_key
    js_key = {
        "id": issuer_key.verification_method,
        "controller": issuer_key.controller,
        "publicKeyMultibase": issuer_key.public_key_multibase,
        "secretKeyMultibase": ed25519_secret_multikey(seed),
    }
    unsigned = samples.credential(7)
    (js_signed, *js_variants) = _node(
        "sign.mjs",
        {
            "key": js_key,
            "documents": list(did_documents.values()),
            "credentials": [unsigned, *_variants()],
            "created": "2026-11-24T10:00:00Z",
        },
    )
    result = verify(js_signed, resolve_did=resolver, now=samples.VALID_FROM)
    assert {"proof", "issuer", "validFrom"} <= set(result.checks), result.errors
    # jsonld-signatures attaches one proof as an object; the strict OB 3.0 schema wants an array.
    assert isinstance(js_signed["proof"], dict)
    # No status list fetcher is given, so revocation could not be checked.
    assert [e.code for e in result.errors] == ["STATUS_NOT_CHECKED"]
    assert [w.code for w in result.warnings] == ["SCHEMA_INVALID"]
    assert result.signature_verified
    # Ed25519 is deterministic: same key, same canonical bytes -> the very same signature.
    ours = proof.sign(unsigned, issuer_key, samples.VALID_FROM)
    js_proof = js_signed["proof"]
    js_proof = js_proof[0] if isinstance(js_proof, list) else js_proof
    assert js_proof["proofValue"] == ours["proof"][0]["proofValue"]
    for variant, js_variant in zip(_variants(), js_variants, strict=True):
        ours = proof.sign(variant, issuer_key, samples.VALID_FROM)
        assert js_variant["proof"]["proofValue"] == ours["proof"][0]["proofValue"]


def _variants() -> list[dict[str, Any]]:
    """Credentials that stress canonicalisation: fractional numbers, control characters,
    non-BMP characters, scripts other than Latin."""
    spec = replace(
        samples.SPEC,
        ects=Decimal("1.5"),
        workload_hours=Decimal("12.5"),
        title='Tab\there, new\nline, bell\x07, del\x7f, quote " and backslash \\ 😀',
        description="Ελληνικά, 日本語, العربية, emoji 🎓, nul-free control \x01\x1f",
    )
    recipient = replace(samples.RECIPIENT, full_name="Zoë Ñúñez-Łukasiewicz \u200b")
    return [
        ob3.build(issuer=samples.ISSUER, spec=spec, recipient=recipient, award=samples.award(8))
    ]


def _random_credentials(count: int) -> list[dict[str, Any]]:
    """Varied credentials (outcomes, bodies, texts, numbers), one with two identical objects so
    that canonicalisation needs RDFC-1.0's n-degree step (decision 0027)."""
    rng = random.Random(19)
    alphabet = 'aZ 09.,;-\t\n"\\é€日😀\x01\x7f'
    credentials = []
    for number in range(count):
        outcomes = [
            replace(
                rng.choice(samples.SPEC.learning_outcomes),
                statement="Outcome " + "".join(rng.choices(alphabet, k=rng.randint(1, 40))),
                digcomp_level=rng.randint(1, 8),
            )
            for _ in range(rng.randint(1, 6))
        ]
        spec = replace(
            samples.SPEC,
            title="Title " + "".join(rng.choices(alphabet, k=rng.randint(1, 30))),
            learning_outcomes=tuple(outcomes),
            awarding_bodies=tuple(rng.sample(samples.SPEC.awarding_bodies, rng.randint(1, 2))),
            workload_hours=Decimal(rng.randint(1, 400)) / 4,
            eqf_level=rng.randint(1, 8),
        )
        recipient = replace(samples.RECIPIENT, full_name=f"Learner {rng.random()}")
        credentials.append(
            ob3.build(
                issuer=samples.ISSUER, spec=spec, recipient=recipient, award=samples.award(number)
            )
        )
    twin = {"type": ["Alignment"], "targetName": "Same", "targetUrl": "https://example.org/a"}
    credentials[0]["credentialSubject"]["achievement"]["alignment"] = [twin, dict(twin)]
    return credentials


def test_varied_credentials_get_the_same_signature_from_vckit_and_the_js_reference(
    issuer_key: Any, did_documents: dict[str, Any]
) -> None:
    credentials = _random_credentials(30)
    js_signed = _node(
        "sign.mjs",
        {
            "key": {
                "id": issuer_key.verification_method,
                "controller": issuer_key.controller,
                "publicKeyMultibase": issuer_key.public_key_multibase,
                "secretKeyMultibase": ed25519_secret_multikey(issuer_key.private_key),
            },
            "documents": list(did_documents.values()),
            "credentials": credentials,
            "created": "2026-11-24T10:00:00Z",
        },
    )
    ours = [proof.sign(c, issuer_key, samples.VALID_FROM)["proof"][0] for c in credentials]
    theirs = [signed["proof"] for signed in js_signed]
    assert [p["proofValue"] for p in ours] == [p["proofValue"] for p in theirs]
