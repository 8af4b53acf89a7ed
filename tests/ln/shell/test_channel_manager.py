"""Two channel managers wired through real peers (BOLT 8 over loopback TCP) and a fake chain:
open, payments both ways with several in flight, a restart that reestablishes from SQLite,
failures, and a cooperative close. Persistence order is checked on every step."""

from __future__ import annotations

import asyncio
import os

import pytest
from bitcoin.core import CTransaction

from tests.support.channel_pair import p2wpkh_script
from tests.support.nodes import (
    FUNDING,
    CheckedManager,
    FakeChain,
    make_node,
    open_pair,
    settled,
)
from wallet.ln.bolt11.invoice import decode_invoice
from wallet.ln.channel import inputs as ev
from wallet.ln.channel import states as st
from wallet.ln.shell.payments import PaymentFailed
from wallet.ln.store.channel_store import FAILED, PAID
from wallet.ln.wire.primitives import ShortChannelId


def forget_invoice(node, invoice: str) -> None:
    """The node loses its record of an invoice it issued (a payee that forgot it)."""
    with node.store.db.transaction():
        node.store.db.execute("DELETE FROM ln_payments WHERE payment_hash = ?",
                              (decode_invoice(invoice).payment_hash,))

async def test_open_pay_both_ways_restart_and_close(tmp_path) -> None:
    chain, a, b, ch, chb, seeds = await open_pair(tmp_path)
    try:
        assert ch.channel_id == chb.channel_id
        assert chb.state.short_channel_id == ShortChannelId(501, 1, ch.watch.output_index)
        # 12 payments a -> b, all in flight at once; then 6 b -> a
        invoices = [b.create_invoice(1_000_000 + i, f"a to b {i}") for i in range(12)]
        results = await asyncio.gather(*(a.pay(inv) for inv in invoices))
        assert all(r["status"] == PAID for r in results)
        back = [a.create_invoice(500_000, "b to a") for _ in range(6)]
        await asyncio.gather(*(b.pay(inv) for inv in back))
        sent = sum(1_000_000 + i for i in range(12)) - 6 * 500_000
        await settled(ch, chb)
        assert chb.state.commitments.local_commit.view.to_local_msat == sent
        assert ch.state.commitments.local_commit.view.to_remote_msat == sent
        # the payee marked its invoices paid; the payer stored the preimages
        assert {p.status for p in b.payment_log.list(direction="in")} == {PAID}
        assert all(p.preimage for p in a.payment_log.list(direction="out"))
        # what is stored is what is in memory (every step persisted)
        for node, c in ((a, ch), (b, chb)):
            stored = node.store.load(c.key_index).state
            assert stored.commitments == c.state.commitments

        # restart b from its database: it reestablishes, payments continue
        await b.stop()
        b2 = make_node(tmp_path, "b", chain, seeds[1])
        await b2.start(listen_port=0)
        [chb2] = b2.channels.values()
        assert isinstance(chb2.state, st.Offline)
        # a reconnects to b's new port
        await a.peers.forget(b.node_id)
        await a.peers.connect("127.0.0.1", b2.listen_port, b2.node_id)
        await a.wait_normal(ch, 10)
        await b2.wait_normal(chb2, 10)
        await a.pay(b2.create_invoice(2_000_000, "after restart"))
        await settled(ch, chb2)
        assert chb2.state.commitments.local_commit.view.to_local_msat == sent + 2_000_000

        # cooperative close: both sides reach Closing, the mutual close is broadcast
        await a.close_channel(ch.key_index)
        for _ in range(200):
            if isinstance(ch.inner, st.Closing) and isinstance(chb2.inner, st.Closing):
                break
            await asyncio.sleep(0.05)
        assert isinstance(ch.inner, st.Closing) and ch.inner.how == "mutual"
        closes = [raw for what, raw in chain.broadcasts if what == "mutual close"]
        assert closes
        tx = CTransaction.deserialize(closes[-1])
        amounts = {bytes(o.scriptPubKey): o.nValue for o in tx.vout}
        assert amounts[p2wpkh_script(7)] > 0
        await b2.stop()
        assert CheckedManager.checked > 50
    finally:
        await a.stop()
        await b.stop()


async def test_failures_reach_the_payer(tmp_path) -> None:
    chain, a, b, ch, chb, _ = await open_pair(tmp_path)
    try:
        # an invoice b does not remember (deleted from its store)
        inv = b.create_invoice(3_000_000, "forgotten")
        forget_invoice(b, inv)
        with pytest.raises(PaymentFailed, match="incorrect_or_unknown_payment_details"):
            await a.pay(inv)
        assert a.payment_log.get(decode_invoice(inv).payment_hash).status == FAILED
        # an amount above our balance is refused by the channel, nothing sent
        with pytest.raises(PaymentFailed, match="cannot send"):
            await a.pay(b.create_invoice(FUNDING * 1000, "too much"))
        # not our peer: tried through b as a trampoline, which does not forward
        other = make_node(tmp_path, "c", chain, os.urandom(32))
        with pytest.raises(PaymentFailed, match="unknown_next_peer"):
            await a.pay(other.create_invoice(1000, "x"))
        # the channel still works
        await a.pay(b.create_invoice(10_000, "fine"))
        await settled(ch, chb)
        assert not ch.state.commitments.local_commit.view.htlcs
    finally:
        await a.stop()
        await b.stop()


@pytest.mark.parametrize("cut", ["at once", "htlcs committed", "first one settled"])
async def test_disconnect_with_payments_in_flight(tmp_path, cut: str) -> None:
    """The connection drops while HTLCs are in flight both ways: each payment ends (paid or
    failed, never lost), the channel reestablishes, and both sides agree on the balance."""
    chain, a, b, ch, chb, _ = await open_pair(tmp_path)
    try:
        a.peers.keep_connected(b.node_id, "127.0.0.1", b.listen_port)
        await a.pay(b.create_invoice(3_000_000, "so that b can pay back"))
        await settled(ch, chb)
        invoices = [b.create_invoice(700_000, f"a->b {i}") for i in range(8)]
        back = [a.create_invoice(300_000, f"b->a {i}") for i in range(4)]
        tasks = [asyncio.ensure_future(a.pay(inv, timeout=20)) for inv in invoices]
        tasks += [asyncio.ensure_future(b.pay(inv, timeout=20)) for inv in back]
        for _ in range(500):
            if (cut == "at once"
                    or cut == "htlcs committed" and chb.state.commitments.local_commit.view.htlcs
                    or cut == "first one settled" and any(t.done() for t in tasks)):
                break
            await asyncio.sleep(0.002)
        a.peers.peers[b.node_id].close("test: connection cut")
        results = await asyncio.gather(*tasks, return_exceptions=True)
        for r in results:
            assert isinstance(r, dict | PaymentFailed), r
        await a.wait_normal(ch, 15)
        await b.wait_normal(chb, 15)
        # the survivors went through; retry the failed ones on the restored connection
        for inv, r in zip(invoices + back, results, strict=True):
            if isinstance(r, PaymentFailed):
                payer = a if inv in invoices else b
                payee = b if payer is a else a
                amount = decode_invoice(inv).amount_msat
                await payer.pay(payee.create_invoice(amount, "retry"))
        await settled(ch, chb)
        expected = 3_000_000 + 8 * 700_000 - 4 * 300_000
        assert chb.state.commitments.local_commit.view.to_local_msat == expected
        assert ch.state.commitments.local_commit.view.to_remote_msat == expected
        assert ch.state.commitments.local_commit.view == \
            chb.state.commitments.remote_commit.view
    finally:
        await a.stop()
        await b.stop()


@pytest.mark.parametrize("known", [True, False])
async def test_htlc_left_undecided_by_a_crash_is_settled_after_restart(tmp_path, known) -> None:
    """b dies after the HTLC is irrevocably committed but before it answered: restarted from
    SQLite, it fulfills an HTLC paying its invoice and fails any other."""
    chain, a, b, ch, chb, seeds = await open_pair(tmp_path)
    try:
        b.switch.on_htlc_received = lambda ch, h, queue: False  # dies before deciding
        inv = b.create_invoice(4_000_000, "interrupted")
        if not known:
            forget_invoice(b, inv)
        task = asyncio.ensure_future(a.pay(inv, timeout=30))
        for _ in range(500):
            c = chb.state.commitments
            if c.local_commit.view.htlcs and not c.has_pending_changes:
                break
            await asyncio.sleep(0.01)
        assert len(chb.state.commitments.local_commit.view.htlcs) == 1
        await b.stop()
        b2 = make_node(tmp_path, "b", chain, seeds[1])
        await b2.start(listen_port=0)
        await a.peers.forget(b.node_id)
        await a.peers.connect("127.0.0.1", b2.listen_port, b2.node_id)
        [chb2] = b2.channels.values()
        if known:
            assert (await task)["status"] == PAID
            await settled(ch, chb2)
            assert chb2.state.commitments.local_commit.view.to_local_msat == 4_000_000
        else:
            with pytest.raises(PaymentFailed, match="could not read the onion"):
                await task
            await settled(ch, chb2)
            assert chb2.state.commitments.local_commit.view.to_local_msat == 0
        assert not chb2.state.commitments.local_commit.view.htlcs
        await b2.stop()
    finally:
        await a.stop()
        await b.stop()


async def test_a_peer_cannot_pile_up_unfunded_channels(tmp_path) -> None:
    chain = FakeChain()
    a = make_node(tmp_path, "a", chain, os.urandom(32))
    b = make_node(tmp_path, "b", chain, os.urandom(32))
    never = asyncio.Event()

    async def hang(script: bytes, amount_sat: int, **_: object) -> bytes:
        await never.wait()  # the funder never produces its funding transaction

    chain.build_funding = hang
    await a.start()
    await b.start(listen_port=0)
    try:
        await a.peers.connect("127.0.0.1", b.listen_port, b.node_id)
        opens = [asyncio.ensure_future(a.manager._open(b.node_id, "127.0.0.1", b.listen_port, FUNDING,
                                               0, 5)) for _ in range(4)]
        for _ in range(200):
            if len(b.channels) >= 3 and sum(o.done() for o in opens) >= 1:
                break
            await asyncio.sleep(0.02)
        assert len(b.channels) == 3  # the fourth was refused with an error, not stored
        refused = [o for o in opens if o.done()]
        assert len(refused) == 1, [st.state_path(c.state) for c in a.channels.values()]
        with pytest.raises(Exception, match="could not be opened|did not complete"):
            refused[0].result()
        for o in opens:
            o.cancel()
    finally:
        never.set()
        await a.stop()
        await b.stop()


async def test_a_peer_gone_just_as_the_open_starts_is_an_interrupted_open(tmp_path) -> None:
    """The peer disconnects between the channel's creation and its open_channel (an LSP's
    JIT client killed right then): the open ends as interrupted, the channel closed
    "disconnected before the channel was funded" (it used to be re-labelled "open refused",
    which an LSP would take for the client's refusal)."""
    from wallet.ln.channel.opening import DISCONNECTED_BEFORE_FUNDING
    from wallet.ln.shell.manager_errors import OpenInterrupted, OpenRefused
    chain = FakeChain()
    a = make_node(tmp_path, "a", chain, os.urandom(32))
    b = make_node(tmp_path, "b", chain, os.urandom(32))
    await a.start()
    await b.start(listen_port=0)
    try:
        await a.peers.connect("127.0.0.1", b.listen_port, b.node_id)
        feed = a.manager.feed

        async def gone_first(ch, events):
            if any(type(e).__name__ == "CmdOpen" for e in events):
                await feed(ch, [ev.Disconnected()])  # the peer's end came first
            return await feed(ch, events)
        a.manager.feed = gone_first
        with pytest.raises(OpenInterrupted) as caught:
            await a.manager.open_channel(b.node_id, "127.0.0.1", b.listen_port, FUNDING,
                                         timeout=5)
        assert not isinstance(caught.value, OpenRefused)
        [ch] = a.channels.values()
        assert ch.state == st.Closed(DISCONNECTED_BEFORE_FUNDING)
    finally:
        await a.stop()
        await b.stop()
