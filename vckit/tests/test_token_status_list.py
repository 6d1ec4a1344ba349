"""The IETF Token Status List is written from the W3C list's bytes: the same bits, mirrored."""

from __future__ import annotations

import zlib

from vckit import status_list, token_status_list
from vckit.sdjwt import b64url_decode


def test_a_bit_set_in_the_w3c_list_is_set_at_the_same_index_in_the_token_list() -> None:
    bits = status_list.new_bitstring()
    for index in (0, 9, 131_071):
        status_list.set_bit(bits, index)
    lst = token_status_list.encode(bytes(bits))
    assert [token_status_list.status_at(lst, i) for i in (0, 1, 8, 9, 131_070, 131_071)] == [
        1,
        0,
        0,
        1,
        0,
        1,
    ]


def test_index_zero_is_the_least_significant_bit_of_the_first_byte() -> None:
    # Status list draft, section 4.1: the example's status[0] is bit 0 of byte 0.
    bits = status_list.new_bitstring()
    status_list.set_bit(bits, 0)
    status_list.set_bit(bits, 3)
    assert zlib.decompress(b64url_decode(token_status_list.encode(bytes(bits))))[0] == 0b1001


def test_the_list_stays_small_for_herd_privacy_sized_lists() -> None:
    assert len(token_status_list.encode(bytes(status_list.new_bitstring()))) < 200
