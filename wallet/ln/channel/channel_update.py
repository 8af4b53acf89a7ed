"""BOLT 7 `channel_update` (type 258) between the two ends of a private channel.

A private channel is never gossiped, so each end tells the other directly what it charges
to relay through the channel (fees, CLTV delta, HTLC limits): the peer needs our values for
the route hints of its invoices, and we need its values for ours. The wire codec
(`wire/messages.py`) passes gossip through as a `GossipMessage`; this module decodes its
payload, builds and signs ours, and checks the peer's.

Layout after the u16 type: signature (64), chain_hash (32), short_channel_id (8),
timestamp u32, message_flags byte, channel_flags byte, cltv_expiry_delta u16,
htlc_minimum_msat u64, fee_base_msat u32, fee_proportional_millionths u32,
htlc_maximum_msat u64, then anything a later version adds (kept: it is signed too).
The signature is by the origin node's key over the double-SHA256 of everything after it.
`channel_flags` bit 0 is the direction (0 when the origin's node id is the smaller of the
two), bit 1 disables the channel; `message_flags` bit 0 is must_be_one (always 1), bit 1
dont_forward (1 for a private channel's update).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from wallet.errors import KiteError
from wallet.hashes import sha256d
from wallet.ln.htlc.relay_policy import RelayPolicy
from wallet.ln.tx.keys import ChannelKeyError
from wallet.ln.tx.signing import (
    SignatureError,
    compact_to_der,
    der_to_compact,
    sign_digest,
    verify_digest,
)
from wallet.ln.wire.errors import WireError
from wallet.ln.wire.fieldtypes import (
    BYTE,
    CHAIN_HASH,
    SHORT_CHANNEL_ID,
    SIGNATURE,
    U16,
    U32,
    U64,
)
from wallet.ln.wire.messages import GossipMessage
from wallet.ln.wire.primitives import Reader, ShortChannelId
from wallet.sentence import Sentence

CHANNEL_UPDATE_TYPE = 258
MUST_BE_ONE = 1  # message_flags bit 0
DONT_FORWARD = 2  # message_flags bit 1: a private channel's update, for the peer only
DIRECTION = 1  # channel_flags bit 0
DISABLE = 2  # channel_flags bit 1

_FIELDS = (
    ("chain_hash", CHAIN_HASH),
    ("short_channel_id", SHORT_CHANNEL_ID),
    ("timestamp", U32),
    ("message_flags", BYTE),
    ("channel_flags", BYTE),
    ("cltv_expiry_delta", U16),
    ("htlc_minimum_msat", U64),
    ("fee_base_msat", U32),
    ("fee_proportional_millionths", U32),
    ("htlc_maximum_msat", U64),
)


class ChannelUpdateError(KiteError):
    """A channel_update that cannot be read, or whose signature is not the origin's."""


@dataclass(frozen=True)
class ChannelUpdate:
    signature: bytes
    chain_hash: bytes
    short_channel_id: ShortChannelId
    timestamp: int
    message_flags: int
    channel_flags: int
    cltv_expiry_delta: int
    htlc_minimum_msat: int
    fee_base_msat: int
    fee_proportional_millionths: int
    htlc_maximum_msat: int
    extra: bytes = b""  # fields of a later version: signed, so kept as received

    @property
    def direction(self) -> int:
        return self.channel_flags & DIRECTION

    @property
    def disabled(self) -> bool:
        return bool(self.channel_flags & DISABLE)

    @property
    def policy(self) -> RelayPolicy:
        return RelayPolicy(self.fee_base_msat, self.fee_proportional_millionths,
                           self.cltv_expiry_delta)

    def signed_part(self) -> bytes:
        """Everything after the signature: what the signature covers."""
        try:
            return b"".join(ftype.encode(getattr(self, name), f"channel_update.{name}")
                            for name, ftype in _FIELDS) + self.extra
        except WireError as e:
            raise ChannelUpdateError(Sentence("channel_update: %1", e)) from None

    def payload(self) -> bytes:
        return SIGNATURE.encode(self.signature, "channel_update.signature") + self.signed_part()

    def to_message(self) -> GossipMessage:
        return GossipMessage(CHANNEL_UPDATE_TYPE, "channel_update", self.payload())


def decode_channel_update(payload: bytes) -> ChannelUpdate:
    """Read a channel_update's payload (after the u16 type)."""
    reader = Reader(bytes(payload))
    try:
        values = {"signature": SIGNATURE.decode(reader, "channel_update.signature")}
        for name, ftype in _FIELDS:
            values[name] = ftype.decode(reader, f"channel_update.{name}")
    except WireError as e:
        raise ChannelUpdateError(Sentence("channel_update: %1", e)) from None
    return ChannelUpdate(**values, extra=reader.read_rest())


def direction_bit(origin: bytes, other: bytes) -> int:
    """0 when the origin is node_id_1 (the smaller compressed key), else 1."""
    return 0 if bytes(origin) < bytes(other) else 1


def sign_update(update: ChannelUpdate, node_private_key: bytes) -> ChannelUpdate:
    """The update with its signature by this node key."""
    digest = sha256d(update.signed_part())
    return replace(update, signature=der_to_compact(sign_digest(node_private_key, digest)))


def verify_update(update: ChannelUpdate, node_id: bytes) -> None:
    """Raise ChannelUpdateError unless `node_id` signed this update."""
    digest = sha256d(update.signed_part())
    try:
        ok = verify_digest(node_id, digest, compact_to_der(update.signature))
    except (SignatureError, ChannelKeyError):
        ok = False
    if not ok:
        raise ChannelUpdateError(Sentence("channel_update for %1: the signature is not by node %2", update.short_channel_id, bytes(node_id).hex()))


def our_update(*, node_private_key: bytes, local_node_id: bytes, remote_node_id: bytes,
               chain_hash: bytes, short_channel_id: ShortChannelId, timestamp: int,
               policy: RelayPolicy, htlc_minimum_msat: int, htlc_maximum_msat: int,
               disabled: bool = False) -> ChannelUpdate:
    """Our signed channel_update for a private channel, sent to its peer only: the peer's
    alias for it (or the real scid), dont_forward, our relay policy; the HTLC limits are
    those the peer accepts from us (`htlc_maximum_msat` at least `htlc_minimum_msat`)."""
    flags = direction_bit(local_node_id, remote_node_id) | (DISABLE if disabled else 0)
    unsigned = ChannelUpdate(
        signature=bytes(64), chain_hash=chain_hash, short_channel_id=short_channel_id,
        timestamp=timestamp, message_flags=MUST_BE_ONE | DONT_FORWARD, channel_flags=flags,
        cltv_expiry_delta=policy.cltv_expiry_delta, htlc_minimum_msat=htlc_minimum_msat,
        fee_base_msat=policy.fee_base_msat,
        fee_proportional_millionths=policy.fee_proportional_millionths,
        htlc_maximum_msat=max(htlc_minimum_msat, htlc_maximum_msat))
    return sign_update(unsigned, node_private_key)


def check_peer_update(update: ChannelUpdate, *, peer_node_id: bytes, local_node_id: bytes,
                      chain_hash: bytes) -> None:
    """BOLT 7 checks of a channel_update our peer sent for our channel: our chain, the
    peer's direction, the peer's signature (ChannelUpdateError otherwise)."""
    if update.chain_hash != chain_hash:
        raise ChannelUpdateError("channel_update for another chain")
    if update.direction != direction_bit(peer_node_id, local_node_id):
        raise ChannelUpdateError("channel_update for our own direction of the channel")
    verify_update(update, peer_node_id)
