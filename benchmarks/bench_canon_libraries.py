"""RDFC-1.0 canonicalisation of one credential: vckit's path against general libraries.

    .venv/bin/python benchmarks/bench_canon_libraries.py [--count 50]

Decision 0027 cites these figures: why vckit keeps its own JSON-LD-to-N-Quads walk and RDFC-1.0
instead of handing the document to PyLD (JSON-LD + URDNA2015 in Python), to rdflib (JSON-LD
parser; it has no RDFC-1.0, so only parsing is timed) or to PyLD + pyoxigraph (the previous
general path). Every library path is checked to give the same canonical text as vckit first.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pyld import jsonld  # type: ignore[import-untyped]  # noqa: E402

from vckit import canon  # noqa: E402
from vckit.documents import pyld_document_loader  # noqa: E402
from vckit.tests import samples  # noqa: E402


def _pyld_urdna2015(document: dict[str, Any]) -> str:
    options = {"algorithm": "URDNA2015", "format": "application/n-quads"}
    options["documentLoader"] = pyld_document_loader
    return jsonld.normalize(document, options)  # type: ignore[no-any-return]


def _pyld_pyoxigraph(document: dict[str, Any]) -> str:
    return canon.canonicalize_quads(canon.pyld_quads(document))


def _rdflib_parse(document: dict[str, Any]) -> object:
    import rdflib

    # rdflib fetches remote contexts itself; give it the bundled ones already expanded.
    expanded = jsonld.expand(document, {"documentLoader": pyld_document_loader})
    return rdflib.Dataset().parse(data=json.dumps(expanded), format="json-ld")


def _time(function: Callable[[dict[str, Any]], object], count: int) -> float:
    documents = [samples.credential(number) for number in range(count)]
    function(documents[0])  # warm caches
    runs = []
    for _ in range(3):
        start = time.perf_counter()
        for document in documents:
            function(document)
        runs.append((time.perf_counter() - start) / count)
    return statistics.median(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=50)
    args = parser.parse_args()
    credential = samples.credential(0)
    expected = canon.canonicalize(credential)
    assert _pyld_urdna2015(credential) == expected, "PyLD disagrees"
    assert _pyld_pyoxigraph(credential) == expected, "PyLD + pyoxigraph disagrees"
    paths = [
        ("vckit (fastrdf + rdfc)", canon.canonicalize),
        ("PyLD toRdf + pyoxigraph RDFC-1.0 (previous fallback)", _pyld_pyoxigraph),
        ("PyLD normalize (URDNA2015, pure Python)", _pyld_urdna2015),
        ("rdflib JSON-LD parse only (no RDFC-1.0)", _rdflib_parse),
    ]
    print(f"load average before: {os.getloadavg()[0]:.2f}")
    print("| path | ms per credential |\n| --- | ---: |")
    for name, function in paths:
        print(f"| {name} | {_time(function, args.count) * 1000:.2f} |")
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
