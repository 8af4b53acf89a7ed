"""The composition root of the Lightning node: builds the channel shell, the HTLC switch and
payments once, wires them through their ports (`ports.py`), and is the one object the daemon,
the devnet, benches and tests hold. The relay role (`forwarder.py`) installs itself through
`set_forwarder`.

Start-up order matters: the stored channels are loaded first, then the switch fails the
HTLCs never committed before the restart and payments resume watching theirs, and only then
does the node poll the chain and listen.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from wallet.keys.lightning import LightningKeys
from wallet.ln.bolt11.invoice import (
    DEFAULT_MIN_FINAL_CLTV_EXPIRY_DELTA,
    RouteHintHop,
    decode_invoice,
)
from wallet.ln.bolt12.fields import Bip353Name
from wallet.ln.bolt12.message import chain_hash
from wallet.ln.bolt12.offer import Offer
from wallet.ln.channel import states as st
from wallet.ln.channel.double_spend import NEVER_CONFIRMED, never_existed
from wallet.ln.channel.params import ChannelPolicy, choose_channel_type
from wallet.ln.features import Features
from wallet.ln.htlc.contract import Forwarder, Resolution
from wallet.ln.onion.route_blinding import UnblindedHop, unblind_hop
from wallet.ln.recovery.backup_file import BackedUpChannel, backed_up
from wallet.ln.recovery.peer_backup import PeerBackup
from wallet.ln.recovery.resume import our_offered_htlcs, resumable_state
from wallet.ln.shell.channel_manager import ChannelManager
from wallet.ln.shell.htlc_switch import HtlcSwitch, SentHtlc
from wallet.ln.shell.jit_forwarder import FundingCheck, JitForwarder
from wallet.ln.shell.live_channel import Channel
from wallet.ln.shell.lsps0 import Lsps0
from wallet.ln.shell.lsps1_client import Lsps1Client
from wallet.ln.shell.lsps1_onchain import ChainPort
from wallet.ln.shell.lsps1_provider import Lsps1Provider
from wallet.ln.shell.lsps2_client import Lsps2Client
from wallet.ln.shell.lsps2_provider import Lsps2Provider, promise_secret
from wallet.ln.shell.offer_exchange import OfferClient
from wallet.ln.shell.onion_messenger import OnionMessenger
from wallet.ln.shell.payments import INVOICE_FEATURES, Payments
from wallet.ln.shell.peer import Peer, PeerConfig
from wallet.ln.shell.peer_storage import PeerStorage
from wallet.ln.shell.ports import ChainBackend, Emit
from wallet.ln.shell.recovery_service import ChannelRecovery
from wallet.ln.store.bought_order_store import BoughtOrderStore
from wallet.ln.store.channel_store import ChannelStore
from wallet.ln.store.jit_store import JitStore
from wallet.ln.store.order_store import OrderStore
from wallet.ln.store.payment_log import PaymentLog
from wallet.ln.store.peer_storage_store import PeerStorageStore
from wallet.ln.store.recovery_store import DONE
from wallet.ln.store.sale_store import SaleStore
from wallet.ln.tx.commitment_tx import ChannelType
from wallet.ln.wire.primitives import ShortChannelId
from wallet.lsp.lsps2 import FeeOffer, JitChannel, Lsps2Error
from wallet.lsp.lsps2 import invoice_terms as lsps2_terms
from wallet.networks import Network
from wallet.sentence import Sentence

#: how long after a JIT offer's valid_until its LSP may still open the zero-conf channel
ZEROCONF_MARGIN_SECONDS = 300


log = logging.getLogger("kite.ln.node")

def _zero_conf_unconfirmed(inner: Any) -> bool:
    return (isinstance(inner, st.WaitForChannelReady | st.Normal)
            and inner.short_channel_id is None)


class LightningNode:
    """One Lightning node: channels, HTLCs, payments (and relaying, once installed)."""

    def __init__(self, lightning: LightningKeys, network: Network, store: ChannelStore,
                 chain: ChainBackend, *, policy: ChannelPolicy | None = None,
                 peer_config: PeerConfig | None = None, emit: Emit | None = None,
                 poll_interval: float = 2.0, backoff_initial: float = 1.0,
                 shell: Callable[..., ChannelManager] = ChannelManager) -> None:
        """`shell` builds the channel shell (tests pass a subclass that checks it)."""
        self.manager = shell(lightning, network, store, chain, policy=policy,
                                      peer_config=peer_config, emit=emit,
                                      poll_interval=poll_interval,
                                      backoff_initial=backoff_initial)
        node_key = lightning.node_private_key
        self.switch = HtlcSwitch(self.manager, self.manager.payment_log, node_key)
        self.manager.htlcs = self.switch
        self.payments = Payments(self.manager, self.switch, self.manager.payment_log, node_key)
        self.switch.receiver = self.payments
        # channels whose state we lost (a restore): found by record, closed by the peer
        self.recovery = ChannelRecovery(lightning, store, self.manager.peers, chain,
                                        lambda kind, data: self.manager.emit(kind, data))
        self.manager.lost_channels = self.recovery
        self.recovery.adopt = self._adopt
        self.recovery.resume = self._resume
        # onion messages: relayed for our peers, received for us (BOLT 4)
        self.onion_messages = OnionMessenger(node_key, self.manager.node_id,
                                             self.manager.live_peer, self._channel_peer)
        self.manager.onion_messages = self.onion_messages
        self.offers = OfferClient(self.onion_messages, chain_hash(network.genesis_hash))
        # LSPS0 both ways; LSPS2 as a client always, as an LSP once `serve_lsps2` is called
        self.lsps0 = Lsps0(self.manager)
        self.lsps2 = Lsps2Client(self.lsps0)
        self.lsps2_provider: Lsps2Provider | None = None
        # LSPS1: buying a channel in advance (the orders made kept in SQLite)
        self.lsps1 = Lsps1Client(self.lsps0, BoughtOrderStore(store.db), network)
        self.lsps1_provider: Lsps1Provider | None = None
        self._running = False  # `start` has run (the channels are loaded)
        self.jit_forwarder: JitForwarder | None = None
        self.jit_store = JitStore(store.db)

        # BOLT 1 peer storage: our backup with the peers that offer it, theirs with us
        self.peer_storage = PeerStorage(
            lightning, network.name, PeerStorageStore(store.db), self.backed_up_channels,
            self._has_open_channel, self._holds,
            lambda: [p for p in self.manager.peers.peers.values() if not p.is_closed],
            lambda kind, data: self.manager.emit(kind, data),
            our_states=store.stored_states, hold_back=self.recovery.holds_for,
            wake=self.manager.channel_change)
        self.peer_storage.on_backup = self._backup_came_back
        self.manager.peer_storage = self.peer_storage

    def _peer_features(self, node_id: bytes) -> Features | None:
        peer = self.manager.live_peer(node_id)
        return None if peer is None else peer.remote_features

    def _channel_peer(self, scid: ShortChannelId) -> bytes | None:
        """The peer at the other end of our channel `scid` (its real id or an alias)."""
        for ch in self.manager.channels.values():
            inner = ch.inner
            setup = getattr(inner, "setup", None)
            names = (getattr(inner, "short_channel_id", None), getattr(inner, "remote_alias", None),
                     getattr(setup, "local_alias", None))
            if scid in names:
                return ch.peer_id
        return None

    # -- life cycle ---------------------------------------------------------------------------

    async def start(self, listen_host: str | None = None, listen_port: int | None = None) -> None:
        await self.manager.load()
        for payment_hash, jit in self.jit_store.load().items():  # JIT invoices still open
            self.payments.jit_invoices[payment_hash] = jit
            self._trust_for(jit)
        self.switch.reconcile()  # HTLCs never committed before the restart failed
        self.payments.resume()  # payments in flight: watched, never sent again
        if self.jit_forwarder is not None:  # an LSP: JIT forwards a restart left held
            self.jit_forwarder.recover()
        await self.manager.run(listen_host, listen_port)
        if hasattr(self.manager.chain, "output_spend"):  # a chain that can show spends
            self.recovery.start(self.manager.poll_interval)
        self.peer_storage.start(self.manager.poll_interval)
        self._running = True
        if self.lsps1_provider is not None:  # orders paid on-chain: watched from now
            self.lsps1_provider.start_watching()

    async def stop(self) -> None:
        self._running = False
        if self.lsps1_provider is not None:
            await self.lsps1_provider.stop()
        await self.peer_storage.stop()
        await self.recovery.stop()
        await self.payments.stop()
        if self.jit_forwarder is not None:
            await self.jit_forwarder.stop()
        await self.switch.stop()
        await self.manager.stop()

    # -- backups ------------------------------------------------------------------------------

    def backed_up_channels(self) -> list[BackedUpChannel]:
        """What a backup (file or peer storage) holds: funded channels not closed, and those
        still being recovered."""
        addresses = self.manager.store.addresses()
        return backed_up(
            ((ch.key_index, ch.peer_id, addresses.get(ch.key_index), ch.state)
             for ch in list(self.manager.channels.values())),
            ((rc.channel, rc.peer_address) for rc in self.recovery.list()
             if rc.status not in DONE))

    def _has_open_channel(self, node_id: bytes) -> bool:
        return any(ch.peer_id == node_id and st.phase(ch.state) != st.Phase.CLOSED
                   for ch in list(self.manager.channels.values()))

    def _holds(self, backed: BackedUpChannel) -> bool:
        """We hold the state of the channel at this funding outpoint."""
        c = backed.channel
        for ch in list(self.manager.channels.values()):
            commitments = st.commitments_of(ch.state)
            if commitments is not None and (commitments.params.funding_txid,
                                            commitments.params.funding_output_index) \
                    == (c.funding_txid, c.funding_output_index):
                return True
        return False

    def _adopt(self, key_index: int, peer_id: bytes, address: str | None, state: Any) -> Channel:
        """A channel resumed from a peer's blob, stored in the recovery's transaction with
        the payments of the HTLCs we offered in it (in flight when the wallet was lost)."""
        ch = self.manager.adopt(key_index, peer_id, address, state)
        self.manager.payment_log.add_restored(key_index, our_offered_htlcs(state))
        return ch

    async def _resume(self, key_index: int, peer: Peer, msg: Any) -> None:
        """Sync the adopted channel, then watch its payments in flight as after a restart."""
        await self.manager.resume(key_index, peer, msg)
        self.payments.resume()

    async def _backup_came_back(self, backup: PeerBackup, peer: Peer) -> None:
        """Our blob from a peer: its channels we hold no state of are recovered; a state it
        holds for a channel with that peer waits for the peer's reestablish, which decides
        between resuming and asking to close (`ChannelRecovery.hold`); the others are asked
        to close. Channels we hold are never touched (our state is newer than any blob)."""
        added = [c.channel.key_index for c in backup.channels
                 if self.recovery.add(c.channel, c.peer_address)]
        for c in backup.channels:
            data = backup.states.get(c.channel.key_index)
            if data is None or c.channel.peer_node_id != peer.node_id:
                continue
            state = resumable_state(data, c)
            if state is None:
                log.warning("%s: the state of channel %d in our blob cannot be resumed: the "
                            "channel is only recovered", peer, c.channel.key_index)
            elif self.recovery.hold(c.channel.key_index, state):
                log.info("%s: channel %d's state came back; waiting for its "
                         "channel_reestablish", peer, c.channel.key_index)
        if added:
            self.manager.emit("recovery", {"found": added, "from": "peer storage"})

    # -- payments -----------------------------------------------------------------------------

    def create_invoice(self, amount_msat: int | None, description: str = "",
                       expiry: int = 3600, description_hash: bytes | None = None) -> str:
        """A BOLT 11 invoice of ours (see `Payments.create_invoice`)."""
        return self.payments.create_invoice(amount_msat, description, expiry, description_hash)

    async def pay(self, invoice_text: str, amount_msat: int | None = None, *,
                  max_fee_msat: int | None = None, timeout: float | None = None) -> dict[str, Any]:
        """Pay a BOLT 11 invoice (see `Payments.pay`)."""
        kwargs: dict[str, Any] = {"max_fee_msat": max_fee_msat}
        if timeout is not None:
            kwargs["timeout"] = timeout
        return await self.payments.pay(invoice_text, amount_msat, **kwargs)

    async def pay_offer(self, offer: Offer, *, via: bytes, amount_msat: int | None = None,
                        quantity: int | None = None, payer_note: str | None = None,
                        max_fee_msat: int | None = None, timeout: float | None = None,
                        bip353_name: Bip353Name | None = None) -> dict[str, Any]:
        """Pay a BOLT 12 offer: ask its issuer for an invoice over onion messages (the reply
        path through our peer `via`), check it, pay it over its blinded paths."""
        got = await self.offers.fetch_invoice(offer, via=via, amount_msat=amount_msat,
                                              quantity=quantity, payer_note=payer_note,
                                              bip353_name=bip353_name)
        kwargs: dict[str, Any] = {"max_fee_msat": max_fee_msat}
        if timeout is not None:
            kwargs["timeout"] = timeout
        return await self.payments.pay_bolt12(got.invoice, **kwargs)
    async def create_jit_invoice(self, lsp_id: bytes, amount_msat: int | None,
                                 description: str = "", expiry: int = 3600,
                                 *, max_fee_msat: int | None = None) -> tuple[str, JitChannel]:
        """An invoice paid through a just-in-time channel from the LSP `lsp_id` (LSPS2):
        the cheapest offer is bought (refused when its fee is above `max_fee_msat`), and
        the invoice routes through the LSP's JIT scid. The payer pays `amount_msat`; we
        receive it less `jit.opening_fee_msat`."""
        params, fee = await self.lsps2.quote(lsp_id, amount_msat, expiry)
        if max_fee_msat is not None and (fee is None or fee > max_fee_msat):
            shown = "a fee set by the amount" if fee is None else f"{fee} msat"
            raise Lsps2Error(Sentence("the LSP asks %1 to open a channel, above the %2 msat accepted", shown, max_fee_msat))
        jit = await self.lsps2.buy(lsp_id, params, amount_msat)
        terms = lsps2_terms(jit, datetime.now(UTC), expiry, DEFAULT_MIN_FINAL_CLTV_EXPIRY_DELTA)
        hint = RouteHintHop(terms.lsp_node_id, terms.jit_channel_scid, 0, 0,
                            terms.cltv_expiry_delta)
        features = INVOICE_FEATURES if terms.mpp else INVOICE_FEATURES - {16, 17}
        text = self.payments.create_invoice(
            amount_msat, description, terms.expiry, route_hints=((hint,),),
            min_final_cltv_expiry_delta=terms.min_final_cltv_expiry_delta, features=features)
        payment_hash = decode_invoice(text).payment_hash
        self.jit_store.add(payment_hash, jit)  # durable before the invoice is handed out
        self.payments.jit_invoices[payment_hash] = jit
        self._trust_for(jit)
        return text, jit

    def _trust_for(self, jit: JitChannel) -> None:
        """Its JIT channel comes before it confirms: trusted for this purchase only (the
        LSP opens it before valid_until; the margin covers an open under way then)."""
        self.manager.trust_zeroconf(jit.lsp_node_id, jit.params.valid_until.timestamp()
                                    + ZEROCONF_MARGIN_SECONDS)

    def list_payments(self, limit: int | None = None) -> list[dict[str, Any]]:
        """The payment log, newest first. A payment received over a zero-conf channel whose
        funding has not confirmed is "unconfirmed", not "paid": the LSP could still
        double-spend that funding, and the money would never have existed. If it did (the
        channel never existed, `double_spend`), the payment is "lost", never "paid"."""
        rows = self.payments.list_payments(limit)
        unconfirmed, lost, timed_out = set(), set(), set()
        for ch in self.channels.values():
            if never_existed(ch.state):
                lost.add(ch.key_index)
                if ch.state.reason == NEVER_CONFIRMED:
                    timed_out.add(ch.key_index)
            elif _zero_conf_unconfirmed(st.unwrap(ch.state)):
                unconfirmed.add(ch.key_index)
        if not unconfirmed and not lost:
            return rows
        for row in rows:
            if row.get("direction") != "in" or row.get("status") != "paid":
                continue
            keys = {k for (k,) in self.store.db.query(
                "SELECT DISTINCT key_index FROM ln_htlc_log WHERE payment_hash = ?",
                (bytes.fromhex(row["payment_hash"]),))}
            if keys & timed_out:
                row["status"] = "lost"
                row["note"] = ("received through a new channel whose funding transaction "
                               "never confirmed (2016 blocks): the channel is forgotten, and "
                               "this payment with it")
            elif keys & lost:
                row["status"] = "lost"
                row["note"] = ("received through a new channel whose funding transaction was "
                               "double-spent by its opener: the channel never existed, and "
                               "neither did this payment")
            elif keys & unconfirmed:
                row["status"] = "unconfirmed"
                row["note"] = ("received through a new channel whose funding transaction "
                               "has not confirmed yet")
        return rows

    # -- HTLCs (the relay role) -----------------------------------------------------------------

    def set_forwarder(self, forwarder: Forwarder | None) -> None:
        self.switch.forwarder = forwarder

    def read_blinded_hop(self, path_key: bytes, encrypted_data: bytes) -> UnblindedHop:
        """Our hop of a blinded path that starts at us (the relay role, paying into it)."""
        return unblind_hop(self.lightning.node_private_key, path_key, encrypted_data)

    def offer_feature(self, name: str) -> None:
        """Offer one more feature (optional bit) in the init of connections made from now
        on (call before `start`: the listener keeps the configuration it started with)."""
        peers = self.manager.peers
        peers.config = replace(peers.config,
                               features=peers.config.features | Features.of(name))

    async def send_htlc(self, ch: Channel, amount_msat: int, payment_hash: bytes,
                        cltv_expiry: int, onion: bytes, **kwargs: Any) -> SentHtlc:
        return await self.switch.send_htlc(ch, amount_msat, payment_hash, cltv_expiry, onion,
                                           **kwargs)

    async def resolve_incoming(self, key_index: int, htlc_id: int, answer: Resolution) -> None:
        await self.switch.resolve_incoming(key_index, htlc_id, answer)

    def outcome(self, key: tuple[int, int]) -> asyncio.Future:
        return self.switch.outcome(key)

    def serve_lsps2(self, offers: list[FeeOffer], funding_check: FundingCheck | None = None,
                    **kwargs: Any) -> Lsps2Provider:
        """Act as an LSP: answer LSPS0/LSPS2 requests with these fee offers, and open the
        JIT channels sold when their HTLC comes (in front of the forwarder installed so
        far: install the relay role first). Sales are in SQLite: those of an earlier run
        are honoured until their valid_until."""
        secret = promise_secret(self.lightning.node_private_key)
        self.lsps2_provider = Lsps2Provider(self.lsps0, offers, secret, SaleStore(self.store.db),
                                            self._peer_features, **kwargs)
        self.jit_forwarder = JitForwarder(self, self.lsps2_provider, self.switch.forwarder,
                                          funding_check).install()
        self.jit_forwarder.recover()  # served after the start: nothing else would
        return self.lsps2_provider

    def serve_lsps1(self, funding_check: FundingCheck | None = None,
                    chain: ChainPort | None = None, **kwargs: Any) -> Lsps1Provider:
        """Sell channels in advance (LSPS1): orders in SQLite, paid by hold invoices, each
        channel opened (normal, private) when its payment is held, the payment settled
        once the funding is published and failed back if the open fails. With `chain`
        (the LSP's on-chain wallet), orders may be paid on-chain too (bLIP-51 §3.3): the
        watch of their addresses starts with the node (or now, if it runs). Call after
        `serve_lsps2` when both are served (the protocol list names both)."""
        async def open_for(client: bytes, amount_sat: int,
                           record: Callable[[int], None]) -> tuple[int, str, int]:
            if funding_check is not None:
                await funding_check(client, amount_sat)
            ch = await self.open_channel(client, "", 0, amount_sat, on_created=record)
            p = st.unwrap(ch.state).commitments.params
            return ch.key_index, p.funding_txid[::-1].hex(), p.funding_output_index

        def funded(key_index: int, client: bytes, amount_sat: int) -> tuple[str, int] | None:
            ch = self.manager.channels.get(key_index)
            if ch is None or ch.peer_id != client or not isinstance(
                    ch.inner, st.WaitForFundingConfirmed | st.WaitForChannelReady | st.Normal):
                return None
            p = st.unwrap(ch.state).commitments.params
            if not p.is_opener or p.funding_sat != amount_sat:
                return None
            # a kill between storing the state and the broadcast: `ChannelManager.load`
            # queued the funding to be published again, as for every channel we fund
            return p.funding_txid[::-1].hex(), p.funding_output_index

        def make_invoice(amount_msat: int, description: str, expiry: int) -> tuple[str, bytes]:
            text = self.payments.create_invoice(amount_msat, description, expiry)
            return text, decode_invoice(text).payment_hash

        def connected(node_id: bytes) -> bool:
            return self.manager.live_peer(node_id) is not None

        def cancel_invoice(payment_hash: bytes) -> None:
            self.payment_log.fail(payment_hash, "cancelled: the LSPS1 order was paid on-chain")

        if self.lsps1_provider is not None:  # served again (a test's restart): one watch
            self.lsps1_provider.tasks.cancel_all()
        self.lsps1_provider = Lsps1Provider(
            self.lsps0, OrderStore(self.store.db), make_invoice, self.payments.holds, open_for,
            connected, funded_channel=funded,
            settle_held=lambda payment_hash: self.payment_log.succeed(payment_hash),
            protocols=[2] if self.lsps2_provider is not None else [],
            chain=chain, cancel_invoice=cancel_invoice, **kwargs)
        if self._running:  # else `start` starts the watch, once the channels are loaded
            self.lsps1_provider.start_watching()
        return self.lsps1_provider

    # -- settings -------------------------------------------------------------------------------

    @property
    def recoverable_channels(self) -> bool:
        """The "recoverable channels" setting (on by default): each funding transaction we
        make carries an encrypted recovery record, so the seed alone finds the channel
        after a restore. Its cost: an 81-byte output (81 vbytes more fee, 81 sat at 1 sat/vB)
        and a marker that shows anyone the transaction was made by Kite."""
        return self.manager.recoverable_channels

    @recoverable_channels.setter
    def recoverable_channels(self, on: bool) -> None:
        self.manager.recoverable_channels = bool(on)

    # -- the channel shell's surface -------------------------------------------------------------

    @property
    def node_id(self) -> bytes:
        return self.manager.node_id

    @property
    def network(self) -> Network:
        return self.manager.network

    @property
    def lightning(self) -> LightningKeys:
        return self.manager.lightning

    @property
    def channels(self) -> dict[int, Channel]:
        return self.manager.channels

    @property
    def chain(self) -> ChainBackend:
        return self.manager.chain

    @property
    def policy(self) -> ChannelPolicy:
        return self.manager.policy

    @property
    def store(self) -> ChannelStore:
        return self.manager.store

    @property
    def payment_log(self) -> PaymentLog:
        return self.manager.payment_log

    @property
    def peers(self) -> Any:
        return self.manager.peers

    @property
    def listen_port(self) -> int | None:
        return self.manager.listen_port

    @property
    def poll_interval(self) -> float:
        return self.manager.poll_interval

    @poll_interval.setter
    def poll_interval(self, seconds: float) -> None:
        self.manager.poll_interval = seconds

    @property
    def emit(self) -> Emit:
        return self.manager.emit

    @emit.setter
    def emit(self, emit: Emit) -> None:
        self.manager.emit = emit

    async def feed(self, ch: Channel, events: list) -> None:
        await self.manager.feed(ch, events)

    async def channel_change(self, timeout: float) -> None:
        await self.manager.channel_change(timeout)

    def peer_features(self, node_id: bytes) -> Features | None:
        return self.manager.peer_features(node_id)

    async def open_channel(self, *args: Any, **kwargs: Any) -> Channel:
        return await self.manager.open_channel(*args, **kwargs)

    async def channel_type_with(self, node_id: bytes, host: str, port: int) -> ChannelType:
        """Connect (or use the live connection) and say which commitment format a channel we
        open to this peer will have (what `open_channel` will propose)."""
        m = self.manager
        peer = m.live_peer(node_id) or await m.peers.connect(host, port, node_id)
        return choose_channel_type(peer.local_features, peer.remote_features)

    async def close_channel(self, ident: str | int, *, force: bool = False) -> Channel:
        return await self.manager.close_channel(ident, force=force)

    async def update_fee(self, ident: str | int | Channel, feerate_per_kw: int) -> None:
        await self.manager.update_fee(ident, feerate_per_kw)

    async def wait_normal(self, ch: Channel, timeout: float) -> None:
        await self.manager.wait_normal(ch, timeout)

    def find(self, ident: str | int) -> Channel:
        return self.manager.find(ident)

    def describe(self, ch: Channel) -> dict[str, Any]:
        return self.manager.describe(ch)

    def list_channels(self) -> list[dict[str, Any]]:
        return self.manager.list_channels()

    def funding_extra_outputs(self, peer_id: bytes, key_index: int = 0) -> tuple[bytes, ...]:
        return self.manager.funding_extra_outputs(peer_id, key_index)
