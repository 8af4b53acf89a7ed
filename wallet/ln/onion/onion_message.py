"""Onion messages (BOLT 4, `onion_message` type 513, feature bits 38/39): building one along
a blinded path, and peeling one hop of it.

Every hop of an onion message is a blinded hop: the node derives its blinded key from the
message's `path_key`, peels the Sphinx packet (no associated data), and decrypts its
`encrypted_recipient_data` to learn the next node (or that the message is for it, with the
`path_id` it put in the path). A forwarding hop's payload holds nothing else. The final
payload carries the content: `reply_path`, `invoice_request`, `invoice`, `invoice_error`, and
anything odd. Malformed messages raise `OnionMessageError`: the shell drops them. Pure code.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

from wallet.ln.onion.blinded_path import BlindedHop, BlindedPath, read_blinded_path
from wallet.ln.onion.route_blinding import (
    InvalidOnionBlinding,
    RecipientData,
    blinded_private_key,
    build_blinded_hops,
    path_shared_secret,
    unblind_hop,
)
from wallet.ln.onion.sphinx import (
    OnionBuildError,
    OnionError,
    build_onion,
    payloads_size,
    peel_onion,
)
from wallet.ln.wire.errors import WireError
from wallet.ln.wire.primitives import Reader, ShortChannelId, validate_point
from wallet.ln.wire.tlv import decode_tlv_stream, encode_tlv_stream

ONION_MESSAGE_TYPE = 513
FEATURE_BIT = 38  # option_onion_messages (39 optional)
SMALL_PAYLOAD = 1300
LARGE_PAYLOAD = 32768
#: the biggest packet we build or accept (BOLT 4: 1366 or 32834 bytes)
MAX_PACKET = 1 + 33 + LARGE_PAYLOAD + 32

REPLY_PATH = 2
ENCRYPTED_RECIPIENT_DATA = 4
INVOICE_REQUEST = 64
INVOICE = 66
INVOICE_ERROR = 68
_KNOWN = frozenset({REPLY_PATH, ENCRYPTED_RECIPIENT_DATA, INVOICE_REQUEST, INVOICE,
                    INVOICE_ERROR})


class OnionMessageError(OnionError):
    """An onion message that cannot be processed: dropped, nobody is told."""


@dataclass(frozen=True)
class OnionMessage:
    path_key: bytes
    packet: bytes

    def to_bytes(self) -> bytes:
        """The whole wire message, type included."""
        if len(self.packet) > MAX_PACKET:
            raise OnionBuildError("onion message packet over 32834 bytes")
        return (ONION_MESSAGE_TYPE.to_bytes(2, "big") + self.path_key
                + len(self.packet).to_bytes(2, "big") + self.packet)

    @classmethod
    def from_bytes(cls, data: bytes) -> OnionMessage:
        """Read a wire message (type included); OnionMessageError if malformed."""
        try:
            reader = Reader(data)
            if reader.read_uint(2, "type") != ONION_MESSAGE_TYPE:
                raise WireError("not an onion_message")
            path_key = validate_point(reader.read(33, "path_key"), "path_key")
            length = reader.read_uint(2, "len")
            if length > MAX_PACKET:
                raise WireError(f"packet of {length} bytes is over {MAX_PACKET}")
            packet = reader.read(length, "onion_message_packet")
        except WireError as exc:
            raise OnionMessageError(f"malformed onion message: {exc}") from None
        return cls(path_key, packet)


@dataclass(frozen=True)
class Forward:
    """Send `message` to `next_node_id` (or over the channel `short_channel_id`)."""

    next_node_id: bytes | None
    short_channel_id: ShortChannelId | None
    message: OnionMessage


@dataclass(frozen=True)
class Receive:
    """The message is for us; `path_id` says which of our paths it came by."""

    path_id: bytes | None
    reply_path: BlindedPath | None
    records: Mapping[int, bytes] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "records", MappingProxyType(dict(self.records)))

    def get(self, tlv_type: int) -> bytes | None:
        return self.records.get(tlv_type)


def prepend_hops(session_key: bytes, node_ids: Sequence[bytes], path: BlindedPath) -> BlindedPath:
    """`path` reached through `node_ids` first (the sender's own blinded hops ending next to
    the introduction node), with `next_path_key_override` joining the two."""
    if not node_ids:
        return path
    intro = path.first_node_id
    if not isinstance(intro, bytes):
        raise OnionBuildError("the path starts at a channel, not a node: resolve it first")
    nexts = [*node_ids[1:], intro]
    data = [RecipientData(next_node_id=n) for n in nexts[:-1]]
    data.append(RecipientData(next_node_id=intro, next_path_key_override=path.first_path_key))
    hops = build_blinded_hops(session_key, node_ids, [d.to_bytes() for d in data])
    new = tuple(BlindedHop(h.blinded_node_id, h.encrypted_data) for h in hops)
    return BlindedPath(bytes(node_ids[0]), hops[0].path_key, new + path.hops)


def build_onion_message(path: BlindedPath, content: Mapping[int, bytes],
                        session_key: bytes) -> tuple[bytes, OnionMessage]:
    """(first node, message) delivering `content` (final payload records: invoice_request,
    reply_path…) to the end of `path`. The packet is 1300 bytes when it fits, else 32768."""
    if set(content) & {ENCRYPTED_RECIPIENT_DATA} or not content:
        raise OnionBuildError("onion message content must not be empty or hold hop data")
    first = path.first_node_id
    if not isinstance(first, bytes):
        raise OnionBuildError("the path starts at a channel, not a node: resolve it first")
    node_ids = [hop.blinded_node_id for hop in path.hops]
    payloads = [encode_tlv_stream({ENCRYPTED_RECIPIENT_DATA: h.encrypted_recipient_data})
                for h in path.hops[:-1]]
    last = dict(content)
    last[ENCRYPTED_RECIPIENT_DATA] = path.hops[-1].encrypted_recipient_data
    payloads.append(encode_tlv_stream(last))
    needed = payloads_size(payloads)
    if needed > LARGE_PAYLOAD:
        raise OnionBuildError(f"onion message content of {needed} bytes is over {LARGE_PAYLOAD}")
    size = SMALL_PAYLOAD if needed <= SMALL_PAYLOAD else LARGE_PAYLOAD
    built = build_onion(node_ids, payloads, session_key, b"", size)
    return first, OnionMessage(path.first_path_key, built.packet)


def peel_onion_message(node_privkey: bytes, message: OnionMessage) -> Forward | Receive:
    """Our hop of an onion message. OnionMessageError (drop it) for anything wrong."""
    try:
        ss = path_shared_secret(node_privkey, message.path_key)
        peeled = peel_onion(message.packet, blinded_private_key(node_privkey, ss), b"")
        records = decode_tlv_stream(peeled.payload, _KNOWN)
        encrypted = records.get(ENCRYPTED_RECIPIENT_DATA)
        if encrypted is None:
            raise OnionMessageError("onion message hop without encrypted_recipient_data")
        hop = unblind_hop(node_privkey, message.path_key, encrypted)
    except (OnionError, WireError) as exc:
        if isinstance(exc, OnionMessageError):
            raise
        raise OnionMessageError(f"unreadable onion message: {exc}") from None
    data = hop.data
    if peeled.next_packet is not None:
        if set(records) != {ENCRYPTED_RECIPIENT_DATA}:
            raise OnionMessageError("a forwarding hop of an onion message got content")
        if data.next_node_id is None and data.short_channel_id is None:
            raise OnionMessageError("onion message hop data names no next hop")
        if data.path_id is not None:
            raise OnionMessageError("onion message hop data has a path_id but goes on")
        return Forward(data.next_node_id, data.short_channel_id,
                       OnionMessage(hop.next_path_key, peeled.next_packet))
    if data.next_node_id is not None or data.short_channel_id is not None:
        raise OnionMessageError("the onion message ends where its path goes on")
    reply = None
    if REPLY_PATH in records:
        try:
            reader = Reader(records[REPLY_PATH])
            reply = read_blinded_path(reader)
            if not reader.at_end():
                raise WireError("bytes after the reply path")
        except (WireError, InvalidOnionBlinding) as exc:
            raise OnionMessageError(f"onion message reply_path is malformed: {exc}") from None
    content = {t: v for t, v in records.items() if t != ENCRYPTED_RECIPIENT_DATA}
    return Receive(data.path_id, reply, content)
