"""The opener's commitment feerate follows the chain's estimate (`fee_policy`, run by the
channel manager's poll loop on each new block): two real ChannelManagers over loopback
BOLT 8, real SQLite, a hand-driven chain whose fee estimate moves."""

from __future__ import annotations

import asyncio

from tests.support.nodes import NO_ANCHORS, open_pair, settled
from wallet.ln.wire import messages as m


def feerates(*channels) -> set[int]:
    return {v.feerate_per_kw for c in channels for v in
            (c.state.commitments.local_commit.view, c.state.commitments.remote_commit.view)}


async def next_block(chain, *channels) -> None:
    """Mine, let both poll loops see it, and wait for what they sent to settle."""
    chain.mine()
    await asyncio.sleep(0.3)  # the poll interval is 0.05 s
    await settled(*channels)


def record(peer, into: list[int]) -> None:
    """Note the feerate of every update_fee this connection sends."""
    send = peer.send

    async def recording(message):
        if isinstance(message, m.UpdateFee):
            into.append(message.feerate_per_kw)
        return await send(message)

    peer.send = recording


async def test_update_fee_follows_the_estimate(tmp_path) -> None:
    """A static_remotekey channel (the peer has no anchors): its commitment must confirm on
    its own fee, so the feerate follows the estimate up and down."""
    chain, a, b, ch, chb, _ = await open_pair(tmp_path, NO_ANCHORS)
    assert not ch.state.commitments.params.channel_type.anchors
    sent: list[int] = []  # a's update_fee messages
    sent_by_b: list[int] = []
    record(a.peers.peers[b.node_id], sent)
    record(b.peers.peers[a.node_id], sent_by_b)
    estimate = {"now": 2500}

    async def feerate_per_kw() -> int:
        return estimate["now"]

    chain.feerate_per_kw = feerate_per_kw
    try:
        await next_block(chain, ch, chb)
        assert sent == [] and feerates(ch, chb) == {2500}  # unchanged estimate
        estimate["now"] = 3000  # +20%: not worth an update
        await next_block(chain, ch, chb)
        assert sent == []
        estimate["now"] = 10_000
        await next_block(chain, ch, chb)
        assert sent == [10_000] and feerates(ch, chb) == {10_000}  # accepted by b
        estimate["now"] = 6000  # -40%: kept
        await next_block(chain, ch, chb)
        assert sent == [10_000]
        estimate["now"] = 100  # below the floor: 253
        await next_block(chain, ch, chb)
        assert sent == [10_000, 253] and feerates(ch, chb) == {253}
        assert sent_by_b == []  # the fundee never sends one (same chain, same estimates)
        # the explicit command (the interop tests use it)
        await a.update_fee(ch, 5000)
        await settled(ch, chb)
        assert feerates(ch, chb) == {5000}
    finally:
        await a.stop()
        await b.stop()


async def test_anchors_commitment_feerate_stays_at_the_relay_cap(tmp_path) -> None:
    """An anchors channel (the default between two Kites): CPFP through the anchor makes the
    commitment confirm, so a rising estimate is followed only up to 2,500 sat/kw."""
    chain, a, b, ch, chb, _ = await open_pair(tmp_path)
    assert ch.state.commitments.params.channel_type.anchors
    assert chb.state.commitments.params.channel_type.anchors
    sent: list[int] = []
    record(a.peers.peers[b.node_id], sent)
    estimate = {"now": 10_000}

    async def feerate_per_kw() -> int:
        return estimate["now"]

    chain.feerate_per_kw = feerate_per_kw
    try:
        await next_block(chain, ch, chb)
        assert sent == [] and feerates(ch, chb) == {2500}  # opened at the cap already
        estimate["now"] = 1000
        await next_block(chain, ch, chb)
        assert sent == [1000] and feerates(ch, chb) == {1000}
        estimate["now"] = 50_000
        await next_block(chain, ch, chb)
        assert sent == [1000, 2500] and feerates(ch, chb) == {2500}
    finally:
        await a.stop()
        await b.stop()
