"""did:key and did:web for Ed25519 Multikey issuer keys, and DID resolution without network.

- did:key (W3C CCG did:key v0.7, section 3.1.2 "Ed25519"): ``did:key:`` + the Multikey public key
  (multicodec 0xed01, base58btc); the verification method is that DID + "#" + the same string.
- did:web (W3C CCG did:web, section 3.2 "Read/Resolve"): the document lives at
  ``https://<domain>/.well-known/did.json`` (or ``/<path>/did.json``); keys are ``Multikey`` with
  ``publicKeyMultibase`` (Controlled Identifiers v1.0, 2.2.2), listed in ``assertionMethod``.

Resolution of did:web goes through an injected ``fetch`` function, so the platform can answer
for its own DIDs from the database and tests never touch the network.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, unquote

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from vckit.documents import DID_V1, MULTIKEY_V1
from vckit.errors import VckitError
from vckit.model import IssuerKey
from vckit.multibase import MultibaseError, ed25519_public_from_multikey, ed25519_public_multikey

FetchJson = Callable[[str], Mapping[str, Any]]


class DidResolutionError(VckitError):
    """A DID or controller document could not be resolved or does not have the key asked for."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def did_key(public_key_multibase: str) -> str:
    """did:key for an Ed25519 Multikey public key (did:key 3.1.2)."""
    ed25519_public_from_multikey(public_key_multibase)
    return "did:key:" + public_key_multibase


def did_key_verification_method(public_key_multibase: str) -> str:
    """The did:key verification method id: the DID + "#" + the same multibase string."""
    return f"{did_key(public_key_multibase)}#{public_key_multibase}"


def issuer_key(
    seed: bytes, controller: str | None = None, fragment: str | None = None
) -> IssuerKey:
    """An IssuerKey for a 32-byte Ed25519 seed, controlled by ``controller`` (a did:web) or by
    its own did:key when ``controller`` is None. The fragment defaults to the multibase key."""
    public = _multikey_from_seed(seed)
    if controller is None:
        method = did_key_verification_method(public)
    else:
        method = f"{controller}#{fragment or public}"
    return IssuerKey(verification_method=method, private_key=seed, public_key_multibase=public)


def generate_issuer_key(controller: str | None = None, fragment: str | None = None) -> IssuerKey:
    """A new random Ed25519 issuer key (store the seed in a secret store)."""
    return issuer_key(secrets.token_bytes(32), controller, fragment)


def _multikey_from_seed(seed: bytes) -> str:
    public = Ed25519PrivateKey.from_private_bytes(seed).public_key()
    return ed25519_public_multikey(public.public_bytes(Encoding.Raw, PublicFormat.Raw))


def did_web(domain: str, *path: str) -> str:
    """did:web for a host (a port is percent-encoded, did:web 3.1) and optional path segments."""
    parts = [quote(domain, safe=""), *(quote(segment, safe="") for segment in path)]
    return "did:web:" + ":".join(parts)


def did_web_url(did: str) -> str:
    """The HTTPS URL of a did:web document (did:web 3.2 Read)."""
    if not did.startswith("did:web:"):
        raise DidResolutionError("DID_METHOD_UNSUPPORTED", f"{did} is not a did:web")
    parts = [unquote(part) for part in did.removeprefix("did:web:").split(":")]
    if not parts[0] or any("/" in part for part in parts):
        raise DidResolutionError("DID_INVALID", f"{did} is not a valid did:web")
    if len(parts) == 1:
        return f"https://{parts[0]}/.well-known/did.json"
    return "https://" + "/".join(parts) + "/did.json"


@dataclass(frozen=True, slots=True)
class PublishedKey:
    """A public key in a DID document: its full verification method id and Multikey value."""

    verification_method: str
    public_key_multibase: str


def did_document(did: str, keys: Sequence[PublishedKey | IssuerKey]) -> dict[str, Any]:
    """A DID document listing every key, current and retired, for assertions.

    Key rotation: keep retired keys here so credentials they signed still verify; remove a key
    only when it is compromised (then everything it signed stops verifying, as it should).
    """
    methods = []
    for key in keys:
        if not key.verification_method.startswith(did + "#"):
            raise ValueError(f"{key.verification_method} is not a key of {did}")
        methods.append(
            {
                "id": key.verification_method,
                "type": "Multikey",
                "controller": did,
                "publicKeyMultibase": key.public_key_multibase,
            }
        )
    return {
        "@context": [DID_V1, MULTIKEY_V1],
        "id": did,
        "verificationMethod": methods,
        "assertionMethod": [method["id"] for method in methods],
    }


def did_key_document(did: str) -> dict[str, Any]:
    """The DID document a did:key expands to (did:key 3.1.2 document creation)."""
    public = did.removeprefix("did:key:").split("#", 1)[0]
    try:
        return did_document(
            f"did:key:{public}", [PublishedKey(f"did:key:{public}#{public}", public)]
        )
    except MultibaseError as exc:
        raise DidResolutionError("DID_INVALID", f"{did} is not an Ed25519 did:key: {exc}") from exc


@dataclass(frozen=True)
class Resolver:
    """Resolves controller documents: did:key locally, did:web through ``fetch`` (URL -> JSON),
    and any other controller id (e.g. an https URL) from ``documents``."""

    fetch: FetchJson | None = None
    documents: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

    def __call__(self, controller: str) -> Mapping[str, Any]:
        if controller in self.documents:
            return self.documents[controller]
        if controller.startswith("did:key:"):
            return did_key_document(controller)
        if controller.startswith("did:web:"):
            if self.fetch is None:
                raise DidResolutionError("DID_NOT_RESOLVED", f"No way to fetch {controller}.")
            url = did_web_url(controller)
            try:
                document = self.fetch(url)
            except Exception as exc:
                raise DidResolutionError(
                    "DID_NOT_RESOLVED", f"Could not fetch {url}: {exc}"
                ) from exc
            return document
        raise DidResolutionError("DID_NOT_RESOLVED", f"Cannot resolve controller {controller}.")


def assertion_key(document: Mapping[str, Any], controller: str, verification_method: str) -> bytes:
    """The Ed25519 public key of ``verification_method``, checked against its controller document.

    VC Data Integrity 1.0 section 4.7 (Retrieve Verification Method) and Controlled Identifiers
    3.3: the document id must equal the controller, the method must be listed in
    ``assertionMethod`` and be controlled by that controller.
    """
    if document.get("id") != controller:
        raise DidResolutionError(
            "DID_DOCUMENT_MISMATCH",
            f"The document for {controller} has id {document.get('id')!r}.",
        )
    method = None
    for entry in _as_list(document.get("assertionMethod")):
        if isinstance(entry, str) and _absolute(entry, controller) == verification_method:
            method = _find_method(document, verification_method, controller)
        elif (
            isinstance(entry, Mapping)
            and _absolute(entry.get("id"), controller) == verification_method
        ):
            method = entry
    if method is None:
        raise DidResolutionError(
            "KEY_NOT_AUTHORIZED",
            f"{verification_method} is not listed for assertions by {controller}.",
        )
    if _absolute(method.get("controller"), controller) != controller:
        raise DidResolutionError(
            "KEY_NOT_AUTHORIZED", f"{verification_method} is not controlled by {controller}."
        )
    try:
        return ed25519_public_from_multikey(str(method.get("publicKeyMultibase", "")))
    except MultibaseError as exc:
        raise DidResolutionError("KEY_INVALID", f"{verification_method}: {exc}") from exc


def _as_list(value: object) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _absolute(method_id: object, controller: str) -> object:
    # DID documents may write "#key-1" for "<did>#key-1" (DID Core 3.2.1 relative DID URLs).
    if isinstance(method_id, str) and method_id.startswith("#"):
        return controller + method_id
    return method_id


def _find_method(
    document: Mapping[str, Any], method_id: str, controller: str
) -> Mapping[str, Any] | None:
    for method in _as_list(document.get("verificationMethod")):
        if isinstance(method, Mapping) and _absolute(method.get("id"), controller) == method_id:
            return method
    return None
