"""The ELM 3 / EDC export: official SHACL shapes, the Annex I profile, no undefined term.

Shapes: the official EDC-generic-full 1.1.0 shapes (with the EDC-generic-no-cv shapes they
import), copied byte for byte into ``data/elm-shapes/``, and Microcred's Annex I profile
``data/annex1-profile.ttl``. The export is turned into RDF offline, through the bundled contexts,
by vckit's own safe-mode JSON-LD processing (``vckit.canon``). Tests that read the vendored
originals in ``../shared/vendor-data/elm`` are skipped when that folder is not beside the repo.
"""

from __future__ import annotations

import copy
import hashlib
import io
import json
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyshacl
import pytest
import rdflib
from PIL import Image
from pyld import jsonld
from rdflib.namespace import OWL, RDF, SH

from vckit import canon, documents, elm, elm_vocab
from vckit.model import Concept, Grade
from vckit.tests import samples

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(__file__).parent / "data"
SHAPES = DATA / "elm-shapes"
PROFILE = DATA / "annex1-profile.ttl"
SHARED_ELM = ROOT.parent / "shared" / "vendor-data" / "elm"
needs_shared = pytest.mark.skipif(
    not SHARED_ELM.is_dir(), reason="../shared/vendor-data/elm is not beside the repository"
)

A1P = rdflib.Namespace("https://w3id.org/microcred/ns/annex1-profile#")
GENERIC_FULL = rdflib.URIRef("http://data.europa.eu/snb/model/ap/edc-generic-full")
GENERIC_NO_CV = rdflib.URIRef("http://data.europa.eu/snb/model/ap/edc-generic-no-cv")
# sha256 recorded in shared/vendor-data/elm/SOURCE.md for the unmodified official files.
OFFICIAL_SHA256 = {
    "EDC-generic-full.ttl": "5e409f5bb79e0013867f63b8e5174ae4013bb971a0d729fd77ba2fb531e1be8b",
    "EDC-generic-no-cv.ttl": "14e691293cad67283301f032b946fdf104687547327bfd0eef747afa3316115d",
    "edc-ap-context.jsonld": "528f8a0e86dbbec7db2216c61806e6311feedac77a51d1a38b0a1d49e4c337fb",
    "w3c-credentials-v1.jsonld": "00d7dd6d3ad8b920e3e550dd3a3d9090bffcac84cdbf943da6924b3e0a5c8bb8",
}

UNSUPERVISED = samples.SUPERVISION
SPEC = samples.SPEC
SPEC_NO_LEVEL = replace(SPEC, eqf_level=None)


def export(**overrides: Any) -> dict[str, Any]:
    arguments: dict[str, Any] = {
        "issuer": samples.ISSUER,
        "spec": SPEC,
        "recipient": samples.RECIPIENT,
        "award": samples.award(),
    }
    arguments.update(overrides)
    return elm.build(**arguments)


def nodes(value: Any) -> Iterator[dict[str, Any]]:
    """Every JSON object of a document, depth first."""
    if isinstance(value, dict):
        yield value
        for item in value.values():
            yield from nodes(item)
    elif isinstance(value, list):
        for item in value:
            yield from nodes(item)


def without(document: dict[str, Any], node_id: str, key: str) -> dict[str, Any]:
    """A copy with ``key`` removed from every copy of the node ``node_id``."""
    result = copy.deepcopy(document)
    removed = 0
    for node in nodes(result):
        if node.get("id") == node_id and key in node:
            del node[key]
            removed += 1
    assert removed, f"{node_id} has no {key}"
    return result


# ---------------------------------------------------------------- SHACL plumbing


def data_graph(document: dict[str, Any]) -> rdflib.Graph:
    """JSON-LD to RDF offline (bundled contexts, safe mode: a dropped key is an error)."""
    quads = canon.document_quads(document)
    graph = rdflib.Graph()
    graph.parse(
        data="".join(f"{q.subject} {q.predicate} {q.object} .\n" for q in quads), format="nt"
    )
    return graph


@pytest.fixture(scope="module")
def official_shapes() -> rdflib.Graph:
    """EDC-generic-full with its owl:imports resolved from the local copies."""
    graph = rdflib.Graph()
    graph.parse(SHAPES / "EDC-generic-full.ttl", format="turtle")
    assert set(graph.objects(GENERIC_FULL, OWL.imports)) == {GENERIC_NO_CV}
    graph.parse(SHAPES / "EDC-generic-no-cv.ttl", format="turtle")
    assert (GENERIC_NO_CV, RDF.type, OWL.Ontology) in graph
    return graph


@pytest.fixture(scope="module")
def profile_shapes() -> rdflib.Graph:
    graph = rdflib.Graph()
    graph.parse(PROFILE, format="turtle")
    return graph


def validate(document: dict[str, Any], shapes: rdflib.Graph) -> tuple[bool, rdflib.Graph, str]:
    conforms, results, text = pyshacl.validate(
        data_graph(document), shacl_graph=shapes, inference="none", do_owl_imports=False
    )
    return bool(conforms), results, str(text)


def failing_shapes(results: rdflib.Graph, severity: rdflib.URIRef = SH.Violation) -> set[str]:
    """Local names of the profile shapes that reported a result of ``severity``."""
    names = set()
    for result in results.objects(None, SH.result):  # top-level results, not sh:detail ones
        if results.value(result, SH.resultSeverity) != severity:
            continue
        source = results.value(result, SH.sourceShape)
        if isinstance(source, rdflib.URIRef):
            names.add(source.split("#")[-1].split("/")[-1])
    return names


# ---------------------------------------------------------------- (1) official shapes

VARIANTS: dict[str, Callable[[], dict[str, Any]]] = {
    "eqf-level": export,
    "no-level": lambda: export(spec=SPEC_NO_LEVEL),
    "minimal-spec": lambda: export(
        spec=replace(
            SPEC_NO_LEVEL,
            ects=None,
            prerequisites=None,
            supervision=None,
            further_information_url=None,
            part_of=None,
            awarding_bodies=SPEC.awarding_bodies[1:],
        )
    ),
    "no-grade-with-expiry": lambda: export(
        award=replace(
            samples.award(),
            grade=None,
            valid_until=samples.VALID_FROM.replace(year=2031),
        )
    ),
    "names-and-email": lambda: export(given_name="Maria", family_name="Nowak", include_email=True),
    "polish-jpeg": lambda: export(
        spec=replace(SPEC, language="pl"),
        display_image=elm.DisplayImage(b"\xff\xd8\xff\xe0" + bytes(64), "image/jpeg"),
    ),
}


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_the_export_is_valid_against_the_official_edc_shapes(
    variant: str, official_shapes: rdflib.Graph
) -> None:
    conforms, _, text = validate(VARIANTS[variant](), official_shapes)
    assert conforms, text


def test_the_export_names_the_shapes_it_is_valid_against() -> None:
    assert export()["credentialSchema"] == [{"id": str(GENERIC_FULL), "type": "ShaclValidator2017"}]


@pytest.mark.parametrize(
    ("node", "key", "shape"),
    [
        ("credential", "issued", "EuropeanDigitalCredential-cred_issued"),
        ("issuer", "eIDASIdentifier", "EuropeanDigitalCredential-cred_issuer"),
        ("assessment", "grade", "LearningAssessment-elm_grade"),
        ("issuer", "legalName", "Organisation-rov_legalName"),
    ],
)
def test_the_official_shapes_catch_what_edc_requires(
    node: str, key: str, shape: str, official_shapes: rdflib.Graph
) -> None:
    document = export()
    ids = {
        "credential": document["id"],
        "issuer": samples.ISSUER.did,
        "assessment": document["id"] + "#assessment",
    }
    conforms, results, _ = validate(without(document, ids[node], key), official_shapes)
    assert not conforms
    assert shape in failing_shapes(results)


def test_the_shape_copies_are_the_official_files_byte_for_byte() -> None:
    for name in ("EDC-generic-full.ttl", "EDC-generic-no-cv.ttl"):
        assert hashlib.sha256((SHAPES / name).read_bytes()).hexdigest() == OFFICIAL_SHA256[name]


@needs_shared
def test_our_validation_agrees_with_the_notes_on_the_official_samples(
    official_shapes: rdflib.Graph,
) -> None:
    # The sealed sample's payload passes; the unsealed draft lacks `issued` and eIDASIdentifier.
    signed = json.loads((SHARED_ELM / "samples/Sample-MC-Annex1-signed.jsonld").read_text())
    conforms, _, text = validate(json.loads(signed["payload"]), official_shapes)
    assert conforms, text
    unsigned = json.loads((SHARED_ELM / "samples/Sample-MC-Annex1-unsigned.jsonld").read_text())
    conforms, results, _ = validate(unsigned, official_shapes)
    assert not conforms
    assert "EuropeanDigitalCredential-cred_issued" in failing_shapes(results)


# ---------------------------------------------------------------- (2) Annex I profile


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_the_export_passes_the_annex1_profile_without_warnings(
    variant: str, profile_shapes: rdflib.Graph
) -> None:
    conforms, _, text = validate(VARIANTS[variant](), profile_shapes)
    assert conforms, text


def _removals(document: dict[str, Any]) -> dict[str, tuple[dict[str, Any], str]]:
    """One copy per mandatory Annex I element, with that element removed -> expected shape."""
    cred = document["id"]
    spec = SPEC.id
    claim = document["credentialSubject"]["hasClaim"][0]
    qa_removed = copy.deepcopy(document)
    for node in nodes(qa_removed):
        if node.get("id") == spec:
            node["additionalNote"] = [
                note
                for note in node["additionalNote"]
                if note["subject"]["id"] != elm.QUALITY_ASSURANCE_SUBJECT
            ]
    partner_address = cred + "#awarding-body-2-address"
    return {
        "1 learner": (without(document, cred + "#learner", "fullName"), "E01-learner"),
        "2 title (achievement)": (
            without(document, claim["id"], "title"),
            "E02-achievement-title",
        ),
        "2 title (specification)": (without(document, spec, "title"), "E02-specification-title"),
        "3 country of the issuer": (
            without(document, cred + "#issuer-address", "countryCode"),
            "E03-issuer-country",
        ),
        "3 country of an awarding body": (
            without(document, partner_address, "countryCode"),
            "E03-awarding-body-country",
        ),
        "4 awarding body": (
            without(document, cred + "#awarding", "awardingBody"),
            "E04-awarding-body",
        ),
        "5 date of issuing": (without(document, cred, "issued"), "E05-date-of-issuing"),
        "6 learning outcomes": (
            without(document, spec, "learningOutcome"),
            "E06-learning-outcomes",
        ),
        "7 notional workload": (
            without(document, spec, "volumeOfLearning"),
            "E07-notional-workload",
        ),
        "8 level": (without(document, spec, "eqfLevel"), "E08-level"),
        "9 type of assessment": (
            without(document, spec + "#assessment", "dcType"),
            "E09-assessment-type",
        ),
        "10 form of participation": (without(document, spec, "mode"), "E10-form-of-participation"),
        "11 type of quality assurance": (qa_removed, "E11-quality-assurance"),
    }


REMOVAL_CASES = sorted(_removals(export()))


@pytest.mark.parametrize("element", REMOVAL_CASES)
def test_removing_any_mandatory_element_fails_the_annex1_profile(
    element: str, profile_shapes: rdflib.Graph
) -> None:
    damaged, shape = _removals(export())[element]
    conforms, results, text = validate(damaged, profile_shapes)
    assert not conforms
    assert shape in failing_shapes(results), text


def test_every_mandatory_annex1_element_has_a_removal_case() -> None:
    numbers = {int(case.split()[0]) for case in REMOVAL_CASES}
    assert numbers == set(range(1, 12))


def test_without_a_level_the_export_says_none_applies_and_the_profile_needs_that(
    profile_shapes: rdflib.Graph,
) -> None:
    document = export(spec=SPEC_NO_LEVEL)
    specification = document["credentialSubject"]["hasClaim"][0]["specifiedBy"]
    assert specification["type"] == "LearningAchievementSpecification"
    assert "eqfLevel" not in specification
    level_notes = [
        note
        for note in specification["additionalNote"]
        if note["subject"]["id"] == elm.LEVEL_SUBJECT
    ]
    assert [note["noteLiteral"] for note in level_notes] == [{"en": elm.LEVEL_NOT_APPLICABLE}]
    damaged = copy.deepcopy(document)
    damaged["credentialSubject"]["hasClaim"][0]["specifiedBy"]["additionalNote"] = [
        note for note in specification["additionalNote"] if note not in level_notes
    ]
    conforms, results, _ = validate(damaged, profile_shapes)
    assert not conforms
    assert failing_shapes(results) == {"E08-level"}


def test_a_private_assessment_type_is_a_warning_not_a_violation(
    profile_shapes: rdflib.Graph,
) -> None:
    private = Concept(
        label="Online quiz",
        uri="https://microcred.example/ns/assessment#quiz",
        scheme="https://microcred.example/ns/assessment",
    )
    conforms, results, _ = validate(
        export(spec=replace(SPEC, assessment_type=private)), profile_shapes
    )
    assert not conforms
    assert failing_shapes(results) == set()
    assert failing_shapes(results, SH.Warning) == {"E09-assessment-type-scheme"}


@needs_shared
def test_the_official_mc_sample_lacks_only_quality_assurance(
    profile_shapes: rdflib.Graph,
) -> None:
    signed = json.loads((SHARED_ELM / "samples/Sample-MC-Annex1-signed.jsonld").read_text())
    conforms, results, _ = validate(json.loads(signed["payload"]), profile_shapes)
    assert not conforms
    assert failing_shapes(results) == {"E11-quality-assurance"}
    assert failing_shapes(results, SH.Warning) == {"E09-assessment-type-scheme"}


# ---------------------------------------------------------------- (3) no undefined term


def _language_map_terms() -> set[str]:
    context = documents.load_document(documents.EDC_AP)["@context"]
    return {
        term
        for term, definition in context.items()
        if isinstance(definition, dict) and definition.get("@container") == "@language"
    }


def _count_keys(value: Any, language_maps: set[str]) -> int:
    """JSON keys that must become RDF properties (language tags and ids are not keys)."""
    if isinstance(value, dict):
        total = 0
        for key, item in value.items():
            if key in ("@context", "id"):
                continue
            total += 1
            if key not in language_maps:
                total += _count_keys(item, language_maps)
        return total
    if isinstance(value, list):
        return sum(_count_keys(item, language_maps) for item in value)
    return 0


def _count_expanded(value: Any) -> int:
    if isinstance(value, dict):
        if "@value" in value:
            return 0
        return sum(1 + _count_expanded(v) for k, v in value.items() if k != "@id")
    if isinstance(value, list):
        return sum(_count_expanded(item) for item in value)
    return 0


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_no_json_key_is_dropped_by_json_ld_expansion(variant: str) -> None:
    document = VARIANTS[variant]()
    dropped: list[object] = []
    processor = jsonld.JsonLdProcessor(on_property_dropped=dropped.append)
    expanded = processor.expand(document, {"documentLoader": documents.pyld_document_loader})
    assert dropped == []
    # Node objects merge nothing at expansion time, so every key has an expanded counterpart.
    assert _count_expanded(expanded) == _count_keys(document, _language_map_terms())
    # vckit's safe mode (used for the SHACL data graphs) agrees: it raises on a dropped key.
    assert canon.document_quads(document)


def test_safe_mode_would_catch_an_undefined_key() -> None:
    document = export()
    document["credentialSubject"]["hasClaim"][0]["specifiedBy"]["eqfLvl"] = "typo"
    with pytest.raises(canon.UnsafeDocumentError):
        canon.document_quads(document)


def test_every_language_map_has_language_tags_as_keys() -> None:
    language_maps = _language_map_terms()
    for node in nodes(export(spec=replace(SPEC, language="pl"))):
        for key, value in node.items():
            if key in language_maps:
                assert isinstance(value, dict)
                assert all(re.fullmatch(r"[a-z]{2}", tag) for tag in value), (key, value)
                assert all(isinstance(text, str) and text for text in value.values())


# ---------------------------------------------------------------- (4) framework-free

PROBE = """
import sys
import vckit.elm, vckit.elm_vocab
loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('django', 'microcred'))
print(','.join(loaded))
"""


def test_the_elm_export_imports_neither_django_nor_microcred() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""


# ---------------------------------------------------------------- content


def test_the_export_has_the_edc_envelope() -> None:
    document = export()
    assert document["@context"] == [
        "https://www.w3.org/2018/credentials/v1",
        "http://data.europa.eu/snb/model/context/edc-ap",
    ]
    assert document["type"] == ["VerifiableCredential", "EuropeanDigitalCredential"]
    assert document["id"] == "urn:credential:0f8fad5b-d9cb-469f-a165-000000000000"
    assert document["identifier"][0]["notation"] == samples.award().credential_id
    assert [p["id"] for p in document["credentialProfiles"]] == [elm_vocab.GENERIC_CREDENTIAL]
    assert document["issuanceDate"] == document["issued"] == document["validFrom"]
    assert document["issued"] == "2026-11-24T10:00:00Z"
    assert "proof" not in document  # unsealed: a partner seals it (JAdES, QSealC)
    assert "credentialStatus" not in document
    display = document["displayParameter"]
    assert display["primaryLanguage"]["id"].endswith("/language/ENG")
    image = display["individualDisplay"][0]["displayDetail"][0]["image"]
    assert image["contentType"]["id"].endswith("/file-type/PNG")


def test_the_issuer_carries_the_legal_identity_edc_requires() -> None:
    issuer = export()["issuer"]
    assert issuer["legalName"] == {"en": samples.ISSUER.name}
    assert issuer["eIDASIdentifier"]["notation"] == "PL-KRS-0000123456"
    assert issuer["eIDASIdentifier"] == issuer["registration"]
    country = issuer["location"]["address"]["countryCode"]
    assert country["id"] == "http://publications.europa.eu/resource/authority/country/POL"
    assert country["inScheme"] == {
        "id": "http://publications.europa.eu/resource/authority/country",
        "type": "ConceptScheme",
    }
    assert issuer["location"]["geographicName"] == {"en": "Mazowieckie"}


def test_every_annex1_element_is_where_the_mapping_says() -> None:
    document = export()
    claim = document["credentialSubject"]["hasClaim"][0]
    spec = claim["specifiedBy"]
    assessment = claim["provenBy"][0]
    assert document["credentialSubject"]["fullName"] == {"en": "Maria Nowak"}  # 1
    assert claim["title"] == spec["title"] == {"en": SPEC.title}  # 2
    bodies = claim["awardedBy"]["awardingBody"]
    assert [b["location"]["address"]["countryCode"]["id"][-3:] for b in bodies] == ["POL", "PRT"]
    assert [b["legalName"]["en"] for b in bodies] == [
        SPEC.awarding_bodies[0].name,
        "Partner Learning Centre",
    ]  # 4
    assert claim["awardedBy"]["awardingDate"] == "2026-11-24T10:00:00Z"  # 5
    assert [o["title"]["en"] for o in spec["learningOutcome"]] == [
        o.statement for o in SPEC.learning_outcomes
    ]  # 6
    assert spec["volumeOfLearning"] == "PT25H"  # 7
    assert spec["creditPoint"]["point"] == "1"
    assert spec["creditPoint"]["framework"]["id"] == elm_vocab.ECTS
    assert spec["type"] == "Qualification"  # 8: EQFLevel is a Qualification property
    assert spec["eqfLevel"]["id"] == "http://data.europa.eu/snb/eqf/3"
    assert spec["eqfLevel"]["prefLabel"] == {"en": "Level 3"}
    assert assessment["specifiedBy"]["dcType"]["id"] == SPEC.assessment_type.uri  # 9
    assert assessment["specifiedBy"]["dcType"]["prefLabel"] == {"en": "quiz"}
    assert spec["provenBy"] == assessment["specifiedBy"]
    assert spec["mode"]["id"] == SPEC.form_of_participation.uri  # 10
    assert spec["learningSetting"]["id"] == elm_vocab.NON_FORMAL_LEARNING
    assert spec["dcType"]["id"] == elm_vocab.SHORT_LEARNING_PROGRAMME
    qa = [n for n in spec["additionalNote"] if n["subject"]["id"] == elm.QUALITY_ASSURANCE_SUBJECT]
    assert [n["noteLiteral"] for n in qa] == [{"en": SPEC.quality_assurance}]  # 11
    assert "accreditation" not in spec  # internal QA is not an accreditation
    assert spec["entryRequirement"]["noteLiteral"] == {"en": SPEC.prerequisites}
    assert assessment["idVerification"]["id"] == UNSUPERVISED.uri
    assert assessment["idVerification"]["prefLabel"] == {
        "en": "Unsupervised without ID Verification"
    }
    assert assessment["grade"]["noteLiteral"] == {"en": "87.5 %"}
    assert "60 %" in assessment["specifiedBy"]["gradingScheme"]["description"]["en"]
    assert spec["isPartOf"] == [
        {
            "id": "https://microcred.example/achievements/digital-basics-course/v1",
            "type": "Qualification",
            "title": {"en": "Digital skills for everyday life (full course)"},
        }
    ]
    assert spec["homepage"][0]["contentURL"] == SPEC.further_information_url
    assert claim["creditReceived"][0]["point"] == "1"


def test_every_learning_outcome_links_its_digcomp_competence_and_esco_skill() -> None:
    outcomes = export()["credentialSubject"]["hasClaim"][0]["specifiedBy"]["learningOutcome"]
    skills = [o["relatedSkill"][0] for o in outcomes]
    assert [s["id"] for s in skills] == [
        elm.DIGCOMP_OWN_SCHEME + "#c1.1",
        elm.DIGCOMP_OWN_SCHEME + "#c4.1",
        "http://data.europa.eu/snb/dcf/u69o196gu6",
    ]
    assert [s["prefLabel"]["en"] for s in skills] == [
        "Browsing, searching and filtering data, information and digital content",
        "Protecting devices",
        "Developing digital content",
    ]
    assert skills[0]["inScheme"]["id"] == elm.DIGCOMP_OWN_SCHEME
    assert ["relatedESCOSkill" in o for o in outcomes] == [False, False, True]
    assert outcomes[2]["relatedSkill"][0]["id"] == "http://data.europa.eu/snb/dcf/u69o196gu6"
    assert outcomes[2]["relatedSkill"][0]["inScheme"]["id"] == elm_vocab.DIGCOMP_SCHEME
    assert outcomes[2]["relatedESCOSkill"][0]["id"] == SPEC.learning_outcomes[2].esco_uri
    # Every outcome still names its DigComp competence and level, in a note.
    assert outcomes[0]["additionalNote"][0]["noteLiteral"]["en"].startswith(
        "DigComp 2.2 competence 1.1 Browsing, searching"
    )
    # A caller's own competence URIs appear only with the caller's concept scheme.
    own = replace(SPEC.learning_outcomes[0], competence_uri="https://microcred.example/digcomp/1.1")
    spec = replace(SPEC, learning_outcomes=(own,))
    first = export(spec=spec)["credentialSubject"]["hasClaim"][0]["specifiedBy"]["learningOutcome"]
    assert first[0]["relatedSkill"][0]["id"] == elm.DIGCOMP_OWN_SCHEME + "#c1.1"
    options = elm.ElmOptions(competence_scheme="https://microcred.example/digcomp")
    with_scheme = export(spec=spec, options=options)
    skill = with_scheme["credentialSubject"]["hasClaim"][0]["specifiedBy"]["learningOutcome"][0][
        "relatedSkill"
    ][0]
    assert skill["inScheme"]["id"] == "https://microcred.example/digcomp"


def test_the_learners_email_is_left_out_unless_asked_for() -> None:
    text = json.dumps(export())
    assert samples.RECIPIENT.email not in text
    assert samples.RECIPIENT.email_hash not in text
    with_email = export(include_email=True)
    contact = with_email["credentialSubject"]["contactPoint"]
    assert contact["emailAddress"]["id"] == "mailto:maria.nowak@example.org"


def test_names_are_language_maps() -> None:
    learner = export(given_name="Maria", family_name="Nowak")["credentialSubject"]
    assert learner["fullName"] == {"en": "Maria Nowak"}
    assert learner["givenName"] == {"en": "Maria"}
    assert learner["familyName"] == {"en": "Nowak"}
    assert "givenName" not in export()["credentialSubject"]


def test_a_node_id_used_twice_carries_identical_content() -> None:
    for variant in VARIANTS.values():
        seen: dict[str, dict[str, Any]] = {}
        for node in nodes(variant()):
            if "id" in node and len(node) > 1:
                assert seen.setdefault(node["id"], node) == node, node["id"]


def test_every_concept_has_a_typed_scheme_and_official_uris_are_official() -> None:
    official = [
        elm_vocab.EQF,
        elm_vocab.ASSESSMENT_TYPES,
        elm_vocab.MODES,
        elm_vocab.LEARNING_SETTINGS,
        elm_vocab.LEARNING_OPPORTUNITY_TYPES,
        elm_vocab.CREDENTIAL_TYPES,
        elm_vocab.CREDIT_SYSTEMS,
        elm_vocab.SUPERVISION_VERIFICATION,
    ]
    concepts = [n for n in nodes(export()) if n.get("type") == "Concept"]
    assert len({c["id"] for c in concepts}) >= 15
    for concept in concepts:
        assert concept["inScheme"]["type"] == "ConceptScheme"
        for vocabulary in official:
            if vocabulary.owns(concept["id"]):
                assert concept["id"] in vocabulary.concepts
                assert concept["inScheme"]["id"] == vocabulary.scheme


def test_a_made_up_official_concept_uri_is_refused() -> None:
    # A supervision URI that looks official but is in no official list is never written.
    made_up = replace(
        SPEC.supervision, uri="http://data.europa.eu/snb/supervision-verification/0b6fd6d7b4"
    )
    with pytest.raises(ValueError, match="0b6fd6d7b4 is not a concept"):
        export(spec=replace(SPEC, supervision=made_up))
    fake = replace(SPEC.assessment_type, uri="http://data.europa.eu/snb/assessment/0000000000")
    with pytest.raises(ValueError, match="never made up"):
        export(spec=replace(SPEC, assessment_type=fake))
    no_scheme = Concept(label="Blended", uri="https://microcred.example/modes#blended")
    with pytest.raises(ValueError, match="give the concept's own scheme"):
        export(spec=replace(SPEC, form_of_participation=no_scheme))
    claims_official = replace(no_scheme, scheme=elm_vocab.MODES.scheme)
    with pytest.raises(ValueError, match="give the concept's own scheme"):
        export(spec=replace(SPEC, form_of_participation=claims_official))
    bad = replace(SPEC.learning_outcomes[0], esco_uri="https://example.org/skill/1")
    with pytest.raises(ValueError, match="not an ESCO skill"):
        export(spec=replace(SPEC, learning_outcomes=(bad,)))


def test_caller_labels_are_kept_in_the_credential_language() -> None:
    polish = replace(
        SPEC,
        language="pl",
        assessment_type=replace(SPEC.assessment_type, label="Test online"),
    )
    document = export(spec=polish)
    dc_type = document["credentialSubject"]["hasClaim"][0]["provenBy"][0]["specifiedBy"]["dcType"]
    assert dc_type["prefLabel"] == {"en": "quiz", "pl": "Test online"}
    assert document["displayParameter"]["primaryLanguage"]["id"].endswith("/language/POL")
    assert document["credentialSubject"]["hasClaim"][0]["title"] == {"pl": SPEC.title}


def test_workload_is_an_xsd_duration_from_hours() -> None:
    document = export(spec=replace(SPEC, workload_hours=Decimal("12.5"), ects=Decimal("0.5")))
    spec = document["credentialSubject"]["hasClaim"][0]["specifiedBy"]
    assert spec["volumeOfLearning"] == "PT12H30M"
    assert spec["creditPoint"]["point"] == "0.5"


def test_an_assessment_without_a_recorded_score_is_graded_passed() -> None:
    document = export(award=replace(samples.award(), grade=None))
    assessment = document["credentialSubject"]["hasClaim"][0]["provenBy"][0]
    assert assessment["grade"]["noteLiteral"] == {"en": "Passed"}


def test_what_cannot_be_exported_is_refused() -> None:
    with pytest.raises(ValueError, match="legal identifier"):
        export(issuer=replace(samples.ISSUER, legal_identifier=None))
    failed = replace(samples.award(), grade=Grade(percent=Decimal("40"), pass_mark=Decimal("60")))
    with pytest.raises(ValueError, match="passed assessment"):
        export(award=failed)
    with pytest.raises(ValueError, match="official EU languages"):
        export(spec=replace(SPEC, language="tr"))
    with pytest.raises(ValueError, match="country 'US'"):
        export(issuer=replace(samples.ISSUER, country_code="US"))
    with pytest.raises(ValueError, match="not a image/png file"):
        elm.DisplayImage(b"GIF89a", "image/png")
    with pytest.raises(ValueError, match="not a concept of"):
        elm.ElmOptions(learning_setting="http://data.europa.eu/snb/learning-setting/xyz")
    # The outcome's competence URI (…/dcf/u69o196gu6) is DigComp 3.1, not the code given.
    wrong_code = replace(SPEC.learning_outcomes[2], digcomp_code="1.1", esco_uri=None)
    with pytest.raises(ValueError, match=r"is DigComp 3\.1, not 1\.1"):
        export(spec=replace(SPEC, learning_outcomes=(wrong_code,)))


def test_the_placeholder_page_is_a_png() -> None:
    image = Image.open(io.BytesIO(elm.placeholder_page()))
    image.load()
    assert image.size == (420, 594)


# ---------------------------------------------------------------- bundled contexts, vocabularies


def test_the_edc_and_vc_v1_contexts_are_bundled_unmodified() -> None:
    assert documents.BUNDLED[documents.EDC_AP].sha256 == OFFICIAL_SHA256["edc-ap-context.jsonld"]
    assert documents.BUNDLED[documents.VC_V1].sha256 == OFFICIAL_SHA256["w3c-credentials-v1.jsonld"]
    documents.verify_bundle()


def _xsd_enumeration(path: Path) -> tuple[str, dict[str, str]]:
    text = path.read_text(encoding="utf-8")
    namespace = re.search(r'targetNamespace="([^"]+)"', text)
    assert namespace is not None
    entries = re.findall(
        r'<xs:enumeration value="([^"]+)">\s*<xs:annotation>\s*<xs:documentation>([^<]+)<', text
    )
    return namespace.group(1), {uri: " ".join(label.split()) for uri, label in entries}


@needs_shared
@pytest.mark.parametrize(
    "vocabulary",
    [
        elm_vocab.EQF,
        elm_vocab.ASSESSMENT_TYPES,
        elm_vocab.MODES,
        elm_vocab.LEARNING_SETTINGS,
        elm_vocab.LEARNING_OPPORTUNITY_TYPES,
        elm_vocab.CREDENTIAL_TYPES,
        elm_vocab.CREDIT_SYSTEMS,
    ],
    ids=lambda vocabulary: vocabulary.source,
)
def test_the_vocabulary_module_matches_the_official_xsd(vocabulary: elm_vocab.Vocabulary) -> None:
    scheme, concepts = _xsd_enumeration(SHARED_ELM / vocabulary.source)
    assert vocabulary.scheme == scheme
    assert dict(vocabulary.concepts) == concepts


@needs_shared
def test_sample_only_concepts_are_in_the_official_sample() -> None:
    sample = (SHARED_ELM / "samples/Sample-MC-Annex1-unsigned.jsonld").read_text()
    for uri in [
        elm_vocab.BASE64,
        elm_vocab.ENCODING_SCHEME,
        elm_vocab.FILE_TYPES["image/png"][0],
        elm_vocab.FILE_TYPES["image/jpeg"][0],
        elm_vocab.DIGCOMP_SCHEME,
        *elm_vocab.DIGCOMP_COMPETENCE_URIS.values(),
        elm_vocab.ESCO_SKILLS_SCHEME,
        *elm_vocab.ESCO_SKILL_LABELS,
        elm_vocab.SUPERVISION_VERIFICATION.scheme,
        elm_vocab.country("IE")[0],
        elm_vocab.language("en")[0],
    ]:
        assert f'"{uri}"' in sample, uri
    assert '"prefLabel":{"en":"Unsupervised without ID Verification"}' in sample
