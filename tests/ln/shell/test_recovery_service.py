"""Channel recovery end to end over loopback: A opens to B and pays, A's wallet data is
lost, A2 (same seed, empty store) finds the channel by its funding transaction's recovery
record, asks B to close (BOLT 2 "we lost our state" reestablish), B publishes its
commitment, A2 sweeps its to_remote into the wallet, never broadcasting anything else."""

from __future__ import annotations

import os

import pytest
from bitcoin.core import CTransaction

from tests.support.nodes import NO_ANCHORS, NO_STORAGE, FakeChain, make_node, settled, stop_all
from tests.support.recovery_chain import FUNDING, OwnBroadcasts, SpendingChain, until
from wallet.ln.channel import states as st
from wallet.ln.enforcement.sweep_tx import p2pkh_code
from wallet.ln.recovery.record import RecoveryRecord, decode_script
from wallet.ln.shell.peer import DEFAULT_FEATURES
from wallet.ln.store.recovery_store import CLOSE_REQUESTED, SWEPT
from wallet.ln.tx import scripts
from wallet.ln.tx.signing import SIGHASH_ALL, segwit_sighash, verify_digest


def _funding(chain: FakeChain) -> CTransaction:
    [raw] = [raw for what, raw in chain.broadcasts if what == "funding"]
    return CTransaction.deserialize(raw)


async def test_the_funding_transaction_carries_the_record_and_the_channel_its_output(
        tmp_path) -> None:
    chain = SpendingChain()
    seed = os.urandom(32)
    a = make_node(tmp_path, "a", chain, seed)
    b = make_node(tmp_path, "b", chain, os.urandom(32))
    try:
        await a.start()
        await b.start(listen_port=0)
        ch = await a.open_channel(b.node_id, "127.0.0.1", b.listen_port, FUNDING)
        tx = _funding(chain)
        records = [decode_script(bytes(o.scriptPubKey), a.lightning.record_key) for o in tx.vout]
        assert [r for r in records if r] == [RecoveryRecord(b.node_id, ch.key_index)]
        p = ch.state.commitments.params
        assert tx.vout[p.funding_output_index].nValue == FUNDING
        assert bytes(tx.vout[p.funding_output_index].scriptPubKey) == p.funding_script_pubkey
    finally:
        await stop_all(a, b)


async def test_the_setting_off_leaves_the_record_out(tmp_path) -> None:
    chain = SpendingChain()
    a = make_node(tmp_path, "a", chain, os.urandom(32))
    b = make_node(tmp_path, "b", chain, os.urandom(32))
    a.recoverable_channels = False
    try:
        await a.start()
        await b.start(listen_port=0)
        await a.open_channel(b.node_id, "127.0.0.1", b.listen_port, FUNDING)
        assert all(not bytes(o.scriptPubKey).startswith(b"\x6a") for o in _funding(chain).vout)
    finally:
        await stop_all(a, b)


@pytest.mark.parametrize("anchors", [True, False], ids=["anchors", "static_remotekey"])
async def test_restored_wallet_asks_the_peer_to_close_and_sweeps_its_to_remote(
        tmp_path, anchors: bool) -> None:
    """Either channel type: the peer (one that keeps no blob for us, so nothing can
    resume the channel) closes on our request; our to_remote (P2WPKH, or with anchors a
    P2WSH spendable one block after the commitment confirms) is swept."""
    chain = SpendingChain()
    seed_a = os.urandom(32)
    a = make_node(tmp_path, "a", chain, seed_a)
    b = make_node(tmp_path, "b", chain, os.urandom(32),
                  (DEFAULT_FEATURES if anchors else NO_ANCHORS) - NO_STORAGE)
    a2 = None
    try:
        await a.start()
        await b.start(listen_port=0)
        ch = await a.open_channel(b.node_id, "127.0.0.1", b.listen_port, FUNDING)
        chain.mine(3)
        await a.wait_normal(ch, 10)
        await until(lambda: b.channels, "B's channel")
        [chb] = b.channels.values()
        await b.wait_normal(chb, 10)
        await a.pay(b.create_invoice(150_000_000, "coffee"))
        await settled(ch, chb)
        ours_sat = chb.state.commitments.local_commit.view.to_remote_msat // 1000
        assert ours_sat > 400_000

        # A's computer is lost: its wallet file with it
        await a.stop()
        a = None
        (tmp_path / "a.sqlite").unlink()
        for extra in tmp_path.glob("a.sqlite-*"):
            extra.unlink()

        view = OwnBroadcasts(chain)
        a2 = make_node(tmp_path, "a2", view, seed_a)
        await a2.start()
        history = [raw for _, raw in chain.broadcasts]  # stands in for the wallet's history
        [found] = a2.recovery.scan(history)
        assert (found.peer_node_id, found.key_index) == (b.node_id, ch.key_index)
        assert found.channel_id == ch.channel_id
        assert a2.recovery.scan(history) == []  # found once
        assert a2.store.allocate_key_index() > ch.key_index  # its keys are never reused

        outcome = await a2.recovery.request_closes(lambda node: f"127.0.0.1:{b.listen_port}")
        assert outcome == {ch.key_index: CLOSE_REQUESTED}
        await until(lambda: any(w == "commitment" for w, _ in chain.broadcasts),
                     "B's commitment")
        chain.mine(1)
        await until(lambda: view.sent, "A2's sweep")
        [(what, raw)] = view.sent
        assert what == "to_remote sweep"  # nothing else of the channel, ever
        sweep = CTransaction.deserialize(raw)
        # one commitment (B may publish it again while it is unconfirmed: the same one)
        [commit_raw] = {r for w, r in chain.broadcasts if w == "commitment"}
        commitment = CTransaction.deserialize(commit_raw)
        [txin] = sweep.vin
        assert bytes(txin.prevout.hash) == commitment.GetTxid()
        spent = commitment.vout[txin.prevout.n]
        commitment_fee = FUNDING - sum(o.nValue for o in commitment.vout)  # the opener's
        anchor_outputs = 2 * 330 if anchors else 0  # the opener pays both anchors too
        assert st.commitments_of(ch.state).params.channel_type.anchors == anchors
        assert spent.nValue == ours_sat - commitment_fee - anchor_outputs
        [out] = sweep.vout
        assert bytes(out.scriptPubKey) == chain.close_script()  # into the wallet
        assert 0 < spent.nValue - out.nValue < 2_000  # to the satoshi, less the fee
        if anchors:  # P2WSH: <key> OP_CHECKSIGVERIFY 1 OP_CHECKSEQUENCEVERIFY
            sig, witness_script = list(sweep.wit.vtxinwit[0].scriptWitness)
            assert scripts.p2wsh(witness_script) == bytes(spent.scriptPubKey)
            assert txin.nSequence == 1
            pubkey, code = bytes(witness_script[1:34]), bytes(witness_script)
        else:  # P2WPKH
            sig, pubkey = list(sweep.wit.vtxinwit[0].scriptWitness)
            assert scripts.p2wpkh(pubkey) == bytes(spent.scriptPubKey)
            code = p2pkh_code(pubkey)
        assert sig[-1] == SIGHASH_ALL
        digest = segwit_sighash(sweep, 0, code, spent.nValue, SIGHASH_ALL)
        assert verify_digest(pubkey, digest, sig[:-1])

        chain.mine(1)
        await until(lambda: a2.recovery.list()[0].status == SWEPT, "the sweep confirmed")
        assert len(view.sent) == 1
        assert not a2.channels  # no channel state was made up
    finally:
        await stop_all(a, b, a2)
