"""One Lightning connection: the asyncio shell around the BOLT 8 transport and BOLT 1 control
messages (`init`, `ping`/`pong`, `warning`, `error`).

The protocol work is done elsewhere and is pure: `wallet.ln.transport` (handshake and
encryption), `wallet.ln.wire.messages` (codec), `wallet.ln.features` (BOLT 9). This module
only moves bytes and enforces the connection-level rules:

- the handshake has a deadline (a silent or slow peer is dropped), as has `init`;
- `init` must come first; a peer requiring an even feature we don't implement, missing a
  feature's dependency, or on another chain (`networks` TLV) gets an `error` and is dropped;
- `init` feature bits above MAX_KEPT_FEATURE_BIT are not kept (an even one among them is a
  requirement we refuse), so a 65 KB vector costs nothing to keep or log;
- pings are answered within a budget (`PeerConfig.ping_answer_*`; far beyond it the peer is
  dropped), and we ping periodically: no pong in time closes the connection;
- inbound connections are capped overall and per IP address (`PeerConfig.max_inbound*`);
- one connection never holds the event loop for more than a few messages (`TURN`): a
  flooding peer's buffered messages take turns with every other connection's;
- anything undecodable (bad MAC, garbage, unknown even message type, malformed fields)
  closes *this* connection, never the process; gossip messages are ignored, unknown odd
  ones go to `PeerHandler.custom_message` (ignored unless a bLIP extension claims them);
- every other message goes to the handler registered for its channel id (the channel
  shell), or else to the connection-level `PeerHandler`.

`connect()` opens an outbound connection; `PeerListener` accepts inbound ones;
`PeerManager` (in `wallet.ln.shell.peer_manager`) keeps connections by node id and reconnects.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace

from coincurve import PrivateKey, PublicKey

from wallet.deadline import within
from wallet.errors import KiteError
from wallet.ln import features as bolt9
from wallet.ln.features import Features
from wallet.ln.onion.onion_message import ONION_MESSAGE_TYPE
from wallet.ln.transport import (
    ACT_ONE_SIZE,
    ACT_THREE_SIZE,
    ACT_TWO_SIZE,
    InitiatorHandshake,
    ResponderHandshake,
    Transport,
)
from wallet.ln.wire.errors import TransportError, WireError
from wallet.ln.wire.messages import (
    ErrorMessage,
    GossipMessage,
    Init,
    Message,
    OpenChannel,
    Ping,
    Pong,
    UnknownOddMessage,
    WarningMessage,
    decode_message,
)
from wallet.networks import Network
from wallet.sentence import Sentence

log = logging.getLogger("kite.ln.peer")

ZERO_CHANNEL_ID = bytes(32)
READ_CHUNK = 65536
#: BOLT 1: a ping asking for this many pong bytes or more must be ignored
PONG_BYTES_LIMIT = 65532
#: messages one connection handles from what it already received before the others get a
#: turn (a yield to the loop each message cost an honest payment ~10% more CPU)
TURN = 8
#: how many pong bytes our own pings ask for (non-zero, so the reply's length is checked)
OUR_PONG_BYTES = 8

#: What Kite advertises in `init` (all optional: we never require anything of a peer).
#: 149 and 151 are the trampoline bits eclair/Phoenix and Electrum look for. Anchors (23):
#: eclair and Electrum 4.8 open only anchor channels; a peer without them (Electrum 4.3)
#: still gets a static_remotekey channel (`params.choose_channel_type`). Onion messages
#: (39): we relay them for our peers and receive them (`onion_messenger.py`). Peer storage
#: (43): we keep a blob for each peer with a channel (`peer_storage.py`). option_scid_alias
#: (47) and option_zeroconf (51, BOLT 9: "understands zeroconf channel types"): an LSP
#: opens a JIT channel as option_scid_alias + option_zeroconf, and LND, CLN and Kite's own
#: LSP put option_zeroconf in a channel_type only when the peer's init offers it (BOLT 2:
#: a type with a feature not negotiated is not sent). Offering it accepts nothing by
#: itself: a zero-conf open is refused unless its opener is the LSP we bought a JIT channel
#: from, during that purchase (`params.parse_channel_type`, `ChannelManager.zeroconf_ok`).
DEFAULT_FEATURES = Features.of(
    "option_data_loss_protect",
    "gossip_queries",
    "var_onion_optin",
    "option_static_remotekey",
    "option_anchors_zero_fee_htlc_tx",
    "payment_secret",
    "basic_mpp",
    "option_support_large_channel",
    "option_shutdown_anysegwit",
    "option_channel_type",
    "option_scid_alias",
    "option_zeroconf",
    "trampoline_payment_prototype",
    "option_onion_messages",
    "option_trampoline_routing_electrum",
    "option_provide_storage",
)


def _unopened_channel_id(raw: bytes) -> bytes | None:
    """The temporary channel id of an open_channel (type 32: then chain_hash, then the id)
    that did not decode, so the channel it proposes can be failed; None for anything else."""
    if len(raw) >= 2 + 32 + 32 and int.from_bytes(raw[:2], "big") == OpenChannel.TYPE:
        return raw[2 + 32:2 + 64]
    return None


class PeerError(KiteError):
    """A connection could not be set up or was lost; the message says why."""


class HandshakeFailed(PeerError):
    """The BOLT 8 handshake did not complete (wrong node id, timeout, bad bytes)."""


class InitFailed(PeerError):
    """`init` was not exchanged, or the peer is incompatible (features, chain)."""


class PeerClosed(PeerError):
    """The connection is closed; nothing more can be sent on it."""


def chain_hash(network: Network) -> bytes:
    """The genesis block hash in wire (internal) byte order, as `init` and BOLT 2 carry it."""
    return bytes.fromhex(network.genesis_hash)[::-1]


@dataclass(frozen=True)
class PeerConfig:
    """Everything tunable about a connection; the defaults suit a real network."""

    chain_hash: bytes
    features: Features = DEFAULT_FEATURES
    connect_timeout: float = 10.0
    handshake_timeout: float = 10.0
    init_timeout: float = 20.0
    ping_interval: float = 60.0
    pong_timeout: float = 30.0
    send_timeout: float = 30.0
    #: inbound connections allowed at once (handshakes in progress included), and from one
    #: IP address (one host must not fill every slot)
    max_inbound: int = 200
    max_inbound_per_address: int = 8
    #: pings we answer: a burst, then one per `ping_answer_interval` seconds (BOLT 1: a
    #: node may fail a peer pinging "significantly in excess of one ping per 30 seconds").
    #: The excess is not answered; past `ping_excess_limit` of it, a warning and we hang up.
    ping_answer_burst: int = 10
    ping_answer_interval: float = 30.0
    ping_excess_limit: int = 100
    #: feature names we implement; a peer requiring any other even bit is refused.
    #: Default: the features we advertise.
    implemented: frozenset[str] | None = field(default=None)

    def implemented_names(self) -> frozenset[str]:
        if self.implemented is not None:
            return self.implemented
        return frozenset(f.name for f in bolt9.FEATURES if self.features.supports(f.name))


ChannelHandler = Callable[["Peer", Message], Awaitable[None]]


class PeerHandler:
    """Connection-level callbacks. Subclass it; every method has a harmless default."""

    async def peer_ready(self, peer: Peer) -> None:
        """`init` was exchanged: the peer can be used."""

    async def peer_message(self, peer: Peer, message: Message) -> None:
        """A message no channel handler claimed (e.g. `open_channel` for a new channel)."""
        log.info("%s: no handler for %s; ignored", peer, message.NAME)

    async def peer_closed(self, peer: Peer, reason: str) -> None:
        """The connection is gone (called only for peers that got `peer_ready`)."""

    async def custom_message(self, peer: Peer, message: UnknownOddMessage) -> None:
        """An odd message no BOLT defines (bLIP extensions, e.g. LSPS0's 37913)."""
        log.debug("%s: ignoring message type %d", peer, message.type)


def _as_private_key(key: bytes | PrivateKey) -> PrivateKey:
    if isinstance(key, PrivateKey):
        return key
    try:
        return PrivateKey(bytes(key))
    except Exception:
        raise PeerError("local node key is not a valid secp256k1 private key") from None


def _printable(data: bytes, limit: int = 200) -> str:
    """A peer's error text made safe for a log line."""
    text = data[:limit].decode("ascii", "replace")
    text = "".join(c if c.isprintable() else "?" for c in text)
    return text + ("..." if len(data) > limit else "")


#: the highest feature bit kept from a peer's `init`: above every bit assigned today (the
#: deployed trampoline bits end at 151), with room. Odd bits above it are dropped unread ("it's
#: OK to be odd"); an even one is a requirement we cannot meet. A 65 KB vector of odd bits
#: thus costs a few integers, not a set of 500,000 (nor a log line as long).
MAX_KEPT_FEATURE_BIT = 255


def bounded_features(*vectors: bytes) -> tuple[Features, int | None, int]:
    """The union of wire feature vectors, bits above MAX_KEPT_FEATURE_BIT left out; with
    the lowest even (required) bit among those left out, if any, and how many were. Linear
    in the vectors' length."""
    value = 0
    for vector in vectors:
        value |= int.from_bytes(vector, "big")
    cut = MAX_KEPT_FEATURE_BIT + 1
    above = value >> cut
    kept = Features.from_int(value & ((1 << cut) - 1))
    if not above:
        return kept, None, 0
    size = (above.bit_length() + 7) // 8
    evens = above & int.from_bytes(b"\x55" * size, "big")  # `cut` is even: so are these
    required = None if not evens else cut + (evens & -evens).bit_length() - 1
    return kept, required, above.bit_count()


def missing_dependencies(features: Features) -> list[str]:
    """BOLT 9 dependencies the feature vector doesn't set ("a requires b")."""
    out = []
    for feature in bolt9.FEATURES:
        if features.supports(feature.name):
            out += [f"{feature.name} requires {dep}" for dep in feature.depends
                    if not features.supports(dep)]
    return out


# -- handshake ---------------------------------------------------------------------------------


async def _read_act(reader: asyncio.StreamReader, size: int, act: int) -> bytes:
    try:
        return await reader.readexactly(size)
    except asyncio.IncompleteReadError as e:
        if not e.partial:
            raise HandshakeFailed(Sentence("peer closed the connection before act %1", act)) from None
        raise HandshakeFailed(Sentence("act %1 truncated: %2 of %3 bytes", act, len(e.partial), size)) from None


async def _handshake_outbound(reader: asyncio.StreamReader, writer: asyncio.StreamWriter,
                              local_key: PrivateKey, remote_node_id: bytes) -> Transport:
    try:
        handshake = InitiatorHandshake(local_key, remote_node_id)
        writer.write(handshake.act_one())
        await writer.drain()
        try:
            act_two = await _read_act(reader, ACT_TWO_SIZE, 2)
        except HandshakeFailed as e:
            # A responder whose key is not `remote_node_id` cannot check act one: it hangs up.
            raise HandshakeFailed(Sentence("%1 (is the node id right?)", e)) from None
        act_three, transport = handshake.process_act_two(act_two)
        writer.write(act_three)
        await writer.drain()
    except TransportError as e:
        raise HandshakeFailed(str(e)) from None
    return transport


async def _handshake_inbound(reader: asyncio.StreamReader, writer: asyncio.StreamWriter,
                             local_key: PrivateKey) -> Transport:
    try:
        handshake = ResponderHandshake(local_key)
        act_two = handshake.process_act_one(await _read_act(reader, ACT_ONE_SIZE, 1))
        writer.write(act_two)
        await writer.drain()
        return handshake.process_act_three(await _read_act(reader, ACT_THREE_SIZE, 3))
    except TransportError as e:
        raise HandshakeFailed(str(e)) from None


async def _with_timeout(coro: Awaitable[Transport], timeout: float) -> Transport:
    try:
        return await within(timeout, coro)
    except TimeoutError:
        raise HandshakeFailed(Sentence("handshake did not complete within %1 s", format(timeout, "g"))) from None
    except (ConnectionError, OSError) as e:
        raise HandshakeFailed(Sentence("connection lost during the handshake: %1", e)) from None


# -- the connection ----------------------------------------------------------------------------


@dataclass
class _PendingPing:
    pong_bytes: int
    sent_at: float
    deadline: float
    reply: asyncio.Future


class Peer:
    """An established, encrypted connection to one node; `init` not yet exchanged until
    `start()` returns. One task (`run()`) reads, dispatches and pings."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter,
                 transport: Transport, config: PeerConfig, handler: PeerHandler | None = None,
                 *, outbound: bool) -> None:
        self.node_id: bytes = transport.remote_pubkey
        self.config = config
        self.handler = handler or PeerHandler()
        self.outbound = outbound
        #: HOST:PORT we dialed (outbound connections): where to reach the peer again
        self.dialed: str | None = None
        self.local_features = config.features
        self.remote_features: Features | None = None
        self.remote_init: Message | None = None
        self.close_reason: str | None = None
        self._reader = reader
        self._writer = writer
        self._transport = transport
        self._send_lock = asyncio.Lock()
        self._channels: dict[bytes, ChannelHandler] = {}
        self._ping: _PendingPing | None = None
        self._closed = asyncio.Event()
        self._ready = False
        self._loop = asyncio.get_running_loop()
        self._next_ping_at = self._loop.time() + config.ping_interval
        self._ping_budget = float(config.ping_answer_burst)
        self._ping_budget_at = self._loop.time()
        self._pings_ignored = 0
        self.task: asyncio.Task | None = None

    def __repr__(self) -> str:
        return f"Peer({self.node_id.hex()[:16]}…, {'out' if self.outbound else 'in'})"

    # -- public API -------------------------------------------------------------------------

    @property
    def is_closed(self) -> bool:
        return self._closed.is_set()

    def supports(self, name: str) -> bool:
        """Both sides offer feature `name` (so either may use it)."""
        return (self.remote_features is not None and self.remote_features.supports(name)
                and self.local_features.supports(name))

    def register_channel(self, channel_id: bytes, handler: ChannelHandler) -> None:
        """Route messages carrying `channel_id` (or `temporary_channel_id`) to `handler`."""
        self._channels[bytes(channel_id)] = handler

    def unregister_channel(self, channel_id: bytes) -> None:
        self._channels.pop(bytes(channel_id), None)

    async def send(self, message: Message) -> None:
        """Encrypt and send one message. Raises WireError (nothing sent, connection intact)
        for a message that cannot be encoded, PeerClosed if the connection is gone."""
        data = message.encode()
        await self._send_raw(data)

    async def send_error(self, text: str, channel_id: bytes = ZERO_CHANNEL_ID, *,
                         warning: bool = False) -> None:
        cls = WarningMessage if warning else ErrorMessage
        with contextlib.suppress(PeerError, WireError):
            await self.send(cls(channel_id=channel_id, data=text.encode()[:1000]))

    async def ping(self, timeout: float | None = None) -> float:
        """Ping the peer and return the round trip in seconds (PeerError if no pong)."""
        pending = self._ping or await self._send_ping()
        try:
            return await within(timeout or self.config.pong_timeout, asyncio.shield(pending.reply))
        except TimeoutError:
            raise PeerError(Sentence("%1: no pong within the timeout", self)) from None

    def close(self, reason: str = "closed by us") -> None:
        """Close the connection (idempotent); the run task then ends."""
        if self.close_reason is None:
            self.close_reason = reason
            log.info("%s: closing: %s", self, reason)
        if self._ping is not None and not self._ping.reply.done():
            self._ping.reply.set_exception(PeerClosed(f"{self}: {self.close_reason}"))
            self._ping.reply.exception()  # retrieved: no "never retrieved" warning
        with contextlib.suppress(Exception):
            self._writer.close()
        if self.task is None or self.task.done():
            self._closed.set()

    async def wait_closed(self) -> None:
        await self._closed.wait()

    # -- start-up ---------------------------------------------------------------------------

    async def start(self) -> None:
        """Send our `init`, receive theirs and check it; raises InitFailed (and closes)."""
        ours = Init(globalfeatures=b"", features=self.local_features.to_bytes(),
                    networks=(self.config.chain_hash,))
        try:
            await self.send(ours)
            raw = await within(self.config.init_timeout, self._read_message())
            message = decode_message(raw)
        except TimeoutError:
            self.close("no init in time")
            raise InitFailed(Sentence("%1: no init within %2 s", self, format(self.config.init_timeout, "g"))) from None
        except (PeerError, WireError, OSError) as e:
            self.close(f"init failed: {e}")
            raise InitFailed(Sentence("%1: init failed: %2", self, e)) from None
        if isinstance(message, ErrorMessage | WarningMessage):
            self.close("peer sent an error instead of init")
            raise InitFailed(Sentence("%1: peer sent %2 instead of init: %3", self, message.NAME, _printable(message.data)))
        if not isinstance(message, Init):
            await self.send_error("init must be the first message")
            self.close(f"first message was {getattr(message, 'NAME', message)}, not init")
            raise InitFailed(Sentence("%1: the first message was not init", self))
        problem = self._check_init(message)
        if problem:
            await self.send_error(problem)
            self.close(problem)
            raise InitFailed(Sentence("%1: %2", self, problem))
        # kept without what bounded_features left out
        self.remote_init = replace(message, globalfeatures=b"",
                                   features=self.remote_features.to_bytes())
        self._ready = True
        names = self.remote_features.names()
        log.info("%s: init done; their features: %s%s", self, ", ".join(names[:40]),
                 f" and {len(names) - 40} more" if len(names) > 40 else "")

    def _check_init(self, message: Message) -> str | None:
        remote, required_above, dropped = bounded_features(message.globalfeatures,
                                                           message.features)
        self.remote_features = remote
        if required_above is not None:
            return f"you require features we don't support: bits {required_above}, ..."
        if dropped:
            log.info("%s: %d unknown odd feature bits above %d ignored", self, dropped,
                     MAX_KEPT_FEATURE_BIT)
        unknown = bolt9.unknown_required(remote, self.config.implemented_names())
        if unknown:
            return f"you require features we don't support: bits {', '.join(map(str, unknown))}"
        missing = missing_dependencies(remote)
        if missing:
            return "feature dependencies not met: " + "; ".join(missing)
        if message.networks is not None and self.config.chain_hash not in message.networks:
            return "no common network: you are on another chain"
        return None

    # -- the task ---------------------------------------------------------------------------

    async def run(self) -> None:
        """Read and dispatch until the connection closes; pings on schedule. Never raises
        for anything the peer does."""
        try:
            in_a_row = 0  # messages handled since this connection last waited
            while not self.is_closed and self.close_reason is None:
                raw = self._transport.next_message()
                if raw is None:
                    in_a_row = 0
                    timeout = self._next_timer() - self._loop.time()
                    try:
                        raw = await within(max(timeout, 0), self._read_message())
                    except TimeoutError:
                        await self._on_timer()
                        continue
                else:
                    # already received: no deadline needed, but let the other connections
                    # run every few of this one's messages (a flood arrives 64 KB, a
                    # thousand small messages, at a time) and keep our timers
                    in_a_row += 1
                    if in_a_row % TURN == 0:
                        await asyncio.sleep(0)
                    if self._loop.time() >= self._next_timer():
                        await self._on_timer()
                    if self.is_closed or self.close_reason is not None:
                        break
                await self._handle(raw)
        except PeerClosed as e:
            self.close(str(e))
        except WireError as e:
            await self.send_error(str(e), warning=True)
            self.close(f"protocol violation: {e}")
        except (ConnectionError, OSError) as e:
            self.close(f"connection lost: {e}")
        except asyncio.CancelledError:
            self.close("cancelled")
            raise
        except Exception as e:  # a bug in a handler: drop this peer, keep the node
            log.exception("%s: handler failed", self)
            self.close(f"internal error: {type(e).__name__}")
        finally:
            self.close(self.close_reason or "closed")
            self._closed.set()
            if self._ready:
                with contextlib.suppress(Exception):
                    await self.handler.peer_closed(self, self.close_reason or "closed")

    async def _read_message(self) -> bytes:
        while True:
            raw = self._transport.next_message()
            if raw is not None:
                return raw
            chunk = await self._reader.read(READ_CHUNK)
            if not chunk:
                raise PeerClosed("peer closed the connection")
            self._transport.receive_data(chunk)

    def _next_timer(self) -> float:
        return self._ping.deadline if self._ping is not None else self._next_ping_at

    async def _on_timer(self) -> None:
        now = self._loop.time()
        if self._ping is not None:
            if now >= self._ping.deadline:
                self.close(f"no pong within {self.config.pong_timeout:g} s")
        elif now >= self._next_ping_at:
            await self._send_ping()

    async def _send_ping(self) -> _PendingPing:
        now = self._loop.time()
        pending = _PendingPing(OUR_PONG_BYTES, now, now + self.config.pong_timeout,
                               self._loop.create_future())
        self._ping = pending
        self._next_ping_at = now + self.config.ping_interval
        await self.send(Ping(num_pong_bytes=OUR_PONG_BYTES, ignored=b""))
        return pending

    async def _send_raw(self, data: bytes) -> None:
        if self.close_reason is not None:
            raise PeerClosed(Sentence("%1: connection closed (%2)", self, self.close_reason))
        async with self._send_lock:
            try:
                self._writer.write(self._transport.encrypt_message(data))
                await within(self.config.send_timeout, self._writer.drain())
            except TimeoutError:
                self.close("peer does not read what we send")
                raise PeerClosed(Sentence("%1: send timed out", self)) from None
            except (ConnectionError, OSError) as e:
                self.close(f"connection lost: {e}")
                raise PeerClosed(Sentence("%1: connection lost: %2", self, e)) from None

    # -- dispatch ---------------------------------------------------------------------------

    async def _handle(self, raw: bytes) -> None:
        try:
            message = decode_message(raw)  # WireError: the caller closes the connection
        except WireError as e:
            channel_id = _unopened_channel_id(raw)
            if channel_id is None:
                raise
            # BOLT 2: an open_channel whose keys are not valid points "MUST fail the
            # channel": an error naming its temporary channel id (not a bare warning)
            await self.send_error(f"open_channel refused: {e}", channel_id)
            raise PeerClosed(Sentence("open_channel refused: %1", e)) from None
        if isinstance(message, GossipMessage) and message.type == 258:
            # channel_update: our peer's policy for a private channel of ours (BOLT 7)
            await self.handler.peer_message(self, message)
        elif isinstance(message, UnknownOddMessage) and message.type == ONION_MESSAGE_TYPE:
            await self.handler.peer_message(self, message)  # onion_message (BOLT 4)
        elif isinstance(message, UnknownOddMessage):
            await self.handler.custom_message(self, message)
        elif isinstance(message, GossipMessage):
            log.debug("%s: ignoring message type %d", self, message.type)
        elif isinstance(message, Ping):
            if message.num_pong_bytes < PONG_BYTES_LIMIT and self._may_answer_ping():
                await self.send(Pong(ignored=bytes(message.num_pong_bytes)))
        elif isinstance(message, Pong):
            self._on_pong(message)
        elif isinstance(message, Init):
            log.info("%s: ignoring a second init", self)
        elif isinstance(message, ErrorMessage | WarningMessage):
            await self._on_error(message)
        else:
            await self._dispatch(message)

    def _may_answer_ping(self) -> bool:
        """Spend one from the ping budget (a token bucket, see PeerConfig); a peer far over
        it is warned and dropped (WireError: the run loop sends the warning and closes)."""
        cfg, now = self.config, self._loop.time()
        refill = (now - self._ping_budget_at) / cfg.ping_answer_interval
        self._ping_budget = min(float(cfg.ping_answer_burst), self._ping_budget + refill)
        self._ping_budget_at = now
        if self._ping_budget >= 1:
            self._ping_budget -= 1
            return True
        self._pings_ignored += 1
        if self._pings_ignored == 1:
            log.info("%s: pinging too often; pings left unanswered", self)
        if self._pings_ignored > cfg.ping_excess_limit:
            raise WireError(Sentence("more than %1 pings over the rate of one per %2 s", cfg.ping_excess_limit, format(cfg.ping_answer_interval, "g")))
        return False

    def _on_pong(self, message: Message) -> None:
        pending = self._ping
        if pending is None:
            log.debug("%s: unsolicited pong ignored", self)
            return
        if len(message.ignored) != pending.pong_bytes:
            raise WireError(Sentence("pong of %1 bytes, we asked for %2", len(message.ignored), pending.pong_bytes))
        self._ping = None
        if not pending.reply.done():
            pending.reply.set_result(self._loop.time() - pending.sent_at)

    async def _on_error(self, message: Message) -> None:
        kind = message.NAME
        everything = message.channel_id == ZERO_CHANNEL_ID
        log.warning("%s: %s for %s: %s", self, kind,
                    "all channels" if everything else message.channel_id.hex(),
                    _printable(message.data))
        if everything:
            for handler in list(self._channels.values()):
                await handler(self, message)
            await self.handler.peer_message(self, message)
        else:
            await self._dispatch(message)

    async def _dispatch(self, message: Message) -> None:
        key = getattr(message, "channel_id", None)
        if key is None:
            key = getattr(message, "temporary_channel_id", None)
        handler = self._channels.get(key) if key is not None else None
        if handler is not None:
            await handler(self, message)
        else:
            await self.handler.peer_message(self, message)


# -- entry points ------------------------------------------------------------------------------


async def connect(host: str, port: int, remote_node_id: bytes, local_key: bytes | PrivateKey,
                  config: PeerConfig, handler: PeerHandler | None = None) -> Peer:
    """Open an outbound connection, do the handshake and `init`, start the peer's task.

    Raises HandshakeFailed / InitFailed / PeerError with a readable reason; nothing is left
    open on failure."""
    key = _as_private_key(local_key)
    remote_node_id = bytes(remote_node_id)
    try:
        if len(remote_node_id) != 33:
            raise ValueError
        PublicKey(remote_node_id)
    except Exception:
        raise HandshakeFailed("remote node id is not a valid 33-byte public key") from None
    try:
        reader, writer = await within(config.connect_timeout, asyncio.open_connection(host, port))
    except TimeoutError:
        raise PeerError(Sentence("could not connect to %1:%2 within %3 s", host, port, format(config.connect_timeout, "g"))) from None
    except OSError as e:
        raise PeerError(Sentence("could not connect to %1:%2: %3", host, port, e.strerror or e)) from None
    try:
        transport = await _with_timeout(
            _handshake_outbound(reader, writer, key, bytes(remote_node_id)),
            config.handshake_timeout)
    except BaseException:
        writer.close()
        raise
    peer = Peer(reader, writer, transport, config, handler, outbound=True)
    peer.dialed = f"{host}:{port}"
    try:
        await peer.start()
    except BaseException:  # InitFailed, or cancelled while waiting for init
        peer.close("init did not complete")
        raise
    peer.task = asyncio.get_running_loop().create_task(peer.run(), name=f"peer {peer}")
    await peer.handler.peer_ready(peer)
    return peer


class PeerListener:
    """An asyncio server accepting inbound connections: handshake, `init`, then the peer's
    task (the server's per-connection task). `on_peer(peer)` is awaited once `init` is done,
    before the peer's messages are read (a PeerManager registers it there)."""

    def __init__(self, local_key: bytes | PrivateKey, config: PeerConfig,
                 handler: PeerHandler | None = None,
                 on_peer: Callable[[Peer], Awaitable[None]] | None = None) -> None:
        self._key = _as_private_key(local_key)
        self.node_id = self._key.public_key.format(compressed=True)
        self.config = config
        self.handler = handler or PeerHandler()
        self.on_peer = on_peer
        self._server: asyncio.base_events.Server | None = None
        self._connections: set[asyncio.StreamWriter] = set()
        self._per_address: dict[str, int] = {}
        self.port: int | None = None

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> int:
        """Start listening; returns the port (useful with port 0)."""
        self._server = await asyncio.start_server(self._accept, host, port)
        self.port = self._server.sockets[0].getsockname()[1]
        log.info("listening for Lightning peers on %s:%d", host, self.port)
        return self.port

    async def close(self) -> None:
        """Stop listening and close every inbound connection."""
        if self._server is not None:
            self._server.close()
            for writer in list(self._connections):
                writer.close()
            await self._server.wait_closed()
            self._server = None

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        peername = writer.get_extra_info("peername")
        address = str(peername[0]) if isinstance(peername, tuple) and peername else "?"
        if len(self._connections) >= self.config.max_inbound:
            log.warning("too many inbound connections; refusing one")
            writer.close()
            return
        if self._per_address.get(address, 0) >= self.config.max_inbound_per_address:
            log.info("too many inbound connections from %s; refusing one", address[:64])
            writer.close()
            return
        self._connections.add(writer)
        self._per_address[address] = self._per_address.get(address, 0) + 1
        try:
            await self._serve(reader, writer)
        except asyncio.CancelledError:
            writer.close()
        except Exception:  # never let one connection's failure escape into the server
            log.exception("inbound connection failed")
        finally:
            self._connections.discard(writer)
            left = self._per_address.pop(address, 1) - 1
            if left:
                self._per_address[address] = left
            writer.close()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            transport = await _with_timeout(_handshake_inbound(reader, writer, self._key),
                                            self.config.handshake_timeout)
        except HandshakeFailed as e:
            log.info("inbound handshake failed: %s", e)
            return
        peer = Peer(reader, writer, transport, self.config, self.handler, outbound=False)
        try:
            await peer.start()
        except InitFailed as e:
            log.info("%s", e)
            return
        peer.task = asyncio.current_task()
        if self.on_peer is not None:
            await self.on_peer(peer)
        await peer.handler.peer_ready(peer)
        await peer.run()


def random_node_key() -> PrivateKey:
    """A fresh node key (tests, throwaway nodes)."""
    return PrivateKey(os.urandom(32))
