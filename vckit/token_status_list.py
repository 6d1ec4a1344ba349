"""IETF Token Status List (draft-ietf-oauth-status-list): the revocation list of SD-JWT VCs.

The platform keeps one bit per credential in its W3C Bitstring Status Lists; a Token Status
List with one bit per status (``bits: 1``; 0 valid, 1 invalid) is written from the same bytes,
so both lists always say the same. The two orders differ: the W3C list counts bits from the
most significant bit of each byte (Bitstring Status List 1.0, section 3.2), the Token Status
List from the least significant (status list draft, section 4.1), so each byte is mirrored.
The array is ZLIB-compressed (RFC 1950) and base64url-encoded in ``status_list.lst``.
"""

from __future__ import annotations

import json
import zlib
from typing import Any

from joserfc import jws
from joserfc.jwk import Key

from vckit.sdjwt import b64url, b64url_decode, registry

TYPE = "statuslist+jwt"
MEDIA_TYPE = "application/statuslist+jwt"
_MIRRORED = bytes(int(f"{byte:08b}"[::-1], 2) for byte in range(256))


def token_order(bitstring: bytes) -> bytes:
    """The W3C list's bytes with each byte mirrored: bit i is then bit (i % 8) of byte i // 8."""
    return bitstring.translate(_MIRRORED)


def encode(bitstring: bytes) -> str:
    """``lst`` for the W3C-ordered `bitstring` (status list draft, section 4.2)."""
    return b64url(zlib.compress(token_order(bitstring), 9))


def status_at(lst: str, index: int) -> int:
    """The 1-bit status at `index` of an encoded list (what a verifier reads)."""
    data = zlib.decompress(b64url_decode(lst))
    return (data[index // 8] >> (index % 8)) & 1


def payload(
    *, uri: str, issuer: str, bitstring: bytes, issued_at: int, expires_at: int, ttl: int
) -> dict[str, Any]:
    """The Status List Token's claims (section 5.1): ``sub`` is the URI it is served at."""
    return {
        "iss": issuer,
        "sub": uri,
        "iat": issued_at,
        "exp": expires_at,
        "ttl": ttl,
        "status_list": {"bits": 1, "lst": encode(bitstring)},
    }


def sign(claims: dict[str, Any], *, key: Key, x5c: list[str]) -> str:
    """The Status List Token, ES256 with the issuer's certificate chain (section 5.1)."""
    body = json.dumps(claims, separators=(",", ":")).encode("utf-8")
    return jws.serialize_compact(
        {"alg": "ES256", "typ": TYPE, "x5c": x5c}, body, key, registry=registry(["ES256"])
    )
