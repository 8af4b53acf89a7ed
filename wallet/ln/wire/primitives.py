"""BOLT 1 fundamental types: fixed and truncated unsigned integers, signed integers,
points, short channel ids, and a bounds-checked reader over a byte string.

Every decoder raises `WireError` with a message naming what was wrong.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from coincurve import PublicKey

from wallet.ln.wire.errors import WireError
from wallet.sentence import Sentence

POINT_LENGTH = 33


def _check_uint(n: int, width: int, what: str) -> None:
    if not isinstance(n, int) or isinstance(n, bool) or n < 0 or n >= 1 << (8 * width):
        raise WireError(Sentence("%1: %2 does not fit in %3 unsigned bytes", what, repr(n), width))


# -- fixed-width unsigned integers (big-endian) ------------------------------------------


def encode_uint(n: int, width: int) -> bytes:
    _check_uint(n, width, f"u{8 * width}")
    return n.to_bytes(width, "big")


def decode_uint(data: bytes, width: int) -> int:
    if len(data) != width:
        raise WireError(Sentence("u%1: expected %2 bytes, got %3", 8 * width, width, len(data)))
    return int.from_bytes(data, "big")


def encode_u8(n: int) -> bytes:
    return encode_uint(n, 1)


def encode_u16(n: int) -> bytes:
    return encode_uint(n, 2)


def encode_u32(n: int) -> bytes:
    return encode_uint(n, 4)


def encode_u64(n: int) -> bytes:
    return encode_uint(n, 8)


def decode_u16(data: bytes) -> int:
    return decode_uint(data, 2)


def decode_u32(data: bytes) -> int:
    return decode_uint(data, 4)


def decode_u64(data: bytes) -> int:
    return decode_uint(data, 8)


# -- truncated unsigned integers (tu16, tu32, tu64) ---------------------------------------


def encode_tu(n: int, width: int) -> bytes:
    """Minimal big-endian encoding of `n` (no leading zero bytes; 0 encodes as b"")."""
    _check_uint(n, width, f"tu{8 * width}")
    return n.to_bytes((n.bit_length() + 7) // 8, "big")


def decode_tu(data: bytes, width: int) -> int:
    """Inverse of `encode_tu`; rejects values longer than `width` or with a leading zero."""
    if len(data) > width:
        raise WireError(Sentence("tu%1: %2 bytes is longer than %3", 8 * width, len(data), width))
    if data[:1] == b"\x00":
        raise WireError(Sentence("tu%1: encoding is not minimal (leading zero byte)", 8 * width))
    return int.from_bytes(data, "big")


# -- signed integers (two's complement, big-endian) ---------------------------------------


def encode_sint(n: int, width: int) -> bytes:
    """s8/s16/s32/s64: big-endian two's complement in exactly `width` bytes."""
    bits = 8 * width
    if not isinstance(n, int) or isinstance(n, bool) or not -(1 << (bits - 1)) <= n < 1 << (bits - 1):
        raise WireError(Sentence("s%1: %2 out of range", bits, repr(n)))
    return n.to_bytes(width, "big", signed=True)


def decode_sint(data: bytes, width: int) -> int:
    if len(data) != width:
        raise WireError(Sentence("s%1: expected %2 bytes, got %3", 8 * width, width, len(data)))
    return int.from_bytes(data, "big", signed=True)


# -- points --------------------------------------------------------------------------------


def validate_point(data: bytes, what: str = "point") -> bytes:
    """Check `data` is a 33-byte compressed secp256k1 point on the curve; return it."""
    if not isinstance(data, bytes | bytearray) or len(data) != POINT_LENGTH:
        raise WireError(Sentence("%1: expected a %2-byte compressed public key", what, POINT_LENGTH))
    if data[0] not in (2, 3):
        raise WireError(Sentence("%1: not a valid point (bad prefix byte %2)", what, format(data[0], '#04x')))
    try:
        PublicKey(bytes(data))
    except Exception as exc:  # coincurve raises ValueError or its own errors
        raise WireError(Sentence("%1: not a valid point (not on the curve)", what)) from exc
    return bytes(data)


# -- short channel ids ----------------------------------------------------------------------

_SCID_TEXT = re.compile(r"^(\d+)x(\d+)x(\d+)$")


class ShortChannelId(NamedTuple):
    """Where a channel's funding output is: block height, tx index in block, output index.

    On the wire it is a u64: 3 bytes block, 3 bytes tx index, 2 bytes output index.
    Written for people as "BxTxO" (e.g. "539268x845x1").
    """

    block: int
    tx: int
    out: int

    @classmethod
    def from_int(cls, n: int) -> ShortChannelId:
        _check_uint(n, 8, "short_channel_id")
        return cls(n >> 40, (n >> 16) & 0xFFFFFF, n & 0xFFFF)

    @classmethod
    def from_str(cls, text: str) -> ShortChannelId:
        match = _SCID_TEXT.match(text.strip()) if isinstance(text, str) else None
        if match is None:
            raise WireError(Sentence("short_channel_id: expected BLOCKxTXxOUTPUT, got %1", repr(text)))
        scid = cls(*(int(g) for g in match.groups()))
        scid.to_int()  # range check
        return scid

    @classmethod
    def from_bytes(cls, data: bytes) -> ShortChannelId:
        return cls.from_int(decode_u64(data))

    def to_int(self) -> int:
        if not (0 <= self.block < 1 << 24 and 0 <= self.tx < 1 << 24 and 0 <= self.out < 1 << 16):
            raise WireError(Sentence("short_channel_id: component out of range in %1", tuple(self)))
        return (self.block << 40) | (self.tx << 16) | self.out

    def to_bytes(self) -> bytes:
        return self.to_int().to_bytes(8, "big")

    def __str__(self) -> str:
        return f"{self.block}x{self.tx}x{self.out}"


# -- sequential reading -------------------------------------------------------------------


class Reader:
    """Reads a byte string front to back; a short read raises WireError naming the field."""

    __slots__ = ("data", "pos")

    def __init__(self, data: bytes, pos: int = 0) -> None:
        self.data = bytes(data)
        self.pos = pos

    @property
    def remaining(self) -> int:
        return len(self.data) - self.pos

    def at_end(self) -> bool:
        return self.pos >= len(self.data)

    def read(self, n: int, what: str = "field") -> bytes:
        if n < 0 or self.pos + n > len(self.data):
            raise WireError(Sentence("%1: unexpected end of data (needed %2 bytes, %3 left)", what, n, self.remaining))
        chunk = self.data[self.pos : self.pos + n]
        self.pos += n
        return chunk

    def read_rest(self) -> bytes:
        chunk = self.data[self.pos :]
        self.pos = len(self.data)
        return chunk

    def read_uint(self, width: int, what: str = "field") -> int:
        return int.from_bytes(self.read(width, what), "big")
