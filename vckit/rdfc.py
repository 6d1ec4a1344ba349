"""RDFC-1.0 for datasets whose blank nodes all have distinct first-degree hashes.

W3C RDF Dataset Canonicalization (RDFC-1.0, 2024), section 4.4 steps 1-5 with SHA-256: the
Hash First Degree Quads algorithm (4.6) for every blank node, then canonical identifiers issued
in code point order of the hashes. When every hash is unique, step 5 issues every identifier
and steps 6 (Hash N-Degree Quads) has nothing left to do, so the result is the full
algorithm's. That is the normal case for credentials: a blank node is a JSON object, and its
first-degree hash covers its own properties and type.

When two blank nodes share a hash (two identical objects in one document), ``canonicalize``
returns None and the caller uses the complete implementation (pyoxigraph). Terms arrive already
written as in canonical N-Quads (``vckit.fastrdf.to_terms``), default graph only.
"""

from __future__ import annotations

from hashlib import sha256

Triple = tuple[str, str, str]


def _first_degree_hash(node: str, triples: list[Triple]) -> str:
    """RDFC-1.0 4.6: the node itself is ``_:a``, every other blank node ``_:z``."""
    lines = []
    for subject, predicate, obj in triples:
        if subject[0] == "_":
            subject = "_:a" if subject == node else "_:z"
        if obj[0] == "_":
            obj = "_:a" if obj == node else "_:z"
        lines.append(f"{subject} {predicate} {obj} .\n")
    lines.sort()
    return sha256("".join(lines).encode("utf-8")).hexdigest()


def canonicalize(triples: list[Triple]) -> str | None:
    """Canonical N-Quads (sorted lines, each ending in "\\n"), or None when step 6 is needed.

    Every term must be in canonical N-Quads form; blank nodes start with "_", IRIs with "<",
    literals with '"' (so the first character tells them apart).
    """
    # A dataset is a set: a triple stated twice (["A", "A"]) must count once in the hashes.
    triples = list(dict.fromkeys(triples))
    by_node: dict[str, list[Triple]] = {}
    for triple in triples:
        subject, _, obj = triple
        if subject[0] == "_":
            by_node.setdefault(subject, []).append(triple)
        if obj[0] == "_":
            if obj == subject:
                return None  # a node pointing at itself: leave it to the full algorithm
            by_node.setdefault(obj, []).append(triple)
    by_hash = {_first_degree_hash(node, quads): node for node, quads in by_node.items()}
    if len(by_hash) != len(by_node):
        return None
    canonical = {
        by_hash[digest]: f"_:c14n{number}" for number, digest in enumerate(sorted(by_hash))
    }
    lines = []
    for subject, predicate, obj in triples:
        if subject[0] == "_":
            subject = canonical[subject]
        if obj[0] == "_":
            obj = canonical[obj]
        lines.append(f"{subject} {predicate} {obj} .\n")
    lines.sort()
    return "".join(lines)
