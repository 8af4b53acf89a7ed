"""The table-driven bech32 checksum equals BIP 173's bit-by-bit definition; the fast
range checks refuse exactly what the per-character ones did."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as hs

from wallet.bech32 import _GEN, Bech32Error, _polymod, convertbits, decode_bech32


def reference_polymod(values: list[int]) -> int:
    chk = 1
    for v in values:
        top = chk >> 25
        chk = ((chk & 0x1FFFFFF) << 5) ^ v
        for i in range(5):
            if (top >> i) & 1:
                chk ^= _GEN[i]
    return chk


@given(hs.lists(hs.integers(0, 31), max_size=700))
def test_table_polymod_is_bip173s(values: list[int]) -> None:
    assert _polymod(values) == reference_polymod(values)


@given(hs.text(max_size=40))
def test_printable_check_is_the_bip173_range(text: str) -> None:
    """Refused exactly when a character is outside ASCII 33..126 (the rest may fail later
    for other reasons, never for this one)."""
    outside = any(ord(c) < 33 or ord(c) > 126 for c in text)
    try:
        decode_bech32(text)
    except Bech32Error as e:
        assert ("printable ASCII" in str(e)) == outside
    else:
        assert not outside


@given(hs.lists(hs.integers(-3, 40), max_size=30), hs.sampled_from([(5, 8), (8, 5)]),
       hs.booleans())
def test_convertbits_refuses_out_of_range_values(values, bits, pad) -> None:
    frombits, tobits = bits
    bad = any(v < 0 or v >> frombits for v in values)
    try:
        convertbits(values, frombits, tobits, pad)
    except Bech32Error as e:
        assert bad or "padding" in str(e)
    else:
        assert not bad
