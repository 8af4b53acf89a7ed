"""The TLV fields of the four BOLT 12 streams, as data: number, name, kind, and the type
ranges each stream may use. One decoder and one encoder serve all four.

Kinds: raw bytes, UTF-8 text (strict), truncated integers, points, chain hashes, feature
vectors, blinded paths, blinded payinfo, fallback addresses, the BIP 353 name, signatures.
Decoding keeps every record's raw bytes too: the Merkle root and the copies an invoice
request and an invoice make of earlier fields are taken from them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from wallet.ln.bolt12.errors import Bolt12Error
from wallet.ln.features import Features
from wallet.ln.onion.blinded_path import (
    decode_blinded_paths,
    decode_payinfos,
    encode_blinded_paths,
)
from wallet.ln.wire.errors import WireError
from wallet.ln.wire.primitives import Reader, decode_tu, encode_tu, validate_point
from wallet.ln.wire.tlv import decode_tlv_stream, encode_tlv_stream
from wallet.sentence import Sentence, template

#: a BOLT 12 message travels in one onion message: nothing legitimate is bigger
MAX_MESSAGE_BYTES = 65_535


@dataclass(frozen=True)
class FallbackAddress:
    version: int
    address: bytes


@dataclass(frozen=True)
class Bip353Name:
    name: str
    domain: str


@dataclass(frozen=True)
class Kind:
    decode: Callable[[bytes], Any]
    encode: Callable[[Any], bytes]


def _utf8(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise WireError("not valid UTF-8") from None


def _tu(width: int) -> Kind:
    return Kind(lambda d: decode_tu(d, width), lambda n: encode_tu(n, width))


def _exact(n: int) -> Kind:
    def decode(data: bytes) -> bytes:
        if len(data) != n:
            raise WireError(Sentence("expected %1 bytes, got %2", n, len(data)))
        return bytes(data)
    return Kind(decode, lambda b: bytes(b) if len(b) == n else decode(bytes(b)))


def _chains(data: bytes) -> tuple[bytes, ...]:
    if len(data) % 32:
        raise WireError(Sentence("%1 bytes is not a whole number of 32-byte chain hashes", len(data)))
    return tuple(data[i : i + 32] for i in range(0, len(data), 32))


def _fallbacks(data: bytes) -> tuple[FallbackAddress, ...]:
    reader = Reader(data)
    out = []
    while not reader.at_end():
        version = reader.read_uint(1, "fallback_address.version")
        length = reader.read_uint(2, "fallback_address.len")
        out.append(FallbackAddress(version, reader.read(length, "fallback_address.address")))
    return tuple(out)


def _encode_fallbacks(items: Any) -> bytes:
    return b"".join(bytes([f.version]) + len(f.address).to_bytes(2, "big") + f.address
                    for f in items)


def _bip353(data: bytes) -> Bip353Name:
    reader = Reader(data)
    name = reader.read(reader.read_uint(1, "bip_353_name.name_len"), "bip_353_name.name")
    domain = reader.read(reader.read_uint(1, "bip_353_name.domain_len"), "bip_353_name.domain")
    if not reader.at_end():
        raise WireError("bytes left over after the domain")
    allowed = set(b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_.")
    if not set(name) <= allowed or not set(domain) <= allowed:
        raise WireError("name or domain holds a character other than letters, digits, - _ .")
    return Bip353Name(name.decode(), domain.decode())


def _encode_bip353(value: Bip353Name) -> bytes:
    name, domain = value.name.encode(), value.domain.encode()
    if len(name) > 255 or len(domain) > 255:
        raise WireError("BIP 353 name or domain over 255 bytes")
    return bytes([len(name)]) + name + bytes([len(domain)]) + domain


BYTES = Kind(bytes, bytes)
UTF8 = Kind(_utf8, lambda s: s.encode("utf-8"))
TU64 = _tu(8)
TU32 = _tu(4)
POINT = Kind(lambda d: validate_point(d), lambda p: validate_point(p))
CHAIN = _exact(32)
SHA256 = _exact(32)
SIG = _exact(64)
CHAINS = Kind(_chains, lambda cs: b"".join(CHAIN.encode(c) for c in cs))
FEATURES = Kind(Features.from_bytes, lambda f: f.to_bytes())
PATHS = Kind(decode_blinded_paths, encode_blinded_paths)
PAYINFOS = Kind(decode_payinfos, lambda ps: b"".join(p.to_bytes() for p in ps))
FALLBACKS = Kind(_fallbacks, _encode_fallbacks)
BIP353 = Kind(_bip353, _encode_bip353)

OFFER_FIELDS: dict[int, tuple[str, Kind]] = {
    2: ("offer_chains", CHAINS),
    4: ("offer_metadata", BYTES),
    6: ("offer_currency", UTF8),
    8: ("offer_amount", TU64),
    10: ("offer_description", UTF8),
    12: ("offer_features", FEATURES),
    14: ("offer_absolute_expiry", TU64),
    16: ("offer_paths", PATHS),
    18: ("offer_issuer", UTF8),
    20: ("offer_quantity_max", TU64),
    22: ("offer_issuer_id", POINT),
}
INVREQ_FIELDS: dict[int, tuple[str, Kind]] = {
    0: ("invreq_metadata", BYTES),
    **OFFER_FIELDS,
    80: ("invreq_chain", CHAIN),
    82: ("invreq_amount", TU64),
    84: ("invreq_features", FEATURES),
    86: ("invreq_quantity", TU64),
    88: ("invreq_payer_id", POINT),
    89: ("invreq_payer_note", UTF8),
    90: ("invreq_paths", PATHS),
    91: ("invreq_bip_353_name", BIP353),
    240: ("signature", SIG),
}
INVOICE_FIELDS: dict[int, tuple[str, Kind]] = {
    **INVREQ_FIELDS,
    160: ("invoice_paths", PATHS),
    162: ("invoice_blindedpay", PAYINFOS),
    164: ("invoice_created_at", TU64),
    166: ("invoice_relative_expiry", TU32),
    168: ("invoice_payment_hash", SHA256),
    170: ("invoice_amount", TU64),
    172: ("invoice_fallbacks", FALLBACKS),
    174: ("invoice_features", FEATURES),
    176: ("invoice_node_id", POINT),
}
INVOICE_ERROR_FIELDS: dict[int, tuple[str, Kind]] = {
    1: ("erroneous_field", TU64),
    3: ("suggested_value", BYTES),
    5: ("error", UTF8),
}


@dataclass(frozen=True)
class StreamSpec:
    """One BOLT 12 TLV stream: its name (the signature tag's), fields and allowed ranges;
    `said`: what its errors call it, a sentence of its own ("the offer": translated, where
    the protocol name would stay an English word in another language)."""

    name: str
    fields: Mapping[int, tuple[str, Kind]]
    ranges: tuple[tuple[int, int], ...]
    said: str = ""

    def allows(self, tlv_type: int) -> bool:
        return any(lo <= tlv_type <= hi for lo, hi in self.ranges)

    def type_of(self, name: str) -> int:
        for tlv_type, (field_name, _) in self.fields.items():
            if field_name == name:
                return tlv_type
        raise Bolt12Error(Sentence("%1 has no field named %2", Sentence(self.said), name))


SIGNATURE_RANGE = (240, 1000)
OFFER = StreamSpec("offer", OFFER_FIELDS, ((1, 79), (1_000_000_000, 1_999_999_999)),
                   template("the offer"))
INVOICE_REQUEST = StreamSpec("invoice_request", INVREQ_FIELDS,
                             ((0, 159), SIGNATURE_RANGE, (1_000_000_000, 2_999_999_999)),
                             template("the invoice request"))
INVOICE = StreamSpec("invoice", INVOICE_FIELDS,
                     ((0, 239), SIGNATURE_RANGE, (1_000_000_000, 3_999_999_999)),
                     template("the invoice"))
INVOICE_ERROR = StreamSpec("invoice_error", INVOICE_ERROR_FIELDS, ((0, 2**64 - 1),),
                           template("the invoice error"))


def decode_stream(spec: StreamSpec, data: bytes) -> tuple[dict[int, bytes], dict[str, Any]]:
    """({type: raw bytes} of every record, {field name: value} of the known ones).

    Refuses a record outside the stream's ranges, an unknown even record, and any record
    whose value is malformed, naming it.
    """
    if len(data) > MAX_MESSAGE_BYTES:
        raise Bolt12Error(Sentence("%1 of %2 bytes is over %3", Sentence(spec.said), len(data), MAX_MESSAGE_BYTES))
    try:
        records = decode_tlv_stream(data)
    except WireError as exc:
        raise Bolt12Error(Sentence("%1 is malformed: %2", Sentence(spec.said), exc)) from None
    values: dict[str, Any] = {}
    for tlv_type, raw in records.items():
        if not spec.allows(tlv_type):
            raise Bolt12Error(Sentence("%1 holds field %2, outside its type ranges", Sentence(spec.said), tlv_type))
        known = spec.fields.get(tlv_type)
        if known is None:
            if tlv_type % 2 == 0:
                raise Bolt12Error(Sentence("%1 holds unknown even field %2", Sentence(spec.said), tlv_type))
            continue
        name, kind = known
        try:
            values[name] = kind.decode(raw)
        except (WireError, ValueError) as exc:
            raise Bolt12Error(Sentence("%1 has a malformed field %2: %3", Sentence(spec.said), name, exc)) from None
    return records, values


def encode_records(spec: StreamSpec, values: Mapping[str, Any],
                   extra: Mapping[int, bytes] | None = None) -> dict[int, bytes]:
    """{type: bytes} for named values (None left out) plus raw extra records."""
    records: dict[int, bytes] = dict(extra or {})
    for name, value in values.items():
        if value is None:
            continue
        tlv_type = spec.type_of(name)
        try:
            records[tlv_type] = spec.fields[tlv_type][1].encode(value)
        except (WireError, ValueError, AttributeError, TypeError) as exc:
            raise Bolt12Error(Sentence("%1: cannot write field %2: %3", Sentence(spec.said), name, exc)) from None
    for tlv_type in records:
        if not spec.allows(tlv_type):
            raise Bolt12Error(Sentence("%1 cannot hold field %2", Sentence(spec.said), tlv_type))
    return records


def stream_bytes(records: Mapping[int, bytes]) -> bytes:
    return encode_tlv_stream(records)


def unknown_even_bits(features: Features | None, known: frozenset[int] = frozenset()) -> list[int]:
    """Even bits set that we do not understand (an offer, request or invoice with one is
    refused)."""
    if features is None:
        return []
    return sorted(b for b in features.bits if b % 2 == 0 and b not in known)
