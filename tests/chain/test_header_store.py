"""The flat-file header store: append, read back, reopen, truncate, torn writes, reorgs."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import FIXTURES, load_fixture
from wallet.chain.chain_state import (
    Disconnected,
    UpdateKind,
    choose_fork,
    find_divergence,
)
from wallet.chain.checkpoints import checkpoint_context, latest_checkpoint, load_checkpoints
from wallet.chain.header_store import HeaderStore, HeaderStoreError
from wallet.chain.headers import (
    HEADER_SIZE,
    MAINNET_PARAMS,
    ChainContext,
    HeaderError,
    headers_from_hex_lines,
    headers_work,
)

H = HEADER_SIZE


def load_headers(name: str) -> tuple[int, bytes]:
    meta = load_fixture(name + ".json")
    return meta["first_height"], headers_from_hex_lines((FIXTURES / (name + ".hex")).read_text("ascii"))


@pytest.fixture(scope="module")
def recent():
    """(first height, headers, anchor at the checkpoint just below them)."""
    first, data = load_headers("mainnet_822528_830592")
    cp = {c.height: c for c in load_checkpoints("mainnet")}[first - 1]
    return first, data, checkpoint_context(cp, MAINNET_PARAMS)


@pytest.fixture(scope="module")
def stale():
    entries = load_fixture("mainnet_stale_headers.json")["headers"]
    assert entries
    return entries[0]


def rows(data: bytes, first: int, lo: int, hi: int) -> bytes:
    """Headers lo..hi-1 of a fixture that starts at `first`."""
    return data[(lo - first) * H : (hi - first) * H]


def test_append_read_reopen(tmp_path, recent):
    first, data, anchor = recent
    path = tmp_path / "headers"
    with HeaderStore(path, "mainnet", anchor) as store:
        assert store.tip_height == first - 1 and store.base == first
        assert store.hash(first - 1) == anchor.tip_hash
        for lo in range(first, first + 3000, 700):
            store.append(rows(data, first, lo, min(lo + 700, first + 3000)))
        tip, work, ctx = store.tip_height, store.chainwork, store.context
        assert tip == first + 2999
        assert work == headers_work(rows(data, first, first, first + 3000))
        for h in (first, first + 1, first + 2016, tip):
            assert store.header(h) == rows(data, first, h, h + 1)
            assert store.parsed(h).hash == store.hash(h)
        assert store.headers(first + 10, 5) == rows(data, first, first + 10, first + 15)
        assert store.headers(tip - 1, 10) == rows(data, first, tip - 1, tip + 1)
        assert path.stat().st_size == 3000 * H
    with HeaderStore(path, "mainnet") as store:
        assert (store.tip_height, store.chainwork, store.context) == (tip, work, ctx)
        assert store.anchor == anchor
        store.append(rows(data, first, tip + 1, tip + 50))
        assert store.tip_height == tip + 49


def test_reading_outside_the_range(tmp_path, recent):
    first, data, anchor = recent
    with HeaderStore(tmp_path / "h", "mainnet", anchor) as store:
        store.append(rows(data, first, first, first + 10))
        for h in (first - 1, first + 10, -5):
            with pytest.raises(HeaderStoreError):
                store.header(h)
        with pytest.raises(HeaderStoreError):
            store.headers(first - 5, 2)


def test_append_rejects_invalid_and_keeps_state(tmp_path, recent):
    first, data, anchor = recent
    with HeaderStore(tmp_path / "h", "mainnet", anchor) as store:
        store.append(rows(data, first, first, first + 10))
        bad = bytearray(rows(data, first, first + 10, first + 20))
        bad[5 * H + 76] ^= 1
        with pytest.raises(HeaderError):
            store.append(bytes(bad))
        assert store.tip_height == first + 9
        with pytest.raises(HeaderError):  # not the next height
            store.append(rows(data, first, first + 11, first + 12))
    with HeaderStore(tmp_path / "h", "mainnet") as store:
        assert store.tip_height == first + 9


def test_truncate_and_context_rebuild(tmp_path, recent):
    first, data, anchor = recent
    path = tmp_path / "h"
    with HeaderStore(path, "mainnet", anchor) as store:
        store.append(rows(data, first, first, first + 2500))
        ctx_at = {}
        probe = HeaderStore(tmp_path / "probe", "mainnet", anchor)
        for cut in (first + 5, first + 2015, first + 2016, first + 2020):
            probe.truncate(first - 1)
            probe.append(rows(data, first, first, cut + 1))
            ctx_at[cut] = probe.context
        probe.close()
        for cut, want in sorted(ctx_at.items(), reverse=True):
            assert store.context_at(cut) == want
        store.truncate(first + 2020)
        assert store.context == ctx_at[first + 2020]
        store.truncate(first + 5)
        assert store.tip_height == first + 5 and store.context == ctx_at[first + 5]
        assert path.stat().st_size == 6 * H
        with pytest.raises(HeaderStoreError):
            store.header(first + 6)
        store.truncate(first - 1)
        assert store.tip_height == first - 1 and store.context == anchor
        with pytest.raises(HeaderStoreError):
            store.truncate(first - 2)
        store.append(rows(data, first, first, first + 3))
    with HeaderStore(path, "mainnet") as store:
        assert store.tip_height == first + 2


def test_torn_write_recovers(tmp_path, recent):
    first, data, anchor = recent
    path = tmp_path / "h"
    with HeaderStore(path, "mainnet", anchor) as store:
        store.append(rows(data, first, first, first + 100))
        ctx = store.context
    # a kill mid-write: half of the next header reached the disk
    with open(path, "ab") as f:
        f.write(rows(data, first, first + 100, first + 101)[:37])
    with HeaderStore(path, "mainnet") as store:
        assert store.context == ctx
        assert path.stat().st_size == 100 * H
        store.append(rows(data, first, first + 100, first + 101))
        assert store.tip_height == first + 100
    # a whole record of garbage (e.g. zeros from a size-extended file)
    with open(path, "ab") as f:
        f.write(bytes(H * 3))
    with HeaderStore(path, "mainnet") as store:
        assert store.tip_height == first + 100
        assert path.stat().st_size == 101 * H


def test_headers_written_before_metadata_are_kept_after_verification(tmp_path, recent):
    first, data, anchor = recent
    path = tmp_path / "h"
    with HeaderStore(path, "mainnet", anchor) as store:
        store.append(rows(data, first, first, first + 50))
    # crash after the header write, before the metadata update
    with open(path, "ab") as f:
        f.write(rows(data, first, first + 50, first + 80))
        bad = bytearray(rows(data, first, first + 80, first + 81))
        bad[40] ^= 1
        f.write(bytes(bad) + rows(data, first, first + 81, first + 90))
    with HeaderStore(path, "mainnet") as store:
        assert store.tip_height == first + 79  # the corrupt header and all after it dropped
        assert store.chainwork == headers_work(rows(data, first, first, first + 80))
        store.append(rows(data, first, first + 80, first + 90))


def test_stale_metadata_falls_back_to_full_verification(tmp_path, recent):
    first, data, anchor = recent
    path = tmp_path / "h"
    with HeaderStore(path, "mainnet", anchor) as store:
        store.append(rows(data, first, first, first + 40))
        ctx = store.context
    meta_path = tmp_path / "h.meta.json"
    meta = json.loads(meta_path.read_text())
    meta["tip_hash"] = "00" * 32  # the cached tip no longer matches the file
    meta["chainwork"] = 1
    meta_path.write_text(json.dumps(meta))
    with HeaderStore(path, "mainnet") as store:
        assert store.context == ctx


def test_metadata_errors(tmp_path, recent):
    first, data, anchor = recent
    path = tmp_path / "h"
    HeaderStore(path, "mainnet", anchor).close()
    with pytest.raises(HeaderStoreError):
        HeaderStore(path, "testnet")
    other = checkpoint_context(load_checkpoints("mainnet")[0], MAINNET_PARAMS)
    with pytest.raises(HeaderStoreError):
        HeaderStore(path, "mainnet", other)
    (tmp_path / "h.meta.json").write_text("{not json")
    with pytest.raises(HeaderStoreError):
        HeaderStore(path, "mainnet")


def test_default_mainnet_store_starts_at_latest_checkpoint(tmp_path):
    cp = latest_checkpoint("mainnet")
    with HeaderStore(tmp_path / "h", "mainnet") as store:
        assert store.tip_height == cp.height and store.base == cp.height + 1
        assert store.hash(cp.height) == cp.hash
        assert store.context.next_retarget_bits == cp.bits


# --------------------------------------------------------------------------- connect / reorg


def test_connect_extends_and_skips_known_headers(tmp_path, recent):
    first, data, anchor = recent
    with HeaderStore(tmp_path / "h", "mainnet", anchor) as store:
        up = store.connect(first, rows(data, first, first, first + 20))
        assert (up.kind, up.added, up.tip_height) == (UpdateKind.EXTENDED, 20, first + 19)
        up = store.connect(first + 5, rows(data, first, first + 5, first + 30))
        assert (up.kind, up.added, up.tip_height) == (UpdateKind.EXTENDED, 10, first + 29)
        up = store.connect(first + 3, rows(data, first, first + 3, first + 8))
        assert up.kind is UpdateKind.UNCHANGED and store.tip_height == first + 29
        with pytest.raises(Disconnected):
            store.connect(first + 31, rows(data, first, first + 31, first + 32))
        with pytest.raises(Disconnected):
            store.connect(first - 1, rows(data, first, first, first + 1))
        with pytest.raises(Disconnected):
            store.connect(first + 3, b"")
        with pytest.raises(HeaderError):
            store.connect(first + 3, b"\x00" * 81)


def test_equal_work_stale_block_does_not_replace_tip(tmp_path, recent, stale):
    first, data, anchor = recent
    h = stale["height"]
    raw = bytes.fromhex(stale["header"])
    with HeaderStore(tmp_path / "h", "mainnet", anchor) as store:
        store.append(rows(data, first, first, h + 1))
        assert store.hash_hex(h) == stale["main_chain_hash_at_height"]
        up = store.connect(h, raw)
        assert (up.kind, up.fork_height) == (UpdateKind.IGNORED, h)
        assert store.tip_height == h and store.hash_hex(h) == stale["main_chain_hash_at_height"]


def test_reorg_from_stale_tip_to_more_work(tmp_path, recent, stale):
    first, data, anchor = recent
    h = stale["height"]
    path = tmp_path / "h"
    with HeaderStore(path, "mainnet", anchor) as store:
        store.append(rows(data, first, first, h))
        store.append(bytes.fromhex(stale["header"]))
        assert store.hash_hex(h) == stale["hash"]
        stale_work = store.chainwork
        up = store.connect(h - 3, rows(data, first, h - 3, h + 5))
        assert (up.kind, up.fork_height, up.tip_height, up.added) == (UpdateKind.REORG, h, h + 4, 5)
        assert store.hash_hex(h) == stale["main_chain_hash_at_height"]
        assert store.chainwork > stale_work
    with HeaderStore(path, "mainnet") as store:
        assert store.tip_height == h + 4
        assert store.chainwork == headers_work(rows(data, first, first, h + 5))


def test_invalid_fork_changes_nothing(tmp_path, recent, stale):
    first, data, anchor = recent
    h = stale["height"]
    with HeaderStore(tmp_path / "h", "mainnet", anchor) as store:
        store.append(rows(data, first, first, h))
        store.append(bytes.fromhex(stale["header"]))
        ctx = store.context
        bad = bytearray(rows(data, first, h, h + 5))
        bad[3 * H + 76] ^= 1
        with pytest.raises(HeaderError):
            store.connect(h, bytes(bad))
        assert store.context == ctx


def test_testnet_low_work_fork_is_ignored_and_main_chain_wins(tmp_path):
    _, main = load_headers("testnet3_0_9999")
    fork_first, fork = load_headers("testnet3_fork_1_2")
    with HeaderStore(tmp_path / "a", "testnet") as store:
        assert store.tip_height == -1
        store.append(main[: 20 * H])
        up = store.connect(fork_first, fork)
        assert (up.kind, up.fork_height) == (UpdateKind.IGNORED, fork_first)
        assert store.tip_height == 19
    with HeaderStore(tmp_path / "b", "testnet") as store:
        store.append(main[:H])
        store.append(fork)
        assert store.tip_height == fork_first + 1
        up = store.connect(1, main[H : 10 * H])
        assert (up.kind, up.fork_height, up.tip_height) == (UpdateKind.REORG, fork_first, 9)
        assert store.headers(0, 10) == main[: 10 * H]


# --------------------------------------------------------------------------- pure fork choice


def test_find_divergence():
    a = bytes(range(80)) * 3
    b = a[:160] + bytes(80)
    assert find_divergence(10, a, a) is None
    assert find_divergence(10, a, b) == 12
    assert find_divergence(10, a, b[:160]) is None
    assert find_divergence(10, b"", a) is None


def test_choose_fork_needs_strictly_more_work():
    assert choose_fork(5, 10, 11).switch
    assert not choose_fork(5, 10, 10).switch
    assert not choose_fork(5, 10, 9).switch


def test_before_genesis_context_round_trips_json():
    ctx = ChainContext.before_genesis()
    assert ChainContext.from_json(ctx.to_json()) == ctx


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cut=st.integers(min_value=0, max_value=60 * HEADER_SIZE), meta_tip=st.integers(0, 60))
def test_any_crash_point_leaves_a_valid_prefix(tmp_path_factory, recent, cut, meta_tip):
    """Whatever byte the file was cut at, and whatever tip the metadata remembers."""
    first, data, anchor = recent
    path = tmp_path_factory.mktemp("crash") / "h"
    with HeaderStore(path, "mainnet", anchor) as store:
        store.append(rows(data, first, first, first + meta_tip))
    with open(path, "r+b") as f:  # the rest reached the file, the metadata did not follow
        f.seek(0, 2)
        f.write(rows(data, first, first + meta_tip, first + 60))
        f.truncate(cut)
    with HeaderStore(path, "mainnet") as store:
        assert store.tip_height == first - 1 + cut // HEADER_SIZE
        assert store.chainwork == headers_work(rows(data, first, first, store.tip_height + 1))
        store.append(rows(data, first, store.tip_height + 1, first + 61))
        assert store.tip_height == first + 60
