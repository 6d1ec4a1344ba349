"""Verify any credential: ours resolved locally, others' fetched carefully from their issuers.

Never says "not revoked" unless the status list was fetched and its signature checked.
"""

import ipaddress
import json
import socket
import urllib.request
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings

from microcred.credentials import issuer
from microcred.credentials.models import StatusList
from vckit import did, verify
from vckit.verify import Revocation, VerificationResult

MAX_DOCUMENT_BYTES = 1_000_000
FETCH_TIMEOUT_SECONDS = 5


class FetchRefused(Exception):
    pass


def _own_path(url: str) -> str | None:
    if url.startswith(settings.SITE_URL + "/"):
        return url[len(settings.SITE_URL):]
    return None


def _public_https(url: str) -> None:
    """Only https to public addresses: the server must not be used to probe internal hosts.
    An origin the operator names in VERIFIER_ALLOWED_PRIVATE_ORIGINS (tests) is let through."""
    parts = urlsplit(url)
    if f"{parts.scheme}://{parts.netloc}" in settings.VERIFIER_ALLOWED_PRIVATE_ORIGINS:
        return
    if parts.scheme != "https" or not parts.hostname:
        raise FetchRefused(f"only https addresses are fetched, not {url}")
    for info in socket.getaddrinfo(parts.hostname, parts.port or 443, proto=socket.IPPROTO_TCP):
        address = ipaddress.ip_address(info[4][0])
        if not address.is_global:
            raise FetchRefused(f"{parts.hostname} is not a public address")


def fetch_json(url: str) -> Any:
    """Our own documents from the database; anyone else's over https, small and quickly."""
    path = _own_path(url)
    if path is not None:
        if path.startswith("/credentials/status/"):
            status = StatusList.objects.filter(pk=path.rsplit("/", 1)[-1]).first()
            if status is None or not status.signed_credential:
                raise LookupError(f"no status list at {url}")
            return status.signed_credential
        raise LookupError(f"{url} is not a document this platform publishes")
    _public_https(url)
    request = urllib.request.Request(url, headers={"Accept": "application/json"})  # noqa: S310
    with urllib.request.urlopen(request, timeout=FETCH_TIMEOUT_SECONDS) as response:  # noqa: S310
        body = response.read(MAX_DOCUMENT_BYTES + 1)
    if len(body) > MAX_DOCUMENT_BYTES:
        raise FetchRefused(f"{url} is too large")
    return json.loads(body)


class _OwnDidDocuments(Mapping[str, dict]):
    """Our own DIDs (the consortium's, and each partner's with keys) resolve from the database,
    not the web; a verification builds only the document of the DID its credential names."""

    def __init__(self) -> None:
        self._built: dict[str, dict] = {}

    def __getitem__(self, controller: str) -> dict:
        if controller not in self._built:
            if not issuer.is_published_did(controller):
                raise KeyError(controller)
            self._built[controller] = issuer.did_document(controller)
        return self._built[controller]

    def __iter__(self) -> Iterator[str]:
        return iter(issuer.published_dids())

    def __len__(self) -> int:
        return len(issuer.published_dids())


def resolver() -> did.Resolver:
    return did.Resolver(fetch=fetch_json, documents=_OwnDidDocuments())


@dataclass(frozen=True)
class Report:
    result: VerificationResult
    credential: dict[str, Any] | None

    @property
    def genuine(self) -> bool:
        return not any(e.code.startswith(("PROOF", "SIGNATURE", "DID", "KEY", "ISSUER"))
                       for e in self.result.errors)

    @property
    def revocation(self) -> Revocation:
        return self.result.revocation


def verify_credential(document: Any) -> Report:
    result = verify.verify(document, resolve_did=resolver(), fetch_status_list=fetch_json,
                           now=datetime.now(UTC))
    return Report(result=result, credential=document if isinstance(document, dict) else None)


def verify_presentation(document: Any, *, challenge: str | None = None,
                        domain: str | None = None) -> "verify.PresentationResult":
    """A presentation and every credential in it, checked like a single credential; the
    presentation's own proof must carry the verifier's ``challenge`` and ``domain`` when given."""
    return verify.verify_presentation(
        document, resolve_did=resolver(), fetch_status_list=fetch_json, now=datetime.now(UTC),
        challenge=challenge, domain=domain)
