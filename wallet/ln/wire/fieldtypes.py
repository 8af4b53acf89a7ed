"""Field codecs: one object per BOLT field type, used by TLV record tables and message tables.

A field type knows how to turn a Python value into wire bytes and how to read one back from a
`Reader`. Message and TLV definitions are then plain data: (name, field type) tuples.

Value types: integers are `int`; points, hashes, signatures and byte strings are `bytes`;
short channel ids are `ShortChannelId`; arrays are `tuple`.
"""

from __future__ import annotations

from typing import Any

from wallet.ln.wire.errors import WireError
from wallet.ln.wire.primitives import (
    Reader,
    ShortChannelId,
    decode_sint,
    decode_tu,
    encode_sint,
    encode_tu,
    encode_uint,
    validate_point,
)


class FieldType:
    """Base class: `kind` names the type (as the BOLTs spell it where they have a name)."""

    kind: str = "?"
    #: number of bytes every value takes, or None if variable
    size: int | None = None

    def encode(self, value: Any, what: str) -> bytes:
        raise NotImplementedError

    def decode(self, reader: Reader, what: str) -> Any:
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"<field {self.kind}>"


def _require_bytes(value: Any, what: str) -> bytes:
    if not isinstance(value, bytes | bytearray):
        raise WireError(f"{what}: expected bytes, got {type(value).__name__}")
    return bytes(value)


class UInt(FieldType):
    def __init__(self, width: int) -> None:
        self.width = self.size = width
        self.kind = "byte" if width == 1 else f"u{8 * width}"

    def encode(self, value: Any, what: str) -> bytes:
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value < 1 << (8 * self.width):
            raise WireError(f"{what}: {value!r} is not a valid {self.kind}")
        return encode_uint(value, self.width)

    def decode(self, reader: Reader, what: str) -> int:
        return reader.read_uint(self.width, what)


class TruncatedUInt(FieldType):
    """tu16/tu32/tu64: only valid as the last field of a TLV record (it takes what is left)."""

    def __init__(self, width: int) -> None:
        self.width = width
        self.kind = f"tu{8 * width}"

    def encode(self, value: Any, what: str) -> bytes:
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value < 1 << (8 * self.width):
            raise WireError(f"{what}: {value!r} is not a valid {self.kind}")
        return encode_tu(value, self.width)

    def decode(self, reader: Reader, what: str) -> int:
        if reader.remaining > self.width:
            raise WireError(f"{what}: {reader.remaining} bytes is longer than a {self.kind}")
        try:
            return decode_tu(reader.read_rest(), self.width)
        except WireError as exc:
            raise WireError(f"{what}: {exc}") from None


class SInt(FieldType):
    def __init__(self, width: int) -> None:
        self.width = self.size = width
        self.kind = f"s{8 * width}"

    def encode(self, value: Any, what: str) -> bytes:
        try:
            return encode_sint(value, self.width)
        except WireError as exc:
            raise WireError(f"{what}: {exc}") from None

    def decode(self, reader: Reader, what: str) -> int:
        return decode_sint(reader.read(self.width, what), self.width)


class FixedBytes(FieldType):
    """Exactly `size` opaque bytes (hashes, channel ids, signatures, onion packets)."""

    def __init__(self, size: int, kind: str) -> None:
        self.size = size
        self.kind = kind

    def encode(self, value: Any, what: str) -> bytes:
        data = _require_bytes(value, what)
        if len(data) != self.size:
            raise WireError(f"{what}: expected {self.size} bytes, got {len(data)}")
        return data

    def decode(self, reader: Reader, what: str) -> bytes:
        return reader.read(self.size, what)


class Point(FieldType):
    """A 33-byte compressed secp256k1 public key, checked to be on the curve."""

    kind = "point"
    size = 33

    def encode(self, value: Any, what: str) -> bytes:
        return validate_point(_require_bytes(value, what), what)

    def decode(self, reader: Reader, what: str) -> bytes:
        return validate_point(reader.read(33, what), what)


class ShortChannelIdField(FieldType):
    kind = "short_channel_id"
    size = 8

    def encode(self, value: Any, what: str) -> bytes:
        if isinstance(value, int) and not isinstance(value, bool):
            value = ShortChannelId.from_int(value)
        if not isinstance(value, ShortChannelId):
            raise WireError(f"{what}: expected a ShortChannelId, got {type(value).__name__}")
        return value.to_bytes()

    def decode(self, reader: Reader, what: str) -> ShortChannelId:
        return ShortChannelId.from_int(reader.read_uint(8, what))


class LengthPrefixedBytes(FieldType):
    """`[u16:len][len*byte:data]` as one field whose value is the bytes."""

    kind = "u16_bytes"

    def encode(self, value: Any, what: str) -> bytes:
        data = _require_bytes(value, what)
        if len(data) > 0xFFFF:
            raise WireError(f"{what}: {len(data)} bytes is too long for a u16 length")
        return len(data).to_bytes(2, "big") + data

    def decode(self, reader: Reader, what: str) -> bytes:
        return reader.read(reader.read_uint(2, f"{what} length"), what)


class LengthPrefixedArray(FieldType):
    """`[u16:num][num*item:items]` as one field whose value is a tuple of items."""

    kind = "u16_array"

    def __init__(self, item: FieldType) -> None:
        if item.size is None:
            raise TypeError("array items must have a fixed size")
        self.item = item

    def encode(self, value: Any, what: str) -> bytes:
        if not isinstance(value, tuple | list):
            raise WireError(f"{what}: expected a sequence, got {type(value).__name__}")
        if len(value) > 0xFFFF:
            raise WireError(f"{what}: {len(value)} items is too many for a u16 count")
        parts = [self.item.encode(v, f"{what}[{i}]") for i, v in enumerate(value)]
        return len(value).to_bytes(2, "big") + b"".join(parts)

    def decode(self, reader: Reader, what: str) -> tuple[Any, ...]:
        count = reader.read_uint(2, f"{what} count")
        return tuple(self.item.decode(reader, f"{what}[{i}]") for i in range(count))


class RestBytes(FieldType):
    """`[...*byte:data]`: everything left (last field of a TLV record only)."""

    kind = "rest_bytes"

    def encode(self, value: Any, what: str) -> bytes:
        return _require_bytes(value, what)

    def decode(self, reader: Reader, what: str) -> bytes:
        return reader.read_rest()


class RestArray(FieldType):
    """`[...*item:items]`: as many fixed-size items as fill what is left."""

    kind = "rest_array"

    def __init__(self, item: FieldType) -> None:
        if not item.size:
            raise TypeError("array items must have a fixed size")
        self.item = item

    def encode(self, value: Any, what: str) -> bytes:
        if not isinstance(value, tuple | list):
            raise WireError(f"{what}: expected a sequence, got {type(value).__name__}")
        return b"".join(self.item.encode(v, f"{what}[{i}]") for i, v in enumerate(value))

    def decode(self, reader: Reader, what: str) -> tuple[Any, ...]:
        assert self.item.size
        if reader.remaining % self.item.size:
            raise WireError(f"{what}: {reader.remaining} bytes is not a whole number of {self.item.kind}")
        count = reader.remaining // self.item.size
        return tuple(self.item.decode(reader, f"{what}[{i}]") for i in range(count))


# The shared instances message and TLV tables use.
BYTE = UInt(1)
U16 = UInt(2)
U32 = UInt(4)
U64 = UInt(8)
TU16 = TruncatedUInt(2)
TU32 = TruncatedUInt(4)
TU64 = TruncatedUInt(8)
S8, S16, S32, S64 = SInt(1), SInt(2), SInt(4), SInt(8)
CHAIN_HASH = FixedBytes(32, "chain_hash")
CHANNEL_ID = FixedBytes(32, "channel_id")
SHA256 = FixedBytes(32, "sha256")
BYTES32 = FixedBytes(32, "32*byte")
SIGNATURE = FixedBytes(64, "signature")
POINT = Point()
SHORT_CHANNEL_ID = ShortChannelIdField()
U16_BYTES = LengthPrefixedBytes()
REST_BYTES = RestBytes()

#: field types by the name the BOLTs give them (as in test-vector record tables)
BY_NAME: dict[str, FieldType] = {
    t.kind: t
    for t in (BYTE, U16, U32, U64, TU16, TU32, TU64, S8, S16, S32, S64, CHAIN_HASH, CHANNEL_ID,
              SHA256, SIGNATURE, POINT, SHORT_CHANNEL_ID)
}
