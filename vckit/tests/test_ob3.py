"""The OpenBadgeCredential: official schema, every Annex I element, no undefined term."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Any

import pytest
from pyld import jsonld

from vckit import ob3
from vckit.documents import annex1_context, pyld_document_loader
from vckit.model import Grade, identity_hash
from vckit.tests import samples
from vckit.verify import schema_errors


def _count_keys(value: Any) -> int:
    if isinstance(value, dict):
        return sum(1 + _count_keys(v) for k, v in value.items() if k not in ("@context", "id"))
    if isinstance(value, list):
        return sum(_count_keys(v) for v in value)
    return 0


def _count_expanded(value: Any) -> int:
    if isinstance(value, dict):
        if "@value" in value:
            return 0
        return sum(1 + _count_expanded(v) for k, v in value.items() if k != "@id")
    if isinstance(value, list):
        return sum(_count_expanded(v) for v in value)
    return 0


def test_the_credential_passes_the_official_ob3_schema() -> None:
    assert schema_errors(samples.credential()) == []


def test_the_signed_credential_passes_the_official_ob3_schema(signed_credential: Any) -> None:
    assert schema_errors(signed_credential) == []


def test_no_term_is_undefined_every_key_survives_expansion() -> None:
    credential = samples.credential()
    dropped: list[object] = []
    processor = jsonld.JsonLdProcessor(on_property_dropped=dropped.append)
    expanded = processor.expand(credential, {"documentLoader": pyld_document_loader})
    assert dropped == []
    # Every JSON key has a counterpart in the expanded form (ids are left out of the count:
    # an IRI string value expands to {"@id": ...}).
    assert _count_expanded(expanded) == _count_keys(credential)


def test_shape_matches_what_verifiers_expect() -> None:
    credential = samples.credential()
    assert credential["@context"][:2] == [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ]
    # The Annex I terms travel inside the credential: no verifier needs to download them.
    assert credential["@context"][2] == annex1_context()
    assert all(isinstance(url, str) for url in credential["@context"][:2])
    assert credential["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert credential["id"].startswith("urn:uuid:")
    assert credential["validFrom"] == "2026-11-24T10:00:00Z"
    issuer = credential["issuer"]
    assert issuer["id"].startswith("did:")
    assert issuer["type"] == ["Profile"]
    assert issuer["address"] == {
        "type": ["Address"],
        "addressCountryCode": "PL",
        "addressRegion": "Mazowieckie",
    }
    status = credential["credentialStatus"]
    assert status["type"] == "BitstringStatusListEntry"
    assert status["statusListIndex"] == "0"


def test_every_annex1_element_is_in_the_credential() -> None:
    credential = samples.credential()
    subject = credential["credentialSubject"]
    achievement = subject["achievement"]
    # 1 learner: hashed e-mail + name
    email, name = subject["identifier"]
    assert email == {
        "type": "IdentityObject",
        "identityType": "emailAddress",
        "hashed": True,
        "identityHash": identity_hash("Maria.Nowak@example.org ", samples.RECIPIENT.salt),
        "salt": samples.RECIPIENT.salt,
    }
    assert name["identityHash"] == "Maria Nowak"
    assert name["hashed"] is False
    # 2 title, 3 country/region, 4 awarding bodies, 5 date
    assert achievement["name"] == credential["name"] == "Devices and digital basics"
    assert [body["id"] for body in achievement["awardingBody"]] == [
        samples.ISSUER_DID,
        "https://partner.example/",
    ]
    assert achievement["awardingBody"][1]["address"]["addressCountryCode"] == "PT"
    # 6 learning outcomes with DigComp code and level
    first = achievement["learningOutcome"][0]
    assert first["description"].startswith("Find information")
    assert first["digCompLevel"] == 2
    assert first["alignment"][0]["targetCode"] == "1.1"
    # 7 workload and ECTS, 8 EQF level
    assert achievement["notionalWorkload"] == "PT25H"
    assert achievement["creditsAvailable"] == 1
    eqf = [a for a in achievement["alignment"] if a["targetType"] == "ext:EQFLevel"]
    assert eqf[0]["targetUrl"] == "http://data.europa.eu/snb/eqf/3"
    # 9 assessment, 10 participation, 11 quality assurance
    assert achievement["assessmentType"]["id"].startswith("http://data.europa.eu/snb/assessment/")
    assert achievement["formOfParticipation"]["prefLabel"] == "Online"
    assert "Advisory Board" in achievement["qualityAssuranceType"]
    # optional: prerequisites, supervision, grade, stackability, further information
    assert achievement["prerequisites"].startswith("None.")
    assert achievement["supervisionVerification"]["prefLabel"].startswith("Unsupervised")
    assert subject["result"][0]["value"] == "87.5"
    assert achievement["resultDescription"][0]["requiredValue"] == "60"
    assert achievement["isPartOf"]["id"].endswith("digital-basics-course/v1")
    assert achievement["furtherInformation"] == "https://microcred.example/courses/digital-basics"
    assert achievement["achievementType"] == "MicroCredential"
    assert achievement["inLanguage"] == "en"


def test_digcomp_alignment_is_one_per_competence_at_the_highest_level() -> None:
    outcomes = samples.SPEC.learning_outcomes
    spec = replace(
        samples.SPEC, learning_outcomes=(*outcomes, replace(outcomes[0], digcomp_level=5))
    )
    credential = ob3.build(
        issuer=samples.ISSUER, spec=spec, recipient=samples.RECIPIENT, award=samples.award()
    )
    digcomp = [
        a
        for a in credential["credentialSubject"]["achievement"]["alignment"]
        if a["targetFramework"] == "DigComp 2.2"
    ]
    assert [a["targetCode"] for a in digcomp] == ["1.1", "3.1", "4.1"]
    assert "level 5" in digcomp[0]["targetDescription"]


def test_optional_elements_can_be_left_out() -> None:
    spec = replace(
        samples.SPEC,
        ects=None,
        eqf_level=None,
        prerequisites=None,
        supervision=None,
        further_information_url=None,
        part_of=None,
        version=None,
    )
    award = replace(samples.award(), grade=None, status=None)
    credential = ob3.build(
        issuer=samples.ISSUER, spec=spec, recipient=samples.RECIPIENT, award=award
    )
    assert schema_errors(credential) == []
    assert "credentialStatus" not in credential
    assert "creditsAvailable" not in credential["credentialSubject"]["achievement"]


def test_a_failed_assessment_gets_no_credential() -> None:
    award = replace(samples.award(), grade=Grade(percent=Decimal("40"), pass_mark=Decimal("60")))
    with pytest.raises(ValueError, match="passed"):
        ob3.build(
            issuer=samples.ISSUER, spec=samples.SPEC, recipient=samples.RECIPIENT, award=award
        )


def test_workload_is_an_iso_duration() -> None:
    assert ob3.iso_duration_hours(Decimal("12.5")) == "PT12H30M"
    assert ob3.iso_duration_hours(Decimal("30")) == "PT30H"


def test_the_schema_check_catches_a_wrong_shape() -> None:
    credential = samples.credential()
    credential["credentialSubject"]["achievement"]["type"] = "Achievement"
    assert any("type" in message for message in schema_errors(credential))
