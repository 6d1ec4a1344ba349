"""Read the Annex I elements back out of a signed Open Badges 3.0 credential.

The inverse of ``vckit.ob3.build``: the issuer, the achievement (every Annex I element) and the
award, as the frozen dataclasses of ``vckit.model``. Every copy of a credential the platform
hands out besides the signed JSON (the verify page, the PDF certificate, the ELM/Europass
export) is made from what this returns, so a copy can never say more, less or other than what
was signed (OB 3.0 section 8, AchievementCredential; Annex I of Council Recommendation
2022/C 243/02).

It reads credentials in the shape ``ob3.build`` writes (the Microcred Annex I terms), and
tolerates other OB 3.0 credentials as far as they carry the same properties: a missing or
malformed element raises ``UnreadableCredential`` naming the element, never a guess.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from vckit import digcomp
from vckit.model import (
    AchievementSpec,
    Award,
    Concept,
    Grade,
    IssuerProfile,
    LearningOutcome,
    Organisation,
    PartOf,
    Recipient,
    StackedCredential,
    StatusEntry,
)
from vckit.ob3 import EQF_FRAMEWORK, ESCO_FRAMEWORK

_DURATION = re.compile(r"^PT(?:(\d+)H)?(?:(\d+)M)?$")
_EQF_URL = re.compile(r"^https?://data\.europa\.eu/snb/eqf/([1-8])$")


class UnreadableCredential(ValueError):
    """The credential lacks an Annex I element, or states it in a form vckit cannot read."""


@dataclass(frozen=True, slots=True)
class SignedAward:
    """What a signed credential states: issuer, achievement, award and the learner's name."""

    issuer: IssuerProfile
    spec: AchievementSpec
    award: Award
    learner_name: str
    salt: str | None = None
    learner_did: str | None = None

    def recipient(self, email: str) -> Recipient:
        """The learner as ``vckit.elm.build`` takes it; ``email`` is only written on request.

        The salt of the credential's hashed e-mail is kept, so a Recipient built with the
        learner's address has the same ``email_hash`` as the signed credential.
        """
        if not self.salt:
            raise UnreadableCredential("identification of the learner: no hashed e-mail")
        return Recipient(
            full_name=self.learner_name, email=email, salt=self.salt, did=self.learner_did
        )


def _list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _dicts(value: Any) -> list[dict[str, Any]]:
    return [item for item in _list(value) if isinstance(item, dict)]


def _types(node: Mapping[str, Any]) -> list[str]:
    return [str(kind) for kind in _list(node.get("type"))]


def _text(node: Mapping[str, Any], key: str, element: str) -> str:
    value = node.get(key)
    if not isinstance(value, str) or not value.strip():
        raise UnreadableCredential(f"{element}: {key} is missing")
    return value


def _optional_text(node: Mapping[str, Any], key: str) -> str | None:
    value = node.get(key)
    return value if isinstance(value, str) and value.strip() else None


def _decimal(value: Any, element: str) -> Decimal:
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise UnreadableCredential(f"{element}: {value!r} is not a number") from None


def _datetime(value: Any, element: str) -> datetime:
    try:
        return datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        raise UnreadableCredential(f"{element}: {value!r} is not a date and time") from None


def hours_of(duration: str) -> Decimal:
    """Hours of an xsd:duration written by ``ob3.iso_duration_hours`` ("PT12H30M" -> 12.5)."""
    match = _DURATION.match(duration)
    if match is None or not any(match.groups()):
        raise UnreadableCredential(f"notional workload: {duration!r} is not PTnHnM")
    hours, minutes = (int(part or 0) for part in match.groups())
    return Decimal(hours) + Decimal(minutes) / 60


def _concept(value: Any, element: str) -> Concept:
    if not isinstance(value, dict):
        raise UnreadableCredential(f"{element} is missing")
    try:
        return Concept(
            label=str(value.get("prefLabel") or value.get("name") or ""),
            uri=str(value.get("id") or ""),
            scheme=_optional_text(value, "inScheme"),
        )
    except ValueError as error:
        raise UnreadableCredential(f"{element}: {error}") from None


def _address(node: Mapping[str, Any]) -> tuple[str, str | None]:
    address = node.get("address")
    address = address if isinstance(address, dict) else {}
    country = address.get("addressCountryCode")
    if not isinstance(country, str):
        raise UnreadableCredential("country of the issuer: addressCountryCode is missing")
    return country, _optional_text(address, "addressRegion")


def read_issuer(credential: Mapping[str, Any]) -> IssuerProfile:
    """OB 3.0 B.1.17 Profile of the issuer (Annex I element 3, and the legal identifier)."""
    issuer = credential.get("issuer")
    if not isinstance(issuer, dict):
        raise UnreadableCredential("issuer: the issuer profile is missing")
    country, region = _address(issuer)
    legal = [
        entry.get("identifier")
        for entry in _dicts(issuer.get("otherIdentifier"))
        if entry.get("identifierType") == "ext:legalIdentifier"
    ]
    try:
        return IssuerProfile(
            did=_text(issuer, "id", "issuer"),
            name=_text(issuer, "name", "issuer"),
            url=_text(issuer, "url", "issuer"),
            email=_text(issuer, "email", "issuer"),
            country_code=country,
            region=region,
            legal_identifier=str(legal[0]) if legal and legal[0] else None,
        )
    except ValueError as error:
        raise UnreadableCredential(f"issuer: {error}") from None


def _awarding_body(node: Mapping[str, Any], issuer: IssuerProfile) -> Organisation:
    if node.get("id") == issuer.did and "name" not in node:
        # ob3.build refers to the issuer by id only; its Profile is the credential's issuer.
        return Organisation(
            id=issuer.did, name=issuer.name, country_code=issuer.country_code,
            region=issuer.region,
        )
    country, region = _address(node)
    try:
        return Organisation(
            id=_text(node, "id", "awarding body"),
            name=_text(node, "name", "awarding body"),
            country_code=country,
            region=region,
            url=_optional_text(node, "url"),
        )
    except ValueError as error:
        raise UnreadableCredential(f"awarding body: {error}") from None


def _learning_outcome(node: Mapping[str, Any]) -> LearningOutcome:
    alignments = _dicts(node.get("alignment"))
    competences = [a for a in alignments if a.get("targetFramework") == digcomp.FRAMEWORK_NAME]
    esco = [a for a in alignments if a.get("targetFramework") == ESCO_FRAMEWORK]
    if not competences:
        raise UnreadableCredential("learning outcome: no DigComp competence")
    competence = competences[0]
    competence_url = _optional_text(competence, "targetUrl")
    try:
        return LearningOutcome(
            statement=_text(node, "description", "learning outcome"),
            digcomp_code=str(competence.get("targetCode")),
            digcomp_level=int(node.get("digCompLevel") or 0),
            esco_uri=_optional_text(esco[0], "targetUrl") if esco else None,
            competence_uri=None if competence_url == digcomp.FRAMEWORK_URL else competence_url,
        )
    except (ValueError, TypeError) as error:
        raise UnreadableCredential(f"learning outcome: {error}") from None


def eqf_level(achievement: Mapping[str, Any]) -> int | None:
    """Annex I element 8: the level of the EQF alignment (``targetCode`` or the EQF concept)."""
    for alignment in _dicts(achievement.get("alignment")):
        match = _EQF_URL.match(str(alignment.get("targetUrl") or ""))
        if match:
            return int(match.group(1))
        if alignment.get("targetFramework") in (EQF_FRAMEWORK, "EQF"):
            code = str(alignment.get("targetCode") or "")
            if code.isdigit() and 1 <= int(code) <= 8:
                return int(code)
    return None


def _part_of(value: Any) -> PartOf | None:
    if not isinstance(value, dict) or not value.get("id"):
        return None
    return PartOf(achievement_id=str(value["id"]), name=str(value.get("name") or value["id"]))


def read_achievement(credential: Mapping[str, Any], issuer: IssuerProfile) -> AchievementSpec:
    """OB 3.0 B.1.2 Achievement: every Annex I element (see docs/annex1-mapping.md)."""
    subject = _subject(credential)
    node = subject.get("achievement")
    if not isinstance(node, dict):
        raise UnreadableCredential("the achievement is missing")
    credits = node.get("creditsAvailable")
    try:
        return AchievementSpec(
            id=_text(node, "id", "achievement"),
            title=_text(node, "name", "title"),
            description=_text(node, "description", "description"),
            learning_outcomes=tuple(
                _learning_outcome(o) for o in _dicts(node.get("learningOutcome"))
            ),
            workload_hours=hours_of(_text(node, "notionalWorkload", "notional workload")),
            ects=_decimal(credits, "ECTS credits") if credits is not None else None,
            eqf_level=eqf_level(node),
            assessment_type=_concept(node.get("assessmentType"), "type of assessment"),
            form_of_participation=_concept(
                node.get("formOfParticipation"), "form of participation"
            ),
            quality_assurance=_text(node, "qualityAssuranceType", "type of quality assurance"),
            awarding_bodies=tuple(
                _awarding_body(body, issuer) for body in _dicts(node.get("awardingBody"))
            ),
            language=_text(node, "inLanguage", "language"),
            prerequisites=_optional_text(node, "prerequisites"),
            supervision=_concept(node["supervisionVerification"], "supervision")
            if isinstance(node.get("supervisionVerification"), dict)
            else None,
            further_information_url=_optional_text(node, "furtherInformation"),
            part_of=_part_of(node.get("isPartOf")),
            version=_optional_text(node, "version"),
            achievement_type=str(node.get("achievementType") or "MicroCredential"),
            assessment_language=_optional_text(node, "assessmentLanguage"),
        )
    except UnreadableCredential:
        raise
    except ValueError as error:
        raise UnreadableCredential(str(error)) from None


def _subject(credential: Mapping[str, Any]) -> dict[str, Any]:
    subjects = _dicts(credential.get("credentialSubject"))
    if not subjects:
        raise UnreadableCredential("the credential subject is missing")
    return subjects[0]


def _grade(credential: Mapping[str, Any]) -> Grade | None:
    subject = _subject(credential)
    achievement = subject.get("achievement") or {}
    descriptions = {d.get("id"): d for d in _dicts(achievement.get("resultDescription"))}
    for result in _dicts(subject.get("result")):
        description = descriptions.get(result.get("resultDescription"))
        if result.get("value") is None or description is None:
            continue
        return Grade(
            percent=_decimal(result["value"], "grade"),
            pass_mark=_decimal(description.get("requiredValue", 0), "pass mark"),
        )
    return None


def _status(credential: Mapping[str, Any]) -> StatusEntry | None:
    for entry in _dicts(credential.get("credentialStatus")):
        if entry.get("statusPurpose") in (None, "revocation") and entry.get(
            "statusListCredential"
        ):
            return StatusEntry(
                list_url=str(entry["statusListCredential"]),
                index=int(str(entry.get("statusListIndex", 0))),
            )
    return None


def _stacked(credential: Mapping[str, Any]) -> tuple[StackedCredential, ...]:
    return tuple(
        StackedCredential(credential_id=str(item["id"]), name=str(item.get("name") or item["id"]))
        for item in _dicts(credential.get("evidence"))
        if str(item.get("id", "")).startswith("urn:uuid:")
        and "Evidence" in _types(item)
    )


def read_award(credential: Mapping[str, Any]) -> Award:
    """The award: credential id, dates (Annex I element 5), grade, status and stacked parts."""
    try:
        return Award(
            credential_id=_text(credential, "id", "credential id"),
            valid_from=_datetime(credential.get("validFrom"), "date of issuing"),
            valid_until=_datetime(credential["validUntil"], "valid until")
            if credential.get("validUntil")
            else None,
            grade=_grade(credential),
            status=_status(credential),
            stacked=_stacked(credential),
        )
    except UnreadableCredential:
        raise
    except ValueError as error:
        raise UnreadableCredential(str(error)) from None


def read(credential: Mapping[str, Any]) -> SignedAward:
    """Everything a signed OB 3.0 micro-credential states, as vckit dataclasses.

    Raises ``UnreadableCredential`` when an Annex I element is missing or unreadable (for
    example a record that was never signed).
    """
    if "proof" not in credential:
        raise UnreadableCredential("the credential is not signed (no proof)")
    issuer = read_issuer(credential)
    subject = _subject(credential)
    names = [
        str(i.get("identityHash"))
        for i in _dicts(subject.get("identifier"))
        if i.get("identityType") == "name" and i.get("identityHash")
    ]
    salts = [
        str(i.get("salt"))
        for i in _dicts(subject.get("identifier"))
        if i.get("identityType") == "emailAddress" and i.get("salt")
    ]
    if not names:
        raise UnreadableCredential("identification of the learner: no name")
    return SignedAward(
        issuer=issuer,
        spec=read_achievement(credential, issuer),
        award=read_award(credential),
        learner_name=names[0],
        salt=salts[0] if salts else None,
        learner_did=_optional_text(subject, "id"),
    )
