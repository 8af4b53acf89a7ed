"""A peer that floods a channel with updates it never signs (issue 12, "Exhaustion by one
peer"): fed straight into the pure machine, as a lying peer would send them.

- 20,000 `update_fee` keep one unsigned update_fee (the last counts), so each costs one small
  reduce instead of re-reducing an ever longer list;
- past `MAX_UNSIGNED_REMOTE_UPDATES` unsigned updates of any kind the peer is warned and
  disconnected, the extra update not taken;
- a repeated `channel_reestablish` on a live channel writes no state (no fsync each).
"""

from __future__ import annotations

from dataclasses import replace

from tests.ln.channel.test_channel_checks import add_msg, opened
from tests.support.channel_pair import Pair
from wallet.ln.channel import events as ev
from wallet.ln.channel import states as st
from wallet.ln.channel.commitments import MAX_UNSIGNED_REMOTE_UPDATES
from wallet.ln.wire import messages as m

FLOOD = 20_000


def test_an_update_fee_flood_keeps_only_the_last_one_and_is_cut_off() -> None:
    pair = opened()
    cid = pair.b.c.channel_id
    for i in range(FLOOD):
        actions = pair.step(pair.b, m.UpdateFee(channel_id=cid, feerate_per_kw=2000 + i % 500))
        assert len(pair.b.c.remote_changes.proposed) == 1  # never a growing list
        if i < MAX_UNSIGNED_REMOTE_UPDATES:
            assert actions == []
        else:  # more messages than an honest peer sends before signing: warned, cut off
            assert [type(x) for x in actions] == [ev.SendMessage, ev.Disconnect]
    [fee] = pair.b.c.remote_changes.proposed
    assert fee.feerate_per_kw == 2000 + (MAX_UNSIGNED_REMOTE_UPDATES - 1) % 500
    # after the reconnection, the opener's own update_fee is what both sides sign
    pair.disconnect()
    pair.reconnect()
    pair.step(pair.a, ev.CmdUpdateFee(3100))
    pair.run()
    pair.step(pair.a, ev.CmdSign())
    pair.run()
    assert isinstance(pair.b.state, st.Normal) and not pair.b.errors
    assert pair.b.c.local_commit.view.feerate_per_kw == 3100
    assert not pair.b.c.remote_changes.all
    pair.assert_in_sync()


def test_the_count_restarts_with_each_commitment_signed() -> None:
    pair = opened()
    for _ in range(3):  # three honest rounds of many update_fee each: never cut off
        for i in range(MAX_UNSIGNED_REMOTE_UPDATES):
            pair.step(pair.a, ev.CmdUpdateFee(2600 + i % 50))
        pair.step(pair.a, ev.CmdSign())
        pair.run()
        assert not any(isinstance(x, ev.Disconnect) for x in pair.b.other_actions)
    assert isinstance(pair.b.state, st.Normal) and not pair.b.errors
    pair.assert_in_sync()


def _loosened(pair: Pair, max_accepted: int) -> None:
    """b's own limit raised past BOLT 2's 483 (a misconfiguration, or a future bug): only
    the unsigned-updates cap then stands between a flooding peer and b's memory."""
    c = pair.b.c
    local = replace(c.params.local, max_accepted_htlcs=max_accepted)
    pair.b.state = replace(pair.b.state, commitments=replace(c, params=replace(c.params,
                                                                              local=local)))


def test_more_unsigned_updates_than_the_cap_warn_and_disconnect() -> None:
    pair = opened(funding_sat=5_000_000)
    _loosened(pair, 2000)
    for i in range(MAX_UNSIGNED_REMOTE_UPDATES):
        assert pair.step(pair.b, add_msg(pair, pair.a, id=i, amount_msat=1000)) == []
    before = pair.b.state
    actions = pair.step(pair.b, add_msg(pair, pair.a, id=MAX_UNSIGNED_REMOTE_UPDATES,
                                        amount_msat=1000))
    assert pair.b.state is before  # the extra update is not taken
    assert len(pair.b.c.remote_changes.proposed) == MAX_UNSIGNED_REMOTE_UPDATES
    sent = [x.message for x in actions if isinstance(x, ev.SendMessage)]
    assert [type(x) for x in sent] == [m.WarningMessage]
    assert any(isinstance(x, ev.Disconnect) for x in actions)
    assert not any(isinstance(x, ev.PersistState | ev.BroadcastTx) for x in actions)
    # the disconnection forgets them all (BOLT 2); the channel stays usable
    pair.disconnect()
    pair.reconnect()
    assert isinstance(pair.b.state, st.Normal) and not pair.b.c.remote_changes.all
    assert not pair.b.errors


def test_a_repeated_channel_reestablish_on_a_live_channel_writes_nothing() -> None:
    pair = opened()
    pair.add(pair.a, 2_000_000)
    pair.step(pair.a, ev.CmdSign())
    pair.run()
    theirs = pair.a.c.reestablish_message(pair.a.keys)
    for _ in range(3):
        before = pair.b.state
        actions = pair.step(pair.b, theirs)
        assert not any(isinstance(x, ev.PersistState) for x in actions), actions
        assert pair.b.state == before
        assert [type(x.message) for x in actions if isinstance(x, ev.SendMessage)] == \
            [m.ChannelReestablish]
        pair.queues["a"].clear()  # a does not answer: it is the one repeating itself
    assert isinstance(pair.b.state, st.Normal) and not pair.b.errors
