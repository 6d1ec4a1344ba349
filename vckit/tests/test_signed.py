"""Reading the Annex I elements back out of a signed credential gives what was signed."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Any

import pytest

from vckit import elm, ob3, proof, signed
from vckit.model import AchievementSpec, Award, StackedCredential
from vckit.tests import samples

KEY = samples.key_from_label("signed-reader")
MODULE_1 = "urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950e"
MODULE_2 = "urn:uuid:7c9e6679-7425-40de-944b-e07fc1f90ae7"


def signed_credential(spec: AchievementSpec = samples.SPEC, award: Award | None = None,
                      ) -> dict[str, Any]:
    unsigned = ob3.build(issuer=samples.ISSUER, spec=spec, recipient=samples.RECIPIENT,
                         award=award or samples.award())
    return proof.sign(unsigned, KEY, created=samples.VALID_FROM)


def test_every_annex1_element_reads_back_as_it_was_signed() -> None:
    read = signed.read(signed_credential())
    assert read.issuer == samples.ISSUER
    assert read.award == samples.award()
    assert read.learner_name == samples.RECIPIENT.full_name
    # The issuer is an awarding body by reference only: its own Profile (without the body's
    # separate url, which ob3.build does not repeat) is what was signed.
    issuer_body = replace(samples.SPEC.awarding_bodies[0], url=None)
    assert read.spec == replace(
        samples.SPEC, awarding_bodies=(issuer_body, *samples.SPEC.awarding_bodies[1:])
    )


def test_the_language_of_assessment_is_signed_and_goes_to_the_elm_assessment() -> None:
    credential = signed_credential()
    achievement = credential["credentialSubject"]["achievement"]
    assert achievement["assessmentLanguage"] == "pl"
    assert achievement["inLanguage"] == "en"
    read = signed.read(credential)
    assert read.spec.assessment_language == "pl"
    document = elm.build(issuer=read.issuer, spec=read.spec,
                         recipient=read.recipient(samples.RECIPIENT.email), award=read.award)
    assessments = list(_nodes_of_type(document, "LearningAssessmentSpecification"))
    assert assessments
    assert {a["language"]["id"].rsplit("/", 1)[1] for a in assessments} == {"POL"}


def _nodes_of_type(value: Any, kind: str) -> Any:
    if isinstance(value, dict):
        if value.get("type") == kind:
            yield value
        for child in value.values():
            yield from _nodes_of_type(child, kind)
    elif isinstance(value, list):
        for child in value:
            yield from _nodes_of_type(child, kind)


def test_a_credential_signed_before_the_language_of_assessment_was_stated_still_reads() -> None:
    spec = replace(samples.SPEC, assessment_language=None)
    credential = signed_credential(spec)
    assert "assessmentLanguage" not in credential["credentialSubject"]["achievement"]
    assert signed.read(credential).spec.assessment_language is None


@pytest.mark.parametrize("level", [2, 3, None])
def test_the_eqf_level_is_read_from_the_signed_alignment(level: int | None) -> None:
    spec = replace(samples.SPEC, eqf_level=level)
    assert signed.read(signed_credential(spec)).spec.eqf_level == level


def test_a_workload_with_minutes_and_no_grade_read_back() -> None:
    spec = replace(samples.SPEC, workload_hours=Decimal("12.5"), ects=None, prerequisites=None,
                   supervision=None, part_of=None, further_information_url=None)
    award = replace(samples.award(), grade=None, status=None)
    read = signed.read(signed_credential(spec, award))
    assert read.spec.workload_hours == Decimal("12.5")
    assert (read.spec.ects, read.spec.supervision, read.spec.part_of) == (None, None, None)
    assert (read.award.grade, read.award.status) == (None, None)


def test_the_credentials_a_course_credential_stacks_are_signed_evidence_links() -> None:
    award = replace(samples.award(), stacked=(StackedCredential(MODULE_1, "Devices"),
                                              StackedCredential(MODULE_2, "Information")))
    credential = signed_credential(award=award)
    assert [e["id"] for e in credential["evidence"]] == [MODULE_1, MODULE_2]
    assert signed.read(credential).award.stacked == award.stacked


def test_the_elm_export_made_from_the_signed_credential_equals_the_one_from_the_inputs() -> None:
    read = signed.read(signed_credential(samples.SPEC))
    from_signed = elm.build(issuer=read.issuer, spec=read.spec,
                            recipient=read.recipient(samples.RECIPIENT.email), award=read.award)
    direct = elm.build(issuer=samples.ISSUER, spec=read.spec, recipient=samples.RECIPIENT,
                       award=samples.award())
    assert from_signed == direct
    assert read.recipient(samples.RECIPIENT.email).email_hash == samples.RECIPIENT.email_hash


@pytest.mark.parametrize("document", [{"synthetic": True}, {}, {"proof": {}, "issuer": "x"}])
def test_a_record_that_is_not_a_signed_credential_is_refused(document: dict[str, Any]) -> None:
    with pytest.raises(signed.UnreadableCredential):
        signed.read(document)


def test_a_missing_mandatory_element_is_named() -> None:
    credential = signed_credential()
    del credential["credentialSubject"]["achievement"]["qualityAssuranceType"]
    with pytest.raises(signed.UnreadableCredential, match="quality assurance"):
        signed.read(credential)
