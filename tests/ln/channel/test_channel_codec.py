"""Channel states survive the database codec exactly, and corrupt bytes give one error."""

from __future__ import annotations

import contextlib
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as hs

from tests.support.channel_pair import Pair
from wallet.ln.channel import events as ev
from wallet.ln.channel.codec import ChannelStateCodecError, state_from_bytes, state_to_bytes
from wallet.ln.channel.machine import process
from wallet.ln.tx.commitment_tx import ChannelType


def _all_persisted_states(channel_type: ChannelType) -> list:
    seen: list = []
    pair = Pair(channel_type, push_msat=50_000_000)
    original = pair.step

    def step(node, event):
        seen.append(node.state)
        actions = original(node, event)
        seen.extend(a.state for a in actions if isinstance(a, ev.PersistState))
        return actions

    pair.step = step
    pair.open()
    htlc_id, preimage = pair.add(pair.a, 20_000_000)
    pair.add(pair.b, 10_000_000)
    pair.step(pair.a, ev.CmdSign())
    pair.run()
    pair.disconnect()
    pair.reconnect()
    pair.step(pair.b, ev.CmdFulfillHtlc(htlc_id, preimage))
    pair.step(pair.b, ev.CmdSign())
    pair.run()
    pair.step(pair.a, ev.CmdClose())
    pair.run()
    seen += [pair.a.state, pair.b.state]
    return seen


@pytest.mark.parametrize("channel_type", list(ChannelType))
def test_every_state_round_trips(channel_type) -> None:
    states = _all_persisted_states(channel_type)
    assert len({type(s).__name__ for s in states}) >= 8
    for state in states:
        restored = state_from_bytes(state_to_bytes(state))
        assert restored == state
        assert state_to_bytes(restored) == state_to_bytes(state)


def test_restored_state_keeps_working() -> None:
    pair = Pair()
    pair.open()
    pair.add(pair.a, 20_000_000)
    pair.a.state = state_from_bytes(state_to_bytes(pair.a.state))
    pair.b.state = state_from_bytes(state_to_bytes(pair.b.state))
    pair.step(pair.a, ev.CmdSign())
    pair.run()
    pair.assert_in_sync()
    state, actions = process(pair.a.state, ev.CmdForceClose(), pair.a.keys)
    assert any(isinstance(x, ev.BroadcastTx) for x in actions)


@pytest.mark.parametrize(
    "data",
    [b"", b"KCS1", b"KCS1{", b"KCS1[]", b'KCS1{"$":"os.system","f":{}}', b'KCS1{"x":1}',
     b'KCS1{"$msg":"ffff"}', b'KCS1{"$e":"Nope","v":1}', b'KCS1{"$":"Closed","f":{"x":1}}',
     b"XXXX{}", b'KCS1{"$b":"zz"}'],
)
def test_corrupt_bytes_raise_one_error(data: bytes) -> None:
    with pytest.raises(ChannelStateCodecError):
        state_from_bytes(data)


TAGS = ["$b", "$msg", "$scid", "$f", "$e", "v", "$t", "$", "f"]
JSONISH = hs.recursive(
    hs.none() | hs.booleans() | hs.integers(-(2**70), 2**70) | hs.text(max_size=8)
    | hs.sampled_from(["Closed", "Htlc", "ChannelType", "00", "ff" * 40, "Commitments"]),
    lambda inner: hs.lists(inner, max_size=4)
    | hs.dictionaries(hs.sampled_from(TAGS), inner, max_size=3),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None)
@given(JSONISH)
def test_tagged_garbage_raises_only_the_codec_error(obj) -> None:
    """Whatever the stored JSON holds, decoding gives a value or ChannelStateCodecError."""
    data = b"KCS1" + json.dumps(obj).encode()
    with contextlib.suppress(ChannelStateCodecError):
        state_from_bytes(data)
