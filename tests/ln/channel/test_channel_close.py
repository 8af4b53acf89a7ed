"""Cooperative close: shutdown, HTLCs settled first, closing_signed negotiation with the
fee_range TLV (and without), checked to the satoshi with verifiable signatures."""

from __future__ import annotations

from dataclasses import replace

import pytest
from bitcoin.core import CTransaction

from tests.ln.channel.test_channel_normal import _verify_spends_funding
from tests.support.channel_pair import Pair, p2wpkh_script
from wallet.ln.channel import events as ev
from wallet.ln.channel import states as st
from wallet.ln.channel.errors import ChannelCommandError
from wallet.ln.tx.commitment_tx import ChannelType
from wallet.ln.wire import messages as m

TYPES = list(ChannelType)


def paid(channel_type: ChannelType = ChannelType.STATIC_REMOTEKEY) -> Pair:
    """An open channel where a has paid b 123_456_789 msat."""
    pair = Pair(channel_type)
    pair.open()
    htlc_id, preimage = pair.add(pair.a, 123_456_789)
    pair.step(pair.a, ev.CmdSign())
    pair.run()
    pair.step(pair.b, ev.CmdFulfillHtlc(htlc_id, preimage))
    pair.step(pair.b, ev.CmdSign())
    pair.run()
    return pair


def closing_signed_count(node) -> int:
    return sum(isinstance(x, m.ClosingSigned) for x in node.sent)


def check_mutual_close(pair: Pair) -> CTransaction:
    a, b = pair.a, pair.b
    assert isinstance(a.state, st.Closing) and a.state.how == "mutual"
    assert isinstance(b.state, st.Closing) and b.state.how == "mutual"
    (raw_a,) = [x.raw for x in a.broadcasts if x.what == "mutual close"]
    (raw_b,) = [x.raw for x in b.broadcasts if x.what == "mutual close"]
    assert raw_a == raw_b
    tx = CTransaction.deserialize(raw_a)
    _verify_spends_funding(pair, tx)
    fee = [x.fee_satoshis for x in a.sent if isinstance(x, m.ClosingSigned)][-1]
    outputs = {bytes(out.scriptPubKey): out.nValue for out in tx.vout}
    a_balance = a.c.local_commit.view.to_local_msat // 1000
    b_balance = b.c.local_commit.view.to_local_msat // 1000
    expected = {p2wpkh_script(1): a_balance - fee, p2wpkh_script(2): b_balance}
    assert outputs == {script: value for script, value in expected.items() if value >= 546}
    # what goes to miners: the agreed fee plus the sub-satoshi parts of the balances
    assert pair.funding_sat - sum(outputs.values()) == fee + (
        pair.funding_sat - a_balance - b_balance
    )
    assert tx.nLockTime == 0 and tx.vin[0].nSequence == 0xFFFFFFFF
    return tx


@pytest.mark.parametrize("channel_type", TYPES)
@pytest.mark.parametrize("initiator", ["a", "b"])
def test_mutual_close_to_the_satoshi(channel_type, initiator) -> None:
    pair = paid(channel_type)
    node = pair.a if initiator == "a" else pair.b
    pair.step(node, ev.CmdClose())
    pair.run()
    tx = check_mutual_close(pair)
    assert 123_456 in [out.nValue for out in tx.vout]  # b's balance, rounded down
    # same feerate target on both sides: settled in two messages
    assert closing_signed_count(pair.a) == 1 and closing_signed_count(pair.b) == 1
    # the peer learns of the close when the funding output is spent
    pair.step(pair.a, ev.FundingSpent(tx.serialize()))
    assert pair.a.other_actions[-1] == ev.ChannelClosed("mutual", tx.GetTxid())


def test_close_waits_for_pending_htlcs() -> None:
    pair = paid()
    htlc_id, preimage = pair.add(pair.a, 50_000_000)
    pair.step(pair.a, ev.CmdSign())
    pair.run()
    pair.step(pair.b, ev.CmdClose())
    pair.run()
    assert isinstance(pair.a.state, st.ShuttingDown) and isinstance(pair.b.state, st.ShuttingDown)
    with pytest.raises(ChannelCommandError):
        pair.add(pair.a, 1_000_000)
    with pytest.raises(ChannelCommandError):
        pair.step(pair.a, ev.CmdClose())
    pair.step(pair.b, ev.CmdFulfillHtlc(htlc_id, preimage))
    pair.step(pair.b, ev.CmdSign())
    pair.run()
    check_mutual_close(pair)
    assert [u.htlc_id for u in pair.a.upstream if isinstance(u, ev.HtlcSettled)][-1] == htlc_id


def test_shutdown_while_updates_are_unsigned_signs_them_first() -> None:
    pair = paid()
    htlc_id, preimage = pair.add(pair.a, 50_000_000)
    pair.step(pair.a, ev.CmdClose())  # a signs its pending add before the shutdown
    kinds = [type(x) for x in pair.queues["b"]]
    assert kinds == [m.UpdateAddHtlc, m.CommitmentSigned, m.Shutdown]
    pair.run()
    pair.step(pair.b, ev.CmdFailHtlc(htlc_id, b"no"))
    pair.step(pair.b, ev.CmdSign())
    pair.run()
    check_mutual_close(pair)


def test_fee_range_counter_proposal_takes_three_messages() -> None:
    pair = paid()
    pair.step(pair.b, ev.CmdClose(feerate_per_kw=8000))  # b wants a higher fee than a's
    pair.run()
    check_mutual_close(pair)
    assert closing_signed_count(pair.a) == 2 and closing_signed_count(pair.b) == 1
    a_first = [x for x in pair.a.sent if isinstance(x, m.ClosingSigned)][0]
    b_answer = [x for x in pair.b.sent if isinstance(x, m.ClosingSigned)][0]
    assert b_answer.fee_satoshis > a_first.fee_satoshis
    assert b_answer.fee_satoshis <= a_first.fee_range[1]


def test_fee_ranges_that_do_not_overlap_get_a_warning() -> None:
    pair = paid()
    pair.step(pair.b, ev.CmdClose(feerate_per_kw=50_000))
    pair.run()
    assert isinstance(pair.b.state, st.Negotiating)
    assert isinstance(pair.b.sent[-1], m.WarningMessage)
    assert not any(x.what == "mutual close" for x in pair.b.broadcasts)


def test_closing_signed_without_fee_range_is_accepted_when_fair() -> None:
    pair = paid()
    pair.step(pair.a, ev.CmdClose())
    pair.deliver_one("b")  # a's shutdown; b answers with its own
    pair.deliver_one("a")  # b's shutdown; a proposes a fee
    legacy = pair.queues["b"].popleft()
    assert isinstance(legacy, m.ClosingSigned)
    pair.step(pair.b, replace(legacy, fee_range=None))
    pair.run()
    check_mutual_close(pair)


def test_bad_closing_signature_fails_the_channel() -> None:
    pair = paid()
    pair.step(pair.a, ev.CmdClose())
    pair.deliver_one("b")
    pair.deliver_one("a")
    legacy = pair.queues["b"].popleft()
    actions = pair.step(pair.b, replace(legacy, fee_satoshis=legacy.fee_satoshis + 1))
    assert isinstance(pair.b.state, st.Closing) and pair.b.state.how == "local"
    assert any(isinstance(x, ev.ChannelError) for x in actions)


def test_reconnection_restarts_negotiation() -> None:
    pair = paid()
    pair.step(pair.a, ev.CmdClose())
    pair.deliver_one("b")
    pair.deliver_one("a")
    assert isinstance(pair.a.state, st.Negotiating)
    pair.disconnect()  # a's closing_signed is lost
    pair.reconnect()
    check_mutual_close(pair)


def test_shutdown_scripts_are_checked() -> None:
    pair = paid()
    with pytest.raises(ChannelCommandError):
        pair.step(pair.a, ev.CmdClose(script=b"\x76\xa9\x14" + bytes(20)))  # not segwit
    with pytest.raises(ChannelCommandError):
        pair.step(pair.a, ev.CmdClose(script=p2wpkh_script(7)))  # not the upfront script


@pytest.mark.parametrize("script, disconnects", [
    (b"\x76\xa9\x14" + bytes(20) + b"\x88\xac", False),  # P2PKH: not a form BOLT 2 allows
    (b"\x21" + bytes([2]) + bytes(32) + b"\xac", False),  # bare P2PK (lnprototest's case)
    (p2wpkh_script(7), True),  # allowed, but not the peer's upfront shutdown script
], ids=["p2pkh", "bare-p2pk", "not-upfront"])
def test_a_refused_shutdown_leaves_the_channel_open(script: bytes, disconnects: bool) -> None:
    """BOLT 2, receiving `shutdown`: a script not in the allowed forms "SHOULD send a
    `warning`"; one unequal to the upfront script "MAY send a `warning`. MUST fail the
    connection." Neither fails the channel (found by lnprototest: Kite force-closed)."""
    pair = paid()
    before = pair.b.state
    actions = pair.step(pair.b, m.Shutdown(channel_id=pair.b.c.channel_id, scriptpubkey=script))
    assert pair.b.state == before
    assert not any(isinstance(x, ev.ChannelError) for x in actions)
    assert not pair.b.broadcasts
    sent = [x.message for x in actions if isinstance(x, ev.SendMessage)]
    assert [type(x) for x in sent] == [m.WarningMessage]
    assert not any(isinstance(x, m.Shutdown) for x in pair.b.sent)
    assert any(isinstance(x, ev.Disconnect) for x in actions) == disconnects
    if disconnects:
        pair.disconnect()
        pair.reconnect()
    # the channel still works: a correct shutdown afterwards closes it cooperatively
    pair.step(pair.a, ev.CmdClose())
    pair.run()
    check_mutual_close(pair)


@pytest.mark.parametrize("initiator", ["a", "b"])
def test_close_before_channel_ready(initiator: str) -> None:
    pair = Pair(ChannelType.ANCHORS_ZERO_FEE_HTLC_TX, push_msat=5_000_000)
    pair.open(confirm=False)
    node = pair.a if initiator == "a" else pair.b
    pair.step(node, ev.CmdClose())
    pair.run()
    check_mutual_close(pair)


def test_close_before_channel_ready_survives_a_reconnection() -> None:
    pair = Pair(ChannelType.STATIC_REMOTEKEY)
    pair.open(confirm=False)
    pair.step(pair.a, ev.CmdClose())
    pair.deliver_one("b")  # b answers with its shutdown, which is lost
    pair.disconnect()
    pair.reconnect()
    # channel_ready was never sent, so it is not "retransmitted" either
    assert not any(isinstance(x, m.ChannelReady) for x in pair.a.sent + pair.b.sent)
    check_mutual_close(pair)


def test_shutdown_with_pending_htlcs_survives_a_reconnection() -> None:
    pair = paid()
    htlc_id, preimage = pair.add(pair.a, 50_000_000)
    pair.step(pair.a, ev.CmdSign())
    pair.run()
    pair.step(pair.b, ev.CmdClose())
    pair.disconnect()  # b's shutdown is lost
    pair.reconnect()  # ... and retransmitted
    assert isinstance(pair.a.state, st.ShuttingDown)
    assert isinstance(pair.b.state, st.ShuttingDown)
    pair.step(pair.b, ev.CmdFulfillHtlc(htlc_id, preimage))
    pair.step(pair.b, ev.CmdSign())
    pair.run()
    check_mutual_close(pair)


def test_closing_signed_before_the_htlcs_settle_gets_a_warning_not_a_force_close() -> None:
    """Electrum 4.3.4 answers our shutdown with closing_signed while its commitment_signed
    (adding an HTLC) still awaits our revoke_and_ack. We warn and reconnect instead of
    failing the channel; the HTLC settles, then the negotiation restarts (BOLT 2)."""
    pair = paid()
    htlc_id, preimage = pair.add(pair.a, 50_000_000)
    pair.step(pair.a, ev.CmdSign())
    pair.deliver_one("b")  # the update_add_htlc; a's commitment_signed waits in b's inbox
    pair.step(pair.b, ev.CmdClose())
    early = m.ClosingSigned(channel_id=pair.a.c.channel_id, fee_satoshis=1_000,
                            signature=bytes(64), fee_range=(500, 2_000))
    pair.queues["b"].append(early)  # what a sends at once on b's shutdown
    while pair.queues["b"][0] is not early:
        pair.deliver_one("b")
    before = pair.b.state
    actions = pair.deliver_one("b")
    assert pair.b.state == before and isinstance(before, st.ShuttingDown)
    assert [type(x) for x in actions] == [ev.SendMessage, ev.Disconnect]
    assert isinstance(actions[0].message, m.WarningMessage)
    assert not pair.b.errors and not pair.b.broadcasts
    pair.disconnect()
    pair.reconnect()
    pair.step(pair.b, ev.CmdFulfillHtlc(htlc_id, preimage))
    pair.step(pair.b, ev.CmdSign())
    pair.run()
    check_mutual_close(pair)
    assert pair.b.c.local_commit.view.to_local_msat == 123_456_789 + 50_000_000
