"""`ShachainStore.from_bytes` skips the checks for bytes it found valid recently (or that a
store serialized): same store as a full parse, independent copies, corrupt bytes still
rejected, the memory bounded."""

from __future__ import annotations

import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wallet.ln.tx import shachain
from wallet.ln.tx.shachain import (
    FIRST_INDEX,
    ShachainError,
    ShachainStore,
    commitment_secret,
)


def _store(seed: bytes, count: int) -> ShachainStore:
    store = ShachainStore()
    for n in range(count):
        store.insert(FIRST_INDEX - n, commitment_secret(seed, n))
    return store


@settings(max_examples=25, deadline=None)
@given(seed=st.binary(min_size=32, max_size=32), count=st.integers(0, 70))
def test_remembered_parse_is_the_full_parse(seed: bytes, count: int) -> None:
    data = _store(seed, count).to_bytes()
    fast = ShachainStore.from_bytes(data)
    full = ShachainStore._parse(data)
    assert fast._entries == full._entries and fast.to_bytes() == data
    # copies: inserting into one changes neither the other nor the next parse
    fast.insert(FIRST_INDEX - count, commitment_secret(seed, count))
    assert ShachainStore.from_bytes(data)._entries == full._entries


def test_corrupt_bytes_are_still_checked() -> None:
    data = _store(os.urandom(32), 20).to_bytes()
    ShachainStore.from_bytes(data)
    flipped = bytearray(data)
    flipped[-1] ^= 1
    with pytest.raises(ShachainError, match="inconsistent"):
        ShachainStore.from_bytes(bytes(flipped))


def test_the_memory_is_bounded() -> None:
    for _ in range(shachain._CHECKED_MAX + 10):
        _store(os.urandom(32), 3).to_bytes()
    assert len(shachain._CHECKED) <= shachain._CHECKED_MAX
