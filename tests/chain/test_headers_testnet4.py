"""testnet4 headers (BIP 94): the real genesis, the block-storm fix and the time-warp limit.

The rules are exercised on a small chain with easy targets (a retarget every 8 headers)
under the same ChainParams switches testnet4 uses; testnet3's behaviour on the same chain
shows what the fix changes."""

from __future__ import annotations

import dataclasses
import struct

import pytest

from wallet.chain.headers import (
    MAX_TIMEWARP,
    TESTNET4_PARAMS,
    BadBits,
    ChainContext,
    ChainParams,
    TimeTooOld,
    bits_from_target,
    chain_params,
    target_from_bits,
    verify_headers,
)
from wallet.hashes import sha256d
from wallet.networks import TESTNET, TESTNET4, get_network, pays_on

# BIP 94's genesis block, its first 80 bytes (the header), as printed in the BIP
GENESIS_HEX = (
    "0100000000000000000000000000000000000000000000000000000000000000000000004e7b2b9128fe"
    "0291db0693af2ae418b767e657cd407e80cb1434221eaea7a07a046f3566ffff001dbb0c7817")


def test_real_genesis_verifies_and_names_the_network():
    header = bytes.fromhex(GENESIS_HEX)
    ctx = verify_headers(TESTNET4_PARAMS, ChainContext.before_genesis(), header)
    assert ctx.height == 0 and ctx.tip_hash == TESTNET4_PARAMS.genesis_hash
    assert sha256d(header)[::-1].hex() == TESTNET4.genesis_hash == (
        "00000000da84f2bafbbc53dee25a72ae507ff4914b867c565be350b0da8bf043")
    assert chain_params("testnet4") is TESTNET4_PARAMS
    assert get_network("testnet4") is TESTNET4
    # invoices say only "tb": a testnet4 wallet pays them, a mainnet one does not
    assert pays_on(TESTNET, TESTNET4) and not pays_on(TESTNET, get_network("mainnet"))


LIMIT = 0x207FFFFF  # the easy chain's minimum difficulty
REAL = 0x2000FFFF  # its "real" difficulty: about 1 hash in 256 meets it
INTERVAL = 8


def _mine(prev: bytes, time: int, bits: int, salt: int = 0) -> bytes:
    target = target_from_bits(bits)[0]
    for nonce in range(1 << 24):
        raw = struct.pack("<I32s32sIII", 4, prev, sha256d(struct.pack("<II", salt, time)),
                          time, bits, nonce)
        if int.from_bytes(sha256d(raw), "little") <= target:
            return raw
    raise AssertionError("no nonce")


def _storm_chain() -> tuple[ChainParams, list[bytes], int]:
    """Period 0 at REAL difficulty except its last header, mined at LIMIT after a 21-minute
    gap (the 20-minute rule). Returns params (bip94 on), the headers, genesis time."""
    t0 = 1_700_000_000
    genesis = _mine(b"\0" * 32, t0, REAL)
    params = ChainParams(name="easy-testnet4", genesis_hash=sha256d(genesis), genesis_bits=REAL,
                         pow_limit=target_from_bits(LIMIT)[0], retarget_interval=INTERVAL,
                         target_timespan=INTERVAL * 600, allow_min_difficulty=True, bip94=True)
    headers, prev, t = [genesis], sha256d(genesis), t0
    for height in range(1, INTERVAL):
        last = height == INTERVAL - 1
        t += 1300 if last else 600
        raw = _mine(prev, t, LIMIT if last else REAL)
        headers.append(raw)
        prev = sha256d(raw)
    return params, headers, t0


def test_block_storm_fix_retargets_from_the_periods_first_bits():
    params, headers, t0 = _storm_chain()
    t_last = struct.unpack_from("<I", headers[-1], 68)[0]
    ctx = verify_headers(params, ChainContext.before_genesis(), b"".join(headers))
    fixed = params.next_bits_at_boundary(REAL, t0, t_last)
    storm = params.next_bits_at_boundary(LIMIT, t0, t_last)
    assert fixed != storm and target_from_bits(fixed)[0] < target_from_bits(storm)[0]
    prev = sha256d(headers[-1])
    verify_headers(params, ctx, _mine(prev, t_last + 600, fixed, salt=1))  # BIP 94: accepted
    with pytest.raises(BadBits):  # testnet3's base (the last, minimum-difficulty header)
        verify_headers(params, ctx, _mine(prev, t_last + 600, storm, salt=2))
    # the same chain under testnet3's rules wants the storm value
    testnet3 = dataclasses.replace(params, bip94=False)
    ctx3 = verify_headers(testnet3, ChainContext.before_genesis(), b"".join(headers))
    verify_headers(testnet3, ctx3, _mine(prev, t_last + 600, storm, salt=3))
    assert bits_from_target(target_from_bits(fixed)[0]) == fixed


def test_time_warp_limit_at_a_period_start():
    params, headers, t0 = _storm_chain()
    t_last = struct.unpack_from("<I", headers[-1], 68)[0]
    ctx = verify_headers(params, ChainContext.before_genesis(), b"".join(headers))
    prev = sha256d(headers[-1])
    fixed = lambda t: params.next_bits_at_boundary(REAL, t0, t_last)  # noqa: E731
    verify_headers(params, ctx, _mine(prev, t_last - MAX_TIMEWARP, fixed(0), salt=4))
    with pytest.raises(TimeTooOld, match="BIP 94"):
        verify_headers(params, ctx, _mine(prev, t_last - MAX_TIMEWARP - 1, fixed(0), salt=5))
    # testnet3 has no such limit (only median-time-past)
    testnet3 = dataclasses.replace(params, bip94=False)
    ctx3 = verify_headers(testnet3, ChainContext.before_genesis(), b"".join(headers))
    storm = testnet3.next_bits_at_boundary(LIMIT, t0, t_last)
    verify_headers(testnet3, ctx3, _mine(prev, t_last - MAX_TIMEWARP - 1, storm, salt=6))
