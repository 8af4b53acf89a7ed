"""The table-driven bech32 checksum equals BIP 173's bit-by-bit definition."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as hs

from wallet.bech32 import _GEN, _polymod


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
