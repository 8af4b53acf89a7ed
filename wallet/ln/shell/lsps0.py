"""LSPS0 (bLIP-50) over the node's peer connections: both sides, one object per node.

Client: `request(peer_id, method, params)` sends one JSON-RPC request in custom message
37913 and waits for the response with the same (random) id, at most `timeout` seconds
(`Lsps0Timeout`), failing at once if the connection drops. At most
`MAX_PENDING_PER_PEER` requests wait on one peer. A response with an id we did not send is
ignored; a malformed message from an LSP makes this connection unusable for LSPS
(bLIP-50: no more 37913 messages to it until we reconnect).

Provider: requests are answered through `router` (`lsps0.list_protocols` alone, listing
nothing, until the node serves an LSPS). Every peer has a
message budget (a token bucket: `BURST` then `RATE` per second): past it, its LSPS
messages are dropped unread, so a flood costs neither parsing nor replies.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
import weakref
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from wallet.errors import KiteError
from wallet.ln.shell.peer import Peer, PeerError
from wallet.ln.wire.errors import WireError
from wallet.ln.wire.messages import UnknownOddMessage
from wallet.lsp.jsonrpc import (
    INTERNAL_ERROR,
    LSPS0_MESSAGE_TYPE,
    BadMessage,
    Notification,
    Router,
    RpcError,
    decode_response,
    encode_error,
    encode_request,
    new_request_id,
    parse_object,
)
from wallet.sentence import Sentence

log = logging.getLogger("kite.lsp")

MAX_PENDING_PER_PEER = 8
DEFAULT_TIMEOUT = 30.0
BURST = 20
RATE = 2.0


class Lsps0Error(KiteError):
    """An LSPS request could not be made or answered (not connected, bad LSP, closed)."""


class Lsps0Timeout(Lsps0Error):
    """The LSP did not answer in time (a temporary failure: try again later)."""


@dataclass(frozen=True)
class RequestContext:
    """Who asks (the peer's node id, authenticated by BOLT 8) and when."""

    peer_id: bytes
    now: datetime


class _Bucket:
    def __init__(self) -> None:
        self.tokens = float(BURST)
        self.at = time.monotonic()
        self.dropped = 0

    def take(self) -> bool:
        now = time.monotonic()
        self.tokens = min(float(BURST), self.tokens + (now - self.at) * RATE)
        self.at = now
        if self.tokens >= 1:
            self.tokens -= 1
            return True
        self.dropped += 1
        return False


class Lsps0:
    """The LSPS0 transport of one node. `host` is the channel manager (its peers and its
    custom-message table)."""

    def __init__(self, host: Any, *, timeout: float = DEFAULT_TIMEOUT) -> None:
        self.host = host
        self.timeout = timeout
        # every Kite node answers `lsps0.list_protocols` (an empty list until it serves
        # something), so a wallet asking a peer that is no LSP learns it at once
        self.router: Router | None = Router()
        list_protocols_method(self.router, [])
        self._pending: dict[tuple[bytes, str], asyncio.Future] = {}
        self._buckets: weakref.WeakKeyDictionary[Peer, _Bucket] = weakref.WeakKeyDictionary()
        self._spoiled: weakref.WeakSet[Peer] = weakref.WeakSet()
        self.notifications: list[tuple[bytes, Notification]] = []
        host.custom_handlers[LSPS0_MESSAGE_TYPE] = self._on_message

    # -- client -------------------------------------------------------------------------------

    def _peer(self, peer_id: bytes) -> Peer:
        peer = self.host.peers.peers.get(bytes(peer_id))
        if peer is None or peer.is_closed:
            raise Lsps0Error("the LSP is not connected")
        return peer

    async def request(self, peer_id: bytes, method: str, params: dict[str, Any],
                      timeout: float | None = None) -> dict[str, Any]:
        """The `result` object of one request; RpcError for the LSP's error answer."""
        peer = self._peer(peer_id)
        if peer in self._spoiled:
            raise Lsps0Error("the LSP sent a malformed LSPS message on this connection; "
                             "reconnect to try again")
        if sum(1 for (pid, _) in self._pending if pid == peer.node_id) >= MAX_PENDING_PER_PEER:
            raise Lsps0Error(Sentence("%1 requests already wait on this LSP", MAX_PENDING_PER_PEER))
        rid = new_request_id()
        key = (peer.node_id, rid)
        future = asyncio.get_running_loop().create_future()
        self._pending[key] = future
        try:
            try:
                await peer.send(UnknownOddMessage(LSPS0_MESSAGE_TYPE,
                                                  encode_request(rid, method, params)))
            except (PeerError, WireError) as e:
                raise Lsps0Error(Sentence("could not send to the LSP: %1", e)) from None
            closed = asyncio.ensure_future(peer.wait_closed())
            try:
                done, _ = await asyncio.wait({future, closed}, timeout=timeout or self.timeout,
                                             return_when=asyncio.FIRST_COMPLETED)
            finally:
                closed.cancel()
            if future in done:
                return future.result()
            if closed in done:
                raise Lsps0Error("the LSP disconnected before it answered")
            raise Lsps0Timeout(Sentence("the LSP did not answer %1 within %2 s", method, format(timeout or self.timeout, "g")))
        finally:
            self._pending.pop(key, None)
            if not future.done():
                future.cancel()

    # -- both sides: incoming messages ------------------------------------------------------

    async def _on_message(self, peer: Peer, payload: bytes) -> None:
        bucket = self._buckets.get(peer)
        if bucket is None:
            bucket = self._buckets[peer] = _Bucket()
        if not bucket.take():
            if bucket.dropped == 1 or bucket.dropped % 1000 == 0:
                log.info("%s: LSPS messages over the rate; %d dropped", peer, bucket.dropped)
            return
        try:
            obj = parse_object(payload)
        except BadMessage as e:
            obj = None
            problem = str(e)
        is_response = obj is not None and ("result" in obj or "error" in obj)
        # garbage while we wait on this peer is its bad answer; else a bad request of its
        waiting = any(pid == peer.node_id for (pid, _) in self._pending)
        if self.router is not None and not is_response and not (obj is None and waiting):
            await self._serve(peer, payload)  # a request, or a parse error to answer
            return
        if obj is not None and "method" in obj and "id" in obj:
            log.debug("%s: LSPS request ignored (not an LSP)", peer)
            return
        if obj is None:
            self._spoil(peer, problem)
            return
        await self._on_response(peer, payload)

    def _spoil(self, peer: Peer, why: str) -> None:
        log.warning("%s: malformed LSPS message (%s); LSPS stopped on this connection",
                    peer, why[:120])
        self._spoiled.add(peer)
        for (pid, _rid), future in list(self._pending.items()):
            if pid == peer.node_id and not future.done():
                future.set_exception(Lsps0Error("the LSP sent a malformed LSPS message"))

    async def _on_response(self, peer: Peer, payload: bytes) -> None:
        try:
            message = decode_response(payload)
        except BadMessage as e:
            self._spoil(peer, str(e))
            return
        if isinstance(message, Notification):
            log.info("%s: LSPS notification %s ignored", peer, message.method[:64])
            return
        future = self._pending.get((peer.node_id, message.id)) if isinstance(message.id, str) else None
        if future is None or future.done():
            log.info("%s: LSPS response to an id we did not send; ignored", peer)
            return
        if message.error is not None:
            future.set_exception(message.error)
        else:
            future.set_result(message.result)

    async def _serve(self, peer: Peer, payload: bytes) -> None:
        assert self.router is not None
        context = RequestContext(peer.node_id, datetime.now(UTC))
        try:
            reply = self.router.handle(payload, context)
        except Exception:  # a bug in a handler: answer, log, keep the node
            log.exception("LSPS handler failed")
            rid = parse_object(payload).get("id")  # the router parsed it already
            reply = encode_error(rid if isinstance(rid, str | int) else None,
                                 RpcError(INTERNAL_ERROR, "Internal error"))
        if reply is None:
            return
        with contextlib.suppress(PeerError, WireError):
            await peer.send(UnknownOddMessage(LSPS0_MESSAGE_TYPE, reply))


def list_protocols_method(router: Router, protocols: list[int]) -> None:
    """`lsps0.list_protocols`: the LSPS numbers served (0 is never listed)."""
    served = sorted({p for p in protocols if p != 0})
    router.add("lsps0.list_protocols", set(), lambda params, ctx: {"protocols": served})


def parse_protocols(result: dict[str, Any]) -> list[int]:
    """A client's check of `lsps0.list_protocols`."""
    value = result.get("protocols")
    if not isinstance(value, list) or len(value) > 100 or not all(
            isinstance(p, int) and not isinstance(p, bool) and 0 < p < 1000 for p in value):
        raise Lsps0Error("the LSP's protocol list is not a short list of LSPS numbers")
    return sorted(set(value))
