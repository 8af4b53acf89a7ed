"""BOLT 5 enforcement end to end: two Kite nodes (real ChannelManagers in NodeServices) on
the devnet (bcoin + ElectrumX), HTLCs pending in both directions, then

- a force close by either side while the other is offline (so that only one commitment
  is ever published): every HTLC is resolved on chain by the right side (with the
  preimage, or after its timeout through HTLC-timeout / a timeout claim), to_local after
  its CSV delay, to_remote at once; both channels end `Closed`, and every satoshi of the
  commitment is followed to a wallet or a fee;
- the peer publishing a revoked commitment (B's old state, saved while HTLCs were
  pending) together with one of its HTLC-success transactions: A's justice transactions
  take every output, the second-stage one included.

Payees hold incoming HTLCs (a receiver that answers later), so that they stay pending.
"""

from __future__ import annotations

import asyncio
import os
import socket
import time
from dataclasses import replace

import pytest
from bitcoin.core import CBlock, CTransaction

from tests.support.nodes import final_receiver
from tests.support.wallet_under_test import WalletUnderTest
from wallet.hashes import sha256
from wallet.keys.bip39 import generate_mnemonic
from wallet.ln.bolt11.encode import encode_invoice
from wallet.ln.bolt11.invoice import Invoice, decode_invoice
from wallet.ln.channel import states as st
from wallet.ln.features import Features
from wallet.ln.onion.failures import FailureCode
from wallet.ln.shell import closing_watch
from wallet.ln.shell.payments import INVOICE_FEATURES
from wallet.ln.tx.commitment_tx import ChannelType
from wallet.ln.tx.scripts import p2wpkh
from wallet.networks import REGTEST

pytestmark = pytest.mark.slow

ANCHORS = Features.of("option_anchors_zero_fee_htlc_tx")
FUNDING = 400_000
DELAY = 12  # to_self_delay each side asks for (small, to keep the test short)


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch):
    monkeypatch.setenv("KITE_INSECURE_FAST_KDF", "1")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def until(check, what: str, timeout: float = 90.0):
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.1)


class Node:
    """One Kite wallet that can be stopped and started again from its folder."""

    def __init__(self, devnet, folder, port: int) -> None:
        self.devnet, self.folder, self.port = devnet, folder, port
        self.mnemonic = generate_mnemonic()
        self.w: WalletUnderTest | None = None
        self.anchors = False
        self.watched = -1  # the tip height of the last finished watch of a closing channel

    async def start(self, monkeypatch) -> None:
        self.w = WalletUnderTest(self.devnet, self.folder, self.mnemonic,
                                 ln_listen=f"127.0.0.1:{self.port}")
        await self.w.__aenter__()
        # anchors (Kite's default) or not: static_remotekey channels, as with an older peer
        config = self.m.peers.config
        features = config.features | ANCHORS if self.anchors else config.features - ANCHORS
        config = replace(config, features=features)
        self.m.peers.config = config
        if self.m.peers._listener is not None:
            self.m.peers._listener.config = config
        self.m.poll_interval = 0.2
        self.m.manager.policy = replace(self.m.policy, to_self_delay=DELAY)
        self.m.switch.receiver = final_receiver(self.m, lambda incoming: None)  # hold: answer later (or never)
        self._note_watches()

    def _note_watches(self) -> None:
        """Note the tip height at which each watch of a closing channel (its plan, its
        broadcasts) finished: `mine_until` mines the next block once it did."""
        watch = self.m.manager.closing_watch
        check = watch.check

        async def noted(ch, new_block: bool):
            height = watch.chain.tip_height
            plan = await check(ch, new_block)
            if plan is not None:
                self.watched = max(self.watched, height)
            return plan
        watch.check = noted

    async def stop(self) -> None:
        if self.w is not None:
            await self.w.__aexit__(None, None, None)
            self.w = None

    @property
    def m(self):
        return self.w.svc.ln.node

    @property
    def channel(self):
        [ch] = self.m.channels.values()
        return ch

    async def node_id(self) -> str:
        return (await self.w.svc.handlers["lninfo"]())["node_id"]

    async def balance(self) -> int:
        b = await self.w.svc.balance(wait=5)
        return b["confirmed"]


def unknown_invoice(payee: Node, amount_sat: int) -> str:
    """An invoice signed with the payee's node key whose preimage nobody stored: the payee
    cannot claim the HTLC, which therefore times out."""
    invoice = Invoice(network=REGTEST, amount_msat=amount_sat * 1000, timestamp=int(time.time()),
                      payment_hash=sha256(os.urandom(32)), payment_secret=os.urandom(32),
                      payee=payee.m.node_id, description="unknown", expiry=3600,
                      features=INVOICE_FEATURES)
    return encode_invoice(invoice, payee.m.lightning.node_private_key)


async def channel_with_htlcs_both_ways(devnet, tmp_path, monkeypatch, anchors=False):
    """A opens to B, pays 150k, then leaves four HTLCs pending: A->B 50k (B knows the
    preimage) and 30k (B does not), B->A 40k (A knows) and 20k (A does not)."""
    a = Node(devnet, tmp_path / "a", _free_port())
    b = Node(devnet, tmp_path / "b", _free_port())
    a.anchors = b.anchors = anchors
    await a.start(monkeypatch)
    await b.start(monkeypatch)
    addr = (await a.w.svc.address())["address"]
    await asyncio.to_thread(devnet.fund, addr, 1_000_000)
    await a.w.mine()
    await a.w.balance_is(1_000_000)
    await a.w.svc.handlers["channel_open"](
        peer=f"{await b.node_id()}@127.0.0.1:{b.port}", amount_sat=FUNDING)
    await a.w.mine(3)
    await a.m.wait_normal(a.channel, 60)
    await b.m.wait_normal(b.channel, 60)
    b.m.switch.receiver = b.m.payments  # the first payment settles
    invoice = (await b.w.svc.handlers["invoice"](amount_sat=150_000))["invoice"]
    await a.w.svc.handlers["pay"](invoice=invoice)
    b.m.switch.receiver = final_receiver(b.m, lambda incoming: None)
    for node in (a, b):
        await until(lambda node=node: not node.channel.state.commitments.has_pending_changes,
                    "the first payment settled")
    payments = [
        (a, (await b.w.svc.handlers["invoice"](amount_sat=50_000))["invoice"]),
        (a, unknown_invoice(b, 30_000)),
        (b, (await a.w.svc.handlers["invoice"](amount_sat=40_000))["invoice"]),
        (b, unknown_invoice(a, 20_000)),
    ]
    tasks = [asyncio.create_task(payer.m.pay(inv, timeout=600)) for payer, inv in payments]
    for node in (a, b):
        await until(lambda node=node: len(node.channel.state.commitments.local_commit.view.htlcs)
                    == 4 and not node.channel.state.commitments.has_pending_changes,
                    "four HTLCs committed")
    return a, b, payments, tasks


def block_txs(devnet, height: int) -> list[CTransaction]:
    raw = devnet.rpc("getblockbyheight", height, False)
    return list(CBlock.deserialize(bytes.fromhex(raw)).vtx)


def spend_graph(devnet, start: int, end: int) -> dict[tuple[bytes, int], CTransaction]:
    """Every outpoint spent in blocks start..end, and its spender."""
    spent = {}
    for height in range(start, end + 1):
        for tx in block_txs(devnet, height)[1:]:
            for vin in tx.vin:
                spent[(bytes(vin.prevout.hash), vin.prevout.n)] = tx
    return spent


def follow(spent, tx: CTransaction, index: int) -> tuple[bytes, int, int]:
    """Follow an output through spends (sweeps have one output; HTLC txs pay out at 0) to
    the script it rests at: (script, amount, fees paid on the way)."""
    fees = 0
    while (tx.GetTxid(), index) in spent:
        child = spent[(tx.GetTxid(), index)]
        assert len(child.vin) == 1, "the watcher sweeps each output on its own"
        fees += tx.vout[index].nValue - sum(o.nValue for o in child.vout)
        tx, index = child, 0
    out = tx.vout[index]
    return bytes(out.scriptPubKey), out.nValue, fees


async def mine_until(node_list, w, check, what: str, limit: int = 80) -> None:
    """Mine a block at a time until `check()`; each block once every node's watch of its
    closing channel ran at it (its broadcasts made), or after 3 s."""
    for _ in range(limit):
        if check():
            return
        await w.mine()
        height = await asyncio.to_thread(w.devnet.height)
        deadline = time.monotonic() + 3.0
        while time.monotonic() < deadline and any(
                n.w is not None and isinstance(n.channel.inner, st.Closing)
                and n.watched < height for n in node_list):
            await asyncio.sleep(0.05)
    raise AssertionError(f"not {what} after {limit} blocks: " + "; ".join(
        f"{n.m.closing_watch.last_plan(n.channel.key_index)}" for n in node_list))


@pytest.mark.parametrize("closer", ["opener", "fundee"])
async def test_force_close_with_htlcs_both_ways_is_resolved_on_chain(
        shared_devnet, tmp_path, monkeypatch, closer) -> None:
    devnet = shared_devnet
    a, b, payments, tasks = await channel_with_htlcs_both_ways(devnet, tmp_path, monkeypatch)
    try:
        closing, other = (a, b) if closer == "opener" else (b, a)
        scripts = {a.channel.state.setup.close_script: "a",
                   b.channel.state.setup.close_script: "b"}
        before = {"a": await a.balance(), "b": await b.balance()}
        await other.stop()  # offline: only the closer's commitment is published
        await closing.w.svc.handlers["channel_close"](channel=str(closing.channel.key_index),
                                                      force=True)
        commitment = CTransaction.deserialize(closing.channel.inner.published[-1])
        assert len(commitment.vout) == 6  # to_local, to_remote and the four HTLCs
        start = await asyncio.to_thread(devnet.height) + 1
        await closing.w.mine()
        await other.start(monkeypatch)
        await until(lambda: isinstance(other.channel.inner, st.Closing), "the peer sees it")
        await until(lambda: "onchain" in closing.m.describe(closing.channel), "progress listed")
        assert closing.m.describe(closing.channel)["onchain"]["close"] == "our commitment"
        nodes = [a, b]
        await mine_until(nodes, a.w, lambda: all(isinstance(n.channel.inner, st.Closed)
                                                 for n in nodes), "resolved", limit=120)
        for n in nodes:
            assert "resolved on chain" in n.channel.inner.reason
        end = await asyncio.to_thread(devnet.height)
        spent = spend_graph(devnet, start, end)
        ends = {}
        for index, out in enumerate(commitment.vout):
            script, amount, fees = follow(spent, commitment, index)
            assert script in scripts, f"output {index} ({out.nValue} sat) rests elsewhere"
            ends[out.nValue] = (scripts[script], amount, fees)
        # the HTLCs: the payee with the preimage took it, the others timed out to the payer
        assert ends[50_000][0] == "b"
        assert ends[30_000][0] == "a"
        assert ends[40_000][0] == "a"
        assert ends[20_000][0] == "b"
        assert {ends[v][0] for v in ends if v not in (50_000, 30_000, 40_000, 20_000)} == {
            "a", "b"}
        # to the satoshi: each wallet gained exactly what rests at its script
        for name, node in (("a", a), ("b", b)):
            gained = sum(amount for who, amount, _ in ends.values() if who == name)
            await node.w.balance_is(before[name] + gained)
        fees = sum(f for _, _, f in ends.values())
        assert sum(amount for _, amount, _ in ends.values()) + fees == sum(
            o.nValue for o in commitment.vout)
        # A learned on chain that B was paid: the preimage B revealed settles it
        paid = a.m.payment_log.get(decode_invoice(payments[0][1]).payment_hash)
        assert paid is not None and paid.status == "paid" and paid.preimage is not None
        # ... and that the payment whose HTLC timed out on chain failed
        for payer, invoice in payments[1::2]:
            row = payer.m.payment_log.get(decode_invoice(invoice).payment_hash)
            assert row is not None and row.status == "failed", row
    finally:
        for t in tasks:
            t.cancel()
        await a.stop()
        await b.stop()


async def test_revoked_commitment_justice_takes_everything(shared_devnet, tmp_path,
                                                           monkeypatch) -> None:
    devnet = shared_devnet
    a, b, _, tasks = await channel_with_htlcs_both_ways(devnet, tmp_path, monkeypatch)
    try:
        old = b.channel.state.commitments  # B saves its state with four HTLCs pending
        keys_b = b.channel.keys
        revoked = old.signed_local_commitment(keys_b)
        assert len(revoked.vout) == 6  # to_local, to_remote and the four HTLCs
        # ... and every HTLC is failed: B's saved commitment is revoked
        for node in (a, b):
            for key, incoming in list(node.m.switch.held.items()):
                await node.m.resolve_incoming(key[0], key[1], incoming.fail(FailureCode.TEMPORARY_NODE_FAILURE, "test"))
        for node in (a, b):
            await until(lambda node=node: not node.channel.state.commitments.local_commit.view
                        .htlcs and not node.channel.state.commitments.has_pending_changes,
                        "HTLCs failed")
        assert a.channel.state.commitments.remote_commit.index > old.local_commit.index
        script_a = a.channel.state.setup.close_script
        # B's HTLC-success for the 50k HTLC it knows the preimage of
        preimage = b.m.payment_log.known_preimage(
            [h.payment_hash for h in old.local_commit.view.htlcs
             if h.amount_msat == 50_000_000][0])
        [(htx, rs, ls)] = [t for t in old.local_htlc_txs(keys_b)
                           if t[0].htlc.amount_msat == 50_000_000]
        success = htx.signed(rs, ls, preimage)
        # A is offline while B publishes both in one block
        before_a = await a.balance()
        await a.stop()
        start = await asyncio.to_thread(devnet.height) + 1
        for tx in (revoked, success):
            await asyncio.to_thread(devnet.rpc, "sendrawtransaction", tx.serialize().hex())
        await b.w.mine()
        await a.start(monkeypatch)
        await until(lambda: isinstance(a.channel.inner, st.Closing), "A sees the revoked one")
        await mine_until([a], a.w, lambda: isinstance(a.channel.inner, st.Closed), "resolved")
        end = await asyncio.to_thread(devnet.height)
        spent = spend_graph(devnet, start, end)
        gained = 0
        for index, out in enumerate(revoked.vout):
            script, amount, fees = follow(spent, revoked, index)
            assert script == script_a, f"output {index} ({out.nValue} sat) did not reach A"
            assert fees < 5_000
            gained += amount
        # the second-stage output was taken too: B's HTLC-success output was spent by A
        assert (success.GetTxid(), 0) in spent
        await a.w.balance_is(before_a + gained)
    finally:
        for t in tasks:
            t.cancel()
        await a.stop()
        await b.stop()



async def test_a_sweep_dropped_by_a_reorg_is_broadcast_again(shared_devnet, tmp_path,
                                                              monkeypatch) -> None:
    """B force-closes while A is away; A sweeps its to_remote; a reorg drops the sweep
    two blocks deep: A's watcher sees the output unspent again and sweeps it again."""
    devnet = shared_devnet
    a = Node(devnet, tmp_path / "a", _free_port())
    b = Node(devnet, tmp_path / "b", _free_port())
    await a.start(monkeypatch)
    await b.start(monkeypatch)
    try:
        addr = (await a.w.svc.address())["address"]
        await asyncio.to_thread(devnet.fund, addr, 1_000_000)
        await a.w.mine()
        await a.w.balance_is(1_000_000)
        await a.w.svc.handlers["channel_open"](
            peer=f"{await b.node_id()}@127.0.0.1:{b.port}", amount_sat=FUNDING)
        await a.w.mine(3)
        await a.m.wait_normal(a.channel, 60)
        await b.m.wait_normal(b.channel, 60)
        script_a = a.channel.state.setup.close_script
        pays_a = p2wpkh(a.channel.keys.payment_basepoint)  # static_remotekey to_remote
        before = await a.balance()
        await a.stop()
        await b.w.svc.handlers["channel_close"](channel=str(b.channel.key_index), force=True)
        commitment = CTransaction.deserialize(b.channel.inner.published[-1])
        [to_remote] = [i for i, o in enumerate(commitment.vout)
                       if bytes(o.scriptPubKey) == pays_a]
        await b.w.mine()
        start = await asyncio.to_thread(devnet.height)
        await a.start(monkeypatch)

        def swept() -> CTransaction | None:
            spent = spend_graph(devnet, start, devnet.height())
            return spent.get((commitment.GetTxid(), to_remote))

        deadline = time.monotonic() + 60
        while (sweep := await asyncio.to_thread(swept)) is None:
            assert time.monotonic() < deadline, "A never swept its to_remote"
            await a.w.mine()
            await asyncio.sleep(0.5)
        await a.w.mine()  # the sweep is two blocks deep
        await asyncio.to_thread(devnet.reorg, 2, [sweep.GetTxid()[::-1].hex()])
        assert await asyncio.to_thread(swept) is None  # gone from the chain
        await mine_until([a], a.w, lambda: isinstance(a.channel.inner, st.Closed), "resolved")
        again = await asyncio.to_thread(swept)
        assert again is not None and bytes(again.vout[0].scriptPubKey) == script_a
        await a.w.balance_is(before + again.vout[0].nValue)
    finally:
        await a.stop()
        await b.stop()


async def test_anchors_force_close_bumps_by_cpfp_and_funds_htlc_transactions(
        shared_devnet, tmp_path, monkeypatch) -> None:
    """An anchors channel: A force-closes while fees are high; its commitment (signed at
    the channel's low feerate) is bumped through A's anchor by a child paying from A's
    wallet; A's HTLC-timeout/success transactions add a wallet coin for their fee. Every
    HTLC ends where it should, and A's balance moves exactly by what the blocks show."""
    devnet = shared_devnet
    # the watch sees the commitment in the mempool (for its CPFP) at its next check without
    # a block: each second here, not each 10 s
    monkeypatch.setattr(closing_watch, "RECHECK_INTERVAL", 1.0)
    a, b, _, tasks = await channel_with_htlcs_both_ways(devnet, tmp_path, monkeypatch,
                                                       anchors=True)
    try:
        assert a.channel.state.commitments.params.channel_type is (
            ChannelType.ANCHORS_ZERO_FEE_HTLC_TX)
        script_a = a.channel.state.setup.close_script
        wallet_a = {(bytes.fromhex(c.txid)[::-1], c.vout): (c.value, c.script_pubkey)
                    for c in a.w.svc.chain.ledger.utxos()}
        before = await a.balance()
        await b.stop()
        await asyncio.to_thread(devnet.set_fee_estimate, 20)  # 5000 sat/kw
        await a.w.mine()
        await a.w.svc.handlers["channel_close"](channel=str(a.channel.key_index), force=True)
        commitment = CTransaction.deserialize(a.channel.inner.published[-1])
        ctxid = commitment.GetTxid()

        def cpfp_in_mempool() -> bool:
            for txid in devnet.rpc("getrawmempool"):
                tx = CTransaction.deserialize(bytes.fromhex(devnet.rpc("getrawtransaction",
                                                                       txid)))
                if any(bytes(i.prevout.hash) == ctxid for i in tx.vin) and len(tx.vin) > 1:
                    return True
            return False

        deadline = time.monotonic() + 30
        while not await asyncio.to_thread(cpfp_in_mempool):
            assert time.monotonic() < deadline, "no CPFP of the commitment"
            await asyncio.sleep(0.3)
        start = await asyncio.to_thread(devnet.height) + 1
        await a.w.mine()
        await b.start(monkeypatch)
        await until(lambda: isinstance(b.channel.inner, st.Closing), "B sees the close")
        await mine_until([a, b], a.w, lambda: all(isinstance(n.channel.inner, st.Closed)
                                                   for n in (a, b)), "resolved", limit=120)
        end = await asyncio.to_thread(devnet.height)
        txs = [tx for h in range(start, end + 1) for tx in block_txs(devnet, h)[1:]]
        assert any(t.GetTxid() == ctxid for t in block_txs(devnet, start))
        spent = {(bytes(i.prevout.hash), i.prevout.n): t for t in txs for i in t.vin}
        # the CPFP child spent A's anchor in the commitment's own block
        anchors = [n for n, o in enumerate(commitment.vout) if o.nValue == 330]
        child = [spent[(ctxid, n)] for n in anchors if (ctxid, n) in spent]
        assert len(child) == 1 and child[0] in block_txs(devnet, start)
        # each HTLC's fate, following output 0 of each spender
        scripts = {script_a: "a"}
        ends = {}
        for index, out in enumerate(commitment.vout):
            if out.nValue == 330:
                continue
            tx, n = commitment, index
            while (tx.GetTxid(), n) in spent:
                tx, n = spent[(tx.GetTxid(), n)], 0
            ends[out.nValue] = scripts.get(bytes(tx.vout[n].scriptPubKey), "b")
        assert ends[30_000] == "a" and ends[40_000] == "a"
        assert ends[50_000] == "b" and ends[20_000] == "b"
        # to the satoshi, from the blocks alone: what paid A's scripts minus A's coins spent
        mine = {spk for _, spk in wallet_a.values()} | {script_a}
        coins = dict(wallet_a)
        ever = set(coins)
        delta = 0
        for t in txs:
            for i in t.vin:
                key = (bytes(i.prevout.hash), i.prevout.n)
                if key in coins:
                    delta -= coins.pop(key)[0]
            for n, o in enumerate(t.vout):
                if bytes(o.scriptPubKey) in mine:
                    delta += o.nValue
                    coins[(t.GetTxid(), n)] = (o.nValue, bytes(o.scriptPubKey))
                    ever.add((t.GetTxid(), n))
        await a.w.balance_is(before + delta)
        # A's HTLC transactions each brought a coin of A's wallet for their fee
        for i, o in enumerate(commitment.vout):
            if o.nValue in (30_000, 40_000):
                t = spent[(ctxid, i)]
                assert len(t.vin) >= 2
                assert all((bytes(x.prevout.hash), x.prevout.n) in ever for x in t.vin[1:])
    finally:
        await asyncio.to_thread(devnet.set_fee_estimate, None)
        for t in tasks:
            t.cancel()
        await a.stop()
        await b.stop()
