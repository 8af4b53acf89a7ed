"""Following our addresses through an Electrum server, trusting nothing it says unproven.

For every BIP 84 receive and change address up to the gap limit we subscribe to its
script hash. When a status changes we fetch the history, check that it hashes to the status
the server announced, fetch each new transaction (its txid is checked by the client), and
prove every confirmed one with a Merkle branch against a header *we* verified. Anything
false raises `ServerMisbehaved`/`MerkleProofError` before the ledger is touched, so a lying
server changes nothing; the caller bans it and carries on with another.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Protocol, TypeVar

from wallet.chain.electrum_client import ElectrumClient, ServerMisbehaved
from wallet.chain.merkle import MerkleProofError, verify_merkle_proof
from wallet.chain.scripthash import script_to_scripthash, status_hash
from wallet.onchain.ledger import Ledger, WalletTx
from wallet.sentence import Sentence

log = logging.getLogger(__name__)
T = TypeVar("T")

DEFAULT_GAP_LIMIT = 20
MAX_LOOKAHEAD = 1_000  # addresses a restore derives past the gap limit in one round, at most
STATUS_RETRIES = 3


class HeaderSource(Protocol):
    """What address sync needs from the verified header chain."""

    @property
    def tip_height(self) -> int: ...

    def merkle_root(self, height: int) -> bytes | None:
        """Merkle root (internal byte order) of our verified header at `height`."""

    def block_time(self, height: int) -> int | None: ...

    async def old_merkle_root(self, client: ElectrumClient, height: int) -> bytes:
        """Merkle root of a block older than the verified chain, proven to a checkpoint."""


class KeySource(Protocol):
    def script_pubkey(self, change: int, index: int) -> bytes: ...


class TxStore(Protocol):
    """Durable home of wallet transactions (SQLite in the node)."""

    def save_tx(self, wtx: WalletTx) -> None: ...

    def delete_tx(self, txid: str) -> None: ...

    def batch(self) -> AbstractContextManager[object]:
        """Writes inside it land together (one transaction), at its end."""


FETCH_CONCURRENCY = 32  # requests in flight at once while catching up (one session)


@dataclass
class _Ahead:
    """Server answers asked for early by `subscribe_all`, each used once, checked when used."""

    histories: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    raws: dict[str, bytes] = field(default_factory=dict)
    branches: dict[tuple[str, int], tuple[list[str], int, int]] = field(default_factory=dict)


async def _bounded(calls: Iterable[Awaitable[T]]) -> list[T]:
    """Await `calls` with at most FETCH_CONCURRENCY in flight; answers in order."""
    gate = asyncio.Semaphore(FETCH_CONCURRENCY)

    async def one(call: Awaitable[T]) -> T:
        async with gate:
            return await call

    tasks = [asyncio.ensure_future(one(c)) for c in calls]
    try:
        answers = await asyncio.gather(*tasks, return_exceptions=True)
    except asyncio.CancelledError:
        for t in tasks:
            t.cancel()
        raise
    for a in answers:
        if isinstance(a, BaseException):
            raise a  # the first failure, as a one-by-one fetch would have met it
    return list(answers)


class HeadersBehind(Exception):
    """A transaction is confirmed above our verified tip: wait for header sync."""


@dataclass
class AddressBook:
    """Our scripts by (change, index) and by script hash, grown to keep `gap_limit` unused."""

    keys: KeySource
    gap_limit: int = DEFAULT_GAP_LIMIT
    by_path: dict[tuple[int, int], bytes] = field(default_factory=dict)
    by_scripthash: dict[str, tuple[int, int]] = field(default_factory=dict)
    by_script: dict[bytes, tuple[int, int]] = field(default_factory=dict)
    used: set[tuple[int, int]] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.extend()

    def owner(self, script: bytes) -> tuple[int, int] | None:
        return self.by_script.get(script)

    def count(self, change: int) -> int:
        return sum(1 for c, _ in self.by_path if c == change)

    def extend(self, ahead: dict[int, int] | None = None) -> list[str]:
        """Derive addresses until each chain ends in `gap_limit` unused ones (and `ahead[chain]`
        more, a restore's guess at what comes next); the new script hashes."""
        new = []
        for change in (0, 1):
            used = [i for c, i in self.used if c == change]
            want = (max(used) + 1 if used else 0) + self.gap_limit
            want += min((ahead or {}).get(change, 0), MAX_LOOKAHEAD)
            for index in range(self.count(change), want):
                script = self.keys.script_pubkey(change, index)
                sh = script_to_scripthash(script)
                self.by_path[(change, index)] = script
                self.by_scripthash[sh] = (change, index)
                self.by_script[script] = (change, index)
                new.append(sh)
        return new

    def first_unused(self, change: int) -> int:
        i = 0
        while (change, i) in self.used:
            i += 1
        return i


@dataclass
class AddressSync:
    book: AddressBook
    ledger: Ledger
    headers: HeaderSource
    store: TxStore
    on_change: Callable[[], None] | None = None
    histories: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    statuses: dict[str, str | None] = field(default_factory=dict)
    _proven: dict[str, bytes] = field(default_factory=dict)  # txid -> merkle root it proved to
    _stale_claim: tuple[str, str, int, bytes] | None = None  # see _behind_a_reorg
    _ahead: _Ahead = field(default_factory=lambda: _Ahead())  # see subscribe_all

    def __post_init__(self) -> None:
        # The stored transactions are what the server listed when we last saw it: start from
        # those histories, so that one it no longer lists anywhere (dropped by a reorg, or
        # replaced, while we were away) is forgotten like one that vanishes while we watch.
        for wtx in self.ledger.transactions():
            for script in self.ledger.scripts_touched(wtx.txid):
                sh = script_to_scripthash(script)
                if sh in self.book.by_scripthash:
                    self.histories.setdefault(sh, []).append((wtx.txid, wtx.height))

    async def subscribe_all(self, client: ElectrumClient) -> None:
        """Subscribe every known script hash (again, after a reconnect) and catch up.

        In rounds: each round's subscriptions, histories, transactions and Merkle branches
        are asked for together (a restore with 1,000 used addresses would otherwise wait for
        some 4,000 answers one by one), then applied one script hash at a time, checked
        exactly as a live status change is. The next round is the gap limit past the last
        used address, plus twice as many as this round found used: a long run of used
        addresses takes a few rounds, not one per gap."""
        pending = list(self.book.by_scripthash)
        while pending:
            before = set(self.book.used)
            statuses = await _bounded(client.scripthash_subscribe(sh) for sh in pending)
            changed = [(sh, st) for sh, st in zip(pending, statuses, strict=True)
                       if st is not None and st != self.statuses.get(sh)]
            await self._fetch_ahead(client, changed)
            try:
                # what is in hand goes in as one SQLite transaction, with one on_change
                # (no await inside: nothing else can write while it is open)
                in_hand = dict(changed)
                later = []
                wallet_changed = False
                with self.store.batch():
                    for sh, status in zip(pending, statuses, strict=True):
                        done = self._apply_in_hand(sh, in_hand[sh]) if sh in in_hand else None
                        if done is None:
                            later.append((sh, status))
                        wallet_changed |= done or False
                if wallet_changed and self.on_change is not None:
                    self.on_change()
                for sh, status in later:
                    await self.on_status(client, sh, status, extend=False)
            finally:
                self._ahead = _Ahead()
            # a chain that was used all through this round likely goes on: look twice as far
            found = self.book.used - before
            pending = self.book.extend({c: 2 * sum(1 for k, _ in found if k == c) for c in (0, 1)})

    async def _fetch_ahead(self, client: ElectrumClient,
                           changed: list[tuple[str, str]]) -> None:
        """Ask for what `on_status` will need for these script hashes, all at once. Only the
        asking is early: every answer is still checked where it is used (history against
        status, txid against transaction, branch against our header)."""
        ahead = self._ahead
        histories = await _bounded(client.get_history(sh) for sh, _ in changed)
        wanted: dict[str, int] = {}
        for (sh, status), history in zip(changed, histories, strict=True):
            if status_hash(history) != status:
                continue  # on_status asks again and decides
            ahead.histories[sh] = history
            for txid, height in history:
                known = self.ledger.get(txid)
                if known is None or known.height != height \
                        or not self._still_proven(txid, height):
                    wanted[txid] = height
        raws = [t for t in wanted if self.ledger.get(t) is None]
        ahead.raws.update(zip(raws, await _bounded(client.get_transaction(t) for t in raws),
                              strict=True))
        proofs = [(t, h) for t, h in wanted.items()
                  if h > 0 and self.headers.merkle_root(h) is not None]
        branches = await _bounded(client.get_merkle(t, h) for t, h in proofs)
        ahead.branches.update(zip(proofs, branches, strict=True))

    async def on_status(self, client: ElectrumClient, scripthash: str, status: str | None,
                        *, extend: bool = True) -> None:
        """A (possibly) new status for one of our script hashes. `extend`: follow the gap
        limit at once (a live change); `subscribe_all` extends by rounds instead."""
        if scripthash not in self.book.by_scripthash:
            return  # not ours (a stale subscription); ignore
        if status is not None and status == self.statuses.get(scripthash):
            return
        history = self._ahead.histories.pop(scripthash, None)
        if history is None:
            history = await client.get_history(scripthash) if status is not None else []
        for _ in range(STATUS_RETRIES):
            if status_hash(history) == status:
                break
            # The address may have changed between the status and the history (a block, a
            # new payment): ask again for both. A server that never agrees with itself lies.
            status = await client.scripthash_subscribe(scripthash)
            history = await client.get_history(scripthash) if status is not None else []
        else:
            raise ServerMisbehaved("address history never matches the status the server sends")
        await self._apply_history(client, scripthash, history)
        self.statuses[scripthash] = status
        if history:
            self.book.used.add(self.book.by_scripthash[scripthash])
            if not extend:
                return
            for sh in self.book.extend():
                await self.on_status(client, sh, await client.scripthash_subscribe(sh))

    async def _apply_history(
        self, client: ElectrumClient, scripthash: str, history: list[tuple[str, int]]
    ) -> None:
        # Fetch and prove everything first; only then change the ledger and the store.
        verified: list[WalletTx] = []
        for txid, height in history:
            known = self.ledger.get(txid)
            if known is not None and known.height == height and self._still_proven(txid, height):
                continue
            raw = known.raw if known is not None else self._ahead.raws.pop(txid, None)
            if raw is None:
                raw = await client.get_transaction(txid)
            if height > 0:
                await self._prove(client, txid, height)
            verified.append(self._wallet_tx(txid, raw, height))
        if self._record(scripthash, history, verified) and self.on_change is not None:
            self.on_change()

    def _wallet_tx(self, txid: str, raw: bytes, height: int) -> WalletTx:
        return WalletTx(txid, raw, height, self.headers.block_time(height) if height > 0 else None)

    def _record(self, scripthash: str, history: list[tuple[str, int]],
                verified: list[WalletTx]) -> bool:
        """Put a proven history into the store and the ledger; whether anything changed."""
        old = {t for t, _ in self.histories.get(scripthash, [])}
        self.histories[scripthash] = history
        gone_here = old - {t for t, _ in history}
        if gone_here:  # rare: only then look whether another address still lists them
            gone_here -= {t for h in self.histories.values() for t, _ in h}
        for wtx in verified:
            self.store.save_tx(wtx)
            for gone in self.ledger.add(wtx):  # replaced or double-spent
                self.store.delete_tx(gone)
                self._proven.pop(gone, None)
        for txid in gone_here:  # replaced, or dropped by a reorg
            self.store.delete_tx(txid)
            self.ledger.remove(txid)
            self._proven.pop(txid, None)
        return bool(verified or gone_here)

    def _apply_in_hand(self, scripthash: str, status: str) -> bool | None:
        """`on_status` for an answer `_fetch_ahead` already holds, without waiting for
        anything: whether the wallet changed, or None when something is missing or a proof
        fails (then `on_status` takes over: it asks again, tells a reorg from a lie)."""
        history = self._ahead.histories.get(scripthash)
        if history is None:
            return None
        verified: list[WalletTx] = []
        proven: list[tuple[str, bytes]] = []
        for txid, height in history:
            known = self.ledger.get(txid)
            if known is not None and known.height == height and self._still_proven(txid, height):
                continue
            raw = known.raw if known is not None else self._ahead.raws.get(txid)
            if raw is None:
                return None
            if height > 0:
                root = self.headers.merkle_root(height)
                branch = self._ahead.branches.get((txid, height))
                if root is None or branch is None:
                    return None
                try:
                    verify_merkle_proof(txid, branch[0], branch[1], root)
                except MerkleProofError:
                    return None
                proven.append((txid, root))
            verified.append(self._wallet_tx(txid, raw, height))
        del self._ahead.histories[scripthash]
        self._proven.update(proven)
        changed = self._record(scripthash, history, verified)
        self.statuses[scripthash] = status
        if history:
            self.book.used.add(self.book.by_scripthash[scripthash])
        return changed

    def _still_proven(self, txid: str, height: int) -> bool:
        if height <= 0:
            return True
        root = self.headers.merkle_root(height)
        return (root is None and txid in self._proven) or (
            root is not None and self._proven.get(txid) == root
        )

    async def _prove(self, client: ElectrumClient, txid: str, height: int) -> None:
        root = self.headers.merkle_root(height)
        if root is None and height <= self.headers.tip_height:
            root = await self.headers.old_merkle_root(client, height)  # below our checkpoint
        if root is None:
            raise HeadersBehind(Sentence("transaction %1 is in block %2, above our headers", txid, height))
        ahead = self._ahead.branches.pop((txid, height), None)
        branch, pos, _ = ahead if ahead is not None else await client.get_merkle(txid, height)
        try:
            verify_merkle_proof(txid, branch, pos, root)
        except MerkleProofError:
            await self._behind_a_reorg(client, txid, height, root)
            raise
        self._proven[txid] = root

    async def _behind_a_reorg(self, client: ElectrumClient, txid: str, height: int,
                              root: bytes) -> None:
        """A proof that fails against our header may still be honest: if the server's block
        at that height is not ours, its chain was reorganised before we heard of it. Then
        raise HeadersBehind so that headers catch up first, once: if the same server makes
        the same claim again with our header unchanged, it insists on a branch we did not
        take (it has no more work), and the caller's MerkleProofError stands.
        """
        theirs = (await client.block_header(height))[36:68]
        claim = (str(client.server), txid, height, root)
        if theirs == root or claim == self._stale_claim:
            return
        self._stale_claim = claim
        raise HeadersBehind(Sentence("the server's block %1 is not ours: catching up first", height))

    def forget_proofs_from(self, height: int) -> list[str]:
        """After a reorg to a fork at `height`: proofs at or above it must be redone.

        Returns the script hashes to refresh.
        """
        stale = {t for t, w in ((t, self.ledger.get(t)) for t in list(self._proven)) if w and w.height >= height}
        for t in stale:
            self._proven.pop(t, None)
        affected = [sh for sh, h in self.histories.items() if any(t in stale for t, _ in h)]
        for sh in affected:
            self.statuses.pop(sh, None)  # force a refetch even if the status is unchanged
        return affected
