"""BOLT 3 Appendix D: per-commitment secret generation and compact storage (shachain)."""

from __future__ import annotations

import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import load_vector
from wallet.errors import InputError
from wallet.ln.tx.shachain import (
    FIRST_INDEX,
    ShachainError,
    ShachainStore,
    commitment_secret,
    generate_from_seed,
)

VECTORS = load_vector("bolt03_commitment.json")
GENERATION = VECTORS["per_commitment_secret_generation"]["cases"]
STORAGE = VECTORS["per_commitment_secret_storage"]["cases"]


def h(value: str) -> bytes:
    return bytes.fromhex(value.removeprefix("0x"))


def as_index(written: str) -> int:
    """The spec writes I in decimal or 0x-hex."""
    return int(written, 16) if written.startswith("0x") else int(written)


@pytest.mark.parametrize("case", GENERATION, ids=lambda c: c["name"])
def test_generation(case):
    assert as_index(case["I"]) == case["index"]
    assert generate_from_seed(h(case["seed"]), case["index"]) == h(case["output"])


@pytest.mark.parametrize("case", STORAGE, ids=lambda c: c["name"])
def test_storage(case):
    store = ShachainStore()
    received: dict[int, bytes] = {}
    for step in case["steps"]:
        index, secret = step["index"], h(step["secret"])
        assert as_index(step["I"]) == index
        if step["output"] == "OK":
            store.insert(index, secret)
            received[index] = secret
        else:
            assert step["output"] == "ERROR"
            before = store.to_bytes()
            with pytest.raises(ShachainError, match="inconsistent"):
                store.insert(index, secret)
            assert store.to_bytes() == before  # a rejected secret changes nothing
        # everything received so far is retrievable, also after a round trip through bytes
        reloaded = ShachainStore.from_bytes(store.to_bytes())
        for known_index, known_secret in received.items():
            assert store.get(known_index) == known_secret
            assert reloaded.get(known_index) == known_secret
        assert len(store) == len(received)


def test_shachain_error_is_an_input_error():
    assert issubclass(ShachainError, InputError)


def test_commitment_numbers_count_down_from_the_first_index():
    seed = bytes(range(32))
    assert commitment_secret(seed, 0) == generate_from_seed(seed, FIRST_INDEX)
    assert commitment_secret(seed, 5) == generate_from_seed(seed, FIRST_INDEX - 5)
    store = ShachainStore()
    for n in range(6):
        store.insert(FIRST_INDEX - n, commitment_secret(seed, n))
    assert store.get_commitment(3) == commitment_secret(seed, 3)
    with pytest.raises(ShachainError, match="not been received"):
        store.get_commitment(6)


def test_bad_inputs():
    with pytest.raises(ShachainError):
        generate_from_seed(b"\x00" * 31, 0)
    with pytest.raises(ShachainError):
        generate_from_seed(b"\x00" * 32, FIRST_INDEX + 1)
    with pytest.raises(ShachainError):
        generate_from_seed(b"\x00" * 32, -1)
    with pytest.raises(ShachainError):
        commitment_secret(b"\x00" * 32, True)
    store = ShachainStore()
    with pytest.raises(ShachainError, match="out of order"):
        store.insert(FIRST_INDEX - 1, b"\x00" * 32)
    with pytest.raises(ShachainError):
        store.insert(FIRST_INDEX, b"\x00" * 33)
    with pytest.raises(ShachainError, match="not been received"):
        store.get(FIRST_INDEX)
    store.insert(FIRST_INDEX, b"\x00" * 32)
    with pytest.raises(ShachainError, match="out of order"):
        store.insert(FIRST_INDEX, b"\x00" * 32)  # replay
    with pytest.raises(ShachainError, match="out of order"):
        store.insert(FIRST_INDEX - 2, b"\x00" * 32)  # gap


def test_serialization_rejects_corruption():
    seed = os.urandom(32)
    store = ShachainStore()
    for n in range(20):
        store.insert(FIRST_INDEX - n, commitment_secret(seed, n))
    data = store.to_bytes()
    assert ShachainStore.from_bytes(ShachainStore().to_bytes()).to_bytes() == b"\x01\x00"
    for bad in (b"", b"\x01", b"\x02" + data[1:], data[:-1], data + b"\x00"):
        with pytest.raises(ShachainError):
            ShachainStore.from_bytes(bad)
    # flip one bit of the highest-position secret: lower ones no longer derive from it
    flipped = bytearray(data)
    flipped[-1] ^= 1
    with pytest.raises(ShachainError, match="inconsistent"):
        ShachainStore.from_bytes(bytes(flipped))
    # change a stored index so it no longer fits its position
    moved = bytearray(data)
    moved[2 + 6] ^= 0x01  # low byte of the first entry's index
    with pytest.raises(ShachainError):
        ShachainStore.from_bytes(bytes(moved))
    # drop an entry
    with pytest.raises(ShachainError):
        ShachainStore.from_bytes(bytes([1, data[1] - 1]) + data[2 + 39 :])


@settings(max_examples=25, deadline=None)
@given(seed=st.binary(min_size=32, max_size=32), count=st.integers(1, 70))
def test_store_keeps_every_secret_in_49_entries(seed, count):
    store = ShachainStore()
    for n in range(count):
        store.insert(FIRST_INDEX - n, commitment_secret(seed, n))
    data = store.to_bytes()
    assert len(data) <= 2 + 49 * 39
    reloaded = ShachainStore.from_bytes(data)
    for n in range(count):
        assert reloaded.get_commitment(n) == commitment_secret(seed, n)
    assert reloaded.next_index == FIRST_INDEX - count


@settings(max_examples=25, deadline=None)
@given(seed=st.binary(min_size=32, max_size=32), count=st.integers(1, 40))
def test_a_foreign_secret_is_caught_at_the_next_even_index(seed, count):
    """A wrong secret at an odd index cannot be checked yet; the next one reveals it."""
    store = ShachainStore()
    for n in range(count):
        store.insert(FIRST_INDEX - n, commitment_secret(seed, n))
    other = bytes(b ^ 0xFF for b in seed)
    index = FIRST_INDEX - count
    rejected = False
    for step in range(2):
        try:
            store.insert(
                index - step, generate_from_seed(other if step == 0 else seed, index - step)
            )
        except ShachainError:
            rejected = True
            break
    assert rejected
