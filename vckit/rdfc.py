"""RDF Dataset Canonicalization (RDFC-1.0) with SHA-256, on triples already written as N-Quads.

W3C RDFC-1.0 (2024), section 4.4 and the algorithms it calls: Issue Identifier (4.5), Hash First
Degree Quads (4.6), Hash Related Blank Node (4.7) and Hash N-Degree Quads (4.8), for the default
graph only (what JSON-LD credentials produce). Terms arrive in canonical N-Quads form from
``vckit.fastrdf.to_terms``, so no term is built or serialised twice; that is what makes this
faster than handing objects to pyoxigraph (decision 0027).

Most credentials finish at step 5 (every blank node has its own first-degree hash). Identical
objects, such as two learning outcomes aligned to the same DigComp competence, need the n-degree
step. A pathological graph that needs more than ``MAX_N_DEGREE_CALLS`` of them makes
``canonicalize`` return None, and the caller hands the dataset to pyoxigraph.
"""

from __future__ import annotations

from hashlib import sha256
from itertools import permutations

Triple = tuple[str, str, str]

MAX_N_DEGREE_CALLS = 2_000

# First-degree hashes across datasets, keyed by the node and its triples; bounded.
_FIRST_DEGREE: dict[tuple[str, tuple[Triple, ...]], str] = {}
_MAX_FIRST_DEGREE = 4096


class _TooComplex(Exception):
    pass


class _Issuer:
    """RDFC-1.0 4.5 Issue Identifier: ``prefix`` + counter, remembering the order of issue."""

    __slots__ = ("issued", "prefix")

    def __init__(self, prefix: str, issued: dict[str, str] | None = None) -> None:
        self.prefix = prefix
        self.issued: dict[str, str] = {} if issued is None else issued

    def issue(self, node: str) -> str:
        label = self.issued.get(node)
        if label is None:
            label = f"{self.prefix}{len(self.issued)}"
            self.issued[node] = label
        return label

    def copy(self) -> _Issuer:
        return _Issuer(self.prefix, dict(self.issued))


def _is_blank(term: str) -> bool:
    return term[0] == "_"


class _State:
    """RDFC-1.0 4.2 canonicalization state for one dataset."""

    def __init__(self, by_node: dict[str, list[Triple]]) -> None:
        self.by_node = by_node
        self.canonical = _Issuer("_:c14n")
        self.first_degree: dict[str, str] = {}
        self.n_degree_calls = 0

    def hash_first_degree(self, node: str) -> str:
        """4.6: the node itself is ``_:a``, every other blank node ``_:z``."""
        digest = self.first_degree.get(node)
        if digest is not None:
            return digest
        # The hash depends only on these triples, and a memoised achievement brings the same
        # triples (the same string objects, so hashing the key is cheap) in every credential.
        key = (node, tuple(self.by_node[node]))
        digest = _FIRST_DEGREE.get(key)
        if digest is not None:
            self.first_degree[node] = digest
            return digest
        # _:a for the node itself, _:z for any other blank node (inlined: a hot loop).
        lines = [
            f"{s if s[0] != '_' else '_:a' if s == node else '_:z'} {p} "
            f"{o if o[0] != '_' else '_:a' if o == node else '_:z'} .\n"
            for s, p, o in self.by_node[node]
        ]
        lines.sort()
        digest = sha256("".join(lines).encode("utf-8")).hexdigest()
        self.first_degree[node] = digest
        if len(_FIRST_DEGREE) >= _MAX_FIRST_DEGREE:
            _FIRST_DEGREE.clear()
        _FIRST_DEGREE[key] = digest
        return digest

    def hash_related(self, related: str, predicate: str, issuer: _Issuer, position: str) -> str:
        """4.7 Hash Related Blank Node (position "s" or "o"; no named graphs here)."""
        identifier = (
            self.canonical.issued.get(related)
            or issuer.issued.get(related)
            or self.hash_first_degree(related)
        )
        return sha256(f"{position}{predicate}{identifier}".encode()).hexdigest()

    def hash_n_degree(self, node: str, issuer: _Issuer) -> tuple[str, _Issuer]:
        """4.8 Hash N-Degree Quads."""
        self.n_degree_calls += 1
        if self.n_degree_calls > MAX_N_DEGREE_CALLS:
            raise _TooComplex
        related_by_hash: dict[str, list[str]] = {}
        for subject, predicate, obj in self.by_node[node]:
            for term, position in ((subject, "s"), (obj, "o")):
                if _is_blank(term) and term != node:
                    digest = self.hash_related(term, predicate, issuer, position)
                    related_by_hash.setdefault(digest, []).append(term)
        data = []
        for digest in sorted(related_by_hash):
            data.append(digest)
            chosen_path = ""
            chosen_issuer: _Issuer | None = None
            for permutation in permutations(related_by_hash[digest]):
                candidate = self._path(permutation, issuer, chosen_path)
                if candidate is not None and (chosen_issuer is None or candidate[0] < chosen_path):
                    chosen_path, chosen_issuer = candidate
            assert chosen_issuer is not None
            data.append(chosen_path)
            issuer = chosen_issuer
        return sha256("".join(data).encode("utf-8")).hexdigest(), issuer

    def _path(
        self, permutation: tuple[str, ...], issuer: _Issuer, chosen_path: str
    ) -> tuple[str, _Issuer] | None:
        """4.8.3 step 5.4 for one permutation; None when it cannot beat ``chosen_path``."""
        issuer_copy = issuer.copy()
        path = ""
        recursion = []
        for related in permutation:
            label = self.canonical.issued.get(related)
            if label is None:
                if related not in issuer_copy.issued:
                    recursion.append(related)
                label = issuer_copy.issue(related)
            path += label
            if _worse(path, chosen_path):
                return None
        for related in recursion:
            digest, issuer_copy = self.hash_n_degree(related, issuer_copy)
            path += issuer_copy.issue(related) + f"<{digest}>"
            if _worse(path, chosen_path):
                return None
        return path, issuer_copy


def _worse(path: str, chosen_path: str) -> bool:
    return bool(chosen_path) and len(path) >= len(chosen_path) and path > chosen_path


def canonicalize(triples: list[Triple]) -> str | None:
    """Canonical N-Quads (sorted lines, each ending in "\\n"); None if too complex (see above).

    Every term must be in canonical N-Quads form; blank nodes start with "_", IRIs with "<",
    literals with '"' (so the first character tells them apart).
    """
    # A dataset is a set: a triple stated twice (["A", "A"]) must count once in the hashes.
    triples = list(dict.fromkeys(triples))
    by_node: dict[str, list[Triple]] = {}
    # Hot loop: s[0] == "_" is _is_blank, inlined.
    for triple in triples:
        subject, _, obj = triple
        if subject[0] == "_":
            by_node.setdefault(subject, []).append(triple)
        if obj[0] == "_" and obj != subject:
            by_node.setdefault(obj, []).append(triple)
    state = _State(by_node)
    by_hash: dict[str, list[str]] = {}
    for node in by_node:  # step 3
        by_hash.setdefault(state.hash_first_degree(node), []).append(node)
    shared = []
    for digest in sorted(by_hash):  # step 4
        nodes = by_hash[digest]
        if len(nodes) == 1:
            state.canonical.issue(nodes[0])
        else:
            shared.append(nodes)
    try:
        for nodes in shared:  # step 5
            results = []
            for node in nodes:
                if node in state.canonical.issued:
                    continue
                issuer = _Issuer("_:b")
                issuer.issue(node)
                results.append(state.hash_n_degree(node, issuer))
            for _, issuer in sorted(results, key=lambda result: result[0]):
                for node in issuer.issued:
                    state.canonical.issue(node)
    except _TooComplex:
        return None
    labels = state.canonical.issued
    lines = [  # step 6
        f"{labels[s] if s[0] == '_' else s} {p} {labels[o] if o[0] == '_' else o} .\n"
        for s, p, o in triples
    ]
    lines.sort()
    return "".join(lines)
