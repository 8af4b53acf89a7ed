"""Bitcoin block headers: parsing, compact targets, chain parameters and batch verification.

Kite keeps no blockchain; it trusts a header chain only after checking every consensus rule
that can be checked from headers alone: the link to the parent, proof of work, the difficulty
each header must carry (retargets, testnet's minimum-difficulty rules), median-time-past and,
optionally, the version floor of BIP 34/66/65 and the two-hour future limit.

Verification needs only a small `ChainContext` (the tip, the last 11 timestamps, the time of
the first header of the tip's retarget period and, for testnet, the last "real" difficulty),
so it can start from a checkpoint instead of genesis.

Testnet4 (BIP 94): testnet's 20-minute rule, plus its two fixes: a retarget scales the nBits
of the period's first header (never a minimum-difficulty last one: the block-storm fix), and
the first header of a period may not be more than 600 s older than its parent (time warp).

Signet: headers are checked against signet's powLimit and the usual retarget rules. The block
signature (the signet challenge) lives in the coinbase, not in the header, so it is NOT
checked here; a signet chain is trusted as far as its proof of work goes.

This module is pure: no sockets, no asyncio, no files.
"""

from __future__ import annotations

import hashlib
import struct
from collections.abc import Mapping
from dataclasses import dataclass

from wallet.errors import InputError
from wallet.networks import UnknownNetwork
from wallet.sentence import Sentence, template

HEADER_SIZE = 80
MAX_FUTURE_BLOCK_TIME = 2 * 60 * 60  # Core rejects headers more than 2 h ahead of its clock
MEDIAN_TIME_SPAN = 11
MAX_TIMEWARP = 600  # BIP 94: a period's first header is at most this much older than its parent

_FIELDS = struct.Struct("<i32s32sIII")  # nVersion is a signed 32-bit integer
_TIME_BITS = struct.Struct("<II")  # at offset 68
_ZERO_HASH = bytes(32)


# --------------------------------------------------------------------------- errors


class HeaderError(InputError):
    """A header (or a batch of headers) breaks a consensus rule; `height` says which one."""

    reason = template("invalid header")

    def __init__(self, message: str, height: int | None = None) -> None:
        self.height = height
        if height is None:
            super().__init__(Sentence("%1: %2", Sentence(self.reason), message))
        else:
            super().__init__(Sentence("%1 at height %2: %3", Sentence(self.reason), height,
                                      message))


class MalformedHeader(HeaderError):
    reason = template("malformed header")


class BadLink(HeaderError):
    reason = template("header does not link to its parent")


class BadProofOfWork(HeaderError):
    reason = template("proof of work too weak")


class InvalidTarget(HeaderError):
    reason = template("invalid difficulty target (nBits)")


class BadBits(HeaderError):
    reason = template("wrong difficulty (nBits)")


class TimeTooOld(HeaderError):
    reason = template("timestamp not after median time past")


class TimeTooNew(HeaderError):
    reason = template("timestamp too far in the future")


class BadVersion(HeaderError):
    reason = template("obsolete block version")


class BadGenesis(HeaderError):
    reason = template("wrong genesis block")


class MissingContext(HeaderError):
    reason = template("not enough chain context to verify header")


class CheckpointMismatch(HeaderError):
    reason = template("headers do not match the checkpoint")


# --------------------------------------------------------------------------- compact targets


def target_from_bits(bits: int) -> tuple[int, bool, bool]:
    """Decode compact nBits like Core's SetCompact: (target, negative, overflow)."""
    size = bits >> 24
    word = bits & 0x007FFFFF
    if size <= 3:
        target = word >> (8 * (3 - size))
    else:
        target = word << (8 * (size - 3))
    negative = word != 0 and (bits & 0x00800000) != 0
    overflow = word != 0 and (
        size > 34 or (word > 0xFF and size > 33) or (word > 0xFFFF and size > 32)
    )
    return target, negative, overflow


def bits_from_target(target: int) -> int:
    """Encode a non-negative target as compact nBits like Core's GetCompact."""
    if target < 0:
        raise ValueError("target must be non-negative")
    size = (target.bit_length() + 7) // 8
    if size <= 3:
        compact = target << (8 * (3 - size))
    else:
        compact = target >> (8 * (size - 3))
    if compact & 0x00800000:  # would read back as negative: shift into one more byte
        compact >>= 8
        size += 1
    return compact | (size << 24)


def checked_target(bits: int, pow_limit: int, height: int | None = None) -> int:
    """The target nBits stands for, rejecting negative, zero, overflowing or too-easy values."""
    target, negative, overflow = target_from_bits(bits)
    if negative:
        raise InvalidTarget(Sentence("nBits %1 is negative", format(bits, '#010x')), height)
    if overflow:
        raise InvalidTarget(Sentence("nBits %1 overflows 256 bits", format(bits, '#010x')), height)
    if target == 0:
        raise InvalidTarget(Sentence("nBits %1 is zero", format(bits, '#010x')), height)
    if target > pow_limit:
        raise InvalidTarget(Sentence("nBits %1 is easier than the network's limit", format(bits, '#010x')), height)
    return target


def work_from_target(target: int) -> int:
    """Expected number of hashes to meet `target`: 2^256 / (target + 1)."""
    return (1 << 256) // (target + 1)


def work_from_bits(bits: int) -> int:
    target, negative, overflow = target_from_bits(bits)
    if negative or overflow or target == 0:
        return 0
    return work_from_target(target)


def hash_to_hex(h: bytes) -> str:
    """Display form of a hash: hex of the reversed bytes."""
    return h[::-1].hex()


def hex_to_hash(s: str) -> bytes:
    """Internal (wire) byte order of a displayed hash; raises MalformedHeader on bad input."""
    try:
        raw = bytes.fromhex(s)
    except (ValueError, TypeError):
        raise MalformedHeader(Sentence("%1 is not a hex hash", repr(s))) from None
    if len(raw) != 32:
        raise MalformedHeader(Sentence("a hash has 32 bytes, got %1", len(raw)))
    return raw[::-1]


def header_hash(raw: bytes) -> bytes:
    """sha256d of an 80-byte header, internal byte order."""
    return hashlib.sha256(hashlib.sha256(raw).digest()).digest()


# --------------------------------------------------------------------------- headers


@dataclass(frozen=True)
class Header:
    """One parsed 80-byte block header. Hashes are kept in internal (wire) byte order."""

    version: int
    prev_hash: bytes
    merkle_root: bytes
    time: int
    bits: int
    nonce: int
    hash: bytes

    @classmethod
    def parse(cls, raw: bytes | bytearray | memoryview) -> Header:
        raw = bytes(raw)
        if len(raw) != HEADER_SIZE:
            raise MalformedHeader(Sentence("a header has 80 bytes, got %1", len(raw)))
        version, prev, merkle, time, bits, nonce = _FIELDS.unpack(raw)
        return cls(version, prev, merkle, time, bits, nonce, header_hash(raw))

    @classmethod
    def from_hex(cls, text: str) -> Header:
        try:
            raw = bytes.fromhex(text.strip())
        except (ValueError, TypeError, AttributeError):
            raise MalformedHeader("header is not valid hex") from None
        return cls.parse(raw)

    def serialize(self) -> bytes:
        return _FIELDS.pack(
            self.version, self.prev_hash, self.merkle_root,
            self.time, self.bits, self.nonce,
        )

    @property
    def hash_hex(self) -> str:
        return hash_to_hex(self.hash)

    @property
    def prev_hash_hex(self) -> str:
        return hash_to_hex(self.prev_hash)

    @property
    def target(self) -> int:
        return target_from_bits(self.bits)[0]

    @property
    def work(self) -> int:
        return work_from_bits(self.bits)


def split_headers(data: bytes | bytearray | memoryview) -> list[bytes]:
    """Cut a concatenation of headers into 80-byte pieces (raises on a partial header)."""
    data = bytes(data)
    if len(data) % HEADER_SIZE:
        raise MalformedHeader(Sentence("%1 bytes is not a whole number of 80-byte headers", len(data)))
    return [data[i : i + HEADER_SIZE] for i in range(0, len(data), HEADER_SIZE)]


def parse_headers(data: bytes | bytearray | memoryview) -> list[Header]:
    return [Header.parse(raw) for raw in split_headers(data)]


def headers_from_hex_lines(text: str) -> bytes:
    """Concatenate one-header-per-line hex text (the fixtures' format) into raw bytes."""
    out = bytearray()
    for n, line in enumerate(text.split()):
        try:
            raw = bytes.fromhex(line)
        except ValueError:
            raise MalformedHeader(Sentence("line %1 is not hex", n + 1)) from None
        if len(raw) != HEADER_SIZE:
            raise MalformedHeader(Sentence("line %1 has %2 bytes, expected 80", n + 1, len(raw)))
        out += raw
    return bytes(out)


# --------------------------------------------------------------------------- chain parameters


@dataclass(frozen=True)
class ChainParams:
    """Consensus parameters of one network, as far as headers are concerned."""

    name: str
    genesis_hash: bytes  # internal byte order
    genesis_bits: int
    pow_limit: int
    retarget_interval: int = 2016
    target_timespan: int = 14 * 24 * 60 * 60  # 1209600 s
    target_spacing: int = 10 * 60
    allow_min_difficulty: bool = False  # testnet's 20-minute rule and walk-back rule
    no_retargeting: bool = False  # regtest
    bip94: bool = False  # testnet4: retarget from the period's first nBits, time-warp limit
    # heights from which nVersion must be at least 2 (BIP 34), 3 (BIP 66), 4 (BIP 65)
    version_floors: tuple[tuple[int, int], ...] = ()

    @property
    def pow_limit_bits(self) -> int:
        return bits_from_target(self.pow_limit)

    def min_version(self, height: int) -> int:
        floor = 1
        for start, version in self.version_floors:
            if height >= start:
                floor = max(floor, version)
        return floor

    def next_bits_at_boundary(self, prev_bits: int, first_time: int, last_time: int) -> int:
        """Core's retarget: scale the previous target by the clamped time the period took.

        `first_time` is the time of the period's first header (height H-2016, Core's off-by-one
        window) and `last_time` the time of its last (H-1); the result applies from H.
        """
        if self.no_retargeting:
            return prev_bits
        span = last_time - first_time
        lo, hi = self.target_timespan // 4, self.target_timespan * 4
        span = lo if span < lo else hi if span > hi else span
        target = target_from_bits(prev_bits)[0] * span // self.target_timespan
        return bits_from_target(min(target, self.pow_limit))


def _h(display: str) -> bytes:
    return bytes.fromhex(display)[::-1]


MAINNET_PARAMS = ChainParams(
    name="mainnet",
    genesis_hash=_h("000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f"),
    genesis_bits=0x1D00FFFF,
    pow_limit=(1 << 224) - 1,
    version_floors=((227931, 2), (363725, 3), (388381, 4)),
)
TESTNET_PARAMS = ChainParams(
    name="testnet",
    genesis_hash=_h("000000000933ea01ad0ee984209779baaec3ced90fa3f408719526f8d77f4943"),
    genesis_bits=0x1D00FFFF,
    pow_limit=(1 << 224) - 1,
    allow_min_difficulty=True,
    version_floors=((21111, 2), (330776, 3), (581885, 4)),
)
TESTNET4_PARAMS = ChainParams(
    name="testnet4",
    genesis_hash=_h("00000000da84f2bafbbc53dee25a72ae507ff4914b867c565be350b0da8bf043"),
    genesis_bits=0x1D00FFFF,
    pow_limit=(1 << 224) - 1,
    allow_min_difficulty=True,
    bip94=True,
    version_floors=((1, 4),),  # every mainnet soft fork of May 2024 from block 1 (BIP 94)
)
SIGNET_PARAMS = ChainParams(
    name="signet",
    genesis_hash=_h("00000008819873e925422c1ff0f99f7cc9bbb232af63a077a480a3633bee1ef6"),
    genesis_bits=0x1E0377AE,
    pow_limit=0x00000377AE << 216,
    version_floors=((1, 4),),
)
REGTEST_PARAMS = ChainParams(
    name="regtest",
    genesis_hash=_h("0f9188f13cb7b2c71f2a335e3a4fc328bf5beb436012afca590b1a11466e2206"),
    genesis_bits=0x207FFFFF,
    pow_limit=(0x7FFFFF << 232) | ((1 << 232) - 1),
    allow_min_difficulty=True,
    no_retargeting=True,
)

CHAIN_PARAMS: dict[str, ChainParams] = {
    p.name: p for p in (MAINNET_PARAMS, TESTNET_PARAMS, TESTNET4_PARAMS, SIGNET_PARAMS,
                        REGTEST_PARAMS)
}


def chain_params(network: str) -> ChainParams:
    """Parameters by network name (the names of wallet.networks)."""
    try:
        return CHAIN_PARAMS[network]
    except KeyError:
        raise UnknownNetwork(Sentence("no chain parameters for network %1; expected one of: %2",
                                      repr(network), ", ".join(CHAIN_PARAMS))) from None


# --------------------------------------------------------------------------- verification


@dataclass(frozen=True)
class ChainContext:
    """What the verifier must know about the chain just below the next header.

    height / tip_hash: the last accepted header (height -1 and a zero hash before genesis).
    bits: its nBits, or None when unknown (a checkpoint only knows the next period's bits).
    timestamps: times of up to the 11 last headers, oldest first, ending at the tip.
    period_start_time: time of the first header of the tip's retarget period, if known.
    next_retarget_bits: the nBits the next header must carry when it starts a new period and
        period_start_time is unknown (what an Electrum-style checkpoint provides).
    last_real_bits: testnet walk-back: nBits of the last header of the tip's period that starts
        the period or is not at minimum difficulty.
    chainwork: cumulative work up to the tip (relative to wherever the context started).
    """

    height: int
    tip_hash: bytes
    bits: int | None = None
    timestamps: tuple[int, ...] = ()
    period_start_time: int | None = None
    next_retarget_bits: int | None = None
    last_real_bits: int | None = None
    chainwork: int = 0

    @classmethod
    def before_genesis(cls) -> ChainContext:
        return cls(height=-1, tip_hash=_ZERO_HASH)

    @property
    def tip_hash_hex(self) -> str:
        return hash_to_hex(self.tip_hash)

    def to_json(self) -> dict:
        return {
            "height": self.height,
            "tip_hash": hash_to_hex(self.tip_hash),
            "bits": self.bits,
            "timestamps": list(self.timestamps),
            "period_start_time": self.period_start_time,
            "next_retarget_bits": self.next_retarget_bits,
            "last_real_bits": self.last_real_bits,
            "chainwork": self.chainwork,
        }

    @classmethod
    def from_json(cls, d: Mapping) -> ChainContext:
        try:
            ctx = cls(
                height=int(d["height"]),
                tip_hash=hex_to_hash(d["tip_hash"]),
                bits=None if d.get("bits") is None else int(d["bits"]),
                timestamps=tuple(int(t) for t in d.get("timestamps", ())),
                period_start_time=_opt_int(d.get("period_start_time")),
                next_retarget_bits=_opt_int(d.get("next_retarget_bits")),
                last_real_bits=_opt_int(d.get("last_real_bits")),
                chainwork=int(d.get("chainwork", 0)),
            )
        except (KeyError, TypeError, ValueError, AttributeError) as e:
            raise MalformedHeader(Sentence("bad chain context record (%1)", e.__class__.__name__)) from None
        if len(ctx.timestamps) > MEDIAN_TIME_SPAN:
            raise MalformedHeader("bad chain context record (too many timestamps)")
        return ctx


def _opt_int(v: object) -> int | None:
    return None if v is None else int(v)  # type: ignore[arg-type]


def verify_headers(
    params: ChainParams,
    ctx: ChainContext,
    data: bytes | bytearray | memoryview,
    *,
    now: int | None = None,
    check_version: bool = True,
) -> ChainContext:
    """Verify headers that follow `ctx` and return the context after the last of them.

    Raises a HeaderError subclass naming the rule and the height of the first bad header.
    `now` (unix time) enables the two-hour future limit; leave it None to skip that rule.
    """
    return _verify(params, ctx, data, now, check_version, strict=True, known_bits=None)


def verify_headers_to_anchor(
    params: ChainParams,
    data: bytes | bytearray | memoryview,
    first_height: int,
    anchor_hash: bytes,
    *,
    known_bits: Mapping[int, int] | None = None,
    check_version: bool = True,
) -> ChainContext:
    """Accept old headers [first_height .. first_height+n-1] because they chain to a trusted hash.

    The last header must hash to `anchor_hash` (a checkpoint), each header must be the parent
    of the next, and each must meet the proof of work of its own nBits. nBits are checked as
    far as the batch allows (unchanged inside a period, the retarget when the period's first
    header is in the batch) and against `known_bits` (period index -> nBits, e.g. from the
    checkpoint list). Returns the context at the last header.
    """
    data = bytes(data)
    if not data or len(data) % HEADER_SIZE:
        raise MalformedHeader(Sentence("%1 bytes is not a whole, non-empty number of headers", len(data)))
    if first_height < 0:
        raise MalformedHeader("negative height")
    if first_height == 0:
        start = ChainContext.before_genesis()
    else:
        start = ChainContext(height=first_height - 1, tip_hash=data[4:36])
    ctx = _verify(params, start, data, None, check_version, strict=False,
                  known_bits=known_bits or {})
    if ctx.tip_hash != anchor_hash:
        raise CheckpointMismatch(
            Sentence("header hashes to %1, checkpoint is %2", ctx.tip_hash_hex, hash_to_hex(anchor_hash)),
            ctx.height,
        )
    return ctx


def _verify(
    params: ChainParams,
    ctx: ChainContext,
    data: bytes | bytearray | memoryview,
    now: int | None,
    check_version: bool,
    strict: bool,
    known_bits: Mapping[int, int] | None,
) -> ChainContext:
    if not isinstance(data, bytes):
        data = bytes(data)
    if len(data) % HEADER_SIZE:
        raise MalformedHeader(
            Sentence("%1 bytes is not a whole number of 80-byte headers", len(data)), ctx.height + 1
        )
    if not data:
        return ctx

    sha256 = hashlib.sha256
    from_bytes = int.from_bytes
    interval = params.retarget_interval
    min_diff = params.allow_min_difficulty
    limit_bits = params.pow_limit_bits
    spacing2 = params.target_spacing * 2
    max_time = None if now is None else now + MAX_FUTURE_BLOCK_TIME
    floors = params.version_floors if check_version else ()

    height = ctx.height
    prev_hash = ctx.tip_hash
    prev_bits = ctx.bits
    times = list(ctx.timestamps)
    # The median-time-past window is trustworthy once it holds 11 times, or if it reaches
    # back to genesis (Core takes the median of what exists there).
    mtp_ready = len(times) >= MEDIAN_TIME_SPAN or height - len(times) + 1 == 0
    period_start_time = ctx.period_start_time
    next_retarget_bits = ctx.next_retarget_bits
    last_real_bits = ctx.last_real_bits
    chainwork = ctx.chainwork
    cur_bits = -1
    cur_target = 0
    cur_work = 0
    min_version = params.min_version(height + 1) if floors else 0
    next_floor = min((s for s, _ in floors if s > height + 1), default=None)

    offset = 0
    for version, prev, _merkle, time, bits, _nonce in _FIELDS.iter_unpack(data):
        height += 1
        pos = height % interval
        raw = data[offset : offset + HEADER_SIZE]
        offset += HEADER_SIZE

        # 1. link
        if prev != prev_hash:
            raise BadLink(
                Sentence("previous hash is %1, expected %2", hash_to_hex(prev), hash_to_hex(prev_hash)), height
            )

        # 2. the nBits this height must carry
        if pos:
            if min_diff:
                if not times:
                    expected = None
                elif time > times[-1] + spacing2:
                    expected = limit_bits
                else:
                    expected = last_real_bits
            else:
                expected = prev_bits
            if expected is None and known_bits is not None and not min_diff:
                expected = known_bits.get(height // interval)
        elif height == 0:
            expected = params.genesis_bits
        elif params.no_retargeting:
            expected = prev_bits
        elif period_start_time is not None and prev_bits is not None and times:
            # BIP 94: from the period's first nBits (what `last_real_bits` holds at its end)
            base = last_real_bits if params.bip94 else prev_bits
            expected = (None if base is None
                        else params.next_bits_at_boundary(base, period_start_time, times[-1]))
        elif next_retarget_bits is not None:
            expected = next_retarget_bits
        elif known_bits is not None:
            expected = known_bits.get(height // interval)
        else:
            expected = None
        if expected is None:
            if strict:
                raise MissingContext(
                    "the context lacks what is needed to know this header's nBits", height
                )
        elif bits != expected:
            raise BadBits(Sentence("nBits is %1, expected %2", format(bits, '#010x'), format(expected, '#010x')), height)

        # 3. median time past (and the optional future limit)
        if mtp_ready and times:
            median = sorted(times)[len(times) // 2]
            if time <= median:
                raise TimeTooOld(Sentence("time %1 is not after the median %2", time, median), height)
        if params.bip94 and pos == 0 and height and times and time < times[-1] - MAX_TIMEWARP:
            raise TimeTooOld(Sentence("time %1 is more than %2 s before its parent's %3 at a period start (BIP 94)", time, MAX_TIMEWARP, times[-1]), height)
        if max_time is not None and time > max_time:
            raise TimeTooNew(Sentence("time %1 is more than 2 hours after %2", time, now), height)

        # 4. version floor (BIP 34/66/65)
        if floors:
            if next_floor is not None and height >= next_floor:
                min_version = params.min_version(height)
                next_floor = min((s for s, _ in floors if s > height), default=None)
            if version < min_version:  # signed, as in Core: negative versions are too low
                raise BadVersion(Sentence("version %1 is below %2", version, min_version), height)

        # 5. proof of work
        if bits != cur_bits:
            cur_target = checked_target(bits, params.pow_limit, height)
            cur_work = work_from_target(cur_target)
            cur_bits = bits
        block_hash = sha256(sha256(raw).digest()).digest()
        if from_bytes(block_hash, "little") > cur_target:
            raise BadProofOfWork(
                Sentence("hash %1 is above the target of nBits %2", hash_to_hex(block_hash), format(bits, '#010x')),
                height,
            )
        if height == 0 and block_hash != params.genesis_hash:
            raise BadGenesis(
                Sentence("hash %1 is not %2", hash_to_hex(block_hash), hash_to_hex(params.genesis_hash)), 0
            )

        # accept: roll the context forward
        chainwork += cur_work
        prev_hash = block_hash
        prev_bits = bits
        times.append(time)
        if len(times) > MEDIAN_TIME_SPAN:
            del times[0]
        elif len(times) == MEDIAN_TIME_SPAN:
            mtp_ready = True
        if pos == 0:
            period_start_time = time
            next_retarget_bits = None
            last_real_bits = bits
        elif bits != limit_bits:
            last_real_bits = bits

    return ChainContext(
        height=height,
        tip_hash=prev_hash,
        bits=prev_bits,
        timestamps=tuple(times),
        period_start_time=period_start_time,
        next_retarget_bits=next_retarget_bits,
        last_real_bits=last_real_bits,
        chainwork=chainwork,
    )


def context_from_headers(
    params: ChainParams,
    data: bytes | bytearray | memoryview,
    first_height: int,
    prior: ChainContext | None = None,
) -> ChainContext:
    """Rebuild the context at the last of some already-verified, contiguous headers.

    `prior` is the context just below `first_height` (it fills in timestamps and period facts
    that lie below the batch, and its chainwork is the base of the sum). Nothing is verified
    here: use it on headers read back from our own store, or in tests.
    """
    data = bytes(data)
    if not data or len(data) % HEADER_SIZE:
        raise MalformedHeader(Sentence("%1 bytes is not a whole, non-empty number of headers", len(data)))
    if prior is not None and prior.height != first_height - 1:
        raise MalformedHeader("prior context does not end just below the headers")
    n = len(data) // HEADER_SIZE
    tip = first_height + n - 1
    interval = params.retarget_interval
    limit_bits = params.pow_limit_bits
    times_bits = [_TIME_BITS.unpack_from(data, i * HEADER_SIZE + 68) for i in range(n)]

    timestamps = [t for t, _ in times_bits[-MEDIAN_TIME_SPAN:]]
    if len(timestamps) < MEDIAN_TIME_SPAN and prior is not None:
        missing = MEDIAN_TIME_SPAN - len(timestamps)
        timestamps = list(prior.timestamps[-missing:]) + timestamps if missing else timestamps

    period_start = tip - tip % interval
    if period_start >= first_height:
        period_start_time = times_bits[period_start - first_height][0]
    else:
        period_start_time = prior.period_start_time if prior is not None else None

    last_real_bits = prior.last_real_bits if prior is not None else None
    for h in range(tip, max(period_start, first_height) - 1, -1):
        b = times_bits[h - first_height][1]
        if h % interval == 0 or b != limit_bits:
            last_real_bits = b
            break

    work = 0
    cache: dict[int, int] = {}
    for _, b in times_bits:
        w = cache.get(b)
        if w is None:
            w = cache[b] = work_from_bits(b)
        work += w

    return ChainContext(
        height=tip,
        tip_hash=header_hash(data[-HEADER_SIZE:]),
        bits=times_bits[-1][1],
        timestamps=tuple(timestamps),
        period_start_time=period_start_time,
        next_retarget_bits=None,
        last_real_bits=last_real_bits,
        chainwork=(prior.chainwork if prior is not None else 0) + work,
    )


def headers_work(data: bytes | bytearray | memoryview) -> int:
    """Sum of the work of some headers (no checks)."""
    total = 0
    cache: dict[int, int] = {}
    for (bits,) in struct.iter_unpack("<72xI4x", bytes(data)):
        w = cache.get(bits)
        if w is None:
            w = cache[bits] = work_from_bits(bits)
        total += w
    return total

