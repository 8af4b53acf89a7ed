"""Two real Kite nodes over loopback: B keeps A's blob (BOLT 1 peer storage) with A's
channel state; A's wallet is lost; A restored from its seed gets the blob back at the
connection and, B's channel_reestablish proving the state current, resumes the channel and
pays again, broadcasting nothing. A B that hands back an OLD copy of the blob gets the
channel closed instead: the old state is never used, and the current balance comes back.
A payment in flight when the wallet was lost is recorded again and ends paid."""

from __future__ import annotations

import asyncio
import logging

import pytest
from bitcoin.core import CTransaction

from tests.daemon.test_restore_recovery import WalletHistory, _channel_with_payment, _lose_wallet
from tests.support.nodes import make_node, settled, stop_all
from tests.support.recovery_chain import FUNDING, OwnBroadcasts, SpendingChain, until
from wallet.daemon.restore_recovery import AutoRecovery
from wallet.ln.channel import states as st
from wallet.ln.channel.codec import state_from_bytes
from wallet.ln.recovery import peer_backup
from wallet.ln.recovery.resume import unwrap
from wallet.ln.store.recovery_store import RESUMED, SWEPT


def _kept_state(a, b, key_index: int) -> bytes | None:
    """The state of A's channel in the blob B would give back now."""
    blob = b.peer_storage.blob_of(a.node_id)
    back = blob and peer_backup.decode(blob, a.lightning.peer_storage_key, "regtest")
    return back.states.get(key_index) if back else None


def _keeps_current(a, b, key_index: int) -> bool:
    kept = _kept_state(a, b, key_index)
    return kept is not None and kept == a.store.stored_states().get(key_index)


def _local_msat(ch) -> int:
    return st.commitments_of(ch.state).local_commit.view.to_local_msat


@pytest.mark.parametrize("by_record", [True, False], ids=["record", "blob-only"])
async def test_a_restored_wallet_resumes_its_channel_from_the_blob_and_pays_again(
        tmp_path, by_record: bool) -> None:
    """`record`: the funding transaction's record finds the channel and the node connects
    to B by itself; `blob-only` (setting off): nothing on chain names it, B's blob alone."""
    chain = SpendingChain()
    seed, a, b, ch = await _channel_with_payment(tmp_path, chain, recoverable=by_record,
                                                 storage=True)
    a2 = auto = None
    try:
        await until(lambda: _keeps_current(a, b, ch.key_index), "B keeping A's current state")
        before = _local_msat(ch)
        await _lose_wallet(tmp_path, a)
        a = None

        view = OwnBroadcasts(chain)
        a2 = make_node(tmp_path, "a2", view, seed)
        await a2.start()
        auto = AutoRecovery(a2.recovery, WalletHistory(chain),
                            lambda node: f"127.0.0.1:{b.listen_port}")
        if not by_record:
            await auto.step()
            assert a2.recovery.list() == []  # nothing on chain names it
            await a2.peers.connect("127.0.0.1", b.listen_port, b.node_id)
        auto.start(0.05)
        await until(lambda: a2.channels, "the channel resumed")
        [ch2] = a2.channels.values()
        await a2.wait_normal(ch2, 10)
        assert ch2.key_index == ch.key_index and _local_msat(ch2) == before
        # no longer being recovered: its recovery ended "resumed" (kite channel list says so)
        assert [(rc.channel.key_index, rc.status) for rc in a2.recovery.list()] == [
            (ch.key_index, RESUMED)]
        assert a2.store.load(ch.key_index).state is not None  # stored

        [chb] = b.channels.values()
        await a2.pay(b.create_invoice(20_000_000, "again"))
        await settled(ch2, chb)
        assert _local_msat(ch2) == before - 20_000_000
        assert view.sent == []  # A2 broadcast nothing
        assert not any(w == "commitment" for w, _ in chain.broadcasts)  # nor did B
        # the blob follows the resumed channel again
        await until(lambda: _keeps_current(a2, b, ch.key_index), "B keeping A2's new state")
    finally:
        if auto is not None:
            await auto.stop()
        await stop_all(a, b, a2)


@pytest.mark.parametrize("by_record", [True, False], ids=["record", "blob-only"])
async def test_a_stale_blob_is_never_used_the_peer_closes_and_the_balance_comes_back(
        tmp_path, caplog, by_record: bool) -> None:
    """`blob-only`: the old blob is also the only thing that names the channel."""
    chain = SpendingChain()
    seed, a, b, ch = await _channel_with_payment(tmp_path, chain, recoverable=by_record,
                                                 storage=True)
    a2 = auto = None
    try:
        await until(lambda: _keeps_current(a, b, ch.key_index), "B keeping A's state")
        old_blob = b.peer_storage.blob_of(a.node_id)
        old = unwrap(state_from_bytes(_kept_state(a, b, ch.key_index)))
        [chb] = b.channels.values()
        await a.pay(b.create_invoice(30_000_000, "tea"))
        await settled(ch, chb)
        await until(lambda: _keeps_current(a, b, ch.key_index), "B keeping A's new state")
        assert old.commitments.local_commit.index < chb.state.commitments.remote_commit.index
        # B now keeps an old copy and hands it back at every connection
        a_id = a.node_id
        b.peer_storage.blob_of = lambda node: old_blob if node == a_id else None
        ours_sat = chb.state.commitments.local_commit.view.to_remote_msat // 1000
        await _lose_wallet(tmp_path, a)
        a = None

        view = OwnBroadcasts(chain)
        a2 = make_node(tmp_path, "a2", view, seed)
        await a2.start()
        auto = AutoRecovery(a2.recovery, WalletHistory(chain),
                            lambda node: f"127.0.0.1:{b.listen_port}")
        with caplog.at_level(logging.WARNING, logger="kite.ln.recovery"):
            if not by_record:
                await auto.step()
                assert a2.recovery.list() == []
                await a2.peers.connect("127.0.0.1", b.listen_port, b.node_id)
            auto.start(0.05)
            await until(lambda: any(w == "commitment" for w, _ in chain.broadcasts),
                        "B's commitment on our request")
        assert any("is behind" in r.getMessage() for r in caplog.records)
        assert not a2.channels  # never resumed
        chain.mine(1)
        await until(lambda: view.sent, "our sweep")
        assert [w for w, _ in view.sent] == ["to_remote sweep"]  # nothing of the old state
        sweep = CTransaction.deserialize(view.sent[0][1])
        [commit_raw] = {r for w, r in chain.broadcasts if w == "commitment"}
        commitment = CTransaction.deserialize(commit_raw)
        assert bytes(sweep.vin[0].prevout.hash) == commitment.GetTxid()
        spent = commitment.vout[sweep.vin[0].prevout.n]
        fee = FUNDING - sum(o.nValue for o in commitment.vout)  # A opened: A pays it
        anchors = 2 * 330
        assert spent.nValue == ours_sat - fee - anchors  # the CURRENT balance, not the old
        assert 0 < spent.nValue - sweep.vout[0].nValue < 2_000
        chain.mine(1)
        await until(lambda: a2.recovery.list()[0].status == SWEPT, "swept")
    finally:
        if auto is not None:
            await auto.stop()
        await stop_all(a, b, a2)


async def test_a_payment_in_flight_across_the_loss_ends_paid_in_the_restored_wallet(
        tmp_path) -> None:
    """A pays B; B holds the HTLC (it does not answer) while A's wallet is lost. The state
    in B's blob holds the HTLC; the restored A resumes it, records the payment it knew
    nothing of, and when B fulfils it (B answers what it left undecided at the new
    connection), the payment is paid in A's log, its preimage the proof."""
    from wallet.hashes import sha256
    from wallet.ln.store.payment_log import RESTORED_IN_FLIGHT

    chain = SpendingChain()
    seed, a, b, ch = await _channel_with_payment(tmp_path, chain, storage=True)
    a2 = auto = None
    paying = None
    try:
        [chb] = b.channels.values()
        b.switch.on_htlc_received = lambda ch_, h, queue: False  # B holds what it receives
        invoice = b.create_invoice(7_000_000, "held across the loss")
        paying = asyncio.ensure_future(a.pay(invoice, timeout=30))

        def committed() -> bool:
            c = st.commitments_of(chb.state)
            return bool(c.local_commit.view.htlcs) and not c.has_pending_changes

        await until(committed, "the HTLC committed on both sides")
        await until(lambda: _keeps_current(a, b, ch.key_index), "B keeping the state with it")
        before = _local_msat(ch)
        await _lose_wallet(tmp_path, a)
        a = None
        paying.cancel()
        del b.switch.on_htlc_received  # B answers again (the preimage is its invoice's)

        a2 = make_node(tmp_path, "a2", OwnBroadcasts(chain), seed)
        await a2.start()
        auto = AutoRecovery(a2.recovery, WalletHistory(chain),
                            lambda node: f"127.0.0.1:{b.listen_port}")
        auto.start(0.05)
        await until(lambda: a2.channels, "the channel resumed")
        [ch2] = a2.channels.values()
        rows = [r for r in a2.list_payments() if r["description"] == RESTORED_IN_FLIGHT]
        assert len(rows) == 1 and rows[0]["amount_msat"] == 7_000_000
        h = bytes.fromhex(rows[0]["payment_hash"])
        await until(lambda: a2.payment_log.get(h).status == "paid", "the payment paid", 20)
        assert sha256(a2.payment_log.get(h).preimage) == h
        await settled(ch2, chb)
        assert _local_msat(ch2) == before  # the HTLC's amount had left our side already
        assert not st.commitments_of(ch2.state).local_commit.view.htlcs
    finally:
        if paying is not None:
            paying.cancel()
        if auto is not None:
            await auto.stop()
        await stop_all(a, b, a2)
