"""Fork choice for the header chain, as pure functions (the header store does the I/O).

A server may send headers that start below our tip. Where they agree with what we hold they
change nothing; where they diverge they form a competing branch. We switch to that branch only
if, from the fork point on, it carries strictly more proof of work than ours: equal work keeps
the branch we saw first, as Bitcoin Core does. The wallet must then re-check every transaction
confirmed at or above the fork height.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from wallet.chain.headers import HEADER_SIZE, HeaderError
from wallet.sentence import Sentence


class Disconnected(HeaderError):
    reason = "headers do not connect to the stored chain"


class UpdateKind(Enum):
    UNCHANGED = "unchanged"  # every header was already stored
    EXTENDED = "extended"  # new headers on top of our tip
    REORG = "reorg"  # switched to a branch with more work; see fork_height
    IGNORED = "ignored"  # a competing branch without more work than ours


@dataclass(frozen=True)
class ChainUpdate:
    """What connecting a batch of headers did to the chain."""

    kind: UpdateKind
    tip_height: int
    fork_height: int | None = None  # first height whose header changed (REORG / IGNORED)
    added: int = 0  # headers written


@dataclass(frozen=True)
class ForkChoice:
    switch: bool
    fork_height: int
    our_work: int
    their_work: int


def find_divergence(first_height: int, stored: bytes, incoming: bytes) -> int | None:
    """First height at which `incoming` differs from the `stored` headers at the same heights.

    Both start at `first_height`; only their overlap is compared. None when they agree.
    """
    n = min(len(stored), len(incoming)) // HEADER_SIZE
    if stored[: n * HEADER_SIZE] == incoming[: n * HEADER_SIZE]:
        return None
    for i in range(n):
        o = i * HEADER_SIZE
        if stored[o : o + HEADER_SIZE] != incoming[o : o + HEADER_SIZE]:
            return first_height + i
    return None  # unreachable: the slices differed


def choose_fork(fork_height: int, our_work: int, their_work: int) -> ForkChoice:
    """Switch only to strictly more work above the fork point."""
    return ForkChoice(their_work > our_work, fork_height, our_work, their_work)


def check_connects(first_height: int, count: int, base_height: int, tip_height: int) -> None:
    """A batch must start inside the stored range (or right above the tip)."""
    if count <= 0:
        raise Disconnected("no headers given", first_height)
    if first_height < base_height:
        raise Disconnected(
            Sentence("the store starts at height %1; older headers must be checked against a checkpoint instead", base_height),
            first_height,
        )
    if first_height > tip_height + 1:
        raise Disconnected(Sentence("gap above the tip at height %1", tip_height), first_height)
