"""`sendable_msat` answers with a guess checked against `send_add`: on channels in many
states (both roles, both commitment formats, HTLCs in flight either way, signed or not) it
equals the plain search over `send_add`, the definition of the largest HTLC we may add."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as hs

from tests.support.channel_pair import Pair
from wallet.ln.channel.errors import ChannelCommandError
from wallet.ln.channel.params import ChannelPolicy
from wallet.ln.htlc import payment_plan as plan
from wallet.ln.tx.commitment_tx import ChannelType


def searched(commitments, policy: ChannelPolicy) -> int:
    """The largest amount `send_add` accepts, by bisection (the reference)."""
    def fits(amount: int) -> bool:
        try:
            commitments.send_add(plan._Probe(amount), policy)
        except ChannelCommandError:
            return False
        return True

    low, high = 0, commitments.local_commit.view.to_local_msat
    if high <= 0 or not fits(1):
        return 0
    low = 1
    while low < high:
        mid = (low + high + 1) // 2
        low, high = (mid, high) if fits(mid) else (low, mid - 1)
    return low


@settings(max_examples=25, deadline=None)
@given(channel_type=hs.sampled_from(list(ChannelType)),
       push=hs.integers(0, 900_000_000),
       adds=hs.lists(hs.tuples(hs.booleans(), hs.integers(1_000, 60_000_000)), max_size=8),
       settle=hs.booleans())
def test_guess_never_changes_the_answer(channel_type, push, adds, settle) -> None:
    pair = Pair(channel_type, push_msat=push)
    pair.open()
    for from_a, amount in adds:
        node = pair.a if from_a else pair.b
        try:
            pair.add(node, amount)
        except ChannelCommandError:
            continue
    if settle:
        pair.run()
    for node in (pair.a, pair.b):
        c = node.c
        policy = ChannelPolicy()
        assert plan.sendable_msat(c, policy) == searched(c, policy)


@pytest.mark.parametrize("channel_type", list(ChannelType))
def test_a_fresh_channel_uses_the_guess(channel_type, monkeypatch) -> None:
    pair = Pair(channel_type, push_msat=300_000_000)
    pair.open()
    calls = 0
    real = type(pair.a.c).send_add

    def counting(self, cmd, policy):
        nonlocal calls
        calls += 1
        return real(self, cmd, policy)

    monkeypatch.setattr(type(pair.a.c), "send_add", counting)
    for node in (pair.a, pair.b):
        calls = 0
        value = plan.sendable_msat(node.c, ChannelPolicy())
        assert value > 0 and calls == 3  # fits(1), the guess, one above it
