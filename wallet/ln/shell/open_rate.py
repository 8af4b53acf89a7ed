"""How often peers may open channels to us (issue 12): a token bucket for all inbound opens
together and one per node id. Node ids cost nothing to make, and each accepted open costs
a channel key derivation and a handshake, so a flood of valid opens from fresh ids is
answered with a refusal once the buckets are empty, before anything is allocated or stored.

Pure: the caller passes the time (seconds, monotonic). Peers the node trusts to open to it
(an LSP we bought a channel from, our trampoline) are the caller's to exempt."""

from __future__ import annotations

from dataclasses import dataclass

#: all peers together: a burst, then one open every 2 s
OVERALL_BURST = 10
OVERALL_PER_SECOND = 0.5
#: one node id: a burst, then one open a minute
PEER_BURST = 4
PEER_PER_SECOND = 1 / 60
#: per-peer buckets kept at most; full ones (nothing to remember) are dropped first
MAX_PEER_BUCKETS = 1000

REFUSAL = "too many channel openings lately; try again in a minute"


@dataclass
class Bucket:
    """`tokens` left at time `at`, refilled at `per_second` up to `burst`."""

    burst: float
    per_second: float
    tokens: float
    at: float

    def level(self, now: float) -> float:
        return min(self.burst, self.tokens + max(0.0, now - self.at) * self.per_second)

    def take(self, now: float) -> None:
        self.tokens, self.at = self.level(now) - 1, now


class OpenRate:
    """`allow(node_id, now)`: None and one token taken from both buckets, or the sentence
    refusing the open (nothing taken)."""

    def __init__(self, *, burst: int = OVERALL_BURST, per_second: float = OVERALL_PER_SECOND,
                 peer_burst: int = PEER_BURST, peer_per_second: float = PEER_PER_SECOND,
                 max_peers: int = MAX_PEER_BUCKETS) -> None:
        self.overall = Bucket(burst, per_second, float(burst), float("-inf"))
        self.peer_burst, self.peer_per_second = peer_burst, peer_per_second
        self.max_peers = max_peers
        self.peers: dict[bytes, Bucket] = {}
        self.refused = 0

    def allow(self, node_id: bytes, now: float) -> str | None:
        peer = self.peers.get(node_id) or Bucket(self.peer_burst, self.peer_per_second,
                                                 float(self.peer_burst), now)
        if peer.level(now) < 1 or self.overall.level(now) < 1:
            self.refused += 1
            return REFUSAL
        peer.take(now)
        self.overall.take(now)
        self.peers[node_id] = peer
        if len(self.peers) > self.max_peers:
            self._forget(now)
        return None

    def _forget(self, now: float) -> None:
        """Drop the buckets that are full again (remembering them changes nothing), then,
        if still too many, the oldest: a peer forgotten gets a fresh burst, which the
        overall bucket still bounds."""
        self.peers = {k: b for k, b in self.peers.items() if b.level(now) < b.burst}
        while len(self.peers) > self.max_peers:
            del self.peers[min(self.peers, key=lambda k: self.peers[k].at)]
