"""The inbound-open token buckets (`open_rate.py`, issue 12): a burst then a steady pace,
overall and per node id; a refusal takes nothing; per-peer memory stays bounded."""

from __future__ import annotations

from wallet.ln.shell.open_rate import REFUSAL, OpenRate


def test_overall_burst_then_pace() -> None:
    rate = OpenRate(burst=3, per_second=0.5, peer_burst=10, peer_per_second=1)
    assert [rate.allow(bytes([i]), 0.0) for i in range(4)] == [None, None, None, REFUSAL]
    assert rate.allow(b"x", 1.0) == REFUSAL  # half a token
    assert rate.allow(b"x", 2.0) is None  # one token after 2 s
    assert rate.allow(b"y", 2.0) == REFUSAL
    assert rate.refused == 3


def test_one_peer_is_limited_before_the_others() -> None:
    rate = OpenRate(burst=100, per_second=100, peer_burst=2, peer_per_second=1 / 60)
    assert [rate.allow(b"a", 0.0) for _ in range(3)] == [None, None, REFUSAL]
    assert rate.allow(b"b", 0.0) is None  # another peer is not held back
    assert rate.allow(b"a", 59.0) == REFUSAL and rate.allow(b"a", 60.0) is None


def test_a_refusal_by_one_bucket_takes_nothing_from_the_other() -> None:
    rate = OpenRate(burst=2, per_second=0, peer_burst=1, peer_per_second=0)
    assert rate.allow(b"a", 0.0) is None
    for _ in range(50):
        assert rate.allow(b"a", 0.0) == REFUSAL  # the peer's bucket is empty...
    assert rate.allow(b"b", 0.0) is None  # ...and the overall one kept its token


def test_per_peer_memory_is_bounded() -> None:
    rate = OpenRate(burst=10**9, per_second=10**9, peer_burst=2, peer_per_second=0.001,
                    max_peers=100)
    for i in range(10_000):
        assert rate.allow(i.to_bytes(4, "big"), float(i)) is None
    assert len(rate.peers) <= 100
