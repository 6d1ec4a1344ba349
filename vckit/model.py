"""Plain data that vckit turns into credentials: issuers, keys, recipients, achievements, awards.

Each class is a frozen dataclass that validates itself on creation, so a credential can only be
built from complete, well-formed data. ``AchievementSpec`` carries every element of Annex I of
the Council Recommendation on micro-credentials (OJ C 243, 27.6.2022); see docs in
``vckit/contexts/SOURCE.md`` for how each element lands in the Open Badges 3.0 credential.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from functools import cached_property

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from vckit import digcomp
from vckit.multibase import ed25519_public_multikey

_COUNTRY = re.compile(r"^[A-Z]{2}$")
_ABSOLUTE_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:\S+$")


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise ValueError(message)


def _require_url(value: str, what: str) -> None:
    _require(bool(_ABSOLUTE_URL.match(value)), f"{what} must be an absolute URL/IRI, got {value!r}")


def _require_aware(value: datetime, what: str) -> None:
    _require(
        value.tzinfo is not None and value.utcoffset() is not None, f"{what} needs a time zone"
    )


@dataclass(frozen=True, slots=True)
class Concept:
    """A controlled-vocabulary value: its label and concept URI (e.g. a Europass concept)."""

    label: str
    uri: str
    scheme: str | None = None

    def __post_init__(self) -> None:
        _require(bool(self.label.strip()), "a concept needs a label")
        _require_url(self.uri, "concept URI")
        if self.scheme is not None:
            _require_url(self.scheme, "concept scheme URI")


@dataclass(frozen=True, slots=True)
class Organisation:
    """An awarding body (Annex I elements 3 and 4): identifier, name, country, region."""

    id: str
    name: str
    country_code: str
    region: str | None = None
    url: str | None = None

    def __post_init__(self) -> None:
        _require_url(self.id, "organisation id")
        _require(bool(self.name.strip()), "an organisation needs a name")
        _require(bool(_COUNTRY.match(self.country_code)), "country code must be ISO 3166-1 alpha-2")
        if self.url is not None:
            _require_url(self.url, "organisation url")


@dataclass(frozen=True, slots=True)
class IssuerProfile:
    """The issuing organisation, identified by a DID (OB 3.0 Profile)."""

    did: str
    name: str
    url: str
    email: str
    country_code: str
    region: str | None = None
    legal_identifier: str | None = None

    def __post_init__(self) -> None:
        _require(self.did.startswith("did:"), "the issuer must be identified by a DID")
        _require(bool(self.name.strip()), "the issuer needs a name")
        _require_url(self.url, "issuer url")
        _require("@" in self.email, "the issuer e-mail address is not valid")
        _require(bool(_COUNTRY.match(self.country_code)), "country code must be ISO 3166-1 alpha-2")


@dataclass(frozen=True)
class IssuerKey:
    """An Ed25519 signing key and the verification method that publishes its public half.

    ``private_key`` is the 32-byte seed or a ``cryptography`` key object; it is kept out of
    ``repr`` so it never lands in a log.
    """

    verification_method: str
    private_key: bytes | Ed25519PrivateKey = field(repr=False)
    public_key_multibase: str

    def __post_init__(self) -> None:
        _require("#" in self.verification_method, "a verification method id needs a #fragment")
        _require(
            ed25519_public_multikey(self.public_key_bytes) == self.public_key_multibase,
            "public_key_multibase does not belong to private_key",
        )

    @cached_property
    def signing_key(self) -> Ed25519PrivateKey:
        if isinstance(self.private_key, Ed25519PrivateKey):
            return self.private_key
        return Ed25519PrivateKey.from_private_bytes(self.private_key)

    @property
    def public_key_bytes(self) -> bytes:
        return self.signing_key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)

    @property
    def controller(self) -> str:
        """The DID that controls this key (the part before '#')."""
        return self.verification_method.split("#", 1)[0]


@dataclass(frozen=True, slots=True)
class Recipient:
    """The learner (Annex I element 1). Only a salted hash of the e-mail goes in the credential."""

    full_name: str
    email: str
    salt: str
    did: str | None = None

    def __post_init__(self) -> None:
        _require(bool(self.full_name.strip()), "the recipient needs a name")
        _require("@" in self.email, "the recipient e-mail address is not valid")
        _require(len(self.salt) >= 16, "use a salt of at least 16 characters (new_salt())")

    @property
    def email_hash(self) -> str:
        """OB 3.0 IdentityHash: "sha256$" + hex sha256 of the normalised address + salt."""
        return identity_hash(self.email, self.salt)


def identity_hash(email: str, salt: str) -> str:
    """OB 3.0 section B.1.14 IdentityObject.identityHash for a hashed e-mail address.

    The address is stripped and lower-cased first: mail systems treat addresses
    case-insensitively in practice, and a verifier hashing what the holder types must get the
    same value.
    """
    digest = hashlib.sha256((email.strip().lower() + salt).encode("utf-8")).hexdigest()
    return "sha256$" + digest


def new_salt() -> str:
    """A random salt for Recipient (store it with the issued credential)."""
    return secrets.token_hex(16)


@dataclass(frozen=True, slots=True)
class LearningOutcome:
    """A learning outcome (Annex I element 6) mapped to one DigComp 2.2 competence and level."""

    statement: str
    digcomp_code: str
    digcomp_level: int
    esco_uri: str | None = None
    competence_uri: str | None = None

    def __post_init__(self) -> None:
        _require(bool(self.statement.strip()), "a learning outcome needs a statement")
        digcomp.competence_title(self.digcomp_code)
        digcomp.level_description(self.digcomp_level)
        for uri in (self.esco_uri, self.competence_uri):
            if uri is not None:
                _require_url(uri, "competence URI")


@dataclass(frozen=True, slots=True)
class PartOf:
    """Stackability (Annex I, optional): the larger credential this one counts towards."""

    achievement_id: str
    name: str

    def __post_init__(self) -> None:
        _require_url(self.achievement_id, "isPartOf achievement id")


@dataclass(frozen=True, slots=True)
class AchievementSpec:
    """What the micro-credential certifies: every Annex I element, in the learner's language."""

    id: str
    title: str
    description: str
    learning_outcomes: tuple[LearningOutcome, ...]
    workload_hours: Decimal
    assessment_type: Concept
    form_of_participation: Concept
    quality_assurance: str
    awarding_bodies: tuple[Organisation, ...]
    language: str
    ects: Decimal | None = None
    eqf_level: int | None = None
    prerequisites: str | None = None
    supervision: Concept | None = None
    further_information_url: str | None = None
    part_of: PartOf | None = None
    version: str | None = None
    achievement_type: str = "MicroCredential"
    # The language the learner was assessed in (Annex I allows stating it; ELM 3
    # LearningAssessmentSpecification dc:language), which may differ from `language`.
    assessment_language: str | None = None

    def __post_init__(self) -> None:
        _require_url(self.id, "achievement id")
        _require(bool(self.title.strip()), "the achievement needs a title")
        _require(bool(self.description.strip()), "the achievement needs a description")
        _require(bool(self.learning_outcomes), "Annex I requires learning outcomes")
        _require(self.workload_hours > 0, "Annex I requires a notional workload in hours")
        _require(bool(self.quality_assurance.strip()), "Annex I requires the type of QA")
        _require(bool(self.awarding_bodies), "Annex I requires at least one awarding body")
        _require(bool(re.match(r"^[a-z]{2,3}(-[A-Za-z0-9]+)*$", self.language)), "bad language tag")
        if self.assessment_language is not None:
            _require(
                bool(re.match(r"^[a-z]{2,3}(-[A-Za-z0-9]+)*$", self.assessment_language)),
                "bad language tag of the assessment",
            )
        if self.ects is not None:
            _require(self.ects > 0, "ECTS credits must be positive")
        if self.eqf_level is not None:
            _require(1 <= self.eqf_level <= 8, "EQF levels are 1-8")
        if self.further_information_url is not None:
            _require_url(self.further_information_url, "further information URL")


@dataclass(frozen=True, slots=True)
class Grade:
    """The grade achieved (Annex I, optional): a percentage score against a pass mark."""

    percent: Decimal
    pass_mark: Decimal

    def __post_init__(self) -> None:
        _require(0 <= self.percent <= 100 and 0 <= self.pass_mark <= 100, "percentages are 0-100")

    @property
    def passed(self) -> bool:
        return self.percent >= self.pass_mark


@dataclass(frozen=True, slots=True)
class StatusEntry:
    """Where the credential's revocation bit lives (Bitstring Status List v1.0 section 2.1)."""

    list_url: str
    index: int

    def __post_init__(self) -> None:
        _require_url(self.list_url, "status list URL")
        _require(self.index >= 0, "a status list index is not negative")


@dataclass(frozen=True, slots=True)
class StackedCredential:
    """A credential this one stacks (Annex I, integration/stackability): its id and title."""

    credential_id: str
    name: str

    def __post_init__(self) -> None:
        _require(self.credential_id.startswith("urn:uuid:"), "credential ids are urn:uuid:...")
        _require(bool(self.name.strip()), "a stacked credential needs a name")


@dataclass(frozen=True, slots=True)
class Award:
    """One issuance: credential id, dates (Annex I element 5), grade, status entry, and the
    credentials it stacks (a full-course credential names the module credentials it counted)."""

    credential_id: str
    valid_from: datetime
    valid_until: datetime | None = None
    grade: Grade | None = None
    status: StatusEntry | None = None
    stacked: tuple[StackedCredential, ...] = ()

    def __post_init__(self) -> None:
        _require(self.credential_id.startswith("urn:uuid:"), "credential ids are urn:uuid:...")
        uuid.UUID(self.credential_id.removeprefix("urn:uuid:"))
        _require_aware(self.valid_from, "valid_from")
        if self.valid_until is not None:
            _require_aware(self.valid_until, "valid_until")
            _require(self.valid_until > self.valid_from, "valid_until must be after valid_from")


def new_credential_id() -> str:
    """A fresh ``urn:uuid:`` credential id (VC 2.0 section 4.4 identifiers)."""
    return f"urn:uuid:{uuid.uuid4()}"
