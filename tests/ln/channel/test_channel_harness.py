"""An in-memory harness that drives two channel state machines against each other.

Messages go through the real wire codec (encode, then decode) on their way. Every step
checks the persistence rule: a `PersistState` of the new state precedes any message that
commits us and any broadcast. The tests at the bottom check the harness itself.
"""

from __future__ import annotations

import pytest

from tests.support.channel_pair import (
    Pair,
    check_actions,
)
from wallet.ln.channel import events as ev
from wallet.ln.channel import states as st
from wallet.ln.tx.commitment_tx import ChannelType
from wallet.ln.wire import messages as m

# -- tests of the harness itself ---------------------------------------------------------------


def test_check_actions_refuses_a_commitment_signed_before_persist() -> None:
    msg = m.CommitmentSigned(channel_id=bytes(32), signature=bytes(64), htlc_signatures=())
    with pytest.raises(AssertionError):
        check_actions("s", [ev.SendMessage(msg), ev.PersistState("s")])
    check_actions("s", [ev.PersistState("s"), ev.SendMessage(msg)])


def test_check_actions_refuses_a_stale_persisted_state() -> None:
    with pytest.raises(AssertionError):
        check_actions("new", [ev.PersistState("old")])


def test_check_actions_lets_an_unchanged_durable_state_retransmit() -> None:
    msg = m.CommitmentSigned(channel_id=bytes(32), signature=bytes(64), htlc_signatures=())
    check_actions("s", [ev.SendMessage(msg)], durable="s")
    with pytest.raises(AssertionError):
        check_actions("s", [ev.SendMessage(msg)], durable="older")


@pytest.mark.parametrize("channel_type", list(ChannelType))
def test_open_both_roles_reaches_normal(channel_type: ChannelType) -> None:
    pair = Pair(channel_type, push_msat=10_000_000)
    pair.open()
    assert isinstance(pair.a.state, st.Normal)
    assert isinstance(pair.b.state, st.Normal)
    pair.assert_in_sync()
    assert pair.a.c.params.is_opener and not pair.b.c.params.is_opener
    assert pair.a.c.local_commit.view.to_remote_msat == 10_000_000
