"""Recovering channels whose state we lost (after a restore from the seed): find them in the
wallet's on-chain history by their recovery record, ask each peer to close (the BOLT 2
"we lost our state" `channel_reestablish`, `ln/recovery/lost_state.py`), watch the funding
output, and sweep our to_remote from the commitment the peer publishes into the wallet.

Nothing of the channel is ever broadcast by us but that sweep: we hold no commitment of it.
Progress is durable (`store/recovery_store.py`): a restart carries on where the chain stands.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
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
    SWEPT,
    RecoveredChannel,
    RecoveryStore,
)
from wallet.ln.wire import messages as m

log = logging.getLogger("kite.ln.recovery")

SWEEP_DEPTH = 1  # a sweep with this many confirmations ends the channel's recovery


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

    # -- asking the peers to close --------------------------------------------------------------

    async def request_closes(self, address_of: Callable[[bytes], str | None] | None = None
                             ) -> dict[int, str]:
        """Ask the peer of every channel still open to close it; `address_of(node_id)` gives
        a HOST:PORT when the record has none (the network's default peers). Returns, per
        channel number, what happened (errors are per channel: the others go on)."""
        outcome = {}
        for rc in self.store.all():
            if rc.status not in (FOUND, CLOSE_REQUESTED):
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
        if self._asked.get(found.key_index) is peer:
            return  # one channel_reestablish per channel and connection
        await peer.send(please_close(found, self.lightning.channel_keys(found.key_index)))
        self._asked[found.key_index] = peer
        if rc.status == FOUND:
            self.store.set_status(found.key_index, CLOSE_REQUESTED)
        self._emit(found.key_index, CLOSE_REQUESTED)

    async def on_reestablish(self, peer: Peer, msg: m.ChannelReestablish) -> bool:
        """The peer's reestablish of a channel being recovered: answered by asking again."""
        for rc in self.store.all():
            if rc.channel.channel_id == msg.channel_id \
                    and rc.channel.peer_node_id == peer.node_id and rc.status not in DONE:
                await self._ask(peer, rc)
                return True
        return False

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
