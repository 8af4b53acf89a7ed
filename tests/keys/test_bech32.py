import contextlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wallet.bech32 import (
    Bech32Error,
    decode_segwit_address,
    encode_segwit_address,
)


@given(st.sampled_from(["bc", "tb", "bcrt"]), st.integers(0, 16), st.binary(min_size=2, max_size=40))
def test_segwit_roundtrip(hrp, witver, program):
    if witver == 0 and len(program) not in (20, 32):
        with pytest.raises(Bech32Error):
            encode_segwit_address(hrp, witver, program)
        return
    addr = encode_segwit_address(hrp, witver, program)
    assert decode_segwit_address(hrp, addr) == (witver, program)
    assert decode_segwit_address(hrp, addr.upper()) == (witver, program)


@given(st.text(max_size=100))
def test_garbage_raises_typed_error(text):
    with contextlib.suppress(Bech32Error):
        decode_segwit_address("bc", text)  # anything else escaping is a bug


def test_flipped_char_detected():
    addr = encode_segwit_address("bc", 0, bytes(range(20)))
    bad = addr[:-1] + ("q" if addr[-1] != "q" else "p")
    with pytest.raises(Bech32Error, match="checksum"):
        decode_segwit_address("bc", bad)


def test_wrong_network_and_mixed_case():
    addr = encode_segwit_address("tb", 0, bytes(20))
    with pytest.raises(Bech32Error, match="prefix"):
        decode_segwit_address("bc", addr)
    with pytest.raises(Bech32Error, match="mixes"):
        decode_segwit_address("tb", addr[:5] + addr[5:].upper())
