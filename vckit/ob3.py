"""Build the Open Badges 3.0 OpenBadgeCredential (a W3C VC 2.0) for a micro-credential.

Open Badges 3.0 (1EdTech, 2024) section 8 (AchievementCredential / OpenBadgeCredential), in the
strict shape of the official JSON schema: arrays for ``type``, ``result``, ``alignment``;
plain-string ``name``/``description``; a DID issuer Profile with an Address.

Annex I elements that OB 3.0 has no property for are written with the terms of the Microcred
Annex I context, which every credential embeds as the third ``@context`` entry
(``vckit/contexts/annex1-embedded.jsonld``, docs/decisions/0010): they are defined JSON-LD
terms, so they are signed like everything else, and any verifier reads them without a download.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from vckit import digcomp
from vckit.dates import format_datetime
from vckit.documents import OB_V3P0, VC_V2, annex1_context
from vckit.model import (
    AchievementSpec,
    Award,
    Concept,
    IssuerProfile,
    LearningOutcome,
    Organisation,
    Recipient,
)

ECTS_CONCEPT = "http://data.europa.eu/snb/education-credit/6fcec5c5af"
EQF_FRAMEWORK = "European Qualifications Framework"
ESCO_FRAMEWORK = "ESCO"


def context() -> list[str | dict[str, Any]]:
    """VC 2.0 first, then OB 3.0 (context 3.0.3), then the embedded Annex I terms."""
    return [VC_V2, OB_V3P0, annex1_context()]


def _number(value: Decimal) -> int | float:
    # JSON has one number type; integral values are written as integers so every JSON-LD
    # processor serialises them the same way ("3", not "3.0E0").
    return int(value) if value == value.to_integral_value() else float(value)


def _decimal_text(value: Decimal) -> str:
    return str(_number(value))


def iso_duration_hours(hours: Decimal) -> str:
    """Notional workload as an xsd:duration ("PT30H", "PT12H30M"), as ELM's volumeOfLearning."""
    minutes = int((hours * 60).to_integral_value())
    whole, rest = divmod(minutes, 60)
    return f"PT{whole}H" + (f"{rest}M" if rest else "")


def _concept(concept: Concept) -> dict[str, Any]:
    node: dict[str, Any] = {"id": concept.uri, "type": ["Concept"], "prefLabel": concept.label}
    if concept.scheme is not None:
        node["inScheme"] = concept.scheme
    return node


def _address(country_code: str, region: str | None) -> dict[str, Any]:
    address: dict[str, Any] = {"type": ["Address"], "addressCountryCode": country_code}
    if region:
        address["addressRegion"] = region
    return address


def issuer_profile(issuer: IssuerProfile) -> dict[str, Any]:
    """OB 3.0 B.1.17 Profile for the issuer (Annex I element 3: country and region)."""
    profile: dict[str, Any] = {
        "id": issuer.did,
        "type": ["Profile"],
        "name": issuer.name,
        "url": issuer.url,
        "email": issuer.email,
        "address": _address(issuer.country_code, issuer.region),
    }
    if issuer.legal_identifier:
        profile["otherIdentifier"] = [
            {
                "type": "IdentifierEntry",
                "identifier": issuer.legal_identifier,
                "identifierType": "ext:legalIdentifier",
            }
        ]
    return profile


def _awarding_body(body: Organisation, issuer: dict[str, Any]) -> dict[str, Any]:
    # JSON-LD merges nodes with the same id: repeating the issuer's Profile would add a second
    # copy of its (blank-node) address and make fields redundant, so only refer to it.
    if body.id == issuer["id"]:
        return {"id": issuer["id"]}
    node: dict[str, Any] = {
        "id": body.id,
        "type": ["Profile"],
        "name": body.name,
        "address": _address(body.country_code, body.region),
    }
    if body.url:
        node["url"] = body.url
    return node


def _digcomp_alignment(outcome: LearningOutcome) -> dict[str, Any]:
    return {
        "type": ["Alignment"],
        "targetFramework": digcomp.FRAMEWORK_NAME,
        "targetCode": outcome.digcomp_code,
        "targetName": digcomp.competence_title(outcome.digcomp_code),
        "targetDescription": digcomp.level_description(outcome.digcomp_level),
        "targetType": "ceasn:Competency",
        "targetUrl": outcome.competence_uri or digcomp.FRAMEWORK_URL,
    }


def _esco_alignment(outcome: LearningOutcome) -> dict[str, Any] | None:
    if outcome.esco_uri is None:
        return None
    return {
        "type": ["Alignment"],
        "targetFramework": ESCO_FRAMEWORK,
        "targetName": digcomp.competence_title(outcome.digcomp_code),
        "targetType": "ceasn:Competency",
        "targetUrl": outcome.esco_uri,
    }


def _alignments(spec: AchievementSpec) -> list[dict[str, Any]]:
    """One alignment per DigComp competence (highest level wins), ESCO skills, and the EQF level."""
    best: dict[str, LearningOutcome] = {}
    for outcome in spec.learning_outcomes:
        current = best.get(outcome.digcomp_code)
        if current is None or outcome.digcomp_level > current.digcomp_level:
            best[outcome.digcomp_code] = outcome
    alignments = [_digcomp_alignment(best[code]) for code in sorted(best)]
    seen_esco: set[str] = set()
    for outcome in spec.learning_outcomes:
        esco = _esco_alignment(outcome)
        if esco is not None and esco["targetUrl"] not in seen_esco:
            seen_esco.add(esco["targetUrl"])
            alignments.append(esco)
    if spec.eqf_level is not None:
        alignments.append(
            {
                "type": ["Alignment"],
                "targetFramework": EQF_FRAMEWORK,
                "targetCode": str(spec.eqf_level),
                "targetName": f"EQF level {spec.eqf_level}",
                "targetType": "ext:EQFLevel",
                "targetUrl": f"http://data.europa.eu/snb/eqf/{spec.eqf_level}",
            }
        )
    return alignments


def _learning_outcome(outcome: LearningOutcome) -> dict[str, Any]:
    alignments = [_digcomp_alignment(outcome)]
    esco = _esco_alignment(outcome)
    if esco is not None:
        alignments.append(esco)
    return {
        "type": ["LearningOutcome"],
        "description": outcome.statement,
        "digCompLevel": outcome.digcomp_level,
        "alignment": alignments,
    }


def _criteria(spec: AchievementSpec) -> dict[str, Any]:
    # Wallets that only know OB 3.0 show the narrative: it lists the outcomes in plain text.
    lines = ["Learning outcomes:"]
    lines += [f"- {outcome.statement}" for outcome in spec.learning_outcomes]
    lines.append(f"Assessment: {spec.assessment_type.label}.")
    return {"narrative": "\n".join(lines)}


def result_description_id(spec: AchievementSpec) -> str:
    return f"{spec.id}#score"


def achievement(spec: AchievementSpec, issuer: dict[str, Any], award: Award) -> dict[str, Any]:
    """OB 3.0 B.1.2 Achievement carrying every Annex I element of the specification."""
    node: dict[str, Any] = {
        "id": spec.id,
        "type": ["Achievement"],
        "achievementType": spec.achievement_type,
        "name": spec.title,
        "description": spec.description,
        "criteria": _criteria(spec),
        "inLanguage": spec.language,
        "alignment": _alignments(spec),
        "learningOutcome": [_learning_outcome(o) for o in spec.learning_outcomes],
        "notionalWorkload": iso_duration_hours(spec.workload_hours),
        "assessmentType": _concept(spec.assessment_type),
        "formOfParticipation": _concept(spec.form_of_participation),
        "qualityAssuranceType": spec.quality_assurance,
        "awardingBody": [_awarding_body(body, issuer) for body in spec.awarding_bodies],
    }
    if spec.ects is not None:
        node["creditsAvailable"] = _number(spec.ects)
        node["creditSystem"] = ECTS_CONCEPT
    if spec.version:
        node["version"] = spec.version
    if spec.prerequisites:
        node["prerequisites"] = spec.prerequisites
    if spec.supervision is not None:
        node["supervisionVerification"] = _concept(spec.supervision)
    if spec.assessment_language is not None:
        node["assessmentLanguage"] = spec.assessment_language
    if spec.further_information_url:
        node["furtherInformation"] = spec.further_information_url
    if spec.part_of is not None:
        node["isPartOf"] = {"id": spec.part_of.achievement_id, "name": spec.part_of.name}
    if award.grade is not None:
        node["resultDescription"] = [
            {
                "id": result_description_id(spec),
                "type": ["ResultDescription"],
                "name": "Final assessment score",
                "resultType": "Percent",
                "valueMin": "0",
                "valueMax": "100",
                "requiredValue": _decimal_text(award.grade.pass_mark),
            }
        ]
    return node


def subject(
    recipient: Recipient, spec: AchievementSpec, issuer: dict[str, Any], award: Award
) -> dict[str, Any]:
    """OB 3.0 B.1.3 AchievementSubject: the learner (hashed e-mail + name) and the award."""
    node: dict[str, Any] = {}
    if recipient.did:
        node["id"] = recipient.did
    node["type"] = ["AchievementSubject"]
    node["identifier"] = [
        {
            "type": "IdentityObject",
            "identityType": "emailAddress",
            "hashed": True,
            "identityHash": recipient.email_hash,
            "salt": recipient.salt,
        },
        {
            "type": "IdentityObject",
            "identityType": "name",
            "hashed": False,
            "identityHash": recipient.full_name,
        },
    ]
    node["achievement"] = achievement(spec, issuer, award)
    if award.grade is not None:
        node["result"] = [
            {
                "type": ["Result"],
                "resultDescription": result_description_id(spec),
                "value": _decimal_text(award.grade.percent),
                "status": "Completed",
            }
        ]
    if spec.ects is not None:
        node["creditsEarned"] = _number(spec.ects)
    return node


def build(
    *,
    issuer: IssuerProfile,
    spec: AchievementSpec,
    recipient: Recipient,
    award: Award,
) -> dict[str, Any]:
    """The unsigned OpenBadgeCredential (VC Data Model 2.0 section 4, OB 3.0 section 8).

    Raises ValueError when the award cannot be certified (a grade below the pass mark: Annex II,
    valid assessment, allows a credential only after a passed assessment).
    """
    if award.grade is not None and not award.grade.passed:
        raise ValueError("a micro-credential is issued only for a passed assessment")
    profile = issuer_profile(issuer)
    credential: dict[str, Any] = {
        "@context": context(),
        "id": award.credential_id,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": spec.title,
        "description": spec.description,
        "issuer": profile,
        "validFrom": format_datetime(award.valid_from),
    }
    if award.valid_until is not None:
        credential["validUntil"] = format_datetime(award.valid_until)
    credential["credentialSubject"] = subject(recipient, spec, profile, award)
    if award.status is not None:
        credential["credentialStatus"] = {
            "id": f"{award.status.list_url}#{award.status.index}",
            "type": "BitstringStatusListEntry",
            "statusPurpose": "revocation",
            "statusListIndex": str(award.status.index),
            "statusListCredential": award.status.list_url,
        }
    if award.stacked:
        # VC 2.0 section 5.6 evidence / OB 3.0 B.1.9 Evidence: one entry per credential this
        # one stacks, its id the stacked credential's id, so software can follow the link.
        credential["evidence"] = [
            {
                "id": part.credential_id,
                "type": ["Evidence"],
                "name": part.name,
            }
            for part in award.stacked
        ]
    return credential
