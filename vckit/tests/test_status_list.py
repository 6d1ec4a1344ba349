"""Bitstring Status List v1.0: encoding, bit order, the list credential."""

from __future__ import annotations

import gzip
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vckit import proof, status_list
from vckit.multibase import encode_base64url
from vckit.tests import samples
from vckit.tests.fuzz import fuzz_settings


def test_a_new_list_has_the_minimum_size_and_is_all_clear() -> None:
    bits = status_list.new_bitstring()
    assert len(bits) * 8 == 131_072
    assert not any(status_list.get_bit(bits, i) for i in (0, 1, 131_071))


def test_bit_zero_is_the_most_significant_bit_of_the_first_byte() -> None:
    bits = status_list.new_bitstring()
    status_list.set_bit(bits, 0)
    status_list.set_bit(bits, 9)
    assert bits[0] == 0x80
    assert bits[1] == 0x40
    status_list.set_bit(bits, 0, False)
    assert bits[0] == 0


@fuzz_settings(100)
@given(st.sets(st.integers(min_value=0, max_value=131_071), max_size=50))
def test_encode_decode_round_trip(indexes: set[int]) -> None:
    bits = status_list.new_bitstring()
    for index in indexes:
        status_list.set_bit(bits, index)
    encoded = status_list.encode(bits)
    assert encoded.startswith("u")
    assert "=" not in encoded
    decoded = status_list.decode(encoded)
    assert decoded == bits
    # Exactly the chosen bits are set: each reads as set, and no other bit is counted.
    assert all(status_list.get_bit(decoded, i) for i in indexes)
    assert sum(bin(byte).count("1") for byte in decoded) == len(indexes)


def test_a_list_read_again_after_a_revocation_shows_the_new_bit() -> None:
    """Lists are kept decoded by their text: the changed list is another text."""
    bits = status_list.new_bitstring()
    before = status_list.decode(status_list.encode(bits))
    status_list.set_bit(bits, 42)
    after = status_list.decode(status_list.encode(bits))
    assert not status_list.get_bit(before, 42)
    assert status_list.get_bit(after, 42)
    # A list too long to keep (many revocations, poorly compressed) is decoded the same way.
    noisy = random.Random(7).randbytes(16_384)
    assert len(status_list.encode(noisy)) > 1024
    assert status_list.decode(status_list.encode(noisy)) == noisy


def test_an_empty_list_encodes_like_the_spec_example_prefix() -> None:
    # GZIP of zero bytes compresses to a short, stable value starting with the gzip magic.
    encoded = status_list.encode(status_list.new_bitstring())
    assert encoded.startswith("uH4sI")
    assert status_list.encode(status_list.new_bitstring()) == encoded


def test_short_malformed_or_huge_lists_are_refused() -> None:
    with pytest.raises(status_list.StatusListError):
        status_list.decode(encode_base64url(gzip.compress(bytes(100))))
    with pytest.raises(status_list.StatusListError):
        status_list.decode("unot-gzip")
    with pytest.raises(status_list.StatusListError):
        status_list.decode(encode_base64url(gzip.compress(bytes(17 * 1024 * 1024))))
    with pytest.raises(IndexError):
        status_list.get_bit(status_list.new_bitstring(), 131_072)


def test_the_status_list_credential_is_signed_and_readable(issuer_key) -> None:
    bits = status_list.new_bitstring()
    status_list.set_bit(bits, 42)
    unsigned = status_list.build_credential(
        list_url=samples.STATUS_LIST_URL,
        issuer=samples.ISSUER_DID,
        bitstring=bits,
        valid_from=samples.VALID_FROM,
    )
    assert unsigned["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]
    assert unsigned["credentialSubject"]["statusPurpose"] == "revocation"
    signed = proof.sign(unsigned, issuer_key, samples.VALID_FROM)
    assert proof.verify_proof(signed, lambda method: issuer_key.public_key_bytes)
    purpose, decoded = status_list.bitstring_of(signed)
    assert purpose == "revocation"
    assert status_list.get_bit(decoded, 42)
