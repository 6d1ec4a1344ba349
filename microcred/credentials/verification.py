"""Verify any credential: ours resolved locally, others' fetched carefully from their issuers.

Never says "not revoked" unless the status list was fetched and its signature checked.
"""

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError

from microcred.core.sql import value_by_pk
from microcred.credentials import fetcher, issuer, verdicts, verify_cache
from microcred.credentials.models import IssuerKey, StatusList
from vckit import did, verify
from vckit.verify import Revocation, VerificationResult


def _own_path(url: str) -> str | None:
    if url.startswith(settings.SITE_URL + "/"):
        return url[len(settings.SITE_URL):]
    return None


def fetch_json(url: str, *, status_lists: Mapping[str, Any] | None = None) -> Any:
    """Our own documents from the database; anyone else's through the guarded fetcher.
    `status_lists`: our own lists already read at this request, by id (selectors)."""
    path = _own_path(url)
    if path is not None:
        if path.startswith("/credentials/status/"):
            list_id = path.rsplit("/", 1)[-1]
            if status_lists is not None and list_id in status_lists:
                signed = status_lists[list_id]
            else:
                try:  # read on every verification: one column, core/sql.py
                    signed = value_by_pk(StatusList, "signed_credential", list_id)
                except (LookupError, ValidationError):
                    signed = None
            if not signed:
                raise LookupError(f"no status list at {url}")
            return signed
        raise LookupError(f"{url} is not a document this platform publishes")
    return fetcher.fetch_json(url)


class _OwnDidDocuments(Mapping[str, dict]):
    """Our own DIDs (the consortium's, and each partner's with keys) resolve from the database,
    not the web; a verification builds only the document of the DID its credential names.
    `keys_read`: DIDs whose keys on record were already read at this request (selectors), so
    they are not read again."""

    def __init__(self, keys_read: Mapping[str, list[IssuerKey]] | None = None) -> None:
        self._built: dict[str, dict] = {}
        self._keys_read = keys_read or {}

    def publishes(self, controller: str) -> bool:
        return issuer.is_published_did(controller, self._keys_read.get(controller))

    def __getitem__(self, controller: str) -> dict:
        if controller not in self._built:
            if not self.publishes(controller):
                raise KeyError(controller)
            self._built[controller] = issuer.did_document(controller,
                                                          self._keys_read.get(controller))
        return self._built[controller]

    def __iter__(self) -> Iterator[str]:
        return iter(issuer.published_dids())

    def __len__(self) -> int:
        return len(issuer.published_dids())


def resolver(own: _OwnDidDocuments | None = None) -> did.Resolver:
    """Our own DIDs from the database (`own`, when the caller keeps it), others' from the web."""
    return did.Resolver(fetch=fetch_json, documents=own if own is not None else _OwnDidDocuments())


@dataclass(frozen=True)
class Report:
    result: VerificationResult
    judgement: verdicts.Judgement
    credential: dict[str, Any] | None

    @property
    def genuine(self) -> bool:
        """The signature verified and covers everything in the document."""
        return self.result.signature_verified

    @property
    def revocation(self) -> Revocation:
        return self.result.revocation


def _now() -> datetime:
    return datetime.now(UTC)


def verify_credential(document: Any) -> Report:
    """Any credential, pasted, uploaded or posted: every check, every time."""
    result = verify.verify(document, resolve_did=resolver(), fetch_status_list=fetch_json,
                           now=_now())
    return Report(result=result, judgement=verdicts.judge(result),
                  credential=document if isinstance(document, dict) else None)


def verify_stored_credential(document: dict[str, Any], *, digest: str | None = None,
                             status_lists: Mapping[str, Any] | None = None,
                             keys_read: Mapping[str, list[IssuerKey]] | None = None) -> Report:
    """One of the credentials stored in our database (the QR code's page, a shared link): the
    signature, key and schema checks are kept (verify_cache); the status list bit, the dates
    and the signer's name are judged now, so a revocation shows at the very next view.
    `digest`: the document's (verify_cache.digest), `status_lists`: our lists as read at this
    request (fetch_json), and `keys_read`: our DIDs' keys as read (selectors), when the caller
    has them already."""
    now, own = _now(), _OwnDidDocuments(keys_read)
    resolve = resolver(own)
    integrity = verify_cache.integrity_of(document, resolve=resolve, now=now,
                                          document_digest=digest, is_own=own.publishes)
    result = verify.verify(document, resolve_did=resolve,
                           fetch_status_list=partial(fetch_json, status_lists=status_lists),
                           now=now, integrity=integrity)
    return Report(result=result, judgement=verdicts.judge(result, own.publishes),
                  credential=document)


def verify_presentation(document: Any, *, challenge: str | None = None,
                        domain: str | None = None) -> "verify.PresentationResult":
    """A presentation and every credential in it, checked like a single credential; the
    presentation's own proof must carry the verifier's ``challenge`` and ``domain`` when given."""
    return verify.verify_presentation(
        document, resolve_did=resolver(), fetch_status_list=fetch_json, now=datetime.now(UTC),
        challenge=challenge, domain=domain)
