"""The micro-credential as an SD-JWT VC (``dc+sd-jwt``), made from the signed OB 3.0 credential.

The claims are read from ``vckit.signed.SignedAward`` (what was signed), never from platform
rows, so the wallet copy cannot say more, less or other than the Open Badges and Europass
copies. Claim names follow the European Commission's reference learning credential
(``urn:eu.europa.ec.eudi:learning:credential:1`` of eudi-srv-pid-issuer) wherever one fits, and
add claims for the Annex I elements it lacks (awarding bodies, type of assessment, ECTS); see
docs/sd-jwt-vc-mapping.md. Personal and optional claims are selectively disclosable
(RFC 9901); what every verifier needs to judge the credential (issuer, title, workload, level,
form of participation, quality assurance) is always shown.

SD-JWT VC: draft-ietf-oauth-sd-jwt-vc (``typ: dc+sd-jwt``, ``vct``, ``cnf``, ``status``);
status: draft-ietf-oauth-status-list (``status.status_list = {idx, uri}``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from joserfc.jwk import Key

from vckit import sdjwt
from vckit.model import identity_hash
from vckit.ob3 import iso_duration_hours
from vckit.signed import SignedAward

FORMAT = "dc+sd-jwt"
REFERENCE_LEARNING_VCT = "urn:eu.europa.ec.eudi:learning:credential:1"


@dataclass(frozen=True, slots=True)
class TokenStatus:
    """The credential's entry in a Token Status List (status list draft, section 6.2)."""

    uri: str
    index: int


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _percent(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return f"{text} %"


def _date(moment: datetime) -> str:
    return moment.date().isoformat()


def _awarding_bodies(award: SignedAward) -> list[dict[str, Any]]:
    bodies = []
    for body in award.spec.awarding_bodies:
        entry: dict[str, Any] = {"id": body.id, "name": body.name, "country": body.country_code}
        if body.region:
            entry["region"] = body.region
        if body.url:
            entry["url"] = body.url
        bodies.append(entry)
    return bodies


def _issuer_claims(award: SignedAward) -> dict[str, Any]:
    issuer = award.issuer
    claims: dict[str, Any] = {
        "issuing_authority": issuer.name,
        "issuing_authority_id": issuer.did,
        "issuing_country": issuer.country_code,
    }
    if issuer.region:
        claims["issuing_region"] = issuer.region
    if issuer.legal_identifier:
        claims["issuing_authority_legal_identifier"] = issuer.legal_identifier
    return claims


def _learner_claims(award: SignedAward, email: str | None) -> dict[str, Any]:
    claims: dict[str, Any] = {"name": sdjwt.Disclosable(award.learner_name)}
    if email and award.salt:
        # The same salted hash as the OB 3.0 copy's IdentityObject, so one e-mail checks both.
        claims["learner_identification"] = sdjwt.Disclosable(
            {
                "type": "emailAddress",
                "hash": identity_hash(email, award.salt),
                "salt": award.salt,
            }
        )
    return claims


def _achievement_claims(award: SignedAward) -> dict[str, Any]:
    spec = award.spec
    claims: dict[str, Any] = {
        "achievement_id": spec.id,
        "achievement_title": spec.title,
        "achievement_description": spec.description,
        "learning_outcomes": sdjwt.Disclosable(
            [outcome.statement for outcome in spec.learning_outcomes]
        ),
        "digital_competences": sdjwt.Disclosable(
            [
                {"framework": "DigComp 2.2", "code": o.digcomp_code, "level": o.digcomp_level}
                | ({"esco": o.esco_uri} if o.esco_uri else {})
                for o in spec.learning_outcomes
            ]
        ),
        "language_of_classes": spec.language,
        "expected_study_time": iso_duration_hours(spec.workload_hours),
        "assessment_type": spec.assessment_type.label,
        "form_of_participation": spec.form_of_participation.label,
        "types_of_quality_assurance": [spec.quality_assurance],
        "awarding_bodies": _awarding_bodies(award),
        "integration_stackability_options": spec.part_of is not None or bool(award.award.stacked),
    }
    if spec.ects is not None:
        claims["ects_credits"] = _number(spec.ects)
    if spec.eqf_level is not None:
        claims["level_of_learning_experience"] = spec.eqf_level
    if spec.prerequisites:
        claims["prerequisites_to_enroll"] = sdjwt.Disclosable([spec.prerequisites])
    if spec.supervision is not None:
        claims["evaluator_verification"] = sdjwt.Disclosable([spec.supervision.label])
    if spec.assessment_language is not None:
        claims["language_of_assessment"] = spec.assessment_language
    if spec.further_information_url:
        claims["further_information"] = sdjwt.Disclosable(spec.further_information_url)
    if spec.part_of is not None:
        claims["is_part_of"] = sdjwt.Disclosable(
            {"id": spec.part_of.achievement_id, "name": spec.part_of.name}
        )
    return claims


def _award_claims(award: SignedAward) -> dict[str, Any]:
    facts = award.award
    claims: dict[str, Any] = {
        "credential_id": sdjwt.Disclosable(facts.credential_id),
        "date_of_issuance": _date(facts.valid_from),
    }
    if facts.valid_until is not None:
        claims["date_of_expiry"] = _date(facts.valid_until)
    if facts.grade is not None:
        claims["assessment_grade"] = sdjwt.Disclosable(_percent(facts.grade.percent))
        claims["assessment_pass_mark"] = _percent(facts.grade.pass_mark)
    if facts.stacked:
        claims["stacked_credentials"] = sdjwt.Disclosable(
            [{"id": part.credential_id, "name": part.name} for part in facts.stacked]
        )
    return claims


def claims(
    award: SignedAward,
    *,
    vct: str,
    issuer: str,
    holder_jwk: Mapping[str, Any],
    issued_at: datetime,
    status: TokenStatus | None = None,
    email: str | None = None,
) -> dict[str, Any]:
    """Every Annex I element of `award` as SD-JWT VC claims, bound to `holder_jwk` (``cnf``),
    with ``Disclosable`` marking what the holder may withhold."""
    result: dict[str, Any] = {
        "iss": issuer,
        "iat": int(issued_at.timestamp()),
        "vct": vct,
        "cnf": {"jwk": dict(holder_jwk)},
    }
    if award.award.valid_until is not None:
        result["exp"] = int(award.award.valid_until.timestamp())
    if status is not None:
        result["status"] = {"status_list": {"idx": status.index, "uri": status.uri}}
    result |= _issuer_claims(award)
    result |= _learner_claims(award, email)
    result |= _achievement_claims(award)
    result |= _award_claims(award)
    return result


def issue(
    award: SignedAward,
    *,
    key: Key,
    x5c: list[str],
    vct: str,
    issuer: str,
    holder_jwk: Mapping[str, Any],
    issued_at: datetime,
    status: TokenStatus | None = None,
    email: str | None = None,
    decoys: int = 3,
) -> str:
    """The signed SD-JWT VC (ES256, the issuer's certificate chain in ``x5c``)."""
    payload = claims(
        award,
        vct=vct,
        issuer=issuer,
        holder_jwk=holder_jwk,
        issued_at=issued_at,
        status=status,
        email=email,
    )
    header = {"alg": "ES256", "typ": FORMAT, "x5c": x5c}
    return sdjwt.issue(payload, key=key, header=header, decoys=decoys)


# Which claims a holder may withhold ("allowed") and which are always shown ("never"), for the
# Type Metadata (SD-JWT VC draft, section "Claim Selective Disclosure Metadata").
SELECTIVELY_DISCLOSABLE = (
    "name",
    "learner_identification",
    "learning_outcomes",
    "digital_competences",
    "prerequisites_to_enroll",
    "evaluator_verification",
    "further_information",
    "is_part_of",
    "credential_id",
    "assessment_grade",
    "stacked_credentials",
)
ALWAYS_SHOWN = (
    "issuing_authority",
    "issuing_authority_id",
    "issuing_country",
    "issuing_region",
    "issuing_authority_legal_identifier",
    "achievement_id",
    "achievement_title",
    "achievement_description",
    "language_of_classes",
    "language_of_assessment",
    "expected_study_time",
    "assessment_type",
    "form_of_participation",
    "types_of_quality_assurance",
    "awarding_bodies",
    "integration_stackability_options",
    "ects_credits",
    "level_of_learning_experience",
    "date_of_issuance",
    "date_of_expiry",
    "assessment_pass_mark",
)
