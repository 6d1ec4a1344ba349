"""Export a micro-credential to the European Learning Model 3 (ELM): an unsealed EDC.

The same data that ``vckit.ob3`` turns into an Open Badges 3.0 credential (the dataclasses of
``vckit.model``) written as a European Digital Credential (EDC), the Europass format: a W3C
Verifiable Credential **1.1** JSON-LD document with the ELM 3 EDC application-profile context,
valid against the official SHACL shapes it names in ``credentialSchema`` (EDC-generic-full
1.1.0). Every Annex I element of the Council Recommendation on micro-credentials (OJ C 243,
27.6.2022) is in it; ``docs/annex1-mapping.md`` lists where.

It is a separate document from the OB3 credential (the two VC versions cannot share a context
list) and it is **not sealed**: an EDC is authentic only with a JAdES seal made with an eIDAS
qualified seal certificate, which a partner organisation adds in the EDC issuer (see
``docs/annex1-mapping.md``, "Sealing the ELM export"). The Data Integrity proof of the OB3
credential does not apply to it.

Conventions (ELM 3 / EDC, see ``shared/notes/annex1-elm-ob3.md``):

- every coded value is a ``Concept`` node whose ``inScheme`` is a ``ConceptScheme`` node, with
  concept URIs from ``vckit.elm_vocab`` (copied from the official vocabularies) or from the
  caller; an official-looking URI that is not in the official list is refused, never written;
- text is a language map (``{"en": "..."}``): the spec's texts under the spec's language,
  texts vckit writes itself (vocabulary labels, DigComp titles, grading scheme) under ``en``;
- every node has an ``id``; a node that occurs twice is written twice identically. Nodes of the
  achievement specification get ids under ``spec.id``, nodes of this one credential under the
  credential id ``urn:credential:<uuid of the OB3 credential>``;
- the learner's e-mail address is left out unless the caller asks for it (GDPR minimisation).
"""

from __future__ import annotations

import base64
import struct
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from typing import Any
from urllib.parse import quote

from vckit import digcomp, elm_vocab
from vckit.dates import format_datetime
from vckit.documents import EDC_AP, VC_V1
from vckit.elm_vocab import Vocabulary
from vckit.model import (
    AchievementSpec,
    Award,
    Concept,
    IssuerProfile,
    LearningOutcome,
    Organisation,
    Recipient,
)
from vckit.ob3 import iso_duration_hours

CONTEXT = [VC_V1, EDC_AP]
CREDENTIAL_TYPE = ["VerifiableCredential", "EuropeanDigitalCredential"]
# The official EDC shapes (generic profile, with controlled-vocabulary restrictions).
SHAPES_GENERIC_FULL = "http://data.europa.eu/snb/model/ap/edc-generic-full"

# Subjects of the notes that carry Annex I elements ELM has no property for. Microcred's own
# concept scheme, under the same placeholder base as the Annex I OB3 context
# (vckit/contexts/annex1-v1.jsonld): change them together before the first real issuance.
NOTE_SUBJECTS_SCHEME = "https://w3id.org/microcred/ns/annex1/note-subjects"
QUALITY_ASSURANCE_SUBJECT = NOTE_SUBJECTS_SCHEME + "#quality-assurance-type"
LEVEL_SUBJECT = NOTE_SUBJECTS_SCHEME + "#level"
DIGCOMP_SUBJECT = NOTE_SUBJECTS_SCHEME + "#digcomp-competence"
_SUBJECT_LABELS = {
    QUALITY_ASSURANCE_SUBJECT: "Type of quality assurance (Annex I, Council Recommendation "
    "2022/C 243/02)",
    LEVEL_SUBJECT: "Level (EQF / QF-EHEA) (Annex I, Council Recommendation 2022/C 243/02)",
    DIGCOMP_SUBJECT: "DigComp 2.2 competence and proficiency level",
}
# The 21 DigComp 2.2 competences as concepts, for those whose Europass URI is unknown offline.
DIGCOMP_OWN_SCHEME = "https://w3id.org/microcred/ns/digcomp-2.2"
LEVEL_NOT_APPLICABLE = (
    "Not applicable: this micro-credential is not levelled in the European Qualifications "
    "Framework or a national qualifications framework."
)

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_JPEG_SIGNATURE = b"\xff\xd8\xff"


@dataclass(frozen=True, slots=True)
class DisplayImage:
    """A picture of the credential (EDC ``displayParameter``): e.g. page 1 of the PDF, as PNG."""

    content: bytes = field(repr=False)
    media_type: str = "image/png"

    def __post_init__(self) -> None:
        if self.media_type not in elm_vocab.FILE_TYPES:
            raise ValueError(f"display images are {', '.join(elm_vocab.FILE_TYPES)}")
        signature = _PNG_SIGNATURE if self.media_type == "image/png" else _JPEG_SIGNATURE
        if not self.content.startswith(signature):
            raise ValueError(f"the display image is not a {self.media_type} file")


@dataclass(frozen=True, slots=True)
class ElmOptions:
    """Choices that hold for a whole deployment rather than for one credential.

    ``learning_setting`` and ``learning_opportunity_type`` are concept URIs of the Europass
    lists (default: non-formal learning, short learning programme). ``competence_scheme`` is
    the caller's concept scheme for ``LearningOutcome.competence_uri`` values that are not in
    the Europass DigComp list; without it such URIs are left out of ``relatedSkill`` (the
    competence is still named in the outcome's note).
    """

    learning_setting: str = elm_vocab.NON_FORMAL_LEARNING
    learning_opportunity_type: str = elm_vocab.SHORT_LEARNING_PROGRAMME
    competence_scheme: str | None = None

    def __post_init__(self) -> None:
        for vocabulary, uri in (
            (elm_vocab.LEARNING_SETTINGS, self.learning_setting),
            (elm_vocab.LEARNING_OPPORTUNITY_TYPES, self.learning_opportunity_type),
        ):
            if uri not in vocabulary.concepts:
                raise ValueError(f"{uri} is not a concept of {vocabulary.scheme}")
        if self.competence_scheme is not None and ":" not in self.competence_scheme:
            raise ValueError("competence_scheme must be an absolute URI")


DEFAULT_OPTIONS = ElmOptions()


def credential_id(award: Award) -> str:
    """``urn:credential:<uuid>`` (the EDC form) with the UUID of the OB3 credential."""
    return "urn:credential:" + award.credential_id.removeprefix("urn:uuid:")


# ---------------------------------------------------------------- building blocks


def _text(language: str, value: str) -> dict[str, str]:
    return {language: value}


def _concept(uri: str, labels: Mapping[str, str], scheme: str) -> dict[str, Any]:
    node: dict[str, Any] = {
        "id": uri,
        "type": "Concept",
        "inScheme": {"id": scheme, "type": "ConceptScheme"},
    }
    if labels:
        node["prefLabel"] = dict(labels)
    return node


def _vocab_concept(vocabulary: Vocabulary, uri: str) -> dict[str, Any]:
    label = vocabulary.label(uri)
    return _concept(uri, {"en": label} if label else {}, vocabulary.scheme)


def _caller_concept(
    concept: Concept, vocabulary: Vocabulary, language: str, what: str
) -> dict[str, Any]:
    """A concept given by the caller: checked against the official list it claims to be from.

    A URI in the official namespace must be a member of the list (official label in English,
    the caller's label in the spec's language). A URI outside it is the caller's own concept
    and needs its own scheme.
    """
    if vocabulary.owns(concept.uri):
        if concept.uri not in vocabulary.concepts:
            raise ValueError(
                f"{what} {concept.uri} is not a concept of {vocabulary.scheme} "
                f"({vocabulary.source}); concept URIs are never made up"
            )
        if concept.scheme not in (None, vocabulary.scheme):
            raise ValueError(
                f"{what} {concept.uri} is in {vocabulary.scheme}, not {concept.scheme}"
            )
        official = vocabulary.concepts[concept.uri]
        labels = {"en": official} if official else {}
        if language not in labels:
            labels[language] = concept.label
        return _concept(concept.uri, labels, vocabulary.scheme)
    if concept.scheme is None or concept.scheme == vocabulary.scheme:
        raise ValueError(
            f"{what} {concept.uri} is not from {vocabulary.scheme}: give the concept's own scheme"
        )
    return _concept(concept.uri, {language: concept.label}, concept.scheme)


def _note(node_id: str, language: str, text: str, subject: str | None = None) -> dict[str, Any]:
    node: dict[str, Any] = {"id": node_id, "type": "Note", "noteLiteral": _text(language, text)}
    if subject is not None:
        node["subject"] = _concept(subject, {"en": _SUBJECT_LABELS[subject]}, NOTE_SUBJECTS_SCHEME)
    return node


def _web_resource(node_id: str, url: str) -> dict[str, Any]:
    return {"id": node_id, "type": "WebResource", "contentURL": url}


def _mailbox(address: str) -> dict[str, Any]:
    return {"id": "mailto:" + quote(address.strip(), safe="@!$&'()*+,;=-._~"), "type": "Mailbox"}


def _country(code: str) -> dict[str, Any]:
    uri, label = elm_vocab.country(code)
    return _concept(uri, {"en": label}, elm_vocab.COUNTRY_SCHEME)


def _language(tag: str) -> dict[str, Any]:
    uri, label = elm_vocab.language(tag)
    return _concept(uri, {"en": label}, elm_vocab.LANGUAGE_SCHEME)


def _location(prefix: str, country_code: str, region: str | None, language: str) -> dict[str, Any]:
    """dc:Location with the country as an authority concept; a region as its geographic name."""
    location: dict[str, Any] = {
        "id": f"{prefix}-location",
        "type": "Location",
        "address": {
            "id": f"{prefix}-address",
            "type": "Address",
            "countryCode": _country(country_code),
        },
    }
    if region:
        location["geographicName"] = _text(language, region)
    return location


def _number_text(value: Decimal) -> str:
    return str(int(value)) if value == value.to_integral_value() else str(value.normalize())


# ---------------------------------------------------------------- organisations, learner


def issuer_organisation(issuer: IssuerProfile, cred_id: str, language: str) -> dict[str, Any]:
    """The issuer as an ELM Organisation with the legal identity EDC requires.

    ``legal_identifier`` becomes both the registration and ``eIDASIdentifier`` (EDC requires
    the latter on the issuer). The issuer of an EDC is the organisation that seals it: for a
    partner's seal, build the export with the partner as issuer (docs/annex1-mapping.md).
    """
    if not issuer.legal_identifier:
        raise ValueError(
            "the ELM export needs the issuer's legal identifier (IssuerProfile.legal_identifier): "
            "EDC requires a legal identifier (eIDASIdentifier) on the issuer"
        )
    legal_identifier = {
        "id": f"{cred_id}#issuer-legal-identifier",
        "type": "LegalIdentifier",
        "notation": issuer.legal_identifier,
        "spatial": _country(issuer.country_code),
    }
    return {
        "id": issuer.did,
        "type": "Organisation",
        "legalName": _text(language, issuer.name),
        "registration": legal_identifier,
        "eIDASIdentifier": legal_identifier,
        "location": _location(f"{cred_id}#issuer", issuer.country_code, issuer.region, language),
        "homepage": _web_resource(f"{cred_id}#issuer-homepage", issuer.url),
        "contactPoint": {
            "id": f"{cred_id}#issuer-contact-point",
            "type": "ContactPoint",
            "emailAddress": _mailbox(issuer.email),
        },
    }


def _awarding_body(
    body: Organisation, index: int, issuer: dict[str, Any], cred_id: str, language: str
) -> dict[str, Any]:
    # A node id used twice must carry identical content: the issuer is written as itself.
    if body.id == issuer["id"]:
        return issuer
    node: dict[str, Any] = {
        "id": body.id,
        "type": "Organisation",
        "legalName": _text(language, body.name),
        "location": _location(
            f"{cred_id}#awarding-body-{index}", body.country_code, body.region, language
        ),
    }
    if body.url:
        node["homepage"] = _web_resource(f"{cred_id}#awarding-body-{index}-homepage", body.url)
    return node


def person(
    recipient: Recipient,
    cred_id: str,
    language: str,
    *,
    given_name: str | None,
    family_name: str | None,
    include_email: bool,
) -> dict[str, Any]:
    """The learner (Annex I element 1): names as language maps; e-mail only when asked for."""
    node: dict[str, Any] = {
        "id": recipient.did or f"{cred_id}#learner",
        "type": "Person",
        "fullName": _text(language, recipient.full_name),
    }
    if given_name:
        node["givenName"] = _text(language, given_name)
    if family_name:
        node["familyName"] = _text(language, family_name)
    if include_email:
        node["contactPoint"] = {
            "id": f"{cred_id}#learner-contact-point",
            "type": "ContactPoint",
            "emailAddress": _mailbox(recipient.email),
        }
    return node


# ---------------------------------------------------------------- the specification


def _competence_uri(outcome: LearningOutcome) -> str | None:
    """The outcome's competence URI, or the Europass DigComp concept of its code if known."""
    official_codes = {uri: code for code, uri in elm_vocab.DIGCOMP_COMPETENCE_URIS.items()}
    uri = outcome.competence_uri
    if uri in official_codes and official_codes[uri] != outcome.digcomp_code:
        raise ValueError(f"{uri} is DigComp {official_codes[uri]}, not {outcome.digcomp_code}")
    return uri or elm_vocab.DIGCOMP_COMPETENCE_URIS.get(outcome.digcomp_code)


def digcomp_concept_uri(code: str) -> str:
    """The concept of DigComp 2.2 competence ``code`` in Microcred's own scheme ("…#c3.1")."""
    digcomp.competence_title(code)  # refuses a code that is not a DigComp 2.2 competence
    return f"{DIGCOMP_OWN_SCHEME}#c{code}"


def _learning_outcome(
    outcome: LearningOutcome, node_id: str, language: str, options: ElmOptions
) -> dict[str, Any]:
    node: dict[str, Any] = {
        "id": node_id,
        "type": "LearningOutcome",
        "title": _text(language, outcome.statement),
    }
    competence = _competence_uri(outcome)
    title = digcomp.competence_title(outcome.digcomp_code)
    if competence is not None and competence.startswith(elm_vocab.DIGCOMP_NAMESPACE):
        node["relatedSkill"] = [_concept(competence, {"en": title}, elm_vocab.DIGCOMP_SCHEME)]
    elif competence is not None and options.competence_scheme is not None:
        node["relatedSkill"] = [_concept(competence, {"en": title}, options.competence_scheme)]
    else:
        # The Europass DigComp list's URI for this competence is not known offline: link the
        # competence of our own DigComp 2.2 scheme, so every outcome names its competence in
        # machine-readable form (the note below still says it in words).
        node["relatedSkill"] = [
            _concept(
                digcomp_concept_uri(outcome.digcomp_code), {"en": title}, DIGCOMP_OWN_SCHEME
            )
        ]
    if outcome.esco_uri is not None:
        if not outcome.esco_uri.startswith(elm_vocab.ESCO_SKILL_NAMESPACE):
            raise ValueError(f"{outcome.esco_uri} is not an ESCO skill URI")
        esco_label = elm_vocab.ESCO_SKILL_LABELS.get(outcome.esco_uri)
        node["relatedESCOSkill"] = [
            _concept(
                outcome.esco_uri,
                {"en": esco_label} if esco_label else {},
                elm_vocab.ESCO_SKILLS_SCHEME,
            )
        ]
    node["additionalNote"] = [
        _note(
            f"{node_id}-digcomp",
            "en",
            f"DigComp 2.2 competence {outcome.digcomp_code} {title}; "
            f"{digcomp.level_description(outcome.digcomp_level)}.",
            DIGCOMP_SUBJECT,
        )
    ]
    return node


def _grading_scheme(spec: AchievementSpec, award: Award) -> dict[str, Any]:
    node: dict[str, Any] = {"id": f"{spec.id}#grading-scheme", "type": "GradingScheme"}
    if award.grade is not None:
        node["title"] = _text("en", "Percentage score")
        node["description"] = _text(
            "en",
            "Score from 0 to 100 %; the assessment is passed with "
            f"{_number_text(award.grade.pass_mark)} % or more.",
        )
    else:
        node["title"] = _text("en", "Pass / fail")
        node["description"] = _text(
            "en", "The micro-credential is awarded only for a passed assessment."
        )
    return node


def assessment_specification(spec: AchievementSpec, award: Award, language: str) -> dict[str, Any]:
    """Annex I element 9, type of assessment: ``dcType`` from the Europass assessment types."""
    return {
        "id": f"{spec.id}#assessment",
        "type": "LearningAssessmentSpecification",
        "title": _text(language, spec.assessment_type.label),
        "dcType": _caller_concept(
            spec.assessment_type, elm_vocab.ASSESSMENT_TYPES, language, "assessment type"
        ),
        "language": _language(spec.assessment_language or spec.language),
        "gradingScheme": _grading_scheme(spec, award),
    }


def specification(
    spec: AchievementSpec,
    award: Award,
    options: ElmOptions,
    assessment_spec: dict[str, Any],
) -> dict[str, Any]:
    """The LearningAchievementSpecification carrying the Annex I elements of the module.

    With an EQF level it is typed ``Qualification`` (an ELM subclass of
    LearningAchievementSpecification): ``elm:EQFLevel`` has the domain Qualification in ELM 3.1
    and the EDC shapes define it on Qualification only, as in the official MC-Annex1 sample.
    """
    language = spec.language
    kind = "Qualification" if spec.eqf_level is not None else "LearningAchievementSpecification"
    node: dict[str, Any] = {
        "id": spec.id,
        "type": kind,
        "title": _text(language, spec.title),
        "description": _text(language, spec.description),
        "language": _language(language),
        "dcType": _vocab_concept(
            elm_vocab.LEARNING_OPPORTUNITY_TYPES, options.learning_opportunity_type
        ),
        "learningOutcome": [
            _learning_outcome(outcome, f"{spec.id}#learning-outcome-{number}", language, options)
            for number, outcome in enumerate(spec.learning_outcomes, start=1)
        ],
        "volumeOfLearning": iso_duration_hours(spec.workload_hours),
        "mode": _caller_concept(
            spec.form_of_participation, elm_vocab.MODES, language, "form of participation"
        ),
        "learningSetting": _vocab_concept(elm_vocab.LEARNING_SETTINGS, options.learning_setting),
        "provenBy": assessment_spec,
    }
    if spec.ects is not None:
        node["creditPoint"] = _ects(f"{spec.id}#ects", spec.ects)
    notes = [
        _note(
            f"{spec.id}#quality-assurance",
            language,
            spec.quality_assurance,
            QUALITY_ASSURANCE_SUBJECT,
        )
    ]
    if spec.eqf_level is not None:
        node["eqfLevel"] = _vocab_concept(elm_vocab.EQF, f"{elm_vocab.SNB}eqf/{spec.eqf_level}")
    else:
        notes.append(_note(f"{spec.id}#level", "en", LEVEL_NOT_APPLICABLE, LEVEL_SUBJECT))
    node["additionalNote"] = notes
    if spec.prerequisites:
        node["entryRequirement"] = _note(
            f"{spec.id}#entry-requirement", language, spec.prerequisites
        )
    if spec.part_of is not None:
        # Stackability: the full course this module counts towards. The EDC shapes require a
        # Qualification to be part of a Qualification, so the course gets the module's type.
        node["isPartOf"] = [
            {
                "id": spec.part_of.achievement_id,
                "type": kind,
                "title": _text(language, spec.part_of.name),
            }
        ]
    if spec.further_information_url:
        node["homepage"] = [
            _web_resource(f"{spec.id}#further-information", spec.further_information_url)
        ]
    return node


def _ects(node_id: str, ects: Decimal) -> dict[str, Any]:
    return {
        "id": node_id,
        "type": "CreditPoint",
        "framework": _vocab_concept(elm_vocab.CREDIT_SYSTEMS, elm_vocab.ECTS),
        "point": _number_text(ects),
    }


# ---------------------------------------------------------------- display


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return (
        struct.pack(">I", len(data))
        + kind
        + data
        + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    )


@cache
def placeholder_page() -> bytes:
    """A plain A4-proportioned PNG page (white, grey frame, blue header band).

    EDC requires a picture of every page of the credential. Pass the real rendering
    (``DisplayImage``) whenever there is one; this placeholder only keeps the export valid.
    """
    width, height, frame, band = 420, 594, 12, 72
    white, grey, blue = b"\xff\xff\xff", b"\x99\x99\x99", b"\x00\x33\x99"
    rows = []
    for y in range(height):
        if y < frame or y >= height - frame:
            row = grey * width
        else:
            inner = blue if y < frame + band else white
            row = grey * frame + inner * (width - 2 * frame) + grey * frame
        rows.append(b"\x00" + row)
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        _PNG_SIGNATURE
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", zlib.compress(b"".join(rows), 9))
        + _png_chunk(b"IEND", b"")
    )


def display_parameter(
    spec: AchievementSpec, cred_id: str, image: DisplayImage | None
) -> dict[str, Any]:
    """How EDC viewers show the credential: title, languages and a picture of each page."""
    image = image or DisplayImage(placeholder_page(), "image/png")
    file_type, file_label = elm_vocab.FILE_TYPES[image.media_type]
    language = _language(spec.language)
    return {
        "id": f"{cred_id}#display",
        "type": "DisplayParameter",
        "title": _text(spec.language, spec.title),
        "description": _text(spec.language, spec.description),
        "language": [language],
        "primaryLanguage": language,
        "individualDisplay": [
            {
                "id": f"{cred_id}#display-{spec.language}",
                "type": "IndividualDisplay",
                "language": language,
                "displayDetail": [
                    {
                        "id": f"{cred_id}#display-{spec.language}-page-1",
                        "type": "DisplayDetail",
                        "page": 1,
                        "image": {
                            "id": f"{cred_id}#display-{spec.language}-page-1-image",
                            "type": "MediaObject",
                            "content": base64.b64encode(image.content).decode("ascii"),
                            "contentEncoding": _concept(
                                elm_vocab.BASE64,
                                {"en": elm_vocab.BASE64_LABEL},
                                elm_vocab.ENCODING_SCHEME,
                            ),
                            "contentType": _concept(
                                file_type, {"en": file_label}, elm_vocab.FILE_TYPE_SCHEME
                            ),
                        },
                    }
                ],
            }
        ],
    }


# ---------------------------------------------------------------- the credential


def _grade(spec: AchievementSpec, award: Award, cred_id: str) -> dict[str, Any]:
    # EDC requires a grade on every assessment; a credential is only issued for a pass.
    if award.grade is None:
        return _note(f"{cred_id}#grade", "en", "Passed")
    return _note(f"{cred_id}#grade", spec.language, f"{_number_text(award.grade.percent)} %")


def build(
    *,
    issuer: IssuerProfile,
    spec: AchievementSpec,
    recipient: Recipient,
    award: Award,
    given_name: str | None = None,
    family_name: str | None = None,
    include_email: bool = False,
    display_image: DisplayImage | None = None,
    options: ElmOptions = DEFAULT_OPTIONS,
) -> dict[str, Any]:
    """The unsealed European Digital Credential (ELM 3, VC 1.1 JSON-LD) of one award.

    Same inputs as ``ob3.build``, plus: the learner's given and family names when the platform
    knows them (``recipient.full_name`` is always written), ``include_email`` to add the
    learner's e-mail address (off by default: GDPR data minimisation), a picture of the
    credential for EDC viewers (a plain placeholder page otherwise) and deployment options.

    Raises ValueError for a failed assessment (as ``ob3.build``), an issuer without a legal
    identifier, a country or language outside ``vckit.elm_vocab``, or a concept URI that claims
    an official list it is not in.
    """
    if award.grade is not None and not award.grade.passed:
        raise ValueError("a micro-credential is issued only for a passed assessment")
    language = spec.language
    cred_id = credential_id(award)
    organisation = issuer_organisation(issuer, cred_id, language)
    awarding = {
        "id": f"{cred_id}#awarding",
        "type": "AwardingProcess",
        "awardingBody": [
            _awarding_body(body, number, organisation, cred_id, language)
            for number, body in enumerate(spec.awarding_bodies, start=1)
        ],
        "awardingDate": format_datetime(award.valid_from),
    }
    assessment_spec = assessment_specification(spec, award, language)
    assessment: dict[str, Any] = {
        "id": f"{cred_id}#assessment",
        "type": "LearningAssessment",
        "title": _text(language, spec.assessment_type.label),
        "grade": _grade(spec, award, cred_id),
        "awardedBy": awarding,
        "specifiedBy": assessment_spec,
    }
    if spec.supervision is not None:
        assessment["idVerification"] = _caller_concept(
            spec.supervision,
            elm_vocab.SUPERVISION_VERIFICATION,
            language,
            "supervision and identity verification",
        )
    achievement: dict[str, Any] = {
        "id": f"{cred_id}#achievement",
        "type": "LearningAchievement",
        "title": _text(language, spec.title),
        "description": _text(language, spec.description),
        "awardedBy": awarding,
        "provenBy": [assessment],
        "specifiedBy": specification(spec, award, options, assessment_spec),
    }
    if spec.ects is not None:
        achievement["creditReceived"] = [_ects(f"{cred_id}#credit-received", spec.ects)]
    subject = person(
        recipient,
        cred_id,
        language,
        given_name=given_name,
        family_name=family_name,
        include_email=include_email,
    )
    subject["hasClaim"] = [achievement]
    issued = format_datetime(award.valid_from)
    credential: dict[str, Any] = {
        "@context": list(CONTEXT),
        "id": cred_id,
        "type": list(CREDENTIAL_TYPE),
        "identifier": [
            {
                "id": f"{cred_id}#open-badges-credential",
                "type": "Identifier",
                "schemeName": "Open Badges 3.0 credential (Microcred)",
                "notation": award.credential_id,
            }
        ],
        "credentialProfiles": [
            _vocab_concept(elm_vocab.CREDENTIAL_TYPES, elm_vocab.GENERIC_CREDENTIAL)
        ],
        "credentialSchema": [{"id": SHAPES_GENERIC_FULL, "type": "ShaclValidator2017"}],
        "displayParameter": display_parameter(spec, cred_id, display_image),
        "issuer": organisation,
        "issuanceDate": issued,
        "issued": issued,
        "validFrom": issued,
    }
    if award.valid_until is not None:
        credential["expirationDate"] = format_datetime(award.valid_until)
        credential["validUntil"] = format_datetime(award.valid_until)
    credential["credentialSubject"] = subject
    return credential
