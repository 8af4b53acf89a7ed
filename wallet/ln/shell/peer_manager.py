"""Keeps the node's Lightning connections: one `Peer` per node id, inbound and outbound, and
reconnects to the peers we want to stay connected to (our channel partners) with capped
exponential backoff. A peer's failure only ever affects that peer.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random

from coincurve import PrivateKey

from wallet.deadline import within
from wallet.ln.shell.peer import (
    Peer,
    PeerConfig,
    PeerError,
    PeerHandler,
    PeerListener,
    _as_private_key,
    connect,
)
from wallet.ln.wire.messages import Message, UnknownOddMessage
from wallet.sentence import Sentence

log = logging.getLogger("kite.ln.peer")


def backoff_delay(attempt: int, initial: float, cap: float) -> float:
    """Seconds to wait before reconnection attempt number `attempt` (0-based):
    initial, 2*initial, 4*initial, ... never more than `cap`."""
    return min(cap, initial * 2 ** min(max(attempt, 0), 62))


class _Bookkeeping(PeerHandler):
    """Sits between the peers and the user's handler to keep `PeerManager.peers` current."""

    def __init__(self, manager: PeerManager, inner: PeerHandler) -> None:
        self.manager = manager
        self.inner = inner

    async def peer_ready(self, peer: Peer) -> None:
        # registered (an older connection to the same node closed) before the handler
        # sees it, so that the handler never works on two connections to one node at once
        await self.manager._register(peer)
        await self.inner.peer_ready(peer)

    async def peer_message(self, peer: Peer, message: Message) -> None:
        await self.inner.peer_message(peer, message)

    async def custom_message(self, peer: Peer, message: UnknownOddMessage) -> None:
        await self.inner.custom_message(peer, message)

    async def peer_closed(self, peer: Peer, reason: str) -> None:
        self.manager._forget(peer)
        await self.inner.peer_closed(peer, reason)


class PeerManager:
    """Connections by node id. `listen()` accepts inbound peers, `connect()` opens one
    outbound connection, `keep_connected()` maintains one with backoff until `forget()`."""

    def __init__(self, local_key: bytes | PrivateKey, config: PeerConfig,
                 handler: PeerHandler | None = None, *, backoff_initial: float = 1.0,
                 backoff_max: float = 300.0) -> None:
        self._key = _as_private_key(local_key)
        self.node_id = self._key.public_key.format(compressed=True)
        self.config = config
        self.handler = _Bookkeeping(self, handler or PeerHandler())
        self.backoff_initial = backoff_initial
        self.backoff_max = backoff_max
        self.peers: dict[bytes, Peer] = {}
        self._listener: PeerListener | None = None
        self._keepers: dict[bytes, asyncio.Task] = {}
        self._changed = asyncio.Condition()
        #: connection attempts made by keep_connected, per node id (for tests and status)
        self.attempts: dict[bytes, int] = {}

    # -- connections ------------------------------------------------------------------------

    async def listen(self, host: str = "127.0.0.1", port: int = 0) -> int:
        """Accept inbound connections; returns the port."""
        if self._listener is None:
            self._listener = PeerListener(self._key, self.config, self.handler, self._register)
        return await self._listener.start(host, port)

    async def stop_listening(self) -> None:
        if self._listener is not None:
            await self._listener.close()
            self._listener = None

    async def connect(self, host: str, port: int, node_id: bytes) -> Peer:
        """One outbound connection (handshake + init done); raises PeerError on failure."""
        peer = await connect(host, port, node_id, self._key, self.config, self.handler)
        await self._register(peer)
        return peer

    def keep_connected(self, node_id: bytes, host: str, port: int) -> None:
        """Stay connected to this peer: reconnect after every loss, backing off
        exponentially (capped) while attempts fail. An inbound connection from the same
        node counts as connected."""
        node_id = bytes(node_id)
        if node_id in self._keepers:
            return
        self._keepers[node_id] = asyncio.get_running_loop().create_task(
            self._keep(node_id, host, port), name=f"keep {node_id.hex()[:16]}")

    async def forget(self, node_id: bytes) -> None:
        """Stop reconnecting to `node_id` and close its connection."""
        task = self._keepers.pop(bytes(node_id), None)
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        peer = self.peers.get(bytes(node_id))
        if peer is not None:
            peer.close("forgotten")
            await peer.wait_closed()

    async def wait_for_peer(self, node_id: bytes, timeout: float) -> Peer:
        """The connected peer with this node id, waiting up to `timeout` seconds for it."""
        async def ready() -> Peer:
            async with self._changed:
                await self._changed.wait_for(lambda: self._live(node_id) is not None)
                return self._live(node_id)
        try:
            return await within(timeout, ready())
        except TimeoutError:
            raise PeerError(Sentence("peer %1 not connected within %2 s", bytes(node_id).hex(), format(timeout, "g"))) from None

    async def close(self) -> None:
        """Stop everything: reconnection tasks, the listener, every connection."""
        for node_id in list(self._keepers):
            await self.forget(node_id)
        await self.stop_listening()
        for peer in list(self.peers.values()):
            peer.close("node shutting down")
        for peer in list(self.peers.values()):
            with contextlib.suppress(Exception):
                await within(5, peer.wait_closed())
        self.peers.clear()

    # -- internals --------------------------------------------------------------------------

    def _live(self, node_id: bytes) -> Peer | None:
        peer = self.peers.get(bytes(node_id))
        return peer if peer is not None and not peer.is_closed else None

    async def _register(self, peer: Peer) -> None:
        old = self.peers.get(peer.node_id)
        if old is not None and old is not peer and not old.is_closed:
            old.close("replaced by a newer connection")
        self.peers[peer.node_id] = peer
        async with self._changed:
            self._changed.notify_all()

    def _forget(self, peer: Peer) -> None:
        if self.peers.get(peer.node_id) is peer:
            del self.peers[peer.node_id]

    async def _keep(self, node_id: bytes, host: str, port: int) -> None:
        failures = 0
        # `forget` removes this task before cancelling it: the loop ends even when the
        # cancellation is swallowed (Python 3.11's wait_for does, when the connection
        # attempt ends at the same moment), so forget() and close() always return
        while self._keepers.get(node_id) is asyncio.current_task():
            peer = self._live(node_id)
            if peer is None:
                self.attempts[node_id] = self.attempts.get(node_id, 0) + 1
                try:
                    peer = await self.connect(host, port, node_id)
                except PeerError as e:
                    delay = backoff_delay(failures, self.backoff_initial, self.backoff_max)
                    failures += 1
                    delay *= random.uniform(0.8, 1.0)  # no thundering herd after an outage
                    log.info("reconnecting to %s:%d in %.1f s: %s", host, port, delay, e)
                    await asyncio.sleep(delay)
                    continue
            failures = 0
            await peer.wait_closed()
            await asyncio.sleep(self.backoff_initial * random.uniform(0.8, 1.0))
