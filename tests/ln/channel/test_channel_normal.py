"""Normal operation between two in-memory channel machines: HTLCs added, fulfilled and
failed in batches both ways, update_fee, and force close with a verifiable commitment."""

from __future__ import annotations

import pytest
from bitcoin.core import CTransaction

from tests.support.channel_pair import Pair
from wallet.hashes import sha256
from wallet.ln.channel import events as ev
from wallet.ln.channel import states as st
from wallet.ln.channel.errors import ChannelCommandError
from wallet.ln.tx.commitment_tx import ChannelType
from wallet.ln.tx.signing import SIGHASH_ALL, segwit_sighash, verify_digest
from wallet.ln.wire import messages as m

TYPES = list(ChannelType)


def opened(channel_type: ChannelType, **kw) -> Pair:
    pair = Pair(channel_type, **kw)
    pair.open()
    return pair


def received(node) -> list:
    return [u for u in node.upstream if isinstance(u, ev.HtlcReceived)]


@pytest.mark.parametrize("channel_type", TYPES)
def test_batched_payments_both_ways(channel_type: ChannelType) -> None:
    pair = opened(channel_type)
    a, b = pair.a, pair.b
    htlcs = [pair.add(a, amount) for amount in (50_000_000, 70_000_000, 400_000)]  # one is dust
    pair.step(a, ev.CmdSign())
    pair.run()
    pair.assert_in_sync()
    assert sorted(h.htlc_id for h in received(b)) == [0, 1, 2]
    assert len(a.c.local_commit.view.htlcs) == 3
    # b fulfills two, fails one, in one batch
    pair.step(b, ev.CmdFulfillHtlc(htlcs[0][0], htlcs[0][1]))
    pair.step(b, ev.CmdFulfillHtlc(htlcs[2][0], htlcs[2][1]))
    pair.step(b, ev.CmdFailHtlc(htlcs[1][0], b"\x01" * 100))
    pair.step(b, ev.CmdSign())
    pair.run()
    pair.assert_in_sync()
    settled = [u for u in a.upstream if isinstance(u, ev.HtlcSettled)]
    failed = [u for u in a.upstream if isinstance(u, ev.HtlcFailed)]
    assert sorted(u.htlc_id for u in settled) == [0, 2]
    assert all(sha256(u.preimage) == u.payment_hash for u in settled)
    assert [(u.htlc_id, u.reason) for u in failed] == [(1, b"\x01" * 100)]
    assert not a.c.local_commit.view.htlcs and not b.c.local_commit.view.htlcs
    assert b.c.local_commit.view.to_local_msat == 50_400_000
    # now b pays a back, with payments in flight in both directions at once
    back = pair.add(b, 2_000_000)
    more = pair.add(a, 3_000_000)
    pair.step(a, ev.CmdSign())
    pair.step(b, ev.CmdSign())
    pair.run()
    pair.assert_in_sync()
    pair.step(a, ev.CmdFulfillHtlc(back[0], back[1]))
    pair.step(b, ev.CmdFulfillHtlc(more[0], more[1]))
    pair.step(a, ev.CmdSign())
    pair.step(b, ev.CmdSign())
    pair.run()
    pair.assert_in_sync()
    assert b.c.local_commit.view.to_local_msat == 50_400_000 - 2_000_000 + 3_000_000
    assert not a.c.has_pending_changes and not b.c.has_pending_changes


def test_fail_malformed_reaches_the_sender() -> None:
    pair = opened(ChannelType.STATIC_REMOTEKEY)
    htlc_id, _ = pair.add(pair.a, 1_000_000)
    pair.step(pair.a, ev.CmdSign())
    pair.run()
    with pytest.raises(ChannelCommandError):
        pair.step(pair.b, ev.CmdFailMalformedHtlc(htlc_id, bytes(32), 0x4000))  # no BADONION
    pair.step(pair.b, ev.CmdFailMalformedHtlc(htlc_id, b"\x07" * 32, 0x8000 | 0x4000 | 5))
    pair.step(pair.b, ev.CmdSign())
    pair.run()
    (failed,) = [u for u in pair.a.upstream if isinstance(u, ev.HtlcFailed)]
    assert failed.failure_code == 0xC005 and failed.sha256_of_onion == b"\x07" * 32
    pair.assert_in_sync()


def test_commands_that_cannot_be_done_change_nothing() -> None:
    pair = opened(ChannelType.STATIC_REMOTEKEY)
    a, b = pair.a, pair.b
    before = a.state
    with pytest.raises(ChannelCommandError):
        pair.add(b, 1_000_000)  # b has no funds
    with pytest.raises(ChannelCommandError):
        pair.add(a, 0)
    with pytest.raises(ChannelCommandError):
        pair.step(a, ev.CmdAddHtlc(1000, bytes(32), 500_000_000, bytes(m.ONION_PACKET_SIZE)))
    with pytest.raises(ChannelCommandError):
        pair.add(a, 995_000_000)  # more than the balance minus reserve and fees
    with pytest.raises(ChannelCommandError):
        pair.step(b, ev.CmdUpdateFee(5000))  # only the opener pays the fee
    with pytest.raises(ChannelCommandError):
        pair.step(b, ev.CmdFulfillHtlc(0, bytes(32)))  # no such HTLC
    assert a.state == before
    assert pair.step(a, ev.CmdSign()) == []  # nothing to sign: no empty commitment_signed


def test_wrong_preimage_is_refused_by_the_command() -> None:
    pair = opened(ChannelType.STATIC_REMOTEKEY)
    htlc_id, _ = pair.add(pair.a, 1_000_000)
    pair.step(pair.a, ev.CmdSign())
    pair.run()
    with pytest.raises(ChannelCommandError):
        pair.step(pair.b, ev.CmdFulfillHtlc(htlc_id, bytes(32)))


@pytest.mark.parametrize("channel_type", TYPES)
def test_update_fee(channel_type: ChannelType) -> None:
    pair = opened(channel_type)
    pair.add(pair.a, 2_000_000)
    pair.step(pair.a, ev.CmdUpdateFee(5000))
    pair.step(pair.a, ev.CmdSign())
    pair.run()
    pair.assert_in_sync()
    for c in (pair.a.c, pair.b.c):
        assert c.local_commit.view.feerate_per_kw == 5000
        assert c.remote_commit.view.feerate_per_kw == 5000


@pytest.mark.parametrize("channel_type", TYPES)
def test_htlc_limit_is_respected_by_the_sender(channel_type: ChannelType) -> None:
    pair = opened(channel_type)
    limit = pair.b.c.params.local.max_accepted_htlcs
    for _ in range(limit):
        pair.add(pair.a, 10_000)
    with pytest.raises(ChannelCommandError):
        pair.add(pair.a, 10_000)
    pair.step(pair.a, ev.CmdSign())
    pair.run()
    pair.assert_in_sync()
    assert len(received(pair.b)) == limit


def _verify_spends_funding(pair: Pair, tx: CTransaction) -> None:
    c = pair.a.c
    assert tx.vin[0].prevout.hash == c.params.funding_txid
    assert tx.vin[0].prevout.n == c.params.funding_output_index
    witness = list(tx.wit.vtxinwit[0].scriptWitness.stack)
    assert witness[0] == b"" and len(witness) == 4
    script = witness[3]
    funding_out = pair.funding_tx.vout[c.params.funding_output_index]
    assert bytes(funding_out.scriptPubKey) == b"\x00\x20" + sha256(script)
    digest = segwit_sighash(tx, 0, script, c.params.funding_sat, SIGHASH_ALL)
    pubkeys = sorted([c.params.local.funding_pubkey, c.params.remote.funding_pubkey])
    for pubkey, sig in zip(pubkeys, witness[1:3], strict=True):
        assert sig[-1] == SIGHASH_ALL
        assert verify_digest(pubkey, digest, sig[:-1])


@pytest.mark.parametrize("channel_type", TYPES)
@pytest.mark.parametrize("who", ["a", "b"])
def test_force_close_publishes_a_fully_signed_commitment(channel_type, who) -> None:
    pair = opened(channel_type)
    pair.add(pair.a, 30_000_000)
    pair.step(pair.a, ev.CmdSign())
    pair.run()
    node = pair.a if who == "a" else pair.b
    actions = pair.step(node, ev.CmdForceClose())
    assert isinstance(node.state, st.Closing) and node.state.how == "local"
    (broadcast,) = [x for x in actions if isinstance(x, ev.BroadcastTx)]
    tx = CTransaction.deserialize(broadcast.raw)
    assert tx.GetTxid() == node.c.local_commitment_tx(node.keys).txid
    _verify_spends_funding(pair, tx)
    sent = [x.message for x in actions if isinstance(x, ev.SendMessage)]
    assert isinstance(sent[0], m.ErrorMessage)
    # the peer sees its funding output spent by our commitment: the remote one
    other = pair.peer(node)
    pair.step(other, ev.FundingSpent(broadcast.raw))
    assert isinstance(other.state, st.Closing) and other.state.how == "remote"


def test_fulfill_waits_until_the_htlc_is_irrevocably_committed() -> None:
    pair = opened(ChannelType.STATIC_REMOTEKEY)
    htlc_id, preimage = pair.add(pair.a, 20_000_000)
    pair.step(pair.a, ev.CmdSign())
    pair.deliver_one("b")  # update_add_htlc
    pair.deliver_one("b")  # commitment_signed: b revokes and signs a's next commitment
    # b has a's signature and signed a's commitment, but a has not revoked its old one yet
    with pytest.raises(ChannelCommandError):
        pair.step(pair.b, ev.CmdFulfillHtlc(htlc_id, preimage))
    assert not received(pair.b)
    pair.run()
    assert [u.htlc_id for u in received(pair.b)] == [htlc_id]
    pair.step(pair.b, ev.CmdFulfillHtlc(htlc_id, preimage))


@pytest.mark.parametrize("channel_type", TYPES)
def test_htlc_transactions_of_our_commitment_are_fully_signed(channel_type) -> None:
    from wallet.ln.tx.htlc_tx import HtlcTxKind

    pair = opened(channel_type, push_msat=300_000_000)
    _, a_preimage = pair.add(pair.a, 40_000_000)  # a offers, b receives
    _, b_preimage = pair.add(pair.b, 30_000_000)  # b offers, a receives
    pair.step(pair.a, ev.CmdSign())
    pair.step(pair.b, ev.CmdSign())
    pair.run()
    pair.assert_in_sync()
    for node, incoming_preimage in ((pair.a, b_preimage), (pair.b, a_preimage)):
        txs = node.c.local_htlc_txs(node.keys)
        kinds = sorted(htx.kind.value for htx, _, _ in txs)
        assert kinds == [HtlcTxKind.SUCCESS.value, HtlcTxKind.TIMEOUT.value]
        for htx, theirs, ours in txs:
            preimage = incoming_preimage if htx.kind is HtlcTxKind.SUCCESS else None
            signed = htx.signed(theirs, ours, preimage)  # checks both signatures
            assert len(signed.wit.vtxinwit[0].scriptWitness.stack) == 5


def test_expired_offered_htlc_fails_the_channel() -> None:
    pair = opened(ChannelType.STATIC_REMOTEKEY)
    pair.add(pair.a, 20_000_000)  # cltv_expiry 600_000
    pair.step(pair.a, ev.CmdSign())
    pair.run()
    assert pair.step(pair.a, ev.NewBlock(600_001)) == []
    actions = pair.step(pair.a, ev.NewBlock(600_002))
    assert isinstance(pair.a.state, st.Closing)
    assert any(isinstance(x, ev.BroadcastTx) for x in actions)
    assert pair.step(pair.b, ev.NewBlock(600_100)) == []  # b offered nothing


def test_fulfilled_htlc_stuck_near_expiry_fails_the_channel_even_offline() -> None:
    pair = opened(ChannelType.STATIC_REMOTEKEY)
    htlc_id, preimage = pair.add(pair.a, 20_000_000)
    pair.step(pair.a, ev.CmdSign())
    pair.run()
    pair.step(pair.b, ev.CmdFulfillHtlc(htlc_id, preimage))
    pair.disconnect()  # a never acknowledges the fulfill
    assert pair.step(pair.b, ev.NewBlock(600_000 - 19)) == []
    actions = pair.step(pair.b, ev.NewBlock(600_000 - 18))
    assert isinstance(pair.b.state, st.Closing)
    assert not any(isinstance(x, ev.SendMessage) for x in actions)  # offline: nothing sent
    assert [x.what for x in actions if isinstance(x, ev.BroadcastTx)] == ["commitment"]


def test_state_repr_does_not_show_preimages() -> None:
    pair = opened(ChannelType.STATIC_REMOTEKEY)
    htlc_id, preimage = pair.add(pair.a, 20_000_000)
    pair.step(pair.a, ev.CmdSign())
    pair.run()
    pair.step(pair.b, ev.CmdFulfillHtlc(htlc_id, preimage))
    text = repr(pair.b.state) + repr(pair.a.state)
    assert preimage.hex() not in text and repr(preimage) not in text
    pair.disconnect()
    assert repr(preimage) not in repr(pair.b.state)
