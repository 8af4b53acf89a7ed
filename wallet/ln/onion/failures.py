"""BOLT 4 failure messages and the encrypted error packets that carry them back to the payer.

The failing node wraps a `FailureMessage` in an HMAC'd, padded packet (`build_error_packet`)
and XORs it with its `ammag` stream; each hop on the way back XORs its own stream on top
(`obfuscate_error_packet`). The payer peels the layers with the secrets it kept from building
the onion and learns which hop failed (`decrypt_error_packet`), including hops inside a
trampoline onion. Pure code, no I/O.
"""

from __future__ import annotations

import hmac as _hmac
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import IntEnum
from types import MappingProxyType

from wallet.hashes import hmac_sha256
from wallet.ln.onion.sphinx import OnionError, chacha20_stream, generate_key, xor_bytes
from wallet.ln.wire.bigsize import decode_bigsize, encode_bigsize
from wallet.ln.wire.errors import WireError
from wallet.sentence import Sentence

BADONION = 0x8000
PERM = 0x4000
NODE = 0x2000
UPDATE = 0x1000

ERROR_HMAC_SIZE = 32
DEFAULT_ERROR_PAD_TO = 256  # failure_len + pad_len "SHOULD" be exactly 256
ERROR_DECRYPT_ROUNDS = 27  # the origin keeps peeling this many times whatever the route length


class FailureCode(IntEnum):
    """Every failure code of BOLT 4, plus the trampoline ones in use today."""

    INVALID_REALM = PERM | 1
    TEMPORARY_NODE_FAILURE = NODE | 2
    PERMANENT_NODE_FAILURE = PERM | NODE | 2
    REQUIRED_NODE_FEATURE_MISSING = PERM | NODE | 3
    INVALID_ONION_VERSION = BADONION | PERM | 4
    INVALID_ONION_HMAC = BADONION | PERM | 5
    INVALID_ONION_KEY = BADONION | PERM | 6
    TEMPORARY_CHANNEL_FAILURE = UPDATE | 7
    PERMANENT_CHANNEL_FAILURE = PERM | 8
    REQUIRED_CHANNEL_FEATURE_MISSING = PERM | 9
    UNKNOWN_NEXT_PEER = PERM | 10
    AMOUNT_BELOW_MINIMUM = UPDATE | 11
    FEE_INSUFFICIENT = UPDATE | 12
    INCORRECT_CLTV_EXPIRY = UPDATE | 13
    EXPIRY_TOO_SOON = UPDATE | 14
    INCORRECT_OR_UNKNOWN_PAYMENT_DETAILS = PERM | 15
    FINAL_EXPIRY_TOO_SOON = 17  # obsolete; still seen from old nodes
    FINAL_INCORRECT_CLTV_EXPIRY = 18
    FINAL_INCORRECT_HTLC_AMOUNT = 19
    CHANNEL_DISABLED = UPDATE | 20
    EXPIRY_TOO_FAR = 21
    INVALID_ONION_PAYLOAD = PERM | 22
    MPP_TIMEOUT = 23
    INVALID_ONION_BLINDING = BADONION | PERM | 24
    # Trampoline, spec draft (lightning/bolts PR #836).
    TEMPORARY_TRAMPOLINE_FAILURE = NODE | 25
    TRAMPOLINE_FEE_OR_EXPIRY_INSUFFICIENT = NODE | 26
    UNKNOWN_NEXT_TRAMPOLINE = PERM | 27
    # Trampoline as deployed by Electrum and ACINQ (eclair, Phoenix).
    TRAMPOLINE_FEE_INSUFFICIENT = NODE | 51
    TRAMPOLINE_EXPIRY_TOO_SOON = NODE | 52


# Field layouts. Kinds: u16/u32/u64 big-endian, sha256 (32 bytes), bigsize, and
# "update" (a u16 length followed by that many bytes of channel_update).
_SHA = (("sha256_of_onion", "sha256"),)
_UPDATE = (("channel_update", "update"),)
_LAYOUTS: dict[int, tuple[tuple[str, str], ...]] = {
    FailureCode.INVALID_ONION_VERSION: _SHA,
    FailureCode.INVALID_ONION_HMAC: _SHA,
    FailureCode.INVALID_ONION_KEY: _SHA,
    FailureCode.TEMPORARY_CHANNEL_FAILURE: _UPDATE,
    FailureCode.AMOUNT_BELOW_MINIMUM: (("htlc_msat", "u64"), *_UPDATE),
    FailureCode.FEE_INSUFFICIENT: (("htlc_msat", "u64"), *_UPDATE),
    FailureCode.INCORRECT_CLTV_EXPIRY: (("cltv_expiry", "u32"), *_UPDATE),
    FailureCode.EXPIRY_TOO_SOON: _UPDATE,
    FailureCode.INCORRECT_OR_UNKNOWN_PAYMENT_DETAILS: (("htlc_msat", "u64"), ("height", "u32")),
    FailureCode.FINAL_INCORRECT_CLTV_EXPIRY: (("cltv_expiry", "u32"),),
    FailureCode.FINAL_INCORRECT_HTLC_AMOUNT: (("incoming_htlc_amt", "u64"),),
    FailureCode.CHANNEL_DISABLED: (("disabled_flags", "u16"), *_UPDATE),
    FailureCode.INVALID_ONION_PAYLOAD: (("type", "bigsize"), ("offset", "u16")),
    FailureCode.INVALID_ONION_BLINDING: _SHA,
    FailureCode.TRAMPOLINE_FEE_OR_EXPIRY_INSUFFICIENT: (
        ("fee_base_msat", "u32"),
        ("fee_proportional_millionths", "u32"),
        ("cltv_expiry_delta", "u16"),
    ),
}
_INT_WIDTHS = {"u16": 2, "u32": 4, "u64": 8}


class FailureMessageError(OnionError):
    """A failure message or error packet is malformed, or cannot be built as asked."""


class UnattributableFailure(OnionError):
    """No hop's key authenticates the returned error packet: someone garbled it."""


def failure_code_name(code: int) -> str:
    """The BOLT name of a failure code (`unknown_failure_0x...` when we don't know it)."""
    try:
        return FailureCode(code).name.lower()
    except ValueError:
        return f"unknown_failure_{code:#06x}"


@dataclass(frozen=True)
class FailureMessage:
    """A decoded `failuremsg`: the code, its named fields and any trailing bytes.

    `extra` holds what follows the known fields: the optional TLV stream, or the whole data of
    a code we don't know. Channel updates stay raw bytes here (BOLT 7 parses them).
    """

    code: int
    fields: Mapping[str, int | bytes] = field(default_factory=dict)
    extra: bytes = b""

    def __post_init__(self) -> None:
        object.__setattr__(self, "fields", MappingProxyType(dict(self.fields)))

    @classmethod
    def make(cls, code: int, extra: bytes = b"", **fields: int | bytes) -> FailureMessage:
        """Build a message, checking that `fields` are exactly the code's fields, in range."""
        if not 0 <= code <= 0xFFFF:
            raise FailureMessageError(Sentence("failure code %1 does not fit in 16 bits", code))
        layout = _LAYOUTS.get(code, ())
        expected = [name for name, _ in layout]
        if sorted(fields) != sorted(expected):
            raise FailureMessageError(
                Sentence("%1 takes fields %2, got %3", failure_code_name(code), expected, sorted(fields))
            )
        message = cls(code, fields, bytes(extra))
        message.encode()  # validates every value
        return message

    @property
    def name(self) -> str:
        return failure_code_name(self.code)

    @property
    def is_badonion(self) -> bool:
        return bool(self.code & BADONION)

    @property
    def is_permanent(self) -> bool:
        return bool(self.code & PERM)

    @property
    def is_node(self) -> bool:
        return bool(self.code & NODE)

    @property
    def is_update(self) -> bool:
        return bool(self.code & UPDATE)

    @property
    def channel_update(self) -> bytes | None:
        """The channel_update carried by UPDATE failures (None when absent or empty)."""
        value = self.fields.get("channel_update")
        return value if isinstance(value, bytes) and value else None

    def __getitem__(self, name: str) -> int | bytes:
        return self.fields[name]

    def encode(self) -> bytes:
        out = bytearray(self.code.to_bytes(2, "big"))
        for name, kind in _LAYOUTS.get(self.code, ()):
            value = self.fields.get(name)
            if value is None:
                raise FailureMessageError(Sentence("%1: field %2 is missing", self.name, name))
            out += _encode_field(self.name, name, kind, value)
        return bytes(out) + self.extra

    @classmethod
    def decode(cls, data: bytes) -> FailureMessage:
        """Parse a `failuremsg`; trailing bytes after the known fields go to `extra`."""
        data = bytes(data)
        if len(data) < 2:
            raise FailureMessageError(Sentence("failure message is %1 bytes; it needs a 2-byte code", len(data)))
        code = int.from_bytes(data[:2], "big")
        offset = 2
        fields: dict[str, int | bytes] = {}
        name_of_code = failure_code_name(code)
        for name, kind in _LAYOUTS.get(code, ()):
            value, offset = _decode_field(name_of_code, name, kind, data, offset)
            fields[name] = value
        return cls(code, fields, data[offset:])

    def __repr__(self) -> str:
        shown = {k: (v.hex() if isinstance(v, bytes) else v) for k, v in self.fields.items()}
        return f"FailureMessage({self.name}, {shown}, extra={len(self.extra)} bytes)"


def _encode_field(code_name: str, name: str, kind: str, value: int | bytes) -> bytes:
    if kind in _INT_WIDTHS:
        width = _INT_WIDTHS[kind]
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value < 1 << (8 * width):
            raise FailureMessageError(Sentence("%1: %2 must be a %3, got %4", code_name, name, kind, repr(value)))
        return value.to_bytes(width, "big")
    if kind == "bigsize":
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value < 1 << 64:
            raise FailureMessageError(Sentence("%1: %2 must be a bigsize, got %3", code_name, name, repr(value)))
        return encode_bigsize(value)
    if not isinstance(value, bytes | bytearray):
        raise FailureMessageError(Sentence("%1: %2 must be bytes", code_name, name))
    if kind == "sha256":
        if len(value) != 32:
            raise FailureMessageError(Sentence("%1: %2 must be 32 bytes, got %3", code_name, name, len(value)))
        return bytes(value)
    # "update": u16 length + channel_update
    if len(value) > 0xFFFF:
        raise FailureMessageError(Sentence("%1: %2 is longer than 65535 bytes", code_name, name))
    return len(value).to_bytes(2, "big") + bytes(value)


def _decode_field(
    code_name: str, name: str, kind: str, data: bytes, offset: int
) -> tuple[int | bytes, int]:
    def take(n: int) -> bytes:
        if offset + n > len(data):
            raise FailureMessageError(Sentence("%1: failure message ends inside field %2", code_name, name))
        return data[offset : offset + n]

    if kind in _INT_WIDTHS:
        width = _INT_WIDTHS[kind]
        return int.from_bytes(take(width), "big"), offset + width
    if kind == "bigsize":
        try:
            return decode_bigsize(data, offset)
        except WireError as exc:
            raise FailureMessageError(Sentence("%1: field %2 is not a valid bigsize", code_name, name)) from exc
    if kind == "sha256":
        return take(32), offset + 32
    length = int.from_bytes(take(2), "big")
    offset += 2
    return take(length), offset + length


def failure_from_malformed(sha256_of_onion: bytes, failure_code: int) -> FailureMessage:
    """Turn a downstream `update_fail_malformed_htlc` into the failure we send upstream.

    Its code must have the BADONION bit; otherwise the peer broke the protocol and the
    caller must fail the channel (BOLT 2).
    """
    if not 0 <= failure_code <= 0xFFFF or not failure_code & BADONION:
        raise FailureMessageError(
            Sentence("update_fail_malformed_htlc with code %1 lacks the BADONION bit", format(failure_code, "#06x"))
        )
    layout = _LAYOUTS.get(failure_code)
    if layout == _SHA:
        return FailureMessage.make(failure_code, sha256_of_onion=sha256_of_onion)
    return FailureMessage.make(failure_code, extra=bytes(sha256_of_onion))


# --- Error packets -----------------------------------------------------------------------


def build_error_packet(
    shared_secret: bytes, failure: FailureMessage | bytes, pad_to: int = DEFAULT_ERROR_PAD_TO
) -> bytes:
    """The failing node's return packet before obfuscation: hmac || len || msg || padlen || pad.

    The padding makes failure_len + pad_len at least `pad_to` (256 by default) so the
    message length does not leak; the HMAC uses the `um` key of the hop's shared secret.
    """
    message = failure.encode() if isinstance(failure, FailureMessage) else bytes(failure)
    if len(message) > 0xFFFF:
        raise FailureMessageError("failure message is longer than 65535 bytes")
    pad_len = max(0, pad_to - len(message))
    if pad_len > 0xFFFF:
        raise FailureMessageError("error packet padding is longer than 65535 bytes")
    body = (
        len(message).to_bytes(2, "big") + message + pad_len.to_bytes(2, "big") + bytes(pad_len)
    )
    return hmac_sha256(generate_key(b"um", shared_secret), body) + body


def obfuscate_error_packet(packet: bytes, shared_secret: bytes) -> bytes:
    """XOR the packet with the hop's `ammag` stream (adds a layer, or removes one)."""
    stream = chacha20_stream(generate_key(b"ammag", shared_secret), len(packet))
    return xor_bytes(bytes(packet), stream)


def create_error_packet(
    shared_secret: bytes, failure: FailureMessage | bytes, pad_to: int = DEFAULT_ERROR_PAD_TO
) -> bytes:
    """What a failing node puts in `update_fail_htlc.reason`."""
    return obfuscate_error_packet(build_error_packet(shared_secret, failure, pad_to), shared_secret)


def unwrap_error_packet(packet: bytes, shared_secrets: Sequence[bytes]) -> bytes:
    """Remove one `ammag` layer per secret, in route order (no authentication)."""
    for secret in shared_secrets:
        packet = obfuscate_error_packet(packet, secret)
    return bytes(packet)


@dataclass(frozen=True)
class DecryptedFailure:
    """Which hop sent the failure, and what it said.

    `hop_index` counts in the route whose secrets matched: the outer onion's hops, or, when
    `in_trampoline` is true, the trampoline onion's hops. `failure` is None when the hop
    authenticated a message we cannot parse (`raw_message` keeps its bytes).
    """

    hop_index: int
    in_trampoline: bool
    raw_message: bytes
    failure: FailureMessage | None

    @property
    def code(self) -> int | None:
        if len(self.raw_message) < 2:
            return None
        return int.from_bytes(self.raw_message[:2], "big")


def _hmac_matches(packet: bytes, secret: bytes) -> bool:
    expected = hmac_sha256(generate_key(b"um", secret), packet[ERROR_HMAC_SIZE:])
    return _hmac.compare_digest(expected, packet[:ERROR_HMAC_SIZE])


def decrypt_error_packet(
    packet: bytes,
    shared_secrets: Sequence[bytes],
    trampoline_secrets: Sequence[bytes] = (),
) -> DecryptedFailure:
    """The origin's side: find the hop whose `um` key authenticates the packet.

    Peels the outer route's layers first, then (for a trampoline payment) the trampoline
    onion's, as the trampoline draft describes. Always does at least 27 rounds so the time
    taken does not reveal the failing hop's position. Raises `UnattributableFailure` when no
    hop matches.
    """
    packet = bytes(packet)
    if len(packet) < ERROR_HMAC_SIZE + 4:
        raise UnattributableFailure(Sentence("error packet is %1 bytes; too short to decrypt", len(packet)))
    layers = [(i, False, s) for i, s in enumerate(shared_secrets)]
    layers += [(i, True, s) for i, s in enumerate(trampoline_secrets)]
    dummy = bytes(32)
    found: tuple[int, bool, bytes] | None = None
    for round_index in range(max(ERROR_DECRYPT_ROUNDS, len(layers))):
        if round_index < len(layers):
            hop_index, in_trampoline, secret = layers[round_index]
        else:
            hop_index, in_trampoline, secret = -1, False, dummy
        packet = obfuscate_error_packet(packet, secret)
        if _hmac_matches(packet, secret) and hop_index >= 0 and found is None:
            found = (hop_index, in_trampoline, packet)
    if found is None:
        raise UnattributableFailure("no hop of the route authenticates this error packet")
    hop_index, in_trampoline, plain = found
    raw = _failure_bytes(plain)
    try:
        failure = FailureMessage.decode(raw) if raw is not None else None
    except FailureMessageError:
        failure = None
    return DecryptedFailure(hop_index, in_trampoline, raw or b"", failure)


def _failure_bytes(plain: bytes) -> bytes | None:
    """The failuremsg inside a decrypted packet, or None if its length field overflows."""
    length = int.from_bytes(plain[ERROR_HMAC_SIZE : ERROR_HMAC_SIZE + 2], "big")
    start = ERROR_HMAC_SIZE + 2
    if start + length > len(plain):
        return None
    return plain[start : start + length]


# --- Attribution data (option_attribution_data) ---------------------------------------------
#
# Next to the error packet (and in update_fulfill_htlc) each hop may return 920 bytes:
# 20 hold times (u32, in units of 100 ms) then 210 HMACs truncated to 4 bytes. The hop at
# distance x from the node currently handling the data owns 20 - x HMAC slots, one per
# distance y (0 <= y < 20 - x) it might be from the erring (or final) node; slot hmac_x_y
# authenticates the return packet, the first y+1 hold times and the y HMACs downstream of it.

ATTRIBUTION_MAX_HOPS = 20
HOLD_TIME_SIZE = 4
TRUNCATED_HMAC_SIZE = 4
ATTRIBUTION_HMAC_COUNT = ATTRIBUTION_MAX_HOPS * (ATTRIBUTION_MAX_HOPS + 1) // 2
_HOLD_TIMES_SIZE = ATTRIBUTION_MAX_HOPS * HOLD_TIME_SIZE
ATTRIBUTION_DATA_SIZE = _HOLD_TIMES_SIZE + ATTRIBUTION_HMAC_COUNT * TRUNCATED_HMAC_SIZE


def _slot(x: int, y: int) -> int:
    """Index of hmac_x_y among the 210 truncated HMACs."""
    start = x * ATTRIBUTION_MAX_HOPS - x * (x - 1) // 2
    return start + (ATTRIBUTION_MAX_HOPS - 1 - x - y)


def _get_hmac(data: bytes | bytearray, x: int, y: int) -> bytes:
    pos = _HOLD_TIMES_SIZE + _slot(x, y) * TRUNCATED_HMAC_SIZE
    return bytes(data[pos : pos + TRUNCATED_HMAC_SIZE])


def _set_hmac(data: bytearray, x: int, y: int, value: bytes) -> None:
    pos = _HOLD_TIMES_SIZE + _slot(x, y) * TRUNCATED_HMAC_SIZE
    data[pos : pos + TRUNCATED_HMAC_SIZE] = value


def _attribution_hmac(um_key: bytes, packet: bytes, data: bytes | bytearray, y: int) -> bytes:
    """hmac_0_y of `data` as its first (current) hop computes it."""
    message = bytes(packet) + bytes(data[: (y + 1) * HOLD_TIME_SIZE])
    message += b"".join(_get_hmac(data, x, y - x) for x in range(1, y + 1))
    return hmac_sha256(um_key, message)[:TRUNCATED_HMAC_SIZE]


def _shift_right(data: bytes) -> bytearray:
    """Make room for one more hop upstream: every hold time and HMAC moves one hop away."""
    out = bytearray(ATTRIBUTION_DATA_SIZE)
    out[HOLD_TIME_SIZE:_HOLD_TIMES_SIZE] = data[: _HOLD_TIMES_SIZE - HOLD_TIME_SIZE]
    for x in range(ATTRIBUTION_MAX_HOPS - 1):
        for y in range(ATTRIBUTION_MAX_HOPS - 1 - x):  # hmac_x_(19-x) would be hop 21: pruned
            _set_hmac(out, x + 1, y, _get_hmac(data, x, y))
    return out


def _shift_left(data: bytes | bytearray) -> bytearray:
    """Undo `_shift_right` as the origin peels a hop (pruned slots come back as zeros)."""
    out = bytearray(ATTRIBUTION_DATA_SIZE)
    out[: _HOLD_TIMES_SIZE - HOLD_TIME_SIZE] = data[HOLD_TIME_SIZE:_HOLD_TIMES_SIZE]
    for x in range(1, ATTRIBUTION_MAX_HOPS):
        for y in range(ATTRIBUTION_MAX_HOPS - x):
            _set_hmac(out, x - 1, y, _get_hmac(data, x, y))
    return out


def add_attribution(
    shared_secret: bytes,
    hold_time: int,
    downstream: bytes | None = None,
    error_packet: bytes | None = None,
) -> bytes:
    """This hop's attribution data, to send upstream with a failure or a fulfill.

    `downstream` is what the next hop sent us (None if we fail or settle the HTLC ourselves).
    `error_packet` is, for a failure, the return packet before we apply our `ammag` stream:
    the raw packet from `build_error_packet` if we are the erring node, else the packet as
    received. `hold_time` is in units of 100 ms.
    """
    if not isinstance(hold_time, int) or not 0 <= hold_time < 1 << 32:
        raise FailureMessageError(Sentence("hold time %1 does not fit in a u32", repr(hold_time)))
    if downstream is None:
        data = bytearray(ATTRIBUTION_DATA_SIZE)
    else:
        if len(downstream) != ATTRIBUTION_DATA_SIZE:
            raise FailureMessageError(
                Sentence("attribution data is %1 bytes; expected %2", len(downstream), ATTRIBUTION_DATA_SIZE)
            )
        data = _shift_right(bytes(downstream))
    data[:HOLD_TIME_SIZE] = hold_time.to_bytes(HOLD_TIME_SIZE, "big")
    um_key = generate_key(b"um", shared_secret)
    packet = b"" if error_packet is None else bytes(error_packet)
    for y in range(ATTRIBUTION_MAX_HOPS):
        _set_hmac(data, 0, y, _attribution_hmac(um_key, packet, data, y))
    stream = chacha20_stream(generate_key(b"ammagext", shared_secret), ATTRIBUTION_DATA_SIZE)
    return xor_bytes(bytes(data), stream)


@dataclass(frozen=True)
class Attribution:
    """What the origin learns from attribution data.

    `hold_times[i]` is hop i's reported hold time (units of 100 ms) for every hop whose HMAC
    checked out; when `hold_times` is shorter than the route, the hop after the last one
    listed (or the link to it) tampered with the data.
    """

    hold_times: tuple[int, ...]

    @property
    def verified_hops(self) -> int:
        return len(self.hold_times)


def verify_attribution(
    attribution_data: bytes,
    shared_secrets: Sequence[bytes],
    source_index: int,
    error_packet: bytes | None = None,
) -> Attribution:
    """The origin's check of attribution data returned along `shared_secrets`.

    `source_index` is the hop that failed (from `decrypt_error_packet`) or, for a fulfill,
    the final hop. `error_packet` is the failure's `reason` as we received it (None for a
    fulfill). Verification stops at the first hop whose HMAC does not match.
    """
    if len(attribution_data) != ATTRIBUTION_DATA_SIZE:
        raise FailureMessageError(
            Sentence("attribution data is %1 bytes; expected %2", len(attribution_data), ATTRIBUTION_DATA_SIZE)
        )
    if not 0 <= source_index < min(len(shared_secrets), ATTRIBUTION_MAX_HOPS):
        raise FailureMessageError(Sentence("source hop %1 is outside the route", source_index))
    data: bytes | bytearray = bytes(attribution_data)
    packet = None if error_packet is None else bytes(error_packet)
    hold_times: list[int] = []
    for index in range(source_index + 1):
        secret = shared_secrets[index]
        stream = chacha20_stream(generate_key(b"ammagext", secret), ATTRIBUTION_DATA_SIZE)
        plain = xor_bytes(bytes(data), stream)
        covered = b""
        if packet is not None:
            packet = obfuscate_error_packet(packet, secret)  # as this hop received it
            covered = packet
        y = source_index - index
        expected = _attribution_hmac(generate_key(b"um", secret), covered, plain, y)
        if not _hmac.compare_digest(expected, _get_hmac(plain, 0, y)):
            break
        hold_times.append(int.from_bytes(plain[:HOLD_TIME_SIZE], "big"))
        data = _shift_left(plain)
    return Attribution(tuple(hold_times))
