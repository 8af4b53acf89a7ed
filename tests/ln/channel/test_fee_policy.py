"""The opener's update_fee policy (`wallet/ln/channel/fee_policy.py`): when the chain's
estimate moved far enough, what feerate, anchors capped, and never one we cannot afford."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as s

from tests.support.channel_pair import Pair
from wallet.ln.channel import events as ev
from wallet.ln.channel import fee_policy as fp
from wallet.ln.channel.commit_view import commit_fee_msat
from wallet.ln.tx.commitment_tx import ChannelType

feerates = s.integers(min_value=fp.MIN_FEERATE_PER_KW, max_value=200_000)
estimates = s.integers(min_value=0, max_value=400_000)


@given(feerates, estimates, s.booleans())
def test_a_new_feerate_is_the_target_outside_the_band(current, estimate, anchors) -> None:
    new = fp.new_feerate(current, estimate, anchors)
    target = fp.target_feerate(estimate, anchors)
    assert target >= fp.MIN_FEERATE_PER_KW
    if anchors:
        assert target <= fp.ANCHORS_MAX_FEERATE_PER_KW
    if new is None:
        assert current * fp.LOWER_RATIO <= target <= current * fp.RAISE_RATIO
    else:
        assert new == target
        assert new > current * fp.RAISE_RATIO or new < current * fp.LOWER_RATIO
        assert fp.new_feerate(new, estimate, anchors) is None  # stable once applied


def test_thresholds() -> None:
    assert fp.new_feerate(2000, 2500, False) is None  # +25%: not yet
    assert fp.new_feerate(2000, 2501, False) == 2501
    assert fp.new_feerate(2000, 1000, False) is None  # -50%: not yet
    assert fp.new_feerate(2000, 999, False) == 999
    assert fp.new_feerate(1000, 0, False) == 253  # the floor
    assert fp.new_feerate(300, 100, False) is None  # 253 is within the band of 300
    assert fp.new_feerate(1500, 50_000, True) == fp.ANCHORS_MAX_FEERATE_PER_KW
    assert fp.new_feerate(fp.ANCHORS_MAX_FEERATE_PER_KW, 50_000, True) is None
    assert fp.new_feerate(5000, 2000, True) == 2000


@pytest.mark.parametrize("channel_type", list(ChannelType))
def test_the_opener_follows_the_estimate_and_the_peer_accepts(channel_type) -> None:
    pair = Pair(channel_type, feerate=1000)
    pair.open()
    a, b = pair.a, pair.b
    assert fp.update_for(b.c, 20_000) is None  # the fundee never sends update_fee
    assert fp.update_for(a.c, 1200) is None  # within +25% of 1000
    feerate = fp.update_for(a.c, 20_000)
    assert feerate == (fp.ANCHORS_MAX_FEERATE_PER_KW if channel_type.anchors else 20_000)
    assert fp.affordable(a.c, feerate)
    pair.step(a, ev.CmdUpdateFee(feerate))
    assert fp.current_feerate(a.c) == feerate  # proposed counts: no second update_fee
    assert fp.update_for(a.c, 20_000) is None
    pair.step(a, ev.CmdSign())
    pair.run()
    pair.assert_in_sync()
    for c in (a.c, b.c):
        assert c.local_commit.view.feerate_per_kw == feerate
        assert c.remote_commit.view.feerate_per_kw == feerate


def test_a_feerate_that_eats_into_our_reserve_is_not_affordable() -> None:
    # the opener keeps 15,000 sat of 1,000,000; the peer asks a reserve of 10,000
    pair = Pair(ChannelType.STATIC_REMOTEKEY, push_msat=985_000_000)
    pair.open()
    a = pair.a
    reserve = a.c.params.remote.channel_reserve_sat
    assert reserve == 10_000
    assert fp.affordable(a.c, 2500)
    # 724 weight units: 10,000 sat/kw costs 7,240 sat, more than the 5,000 above the reserve
    assert not fp.affordable(a.c, 10_000)
    pair.step(a, ev.CmdUpdateFee(5_000))  # the machine alone still lets it through


@settings(max_examples=25, deadline=None)
@given(s.integers(0, 990_000_000), s.integers(fp.MIN_FEERATE_PER_KW, 60_000))
def test_an_affordable_feerate_is_accepted_by_both_machines(push_msat, feerate) -> None:
    pair = Pair(ChannelType.STATIC_REMOTEKEY, push_msat=push_msat)
    pair.open()
    if not fp.affordable(pair.a.c, feerate):
        return
    pair.step(pair.a, ev.CmdUpdateFee(feerate))
    pair.step(pair.a, ev.CmdSign())
    pair.run()
    pair.assert_in_sync()
    assert pair.b.c.local_commit.view.feerate_per_kw == feerate
    # what is left to the opener above the fee still covers its reserve
    view = pair.a.c.local_commit.view
    params = pair.a.c.params
    fee = commit_fee_msat(view, params.local.dust_limit_sat, params.channel_type)
    assert view.to_local_msat - fee >= params.remote.channel_reserve_sat * 1000
