"""Onion messages in the node (BOLT 4/7, `onion_message` 513): relay for our peers, receive
for us, send along blinded paths.

Relaying: a message is peeled (`onion.onion_message`) and handed to the next node only if
that node is a peer we are connected to (by id, or by the short channel id of one of our
channels with it); we never open a connection for a message. Each peer has a token bucket
(`burst`, then `per_second`): messages over it are dropped, so one peer flooding us costs it
its own messages, not anyone else's. Anything malformed is dropped silently (BOLT 4).

Receiving: a message for us is matched by `path_id` to a waiter (`expect`, for a reply we
asked for); anything else goes to `on_receive` (e.g. invoice requests for our offers).
"""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from wallet.ln.onion.blinded_path import BlindedPath
from wallet.ln.onion.onion_message import (
    ONION_MESSAGE_TYPE,
    Forward,
    OnionMessage,
    Receive,
    build_onion_message,
    peel_onion_message,
    prepend_hops,
)
from wallet.ln.onion.route_blinding import RecipientData, build_blinded_path, unblind_hop
from wallet.ln.onion.sphinx import OnionError
from wallet.ln.shell.peer import Peer, PeerError
from wallet.ln.wire.errors import WireError
from wallet.ln.wire.messages import UnknownOddMessage
from wallet.ln.wire.primitives import ShortChannelId
from wallet.sentence import Sentence

log = logging.getLogger(__name__)
FEATURE = "option_onion_messages"


class OnionMessageSendError(PeerError):
    """We cannot send this onion message (no connected peer to start the path)."""


@dataclass
class _Bucket:
    tokens: float
    at: float


@dataclass
class RateLimit:
    burst: int = 50
    per_second: float = 10.0
    dropped: dict[bytes, int] = field(default_factory=dict)


class OnionMessenger:
    """Relays, receives and sends onion messages for one node."""

    def __init__(self, node_key: bytes, node_id: bytes,
                 live_peer: Callable[[bytes], Peer | None],
                 channel_peer: Callable[[ShortChannelId], bytes | None],
                 limit: RateLimit | None = None) -> None:
        self.node_key = node_key
        self.node_id = node_id
        self.live_peer = live_peer
        self.channel_peer = channel_peer
        self.limit = limit or RateLimit()
        self.on_receive: Callable[[Peer, Receive], Awaitable[None]] | None = None
        self._buckets: dict[bytes, _Bucket] = {}
        self._waiters: dict[bytes, asyncio.Future] = {}
        self.relayed = 0

    # -- incoming ---------------------------------------------------------------------------

    def _allow(self, peer_id: bytes) -> bool:
        now = asyncio.get_running_loop().time()
        bucket = self._buckets.get(peer_id)
        if bucket is None:
            bucket = self._buckets[peer_id] = _Bucket(float(self.limit.burst), now)
        bucket.tokens = min(float(self.limit.burst),
                            bucket.tokens + (now - bucket.at) * self.limit.per_second)
        bucket.at = now
        if bucket.tokens >= 1:
            bucket.tokens -= 1
            return True
        dropped = self.limit.dropped
        dropped[peer_id] = dropped.get(peer_id, 0) + 1
        if dropped[peer_id] == 1:
            log.info("%s: sends onion messages too fast; the excess is dropped", peer_id.hex()[:16])
        return False

    async def on_message(self, peer: Peer, payload: bytes) -> None:
        """An `onion_message` from `peer` (its payload, after the type)."""
        if not self._allow(peer.node_id):
            return
        try:
            message = OnionMessage.from_bytes(ONION_MESSAGE_TYPE.to_bytes(2, "big") + payload)
            got = peel_onion_message(self.node_key, message)
        except OnionError as exc:
            log.debug("%s: onion message dropped: %s", peer, exc)
            return
        if isinstance(got, Forward):
            await self._relay(got)
            return
        waiter = self._waiters.pop(got.path_id, None) if got.path_id is not None else None
        if waiter is not None and not waiter.done():
            waiter.set_result(got)
        elif self.on_receive is not None:
            await self.on_receive(peer, got)

    async def _relay(self, forward: Forward) -> None:
        next_id = forward.next_node_id
        if next_id is None and forward.short_channel_id is not None:
            next_id = self.channel_peer(forward.short_channel_id)
        peer = self.live_peer(next_id) if next_id is not None else None
        if peer is None or next_id == self.node_id:
            log.debug("onion message for a node we are not connected to: dropped")
            return
        if not _takes_onion_messages(peer):
            log.debug("%s: does not take onion messages: one for it dropped", peer)
            return
        try:
            await peer.send(UnknownOddMessage(ONION_MESSAGE_TYPE, forward.message.to_bytes()[2:]))
            self.relayed += 1
        except (PeerError, WireError, OnionError) as exc:
            log.debug("%s: onion message not relayed: %s", peer, exc)

    # -- outgoing ---------------------------------------------------------------------------

    async def send(self, path: BlindedPath, content: Mapping[int, bytes],
                   via: bytes | None = None) -> None:
        """Send `content` to the end of `path`: straight to its introduction node when it is
        our peer, else through our peer `via` (which must reach the introduction node)."""
        path = self._skip_own_hops(path)
        first = path.first_node_id
        if not (isinstance(first, bytes) and self.live_peer(first)):
            if via is None or self.live_peer(via) is None:
                raise OnionMessageSendError("no connected peer can carry this onion message")
            path = prepend_hops(os.urandom(32), [via], path)
        first_id, message = build_onion_message(path, content, os.urandom(32))
        peer = self.live_peer(first_id)
        if peer is None:
            raise OnionMessageSendError("the first node of the path is not connected")
        if not _takes_onion_messages(peer):
            # BOLT 4: onion messages go only to peers that negotiated option_onion_messages;
            # sending anyway would only make the user wait out the whole timeout
            raise OnionMessageSendError("our peer does not take onion messages (it does not "
                                        "advertise option_onion_messages)")
        await peer.send(UnknownOddMessage(ONION_MESSAGE_TYPE, message.to_bytes()[2:]))

    def _skip_own_hops(self, path: BlindedPath) -> BlindedPath:
        """A path that starts at us (a reply path through us): our own hops taken off."""
        while path.first_node_id == self.node_id and len(path.hops) > 1:
            try:
                hop = unblind_hop(self.node_key, path.first_path_key,
                                  path.hops[0].encrypted_recipient_data)
            except OnionError as exc:
                raise OnionMessageSendError(Sentence("a path through us that we cannot read: %1", exc)) \
                    from None
            if hop.data.next_node_id is None:
                raise OnionMessageSendError("a path through us that names no next node")
            path = BlindedPath(hop.data.next_node_id, hop.next_path_key, path.hops[1:])
        return path

    def reply_path(self, via: bytes, path_id: bytes | None = None) -> tuple[BlindedPath, bytes]:
        """A blinded path to us through our peer `via`, and its `path_id` (random unless
        given): what a correspondent answers along."""
        path_id = path_id or os.urandom(32)
        data = [RecipientData(next_node_id=self.node_id), RecipientData(path_id=path_id)]
        return build_blinded_path(os.urandom(32), [via, self.node_id], data), path_id

    def expect(self, path_id: bytes) -> asyncio.Future:
        """A future resolved with the `Receive` that arrives by `path_id` (cancel it when
        giving up: the waiter is dropped)."""
        future: asyncio.Future = asyncio.get_running_loop().create_future()
        self._waiters[path_id] = future
        def forget(done: asyncio.Future) -> None:
            if self._waiters.get(path_id) is done:
                del self._waiters[path_id]
        future.add_done_callback(forget)
        return future


def _takes_onion_messages(peer: Any) -> bool:
    """Whether the peer's init advertised option_onion_messages (bit 38 or 39)."""
    return bool(peer.supports("option_onion_messages"))
