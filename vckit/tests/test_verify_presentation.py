"""Presentations (VC API verify presentation): the holder's proof, challenge and domain, the
presentation's shape, and every credential inside. vp20-did-key was signed by the Digital Bazaar
libraries (interop/vc11-fixtures), the others by vckit.add_proof."""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime
from typing import Any

from vckit import did, proof
from vckit.tests.conftest import VECTORS
from vckit.verify import Status, verify_presentation

NOW = datetime(2026, 12, 1, tzinfo=UTC)
CREATED = datetime(2026, 11, 30, tzinfo=UTC)
CHALLENGE, DOMAIN = "c-4f1e2d", "verifier.example"
HOLDER = did.issuer_key(b"\x0b" * 32)
VC_V2 = "https://www.w3.org/ns/credentials/v2"


def _js_presentation() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((VECTORS / "independent" / "vp20-did-key.json").read_text())
    return loaded


def _codes(result: Any) -> list[str]:
    return [problem.code for problem in result.errors]


def _credential(issuer: str = HOLDER.controller) -> dict[str, Any]:
    unsigned = {
        "@context": [VC_V2],
        "type": ["VerifiableCredential"],
        "issuer": issuer,
        "credentialSubject": {"id": "did:example:subject"},
    }
    return proof.sign(unsigned, HOLDER, CREATED)


def _presentation(**fields: Any) -> dict[str, Any]:
    document = {"@context": [VC_V2], "type": ["VerifiablePresentation"], **fields}
    return proof.add_proof(
        document,
        HOLDER,
        CREATED,
        proof_purpose=proof.AUTHENTICATION,
        challenge=CHALLENGE,
        domain=DOMAIN,
    )


def test_an_independently_signed_presentation_verifies_with_its_challenge_and_domain() -> None:
    result = verify_presentation(_js_presentation(), now=NOW, challenge=CHALLENGE, domain=DOMAIN)
    assert result.status is Status.VALID, (result.errors, result.credentials)
    assert result.verified
    assert len(result.credentials) == 1
    assert result.credentials[0].verified
    response = result.as_dict()
    assert response["verified"] is True
    assert response["presentationResult"]["verified"] is True
    assert response["credentialResults"][0]["status"] == "valid"


def test_a_replayed_presentation_is_refused() -> None:
    presentation = _js_presentation()
    for options in ({"challenge": "another"}, {"domain": "elsewhere.example"}):
        result = verify_presentation(presentation, now=NOW, **options)
        assert result.status is Status.FORGED
        assert not result.verified


def test_a_tampered_presentation_or_credential_is_forged() -> None:
    presentation = _js_presentation()
    presentation["proof"]["proofValue"] = "z5nmMBw2u9TGKd9NxxHJtyZKgjN2Eh"
    assert verify_presentation(presentation, now=NOW).status is Status.FORGED
    inner = _js_presentation()
    inner["verifiableCredential"][0]["credentialSubject"]["name"] = "Mallory"
    result = verify_presentation(inner, now=NOW)
    assert result.status is Status.FORGED
    assert result.credentials[0].status is Status.FORGED


def test_the_proof_must_be_for_authentication_by_the_holder() -> None:
    assertion = proof.add_proof(
        {"@context": [VC_V2], "type": ["VerifiablePresentation"]}, HOLDER, CREATED
    )
    assert "PROOF_PURPOSE_INVALID" in _codes(verify_presentation(assertion, now=NOW))
    someone = did.did_key(did.generate_issuer_key().public_key_multibase)
    result = verify_presentation(_presentation(holder=someone), now=NOW)
    assert _codes(result) == ["HOLDER_MISMATCH"]
    holder_object = _presentation(holder={"id": HOLDER.controller})
    assert verify_presentation(holder_object, now=NOW, challenge=CHALLENGE).verified


def test_presentations_with_credentials_and_mapped_types_verify() -> None:
    several = _presentation(
        holder=HOLDER.controller, verifiableCredential=[_credential(), _credential()]
    )
    result = verify_presentation(several, now=NOW, challenge=CHALLENGE, domain=DOMAIN)
    assert result.verified, result.errors
    assert len(result.credentials) == 2
    typed = proof.add_proof(
        {
            "@context": [VC_V2, {"CredentialManagerPresentation": "https://example.org/x#CMP"}],
            "type": ["VerifiablePresentation", "CredentialManagerPresentation"],
        },
        HOLDER,
        CREATED,
        proof_purpose=proof.AUTHENTICATION,
    )
    assert verify_presentation(typed, now=NOW).verified


def test_malformed_presentations_are_refused() -> None:
    good = _presentation(verifiableCredential=[_credential()])
    wrong_order = copy.deepcopy(good)
    wrong_order["@context"] = ["https://www.w3.org/ns/credentials/examples/v2", VC_V2]
    no_base = copy.deepcopy(good)
    no_base["@context"] = ["https://www.w3.org/ns/credentials/examples/v2"]
    no_context = copy.deepcopy(good)
    del no_context["@context"]
    no_type = copy.deepcopy(good)
    del no_type["type"]
    wrong_type = copy.deepcopy(good)
    wrong_type["type"] = ["SomethingElse"]
    bad_context_url = copy.deepcopy(good)
    bad_context_url["@context"].append("https ://not-a-url/contexts/example/v1")
    unknown_context = copy.deepcopy(good)
    unknown_context["@context"].append("https://example.com")
    number_context = copy.deepcopy(good)
    number_context["@context"].append(123192875)
    vc_as_string = _presentation(verifiableCredential=["https://example.com/credential/1"])
    for document in (
        wrong_order,
        no_base,
        no_context,
        no_type,
        wrong_type,
        bad_context_url,
        unknown_context,
        number_context,
        vc_as_string,
        {"type": ["NonconformingDocument"]},
    ):
        result = verify_presentation(document, now=NOW)
        assert not result.verified, document
        assert result.errors, document


def test_an_unsigned_presentation_needs_the_callers_permission() -> None:
    unsigned = {
        "@context": [VC_V2],
        "type": ["VerifiablePresentation"],
        "verifiableCredential": [_credential()],
    }
    refused = verify_presentation(unsigned, now=NOW)
    assert _codes(refused) == ["PRESENTATION_UNSIGNED"]
    assert refused.status is Status.COULD_NOT_CHECK
    allowed = verify_presentation(unsigned, now=NOW, allow_unsigned=True)
    assert allowed.verified
    assert [w.code for w in allowed.warnings] == ["PRESENTATION_UNSIGNED"]


def test_enveloped_credentials_could_not_be_checked() -> None:
    enveloped = {
        "@context": VC_V2,
        "type": "EnvelopedVerifiableCredential",
        "id": "data:application/vc+jwt,eyJhbGciOiJFUzI1NiJ9.e30.sig",
    }
    result = verify_presentation(_presentation(verifiableCredential=[enveloped]), now=NOW)
    assert result.status is Status.COULD_NOT_CHECK
    assert result.credentials[0].errors[0].code == "CREDENTIAL_UNSUPPORTED"
