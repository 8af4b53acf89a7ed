"""The codec's memo of immutable parts (shared between successive states) never changes
what is stored: every state of a channel's life encodes to the same bytes with the memo
warm (filled by the states before it) as with an empty one."""

from __future__ import annotations

import pytest

from tests.ln.channel.test_channel_codec import _all_persisted_states
from wallet.ln.channel import codec
from wallet.ln.channel.codec import state_from_bytes, state_to_bytes
from wallet.ln.tx.commitment_tx import ChannelType


@pytest.mark.parametrize("channel_type", list(ChannelType))
def test_memo_never_changes_the_bytes(channel_type) -> None:
    states = _all_persisted_states(channel_type)
    warm = [state_to_bytes(s) for s in states]
    assert codec._MEMO  # the memo was used
    cold = []
    for s in states:
        codec._MEMO.clear()
        cold.append(state_to_bytes(s))
    assert warm == cold
    for data, s in zip(warm, states, strict=True):
        assert state_from_bytes(data) == s


def test_a_full_memo_starts_over(monkeypatch) -> None:
    monkeypatch.setattr(codec, "_MEMO_MAX", 5)
    states = _all_persisted_states(ChannelType.STATIC_REMOTEKEY)
    for s in states:
        assert state_from_bytes(state_to_bytes(s)) == s
        assert len(codec._MEMO) <= 5



def test_the_memo_keeps_what_is_still_saved_and_lets_old_states_go(monkeypatch) -> None:
    """A part saved again and again (a channel's unchanged subtrees) stays encoded while
    thousands of others pass through (a busy node's payments); parts not used since the
    last turn are let go, so memory stays flat."""
    import dataclasses
    import gc
    import weakref

    @dataclasses.dataclass(frozen=True)
    class Part:
        n: int

    monkeypatch.setattr(codec, "_MEMO_MAX", 10)
    memo = codec._Memo()
    hot, cold = Part(-1), Part(-2)
    memo.put(hot, "hot")
    memo.put(cold, "cold")
    gone = weakref.ref(cold)
    del cold
    for i in range(1_000):
        memo.put(Part(i), i)
        assert len(memo) <= 10
        if i % 3 == 0:
            assert memo.get(hot) == "hot"
    gc.collect()
    assert gone() is None
    # and the states' bytes are the same with a small memo as with none
    codec._MEMO.clear()
    for s in _all_persisted_states(ChannelType.STATIC_REMOTEKEY):
        assert state_from_bytes(state_to_bytes(s)) == s
