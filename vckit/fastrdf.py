"""Fast JSON-LD to RDF for documents whose contexts are all bundled.

JSON-LD 1.1 Processing Algorithms section 5.1 (Expansion) followed by section 8.1
(Deserialize JSON-LD to RDF), fused into one walk over the document for the subset of JSON-LD
that credentials use: terms, type coercion (@id, @vocab, datatypes), @set containers,
property-scoped and type-scoped contexts (with @propagate false), @vocab, native numbers and
booleans.

Why: a general processor spends almost all of its time re-processing the large VC and Open
Badges contexts for every document. Here every active context is computed once by PyLD's own
context processing (so term definitions and protection rules are exactly PyLD's) and memoised,
and the walk over the document mirrors PyLD's ``_expand`` step by step. The walk writes each
term as canonical N-Quads text for vckit.rdfc, works out each shape of node object once, and
memoises the triples of large identified objects (decision 0027).

Top-level embedded contexts are supported (memoised by their JSON). Anything outside that
subset (@context inside a node object, @list, @graph, @reverse, language maps, value
objects, relative IRIs, blank node identifiers in the input, keyword-like keys, ...) raises
``Unsupported`` so the caller can fall back to full PyLD processing. Tests compare this path
with PyLD on the W3C vectors and on randomly generated documents.
"""

from __future__ import annotations

import json
import re
import threading
from dataclasses import dataclass
from typing import Any

from pyld import jsonld  # type: ignore[import-untyped]
from pyld.context_resolver import ContextResolver  # type: ignore[import-untyped]
from pyoxigraph import NamedNode, Quad, RdfFormat, parse

from vckit.documents import pyld_document_loader
from vckit.errors import UnsafeDocumentError

RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
XSD = "http://www.w3.org/2001/XMLSchema#"
XSD_STRING = XSD + "string"
XSD_BOOLEAN = XSD + "boolean"
XSD_INTEGER = XSD + "integer"
XSD_DOUBLE = XSD + "double"

# Same patterns PyLD uses, so "is this an absolute IRI / a keyword" is decided identically.
_ABSOLUTE_IRI = re.compile(r"^([A-Za-z][A-Za-z0-9+-.]*|_):[^\s]*$")
_KEYWORD_LIKE = re.compile(r"^@[a-zA-Z]+$")
_KEYWORDS = frozenset(jsonld.KEYWORDS)

_lock = threading.RLock()
_processor = jsonld.JsonLdProcessor()
_resolver_cache: Any = jsonld.LRUCache(maxsize=1000)


class Unsupported(Exception):
    """The document uses JSON-LD this fast path does not implement; use full processing."""


def _options() -> dict[str, Any]:
    return {
        "base": "",
        "documentLoader": pyld_document_loader,
        "contextResolver": ContextResolver(_resolver_cache, pyld_document_loader),
        "isFrame": False,
        "keepFreeFloatingNodes": False,
        "processingMode": "json-ld-1.1",
        "extractAllScripts": False,
    }


class _Ctx:
    """A PyLD active context plus memoised derived contexts."""

    __slots__ = (
        "_derived",
        "layouts",
        "mappings",
        "plans",
        "previous_raw",
        "raw",
        "shapes",
        "subtrees",
        "vocab",
    )

    def __init__(self, raw: dict[str, Any]) -> None:
        if raw.get("@language") is not None or raw.get("@direction") is not None:
            raise Unsupported("default language or direction")
        base = raw.get("@base")
        if base not in (None, ""):
            raise Unsupported("@base")
        self.raw = raw
        self.mappings: dict[str, Any] = raw["mappings"]
        self.vocab: str | None = raw.get("@vocab")
        self.previous_raw: dict[str, Any] | None = raw.get("previousContext")
        self._derived: dict[tuple[str, int], tuple[object, _Ctx]] = {}
        # key -> how to turn its values into triples; only for terms of this context, so a
        # document cannot grow the cache with made-up keys.
        self.plans: dict[str, _Plan] = {}
        # Memoised node-object shapes and layouts (see _Walker.node), bounded in size.
        self.shapes: dict[tuple[str | None, tuple[str, ...]], tuple[_Ctx, str | None]] = {}
        self.layouts: dict[tuple[tuple[str, ...], str | None, tuple[str, ...]], _Layout] = {}
        self.subtrees: dict[tuple[str, str], tuple[list[tuple[str, str, str]], int, int]] = {}

    @property
    def previous(self) -> _Ctx | None:
        return None if self.previous_raw is None else _wrap(self.previous_raw)

    def derive(self, kind: str, local: object) -> _Ctx:
        """Apply a scoped context: kind "p" = property-scoped, "t" = type-scoped."""
        key = (kind, id(local))
        hit = self._derived.get(key)
        if hit is not None and hit[0] is local:
            return hit[1]
        with _lock:
            if kind == "p":
                raw = _processor._process_context(
                    self.raw, local, _options(), override_protected=True
                )
            else:
                raw = _processor._process_context(self.raw, local, _options(), propagate=False)
        derived = _wrap(raw)
        self._derived[key] = (local, derived)
        return derived


@dataclass(frozen=True, slots=True)
class _Plan:
    """What a property key means in one active context (PyLD ``_expand_object`` per key)."""

    predicate: str  # "<iri>", as written in N-Quads
    term_ctx: _Ctx  # the context its values are expanded in (property-scoped, if any)
    coercion: str | None  # @id, @vocab, a datatype IRI, or None
    string_suffix: str | None  # after a plain string's text: '"' or '"^^<datatype>'


def _plan(active: _Ctx, key: str) -> _Plan | None:
    """The plan for ``key``, or None when the key expands to @id (handled by the caller)."""
    plan = active.plans.get(key)
    if plan is not None:
        return plan
    expanded = _expand_iri(active, key, vocab=True, relative=True)
    if expanded == "@id":
        return None
    if expanded is None or not (expanded.startswith("@") or _ABSOLUTE_IRI.match(expanded)):
        # Plain JSON-LD would silently drop a key no context defines (so it would not be
        # signed); safe mode refuses the document instead.
        raise UnsafeDocumentError(f"{key!r} is not defined by any @context.")
    if expanded.startswith(("@", "_:")):
        raise Unsupported(f"keyword {expanded}")
    mapping = active.mappings.get(key)
    term_ctx = active
    if mapping is not None:
        if mapping.get("reverse") or mapping.get("@nest") is not None:
            raise Unsupported("reverse or nested property")
        container = mapping.get("@container")
        if container and container != ["@set"]:
            raise Unsupported("container other than @set")
        local = mapping.get("@context")
        if local is not None:
            term_ctx = active.derive("p", local)
    # Value expansion looks the key up again in the property-scoped context.
    value_mapping = term_ctx.mappings.get(key)
    coercion = None if value_mapping is None else value_mapping.get("@type")
    if value_mapping is not None and (
        value_mapping.get("@language") is not None or value_mapping.get("@direction") is not None
    ):
        raise Unsupported("language on term")
    if coercion in ("@json", "@none"):
        raise Unsupported(f"type {coercion}")
    suffix: str | None = None  # None: leave it to _value (IRIs, xsd:double, odd datatypes)
    if coercion is None or coercion == XSD_STRING:
        suffix = '"'
    elif coercion not in ("@id", "@vocab", XSD_DOUBLE):
        try:
            suffix = f'"^^{_named_node(coercion)}'
        except ValueError:
            suffix = None
    plan = _Plan(_named_node(expanded), term_ctx, coercion, suffix)
    if key in active.mappings:
        active.plans[key] = plan
    return plan


_wrappers: dict[int, _Ctx] = {}
_initial: dict[str, _Ctx] = {}
_named: dict[str, str] = {}
_document_iris: dict[str, str] = {}


def _wrap(raw: dict[str, Any]) -> _Ctx:
    wrapper = _wrappers.get(id(raw))
    if wrapper is None or wrapper.raw is not raw:
        wrapper = _Ctx(raw)
        _wrappers[id(raw)] = wrapper
    return wrapper


def _initial_context(key: str) -> _Ctx:
    ctx = _initial.get(key)
    if ctx is None:
        # Processed from a private copy: the memoised context must not share objects with a
        # caller's document, which the caller may change later.
        context = json.loads(key)
        with _lock:
            options = _options()
            start = _processor._get_initial_context(options)
            raw = _processor._process_context(start, context, options)
        ctx = _wrap(raw)
        # Real documents use a handful of context lists; do not let odd ones fill memory.
        if len(_initial) < 64:
            _initial[key] = ctx
    return ctx


def _context_key(context: object) -> str:
    """A cache key for a top-level @context: URLs, and embedded contexts as canonical JSON.

    Our credentials embed the Annex I context (docs/decisions/0010), so an embedded context
    object must be as cheap as a URL after the first document that uses it.
    """
    items = context if isinstance(context, list) else [context]
    if not items or not all(isinstance(item, str | dict) for item in items):
        raise Unsupported("@context must be URLs and context objects")
    return json.dumps(items, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _named_node(iri: str) -> str:
    """``<iri>`` for IRIs that come from contexts (a small, fixed set): checked once, cached."""
    node = _named.get(iri)
    if node is None:
        NamedNode(iri)  # raises ValueError unless it is a valid RFC 3987 IRI
        node = f"<{iri}>"
        if len(_named) < 10_000:
            _named[iri] = node
    return node


def _expand_iri(ctx: _Ctx, value: str, *, vocab: bool, relative: bool = False) -> str | None:
    """PyLD ``_expand_iri`` for the cases the fast path supports (IRI Expansion, 5.2).

    ``relative`` (used for keys) returns a value that stays relative instead of giving up, the
    way PyLD expands keys without a base; the caller then drops that key.
    """
    if value.startswith("@"):
        if _KEYWORD_LIKE.match(value):
            # Keywords expand to themselves; other keyword-like strings are ignored.
            return value if value in _KEYWORDS else None
        raise Unsupported("value starting with @")
    if vocab and value in ctx.mappings:
        mapping = ctx.mappings[value]
        return None if mapping is None else mapping["@id"]
    colon = value.find(":")
    if colon > 0:
        prefix, suffix = value[:colon], value[colon + 1 :]
        if prefix == "_":
            raise Unsupported("blank node identifier in input")
        if suffix.startswith("//"):
            return value
        mapping = ctx.mappings.get(prefix)
        if mapping and mapping["_prefix"]:
            return mapping["@id"] + suffix  # type: ignore[no-any-return]
        if _ABSOLUTE_IRI.match(value):
            return value
    if vocab and ctx.vocab is not None:
        return ctx.vocab + value
    if relative:
        return value
    raise UnsafeDocumentError(f"{value!r} is a relative IRI reference (no base IRI is used).")


def _iri_node(iri: str | None) -> str:
    """``<iri>`` for an IRI from a document, after the checks pyoxigraph's NamedNode makes."""
    if iri is None or iri.startswith(("_:", "@")):
        raise Unsupported("null, keyword or blank node IRI")
    node = _document_iris.get(iri)
    if node is not None:
        return node
    if not _ABSOLUTE_IRI.match(iri):
        raise UnsafeDocumentError(f"{iri!r} is not an absolute IRI.")
    NamedNode(iri)  # raises ValueError unless it is a valid RFC 3987 IRI
    node = f"<{iri}>"
    # Issuer, spec and status-list IRIs repeat across credentials; ids do not, so keep it bounded.
    if len(_document_iris) >= 10_000:
        _document_iris.clear()
    _document_iris[iri] = node
    return node


# Canonical N-Quads string escaping (RDF 1.2 N-Quads section 7, as pyoxigraph and rdf-canonize
# write it): \b \t \n \f \r \" \\ as escapes, other C0 controls, DEL, U+FFFE and U+FFFF as
# \u00XX (upper-case hex). Tests compare every code point with pyoxigraph.
_ESCAPES = {chr(c): f"\\u{c:04X}" for c in [*range(0x20), 0x7F, 0xFFFE, 0xFFFF]}
_ESCAPES.update({"\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"})
_ESCAPES.update({'"': '\\"', "\\": "\\\\"})
_NEEDS_ESCAPE = re.compile(r'[\x00-\x1f"\\\x7f\ufffe\uffff]')
_SPECIAL = re.compile(r'[\x00-\x1f"\\\x7f\ufffe\uffff\ud800-\udfff]')
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _escape(match: re.Match[str]) -> str:
    return _ESCAPES[match.group()]


def _string_literal(value: str, datatype: str | None) -> str:
    if _SPECIAL.search(value) is not None:
        if _SURROGATE.search(value):
            raise Unsupported("lone surrogate in a string")  # the general path reports it
        value = _NEEDS_ESCAPE.sub(_escape, value)
    if datatype is None or datatype == XSD_STRING:
        return f'"{value}"'
    return f'"{value}"^^{_named_node(datatype)}'


def _canonical_double(value: float) -> str:
    # Canonical xsd:double lexical form, as PyLD and jsonld.js write it.
    return re.sub(r"(\d)0*E\+?(-)?0*(\d)", r"\1E\2\3", f"{value:1.15E}")


def _literal(value: object, datatype: str | None) -> str:
    """Deserialize JSON-LD to RDF 8.1, "object to RDF" for native values (8.1.2 steps 8-12)."""
    if isinstance(value, str):
        if datatype == XSD_DOUBLE:
            raise Unsupported("string typed as xsd:double")
        return _string_literal(value, datatype)
    if isinstance(value, bool):
        return _string_literal("true" if value else "false", datatype or XSD_BOOLEAN)
    if isinstance(value, int | float):
        if isinstance(value, float) and not value.is_integer():
            return _string_literal(_canonical_double(value), datatype or XSD_DOUBLE)
        if datatype == XSD_DOUBLE or abs(value) >= 1e21:
            return _string_literal(_canonical_double(float(value)), datatype or XSD_DOUBLE)
        return _string_literal(str(int(value)), datatype or XSD_INTEGER)
    raise Unsupported("unexpected JSON value")


@dataclass(frozen=True, slots=True)
class _Layout:
    """How a node object with given keys and types becomes triples in one active context.

    Everything here depends only on the keys, the types and the context, never on the values,
    so it is worked out once per shape of object (Expansion 5.1.2 steps 7-13) and memoised.
    """

    id_key: str | None
    id_ctx: _Ctx  # the context @id values are expanded in
    type_nodes: tuple[str, ...]
    properties: tuple[tuple[str, _Plan], ...]


# Credentials use a few dozen shapes; odd documents must not fill memory.
_MAX_SHAPES = 512
_MAX_SHAPE_KEYS = 64
# Memoised subtrees (see _Walker.node): only large ones, a bounded number per context.
_MIN_MEMO_TEXT = 1024
_MAX_MEMOS = 64


def _expands_to(ctx: _Ctx, key: str) -> str | None:
    if key in ctx.mappings:
        mapping = ctx.mappings[key]
        return None if mapping is None else mapping["@id"]
    return key if key in ("@type", "@id") else None


def _shape(
    active: _Ctx, active_property: str | None, keys: tuple[str, ...]
) -> tuple[_Ctx, str | None]:
    """Steps 7-11: the context a node object's types are read in, and its type key."""
    if active_property is not None and any(
        k.startswith("@") and k not in ("@id", "@type") for k in keys
    ):
        raise Unsupported("keyword entry in a nested object")
    property_scoped = None
    if active_property is not None:
        mapping = active.mappings.get(active_property)
        if mapping is not None:
            property_scoped = mapping.get("@context")
    # Step 7: a type-scoped context does not apply inside a new node object, unless the
    # object is only a reference ({"id": ...}).
    previous = active.previous
    if previous is not None and not (
        len(keys) == 1 and _expand_iri(active, keys[0], vocab=True, relative=True) == "@id"
    ):
        active = previous
    if property_scoped is not None:
        active = active.derive("p", property_scoped)
    type_key = None
    for key in keys:
        if _expands_to(active, key) == "@type":
            if type_key is not None:
                raise Unsupported("two keys expand to @type")
            type_key = key
    return active, type_key


def _layout(
    type_scoped: _Ctx, keys: tuple[str, ...], type_key: str | None, types: tuple[str, ...]
) -> _Layout:
    """Steps 11-13: apply type-scoped contexts, then plan every key."""
    active = type_scoped
    for type_name in sorted(types):
        mapping = type_scoped.mappings.get(type_name)
        if mapping is not None:
            local = mapping.get("@context")
            if local is not None and local is not False:
                active = active.derive("t", local)
    id_key = None
    for key in keys:
        if key != type_key and _expand_iri(active, key, vocab=True, relative=True) == "@id":
            if id_key is not None:
                raise Unsupported("@id twice")
            id_key = key
    type_nodes = tuple(_iri_node(_expand_iri(type_scoped, name, vocab=True)) for name in types)
    properties = []
    for key in keys:
        if key != type_key:
            plan = _plan(active, key)
            if plan is not None:
                properties.append((key, plan))
    return _Layout(id_key, active, type_nodes, tuple(properties))


class _Walker:
    """One pass over one document, collecting default-graph triples as N-Quads terms."""

    def __init__(self) -> None:
        self.quads: list[tuple[str, str, str]] = []
        self.blank_nodes = 0

    def node(self, element: dict[str, Any], active: _Ctx, active_property: str | None) -> str:
        """Expansion 5.1.2 steps 7-14 for a node object, emitting its triples."""
        if "@context" in element:
            raise Unsupported("embedded @context")
        keys = tuple(element)
        cacheable = len(keys) <= _MAX_SHAPE_KEYS
        shape_key = (active_property, keys)
        shape = active.shapes.get(shape_key)
        if shape is None:
            shape = _shape(active, active_property, keys)
            if cacheable and len(active.shapes) < _MAX_SHAPES:
                active.shapes[shape_key] = shape
        scoped, type_key = shape
        types: tuple[str, ...] = ()
        if type_key is not None:
            raw_types = element[type_key]
            types = tuple(raw_types) if isinstance(raw_types, list) else (raw_types,)
            if not all(isinstance(t, str) for t in types):
                raise Unsupported("non-string type")
        layout_key = (keys, type_key, types)
        layout = scoped.layouts.get(layout_key)
        if layout is None:
            layout = _layout(scoped, keys, type_key, types)
            if cacheable and len(scoped.layouts) < _MAX_SHAPES:
                scoped.layouts[layout_key] = layout
        if layout.id_key is None:
            # Labels are only local names: RDFC-1.0 replaces them with canonical ones.
            subject = f"_:b{self.blank_nodes}"
            self.blank_nodes += 1
            self._properties(element, subject, layout)
            return subject
        value = element[layout.id_key]
        if not isinstance(value, str):
            raise Unsupported("@id not a string")
        subject = _iri_node(_expand_iri(layout.id_ctx, value, vocab=False))
        if active_property is None:
            self._properties(element, subject, layout)
            return subject
        # A nested object with an IRI (an achievement, an issuer profile) is usually identical
        # in every credential of one specification: its triples are memoised by its JSON text,
        # which is much cheaper to produce than the walk. Blank nodes get fresh local labels.
        try:
            text = json.dumps(element, ensure_ascii=False, check_circular=False)
        except TypeError:
            text = ""  # not plain JSON (a Decimal, say): walk it, which reports the problem
        if len(text) < _MIN_MEMO_TEXT:
            self._properties(element, subject, layout)
            return subject
        memo_key = (active_property, text)
        memo = active.subtrees.get(memo_key)
        if memo is None:
            first_quad, first_blank = len(self.quads), self.blank_nodes
            self._properties(element, subject, layout)
            memo = (self.quads[first_quad:], first_blank, self.blank_nodes)
            if len(active.subtrees) >= _MAX_MEMOS:
                active.subtrees.clear()
            active.subtrees[memo_key] = memo
            return subject
        triples, first, end = memo
        if first == self.blank_nodes or first == end:
            self.quads.extend(triples)  # the labels it was recorded with are the next free ones
        else:
            offset = self.blank_nodes - first
            labels = {f"_:b{n}": f"_:b{n + offset}" for n in range(first, end)}
            self.quads.extend([(labels.get(s, s), p, labels.get(o, o)) for s, p, o in triples])
        self.blank_nodes += end - first
        return subject

    def _properties(self, element: dict[str, Any], subject: str, layout: _Layout) -> None:
        quads = self.quads
        for type_node in layout.type_nodes:
            quads.append((subject, RDF_TYPE, type_node))
        for key, plan in layout.properties:
            self._property(subject, plan, key, element[key])

    def _property(self, subject: str, plan: _Plan, key: str, value: Any) -> None:
        quads = self.quads
        for item in value if isinstance(value, list) else (value,):
            if item is None:
                continue
            if isinstance(item, dict):
                quads.append((subject, plan.predicate, self.node(item, plan.term_ctx, key)))
            elif isinstance(item, list):
                raise Unsupported("nested array")
            elif (
                item.__class__ is str
                and plan.string_suffix is not None
                and _SPECIAL.search(item) is None
            ):
                # The common case, inlined: a plain string needing no escapes.
                quads.append((subject, plan.predicate, f'"{item}{plan.string_suffix}'))
            else:
                quads.append((subject, plan.predicate, _value(item, plan)))


def _value(value: object, plan: _Plan) -> str:
    """Value Expansion (5.3.2) followed by object-to-RDF (8.1.2)."""
    coercion = plan.coercion
    if coercion == "@id" or coercion == "@vocab":
        if not isinstance(value, str):
            return _literal(value, None)
        return _iri_node(_expand_iri(plan.term_ctx, value, vocab=coercion == "@vocab"))
    return _literal(value, coercion)


def to_terms(document: dict[str, Any]) -> list[tuple[str, str, str]]:
    """The default-graph triples of ``document`` (JSON-LD in safe mode), each term written as
    in canonical N-Quads; blank nodes carry local labels ``_:b0``, ``_:b1``...

    Raises Unsupported when the document needs JSON-LD features outside the fast subset,
    UnsafeDocumentError when JSON-LD processing would lose data, and ValueError for an IRI
    that is not a valid RFC 3987 IRI.
    """
    key = _context_key(document.get("@context"))
    walker = _Walker()
    body = {key: value for key, value in document.items() if key != "@context"}
    if not body or set(body) <= {"id", "@id"}:
        raise Unsupported("empty top-level object")
    walker.node(body, _initial_context(key), None)
    return walker.quads


def nquads(terms: list[tuple[str, str, str]]) -> str:
    """N-Quads text of ``to_terms`` output (default graph), one line per triple."""
    return "".join(f"{s} {p} {o} .\n" for s, p, o in terms)


def parse_terms(terms: list[tuple[str, str, str]]) -> list[Quad]:
    """``to_terms`` output as pyoxigraph quads, read back by pyoxigraph's N-Quads parser."""
    return list(parse(nquads(terms), format=RdfFormat.N_QUADS))


def to_quads(document: dict[str, Any]) -> list[Quad]:
    """The default-graph quads of ``document`` as pyoxigraph quads (see ``to_terms``)."""
    return parse_terms(to_terms(document))
