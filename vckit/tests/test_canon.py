"""RDFC-1.0 canonicalisation: W3C and 1EdTech vectors, and the fast path proven equal to PyLD."""

from __future__ import annotations

import hashlib
from typing import Any

import pytest
from hypothesis import HealthCheck, given
from hypothesis import strategies as st
from pyld import jsonld
from pyoxigraph import Literal

from vckit import canon, fastrdf, rdfc
from vckit.documents import ANNEX1_V1, OB_V3P0, VC_V2, annex1_context
from vckit.errors import CanonicalizationError, UnsafeDocumentError
from vckit.tests import samples
from vckit.tests.conftest import vector_json, vector_text
from vckit.tests.fuzz import fuzz_settings


def _pyld(document: dict[str, Any]) -> str:
    return canon.canonicalize_quads(canon.pyld_quads(document))


def _fast(document: dict[str, Any]) -> str:
    return canon.canonicalize_quads(fastrdf.to_quads(document))


def test_w3c_vector_document_canonicalises_byte_for_byte() -> None:
    unsigned = vector_json("vc-di-eddsa/unsigned.json")
    expected = vector_text("vc-di-eddsa/canonDocDataInt.txt")
    assert _fast(unsigned) == expected
    assert _pyld(unsigned) == expected
    digest = hashlib.sha256(expected.encode()).hexdigest()
    assert digest == vector_text("vc-di-eddsa/docHashDataInt.txt").strip()


def test_w3c_vector_proof_configuration_canonicalises_byte_for_byte() -> None:
    config = vector_json("vc-di-eddsa/proofConfigDataInt.json")
    expected = vector_text("vc-di-eddsa/proofCanonDataInt.txt")
    assert canon.canonicalize(config) == expected
    digest = hashlib.sha256(expected.encode()).hexdigest()
    assert digest == vector_text("vc-di-eddsa/proofHashDataInt.txt").strip()


def test_ob3_vector_document_and_proof_canonicalise_byte_for_byte() -> None:
    credential = vector_json("ob3-1edtech/signed-credential.json")
    proof = credential.pop("proof")
    assert _fast(credential) == vector_text("ob3-1edtech/document-canon.txt")
    del proof["proofValue"]
    proof["@context"] = credential["@context"]
    assert canon.canonicalize(proof) == vector_text("ob3-1edtech/proof-canon.txt")


def test_our_credentials_take_the_fast_path_and_match_pyld() -> None:
    credential = samples.credential()
    assert _fast(credential) == _pyld(credential)


def test_control_characters_are_escaped_like_the_javascript_reference() -> None:
    # rdf-canonize 5 (jsonld.js) writes \b \t \n \f \r and \u00XX; PyLD's own N-Quads writer
    # would not, which is why serialisation is left to pyoxigraph.
    document = {"@context": [VC_V2], "id": "urn:x:1", "name": 'a\b\t\n\f\r"\\\x01\x7fé'}
    assert canon.canonicalize(document) == (
        '<urn:x:1> <https://schema.org/name> "a\\b\\t\\n\\f\\r\\"\\\\\\u0001\\u007Fé" .\n'
    )


def test_an_undefined_term_is_refused_not_silently_dropped() -> None:
    credential = samples.credential()
    credential["credentialSubject"]["achievement"]["notARealTerm"] = "lost"
    with pytest.raises(UnsafeDocumentError, match="notARealTerm"):
        canon.canonicalize(credential)
    with pytest.raises(UnsafeDocumentError):
        canon.pyld_quads(credential)


@pytest.mark.parametrize(
    "change",
    [
        lambda c: c.__setitem__("id", "relative-id"),
        lambda c: c["type"].append("UndefinedType"),
        lambda c: c["credentialSubject"]["achievement"].__setitem__("furtherInformation", "x"),
    ],
)
def test_relative_iris_are_refused(change: Any) -> None:
    credential = samples.credential()
    change(credential)
    with pytest.raises(UnsafeDocumentError):
        canon.canonicalize(credential)
    with pytest.raises(UnsafeDocumentError):
        canon.pyld_quads(credential)


def test_an_unknown_context_is_reported() -> None:
    credential = samples.credential()
    credential["@context"] = [*credential["@context"], "https://unknown.example/ctx"]
    with pytest.raises(canon.UnknownContextError):
        canon.canonicalize(credential)


def test_documents_outside_the_fast_subset_fall_back_to_pyld() -> None:
    credential = samples.credential()
    credential["credentialSubject"]["@context"] = {"extra": "https://example.org/extra"}
    credential["credentialSubject"]["extra"] = "kept"
    with pytest.raises(fastrdf.Unsupported):
        fastrdf.to_quads(credential)
    assert '<https://example.org/extra> "kept"' in canon.canonicalize(credential)


def test_an_embedded_top_level_context_takes_the_fast_path_with_the_same_result() -> None:
    credential = samples.credential()
    credential["@context"] = [*credential["@context"], {"extra": "https://example.org/extra"}]
    credential["extra"] = "kept"
    fast = canon.canonicalize_quads(fastrdf.to_quads(credential))
    assert fast == canon.canonicalize_quads(canon.pyld_quads(credential))
    assert '<https://example.org/extra> "kept"' in fast


def test_changing_an_embedded_context_after_use_does_not_change_the_next_result() -> None:
    first = samples.credential()
    first["@context"] = [*first["@context"], {"extra": "https://example.org/extra"}]
    first["extra"] = "kept"
    expected = canon.canonicalize(first)
    first["@context"][-1]["extra"] = "https://example.org/other"
    second = samples.credential()
    second["@context"] = [*second["@context"], {"extra": "https://example.org/extra"}]
    second["extra"] = "kept"
    assert canon.canonicalize(second) == expected


@pytest.mark.parametrize(
    ("context", "key"),
    [
        (None, "_:x"),
        ({"hidden": "_:b0"}, "hidden"),
        ({"hidden": {"@id": "_:b0", "@type": "@id"}}, "hidden"),
        (None, "@unsigned"),
    ],
)
def test_data_that_json_ld_would_drop_is_refused_not_left_unsigned(
    context: dict[str, object] | None, key: str
) -> None:
    # A blank-node property or an ignored keyword-like key never reaches the RDF that is
    # signed; accepting it would let anyone add text a verifier shows as if it were signed.
    credential = samples.credential()
    if context is not None:
        credential["@context"] = [*credential["@context"], context]
    credential["credentialSubject"][key] = "Added after signing"
    with pytest.raises(canon.UnsafeDocumentError):
        canon.canonicalize(credential)


# --- Differential testing: random JSON-LD documents, fast path vs PyLD --------------------

KEYS = [
    "id",
    "type",
    "name",
    "description",
    "achievement",
    "alignment",
    "targetName",
    "targetUrl",
    "targetCode",
    "result",
    "value",
    "status",
    "identifier",
    "identityHash",
    "identityType",
    "hashed",
    "salt",
    "creditsAvailable",
    "creditsEarned",
    "url",
    "address",
    "addressCountryCode",
    "criteria",
    "narrative",
    "learningOutcome",
    "digCompLevel",
    "notionalWorkload",
    "assessmentType",
    "prefLabel",
    "inScheme",
    "isPartOf",
    "awardingBody",
    "validFrom",
    "validUntil",
    "issuer",
    "credentialSubject",
    "credentialStatus",
    "statusListIndex",
    "statusListCredential",
    "achievementType",
    "resultDescription",
    "image",
    "email",
    "otherIdentifier",
    "identifierType",
    "tag",
    "version",
    "inLanguage",
    "activityEndDate",
    "allowedValue",
    "endorsement",
    "evidence",
    "proofPurpose",
    "notDefined",
    "ex:compact",
    "https://example.org/absolute",
]
TYPES = [
    "Achievement",
    "Profile",
    "Result",
    "Alignment",
    "IdentityObject",
    "Address",
    "AchievementSubject",
    "ResultDescription",
    "LearningOutcome",
    "Concept",
    "VerifiableCredential",
    "OpenBadgeCredential",
    "BitstringStatusListEntry",
    "IdentifierEntry",
    "Image",
    "Evidence",
    "DataIntegrityProof",
    "UnknownType",
    "https://example.org/Type",
]
IRIS = [
    "urn:uuid:2f4c3f2e-0f2a-4d0e-9c55-3b6f7b0c1a11",
    "https://example.org/a",
    "did:web:x.example",
    "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2",
    "http://data.europa.eu/snb/eqf/4",
    "assertionMethod",
    "relative",
]
CONTEXTS = [
    [VC_V2, OB_V3P0, ANNEX1_V1],
    [VC_V2, OB_V3P0, annex1_context()],
    [VC_V2, OB_V3P0],
    [VC_V2],
    [VC_V2, "https://www.w3.org/ns/credentials/examples/v2"],
    [VC_V2, "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json"],
]

scalars = st.one_of(
    st.text(max_size=12),
    st.sampled_from(IRIS),
    st.integers(min_value=-(10**22), max_value=10**22),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.none(),
)


# Keys each type's scoped context defines, so that most generated documents are valid.
KEYS_FOR = {
    "Achievement": [
        "achievementType",
        "alignment",
        "creditsAvailable",
        "criteria",
        "tag",
        "resultDescription",
        "version",
        "inLanguage",
        "learningOutcome",
    ],
    "AchievementSubject": [
        "achievement",
        "identifier",
        "result",
        "creditsEarned",
        "activityEndDate",
    ],
    "Profile": ["address", "email", "url", "otherIdentifier", "image"],
    "Alignment": ["targetName", "targetUrl", "targetCode"],
    "Result": ["value", "status", "resultDescription"],
    "IdentityObject": ["identityHash", "identityType", "hashed", "salt"],
    "Address": ["addressCountryCode"],
    "Concept": ["prefLabel", "inScheme"],
    "VerifiableCredential": ["issuer", "credentialSubject", "validFrom", "credentialStatus"],
    "BitstringStatusListEntry": ["statusListIndex", "statusListCredential"],
}
COMMON = [
    "id",
    "name",
    "description",
    "narrative",
    "isPartOf",
    "awardingBody",
    "notionalWorkload",
    "digCompLevel",
    "assessmentType",
    "prefLabel",
]


def _nodes(children: st.SearchStrategy[Any]) -> st.SearchStrategy[dict[str, Any]]:
    def for_type(type_name: str | None) -> st.SearchStrategy[dict[str, Any]]:
        keys = st.one_of(
            st.sampled_from(COMMON + KEYS_FOR.get(type_name or "", [])),
            st.sampled_from(KEYS),
        )
        node = st.dictionaries(keys, children, max_size=5)
        if type_name is None:
            return node
        return node.map(lambda n: {**n, "type": [type_name]})

    typed = st.one_of(st.none(), st.sampled_from(TYPES), st.sampled_from(sorted(KEYS_FOR)))
    return st.one_of(
        typed.flatmap(for_type),
        st.lists(st.sampled_from(TYPES), min_size=1, max_size=3).flatmap(
            lambda ts: st.dictionaries(st.sampled_from(KEYS), children, max_size=4).map(
                lambda n: {**n, "type": ts}
            )
        ),
    )


values = st.recursive(
    scalars,
    lambda children: st.one_of(_nodes(children), st.lists(children, max_size=3)),
    max_leaves=12,
)

documents = st.tuples(st.sampled_from(CONTEXTS), _nodes(values)).map(
    lambda pair: {"@context": pair[0], **pair[1]}
)


def _outcome(function: Any, document: dict[str, Any]) -> tuple[str, ...]:
    # Both paths must refuse the same documents; which problem they notice first may differ
    # (PyLD visits keys in sorted order), so refusals are compared as one outcome.
    try:
        return ("ok", canon.canonicalize_quads(function(document)))
    except fastrdf.Unsupported:
        return ("unsupported",)
    except (CanonicalizationError, ValueError, jsonld.JsonLdError):
        return ("refused",)


@fuzz_settings(400, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_fast_path_equals_pyld_on_random_documents(document: dict[str, Any]) -> None:
    fast = _outcome(fastrdf.to_quads, document)
    if fast == ("unsupported",):
        return
    assert fast == _outcome(canon.pyld_quads, document)


texts = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=30).filter(
    str.strip
)


@fuzz_settings(60)
@given(title=texts, description=texts, name=texts, statement=texts)
def test_fast_path_equals_pyld_on_random_credentials(
    title: str, description: str, name: str, statement: str
) -> None:
    from dataclasses import replace

    outcome = replace(samples.SPEC.learning_outcomes[0], statement=statement)
    spec = replace(
        samples.SPEC,
        title=title,
        description=description,
        learning_outcomes=(outcome, *samples.SPEC.learning_outcomes[1:]),
    )
    recipient = replace(samples.RECIPIENT, full_name=name)
    from vckit import ob3

    credential = ob3.build(
        issuer=samples.ISSUER, spec=spec, recipient=recipient, award=samples.award()
    )
    assert _fast(credential) == _pyld(credential)


# --- vckit.rdfc (decision 0027) against PyLD + pyoxigraph -----------


def _complete(document: dict[str, Any]) -> str:
    """The general path: PyLD's JSON-LD to RDF, pyoxigraph's complete RDFC-1.0."""
    return canon.canonicalize_quads(canon.pyld_quads(document))


def _rdfc(document: dict[str, Any]) -> str | None:
    return rdfc.canonicalize(fastrdf.to_terms(document))


def test_every_code_point_is_written_as_pyoxigraph_writes_it() -> None:
    # The escaping of literals decides the signed bytes; compare all of Unicode in chunks.
    code_points = [c for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF]
    for start in range(0, len(code_points), 4096):
        text = "".join(map(chr, code_points[start : start + 4096]))
        assert fastrdf._string_literal(text, None) == str(Literal(text))


def test_the_vectors_and_our_credentials_canonicalise_in_vckit_rdfc() -> None:
    vector = vector_json("vc-di-eddsa/unsigned.json")
    assert _rdfc(vector) == vector_text("vc-di-eddsa/canonDocDataInt.txt")
    ob3_vector = vector_json("ob3-1edtech/signed-credential.json")
    del ob3_vector["proof"]
    assert _rdfc(ob3_vector) == vector_text("ob3-1edtech/document-canon.txt")
    for number in range(20):
        credential = samples.credential(number)
        assert _rdfc(credential) == _complete(credential)


def test_identical_objects_are_told_apart_by_the_n_degree_step() -> None:
    # Two identical alignments share a first-degree hash: RDFC-1.0 step 5 must separate them.
    credential = samples.credential()
    achievement = credential["credentialSubject"]["achievement"]
    twin = {"type": ["Alignment"], "targetName": "Same", "targetUrl": "https://example.org/a"}
    achievement["alignment"] = [dict(twin), dict(twin)]
    canonical = canon.canonicalize(credential)
    assert _rdfc(credential) == canonical
    assert canonical == _complete(credential)
    assert canonical.count('"Same"') == 2


def test_a_value_stated_twice_is_signed_once() -> None:
    credential = samples.credential()
    credential["credentialSubject"]["achievement"]["tag"] = ["twice", "twice", "once"]
    assert _rdfc(credential) == _complete(credential)
    assert canon.canonicalize(credential).count('"twice"') == 1


@fuzz_settings(400, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_rdfc_path_equals_the_complete_one_on_random_documents(
    document: dict[str, Any],
) -> None:
    try:
        fast = _rdfc(document)
    except (fastrdf.Unsupported, CanonicalizationError, ValueError, jsonld.JsonLdError):
        return  # refusals are compared by test_fast_path_equals_pyld_on_random_documents
    expected = _complete(document)
    assert canon.canonicalize(document) == expected
    if fast is not None:
        assert fast == expected


def _varied_credential(draw: st.DrawFn) -> dict[str, Any]:
    from dataclasses import replace

    from vckit import ob3

    outcomes = draw(
        st.lists(
            st.builds(
                replace,
                st.sampled_from(samples.SPEC.learning_outcomes),
                statement=texts,
                digcomp_level=st.integers(min_value=1, max_value=8),
            ),
            min_size=1,
            max_size=6,
        )
    )
    bodies = draw(st.lists(st.sampled_from(samples.SPEC.awarding_bodies), min_size=1, max_size=2))
    spec = replace(
        samples.SPEC,
        title=draw(texts),
        learning_outcomes=tuple(outcomes),
        awarding_bodies=tuple(bodies),
        eqf_level=draw(st.integers(min_value=1, max_value=8)),
    )
    recipient = replace(samples.RECIPIENT, full_name=draw(texts))
    award = samples.award(draw(st.integers(min_value=0, max_value=2**20)))
    return ob3.build(issuer=samples.ISSUER, spec=spec, recipient=recipient, award=award)


varied_credentials = st.composite(_varied_credential)()


@fuzz_settings(150, suppress_health_check=[HealthCheck.too_slow])
@given(varied_credentials)
def test_rdfc_path_equals_the_complete_one_on_varied_credentials(
    credential: dict[str, Any],
) -> None:
    # Outcomes sharing a DigComp competence make identical objects (the n-degree step).
    assert canon.canonicalize(credential) == _complete(credential)


blank_nodes = st.sampled_from([f"_:n{number}" for number in range(6)])
graph_triples = st.lists(
    st.tuples(
        blank_nodes,
        st.sampled_from(["<https://example.org/p>", "<https://example.org/q>"]),
        st.one_of(blank_nodes, st.sampled_from(['"x"', "<https://example.org/o>"])),
    ),
    max_size=14,
)


@fuzz_settings(500, sample=500)  # 1.5 s: cheap enough to try them all every run
@given(graph_triples)
def test_rdfc_equals_pyoxigraph_on_random_graphs_with_cycles_and_twins(
    triples: list[tuple[str, str, str]],
) -> None:
    # Graphs JSON-LD trees never make (cycles, self-loops, many symmetric nodes) exercise the
    # n-degree hashing of RDFC-1.0 4.8 far harder than credentials do.
    fast = rdfc.canonicalize(triples)
    if fast is not None:
        assert fast == canon.canonicalize_quads(fastrdf.parse_terms(triples))


def test_a_memoised_achievement_gives_the_same_result_as_a_fresh_walk() -> None:
    # The second credential of a specification reuses the achievement's triples (decision 0027).
    first, second = samples.credential(1), samples.credential(2)
    assert canon.canonicalize(first) == _complete(first)
    assert canon.canonicalize(second) == _complete(second)


def test_an_edited_achievement_is_not_served_from_the_memo() -> None:
    credential = samples.credential(3)
    canon.canonicalize(credential)
    credential["credentialSubject"]["achievement"]["name"] = "Edited after the first walk"
    canonical = canon.canonicalize(credential)
    assert '"Edited after the first walk"' in canonical
    assert canonical == _complete(credential)


def test_the_same_large_object_twice_in_one_document_gets_distinct_blank_nodes() -> None:
    credential = samples.credential(4)
    achievement = credential["credentialSubject"]["achievement"]
    credential["credentialSubject"]["achievement"] = [achievement, dict(achievement)]
    canon.canonicalize(samples.credential(5))  # the memo is filled at another label offset
    assert canon.canonicalize(credential) == _complete(credential)
