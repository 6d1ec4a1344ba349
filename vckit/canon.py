"""RDF Dataset Canonicalization (RDFC-1.0) of JSON-LD documents, in JSON-LD safe mode.

W3C RDFC-1.0 (RDF Dataset Canonicalization, 2024) as used by vc-di-eddsa section 3.3.3
(Transformation, eddsa-rdfc-2022): JSON-LD to RDF, then RDFC-1.0 with SHA-256, then the
canonical N-Quads lines sorted and joined.

JSON-LD to RDF uses ``vckit.fastrdf`` when the document stays inside its subset and PyLD
otherwise. Canonical labelling and serialisation are always done by pyoxigraph, whose N-Quads
escaping (``\\b``, ``\\f``, ``\\u0001``...) matches the JavaScript reference (rdf-canonize 5),
so both paths give byte-identical output.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from pyld import jsonld  # type: ignore[import-untyped]
from pyoxigraph import (
    BlankNode,
    CanonicalizationAlgorithm,
    Dataset,
    DefaultGraph,
    Literal,
    NamedNode,
    Quad,
)

from vckit import fastrdf, rdfc
from vckit.documents import UnknownContextError, pyld_document_loader
from vckit.errors import CanonicalizationError, UnsafeDocumentError

__all__ = [
    "CanonicalizationError",
    "UnsafeDocumentError",
    "canonicalize",
    "document_quads",
    "pyld_quads",
]

RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"

# PyLD keeps module-level caches that are not thread-safe; the fallback path is rare.
_pyld_lock = threading.Lock()


def _raise_dropped(expanded_property: object) -> None:
    raise UnsafeDocumentError(
        f"A property expanding to {expanded_property!r} is not defined by any @context."
    )


def _check_safe(expanded: Any) -> None:
    """Safe mode for PyLD, on expanded JSON-LD: refuse what toRdf would silently drop.

    Relative @id and @type references, and properties that are blank nodes (a key like "_:x",
    or a term an embedded context maps to one): RDF has no blank-node predicates, so their
    values would not be signed while a viewer of the JSON would still show them.
    """
    if isinstance(expanded, list):
        for item in expanded:
            _check_safe(item)
    elif isinstance(expanded, dict):
        for key, value in expanded.items():
            if key.startswith("_:"):
                raise UnsafeDocumentError(
                    f"The property {key!r} is a blank node: its value could not be signed."
                )
            if key == "@id" and isinstance(value, str):
                _require_absolute(value)
            elif key == "@type" and "@value" not in expanded:
                for type_iri in value if isinstance(value, list) else [value]:
                    _require_absolute(type_iri)
            elif key != "@value":
                _check_safe(value)


def _check_keys(document: Any) -> None:
    """Refuse keyword-like keys ("@unsigned") that JSON-LD ignores without a word."""
    if isinstance(document, list):
        for item in document:
            _check_keys(item)
    elif isinstance(document, dict):
        for key, value in document.items():
            if key == "@context":
                continue
            if fastrdf._KEYWORD_LIKE.match(key) and key not in fastrdf._KEYWORDS:
                raise UnsafeDocumentError(f"{key!r} is not a JSON-LD keyword: it would be dropped.")
            _check_keys(value)


def _require_absolute(iri: str) -> None:
    if not iri.startswith("_:") and not fastrdf._ABSOLUTE_IRI.match(iri):
        raise UnsafeDocumentError(f"{iri!r} is a relative IRI reference (no base IRI is used).")


def _term(node: dict[str, Any]) -> NamedNode | BlankNode | Literal:
    kind = node["type"]
    if kind == "IRI":
        return NamedNode(node["value"])
    if kind == "blank node":
        return BlankNode(node["value"][2:])
    datatype = node.get("datatype") or XSD_STRING
    if datatype == RDF_LANGSTRING:
        return Literal(node["value"], language=node["language"])
    if datatype == XSD_STRING:
        return Literal(node["value"])
    return Literal(node["value"], datatype=NamedNode(datatype))


def pyld_quads(document: dict[str, Any]) -> list[Quad]:
    """JSON-LD to RDF with PyLD (JSON-LD 1.1 API toRdf), in safe mode, as pyoxigraph quads."""
    options = {"documentLoader": pyld_document_loader, "base": None}
    _check_keys(document)
    with _pyld_lock:
        processor = jsonld.JsonLdProcessor(on_property_dropped=_raise_dropped)
        expanded = processor.expand(document, options)
        _check_safe(expanded)
        dataset = jsonld.to_rdf(
            expanded,
            {**options, "rdfDirection": "i18n-datatype", "produceGeneralizedRdf": False},
        )
    quads = []
    for graph_name, triples in dataset.items():
        graph: NamedNode | BlankNode | DefaultGraph
        if graph_name == "@default":
            graph = DefaultGraph()
        elif graph_name.startswith("_:"):
            graph = BlankNode(graph_name[2:])
        else:
            graph = NamedNode(graph_name)
        for triple in triples:
            subject = _term(triple["subject"])
            predicate = _term(triple["predicate"])
            if isinstance(subject, Literal) or not isinstance(predicate, NamedNode):
                raise CanonicalizationError("PyLD produced a literal subject or odd predicate")
            quads.append(Quad(subject, predicate, _term(triple["object"]), graph))
    return quads


@contextmanager
def _reported_errors() -> Iterator[None]:
    """Raise UnsafeDocumentError if JSON-LD processing would drop data, CanonicalizationError for
    anything else that makes the document unusable (unknown context, invalid JSON-LD or IRI)."""
    try:
        yield
    except (CanonicalizationError, UnknownContextError):
        raise
    except jsonld.JsonLdError as exc:
        # PyLD wraps errors raised by our document loader; surface the original one.
        cause: BaseException | None = exc
        while cause is not None:
            if isinstance(cause, UnknownContextError | UnsafeDocumentError):
                raise cause from exc
            cause = cause.__cause__ or cause.__context__
        raise CanonicalizationError(f"Invalid JSON-LD: {exc.args[0]}") from exc
    except ValueError as exc:
        # pyoxigraph refuses IRIs that are not valid RFC 3987 IRIs.
        raise CanonicalizationError(f"Invalid IRI or literal in document: {exc}") from exc


def document_quads(document: dict[str, Any]) -> list[Quad]:
    """The RDF dataset of a JSON-LD document (JSON-LD 1.1 API section 9.2 toRdf, safe mode).

    Raises UnsafeDocumentError if JSON-LD processing would drop data, CanonicalizationError for
    anything else that makes the document unusable (unknown context, invalid JSON-LD or IRI).
    """
    with _reported_errors():
        try:
            return fastrdf.to_quads(document)
        except fastrdf.Unsupported:
            return pyld_quads(document)


def canonicalize_quads(quads: list[Quad]) -> str:
    """RDFC-1.0 (SHA-256) canonical N-Quads of a dataset: sorted lines, each ending in "\\n"."""
    dataset = Dataset(quads)
    dataset.canonicalize(CanonicalizationAlgorithm.RDFC_1_0)
    return "".join(sorted(f"{quad} .\n" for quad in dataset))


def canonicalize(document: dict[str, Any]) -> str:
    """Canonical N-Quads of a JSON-LD document (RDFC-1.0, as vc-di-eddsa 3.3.3 requires).

    Fast path (decision 0027): fastrdf writes the triples as N-Quads terms and vckit.rdfc
    labels the blank nodes. Documents outside fastrdf's subset go through PyLD, and datasets
    whose blank nodes need RDFC-1.0's n-degree step through pyoxigraph; all give the same text.
    """
    with _reported_errors():
        try:
            terms = fastrdf.to_terms(document)
        except fastrdf.Unsupported:
            return canonicalize_quads(pyld_quads(document))
        canonical = rdfc.canonicalize(terms)
        if canonical is None:
            return canonicalize_quads(fastrdf.parse_terms(terms))
        return canonical
