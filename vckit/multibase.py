"""Multibase base58btc and base64url, and the Ed25519 Multikey encoding.

Controlled Identifiers v1.0 section 2.2.2 (Multikey) and the Multibase draft: a multibase string
is a one-character prefix naming the base ("z" = base58btc, "u" = base64url without padding)
followed by the encoded bytes. An Ed25519 public key in Multikey form is the multicodec header
0xed 0x01 followed by the 32 key bytes; a secret key uses header 0x80 0x26.
"""

from __future__ import annotations

import base64

_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_INDEX = {char: value for value, char in enumerate(_ALPHABET)}

ED25519_PUB_HEADER = b"\xed\x01"
ED25519_PRIV_HEADER = b"\x80\x26"


class MultibaseError(ValueError):
    """A value is not valid multibase / multikey data."""


def b58encode(data: bytes) -> str:
    """Base58 with the Bitcoin alphabet (draft-msporny-base58 section 3)."""
    zeros = len(data) - len(data.lstrip(b"\0"))
    number = int.from_bytes(data, "big")
    digits = []
    while number:
        number, remainder = divmod(number, 58)
        digits.append(_ALPHABET[remainder])
    return "1" * zeros + "".join(reversed(digits))


def b58decode(text: str) -> bytes:
    """Inverse of b58encode; raises MultibaseError on a character outside the alphabet."""
    number = 0
    for char in text:
        try:
            number = number * 58 + _INDEX[char]
        except KeyError:
            raise MultibaseError(f"{char!r} is not a base58btc character") from None
    zeros = len(text) - len(text.lstrip("1"))
    body = number.to_bytes((number.bit_length() + 7) // 8, "big") if number else b""
    return b"\0" * zeros + body


def encode_base58btc(data: bytes) -> str:
    """Multibase base58btc: "z" + base58."""
    return "z" + b58encode(data)


def decode_base58btc(value: str) -> bytes:
    """Decode a multibase base58btc string (it must start with "z")."""
    if not value.startswith("z"):
        raise MultibaseError("expected a multibase base58btc value starting with 'z'")
    return b58decode(value[1:])


def encode_base64url(data: bytes) -> str:
    """Multibase base64url without padding: "u" + base64url."""
    return "u" + base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def decode_base64url(value: str) -> bytes:
    """Decode a multibase base64url string (it must start with "u")."""
    if not value.startswith("u"):
        raise MultibaseError("expected a multibase base64url value starting with 'u'")
    body = value[1:]
    try:
        return base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
    except ValueError as exc:
        raise MultibaseError(f"invalid base64url data: {exc}") from None


def ed25519_public_multikey(public_key: bytes) -> str:
    """Ed25519 public key -> Multikey publicKeyMultibase ("z6Mk...")."""
    if len(public_key) != 32:
        raise MultibaseError("an Ed25519 public key has 32 bytes")
    return encode_base58btc(ED25519_PUB_HEADER + public_key)


def ed25519_public_from_multikey(value: str) -> bytes:
    """publicKeyMultibase -> 32 raw Ed25519 public key bytes."""
    data = decode_base58btc(value)
    if len(data) != 34 or not data.startswith(ED25519_PUB_HEADER):
        raise MultibaseError("not an Ed25519 Multikey public key (header 0xed01, 32 bytes)")
    return data[2:]


def ed25519_secret_from_multikey(value: str) -> bytes:
    """secretKeyMultibase -> 32-byte Ed25519 seed."""
    data = decode_base58btc(value)
    if len(data) != 34 or not data.startswith(ED25519_PRIV_HEADER):
        raise MultibaseError("not an Ed25519 Multikey secret key (header 0x8026, 32 bytes)")
    return data[2:]


def ed25519_secret_multikey(seed: bytes) -> str:
    """32-byte Ed25519 seed -> secretKeyMultibase."""
    if len(seed) != 32:
        raise MultibaseError("an Ed25519 secret key seed has 32 bytes")
    return encode_base58btc(ED25519_PRIV_HEADER + seed)
