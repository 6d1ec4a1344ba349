"""Selective Disclosure for JSON Web Tokens (SD-JWT, RFC 9901), on top of joserfc's JWS.

An issuer marks claims with ``Disclosable``; ``issue`` replaces each by the digest of a
Disclosure (salt, name, value) and signs the payload. The holder keeps the Disclosures and
sends only those it chooses (``present``), bound to its key by a Key Binding JWT. ``verify``
checks the issuer's signature, matches every Disclosure to exactly one digest and rebuilds the
disclosed claims, and checks the Key Binding JWT when one is required.

Only SHA-256 (``_sd_alg: "sha-256"``) is produced and accepted: it is the RFC's default and the
one HAIP requires. The JSON of a Disclosure is written as the RFC's examples write it
(``json.dumps`` with its default ", " separators, UTF-8 kept as is); verifiers hash the
base64url string they receive, so any serialisation verifies.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import time
import warnings
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

from joserfc import jws
from joserfc.errors import JoseError
from joserfc.jwk import ECKey, Key, OKPKey, import_key

SD_ALG = "sha-256"
KB_JWT_TYPE = "kb+jwt"
# Algorithms a verifier accepts for issuer and key-binding signatures: never "none", never MACs.
ASYMMETRIC_ALGORITHMS = ("ES256", "ES384", "ES512", "EdDSA", "Ed25519")
_RESERVED_NAMES = {"_sd", "..."}


class SdJwtError(ValueError):
    """The SD-JWT (or its Key Binding JWT) is malformed, forged or does not match."""


@dataclass(frozen=True, slots=True)
class Disclosable:
    """Marks a claim value (object property or array element) as selectively disclosable."""

    value: Any


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def digest(text: str) -> str:
    """RFC 9901 section 4.2.3: base64url(SHA-256(ASCII bytes of the text))."""
    return b64url(hashlib.sha256(text.encode("ascii")).digest())


@dataclass(frozen=True, slots=True)
class Disclosure:
    """RFC 9901 section 4.2.1 (object property: salt, name, value) and 4.2.2 (array element:
    salt, value; ``name`` is None)."""

    salt: str
    name: str | None
    value: Any
    encoded: str

    @classmethod
    def make(cls, name: str | None, value: Any, salt: str | None = None) -> Disclosure:
        salt = salt or b64url(secrets.token_bytes(16))  # 128 bits, RFC 9901 section 9.3
        parts = [salt, value] if name is None else [salt, name, value]
        encoded = b64url(json.dumps(parts, ensure_ascii=False).encode("utf-8"))
        return cls(salt=salt, name=name, value=value, encoded=encoded)

    @classmethod
    def parse(cls, encoded: str) -> Disclosure:
        try:
            parts = json.loads(b64url_decode(encoded))
        except (ValueError, UnicodeDecodeError):
            raise SdJwtError("a disclosure is not base64url-encoded JSON") from None
        if not isinstance(parts, list) or len(parts) not in (2, 3) or not isinstance(parts[0], str):
            raise SdJwtError("a disclosure must be [salt, value] or [salt, name, value]")
        if len(parts) == 3 and (not isinstance(parts[1], str) or parts[1] in _RESERVED_NAMES):
            raise SdJwtError("a disclosure names no claim, or a reserved one")
        name = parts[1] if len(parts) == 3 else None
        return cls(salt=parts[0], name=name, value=parts[-1], encoded=encoded)

    @property
    def digest(self) -> str:
        return digest(self.encoded)


def _conceal(value: Any, disclosures: list[Disclosure], decoys: int) -> Any:
    """Replace every Disclosable inside `value` by digests (sections 4.2.4.1 and 4.2.4.2)."""
    if isinstance(value, Disclosable):
        raise TypeError("Disclosable marks an object property or an array element")
    if isinstance(value, Mapping):
        plain: dict[str, Any] = {}
        digests: list[str] = []
        for name, item in value.items():
            if name in _RESERVED_NAMES:
                raise ValueError(f"{name!r} is reserved by SD-JWT")
            if isinstance(item, Disclosable):
                disclosure = Disclosure.make(name, _conceal(item.value, disclosures, decoys))
                disclosures.append(disclosure)
                digests.append(disclosure.digest)
            else:
                plain[name] = _conceal(item, disclosures, decoys)
        if digests:
            # Decoys hide how many claims were concealed; sorting hides their order (4.2.5).
            digests.extend(digest(b64url(secrets.token_bytes(16))) for _ in range(decoys))
            plain["_sd"] = sorted(digests)
        return plain
    if isinstance(value, list):
        items: list[Any] = []
        for item in value:
            if isinstance(item, Disclosable):
                disclosure = Disclosure.make(None, _conceal(item.value, disclosures, decoys))
                disclosures.append(disclosure)
                items.append({"...": disclosure.digest})
            else:
                items.append(_conceal(item, disclosures, decoys))
        return items
    return value


def conceal(
    claims: Mapping[str, Any], *, decoys: int = 0
) -> tuple[dict[str, Any], list[Disclosure]]:
    """The SD-JWT payload for `claims` (with ``_sd_alg``) and the Disclosures it hides."""
    disclosures: list[Disclosure] = []
    payload = _conceal(claims, disclosures, decoys)
    payload["_sd_alg"] = SD_ALG
    return payload, disclosures


def registry(algorithms: Collection[str] = ASYMMETRIC_ALGORITHMS) -> jws.JWSRegistry:
    """joserfc's JWS registry with room for an ``x5c`` chain in the header (its default limit of
    512 bytes is less than one certificate)."""
    result = jws.JWSRegistry(algorithms=list(algorithms))
    result.max_header_length = 16_384
    return result


def _sign(header: Mapping[str, Any], payload: Mapping[str, Any], key: Key) -> str:
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    with warnings.catch_warnings():
        # joserfc warns that "EdDSA" is deprecated by RFC 9864; wallets still send it.
        warnings.simplefilter("ignore")
        return jws.serialize_compact(dict(header), body, key, registry=registry())


def issue(
    claims: Mapping[str, Any], *, key: Key, header: Mapping[str, Any], decoys: int = 0
) -> str:
    """An SD-JWT in compact form, ``<Issuer-signed JWT>~<Disclosure>~...~`` (section 4).

    ``header`` must name the algorithm (``alg``) and may add ``typ``, ``kid``, ``x5c``."""
    payload, disclosures = conceal(claims, decoys=decoys)
    issuer_jwt = _sign(header, payload, key)
    return "~".join([issuer_jwt, *(d.encoded for d in disclosures), ""])


@dataclass(frozen=True, slots=True)
class ParsedSdJwt:
    issuer_jwt: str
    disclosures: tuple[Disclosure, ...]
    kb_jwt: str | None

    @property
    def without_kb(self) -> str:
        """The SD-JWT as the Key Binding JWT's ``sd_hash`` covers it (ends with "~")."""
        return "~".join([self.issuer_jwt, *(d.encoded for d in self.disclosures), ""])


def parse(compact: str) -> ParsedSdJwt:
    """Split an SD-JWT or SD-JWT+KB (section 4); the last part is the KB-JWT when not empty."""
    parts = compact.strip().split("~")
    if len(parts) < 2 or parts[0].count(".") != 2:
        raise SdJwtError("not an SD-JWT: expected <JWT>~[<Disclosure>~...]")
    return ParsedSdJwt(
        issuer_jwt=parts[0],
        disclosures=tuple(Disclosure.parse(part) for part in parts[1:-1]),
        kb_jwt=parts[-1] or None,
    )


def present(
    compact: str,
    *,
    keep: Callable[[Disclosure], bool],
    holder_key: Key | None = None,
    audience: str = "",
    nonce: str = "",
    issued_at: int | None = None,
) -> str:
    """What a holder sends (section 4.1): the Disclosures it chooses, plus a Key Binding JWT
    signed by `holder_key` for `audience` and `nonce` when a key is given (section 4.3).

    A nested Disclosure is only meaningful with its parent: the caller keeps both."""
    parsed = parse(compact)
    chosen = ParsedSdJwt(parsed.issuer_jwt, tuple(filter(keep, parsed.disclosures)), None)
    if holder_key is None:
        return chosen.without_kb
    alg = "ES256" if isinstance(holder_key, ECKey) else "EdDSA"
    kb_jwt = _sign(
        {"typ": KB_JWT_TYPE, "alg": alg},
        {
            "iat": issued_at if issued_at is not None else int(time.time()),
            "aud": audience,
            "nonce": nonce,
            "sd_hash": digest(chosen.without_kb),
        },
        holder_key,
    )
    return chosen.without_kb + kb_jwt


@dataclass(frozen=True)
class VerifiedSdJwt:
    """The issuer's header, the claims as disclosed, and the Disclosures that were sent."""

    header: dict[str, Any]
    claims: dict[str, Any]
    disclosures: tuple[Disclosure, ...]
    key_binding: dict[str, Any] | None = field(default=None)


def decode_jws(token: str, key: Key, algorithms: Collection[str]) -> tuple[dict[str, Any], Any]:
    """Header and JSON payload of a compact JWS whose signature `key` verifies."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            signature = jws.deserialize_compact(token, key, registry=registry(algorithms))
        except JoseError as error:
            raise SdJwtError(f"the signature does not verify: {error.error}") from None
        except ValueError as error:
            raise SdJwtError(f"the JWS is malformed: {error}") from None
    try:
        payload = json.loads(signature.payload)
    except ValueError:
        raise SdJwtError("the JWS payload is not JSON") from None
    if not isinstance(payload, dict):
        raise SdJwtError("the JWS payload is not a JSON object")
    return dict(signature.headers()), payload


def unverified_header(token: str) -> dict[str, Any]:
    """The protected header of a JWS before its signature is checked (to find its key)."""
    try:
        header = json.loads(b64url_decode(token.split(".", 1)[0]))
    except (ValueError, UnicodeDecodeError):
        raise SdJwtError("the JWS header is not base64url-encoded JSON") from None
    if not isinstance(header, dict):
        raise SdJwtError("the JWS header is not a JSON object")
    return header


def _disclose(value: Any, by_digest: dict[str, Disclosure], used: set[str]) -> Any:
    """Section 7.1 step 3: put every disclosed claim back, recursively, exactly once."""
    if isinstance(value, dict):
        result: dict[str, Any] = {}
        digests = value.get("_sd", [])
        if not isinstance(digests, list) or not all(isinstance(d, str) for d in digests):
            raise SdJwtError("_sd must be an array of digests")
        for name, item in value.items():
            if name not in ("_sd", "_sd_alg"):
                result[name] = _disclose(item, by_digest, used)
        for item_digest in digests:
            disclosure = _use(item_digest, by_digest, used)
            if disclosure is None:
                continue  # a decoy, or a claim the holder did not disclose
            if disclosure.name is None:
                raise SdJwtError("an array-element disclosure is referenced from _sd")
            if disclosure.name in result:
                raise SdJwtError(f"the disclosed claim {disclosure.name!r} already exists")
            result[disclosure.name] = _disclose(disclosure.value, by_digest, used)
        return result
    if isinstance(value, list):
        items: list[Any] = []
        for item in value:
            if isinstance(item, dict) and set(item) == {"..."}:
                disclosure = _use(item["..."], by_digest, used)
                if disclosure is None:
                    continue
                if disclosure.name is not None:
                    raise SdJwtError("an object-property disclosure is referenced as an element")
                items.append(_disclose(disclosure.value, by_digest, used))
            else:
                items.append(_disclose(item, by_digest, used))
        return items
    return value


def _use(item_digest: Any, by_digest: dict[str, Disclosure], used: set[str]) -> Disclosure | None:
    if not isinstance(item_digest, str):
        raise SdJwtError("a digest must be a string")
    if item_digest in used:
        raise SdJwtError("a digest appears more than once")
    used.add(item_digest)
    return by_digest.get(item_digest)


def verify(
    compact: str,
    *,
    issuer_key: Key,
    algorithms: Collection[str] = ASYMMETRIC_ALGORITHMS,
    require_key_binding: bool = False,
    audience: str | None = None,
    nonce: str | None = None,
    now: float | None = None,
    max_kb_age_seconds: int = 300,
) -> VerifiedSdJwt:
    """Verify an SD-JWT (RFC 9901 section 7.1) and, when required, its Key Binding JWT
    (section 7.3) against the ``cnf.jwk`` of the Issuer-signed JWT. ``exp`` and ``nbf`` are
    checked against `now`; a wrong or reused disclosure raises ``SdJwtError``."""
    parsed = parse(compact)
    header, payload = decode_jws(parsed.issuer_jwt, issuer_key, algorithms)
    if header.get("alg") not in algorithms:
        raise SdJwtError("the issuer's signature algorithm is not accepted")
    if payload.get("_sd_alg", SD_ALG) != SD_ALG:
        raise SdJwtError(f"unsupported _sd_alg {payload.get('_sd_alg')!r}")
    by_digest: dict[str, Disclosure] = {}
    for disclosure in parsed.disclosures:
        if disclosure.digest in by_digest:
            raise SdJwtError("the same disclosure is sent twice")
        by_digest[disclosure.digest] = disclosure
    used: set[str] = set()
    claims = _disclose(payload, by_digest, used)
    if set(by_digest) - used:
        raise SdJwtError("a disclosure is not referenced by the issuer-signed JWT")
    moment = time.time() if now is None else now
    if isinstance(claims.get("exp"), int | float) and moment >= claims["exp"]:
        raise SdJwtError("the SD-JWT has expired")
    if isinstance(claims.get("nbf"), int | float) and moment < claims["nbf"]:
        raise SdJwtError("the SD-JWT is not yet valid")
    key_binding = None
    if parsed.kb_jwt is not None or require_key_binding:
        key_binding = _verify_key_binding(
            parsed,
            claims,
            audience=audience,
            nonce=nonce,
            now=moment,
            max_age=max_kb_age_seconds,
        )
    return VerifiedSdJwt(header, claims, parsed.disclosures, key_binding)


def holder_key_of(claims: Mapping[str, Any]) -> Key:
    """The holder's public key from ``cnf.jwk`` (RFC 7800), EC or OKP only."""
    cnf = claims.get("cnf")
    jwk = cnf.get("jwk") if isinstance(cnf, dict) else None
    if not isinstance(jwk, dict) or jwk.get("kty") not in ("EC", "OKP") or "d" in jwk:
        raise SdJwtError("the SD-JWT binds no usable public key (cnf.jwk)")
    try:
        key = import_key(jwk)
    except (JoseError, ValueError):
        raise SdJwtError("cnf.jwk is not a valid key") from None
    assert isinstance(key, ECKey | OKPKey)
    return key


def _verify_key_binding(
    parsed: ParsedSdJwt,
    claims: Mapping[str, Any],
    *,
    audience: str | None,
    nonce: str | None,
    now: float,
    max_age: int,
) -> dict[str, Any]:
    if parsed.kb_jwt is None:
        raise SdJwtError("a Key Binding JWT is required")
    if unverified_header(parsed.kb_jwt).get("typ") != KB_JWT_TYPE:
        raise SdJwtError("the Key Binding JWT's typ is not kb+jwt")
    _header, payload = decode_jws(parsed.kb_jwt, holder_key_of(claims), ASYMMETRIC_ALGORITHMS)
    if payload.get("sd_hash") != digest(parsed.without_kb):
        raise SdJwtError("the Key Binding JWT covers another SD-JWT (sd_hash)")
    if audience is not None and payload.get("aud") != audience:
        raise SdJwtError("the Key Binding JWT is for another audience")
    if nonce is not None and payload.get("nonce") != nonce:
        raise SdJwtError("the Key Binding JWT has another nonce")
    issued = payload.get("iat")
    if not isinstance(issued, int | float) or not now - max_age <= issued <= now + 60:
        raise SdJwtError("the Key Binding JWT was not issued just now (iat)")
    return dict(payload)
