"""Keeping our verified header chain level with a server's, and following its reorgs.

The server only proposes; `HeaderStore` verifies every header (links, proof of work,
difficulty rules) before anything is written, and switches branches only for more work.
Chunks are requested several at a time (pipelined) so a cold sync is bound by verification,
not by round trips.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass

from wallet.chain.chain_state import ChainUpdate, UpdateKind
from wallet.chain.checkpoints import checkpoint_at_or_above, verify_below_checkpoint
from wallet.chain.electrum_client import ElectrumClient, ServerMisbehaved
from wallet.chain.header_store import HeaderStore
from wallet.chain.headers import HEADER_SIZE, header_hash
from wallet.sentence import Sentence

log = logging.getLogger(__name__)

CHUNK = 2016  # what ElectrumX serves per blockchain.block.headers call
PIPELINE = 8  # chunks in flight at once
MAX_REORG_FETCH = 20 * CHUNK  # a deeper fork than this is not followed blindly


@dataclass(frozen=True)
class SyncProgress:
    height: int
    server_height: int


class HeaderSync:
    """Brings `store` up to a server's tip; reports progress and reorgs."""

    def __init__(
        self,
        store: HeaderStore,
        on_progress: Callable[[SyncProgress], None] | None = None,
    ) -> None:
        self.store = store
        self.on_progress = on_progress
        self._old: dict[int, bytes] = {}  # verified headers below the store's checkpoint

    # -- HeaderSource for address sync ----------------------------------------------------

    @property
    def tip_height(self) -> int:
        return self.store.tip_height

    def merkle_root(self, height: int) -> bytes | None:
        if not self.store.base <= height <= self.store.tip_height:
            return None
        return self.store.header(height)[36:68]

    def block_time(self, height: int) -> int | None:
        if height in self._old:
            return int.from_bytes(self._old[height][68:72], "little")
        if not self.store.base <= height <= self.store.tip_height:
            return None
        return int.from_bytes(self.store.header(height)[68:72], "little")

    async def old_merkle_root(self, client: ElectrumClient, height: int) -> bytes:
        """Merkle root of a block below where the store starts (an old wallet transaction).

        The headers from `height` up to the next checkpoint are fetched and must chain to
        its hash with valid proof of work; verified ones are kept in memory for later proofs.
        """
        if height not in self._old:
            if not 0 <= height < self.store.base:
                raise ServerMisbehaved(Sentence("no block at height %1 below our checkpoint", height))
            cp = checkpoint_at_or_above(self.store.network, height)
            if cp is None:
                raise ServerMisbehaved(Sentence("no checkpoint covers height %1", height))
            data = await self._fetch(client, height, cp.height)
            verify_below_checkpoint(self.store.network, data, height)
            for i in range(len(data) // HEADER_SIZE):
                self._old[height + i] = data[i * HEADER_SIZE : (i + 1) * HEADER_SIZE]
        return self._old[height][36:68]

    # -- syncing ---------------------------------------------------------------------------

    async def catch_up(self, client: ElectrumClient, server_height: int) -> ChainUpdate:
        """Make our chain match the server's best chain up to `server_height` (if it has
        more work). Returns what changed; a reorg's `fork_height` tells what to re-verify.
        """
        store = self.store
        if server_height < store.base - 1:
            raise ServerMisbehaved(
                Sentence("server tip %1 is below our checkpoint at %2", server_height, store.base - 1)
            )
        common = await self._common_height(client, min(store.tip_height, server_height))
        if common == server_height < store.tip_height:
            # The server is behind us on our own chain (it lags, or we took a longer chain
            # from another server): nothing to take from it, and nothing false either.
            return ChainUpdate(UpdateKind.UNCHANGED, store.tip_height)
        if common == store.tip_height:
            added = await self._extend(client, server_height)
            kind = UpdateKind.EXTENDED if added else UpdateKind.UNCHANGED
            return ChainUpdate(kind, store.tip_height, added=added)
        # The server's chain leaves ours at common+1: fetch its whole branch, then let the
        # store decide by work.
        if server_height - common > MAX_REORG_FETCH:
            raise ServerMisbehaved(Sentence("server proposes a fork %1 blocks deep", server_height - common))
        data = await self._fetch(client, common + 1, server_height)
        update = store.connect(common + 1, data)
        log.info("fork at %s from server: %s", common + 1, update.kind.value)
        self._progress(server_height)
        return update

    async def _common_height(self, client: ElectrumClient, start: int) -> int:
        """Highest height at which the server's header equals ours (base-1 at worst)."""
        store = self.store
        h, step = start, 1
        while h >= store.base:
            theirs = await client.block_header(h)
            if header_hash(theirs) == store.hash(h):
                return h
            h -= step
            step *= 2
        return store.base - 1

    async def _extend(self, client: ElectrumClient, server_height: int) -> int:
        """Append the server's headers above our tip; the next batch downloads while
        this one is verified."""
        added = 0
        start = self.store.tip_height + 1

        def next_batch(first: int) -> asyncio.Task[bytes] | None:
            if first > server_height:
                return None
            last = min(server_height, first + PIPELINE * CHUNK - 1)
            return asyncio.ensure_future(self._fetch(client, first, last))

        pending = next_batch(start)
        try:
            while pending is not None:
                data = await pending
                start += len(data) // HEADER_SIZE
                pending = next_batch(start) if data else None
                if data:
                    self.store.append(data)
                    added += len(data) // HEADER_SIZE
                    self._progress(server_height)
        finally:
            if pending is not None and not pending.done():
                pending.cancel()
        return added

    async def _fetch(self, client: ElectrumClient, start: int, end: int) -> bytes:
        """Headers start..end, requested in aligned chunks concurrently, in order."""
        ranges = []
        h = start
        while h <= end:
            n = min(CHUNK - (h % CHUNK), end - h + 1)
            ranges.append((h, n))
            h += n
        parts: list[bytes] = []
        for i in range(0, len(ranges), PIPELINE):
            batch = ranges[i : i + PIPELINE]
            got = await asyncio.gather(*(client.block_headers(s, n) for s, n in batch))
            for (s, n), data in zip(batch, got, strict=True):
                if len(data) != n * HEADER_SIZE:
                    raise ServerMisbehaved(
                        Sentence("server sent %1 headers from %2, expected %3", len(data) // HEADER_SIZE, s, n)
                    )
                parts.append(data)
        return b"".join(parts)

    def _progress(self, server_height: int) -> None:
        if self.on_progress is not None:
            self.on_progress(SyncProgress(self.store.tip_height, server_height))
