"""BOLT 1 and BOLT 2 messages, declared as data, with one generic encoder and decoder.

Each message is one entry of `_TABLE`: its type number, its spec name, its fields as
(name, field type) pairs, and the TLV records that may follow them. From each entry we
generate a frozen dataclass (`Init`, `OpenChannel`, `UpdateAddHtlc`, ...) whose attributes
are the fields, then one optional attribute per known TLV record (None when absent), then
`unknown_tlvs`: the unknown odd TLV records received, as ((type, bytes), ...), kept so that
a message re-encodes to the same bytes.

Wire format (BOLT 1): u16 type, the fields, then an optional TLV stream ("extension").
`decode_message` returns:
- an instance of the message's class for a known type;
- an `UnknownOddMessage` for an unknown odd type ("it's OK to be odd": the caller ignores it);
- a `GossipMessage` (type, name, raw payload) for BOLT 7 gossip, which we don't decode: peers
  send `channel_update` (258, even) to their channel partner whatever features were
  negotiated, so it must not be treated as an unknown even type;
and raises `UnknownMessageError` for an unknown even type, `WireError` for anything malformed.

Values: integers are int, points (validated), hashes, ids, signatures and byte strings are
bytes, short channel ids are `ShortChannelId`, arrays are tuples, a TLV record with several
fields is a named tuple (e.g. `closing_signed.fee_range.min_fee_satoshis`).
Feature fields stay raw bytes (see `wallet.ln.features.Features.from_bytes`) so that what we
received re-encodes exactly.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, ClassVar

from wallet.ln.wire.errors import TlvError, UnknownMessageError, WireError
from wallet.ln.wire.fieldtypes import (
    BYTE,
    BYTES32,
    CHAIN_HASH,
    CHANNEL_ID,
    POINT,
    REST_BYTES,
    SHA256,
    SHORT_CHANNEL_ID,
    SIGNATURE,
    U16,
    U16_BYTES,
    U32,
    U64,
    FieldType,
    FixedBytes,
    LengthPrefixedArray,
    RestArray,
)
from wallet.ln.wire.primitives import Reader
from wallet.ln.wire.tlv import TlvNamespace, TlvRecord

ONION_PACKET_SIZE = 1366
MAX_MESSAGE_SIZE = 65535  # the BOLT 8 limit on a whole message, type included

Fields = tuple[tuple[str, FieldType], ...]


@dataclass(frozen=True)
class MessageSpec:
    """The declaration of one message: the data the generic codec works from."""

    type: int
    name: str
    class_name: str
    fields: Fields
    tlvs: TlvNamespace


def _tlvs(name: str, *records: tuple[int, str, Fields]) -> TlvNamespace:
    return TlvNamespace(name, tuple(TlvRecord(t, n, f) for t, n, f in records))


_OPEN_ACCEPT_TLVS = (
    (0, "upfront_shutdown_script", (("shutdown_scriptpubkey", REST_BYTES),)),
    (1, "channel_type", (("type", REST_BYTES),)),
)
_BASEPOINTS: Fields = (
    ("funding_pubkey", POINT),
    ("revocation_basepoint", POINT),
    ("payment_basepoint", POINT),
    ("delayed_payment_basepoint", POINT),
    ("htlc_basepoint", POINT),
    ("first_per_commitment_point", POINT),
)

# (type, spec name, class name, fields, TLV records (type, attribute name, fields))
_TABLE: tuple[tuple[int, str, str, Fields, tuple[tuple[int, str, Fields], ...]], ...] = (
    # -- BOLT 1: setup and control --------------------------------------------------------
    (16, "init", "Init",
     (("globalfeatures", U16_BYTES), ("features", U16_BYTES)),
     ((1, "networks", (("chains", RestArray(CHAIN_HASH)),)),
      (3, "remote_addr", (("data", REST_BYTES),)))),
    (17, "error", "ErrorMessage",
     (("channel_id", CHANNEL_ID), ("data", U16_BYTES)), ()),
    (1, "warning", "WarningMessage",
     (("channel_id", CHANNEL_ID), ("data", U16_BYTES)), ()),
    (18, "ping", "Ping",
     (("num_pong_bytes", U16), ("ignored", U16_BYTES)), ()),
    (19, "pong", "Pong",
     (("ignored", U16_BYTES),), ()),
    # peer storage (option_provide_storage): a blob the peer keeps for us, and gives back
    (7, "peer_storage", "PeerStorage",
     (("blob", U16_BYTES),), ()),
    (9, "peer_storage_retrieval", "PeerStorageRetrieval",
     (("blob", U16_BYTES),), ()),
    # -- BOLT 2: channel establishment (v1) -----------------------------------------------
    (32, "open_channel", "OpenChannel",
     (("chain_hash", CHAIN_HASH),
      ("temporary_channel_id", BYTES32),
      ("funding_satoshis", U64),
      ("push_msat", U64),
      ("dust_limit_satoshis", U64),
      ("max_htlc_value_in_flight_msat", U64),
      ("channel_reserve_satoshis", U64),
      ("htlc_minimum_msat", U64),
      ("feerate_per_kw", U32),
      ("to_self_delay", U16),
      ("max_accepted_htlcs", U16),
      *_BASEPOINTS,
      ("channel_flags", BYTE)),
     _OPEN_ACCEPT_TLVS),
    (33, "accept_channel", "AcceptChannel",
     (("temporary_channel_id", BYTES32),
      ("dust_limit_satoshis", U64),
      ("max_htlc_value_in_flight_msat", U64),
      ("channel_reserve_satoshis", U64),
      ("htlc_minimum_msat", U64),
      ("minimum_depth", U32),
      ("to_self_delay", U16),
      ("max_accepted_htlcs", U16),
      *_BASEPOINTS),
     _OPEN_ACCEPT_TLVS),
    (34, "funding_created", "FundingCreated",
     (("temporary_channel_id", BYTES32),
      ("funding_txid", SHA256),
      ("funding_output_index", U16),
      ("signature", SIGNATURE)), ()),
    (35, "funding_signed", "FundingSigned",
     (("channel_id", CHANNEL_ID), ("signature", SIGNATURE)), ()),
    (36, "channel_ready", "ChannelReady",
     (("channel_id", CHANNEL_ID), ("second_per_commitment_point", POINT)),
     # spec record name: short_channel_id (field `alias`)
     ((1, "alias_scid", (("alias", SHORT_CHANNEL_ID),)),)),
    # -- BOLT 2: closing ------------------------------------------------------------------
    (38, "shutdown", "Shutdown",
     (("channel_id", CHANNEL_ID), ("scriptpubkey", U16_BYTES)), ()),
    (39, "closing_signed", "ClosingSigned",
     (("channel_id", CHANNEL_ID), ("fee_satoshis", U64), ("signature", SIGNATURE)),
     ((1, "fee_range", (("min_fee_satoshis", U64), ("max_fee_satoshis", U64))),)),
    # -- BOLT 2: normal operation ---------------------------------------------------------
    (128, "update_add_htlc", "UpdateAddHtlc",
     (("channel_id", CHANNEL_ID),
      ("id", U64),
      ("amount_msat", U64),
      ("payment_hash", SHA256),
      ("cltv_expiry", U32),
      ("onion_routing_packet", FixedBytes(ONION_PACKET_SIZE, "onion_packet"))),
     # spec record name: blinded_path (field `path_key`, formerly `blinding_point`);
     # bLIP-25 `extra_fee`: what an LSP deducted from this HTLC (bLIP-52 JIT channels)
     ((0, "blinding_point", (("path_key", POINT),)),
      (65537, "extra_fee", (("extra_fee_msat", U64),)))),
    (130, "update_fulfill_htlc", "UpdateFulfillHtlc",
     (("channel_id", CHANNEL_ID), ("id", U64), ("payment_preimage", BYTES32)), ()),
    (131, "update_fail_htlc", "UpdateFailHtlc",
     (("channel_id", CHANNEL_ID), ("id", U64), ("reason", U16_BYTES)), ()),
    (135, "update_fail_malformed_htlc", "UpdateFailMalformedHtlc",
     (("channel_id", CHANNEL_ID),
      ("id", U64),
      ("sha256_of_onion", SHA256),
      ("failure_code", U16)), ()),
    (132, "commitment_signed", "CommitmentSigned",
     (("channel_id", CHANNEL_ID),
      ("signature", SIGNATURE),
      ("htlc_signatures", LengthPrefixedArray(SIGNATURE))), ()),
    (133, "revoke_and_ack", "RevokeAndAck",
     (("channel_id", CHANNEL_ID),
      ("per_commitment_secret", BYTES32),
      ("next_per_commitment_point", POINT)), ()),
    (134, "update_fee", "UpdateFee",
     (("channel_id", CHANNEL_ID), ("feerate_per_kw", U32)), ()),
    (136, "channel_reestablish", "ChannelReestablish",
     (("channel_id", CHANNEL_ID),
      ("next_commitment_number", U64),
      ("next_revocation_number", U64),
      ("your_last_per_commitment_secret", BYTES32),
      ("my_current_per_commitment_point", POINT)), ()),
)


class Message:
    """Base of every generated message class."""

    SPEC: ClassVar[MessageSpec]
    TYPE: ClassVar[int]
    NAME: ClassVar[str]

    unknown_tlvs: tuple[tuple[int, bytes], ...]

    def encode(self) -> bytes:
        """The message on the wire: u16 type, fields, TLV extension."""
        return encode_message(self)

    def tlv_values(self) -> dict[str, Any]:
        """{record name: value} of the TLV records present."""
        values = {rec.name: getattr(self, rec.name) for rec in self.SPEC.tlvs.records}
        return {k: v for k, v in values.items() if v is not None}


@dataclass(frozen=True)
class UnknownOddMessage:
    """A message of an unknown odd type: BOLT 1 says to ignore it (we keep it for logs)."""

    type: int
    payload: bytes

    NAME: ClassVar[str] = "unknown_odd"

    def encode(self) -> bytes:
        return encode_message(self)


#: BOLT 7 gossip messages: recognized, passed through undecoded
GOSSIP_TYPES: dict[int, str] = {
    256: "channel_announcement",
    257: "node_announcement",
    258: "channel_update",
    259: "announcement_signatures",
    261: "query_short_channel_ids",
    262: "reply_short_channel_ids_end",
    263: "query_channel_range",
    264: "reply_channel_range",
    265: "gossip_timestamp_filter",
}


@dataclass(frozen=True)
class GossipMessage:
    """A BOLT 7 gossip message, kept as raw bytes (this codec does not decode gossip)."""

    type: int
    name: str
    payload: bytes

    @property
    def NAME(self) -> str:  # noqa: N802 (the attribute every message has, for logs)
        return self.name

    def encode(self) -> bytes:
        return encode_message(self)


def _make_class(spec: MessageSpec) -> type[Message]:
    attrs: list[Any] = [(name, Any) for name, _ in spec.fields]
    attrs += [(rec.name, Any, dataclasses.field(default=None)) for rec in spec.tlvs.records]
    attrs.append(("unknown_tlvs", tuple, dataclasses.field(default=())))
    cls = dataclasses.make_dataclass(
        spec.class_name, attrs, bases=(Message,), frozen=True, kw_only=True,
        namespace={"SPEC": spec, "TYPE": spec.type, "NAME": spec.name, "__module__": __name__},
    )
    cls.__doc__ = f"BOLT message `{spec.name}` (type {spec.type})."
    return cls


SPECS: dict[int, MessageSpec] = {}
CLASSES: dict[int, type[Message]] = {}
BY_NAME: dict[str, type[Message]] = {}
for _type, _name, _cls_name, _fields, _records in _TABLE:
    _spec = MessageSpec(_type, _name, _cls_name, _fields, _tlvs(f"{_name}_tlvs", *_records))
    SPECS[_type] = _spec
    CLASSES[_type] = BY_NAME[_name] = _make_class(_spec)

# Named module attributes, so callers can write `messages.UpdateAddHtlc(...)`.
Init = BY_NAME["init"]
ErrorMessage = BY_NAME["error"]
WarningMessage = BY_NAME["warning"]
Ping = BY_NAME["ping"]
Pong = BY_NAME["pong"]
PeerStorage = BY_NAME["peer_storage"]
PeerStorageRetrieval = BY_NAME["peer_storage_retrieval"]
OpenChannel = BY_NAME["open_channel"]
AcceptChannel = BY_NAME["accept_channel"]
FundingCreated = BY_NAME["funding_created"]
FundingSigned = BY_NAME["funding_signed"]
ChannelReady = BY_NAME["channel_ready"]
Shutdown = BY_NAME["shutdown"]
ClosingSigned = BY_NAME["closing_signed"]
UpdateAddHtlc = BY_NAME["update_add_htlc"]
UpdateFulfillHtlc = BY_NAME["update_fulfill_htlc"]
UpdateFailHtlc = BY_NAME["update_fail_htlc"]
UpdateFailMalformedHtlc = BY_NAME["update_fail_malformed_htlc"]
CommitmentSigned = BY_NAME["commitment_signed"]
RevokeAndAck = BY_NAME["revoke_and_ack"]
UpdateFee = BY_NAME["update_fee"]
ChannelReestablish = BY_NAME["channel_reestablish"]


def encode_message(msg: Message | UnknownOddMessage | GossipMessage) -> bytes:
    """Serialize a message (type + fields + TLVs); raises WireError on an invalid value."""
    if isinstance(msg, UnknownOddMessage | GossipMessage):
        out = msg.type.to_bytes(2, "big") + msg.payload
    else:
        spec = msg.SPEC
        parts = [spec.type.to_bytes(2, "big")]
        for name, ftype in spec.fields:
            parts.append(ftype.encode(getattr(msg, name), f"{spec.name}.{name}"))
        extra = dict(msg.unknown_tlvs)
        for tlv_type in extra:
            if tlv_type % 2 == 0:
                raise WireError(f"{spec.name}: unknown TLV record {tlv_type} must be odd")
        values = {rec.name: getattr(msg, rec.name) for rec in spec.tlvs.records}
        parts.append(spec.tlvs.encode(values, extra))
        out = b"".join(parts)
    if len(out) > MAX_MESSAGE_SIZE:
        raise WireError(f"message of {len(out)} bytes exceeds the {MAX_MESSAGE_SIZE}-byte limit")
    return out


def decode_message(data: bytes) -> Message | UnknownOddMessage | GossipMessage:
    """Parse one decrypted message. See the module docstring for what comes back."""
    data = bytes(data)
    if len(data) < 2:
        raise WireError(f"message of {len(data)} bytes is too short to hold a type")
    msg_type = int.from_bytes(data[:2], "big")
    spec = SPECS.get(msg_type)
    if spec is None:
        if msg_type in GOSSIP_TYPES:
            return GossipMessage(msg_type, GOSSIP_TYPES[msg_type], data[2:])
        if msg_type % 2 == 0:
            raise UnknownMessageError(msg_type)
        return UnknownOddMessage(msg_type, data[2:])
    reader = Reader(data, 2)
    values: dict[str, Any] = {}
    for name, ftype in spec.fields:
        values[name] = ftype.decode(reader, f"{spec.name}.{name}")
    if not reader.at_end():
        try:
            known, unknown = spec.tlvs.decode_all(reader.read_rest())
        except WireError as exc:
            raise TlvError(f"{spec.name} extension: {exc}") from None
        values.update(known)
        values["unknown_tlvs"] = tuple(unknown.items())
    return CLASSES[msg_type](**values)
