"""The kept half of verifying one of our own credentials (issue #19, decision 0026).

The verify page of a stored credential used to check its signature, its issuer's key and the
OB 3.0 schema on every view, although none of that can change for the same signed bytes and
the same keys. vckit's `check_integrity` (proofs, issuer, shape, schema) is kept in the cache:

- key: a SHA-256 of the exact document (JSON with sorted keys, proof included), so any change
  to any byte is another key and gets a full check;
- the entry also holds a SHA-256 of every controller (DID) document the check read. A hit is
  used only when each of those documents, built from our database at this request, is still the
  same: a rotated, retired or removed key changes the document, so the result is recomputed.
  Deriving this "generation" from the keys themselves means no writer (service, admin, shell)
  can forget to bump it, and a lost cache entry can never bring back an older one.

Both halves are also kept in each worker's memory, because the page reads them on every view:
the document as decoded, with its digest, under the exact text the database returned (a changed
byte is another text, decoded and checked afresh); and the kept integrity under its key (its
key documents are still compared at every use, as for an entry from the shared cache).

Never kept, always judged at the request: the status list bit (revocation, suspension), the
validity dates against now, and who the signer is (our own DIDs, the trust list).
"""

import hashlib
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.cache import cache

from microcred.core.process_store import ProcessStore
from microcred.credentials import issuer
from vckit.verify import Integrity, Problem, ResolveController, check_integrity

PREFIX = "verify:integrity:1:"  # bump the version when Integrity's fields change
TIMEOUT_SECONDS = 7 * 24 * 3600  # a week: the QR code of a certificate is opened in bursts
# Per worker: the credentials whose pages were opened lately (a document is about 10 kB).
_documents = ProcessStore(256)
_kept = ProcessStore(1024)


@dataclass(frozen=True)
class StoredDocument:
    """One of our credentials as stored: decoded (never to be changed: workers share it) and
    its digest, the key of its kept integrity."""

    document: dict[str, Any]
    digest: str


def stored(text: str) -> StoredDocument:
    """The document the database returned as `text`, decoded once per worker for that text."""
    found = _documents.get(text)
    if found is None:
        document = json.loads(text)
        found = StoredDocument(document, digest(document))
        _documents.set(text, found)
    return found


def digest(value: Any) -> str:
    text = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class _Recording:
    """A resolver that remembers the digest of every controller document it handed out."""

    def __init__(self, resolve: ResolveController) -> None:
        self.resolve = resolve
        self.digests: dict[str, str] = {}
        self.failed = False

    def __call__(self, controller: str) -> Mapping[str, Any]:
        try:
            document = self.resolve(controller)
        except Exception:
            self.failed = True
            raise
        self.digests[controller] = digest(document)
        return document


def integrity_of(
    document: Mapping[str, Any],
    *,
    resolve: ResolveController,
    now: datetime,
    document_digest: str | None = None,
    is_own: Callable[[str], bool] = issuer.is_published_did,
) -> Integrity:
    """The integrity of one of our stored credentials: kept if its bytes and its signers' key
    documents are unchanged since it was checked, else checked now (and kept when it may be).
    `document_digest`: the document's digest, when already worked out (`stored`); `is_own`:
    is a DID one of ours (only those are resolved without the web, so only they are kept)."""
    key = PREFIX + (document_digest or digest(document))
    entry = _kept.get(key)
    if entry is None:
        entry = cache.get(key)
    kept = _load(entry, resolve, is_own)
    if kept is not None:
        _kept.set(key, entry)
        return kept
    recording = _Recording(resolve)
    integrity = check_integrity(document, resolve_did=recording, now=now)
    # Only outcomes that depend on nothing but these bytes and our own keys are kept: a
    # foreign DID's document comes from the web and may change without our knowing.
    if (
        integrity.timeless
        and recording.digests
        and not recording.failed
        and all(is_own(controller) for controller in recording.digests)
    ):
        entry = _dump(integrity, recording.digests)
        cache.set(key, entry, TIMEOUT_SECONDS)
        _kept.set(key, entry)
    return integrity


def _dump(integrity: Integrity, digests: dict[str, str]) -> dict[str, Any]:
    # Plain JSON-able data, so any cache backend and serializer can hold it.
    return {
        "checks": list(integrity.checks),
        "warnings": [[p.code, p.message] for p in integrity.warnings],
        "errors": [[p.code, p.message] for p in integrity.errors],
        "signer": integrity.signer,
        "version": integrity.version,
        "keys": digests,
    }


def _load(entry: Any, resolve: ResolveController,
          is_own: Callable[[str], bool]) -> Integrity | None:
    if not isinstance(entry, dict) or not entry.get("keys"):
        return None
    for controller, expected in entry["keys"].items():
        if not is_own(controller):
            return None
        try:
            if digest(resolve(controller)) != expected:
                return None
        except Exception:
            return None  # let the full check report why the key cannot be read
    return Integrity(
        checks=tuple(entry["checks"]),
        warnings=tuple(Problem(code, message) for code, message in entry["warnings"]),
        errors=tuple(Problem(code, message) for code, message in entry["errors"]),
        signer=entry["signer"],
        version=entry["version"],
        timeless=True,
    )
