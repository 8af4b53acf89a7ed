"""channel_reestablish: disconnections and restarts at each interesting point of the
commitment dance, with and without lost messages, and a peer that proves we lost data."""

from __future__ import annotations

import pytest

from tests.support.channel_pair import Pair
from wallet.ln.channel import events as ev
from wallet.ln.channel import states as st
from wallet.ln.channel.errors import ChannelCommandError
from wallet.ln.tx.commitment_tx import ChannelType
from wallet.ln.wire import messages as m

TYPES = list(ChannelType)


def opened(channel_type: ChannelType = ChannelType.STATIC_REMOTEKEY, **kw) -> Pair:
    pair = Pair(channel_type, **kw)
    pair.open()
    return pair


def settle_all(pair: Pair) -> None:
    """Fulfill every HTLC b received, then run to quiescence."""
    for node in (pair.a, pair.b):
        for up in list(node.upstream):
            if isinstance(up, ev.HtlcReceived) and up.htlc_id in pair.preimages:
                pair.step(node, ev.CmdFulfillHtlc(up.htlc_id, pair.preimages.pop(up.htlc_id)))
        pair.step(node, ev.CmdSign())
    pair.run()


def pay(pair: Pair, amount: int = 20_000_000) -> int:
    htlc_id, preimage = pair.add(pair.a, amount)
    pair.preimages[htlc_id] = preimage
    pair.step(pair.a, ev.CmdSign())
    return htlc_id


def no_commitment_broadcast(node) -> bool:
    return all(x.what == "funding" for x in node.broadcasts)


def quiet(pair: Pair) -> bool:
    return not pair.a.c.has_pending_changes and not pair.b.c.has_pending_changes


@pytest.fixture
def pair() -> Pair:
    p = opened()
    p.preimages = {}
    return p


def finish(pair: Pair) -> None:
    """Reconnect, settle everything, check both sides agree and are clean."""
    pair.reconnect()
    assert isinstance(pair.a.state, st.Normal) and isinstance(pair.b.state, st.Normal)
    settle_all(pair)
    settle_all(pair)
    pair.assert_in_sync()
    assert quiet(pair)
    assert not pair.a.errors and not pair.b.errors
    for node in (pair.a, pair.b):
        assert [x.what for x in node.broadcasts if x.what != "funding"] == []


@pytest.mark.parametrize("delivered", range(0, 8))
def test_disconnect_after_each_message_of_a_payment(pair: Pair, delivered: int) -> None:
    """a pays b; the connection drops after `delivered` messages got through."""
    pay(pair)
    for _ in range(delivered):
        name = "b" if pair.queues["b"] else "a"
        if not pair.queues[name]:
            break
        pair.deliver_one(name)
    pair.disconnect()
    finish(pair)
    received = [u for u in pair.b.upstream if isinstance(u, ev.HtlcReceived)]
    dropped = [u for u in pair.a.upstream if isinstance(u, ev.HtlcFailed)]
    assert len(received) + len(dropped) == 1  # the HTLC either went through or was dropped


def test_unsigned_add_is_dropped_and_reported(pair: Pair) -> None:
    pair.add(pair.a, 20_000_000)
    pair.disconnect()
    (failed,) = [u for u in pair.a.upstream if isinstance(u, ev.HtlcFailed)]
    assert failed.reason is None and failed.htlc_id == 0
    finish(pair)
    # the id is reused for the next HTLC, as the peer forgot it too
    assert pair.add(pair.a, 20_000_000)[0] == 0


def test_commitment_signed_lost_is_retransmitted(pair: Pair) -> None:
    pay(pair)
    pair.deliver_one("b")  # the add arrives, the commitment_signed is lost
    pair.disconnect()
    pair.reconnect(run=False)
    pair.deliver_one("a")  # b's reestablish
    resent = [type(msg) for msg in list(pair.queues["b"])]
    # both sides are still at commitment 0, so BOLT 2 wants channel_ready again too
    assert resent == [m.ChannelReestablish, m.ChannelReady, m.UpdateAddHtlc, m.CommitmentSigned]
    pair.run()
    settle_all(pair)
    pair.assert_in_sync()
    assert quiet(pair)


def test_revoke_and_ack_and_commitment_signed_lost_are_resent_in_order(pair: Pair) -> None:
    pay(pair)
    pair.deliver_one("b")  # add
    pair.deliver_one("b")  # commitment_signed: b answers revoke_and_ack + commitment_signed
    assert [type(x) for x in pair.queues["a"]] == [m.RevokeAndAck, m.CommitmentSigned]
    pair.disconnect()
    pair.reconnect(run=False)
    pair.deliver_one("b")  # a's reestablish reaches b
    assert [type(x) for x in pair.queues["a"]] == [
        m.ChannelReestablish, m.RevokeAndAck, m.CommitmentSigned,
    ]
    pair.run()
    settle_all(pair)
    pair.assert_in_sync()
    assert quiet(pair)


def test_commitment_signed_sent_before_revoke_and_ack_keeps_that_order(pair: Pair) -> None:
    """b signs first, then revokes: the retransmission keeps commit before revocation."""
    pay(pair)
    pair.run()
    settle_all(pair)
    b_add, b_pre = pair.add(pair.b, 2_000_000)
    pair.step(pair.b, ev.CmdSign())  # b: update_add, commitment_signed
    a_add, a_pre = pair.add(pair.a, 3_000_000)
    pair.step(pair.a, ev.CmdSign())  # a: update_add, commitment_signed
    pair.deliver_one("b")  # a's add reaches b
    pair.deliver_one("b")  # a's commitment_signed: b revokes (after its own commit)
    pair.disconnect()
    pair.reconnect(run=False)
    pair.deliver_one("b")  # a's reestablish
    kinds = [type(x) for x in pair.queues["a"]]
    assert kinds == [
        m.ChannelReestablish, m.UpdateAddHtlc, m.CommitmentSigned, m.RevokeAndAck,
    ]
    pair.run()
    pair.preimages.update({a_add: a_pre})
    pair.step(pair.a, ev.CmdFulfillHtlc(b_add, b_pre))
    settle_all(pair)
    pair.assert_in_sync()
    assert quiet(pair)


def test_lost_fulfill_is_proposed_again(pair: Pair) -> None:
    htlc_id = pay(pair)
    pair.run()
    pair.step(pair.b, ev.CmdFulfillHtlc(htlc_id, pair.preimages.pop(htlc_id)))
    pair.disconnect()  # the fulfill never arrived
    assert not any(isinstance(u, ev.HtlcSettled) for u in pair.a.upstream)
    finish(pair)
    assert [u.htlc_id for u in pair.a.upstream if isinstance(u, ev.HtlcSettled)] == [htlc_id]
    assert not pair.a.c.local_commit.view.htlcs


@pytest.mark.parametrize("crash_after", range(1, 7))
@pytest.mark.parametrize("who", ["a", "b"])
def test_restart_from_persisted_state(pair: Pair, crash_after: int, who: str) -> None:
    """A node crashes after `crash_after` deliveries and restarts from what it persisted."""
    pay(pair)
    for _ in range(crash_after):
        name = "b" if pair.queues["b"] else "a"
        if pair.queues[name]:
            pair.deliver_one(name)
    node = pair.a if who == "a" else pair.b
    pair.disconnect()
    pair.restart(node)
    if not isinstance(node.state, st.Offline):
        pair.step(node, ev.Disconnected())
    finish(pair)


def test_disconnect_while_waiting_for_funding(pair: Pair) -> None:
    fresh = Pair(ChannelType.ANCHORS_ZERO_FEE_HTLC_TX)
    fresh.open(confirm=False)
    fresh.step(fresh.a, ev.FundingDepthReached(6, (1, 2, 1)))  # a's channel_ready...
    fresh.queues["b"].clear()  # ...is lost
    fresh.disconnect()
    fresh.step(fresh.b, ev.FundingDepthReached(6, (1, 2, 1)))  # b confirms while offline
    fresh.reconnect()
    assert isinstance(fresh.a.state, st.Normal) and isinstance(fresh.b.state, st.Normal)
    fresh.preimages = {}
    pay(fresh)
    fresh.run()
    settle_all(fresh)
    fresh.assert_in_sync()


def test_disconnect_before_funding_created_forgets_the_channel() -> None:
    fresh = Pair()
    fresh.step(fresh.a, ev.CmdOpen(b"\x01" * 32, 1_000_000, 0, 2500, ChannelType.STATIC_REMOTEKEY))
    fresh.run()
    fresh.disconnect()
    assert isinstance(fresh.a.state, st.Closed) and isinstance(fresh.b.state, st.Closed)


# -- data loss ---------------------------------------------------------------------------------


@pytest.mark.parametrize("channel_type", TYPES)
def test_peer_proving_we_are_behind_stops_us_from_publishing(channel_type) -> None:
    pair = opened(channel_type)
    pair.preimages = {}
    pay(pair)
    pair.run()
    settle_all(pair)
    old = pair.a.persisted  # a backup of a, taken now
    for _ in range(2):
        pay(pair)
        pair.run()
        settle_all(pair)
    assert pair.a.c.local_commit.index > old.commitments.local_commit.index + 1
    pair.disconnect()
    pair.a.state = st.Offline(old)  # a restored an old backup
    pair.reconnect()
    assert isinstance(pair.a.state, st.WaitForRemotePublish)
    assert no_commitment_broadcast(pair.a)
    with pytest.raises(ChannelCommandError):
        pair.step(pair.a, ev.CmdForceClose())
    # errors from the peer don't make us publish either
    pair.step(pair.a, m.ErrorMessage(channel_id=pair.a.c.channel_id, data=b"x"))
    assert no_commitment_broadcast(pair.a)
    assert isinstance(pair.a.state, st.WaitForRemotePublish)
    # the up-to-date side publishes its own (latest) commitment
    assert isinstance(pair.b.state, st.Closing) and pair.b.broadcasts
    spend = pair.b.broadcasts[-1].raw
    pair.step(pair.a, ev.FundingSpent(spend))
    assert isinstance(pair.a.state, st.Closing) and no_commitment_broadcast(pair.a)


def test_claimed_newer_state_without_proof_is_an_error(pair: Pair) -> None:
    pay(pair)
    pair.run()
    settle_all(pair)
    pair.disconnect()
    pair.step(pair.a, ev.Reconnected())
    ours = pair.a.c.reestablish_message(pair.a.keys)
    lie = m.ChannelReestablish(
        channel_id=ours.channel_id,
        next_commitment_number=pair.b.c.local_commit.index + 1,
        next_revocation_number=pair.a.c.local_commit.index + 3,
        your_last_per_commitment_secret=b"\x11" * 32,
        my_current_per_commitment_point=ours.my_current_per_commitment_point,
    )
    actions = pair.step(pair.a, lie)
    assert isinstance(pair.a.state, st.Closing)
    assert any(isinstance(x, ev.ChannelError) for x in actions)


def test_wrong_last_secret_is_an_error(pair: Pair) -> None:
    pay(pair)
    pair.run()
    settle_all(pair)
    pair.disconnect()
    pair.reconnect(run=False)
    theirs = pair.queues["a"].popleft()
    from dataclasses import replace

    actions = pair.step(pair.a, replace(theirs, your_last_per_commitment_secret=b"\x22" * 32))
    assert isinstance(pair.a.state, st.Closing)
    assert any(isinstance(x, ev.ChannelError) for x in actions)


def test_reestablish_without_a_noticed_disconnection_resynchronises(pair: Pair) -> None:
    pay(pair)
    pair.deliver_one("b")  # the add arrives; the commitment_signed is lost
    pair.queues["b"].clear()
    # b's shell reconnected without telling a's machine about the disconnection
    pair.step(pair.b, ev.Disconnected())
    pair.step(pair.b, ev.Reconnected())
    pair.run()
    settle_all(pair)
    pair.assert_in_sync()
    assert quiet(pair) and not pair.a.errors and not pair.b.errors
