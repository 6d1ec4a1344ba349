"""Sample issuers, keys, specifications and awards for tests and benchmarks."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from vckit import did, ob3
from vckit.model import (
    AchievementSpec,
    Award,
    Concept,
    Grade,
    IssuerKey,
    IssuerProfile,
    LearningOutcome,
    Organisation,
    PartOf,
    Recipient,
    StatusEntry,
)

ISSUER_DID = "did:web:microcred.example"
STATUS_LIST_URL = "https://microcred.example/status/1"
VALID_FROM = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)


def key_from_label(label: str, controller: str | None = ISSUER_DID) -> IssuerKey:
    """A deterministic test key (never derive real keys from labels)."""
    return did.issuer_key(hashlib.sha256(label.encode()).digest(), controller)


ISSUER = IssuerProfile(
    did=ISSUER_DID,
    name="Fundacja Cyfrowa Przyszłość",
    url="https://microcred.example",
    email="credentials@microcred.example",
    country_code="PL",
    region="Mazowieckie",
    legal_identifier="PL-KRS-0000123456",
)

ONLINE = Concept(
    label="Online",
    uri="http://data.europa.eu/snb/learning-assessment/920fbb3cbe",
    scheme="http://data.europa.eu/snb/learning-assessment/25831c2",
)
QUIZ = Concept(
    label="Online quiz",
    uri="http://data.europa.eu/snb/assessment/b1b68f6735",
    scheme="http://data.europa.eu/snb/assessment/25831c2",
)
SUPERVISION = Concept(
    label="Unsupervised with no identity verification",
    uri="http://data.europa.eu/snb/supervision-verification/c598449d64",
    scheme="http://data.europa.eu/snb/supervision-verification/25831c2",
)

SPEC = AchievementSpec(
    id="https://microcred.example/achievements/m01-devices-and-basics/v1",
    title="Devices and digital basics",
    description="Use a computer, tablet or phone safely and confidently for everyday tasks.",
    learning_outcomes=(
        LearningOutcome(
            statement="Find information on the web with a search engine and filter results.",
            digcomp_code="1.1",
            digcomp_level=2,
        ),
        LearningOutcome(
            statement="Keep a device updated and protected with a screen lock.",
            digcomp_code="4.1",
            digcomp_level=3,
        ),
        LearningOutcome(
            statement="Create a simple document and save it in a folder you can find again.",
            digcomp_code="3.1",
            digcomp_level=2,
            esco_uri="http://data.europa.eu/esco/skill/5fd5c985-eaaa-47aa-8314-62359c54505a",
            competence_uri="http://data.europa.eu/snb/dcf/u69o196gu6",
        ),
    ),
    workload_hours=Decimal("25"),
    ects=Decimal("1"),
    eqf_level=3,
    assessment_type=QUIZ,
    form_of_participation=ONLINE,
    quality_assurance=(
        "Internal quality assurance: every module version is approved by the consortium's "
        "Advisory Board before learners can earn it."
    ),
    prerequisites="None. Basic reading skills in the course language.",
    supervision=SUPERVISION,
    further_information_url="https://microcred.example/courses/digital-basics",
    part_of=PartOf(
        achievement_id="https://microcred.example/achievements/digital-basics-course/v1",
        name="Digital skills for everyday life (full course)",
    ),
    awarding_bodies=(
        Organisation(id=ISSUER_DID, name=ISSUER.name, country_code="PL", region="Mazowieckie"),
        Organisation(
            id="https://partner.example/",
            name="Partner Learning Centre",
            country_code="PT",
            url="https://partner.example/",
        ),
    ),
    language="en",
    version="1.0",
    assessment_language="pl",  # tested in Polish, credential in English: both are stated
)

RECIPIENT = Recipient(
    full_name="Maria Nowak",
    email="maria.nowak@example.org",
    salt="5f1e0c2a9b7d4e3f8a6c1b0d2e4f6a8c",
)


def award(number: int = 0, *, status_index: int | None = None) -> Award:
    return Award(
        credential_id=f"urn:uuid:0f8fad5b-d9cb-469f-a165-{number:012x}",
        valid_from=VALID_FROM,
        grade=Grade(percent=Decimal("87.5"), pass_mark=Decimal("60")),
        status=StatusEntry(
            list_url=STATUS_LIST_URL, index=number if status_index is None else status_index
        ),
    )


def credential(number: int = 0) -> dict[str, Any]:
    return ob3.build(issuer=ISSUER, spec=SPEC, recipient=RECIPIENT, award=award(number))
