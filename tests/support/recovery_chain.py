"""A shared test chain that shows spends, one node's view of what it broadcast, and a
polling wait: the harness of the channel recovery tests (loopback, backup file, peer
storage, restore)."""

from __future__ import annotations

import asyncio

from bitcoin.core import CTransaction

from tests.support.nodes import FakeChain
from wallet.chain.spend_watch import SpendSeen

FUNDING = 600_000


class SpendingChain(FakeChain):
    """The FakeChain that also answers which transaction spends an output."""

    async def output_spend(self, txid: bytes, index: int, script: bytes) -> SpendSeen | None:
        for raw in self.mempool.values():
            tx = CTransaction.deserialize(raw)
            if any(bytes(i.prevout.hash) == txid and i.prevout.n == index for i in tx.vin):
                return SpendSeen(raw, self.heights.get(tx.GetTxid()))
        return None


class OwnBroadcasts:
    """One node's view of the shared chain: records what this node broadcast."""

    def __init__(self, chain: FakeChain) -> None:
        self._chain = chain
        self.sent: list[tuple[str, bytes]] = []

    def __getattr__(self, name: str):
        return getattr(self._chain, name)

    @property
    def tip_height(self) -> int:
        return self._chain.tip_height

    async def broadcast(self, raw: bytes, what: str) -> None:
        self.sent.append((str(what), raw))
        await self._chain.broadcast(raw, what)


async def until(predicate, what: str, timeout: float = 10.0) -> None:
    for _ in range(int(timeout / 0.02)):
        if predicate():
            return
        await asyncio.sleep(0.02)
    raise AssertionError(f"timed out waiting for {what}")
