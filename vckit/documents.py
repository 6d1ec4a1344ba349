"""Offline JSON-LD document loader: only the contexts bundled in ``vckit/contexts/``.

JSON-LD 1.1 API section 9.4 (LoadDocumentCallback) lets a processor plug in its own loader.
Ours never touches the network: a credential is verified against the exact context bytes we
ship (their sha256 is checked when first read), and an unknown context URL is an error, not a
download. That keeps verification deterministic and makes "fetch a context from the issuer's
server" impossible as an attack or a privacy leak.
"""

from __future__ import annotations

import copy
import functools
import hashlib
import json
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CONTEXTS_DIR = Path(__file__).parent / "contexts"
INDEX_FILE = CONTEXTS_DIR / "index.json"

VC_V2 = "https://www.w3.org/ns/credentials/v2"
OB_V3P0 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
# Credentials issued before decision 0010 name the Annex I context by this URL, which resolves
# nowhere; we keep the file to verify them. New credentials embed ANNEX1_EMBEDDED_FILE instead.
ANNEX1_V1 = "https://w3id.org/microcred/annex1/v1"
ANNEX1_EMBEDDED_FILE = CONTEXTS_DIR / "annex1-embedded.jsonld"
DID_V1 = "https://www.w3.org/ns/did/v1"
MULTIKEY_V1 = "https://w3id.org/security/multikey/v1"
DATA_INTEGRITY_V2 = "https://w3id.org/security/data-integrity/v2"
# VC Data Model 1.1 and the ELM 3 EDC context: only for the ELM export (vckit.elm), which is a
# VC 1.1 document; the EDC context cannot be combined with VC_V2 (protected term redefinition).
VC_V1 = "https://www.w3.org/2018/credentials/v1"
EDC_AP = "http://data.europa.eu/snb/model/context/edc-ap"


class UnknownContextError(ValueError):
    """A document referred to a JSON-LD context that vckit does not bundle."""


class ContextIntegrityError(RuntimeError):
    """A bundled context file does not match the digest recorded in ``index.json``."""


@dataclass(frozen=True, slots=True)
class BundledContext:
    """One entry of ``contexts/index.json``."""

    url: str
    file: str
    sha256: str
    license: str
    source: str

    @property
    def path(self) -> Path:
        return CONTEXTS_DIR / self.file


def _read_index() -> dict[str, BundledContext]:
    raw = json.loads(INDEX_FILE.read_text(encoding="utf-8"))
    entries = (BundledContext(**entry) for entry in raw["contexts"])
    return {entry.url: entry for entry in entries}


BUNDLED: dict[str, BundledContext] = _read_index()

_parsed: dict[str, Any] = {}
_lock = threading.Lock()


def _checked_bytes(entry: BundledContext) -> bytes:
    data = entry.path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if digest != entry.sha256:
        raise ContextIntegrityError(
            f"Bundled JSON-LD context {entry.file} has sha256 {digest}, "
            f"but contexts/index.json records {entry.sha256} for {entry.url}."
        )
    return data


def _shared_document(url: str) -> Any:
    """The parsed context, shared between callers: it must never be mutated."""
    document = _parsed.get(url)
    if document is not None:
        return document
    entry = BUNDLED.get(url)
    if entry is None:
        raise UnknownContextError(
            f"JSON-LD context {url!r} is not bundled with vckit and will not be downloaded. "
            f"Bundled contexts: {', '.join(sorted(BUNDLED))}."
        )
    with _lock:
        document = json.loads(_checked_bytes(entry))
        _parsed[url] = document
    return document


def load_document(url: str) -> Any:
    """Return a private copy of the bundled JSON-LD document at ``url``.

    Raises UnknownContextError for any URL that is not bundled (JSON-LD 1.1 API 9.4: the
    loader decides what may be loaded; we allow nothing remote).
    """
    return copy.deepcopy(_shared_document(url))


def pyld_document_loader(url: str, options: object | None = None) -> dict[str, Any]:
    """A PyLD ``documentLoader`` that serves bundled contexts only (JSON-LD 1.1 API 9.4.1).

    PyLD caches processed contexts and does not modify the documents it is given, so the
    shared parsed object is handed over without copying (the copy would cost more than the
    rest of the call on the hot path).
    """
    return {"contextUrl": None, "documentUrl": url, "document": _shared_document(url)}


@functools.cache
def _annex1_text() -> str:
    return ANNEX1_EMBEDDED_FILE.read_text(encoding="utf-8")


def annex1_context() -> dict[str, Any]:
    """A fresh copy of the Annex I term definitions that every credential embeds in its
    ``@context`` (docs/decisions/0010): any JSON-LD processor reads them without a download."""
    document = json.loads(_annex1_text())
    context: dict[str, Any] = document["@context"]
    return context


def verify_bundle() -> None:
    """Check every bundled context against its recorded sha256 (raises on any mismatch)."""
    for entry in BUNDLED.values():
        _checked_bytes(entry)
