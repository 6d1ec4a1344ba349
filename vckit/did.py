"""did:key and did:web for Ed25519 Multikey issuer keys, and DID resolution without network.

- did:key (W3C CCG did:key v0.7, section 3.1.2 "Ed25519"): ``did:key:`` + the Multikey public key
  (multicodec 0xed01, base58btc); the verification method is that DID + "#" + the same string.
- did:web (W3C CCG did:web, section 3.2 "Read/Resolve"): the document lives at
  ``https://<domain>/.well-known/did.json`` (or ``/<path>/did.json``); keys are ``Multikey`` with
  ``publicKeyMultibase`` (Controlled Identifiers v1.0, 2.2.2), listed in ``assertionMethod``.

- did:jwk (did:jwk specification, section 2.2 "Read"): the DID is base64url(JSON JWK); the
  document has one verification method ``#0``. Only Ed25519 ("OKP"/"Ed25519") keys can be used.
- Keys: ``Multikey`` and ``Ed25519VerificationKey2020`` (``publicKeyMultibase``),
  ``Ed25519VerificationKey2018`` (``publicKeyBase58``), ``JsonWebKey``/``JsonWebKey2020`` with an
  Ed25519 ``publicKeyJwk``. Any other key is KEY_UNSUPPORTED: it cannot be checked.

Resolution of did:web goes through an injected ``fetch`` function, so the platform can answer
for its own DIDs from the database and tests never touch the network.
"""

from __future__ import annotations

import base64
import binascii
import json
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
from vckit.multibase import (
    MultibaseError,
    b58decode,
    decode_base58btc,
    ed25519_public_from_multikey,
    ed25519_public_multikey,
)

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


# Every verification relationship a did:key / did:jwk document lists its one key under.
_ALL_PURPOSES = (
    "assertionMethod",
    "authentication",
    "capabilityInvocation",
    "capabilityDelegation",
)


def did_key_document(did: str) -> dict[str, Any]:
    """The DID document a did:key expands to (did:key 3.1.2 document creation).

    Non-Ed25519 did:keys (P-256 ``zDn...``, secp256k1, ...) are KEY_UNSUPPORTED; strings that
    are no multibase key at all are DID_INVALID.
    """
    public = did.removeprefix("did:key:").split("#", 1)[0]
    try:
        ed25519_public_from_multikey(public)
    except MultibaseError as exc:
        try:
            decoded = decode_base58btc(public)
        except MultibaseError:
            raise DidResolutionError("DID_INVALID", f"{did} is not a valid did:key.") from exc
        if len(decoded) > 2:
            raise DidResolutionError(
                "KEY_UNSUPPORTED",
                f"Cannot check this kind of credential: {did} is not an Ed25519 key.",
            ) from exc
        raise DidResolutionError("DID_INVALID", f"{did} is not a valid did:key: {exc}") from exc
    document = did_document(
        f"did:key:{public}", [PublishedKey(f"did:key:{public}#{public}", public)]
    )
    method_id = f"did:key:{public}#{public}"
    document.update({purpose: [method_id] for purpose in _ALL_PURPOSES})
    return document


def _b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def did_jwk_document(did: str) -> dict[str, Any]:
    """The DID document of a did:jwk (did:jwk specification 2.2 Read)."""
    encoded = did.removeprefix("did:jwk:").split("#", 1)[0]
    try:
        jwk = json.loads(_b64url_decode(encoded))
    except (binascii.Error, ValueError) as exc:
        raise DidResolutionError("DID_INVALID", f"{did} is not a valid did:jwk.") from exc
    if not isinstance(jwk, dict) or "kty" not in jwk or "d" in jwk:
        raise DidResolutionError("DID_INVALID", f"{did} does not hold a public JWK.")
    controller = f"did:jwk:{encoded}"
    method_id = f"{controller}#0"
    purposes = ("keyAgreement",) if jwk.get("use") == "enc" else _ALL_PURPOSES
    document: dict[str, Any] = {
        "@context": [DID_V1, "https://w3id.org/security/suites/jws-2020/v1"],
        "id": controller,
        "verificationMethod": [
            {
                "id": method_id,
                "type": "JsonWebKey2020",
                "controller": controller,
                "publicKeyJwk": jwk,
            }
        ],
    }
    document.update({purpose: [method_id] for purpose in purposes})
    return document


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
        if controller.startswith("did:jwk:"):
            return did_jwk_document(controller)
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
        if controller.startswith("did:"):
            method = controller.split(":", 2)[1]
            raise DidResolutionError(
                "DID_METHOD_UNSUPPORTED",
                f"Cannot check this kind of credential: DID method {method!r} is not supported.",
            )
        raise DidResolutionError("DID_NOT_RESOLVED", f"Cannot resolve controller {controller}.")


def assertion_key(document: Mapping[str, Any], controller: str, verification_method: str) -> bytes:
    """The Ed25519 public key of ``verification_method`` for assertions (issuing credentials)."""
    return verification_key(document, controller, verification_method, "assertionMethod")


def verification_key(
    document: Mapping[str, Any], controller: str, verification_method: str, purpose: str
) -> bytes:
    """The Ed25519 public key of ``verification_method``, checked against its controller document.

    VC Data Integrity 1.0 section 4.7 (Retrieve Verification Method) and Controlled Identifiers
    3.3: the document id must equal the controller, the method must be listed under the
    proof's purpose (``assertionMethod``, ``authentication``, ...) and be controlled by that
    controller.
    """
    if document.get("id") != controller:
        raise DidResolutionError(
            "DID_DOCUMENT_MISMATCH",
            f"The document for {controller} has id {document.get('id')!r}.",
        )
    method = None
    for entry in _as_list(document.get(purpose)):
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
            f"{verification_method} is not listed for {purpose} by {controller}.",
        )
    if _absolute(method.get("controller"), controller) != controller:
        raise DidResolutionError(
            "KEY_NOT_AUTHORIZED", f"{verification_method} is not controlled by {controller}."
        )
    return ed25519_key_of(method)


def ed25519_key_of(method: Mapping[str, Any]) -> bytes:
    """The raw Ed25519 public key of a verification method, whatever its (supported) type."""
    name = method.get("id")
    try:
        if "publicKeyMultibase" in method:
            return ed25519_public_from_multikey(str(method["publicKeyMultibase"]))
        if "publicKeyBase58" in method:
            raw = b58decode(str(method["publicKeyBase58"]))
            if len(raw) == 32:
                return raw
            raise MultibaseError("publicKeyBase58 is not a 32-byte Ed25519 key")
        jwk = method.get("publicKeyJwk")
        if isinstance(jwk, Mapping):
            if jwk.get("kty") != "OKP" or jwk.get("crv") != "Ed25519":
                raise DidResolutionError(
                    "KEY_UNSUPPORTED",
                    f"Cannot check this kind of credential: {name} is a "
                    f"{jwk.get('kty')}/{jwk.get('crv')} key, only Ed25519 is supported.",
                )
            raw = _b64url_decode(str(jwk.get("x", "")))
            if len(raw) == 32:
                return raw
            raise MultibaseError("the JWK 'x' is not a 32-byte Ed25519 key")
    except (MultibaseError, binascii.Error, ValueError) as exc:
        code = "KEY_INVALID"
        if "publicKeyMultibase" in method and str(method["publicKeyMultibase"]).startswith("z"):
            code = "KEY_UNSUPPORTED"  # a multikey of another kind (P-256, BLS, ...)
        raise DidResolutionError(code, f"{name}: {exc}") from exc
    raise DidResolutionError(
        "KEY_UNSUPPORTED", f"Cannot check this kind of credential: {name} has no supported key."
    )


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
