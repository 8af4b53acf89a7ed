"""Real `LightningNode`s over loopback TCP with real SQLite and a `FakeChain` confirmed by
hand; `CheckedManager` checks persist-before-send on the real shell; helpers to start nodes,
open channels and wait until they settle."""

from __future__ import annotations

import asyncio
import os
from types import SimpleNamespace

from bitcoin.core import CScript, CTransaction, CTxOut

from tests.support.channel_pair import make_funding_tx, p2wpkh_script
from wallet.keys.lightning import LightningKeys
from wallet.ln.channel import events as ev
from wallet.ln.features import Features
from wallet.ln.shell.channel_manager import ChannelManager
from wallet.ln.shell.lightning_node import LightningNode
from wallet.ln.shell.peer import DEFAULT_FEATURES, PeerConfig, chain_hash
from wallet.ln.shell.ports import FundingStatus
from wallet.ln.store.channel_store import ChannelStore
from wallet.ln.wire import messages as m
from wallet.ln.wire.primitives import ShortChannelId
from wallet.networks import REGTEST
from wallet.storage.database import Database

FUNDING = 600_000


class FakeChain:
    """One chain shared by both nodes: confirm by hand, record broadcasts."""

    def __init__(self) -> None:
        self.tip_height = 500
        self.mempool: dict[bytes, bytes] = {}
        self.heights: dict[bytes, int] = {}
        self.spent: dict[bytes, bytes] = {}
        self.broadcasts: list[tuple[str, bytes]] = []
        self.conflicts: dict[bytes, int] = {}  # txid -> height of a tx double-spending it

    async def feerate_per_kw(self) -> int:
        return 2500

    def close_script(self) -> bytes:
        return p2wpkh_script(7)

    async def build_funding(self, script: bytes, amount_sat: int,
                            extra_outputs: tuple[bytes, ...] = ()) -> bytes:
        tx = make_funding_tx(script, amount_sat)
        vout = [*tx.vout, *(CTxOut(0, CScript(s)) for s in extra_outputs)]
        return CTransaction(tx.vin, vout, tx.nLockTime, tx.nVersion).serialize()

    async def broadcast(self, raw: bytes, what: str) -> None:
        tx = CTransaction.deserialize(raw)
        self.broadcasts.append((what, raw))
        self.mempool[tx.GetTxid()] = raw
        for i in tx.vin:
            self.spent[bytes(i.prevout.hash)] = raw

    async def funding_status(self, watch: ev.WatchFundingOutput) -> FundingStatus:
        height = self.heights.get(watch.txid)
        if watch.txid in self.conflicts:
            return FundingStatus(conflict_depth=self.tip_height - self.conflicts[watch.txid] + 1)
        if height is None:
            return FundingStatus(spender=self.spent.get(watch.txid))
        return FundingStatus(self.tip_height - height + 1,
                             ShortChannelId(height, 1, watch.output_index),
                             self.spent.get(watch.txid))

    def double_spend(self, txid: bytes) -> None:
        """The unconfirmed transaction `txid` is replaced by one spending its inputs
        elsewhere, mined in the next block: `txid` is gone for good."""
        assert txid not in self.heights, "a confirmed transaction is not double-spent"
        self.mempool.pop(txid, None)
        self.conflicts[txid] = self.tip_height + 1

    def mine(self, blocks: int = 1) -> None:
        for txid in self.mempool:
            self.heights.setdefault(txid, self.tip_height + 1)
        self.tip_height += blocks


COMMITTING = (m.FundingCreated, m.FundingSigned, m.CommitmentSigned, m.RevokeAndAck,
              m.UpdateFulfillHtlc, m.ClosingSigned)


class CheckedManager(ChannelManager):
    """Checks DESIGN principle 2 on the real shell: when a committing message is sent (or a
    transaction broadcast), the state in SQLite is already the state it was built from."""

    checked = 0

    async def _perform(self, ch, action, queue):
        if (isinstance(action, ev.SendMessage) and isinstance(action.message, COMMITTING)
                or isinstance(action, ev.BroadcastTx)):
            assert self.store.load(ch.key_index).state == ch.state
            CheckedManager.checked += 1
        return await super()._perform(ch, action, queue)


#: what a peer without anchors (Electrum 4.3) offers: its channels are static_remotekey
NO_ANCHORS = DEFAULT_FEATURES - Features.of("option_anchors_zero_fee_htlc_tx")
# a peer that keeps nothing for us (BOLT 1 peer storage not offered), as Electrum
NO_STORAGE = Features.of("option_provide_storage")


def make_node(tmp_path, name: str, chain: FakeChain, seed: bytes,
              features: Features = DEFAULT_FEATURES) -> LightningNode:
    keys = LightningKeys.from_seed(seed, REGTEST)
    store = ChannelStore(Database(tmp_path / f"{name}.sqlite"))
    config = PeerConfig(chain_hash=chain_hash(REGTEST), ping_interval=30, features=features)
    return LightningNode(keys, REGTEST, store, chain, peer_config=config, poll_interval=0.05,
                         backoff_initial=0.1, shell=CheckedManager)


def final_receiver(node, on_final) -> SimpleNamespace:
    """A stand-in for the node's own invoices: `on_final` answers (or holds) final HTLCs;
    HTLCs left undecided by a restart are still judged by the node's payments."""
    return SimpleNamespace(on_final_htlc=on_final,
                           preimage_for_undecided=node.payments.preimage_for_undecided)


async def settled(*channels) -> None:
    """Wait until no update or signature is in flight on these channels."""
    for _ in range(200):
        if not any(c.state.commitments.has_pending_changes for c in channels):
            return
        await asyncio.sleep(0.02)
    raise AssertionError("updates still in flight")


async def open_pair(tmp_path, b_features: Features = DEFAULT_FEATURES):
    """a opens a channel to b; `b_features` is what b offers in init (the channel type)."""
    chain = FakeChain()
    seed_a, seed_b = os.urandom(32), os.urandom(32)
    a = make_node(tmp_path, "a", chain, seed_a)
    b = make_node(tmp_path, "b", chain, seed_b, b_features)
    await a.start()
    await b.start(listen_port=0)
    ch = await a.open_channel(b.node_id, "127.0.0.1", b.listen_port, FUNDING)
    assert [w for w, _ in chain.broadcasts] == ["funding"]
    chain.mine(3)
    await a.wait_normal(ch, 10)
    [chb] = b.channels.values()
    await b.wait_normal(chb, 10)
    return chain, a, b, ch, chb, (seed_a, seed_b)




async def start_nodes(tmp_path, *names: str):
    chain = FakeChain()
    seeds = {n: os.urandom(32) for n in names}
    nodes = []
    for n in names:
        node = make_node(tmp_path, n, chain, seeds[n])
        await node.start(listen_port=0)
        nodes.append(node)
    return chain, seeds, nodes


async def channel(chain, x, y, amount: int = FUNDING):
    """Open a channel x -> y (x funds), confirmed and Normal on both sides."""
    ch = await x.open_channel(y.node_id, "127.0.0.1", y.listen_port, amount)
    chain.mine(3)
    await x.wait_normal(ch, 10)
    for _ in range(200):
        theirs = [c for c in y.channels.values() if c.channel_id == ch.channel_id]
        if theirs:
            break
        await asyncio.sleep(0.02)
    await y.wait_normal(theirs[0], 10)
    return ch, theirs[0]


async def stop_all(*nodes) -> None:
    for node in nodes:
        if node is not None:
            await node.stop()
