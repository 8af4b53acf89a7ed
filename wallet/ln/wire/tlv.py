"""TLV streams (BOLT 1): raw records, and typed record tables ("namespaces").

Raw level: `decode_tlv_stream` checks the stream's structure (canonical BigSize types and
lengths, strictly increasing types, values inside the stream) and, given the set of types the
caller understands, rejects unknown *even* types ("it's OK to be odd").

Typed level: a `TlvNamespace` is data — a table of `TlvRecord(type, name, fields)` — and
decodes a stream into {record name: value}. A record with one field has that field's value;
a record with several fields has a named tuple of them; a record with no field (a flag) has
True. Each record must use exactly its
bytes: a shorter or longer value is an error, and so is a non-minimal truncated integer.
"""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Container, Mapping
from dataclasses import dataclass, field
from typing import Any

from wallet.ln.wire.bigsize import decode_bigsize, encode_bigsize
from wallet.ln.wire.errors import TlvError, WireError
from wallet.ln.wire.fieldtypes import FieldType
from wallet.ln.wire.primitives import Reader
from wallet.sentence import Sentence

_MAX_TYPE = 0xFFFF_FFFF_FFFF_FFFF


def _read_bigsize(data: bytes, offset: int, what: str) -> tuple[int, int]:
    try:
        return decode_bigsize(data, offset)
    except WireError as exc:
        raise TlvError(Sentence("TLV %1: %2", what, exc)) from None


def encode_tlv_stream(records: Mapping[int, bytes]) -> bytes:
    """Serialize raw records, sorted by type as the spec requires."""
    out = bytearray()
    for tlv_type in sorted(records):
        if not isinstance(tlv_type, int) or not 0 <= tlv_type <= _MAX_TYPE:
            raise TlvError(Sentence("TLV type out of range: %1", repr(tlv_type)))
        value = records[tlv_type]
        if not isinstance(value, bytes | bytearray):
            raise TlvError(Sentence("TLV record %1: value must be bytes", tlv_type))
        out += encode_bigsize(tlv_type) + encode_bigsize(len(value)) + value
    return bytes(out)


def decode_tlv_stream(data: bytes, known_types: Container[int] | None = None) -> dict[int, bytes]:
    """Split a TLV stream into {type: value}, in stream order.

    Raises TlvError when a type or length is truncated or non-canonical, a value runs past the
    end, types are not strictly increasing (which also catches duplicates), or — when
    `known_types` is given — a type is even and not in `known_types`. Unknown odd types are
    kept in the result; callers ignore what they don't understand.
    """
    data = bytes(data)
    records: dict[int, bytes] = {}
    offset = 0
    previous = -1
    while offset < len(data):
        tlv_type, offset = _read_bigsize(data, offset, "type")
        length, offset = _read_bigsize(data, offset, f"record {tlv_type} length")
        if offset + length > len(data):
            raise TlvError(
                Sentence("TLV record %1: value of %2 bytes runs past the end of the stream", tlv_type, length)
            )
        if tlv_type <= previous:
            if tlv_type == previous:
                raise TlvError(Sentence("TLV record %1: duplicate type (types must strictly "
                                        "increase)", tlv_type))
            raise TlvError(Sentence("TLV record %1: type out of order (types must strictly "
                                    "increase)", tlv_type))
        if known_types is not None and tlv_type % 2 == 0 and tlv_type not in known_types:
            raise TlvError(Sentence("TLV record %1: unknown even type", tlv_type))
        records[tlv_type] = data[offset : offset + length]
        offset += length
        previous = tlv_type
    return records


@dataclass(frozen=True)
class TlvRecord:
    """One record type of a namespace: its number, its name and its fields, in order.

    Its value is the field's value for one field, a named tuple for several, and True (the
    record is present) for none. Only the last field may take a variable amount of bytes (truncated integers,
    `REST_BYTES`, `RestArray`).
    """

    type: int
    name: str
    fields: tuple[tuple[str, FieldType], ...]
    value_type: Any = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if len(self.fields) > 1:
            names = [name for name, _ in self.fields]
            object.__setattr__(self, "value_type", namedtuple(self.name, names))
        else:
            object.__setattr__(self, "value_type", None)

    def encode_value(self, value: Any) -> bytes:
        """Bytes of the record's value (without type and length)."""
        what = f"TLV {self.name}"
        if not self.fields:
            if value is not True:
                raise TlvError(Sentence("%1: a record without fields takes the value True", what))
            return b""
        if len(self.fields) == 1:
            name, ftype = self.fields[0]
            return ftype.encode(value, f"{what}.{name}")
        if isinstance(value, Mapping):
            values = [value.get(name) for name, _ in self.fields]
        elif isinstance(value, tuple) and len(value) == len(self.fields):
            values = list(value)
        else:
            raise TlvError(Sentence("%1: expected a tuple of %2 fields", what, len(self.fields)))
        return b"".join(
            ftype.encode(v, f"{what}.{name}")
            for (name, ftype), v in zip(self.fields, values, strict=True)
        )

    def decode_value(self, data: bytes) -> Any:
        """Decode the record's value; it must use exactly all of `data`."""
        reader = Reader(data)
        what = f"TLV {self.name}"
        try:
            values = [ftype.decode(reader, f"{what}.{name}") for name, ftype in self.fields]
        except TlvError:
            raise
        except WireError as exc:
            raise TlvError(str(exc)) from None
        if not reader.at_end():
            raise TlvError(Sentence("%1: %2 bytes left over (value longer than its encoding)", what, reader.remaining))
        if not self.fields:
            return True
        if self.value_type is None:
            return values[0]
        return self.value_type(*values)


@dataclass(frozen=True)
class TlvNamespace:
    """A table of record types that may appear in one kind of TLV stream."""

    name: str
    records: tuple[TlvRecord, ...]

    def __post_init__(self) -> None:
        types = [r.type for r in self.records]
        names = [r.name for r in self.records]
        if len(set(types)) != len(types) or len(set(names)) != len(names):
            raise ValueError(Sentence("namespace %1: duplicate record type or name", self.name))

    @property
    def types(self) -> frozenset[int]:
        return frozenset(r.type for r in self.records)

    def record(self, key: int | str) -> TlvRecord:
        for rec in self.records:
            if key in (rec.type, rec.name):
                return rec
        raise KeyError(key)

    def decode_all(self, data: bytes) -> tuple[dict[str, Any], dict[int, bytes]]:
        """Decode a stream: ({record name: value} for known records, {type: bytes} for
        unknown odd records). Raises TlvError on anything invalid."""
        by_type = {r.type: r for r in self.records}
        known: dict[str, Any] = {}
        unknown: dict[int, bytes] = {}
        for tlv_type, value in decode_tlv_stream(data, by_type).items():
            rec = by_type.get(tlv_type)
            if rec is None:
                unknown[tlv_type] = value
            else:
                known[rec.name] = rec.decode_value(value)
        return known, unknown

    def decode(self, data: bytes) -> dict[str, Any]:
        """{record name: value} of the known records; unknown odd records are ignored."""
        return self.decode_all(data)[0]

    def encode(self, values: Mapping[str, Any], unknown: Mapping[int, bytes] | None = None) -> bytes:
        """Encode {record name: value} (None values are left out), plus raw extra records."""
        raw: dict[int, bytes] = {}
        for name, value in values.items():
            if value is None:
                continue
            try:
                rec = self.record(name)
            except KeyError:
                raise TlvError(Sentence("namespace %1 has no record named %2", self.name, repr(name))) from None
            raw[rec.type] = rec.encode_value(value)
        for tlv_type, value in (unknown or {}).items():
            if tlv_type in raw or tlv_type in self.types:
                raise TlvError(Sentence("extra TLV record %1 clashes with a known record", tlv_type))
            raw[tlv_type] = value
        return encode_tlv_stream(raw)
