"""W3C Bitstring Status List v1.0: the revocation list and the credential that publishes it.

- Section 2.1 BitstringStatusListEntry (built by vckit.ob3) points to a list and an index.
- Section 2.2 BitstringStatusListCredential carries ``encodedList``: multibase base64url ("u")
  of the GZIP-compressed bitstring, at least 131,072 bits so one entry reveals little about
  who else is on the list (section 6.1, herd privacy).
- Section 3.1 bit order: index 0 is the left-most (most significant) bit of the first byte.
- Section 3.2 validation is done in vckit.verify.
"""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Mapping
from datetime import datetime
from functools import lru_cache
from typing import Any

from vckit.dates import format_datetime
from vckit.documents import VC_V2
from vckit.errors import VckitError
from vckit.multibase import MultibaseError, decode_base64url, encode_base64url

MIN_BITS = 131_072
# A decoded list larger than this is refused: gzip makes tiny inputs expand enormously.
MAX_BYTES = 16 * 1024 * 1024
REVOCATION = "revocation"
SUSPENSION = "suspension"


class StatusListError(VckitError):
    """An encoded status list or a status list credential is malformed."""


def new_bitstring(bits: int = MIN_BITS) -> bytearray:
    """An all-zero list of ``bits`` bits (rounded up to whole bytes, at least MIN_BITS)."""
    return bytearray((max(bits, MIN_BITS) + 7) // 8)


def get_bit(bitstring: bytes | bytearray, index: int) -> bool:
    """The status bit at ``index`` (section 3.1: bit 0 is the MSB of byte 0)."""
    if not 0 <= index < len(bitstring) * 8:
        raise IndexError(f"status list index {index} is outside a list of {len(bitstring) * 8}")
    return bool(bitstring[index // 8] & (0x80 >> (index % 8)))


def set_bit(bitstring: bytearray, index: int, value: bool = True) -> None:
    """Set (revoke) or clear the status bit at ``index`` in place."""
    if not 0 <= index < len(bitstring) * 8:
        raise IndexError(f"status list index {index} is outside a list of {len(bitstring) * 8}")
    mask = 0x80 >> (index % 8)
    if value:
        bitstring[index // 8] |= mask
    else:
        bitstring[index // 8] &= ~mask & 0xFF


def encode(bitstring: bytes | bytearray) -> str:
    """Section 2.2 encodedList: "u" + base64url(GZIP(bitstring)), deterministic (mtime 0)."""
    if len(bitstring) * 8 < MIN_BITS:
        raise StatusListError(f"a status list has at least {MIN_BITS} bits")
    return encode_base64url(gzip.compress(bytes(bitstring), compresslevel=9, mtime=0))


def decode(encoded: str) -> bytes:
    """Inverse of encode; refuses lists that are malformed, too short or absurdly large.

    A verifier reads the same list again and again (every view of a credential's page), so
    lists whose text is short are kept decoded: the text is the key, so any change to the list
    is decoded afresh. The bound on the text also bounds what is kept, as GZIP expands at most
    about a thousandfold (16 lists of at most 1 MB)."""
    if len(encoded) <= _KEPT_TEXT_LENGTH:
        return _decode_kept(encoded)
    return _decode(encoded)


_KEPT_TEXT_LENGTH = 1024


@lru_cache(maxsize=16)
def _decode_kept(encoded: str) -> bytes:
    return _decode(encoded)


def _decode(encoded: str) -> bytes:
    try:
        compressed = decode_base64url(encoded)
    except MultibaseError as exc:
        raise StatusListError(f"encodedList: {exc}") from exc
    inflater = zlib.decompressobj(wbits=31)  # 31 = gzip container
    try:
        bitstring = inflater.decompress(compressed, MAX_BYTES)
    except zlib.error as exc:
        raise StatusListError(f"encodedList is not GZIP data: {exc}") from exc
    if inflater.unconsumed_tail:
        raise StatusListError("encodedList expands to more than 16 MB")
    if len(bitstring) * 8 < MIN_BITS:
        raise StatusListError(f"the status list is shorter than {MIN_BITS} bits")
    return bitstring


def build_credential(
    *,
    list_url: str,
    issuer: str,
    bitstring: bytes | bytearray,
    valid_from: datetime,
    valid_until: datetime | None = None,
    purpose: str = REVOCATION,
) -> dict[str, Any]:
    """The unsigned BitstringStatusListCredential (section 2.2); sign it with vckit.proof.sign."""
    credential: dict[str, Any] = {
        "@context": [VC_V2],
        "id": list_url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer,
        "validFrom": format_datetime(valid_from),
    }
    if valid_until is not None:
        credential["validUntil"] = format_datetime(valid_until)
    credential["credentialSubject"] = {
        "id": f"{list_url}#list",
        "type": "BitstringStatusList",
        "statusPurpose": purpose,
        "encodedList": encode(bitstring),
    }
    return credential


def bitstring_of(status_credential: Mapping[str, Any]) -> tuple[str, bytes]:
    """(statusPurpose, decoded bits) of a BitstringStatusListCredential; StatusListError if odd."""
    types = status_credential.get("type")
    if not isinstance(types, list) or "BitstringStatusListCredential" not in types:
        raise StatusListError("not a BitstringStatusListCredential")
    subject = status_credential.get("credentialSubject")
    subject_types = subject.get("type") if isinstance(subject, Mapping) else None
    if not isinstance(subject_types, list):
        subject_types = [subject_types]
    if not isinstance(subject, Mapping) or "BitstringStatusList" not in subject_types:
        raise StatusListError("the credentialSubject is not a BitstringStatusList")
    purpose = subject.get("statusPurpose")
    encoded = subject.get("encodedList")
    if not isinstance(purpose, str) or not isinstance(encoded, str):
        raise StatusListError("statusPurpose and encodedList are required")
    return purpose, decode(encoded)
