"""Recovering channels whose state we lost (after a restore from the seed): find them in the
wallet's on-chain history by their recovery record, ask each peer to close (the BOLT 2
"we lost our state" `channel_reestablish`, `ln/recovery/lost_state.py`), watch the funding
output, and sweep our to_remote from the commitment the peer publishes into the wallet.

Nothing of the channel is ever broadcast by us but that sweep: we hold no commitment of it.
Progress is durable (`store/recovery_store.py`): a restart carries on where the chain stands.

A channel whose full state came back in the peer's blob (`hold`) is not asked to close at
once: the peer's `channel_reestablish` decides (`ln/recovery/resume.py`). Exactly current:
the channel is stored (in the transaction that ends its recovery row) and handed to the channel
manager (`adopt`, `resume`), which resumes it as after a restart. Anything else: the state is
dropped unused and the peer asked to close. A peer that offers storage is likewise not asked
on a new connection before its own `channel_reestablish` (which follows its blob), unless it
sends none until the next attempt.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Iterable
from typing import Any

from bitcoin.core import CTransaction

from wallet.errors import KiteError
from wallet.keys.lightning import LightningKeys
from wallet.ln.enforcement.sweep_tx import SweepError
from wallet.ln.recovery.lost_state import (
    please_close,
    spends_funding,
    sweep_to_remote,
    to_remote_of,
)
from wallet.ln.recovery.resume import Verdict, judge
from wallet.ln.recovery.scan import FoundChannel, find_channels
from wallet.ln.shell.background import Periodic
from wallet.ln.shell.peer import Peer, PeerError
from wallet.ln.shell.peer_manager import PeerManager
from wallet.ln.store.channel_store import ChannelStore
from wallet.ln.store.recovery_store import (
    CLOSE_REQUESTED,
    CLOSING,
    DONE,
    FOUND,
    NOTHING,
    RESUMED,
    SWEPT,
    RecoveredChannel,
    RecoveryStore,
)
from wallet.ln.wire import messages as m

log = logging.getLogger("kite.ln.recovery")

SWEEP_DEPTH = 1  # a sweep with this many confirmations ends the channel's recovery
STORAGE_FEATURE = "option_provide_storage"


class ChannelRecovery:
    """`chain` is the node's chain backend: `output_spend`, `broadcast`, `close_script`,
    `feerate_per_kw`, `tip_height`."""

    def __init__(self, lightning: LightningKeys, channels: ChannelStore, peers: PeerManager,
                 chain: Any, emit: Callable[[str, dict[str, Any]], None] | None = None) -> None:
        self.lightning = lightning
        self.channels = channels
        self.store = RecoveryStore(channels.db)
        self.peers = peers
        self.chain = chain
        self.emit = emit or (lambda kind, data: None)
        self._periodic = Periodic(self.check,
                                  lambda: any(rc.status not in DONE for rc in self.store.all()),
                                  "ln-recovery", log)
        self._asked: dict[int, Peer] = {}  # the connection each channel was last asked on
        # our to_remote on the commitment the peer published, per channel (sat): read from
        # the chain at each check, so a restart learns it again
        self.amounts: dict[int, int] = {}
        # states from peers' blobs waiting for their reestablish (memory only: the peer
        # gives the blob again at the next connection)
        self.held: dict[int, Any] = {}
        self._waited: dict[int, Peer] = {}  # the connection a channel's ask was put off on
        # the channel manager's side of a resume (wired by the LightningNode):
        # adopt(key_index, peer_id, address, state) stores the channel, sync, in the
        # caller's transaction; resume(key_index, peer, reestablish) syncs it
        self.adopt: Callable[[int, bytes, str | None, Any], Any] | None = None
        self.resume: Callable[[int, Peer, m.ChannelReestablish], Awaitable[None]] | None = None
        # the block our sweep should confirm in, per channel still closing: an estimate at
        # the feerate paid (the next block once it is out; one more while an anchors
        # commitment waits for its confirmation, CSV 1); a confirmed sweep's own height
        self.confirms_at: dict[int, int] = {}

    # -- finding channels -----------------------------------------------------------------------

    def scan(self, raw_txs: Iterable[bytes]) -> list[FoundChannel]:
        """Add the channels our records name in `raw_txs` (the wallet's history) that we
        hold no state of; returns those newly found."""
        held = {row.key_index for row in self.channels.load_all()}
        new = []
        for found in find_channels(raw_txs, self.lightning.record_key):
            if found.key_index not in held and self.store.add(found):
                log.info("channel %d with %s found by its recovery record at %s",
                         found.key_index, found.peer_node_id.hex(), found.outpoint_text)
                new.append(found)
        return new

    def add(self, found: FoundChannel, peer_address: str | None) -> bool:
        """A channel from elsewhere (a backup file), unless we hold its state."""
        if any(row.key_index == found.key_index for row in self.channels.load_all()):
            return False
        return self.store.add(found, peer_address)

    def list(self) -> list[RecoveredChannel]:
        return self.store.all()

    def _stored(self, key_index: int) -> bool:
        return key_index in self.channels.addresses()

    def hold(self, key_index: int, state: Any) -> bool:
        """Keep a state from a peer's blob until that peer's `channel_reestablish`; only for
        a channel never asked to close and not stored (True when kept)."""
        rc = self.store.get(key_index)
        if rc is None or rc.status != FOUND or self._stored(key_index):
            return False
        self.held[key_index] = state
        return True

    def holds_for(self, node_id: bytes) -> bool:
        """A state from this peer's blob waits for its reestablish."""
        return any(rc.channel.peer_node_id == node_id for rc in self.store.all()
                   if rc.channel.key_index in self.held)

    def _put_off(self, peer: Peer, rc: RecoveredChannel) -> bool:
        """Wait for the peer's own reestablish instead of asking now: once per connection,
        for a channel with a held state or a peer that may hold one (it offers storage and
        was never asked)."""
        found = rc.channel
        offers = peer.remote_features is not None \
            and peer.remote_features.supports(STORAGE_FEATURE)
        if found.key_index not in self.held and not (offers and rc.status == FOUND):
            return False
        if self._waited.get(found.key_index) is peer:
            return False  # it sent no reestablish since the last attempt: ask
        self._waited[found.key_index] = peer
        return True

    # -- asking the peers to close --------------------------------------------------------------

    async def request_closes(self, address_of: Callable[[bytes], str | None] | None = None
                             ) -> dict[int, str]:
        """Ask the peer of every channel still open to close it; `address_of(node_id)` gives
        a HOST:PORT when the record has none (the network's default peers). Returns, per
        channel number, what happened (errors are per channel: the others go on)."""
        outcome = {}
        for rc in self.store.all():
            if rc.status not in (FOUND, CLOSE_REQUESTED) or self._stored(rc.channel.key_index):
                continue
            found = rc.channel
            address = rc.peer_address or (address_of(found.peer_node_id) if address_of else None)
            try:
                peer = self._live(found.peer_node_id)
                if peer is None:
                    if not address:
                        raise KiteError("no address known for the peer")
                    host, _, port = address.rpartition(":")
                    peer = await self.peers.connect(host, int(port), found.peer_node_id)
                if self._put_off(peer, rc):
                    outcome[found.key_index] = "waiting for the peer's channel_reestablish"
                    continue
                await self._ask(peer, rc)
                outcome[found.key_index] = CLOSE_REQUESTED
            except (KiteError, PeerError, OSError, ValueError) as e:
                log.warning("channel %d: cannot ask %s to close: %s", found.key_index,
                            found.peer_node_id.hex(), e)
                outcome[found.key_index] = f"not asked: {e}"
        return outcome

    def _live(self, node_id: bytes) -> Peer | None:
        peer = self.peers.peers.get(node_id)
        return peer if peer is not None and not peer.is_closed else None

    async def _ask(self, peer: Peer, rc: RecoveredChannel) -> None:
        found = rc.channel
        if self._stored(found.key_index):
            return  # resumed meanwhile: never ask to close a channel whose state we hold
        self.held.pop(found.key_index, None)  # once asked, never resumed
        if self._asked.get(found.key_index) is peer:
            return  # one channel_reestablish per channel and connection
        await peer.send(please_close(found, self.lightning.channel_keys(found.key_index)))
        self._asked[found.key_index] = peer
        if rc.status == FOUND:
            self.store.set_status(found.key_index, CLOSE_REQUESTED)
        self._emit(found.key_index, CLOSE_REQUESTED)

    async def on_reestablish(self, peer: Peer, msg: m.ChannelReestablish) -> bool:
        """The peer's reestablish of a channel being recovered: the channel resumed when a
        state from its blob is exactly current, else answered by asking it to close."""
        for rc in self.store.all():
            if rc.channel.channel_id == msg.channel_id \
                    and rc.channel.peer_node_id == peer.node_id and rc.status not in DONE:
                if not await self._resume(peer, rc, msg):
                    await self._ask(peer, rc)
                return True
        return False

    async def _resume(self, peer: Peer, rc: RecoveredChannel, msg: m.ChannelReestablish) -> bool:
        found = rc.channel
        state = self.held.pop(found.key_index, None)
        if state is None or self.adopt is None or self.resume is None:
            return False
        verdict = judge(state, msg, self.lightning.channel_keys(found.key_index))
        if verdict is not Verdict.CURRENT or rc.status != FOUND:
            log.warning("channel %d: the state %s kept for us is %s (it says next commitment "
                        "%d, next revocation %d): asking it to close, nothing of that state "
                        "is used", found.key_index, peer, verdict.value,
                        msg.next_commitment_number, msg.next_revocation_number)
            return False
        with self.channels.db.transaction():  # stored and no longer recovered, together
            self.store.mark_resumed(found.key_index)
            self.adopt(found.key_index, found.peer_node_id, rc.peer_address, state)
        log.info("channel %d with %s resumed from the state it kept for us", found.key_index,
                 peer)
        self._emit(found.key_index, RESUMED)
        await self.resume(found.key_index, peer, msg)
        return True

    # -- the chain ------------------------------------------------------------------------------

    async def check(self) -> None:
        """Look at each channel's funding output; sweep our to_remote from the peer's
        commitment when it is out (confirmed first, for the anchors' one-block delay)."""
        for rc in self.store.all():
            if rc.status in DONE:
                continue
            try:
                await self._check(rc)
            except (KiteError, SweepError) as e:
                log.warning("channel %d: recovery not advanced: %s", rc.channel.key_index, e)

    async def _check(self, rc: RecoveredChannel) -> None:
        found = rc.channel
        keys = self.lightning.channel_keys(found.key_index)
        seen = await self.chain.output_spend(found.funding_txid, found.funding_output_index,
                                             found.funding_script_pubkey)
        if seen is None:
            return
        tx = CTransaction.deserialize(bytes(seen.raw))
        if not spends_funding(tx, found, keys):
            log.warning("channel %d: the funding output's spender is not this channel's close",
                        found.key_index)
            return
        out = to_remote_of(tx, keys)
        if out is not None:
            self.amounts[found.key_index] = out.amount_sat
        if out is None:
            if seen.height is not None:  # confirmed, and nothing of ours in it
                self.store.set_status(found.key_index, NOTHING)
                self._emit(found.key_index, NOTHING)
            return
        swept = await self.chain.output_spend(out.txid, out.index, out.script_pubkey)
        tip = self.chain.tip_height
        if swept is not None:
            raw = bytes(swept.raw)
            txid = CTransaction.deserialize(raw).GetTxid()
            self.confirms_at[found.key_index] = tip + 1 if swept.height is None \
                else swept.height
            if swept.height is not None and self.chain.tip_height - swept.height + 1 >= SWEEP_DEPTH:
                self.store.set_status(found.key_index, SWEPT, txid)
                self._emit(found.key_index, SWEPT, amount_sat=out.amount_sat)
            elif rc.status != CLOSING:
                self.store.set_status(found.key_index, CLOSING, txid)
            return
        if out.anchors and seen.height is None:
            self.confirms_at[found.key_index] = tip + 2
            if rc.status != CLOSING:
                self.store.set_status(found.key_index, CLOSING)
                self._emit(found.key_index, CLOSING)
            return  # one confirmation of the commitment first (CSV 1)
        feerate = await self.chain.feerate_per_kw()
        sweep = sweep_to_remote(out, keys, self.chain.close_script(), feerate)
        await self.chain.broadcast(sweep.tx.serialize(), "to_remote sweep")
        self.confirms_at[found.key_index] = tip + 1
        self.store.set_status(found.key_index, CLOSING, sweep.tx.GetTxid())
        self._emit(found.key_index, CLOSING, sweep_sat=sweep.output_sat)
        log.info("channel %d: our to_remote of %d sat swept by %s (fee %d sat)",
                 found.key_index, out.amount_sat, sweep.tx.GetTxid()[::-1].hex(), sweep.fee_sat)

    def _emit(self, key_index: int, status: str, **more: Any) -> None:
        self.emit("recovery", {"key_index": key_index, "recovery": status, **more})

    # -- life cycle -----------------------------------------------------------------------------

    def start(self, interval: float) -> None:
        """Check the chain every `interval` seconds while a channel is being recovered."""
        self._periodic.start(interval)

    async def stop(self) -> None:
        await self._periodic.stop()
