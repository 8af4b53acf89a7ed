"""Header parsing, compact targets and batch verification against real chain fixtures."""

from __future__ import annotations

import hashlib
import struct
from dataclasses import replace
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import FIXTURES, load_fixture
from wallet.chain.headers import (
    HEADER_SIZE,
    MAINNET_PARAMS,
    REGTEST_PARAMS,
    SIGNET_PARAMS,
    TESTNET_PARAMS,
    BadBits,
    BadGenesis,
    BadLink,
    BadProofOfWork,
    BadVersion,
    ChainContext,
    Header,
    HeaderError,
    InvalidTarget,
    MalformedHeader,
    MissingContext,
    TimeTooNew,
    TimeTooOld,
    bits_from_target,
    chain_params,
    checked_target,
    context_from_headers,
    hash_to_hex,
    headers_from_hex_lines,
    headers_work,
    split_headers,
    target_from_bits,
    verify_headers,
    work_from_bits,
)
from wallet.errors import InputError
from wallet.networks import NETWORKS

TIME_BITS = struct.Struct("<II")


@cache
def load_headers(name: str) -> tuple[int, bytes]:
    """(first height, raw headers) of a fixture .hex file, with its sidecar's first height."""
    meta = load_fixture(name + ".json")
    data = headers_from_hex_lines((FIXTURES / (name + ".hex")).read_text(encoding="ascii"))
    assert len(data) == meta["count"] * HEADER_SIZE
    return meta["first_height"], data


@cache
def retarget_pairs() -> dict[int, Header]:
    return {int(h): Header.from_hex(raw) for h, raw in load_fixture("mainnet_retarget_pairs.json")["headers"].items()}


def at(data: bytes, i: int) -> Header:
    return Header.parse(data[i * HEADER_SIZE : (i + 1) * HEADER_SIZE])


def tamper(data: bytes, index: int, offset: int, xor: int = 1) -> bytes:
    buf = bytearray(data)
    buf[index * HEADER_SIZE + offset] ^= xor
    return bytes(buf)


def set_field(data: bytes, index: int, fmt: str, offset: int, value: int) -> bytes:
    buf = bytearray(data)
    struct.pack_into(fmt, buf, index * HEADER_SIZE + offset, value)
    return bytes(buf)


def context_before(first_height: int, data: bytes, *, period_start_time: int | None = None) -> ChainContext:
    """A context just below a fixture that does not start at genesis: tip hash from its link."""
    first = at(data, 0)
    return ChainContext(
        height=first_height - 1,
        tip_hash=first.prev_hash,
        bits=first.bits if first_height % 2016 else None,
        period_start_time=period_start_time,
        next_retarget_bits=None if first_height % 2016 else first.bits,
    )


# --------------------------------------------------------------------------- parsing


def test_parse_genesis_matches_network_table():
    _, data = load_headers("mainnet_0_9999")
    g = at(data, 0)
    assert g.hash_hex == NETWORKS["mainnet"].genesis_hash
    assert g.prev_hash == bytes(32)
    assert g.bits == MAINNET_PARAMS.genesis_bits
    assert g.serialize() == data[:HEADER_SIZE]
    assert Header.from_hex(data[:HEADER_SIZE].hex()) == g
    assert g.work == work_from_bits(g.bits) > 0


def test_chain_params_match_network_genesis():
    for name, net in NETWORKS.items():
        params = chain_params(name)
        assert hash_to_hex(params.genesis_hash) == net.genesis_hash
        assert bits_from_target(params.pow_limit) == params.pow_limit_bits
    assert SIGNET_PARAMS.pow_limit_bits == SIGNET_PARAMS.genesis_bits
    assert REGTEST_PARAMS.pow_limit_bits == REGTEST_PARAMS.genesis_bits
    with pytest.raises(InputError):
        chain_params("litecoin")


def test_negative_version_round_trips():
    _, data = load_headers("mainnet_822528_830592")
    raw = set_field(data[:HEADER_SIZE], 0, "<i", 0, -5)
    h = Header.parse(raw)
    assert h.version == -5 and h.serialize() == raw


@pytest.mark.parametrize("bad", [b"", b"\x00" * 79, b"\x00" * 81])
def test_parse_rejects_wrong_length(bad):
    with pytest.raises(MalformedHeader):
        Header.parse(bad)


@pytest.mark.parametrize("text", ["zz" * 80, "00" * 79, None])
def test_from_hex_rejects_bad_text(text):
    with pytest.raises(MalformedHeader):
        Header.from_hex(text)


def test_split_and_hex_lines_reject_partial_headers():
    with pytest.raises(MalformedHeader):
        split_headers(b"\x00" * 81)
    with pytest.raises(MalformedHeader):
        headers_from_hex_lines("00" * 80 + "\n" + "00" * 40)
    with pytest.raises(MalformedHeader):
        headers_from_hex_lines("xy" * 80)


# --------------------------------------------------------------------------- compact targets


@pytest.mark.parametrize(
    "bits,target,negative,overflow",
    [
        (0x1D00FFFF, 0xFFFF << 208, False, False),
        (0x01123456, 0x12, False, False),
        (0x03123456, 0x123456, False, False),
        (0x04123456, 0x12345600, False, False),
        (0x05009234, 0x92340000, False, False),
        (0x00123456, 0, False, False),
        (0x04923456, 0x12345600, True, False),
        (0x01FEDCBA, 0x7E, True, False),
        (0xFF123456, 0x123456 << (8 * 252), False, True),
        (0x21010000, 1 << 256, False, True),
    ],
)
def test_set_compact_semantics(bits, target, negative, overflow):
    assert target_from_bits(bits) == (target, negative, overflow)


def test_get_compact_avoids_sign_bit():
    assert bits_from_target(0x80) == 0x02008000
    assert bits_from_target(0x12345600) == 0x04123456
    assert bits_from_target(0) == 0
    with pytest.raises(ValueError):
        bits_from_target(-1)


@pytest.mark.parametrize("bits", [0x04923456, 0xFF123456, 0x1D000000, 0x1D010000, 0x2100FFFF])
def test_checked_target_rejects_invalid(bits):
    with pytest.raises(InvalidTarget):
        checked_target(bits, MAINNET_PARAMS.pow_limit, 5)


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=1, max_value=(1 << 256) - 1))
def test_compact_round_trip(target):
    bits = bits_from_target(target)
    decoded, negative, overflow = target_from_bits(bits)
    assert not negative and not overflow
    assert decoded <= target
    assert bits_from_target(decoded) == bits
    # a compact value keeps the top 23 or 24 significant bits of the target
    assert target - decoded < (1 << max(0, target.bit_length() - 16))


def test_work_of_difficulty_one():
    assert work_from_bits(0x1D00FFFF) == (1 << 256) // ((0xFFFF << 208) + 1)
    assert work_from_bits(0x04923456) == 0  # invalid targets count no work


# --------------------------------------------------------------------------- real chains


def test_mainnet_from_genesis():
    first, data = load_headers("mainnet_0_9999")
    meta = load_fixture("mainnet_0_9999.json")
    assert first == 0
    ctx = verify_headers(MAINNET_PARAMS, ChainContext.before_genesis(), data)
    assert ctx.height == meta["last_height"]
    assert ctx.tip_hash_hex == meta["last_hash"]
    assert ctx.chainwork == headers_work(data)


def test_verification_in_chunks_equals_one_batch():
    _, data = load_headers("mainnet_0_9999")
    whole = verify_headers(MAINNET_PARAMS, ChainContext.before_genesis(), data)
    ctx = ChainContext.before_genesis()
    for start, size in [(0, 1), (1, 10), (11, 2005), (2016, 1), (2017, 5000), (7017, 2983)]:
        ctx = verify_headers(MAINNET_PARAMS, ctx, data[start * 80 : (start + size) * 80])
    assert ctx == whole


@pytest.mark.parametrize("name,params", [("mainnet_0_9999", MAINNET_PARAMS), ("testnet3_0_9999", TESTNET_PARAMS)])
def test_rebuilt_context_equals_verified_context(name, params):
    _, data = load_headers(name)
    for tip in (0, 5, 10, 11, 2015, 2016, 2017, 4031, 6100, 9999):
        chunk = data[: (tip + 1) * HEADER_SIZE]
        verified = verify_headers(params, ChainContext.before_genesis(), chunk)
        assert context_from_headers(params, chunk, 0, ChainContext.before_genesis()) == verified


def test_mainnet_first_difficulty_change():
    first, data = load_headers("mainnet_30000_39999")
    meta = load_fixture("mainnet_30000_39999.json")
    pairs = retarget_pairs()
    start = first - first % 2016
    ctx = context_before(first, data, period_start_time=pairs[start].time)
    ctx = verify_headers(MAINNET_PARAMS, ctx, data)
    assert ctx.tip_hash_hex == meta["last_hash"]
    changes = [b for b in meta["retarget_boundaries"] if b["old_bits"] != b["new_bits"]]
    assert changes
    for b in meta["retarget_boundaries"]:
        assert at(data, b["height"] - first).bits == int(b["new_bits"], 16)


def test_mainnet_first_difficulty_change_needs_period_start():
    first, data = load_headers("mainnet_30000_39999")
    with pytest.raises(MissingContext) as e:
        verify_headers(MAINNET_PARAMS, context_before(first, data), data)
    assert e.value.height % 2016 == 0


def test_mainnet_recent_from_checkpoint_style_context():
    first, data = load_headers("mainnet_822528_830592")
    meta = load_fixture("mainnet_822528_830592.json")
    assert first % 2016 == 0
    ctx = verify_headers(MAINNET_PARAMS, context_before(first, data), data)
    assert ctx.tip_hash_hex == meta["last_hash"]
    assert len(ctx.timestamps) == 11


def test_mainnet_recent_from_formula_context():
    """The same range, with the first boundary computed from the retarget pairs instead."""
    first, data = load_headers("mainnet_822528_830592")
    pairs = retarget_pairs()
    last = pairs[first - 1]
    ctx = ChainContext(
        height=first - 1, tip_hash=last.hash, bits=last.bits, timestamps=(last.time,),
        period_start_time=pairs[first - 2016].time,
    )
    assert verify_headers(MAINNET_PARAMS, ctx, data).height == first + len(data) // 80 - 1


def test_every_retarget_pair():
    pairs = retarget_pairs()
    boundaries = sorted(h for h in pairs if h and h % 2016 == 0)
    assert boundaries
    for h in boundaries:
        last, new = pairs[h - 1], pairs[h]
        if h - 2016 not in pairs:
            continue
        start_time = pairs[h - 2016].time
        assert MAINNET_PARAMS.next_bits_at_boundary(last.bits, start_time, last.time) == new.bits, h
        ctx = ChainContext(
            height=h - 1, tip_hash=last.hash, bits=last.bits, timestamps=(last.time,),
            period_start_time=start_time,
        )
        assert verify_headers(MAINNET_PARAMS, ctx, new.serialize()).tip_hash == new.hash
        if h == boundaries[-1] or h % (2016 * 50) == 0:
            wrong = set_field(new.serialize(), 0, "<I", 72, new.bits ^ 1)
            with pytest.raises(BadBits) as e:
                verify_headers(MAINNET_PARAMS, ctx, wrong)
            assert e.value.height == h


def test_retarget_clamps_and_cap():
    p = MAINNET_PARAMS
    bits = 0x1B0404CB
    target = target_from_bits(bits)[0]
    quarter = target_from_bits(p.next_bits_at_boundary(bits, 1000, 1001))[0]
    assert quarter == target_from_bits(bits_from_target(target // 4))[0]
    same = p.next_bits_at_boundary(bits, 0, p.target_timespan)
    assert same == bits
    assert p.next_bits_at_boundary(bits, 0, 10**9) == p.next_bits_at_boundary(bits, 0, 4 * p.target_timespan)
    assert p.next_bits_at_boundary(0x1D00FFFF, 0, 10**9) == 0x1D00FFFF  # capped at powLimit
    assert REGTEST_PARAMS.next_bits_at_boundary(0x207FFFFF, 0, 1) == 0x207FFFFF


def test_testnet3_min_difficulty_rules():
    first, data = load_headers("testnet3_0_9999")
    meta = load_fixture("testnet3_0_9999.json")
    ctx = verify_headers(TESTNET_PARAMS, ChainContext.before_genesis(), data)
    assert ctx.tip_hash_hex == meta["last_hash"]
    # The same chain breaks mainnet's rules (the 20-minute blocks).
    after_genesis = verify_headers(TESTNET_PARAMS, ChainContext.before_genesis(), data[:80])
    with pytest.raises(BadBits):
        verify_headers(MAINNET_PARAMS, after_genesis, data[80:])

    n = len(data) // HEADER_SIZE
    tb = [TIME_BITS.unpack_from(data, i * HEADER_SIZE + 68) for i in range(n)]
    limit = TESTNET_PARAMS.pow_limit_bits
    twenty = [i for i in range(1, n) if i % 2016 and tb[i][0] > tb[i - 1][0] + 1200 and tb[i - 1][1] != limit]
    walk_back = [i for i in range(1, n) if i % 2016 and tb[i][0] <= tb[i - 1][0] + 1200 and tb[i - 1][1] == limit and tb[i][1] != limit]
    assert twenty and walk_back
    for i in (twenty[0], walk_back[0]):
        ctx = verify_headers(TESTNET_PARAMS, ChainContext.before_genesis(), data[: i * HEADER_SIZE])
        bad = set_field(data[i * HEADER_SIZE : (i + 1) * HEADER_SIZE], 0, "<I", 72, tb[i - 1][1] if i in twenty else limit)
        with pytest.raises(BadBits) as e:
            verify_headers(TESTNET_PARAMS, ctx, bad)
        assert e.value.height == i


def test_testnet3_fork_headers_valid_on_their_branch():
    _, main = load_headers("testnet3_0_9999")
    first, fork = load_headers("testnet3_fork_1_2")
    meta = load_fixture("testnet3_fork_1_2.json")
    ctx = verify_headers(TESTNET_PARAMS, ChainContext.before_genesis(), main[: first * HEADER_SIZE])
    ctx = verify_headers(TESTNET_PARAMS, ctx, fork)
    assert ctx.tip_hash_hex == meta["last_hash"]
    for i, h in enumerate(split_headers(fork)):
        assert Header.parse(h).hash_hex != meta["main_chain_hashes_at_same_heights"][i]


def test_stale_mainnet_block_is_valid_on_its_parent():
    first, data = load_headers("mainnet_822528_830592")
    for stale in load_fixture("mainnet_stale_headers.json")["headers"]:
        h = stale["height"]
        ctx = verify_headers(MAINNET_PARAMS, context_before(first, data), data[: (h - first) * 80])
        assert ctx.tip_hash_hex == stale["parent_hash"]
        out = verify_headers(MAINNET_PARAMS, ctx, bytes.fromhex(stale["header"]))
        assert out.tip_hash_hex == stale["hash"] != stale["main_chain_hash_at_height"]
        assert out.chainwork == ctx.chainwork + work_from_bits(int(stale["bits"], 16))


# --------------------------------------------------------------------------- tampering


@pytest.fixture(scope="module")
def recent():
    first, data = load_headers("mainnet_822528_830592")
    ctx = verify_headers(MAINNET_PARAMS, context_before(first, data), data[: 2100 * 80])
    return ctx, data[2100 * 80 : 2300 * 80]


@pytest.mark.parametrize("offset,error", [(76, BadProofOfWork), (40, BadProofOfWork), (10, BadLink), (0, BadProofOfWork)])
def test_flipped_bit_is_rejected(recent, offset, error):
    ctx, data = recent
    with pytest.raises(error) as e:
        verify_headers(MAINNET_PARAMS, ctx, tamper(data, 7, offset))
    assert e.value.height == ctx.height + 8
    assert isinstance(e.value, HeaderError) and isinstance(e.value, InputError)
    assert str(e.value.height) in str(e.value)


def test_broken_link_names_the_height(recent):
    ctx, data = recent
    spliced = data[:50 * 80] + data[51 * 80 :]
    with pytest.raises(BadLink) as e:
        verify_headers(MAINNET_PARAMS, ctx, spliced)
    assert e.value.height == ctx.height + 51


def test_wrong_bits_off_boundary(recent):
    ctx, data = recent
    with pytest.raises(BadBits):
        verify_headers(MAINNET_PARAMS, ctx, tamper(data, 3, 72))


def test_wrong_bits_at_boundary():
    first, data = load_headers("mainnet_822528_830592")
    meta = load_fixture("mainnet_822528_830592.json")
    for b in meta["retarget_boundaries"]:
        i = b["height"] - first
        ctx = verify_headers(MAINNET_PARAMS, context_before(first, data), data[: i * 80])
        for wrong in (int(b["old_bits"], 16), int(b["new_bits"], 16) + 1):
            bad = set_field(data[i * 80 : (i + 1) * 80], 0, "<I", 72, wrong)
            with pytest.raises(BadBits) as e:
                verify_headers(MAINNET_PARAMS, ctx, bad)
            assert e.value.height == b["height"]


def test_genesis_must_be_the_networks():
    _, data = load_headers("testnet3_0_9999")
    with pytest.raises(BadGenesis):
        verify_headers(MAINNET_PARAMS, ChainContext.before_genesis(), data[:80])


def test_time_too_far_ahead_with_clock(recent):
    ctx, data = recent
    t = at(data, 0).time
    assert verify_headers(MAINNET_PARAMS, ctx, data[:80], now=t - 7200).height == ctx.height + 1
    with pytest.raises(TimeTooNew):
        verify_headers(MAINNET_PARAMS, ctx, data[:80], now=t - 7201)


def test_partial_batch_rejected(recent):
    ctx, data = recent
    with pytest.raises(MalformedHeader):
        verify_headers(MAINNET_PARAMS, ctx, data[:81])
    assert verify_headers(MAINNET_PARAMS, ctx, b"") == ctx


@settings(max_examples=60, deadline=None)
@given(st.binary(min_size=80, max_size=80))
def test_garbage_header_raises_header_error_only(raw):
    _, data = load_headers("mainnet_0_9999")
    ctx = verify_headers(MAINNET_PARAMS, ChainContext.before_genesis(), data[:80])
    with pytest.raises(HeaderError):
        verify_headers(MAINNET_PARAMS, ctx, raw)
    with pytest.raises(HeaderError):
        verify_headers(MAINNET_PARAMS, ctx, data[80:160] + raw)


# --------------------------------------------------------------------------- mined regtest headers


def mine(prev: bytes, time: int, *, version: int = 4, bits: int = 0x207FFFFF, tag: int = 0) -> bytes:
    target = target_from_bits(bits)[0]
    merkle = hashlib.sha256(prev + tag.to_bytes(4, "little")).digest()
    for nonce in range(1 << 20):
        raw = struct.pack("<i32s32sIII", version, prev, merkle, time, bits, nonce)
        if int.from_bytes(hashlib.sha256(hashlib.sha256(raw).digest()).digest(), "little") <= target:
            return raw
    raise AssertionError("no nonce found")


def regtest_context(times: tuple[int, ...] = tuple(range(1000, 1011))) -> ChainContext:
    return ChainContext(
        height=100, tip_hash=hashlib.sha256(b"tip").digest(), bits=0x207FFFFF,
        timestamps=times, period_start_time=900, last_real_bits=0x207FFFFF,
    )


def test_median_time_past():
    times = (1000, 1010, 1001, 1009, 1002, 1008, 1003, 1007, 1004, 1006, 1005)
    ctx = regtest_context(times)
    median = sorted(times)[5]
    with pytest.raises(TimeTooOld) as e:
        verify_headers(REGTEST_PARAMS, ctx, mine(ctx.tip_hash, median))
    assert e.value.height == 101
    with pytest.raises(TimeTooOld):
        verify_headers(REGTEST_PARAMS, ctx, mine(ctx.tip_hash, median - 500))
    ok = verify_headers(REGTEST_PARAMS, ctx, mine(ctx.tip_hash, median + 1))
    assert ok.timestamps == times[1:] + (median + 1,)


def test_median_time_past_waits_for_eleven_times_after_a_checkpoint():
    ctx = replace(regtest_context(()), timestamps=(5000,))
    raw = mine(ctx.tip_hash, 10)  # far below the (unknown) median: accepted, as nothing is known
    ctx = verify_headers(REGTEST_PARAMS, ctx, raw)
    assert ctx.timestamps == (5000, 10)


def test_version_floor():
    params = replace(REGTEST_PARAMS, version_floors=((50, 2), (101, 4)))
    ctx = regtest_context()
    with pytest.raises(BadVersion):
        verify_headers(params, ctx, mine(ctx.tip_hash, 2000, version=3))
    with pytest.raises(BadVersion):
        verify_headers(params, ctx, mine(ctx.tip_hash, 2000, version=-1))
    assert verify_headers(params, ctx, mine(ctx.tip_hash, 2000, version=3), check_version=False)
    assert verify_headers(params, ctx, mine(ctx.tip_hash, 2000, version=0x20000000))


def test_regtest_keeps_bits_across_boundary():
    ctx = replace(regtest_context(), height=2015)
    raw = mine(ctx.tip_hash, 5000)
    assert verify_headers(REGTEST_PARAMS, ctx, raw).period_start_time == 5000
    with pytest.raises(BadBits):
        verify_headers(REGTEST_PARAMS, ctx, mine(ctx.tip_hash, 5000, bits=0x1F00FFFF))


def test_checkpoint_context_without_next_bits_cannot_cross_boundary():
    ctx = ChainContext(height=2015, tip_hash=hashlib.sha256(b"x").digest())
    with pytest.raises(MissingContext):
        verify_headers(MAINNET_PARAMS, ctx, mine(ctx.tip_hash, 5000))


@pytest.mark.parametrize(
    "name", ["mainnet_0_9999", "mainnet_30000_39999", "mainnet_822528_830592", "testnet3_0_9999", "testnet3_fork_1_2"]
)
def test_fixture_hashes_match_sidecars(name):
    meta = load_fixture(name + ".json")
    _, data = load_headers(name)
    assert at(data, 0).hash_hex == meta["first_hash"]
    assert at(data, len(data) // 80 - 1).hash_hex == meta["last_hash"]


def test_testnet_chunked_verification_carries_walk_back_state():
    _, data = load_headers("testnet3_0_9999")
    whole = verify_headers(TESTNET_PARAMS, ChainContext.before_genesis(), data)
    ctx = ChainContext.before_genesis()
    for lo in range(0, len(data) // 80, 333):
        ctx = verify_headers(TESTNET_PARAMS, ctx, data[lo * 80 : (lo + 333) * 80])
    assert ctx == whole


@pytest.mark.parametrize("module", ["headers", "chain_state", "checkpoints"])
def test_pure_modules_do_no_io(module):
    import ast

    from tests.conftest import ROOT

    tree = ast.parse((ROOT / "wallet" / "chain" / f"{module}.py").read_text("utf-8"))
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            imported.add(node.module.split(".")[0])
    assert not imported & {"asyncio", "socket", "sqlite3", "aiorpcx"}


@pytest.mark.parametrize(
    "record",
    [{}, {"height": "x", "tip_hash": "00" * 32}, {"height": 1, "tip_hash": "zz"}, {"height": 1, "tip_hash": "00" * 31},
     {"height": 1, "tip_hash": "00" * 32, "timestamps": list(range(12))}, {"height": 1, "tip_hash": "00" * 32, "bits": []}],
)
def test_context_record_rejects_bad_json(record):
    with pytest.raises(MalformedHeader):
        ChainContext.from_json(record)


def test_context_record_round_trips(recent):
    ctx, _ = recent
    assert ChainContext.from_json(ctx.to_json()) == ctx
