"""The channel shell: holds every channel's state, feeds it events (peer messages, commands,
chain and connection events) through the pure state machine, and performs the actions it
returns, in order. `PersistState` is written durably (one SQLite transaction) before any
action after it runs, so nothing that commits us leaves the process unsaved.

HTLC decisions go through the `HtlcSwitch` (`htlc_switch.py`): every committed incoming
HTLC is peeled there and handed to the receiver (`payments.py`) or the forwarder (the
trampoline role); outgoing HTLCs are sent with `send_htlc` and their outcome is awaited by
(key_index, htlc_id). `pay` and `create_invoice` are entry points into `Payments`.

Chain access goes through a `ChainBackend` (see `NodeChainBackend` for the real one over
`ChainNode`): building the funding transaction, broadcasting, the status of a funding
output. Funding outputs are polled whenever the tip moves (and every few seconds while one
is unconfirmed or open), since the Electrum session's notifications belong to the chain node.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import time
from collections.abc import Awaitable, Callable
from typing import Any

from bitcoin.core import CTransaction

from wallet.deadline import within
from wallet.errors import InputError, KiteError
from wallet.keys.lightning import LightningKeys
from wallet.ln.channel import events as ev
from wallet.ln.channel import states as st
from wallet.ln.channel.channel_update import (
    CHANNEL_UPDATE_TYPE,
)
from wallet.ln.channel.errors import ChannelCommandError, ChannelProtocolError
from wallet.ln.channel.machine import process
from wallet.ln.channel.opening import DISCONNECTED_BEFORE_FUNDING, check_inbound_open
from wallet.ln.channel.params import ChannelPolicy, choose_channel_type
from wallet.ln.enforcement.close_plan import Plan
from wallet.ln.features import Features
from wallet.ln.htlc.payment_plan import receivable_msat, sendable_msat
from wallet.ln.htlc.relay_policy import DEFAULT_RELAY
from wallet.ln.recovery.record import RecoveryRecord, record_script
from wallet.ln.shell.chain_follower import ChainFollower
from wallet.ln.shell.channel_updates import ChannelUpdates
from wallet.ln.shell.closing_watch import ClosingWatch
from wallet.ln.shell.live_channel import Channel
from wallet.ln.shell.manager_errors import ChannelManagerError, OpenInterrupted, OpenRefused
from wallet.ln.shell.open_rate import OpenRate
from wallet.ln.shell.peer import Peer, PeerConfig, PeerError, PeerHandler, chain_hash
from wallet.ln.shell.peer_manager import PeerManager
from wallet.ln.shell.ports import (
    ChainBackend,
    Emit,
    HtlcEvents,
    LostChannels,
    OnionMessages,
    PeerStorageEvents,
)
from wallet.ln.store.channel_store import ChannelStore
from wallet.ln.store.payment_log import PaymentLog
from wallet.ln.wire import messages as m
from wallet.ln.wire.primitives import ShortChannelId
from wallet.networks import Network
from wallet.sentence import Sentence

log = logging.getLogger("kite.ln.channels")

OPEN_TIMEOUT = 60.0
MAX_UNFUNDED_PER_PEER = 3  # inbound opens a peer may have in progress at once
#: inbound channels not funded yet (opening, or waiting for the funding to confirm), all
#: peers together; beyond, an open_channel is refused with nothing stored. The fundee
#: forgets one whose funding has not confirmed after 2016 blocks (`opening`), freeing it.
MAX_PENDING_INBOUND = 10


#: commands that only change the channel's updates (and sign them): consecutive ones are
#: persisted once (`ChannelManager._fold_updates`)
_FOLDABLE = (ev.CmdAddHtlc, ev.CmdFulfillHtlc, ev.CmdFailHtlc, ev.CmdFailMalformedHtlc,
             ev.CmdSign)


def _random_alias() -> ShortChannelId:
    r = os.urandom(8)
    return ShortChannelId(int.from_bytes(r[:3], "big"), int.from_bytes(r[3:6], "big"),
                          int.from_bytes(r[6:], "big"))


def _rewatch_funding(ch: Channel) -> None:
    """After a restart, watch the funding output again: its confirmation if still awaited,
    and always its spend (a force close or a revoked commitment published meanwhile)."""
    inner = ch.inner
    c = st.commitments_of(inner)
    if c is None or isinstance(inner, st.WaitForFundingSigned):
        return
    p = c.params
    awaiting = isinstance(inner, st.WaitForFundingConfirmed)
    # a zero-conf channel in use before its funding confirmed: its scid is still to learn
    unconfirmed = getattr(inner, "short_channel_id", 0) is None and isinstance(
        inner, st.WaitForChannelReady | st.Normal)
    depth = (inner.minimum_depth if awaiting else 1 if unconfirmed
             else inner.setup.policy.minimum_depth)
    ch.watch = ev.WatchFundingOutput(p.funding_txid, p.funding_output_index,
                                     p.funding_script_pubkey, p.funding_sat, depth)
    if not awaiting and not unconfirmed:
        ch.depth_fed = depth  # channel_ready is behind us: only the spend matters


def _local_msat(state: Any) -> int | None:
    """Our balance in our latest commitment (None before there is one)."""
    c = st.commitments_of(state)
    return None if c is None else c.local_commit.view.to_local_msat


class ChannelManager(PeerHandler):
    def __init__(self, lightning: LightningKeys, network: Network, store: ChannelStore,
                 chain: ChainBackend, *, policy: ChannelPolicy | None = None,
                 peer_config: PeerConfig | None = None, emit: Emit | None = None,
                 poll_interval: float = 2.0, backoff_initial: float = 1.0) -> None:
        self.lightning = lightning
        self.network = network
        self.store = store
        self.chain = chain
        self.policy = policy or ChannelPolicy()
        self.emit = emit or (lambda kind, data: None)
        self.poll_interval = poll_interval
        config = peer_config or PeerConfig(chain_hash=chain_hash(network))
        self.peers = PeerManager(lightning.node_private_key, config, self,
                                 backoff_initial=backoff_initial, backoff_max=60.0)
        self.channels: dict[int, Channel] = {}
        self.payment_log = PaymentLog(store.db)
        self.htlcs: HtlcEvents | None = None  # the switch, wired by the LightningNode
        self._poll_task: asyncio.Task | None = None
        self.follower = ChainFollower(self)  # per-block work (chain_follower.py)
        # one open at a time: a funding transaction is only in the wallet's ledger once
        # broadcast, so two opens building at once could pick the same coins
        self._open_lock = asyncio.Lock()
        self._tasks: set[asyncio.Task] = set()
        self._changed = asyncio.Event()  # set (and replaced) after each fed step
        self.listen_port: int | None = None
        self.closing_watch = ClosingWatch(chain, store, self.emit)  # BOLT 5
        # what our channel_update tells each peer: the plain-relay policy our own invoices'
        # route hints advertise and the forwarder checks
        self.relay_policy = DEFAULT_RELAY
        # the "recoverable channels" setting: a recovery record in each funding transaction
        self.recoverable_channels = True
        # who answers a channel_reestablish for a channel we hold no state of (recovery)
        self.lost_channels: LostChannels | None = None
        self.updates = ChannelUpdates(self, lightning.node_private_key)  # BOLT 7, private
        # who relays and receives onion messages (the composition root installs it)
        self.onion_messages: OnionMessages | None = None
        # BOLT 1 peer storage (both roles), wired by the LightningNode
        self.peer_storage: PeerStorageEvents | None = None
        self.max_pending_inbound = MAX_PENDING_INBOUND
        # how often peers may open channels to us (`open_rate.py`), on this clock; the
        # peers in `open_exempt` (our LSP, set by the daemon) and those we bought a JIT
        # channel from are never limited by it nor by the overall pending cap
        self.open_rate = OpenRate()
        self.clock: Callable[[], float] = time.monotonic
        self.open_exempt: set[bytes] = set()
        # peers allowed to open zero-conf channels to us, until when (time.time()): an LSP
        # we bought a JIT channel from, while that purchase lasts (`trust_zeroconf`)
        self.zeroconf_peers: dict[bytes, float] = {}
        # bLIP extensions over custom messages, by message type (LSPS0: `lsps0.py`)
        self.custom_handlers: dict[int, Callable[[Peer, bytes], Awaitable[None]]] = {}

    @property
    def node_id(self) -> bytes:
        return self.lightning.node_id

    # -- lifecycle ----------------------------------------------------------------------------

    async def load(self) -> None:
        """Load every stored channel (fed Disconnected: peers are not here yet) and keep
        connected to the peers we know the address of."""
        for row in self.store.load_all():
            ch = Channel(row.key_index, row.peer_node_id, row.state,
                         self.lightning.channel_keys(row.key_index))
            self.channels[row.key_index] = ch
            if isinstance(ch.inner, st.Closed):
                continue
            _rewatch_funding(ch)
            if isinstance(ch.inner, st.WaitForFundingConfirmed) and ch.inner.funding_raw:
                # ours to publish, and a restart may have come between storing the state and
                # the broadcast: sent again at the next block (a known tx is no error)
                ch.unbroadcast.append((ch.inner.funding_raw, ev.TxKind.FUNDING))
            await self.feed(ch, [ev.Disconnected()])
            self._keep_connected(ch, row.peer_address)

    def _keep_connected(self, ch: Channel, address: str | None) -> None:
        """Reconnect to the channel's peer at its stored address. An LSP's JIT channel was
        opened to a client that connected to us and gave no address (stored ":0"): the
        client reconnects, we do not (before, we retried ":0" forever)."""
        host, _, port = (address or "").rpartition(":")
        if host and port.isdigit() and int(port) > 0:
            self.peers.keep_connected(ch.peer_id, host, int(port))

    def adopt(self, key_index: int, peer_id: bytes, address: str | None, state: Any) -> Channel:
        """A channel whose state a peer kept for us, proven current by its reestablish
        (`recovery_service.py`): stored (in the caller's transaction, if any), then known
        as a loaded one is. Nothing is sent or signed here."""
        self.store.create(key_index, peer_id, address, state)
        ch = Channel(key_index, peer_id, state, self.lightning.channel_keys(key_index))
        self.channels[key_index] = ch
        return ch

    async def resume(self, key_index: int, peer: Peer, reestablish: m.ChannelReestablish
                     ) -> None:
        """Sync an adopted channel on `peer` as after a restart: our reestablish, then the
        peer's (already judged current) fed to the machine."""
        ch = self.channels[key_index]
        _rewatch_funding(ch)
        await self.feed(ch, [ev.Disconnected()])
        self._keep_connected(ch, self.store.addresses().get(key_index))
        await self._attach(ch, peer)
        await self.feed(ch, [reestablish], conn=peer)

    async def run(self, listen_host: str | None = None, listen_port: int | None = None) -> None:
        """Start polling the chain, and listen for peers if asked."""
        self._poll_task = asyncio.get_running_loop().create_task(self.follower.run(), name="ln-poll")
        if listen_port is not None:
            self.listen_port = await self.peers.listen(listen_host or "127.0.0.1", listen_port)

    async def stop(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        if self._poll_task is not None:
            self._poll_task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._poll_task
        await self.peers.close()

    # -- peer callbacks -----------------------------------------------------------------------

    async def peer_ready(self, peer: Peer) -> None:
        if self.peer_storage is not None:  # its blob back first (BOLT 1: before reestablish)
            try:
                await self.peer_storage.peer_ready(peer)
            except PeerError as e:
                log.info("%s: peer storage not given back: %s", peer, e)
        for ch in list(self.channels.values()):
            if ch.peer_id == peer.node_id and not isinstance(ch.inner, st.Closed):
                await self._attach(ch, peer)

    async def _attach(self, ch: Channel, peer: Peer) -> None:
        """Sync the channel on this connection (once): Reconnected, after a Disconnected
        if the channel had not noticed that its previous connection went away."""
        async with ch.lock:  # nothing of the channel's is sent while it switches
            if ch.conn is peer or peer.is_closed:
                return
            # a newer connection (the peer manager closes the older one): the channel
            # moves here, and what still arrives on the old one is dropped (`_register`)
            ch.conn = peer
            self._register(ch, peer)
            events = [] if isinstance(ch.state, st.Offline) else [ev.Disconnected()]
            await self._feed_locked(ch, [*events, ev.Reconnected()])

    async def peer_closed(self, peer: Peer, reason: str) -> None:
        if self.peer_storage is not None:
            self.peer_storage.peer_closed(peer)
        for ch in list(self.channels.values()):
            if ch.conn is peer:
                async with ch.lock:
                    if ch.conn is peer:
                        ch.conn = None
                        await self._feed_locked(ch, [ev.Disconnected()])

    async def custom_message(self, peer: Peer, message: m.UnknownOddMessage) -> None:
        handler = self.custom_handlers.get(message.type)
        if handler is not None:
            await handler(peer, message.payload)

    async def peer_message(self, peer: Peer, message: m.Message) -> None:
        if self.peer_storage is not None and await self.peer_storage.on_message(peer, message):
            return
        if isinstance(message, m.UnknownOddMessage):  # only onion_message comes this far
            if self.onion_messages is not None:
                await self.onion_messages.on_message(peer, message.payload)
            return
        if isinstance(message, m.GossipMessage):
            if message.type == CHANNEL_UPDATE_TYPE:
                await self.updates.on_theirs(peer, message)
            return
        if isinstance(message, m.OpenChannel):
            await self._accept_open(peer, message)
            return
        cid = getattr(message, "channel_id", None)
        known = [c for c in self.channels.values()
                 if c.peer_id == peer.node_id and cid and c.channel_id == cid]
        if known and not isinstance(known[0].inner, st.Closed):
            # it came before peer_ready attached the channel to this connection
            await self._attach(known[0], peer)
            await self.feed(known[0], [message], conn=peer)
        elif isinstance(message, m.ChannelReestablish):
            if self.lost_channels is not None and await self.lost_channels.on_reestablish(
                    peer, message):
                return  # a channel being recovered: we asked the peer to close it
            # a channel we do not know (forgotten, or another seed): tell the peer
            await peer.send_error("unknown channel", message.channel_id)
        else:
            log.debug("%s: unclaimed %s ignored", peer, message.NAME)

    def _register(self, ch: Channel, peer: Peer, cid: bytes | None = None) -> None:
        cid = cid or ch.channel_id
        if cid:
            async def handler(p: Peer, msg: m.Message, ch: Channel = ch) -> None:
                await self.feed(ch, [msg], conn=p)
            peer.register_channel(cid, handler)

    def live_peer(self, node_id: bytes) -> Peer | None:
        peer = self.peers.peers.get(node_id)
        return peer if peer is not None and not peer.is_closed else None

    def trust_zeroconf(self, node_id: bytes, until: float) -> None:
        """Accept zero-conf channels from `node_id` until `until` (seconds since the epoch;
        a later purchase extends it, never shortens it)."""
        self.zeroconf_peers[bytes(node_id)] = max(until, self.zeroconf_peers.get(node_id, 0))

    def zeroconf_ok(self, node_id: bytes) -> bool:
        return time.time() < self.zeroconf_peers.get(bytes(node_id), 0)

    def _new_channel(self, peer: Peer) -> Channel:
        index = self.store.allocate_key_index()
        setup = st.Setup(
            chain_hash=chain_hash(self.network),
            key_index=index,
            close_script=self.chain.close_script(),
            policy=self.policy,
            local_features=peer.local_features,
            remote_features=peer.remote_features,
            local_alias=_random_alias(),
            zeroconf_peer=self.zeroconf_ok(peer.node_id),
        )
        ch = Channel(index, peer.node_id, st.Idle(setup), self.lightning.channel_keys(index))
        ch.conn = peer
        return ch

    def _pending_inbound(self) -> list[Channel]:
        """Channels the peers opened to us that are not funded yet: still opening, or
        waiting for their funding transaction to confirm."""
        out = []
        for ch in self.channels.values():
            inner = ch.inner
            if isinstance(inner, st.WaitForFundingCreated) or (
                    isinstance(inner, st.WaitForFundingConfirmed)
                    and not inner.commitments.params.is_opener):
                out.append(ch)
        return out

    def _open_refusal(self, peer: Peer, msg: m.OpenChannel) -> str | None:
        """Why we refuse this open_channel before anything is allocated or stored for it:
        too many pending inbound channels (from this peer, or overall, as node ids cost
        nothing to make), or the machine's own checks of the message."""
        pending = self._pending_inbound()
        trusted = self.open_trusted(peer.node_id)
        if sum(ch.peer_id == peer.node_id for ch in pending) >= MAX_UNFUNDED_PER_PEER:
            return "too many channel openings in progress"
        if len(pending) >= self.max_pending_inbound and not trusted:
            return "too many channel openings in progress; try again later"
        try:
            check_inbound_open(msg, policy=self.policy, chain_hash=chain_hash(self.network),
                               remote_features=peer.remote_features or Features(),
                               has_alias=True,
                               allow_zeroconf=self.zeroconf_ok(peer.node_id))
        except ChannelProtocolError as e:
            return str(e)
        # last: only an open we would accept spends from the buckets; a peer with a
        # confirmed channel paid for it on chain (fresh node ids are what cost nothing)
        if trusted or self._has_confirmed_channel(peer.node_id):
            return None
        return self.open_rate.allow(peer.node_id, self.clock())

    def _has_confirmed_channel(self, node_id: bytes) -> bool:
        return any(ch.peer_id == node_id and type(ch.state) is st.Normal
                   and ch.state.short_channel_id is not None
                   and ch.state.unconfirmed_since is None
                   for ch in self.channels.values())

    def open_trusted(self, node_id: bytes) -> bool:
        """A peer whose opens are never rate-limited: our LSP, or one we bought a JIT
        channel from while that purchase lasts (its open must never be refused)."""
        return bytes(node_id) in self.open_exempt or self.zeroconf_ok(node_id)

    async def _accept_open(self, peer: Peer, msg: m.OpenChannel) -> None:
        """An inbound open: checked first (a refusal stores nothing); the channel row is
        written with its first persisted state (funding_created), so an open the peer
        abandons before that leaves no row and is forgotten."""
        why = self._open_refusal(peer, msg)
        if why is not None:
            log.info("refused an open_channel from %s: %s", peer, why[:200])
            await peer.send_error(why, msg.temporary_channel_id)
            return
        ch = self._new_channel(peer)
        ch.stored = False
        self.channels[ch.key_index] = ch
        self._register(ch, peer, msg.temporary_channel_id)
        await self.feed(ch, [msg])
        if isinstance(ch.inner, st.Closed):
            log.info("refused an open_channel from %s: %s", peer, ch.failure)

    def _forget_unstored(self, ch: Channel) -> None:
        """An inbound channel that ended before anything of it was stored: nothing to keep."""
        self.channels.pop(ch.key_index, None)
        peer = ch.conn
        temporary = getattr(getattr(ch.inner, "open", None), "temporary_channel_id", None)
        if peer is not None:
            for cid in (temporary, ch.channel_id):
                if cid:
                    peer.unregister_channel(cid)

    def _save(self, ch: Channel, state: Any, also: Any = None) -> None:
        """Write the channel's state durably; an inbound channel's row is created by its
        first save."""
        if ch.stored:
            self.store.save(ch.key_index, state, also)
        else:  # funding_created's state: no HTLC, no payment row yet
            assert also is None
            # a peer we dialed (an LSP opening our JIT channel over the connection we made
            # to buy it) is dialed again after a restart; it may not dial us
            self.store.create(ch.key_index, ch.peer_id, getattr(ch.conn, "dialed", None),
                              state)
            ch.stored = True

    # -- the executor -------------------------------------------------------------------------

    async def feed(self, ch: Channel, events: list, conn: Peer | None = None) -> None:
        """Process events one by one (and the events actions produce), performing each
        step's actions in order. A command the machine refuses raises ChannelCommandError
        (when it is the first event) with nothing changed. Messages from `conn` are
        dropped unless the channel is synced on that connection: left over on a replaced
        connection, they belong to the old session; the peer retransmits what counts
        after the channel_reestablish on the new one."""
        async with ch.lock:
            if conn is not None and ch.conn is not conn:
                log.debug("channel %d: %s from an old connection dropped", ch.key_index,
                          [type(e).__name__ for e in events])
                return
            if conn is not None and self._repeated_reestablish(ch, conn, events):
                return
            try:
                await self._feed_locked(ch, events)
                await self.updates.send_ours(ch)
            finally:
                changed, self._changed = self._changed, asyncio.Event()
                changed.set()

    def _repeated_reestablish(self, ch: Channel, conn: Peer, events: list) -> bool:
        """A channel_reestablish on a channel already synced on this connection is
        answered once per connection (the machine replays a reconnection and sends ours);
        after that it is dropped. Two nodes that both answered every such message would
        bounce them between each other for ever."""
        if not any(isinstance(e, m.ChannelReestablish) for e in events) or isinstance(
                ch.state, st.Offline | st.Syncing):
            return False
        if ch.reestablish_answered_on is conn:
            log.info("channel %d: repeated channel_reestablish ignored", ch.key_index)
            return True
        ch.reestablish_answered_on = conn
        return False

    async def channel_change(self, timeout: float) -> None:
        """Wait (at most `timeout` seconds) until a channel has been fed something: for a
        payment waiting for room (balance or HTLC slots held by HTLCs in flight)."""
        # `within`, not wait_for: on 3.11 wait_for can swallow a cancellation, and the
        # peer-storage loop waits here until it is cancelled at the node's stop
        with contextlib.suppress(TimeoutError):
            await within(timeout, self._changed.wait())

    async def _feed_locked(self, ch: Channel, events: list) -> None:
        queue = list(events)
        first = True
        sign = False
        while queue or sign:
            if not queue:
                queue.append(ev.CmdSign())
                sign = False
            event = queue.pop(0)
            try:
                new, actions = process(ch.state, event, ch.keys)
            except ChannelCommandError:
                if first:
                    raise
                log.warning("channel %d: %s refused", ch.key_index, type(event).__name__)
                continue
            finally:
                first = False
            if isinstance(event, _FOLDABLE) and isinstance(new, st.Normal):
                new, actions, sign = self._fold_updates(ch, new, actions, queue, sign)
            if ch.held_adds:  # unsigned: a disconnection (seen or replayed) drops them
                kept = new.commitments.local_changes.all if isinstance(new, st.Normal) else ()
                ch.held_adds = [h for h in ch.held_adds if h[0] in kept]
            if isinstance(event, ev.CmdAddHtlc):
                actions = self._hold_adds(ch, new, actions)
            before, previous = ch.channel_id, ch.state
            ch.state = new
            if new is not previous and (st.state_path(new) != st.state_path(previous)
                                        or _local_msat(new) != _local_msat(previous)):
                # for the GUI's channel list and Lightning balance
                self.emit("channel", {"key_index": ch.key_index, "state": st.state_path(new)})
            if isinstance(event, ev.Reconnected):
                ch.replay = True
            if isinstance(new, st.Closed) and new is not previous and not any(
                    isinstance(x, ev.PersistState) for x in actions):
                if not ch.stored:  # an inbound open that ended before funding_created
                    self._forget_unstored(ch)
                else:
                    self.store.save(ch.key_index, new)  # so that a restart forgets it too
            for i, action in enumerate(actions):
                if isinstance(action, ev.PersistState):
                    await self._persist(ch, action, actions[i + 1:])
                    continue
                if isinstance(action, ev.SendMessage) and ch.held_adds:
                    await self._send_held(ch)  # in order, their rows first
                sign |= await self._perform(ch, action, queue)
            if ch.replay and isinstance(ch.state, st.Normal):
                ch.replay = False
                undecided = self.htlc_events().undecided_commands(ch)
                queue.extend(undecided)
                sign |= bool(undecided)
            if ch.channel_id and ch.channel_id != before and ch.conn is not None:
                self._register(ch, ch.conn)

    def _fold_updates(self, ch: Channel, state: Any, actions: list, queue: list,
                      sign: bool) -> tuple[Any, list, bool]:
        """The HTLC commands queued after this one (and the CmdSign that ends them) are
        processed at once and persisted once, as their final state, before any of their
        messages leaves: one disk commit where there was one per command. Persisting the
        later state first is as safe as persisting each (a crash after it is a crash after
        the last step's persist, before its sends). A command refused is skipped, as it
        would be alone."""
        folded = False
        while isinstance(state, st.Normal) and (
                (queue and isinstance(queue[0], _FOLDABLE)) or (not queue and sign)):
            if queue:
                event = queue.pop(0)
            else:
                event, sign = ev.CmdSign(), False
            try:
                state, more = process(state, event, ch.keys)
            except ChannelCommandError:
                log.warning("channel %d: %s refused", ch.key_index, type(event).__name__)
                continue
            actions, folded = actions + more, True
        if folded and any(isinstance(a, ev.PersistState) for a in actions):
            actions = [ev.PersistState(state),
                       *(a for a in actions if not isinstance(a, ev.PersistState))]
        return state, actions, sign

    def _hold_adds(self, ch: Channel, state: Any, actions: list) -> list:
        """An update_add_htlc that no save follows (our previous signature awaits its
        revocation, so this one cannot be signed yet) is held back until the next save,
        which writes its payment log row in its transaction: one disk commit instead of
        two. The peer could do nothing with it before our signature anyway."""
        if (type(state) is not st.Normal or state.commitments.waiting is None
                or any(isinstance(a, ev.PersistState) for a in actions)):
            return actions
        kept = []
        for action in actions:
            if isinstance(action, ev.SendMessage) and isinstance(action.message,
                                                                 m.UpdateAddHtlc):
                ch.held_adds.append((action.message, self.htlc_events().claim_add(ch, action.message)))
            else:
                kept.append(action)
        return kept

    async def _persist(self, ch: Channel, action: ev.PersistState, after: list) -> None:
        """Save the state; the payment log rows of the update_add_htlc messages it sends
        (held ones, then those up to the next save) go in the same transaction: durable
        before they leave. The held ones leave right after the save."""
        held, ch.held_adds = ch.held_adds, []
        adds = []
        for later in after:
            if isinstance(later, ev.PersistState):
                break
            if isinstance(later, ev.SendMessage) and isinstance(later.message, m.UpdateAddHtlc):
                adds.append(later.message)

        def record() -> None:
            for _, write in held:
                if write is not None:
                    write()
            for msg in adds:
                self.htlc_events().on_add_sent(ch, msg)

        self._save(ch, action.state, record if adds or held else None)
        for msg, _ in held:
            await self._send(ch, msg)

    async def _send_held(self, ch: Channel) -> None:
        """Send the held update_add_htlc messages now (before another message of ours),
        their rows written first."""
        held, ch.held_adds = ch.held_adds, []
        writes = [write for _, write in held if write is not None]
        if writes:
            with self.store.db.transaction():
                for write in writes:
                    write()
        for msg, _ in held:
            await self._send(ch, msg)

    async def _send(self, ch: Channel, msg: Any) -> None:
        peer = ch.conn
        if peer is not None and not peer.is_closed:
            try:
                await peer.send(msg)
            except PeerError as e:
                log.info("channel %d: %s not sent: %s", ch.key_index, msg.NAME, e)

    async def _perform(self, ch: Channel, action: Any, queue: list) -> bool:
        """Carry out one action; returns True when a CmdSign should follow the queue."""
        if isinstance(action, ev.PersistState):
            self._save(ch, action.state)
        elif isinstance(action, ev.SendMessage):
            if isinstance(action.message, m.UpdateAddHtlc):
                self.htlc_events().on_add_sent(ch, action.message)  # in the payment log first
            await self._send(ch, action.message)
        elif isinstance(action, ev.BroadcastTx):
            await self.publish(ch, action.raw, action.what)
        elif isinstance(action, ev.FundingTxNeeded):
            # built in its own task: it may wait for the server, and this may be running in
            # the peer's read loop, which must not stall
            task = asyncio.get_running_loop().create_task(self._fund(ch, action))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)
        elif isinstance(action, ev.WatchFundingOutput):
            ch.watch = action
            self.follower.poke()
        elif isinstance(action, ev.HtlcReceived):
            return self.htlc_events().on_htlc_received(ch, action, queue)
        elif isinstance(action, ev.HtlcSettled):
            self.htlc_events().on_settled(ch, action)
        elif isinstance(action, ev.HtlcFailed):
            self.htlc_events().on_failed(ch, action)
        elif isinstance(action, ev.Disconnect):
            if ch.conn is not None:
                ch.conn.close(action.reason)
        elif isinstance(action, ev.ChannelError):
            ch.failure = action.message
            log.warning("channel %d: %s", ch.key_index, action.message)
            self.emit("channel", {"key_index": ch.key_index, "error": action.message})
        elif isinstance(action, ev.ChannelClosed):
            log.info("channel %d closed (%s) by %s", ch.key_index, action.how,
                     action.txid[::-1].hex())
            self.emit("channel", {"key_index": ch.key_index, "closed": action.how})
        return False

    async def publish(self, ch: Channel, raw: bytes, what: str) -> None:
        try:
            await self.chain.broadcast(raw, what)
        except Exception as e:  # retried on the next block
            log.warning("channel %d: broadcast of the %s transaction failed: %s",
                        ch.key_index, what, e)
            ch.unbroadcast.append((raw, what))

    async def _fund(self, ch: Channel, need: ev.FundingTxNeeded) -> None:
        try:
            raw = await self.chain.build_funding(need.script_pubkey, need.amount_sat,
                                                 extra_outputs=self._recovery_outputs(ch))
            tx = CTransaction.deserialize(raw)
            outs = [i for i, o in enumerate(tx.vout)
                    if bytes(o.scriptPubKey) == need.script_pubkey and o.nValue == need.amount_sat]
            if len(outs) != 1:
                raise ChannelManagerError("the funding transaction has no channel output")
        except Exception as e:
            ch.failure = f"cannot build the funding transaction: {e}"
            log.warning("channel %d: %s", ch.key_index, ch.failure)
            peer = ch.conn
            cid = st.known_channel_id(ch.state)
            async with ch.lock:
                if not isinstance(ch.inner, st.WaitForFundingTx):
                    return
                if peer is not None and cid:
                    await peer.send_error("funding failed", cid)
                ch.state = st.Closed(ch.failure)
                self.store.save(ch.key_index, ch.state)
            return
        try:
            await self.feed(ch, [ev.FundingTxReady(tx.GetTxid(), outs[0], raw)])
        except ChannelCommandError as e:  # the peer went away meanwhile
            log.info("channel %d: funding transaction not used: %s", ch.key_index, e)

    def _recovery_outputs(self, ch: Channel) -> tuple[bytes, ...]:
        return self.funding_extra_outputs(ch.peer_id, ch.key_index)

    def funding_extra_outputs(self, peer_id: bytes, key_index: int) -> tuple[bytes, ...]:
        """The outputs a funding transaction carries besides the channel's: its recovery
        record (`ln/recovery/record.py`), unless the "recoverable channels" setting is off
        (a fee quote for an open asks for them too, so the quote is the fee paid)."""
        if not self.recoverable_channels:
            return ()
        record = RecoveryRecord(peer_id, key_index)
        return (record_script(record, self.lightning.record_key),)

    # -- commands -----------------------------------------------------------------------------

    def find(self, ident: str | int) -> Channel:
        """A channel by key index, channel id (hex) or a unique prefix of it."""
        if isinstance(ident, int) or (isinstance(ident, str) and ident.isdigit()
                                      and len(ident) < 10):
            ch = self.channels.get(int(ident))
            if ch is None:
                raise InputError(Sentence("no channel number %1", ident))
            return ch
        text = str(ident).lower()
        found = [c for c in self.channels.values() if c.channel_id
                 and c.channel_id.hex().startswith(text)]
        if not found:
            raise InputError(Sentence("no channel matches %1", repr(ident)))
        if len(found) > 1:
            raise InputError(Sentence("%1 matches more than one channel; give more of its id",
                                      repr(ident)))
        return found[0]

    async def open_channel(self, node_id: bytes, host: str, port: int, amount_sat: int, *,
                           push_msat: int = 0, timeout: float = OPEN_TIMEOUT,
                           zeroconf: bool = False,
                           on_created: Callable[[int], None] | None = None) -> Channel:
        """Connect, open a channel as funder and wait until funding_signed came back and
        the funding transaction was broadcast (or the open failed). `zeroconf`: an
        option_scid_alias + option_zeroconf channel (an LSP's JIT channel), usable at once.
        `on_created(key_index)` runs once the channel is stored, before open_channel leaves
        (a caller records which channel is its own, durably, before anything is sent)."""
        async with self._open_lock:
            return await self._open(node_id, host, port, amount_sat, push_msat, timeout,
                                    zeroconf, on_created)

    async def _open(self, node_id: bytes, host: str, port: int, amount_sat: int,
                    push_msat: int, timeout: float, zeroconf: bool = False,
                    on_created: Callable[[int], None] | None = None) -> Channel:
        peer = self.live_peer(node_id) or await self.peers.connect(host, port, node_id)
        ch = self._new_channel(peer)
        self.store.create(ch.key_index, node_id, f"{host}:{port}", ch.state)
        if on_created is not None:
            on_created(ch.key_index)
        self.channels[ch.key_index] = ch
        if host:  # an LSP's JIT channel goes to a client connected to it: no address
            self.peers.keep_connected(node_id, host, port)
        channel_type = choose_channel_type(peer.local_features, peer.remote_features)
        cmd = ev.CmdOpen(temporary_channel_id=os.urandom(32), funding_sat=int(amount_sat),
                         push_msat=int(push_msat),
                         feerate_per_kw=await self.chain.feerate_per_kw(),
                         channel_type=channel_type, scid_alias=zeroconf, zeroconf=zeroconf)
        self._register(ch, peer, cmd.temporary_channel_id)  # the peer's answers come here
        try:
            await self.feed(ch, [cmd])
        except ChannelCommandError:
            if isinstance(ch.inner, st.Closed):  # the peer left before the open could go
                raise OpenInterrupted(Sentence("the channel could not be opened: %1",
                                               ch.inner.reason)) from None
            ch.state = st.Closed("open refused")
            self.store.save(ch.key_index, ch.state)
            raise
        deadline = time.monotonic() + timeout
        while not isinstance(ch.inner, st.WaitForFundingConfirmed | st.WaitForChannelReady
                             | st.Normal | st.Closed | st.Closing):
            if time.monotonic() > deadline:
                raise OpenInterrupted("the peer did not complete the channel opening")
            await asyncio.sleep(0.05)
        async with ch.lock:  # the step that saw funding_signed ends with the broadcast
            pass
        if isinstance(ch.inner, st.Closed):
            why = Sentence("the channel could not be opened: %1", ch.failure or ch.inner.reason)
            if ch.failure is None and ch.inner.reason == DISCONNECTED_BEFORE_FUNDING:
                raise OpenInterrupted(why)
            raise OpenRefused(why)
        return ch

    async def close_channel(self, ident: str | int, *, force: bool = False) -> Channel:
        ch = self.find(ident)
        if force:
            await self.feed(ch, [ev.CmdForceClose()])
            return ch
        # negotiate around today's feerate, not the commitment's (which may be stale, or
        # set by a peer that pays more than it now expects to: no overlap of fee ranges)
        try:
            feerate: int | None = await self.chain.feerate_per_kw()
        except KiteError as e:
            log.info("channel %d: no fee estimate for the close (%s): commitment feerate used",
                     ch.key_index, e)
            feerate = None
        if feerate is not None:
            policy = self.policy
            feerate = min(max(feerate, policy.min_feerate_per_kw), policy.max_feerate_per_kw)
        await self.feed(ch, [ev.CmdClose(feerate_per_kw=feerate)])
        return ch

    async def wait_normal(self, ch: Channel, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while not (isinstance(ch.state, st.Normal) and not isinstance(ch.state, st.ShuttingDown)):
            if time.monotonic() > deadline:
                raise ChannelManagerError(Sentence("channel %1 not ready: %2", ch.key_index, st.state_path(ch.state)))
            await asyncio.sleep(0.05)

    def describe(self, ch: Channel) -> dict[str, Any]:
        c = st.commitments_of(ch.state)
        inner = ch.inner
        scid = getattr(inner, "short_channel_id", None)
        info: dict[str, Any] = {
            "key_index": ch.key_index,
            "channel_id": ch.channel_id.hex() if ch.channel_id else None,
            "peer": ch.peer_id.hex(),
            "state": st.state_path(ch.state),
            "phase": str(st.phase(ch.state)),
            "short_channel_id": f"{scid.block}x{scid.tx}x{scid.out}" if scid else None,
            "connected": self.live_peer(ch.peer_id) is not None,
        }
        if c is not None:
            view = c.local_commit.view
            info |= {
                "capacity_sat": c.params.funding_sat,
                "local_msat": view.to_local_msat,
                "remote_msat": view.to_remote_msat,
                "htlcs": len(view.htlcs),
                "funding_outpoint": f"{c.params.funding_txid[::-1].hex()}:"
                                    f"{c.params.funding_output_index}",
                "opener": "local" if c.params.is_opener else "remote",
                # what payments can use now, and the reserve the peer makes us keep
                "reserve_sat": c.params.remote.channel_reserve_sat,
                "channel_type": "anchors" if c.params.channel_type.anchors
                                else "static_remotekey",
                # blocks a revoked commitment of the peer's stays punishable (what we asked)
                "punishment_window_blocks": c.params.local.to_self_delay,
            }
            if isinstance(inner, st.Normal):
                info["sendable_msat"] = sendable_msat(c, self.policy)
                info["receivable_msat"] = receivable_msat(c, self.policy.fee_spike_multiplier)
        if isinstance(inner, st.Closed):
            info["closed_reason"] = inner.reason
        plan = self.closing_watch.last_plan(ch.key_index)
        if isinstance(inner, st.Closing) and plan is not None:  # BOLT 5 progress
            info["onchain"] = {"close": plan.close.value if plan.close else None,
                               "resolved": plan.resolved, "waiting": list(plan.waiting)}
        if ch.failure:
            info["error"] = ch.failure
        return info

    def list_channels(self) -> list[dict[str, Any]]:
        return [self.describe(ch) for ch in self.channels.values()]

    async def update_fee(self, ident: str | int | Channel, feerate_per_kw: int) -> None:
        """Send update_fee with this feerate and sign it (we must be the opener); raises
        ChannelCommandError, with nothing sent, when the channel refuses it."""
        ch = ident if isinstance(ident, Channel) else self.find(ident)
        await self.feed(ch, [ev.CmdUpdateFee(int(feerate_per_kw)), ev.CmdSign()])

    async def watch_closing(self, ch: Channel, new_block: bool) -> Plan | None:
        """The BOLT 5 watch of a closing channel (`closing_watch.py`): its plan, or None
        when nothing was checked."""
        return await self.closing_watch.check(ch, new_block)

    def htlc_events(self) -> HtlcEvents:
        if self.htlcs is None:
            raise ChannelManagerError("no HTLC switch wired to the channel manager")
        return self.htlcs

    def peer_features(self, node_id: bytes) -> Features | None:
        """The features the peer sent in `init`, while it is connected."""
        return getattr(self.live_peer(node_id), "remote_features", None)
