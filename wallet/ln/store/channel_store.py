"""Durable home of the channels (state machine snapshots) in SQLite.

Each channel is one row keyed by its key index: the index of its keys under the Lightning
root (`LightningKeys.channel_keys(index)`), handed out by a counter that only grows, so an
index is never reused and restoring the seed derives the same keys again. `save()` writes a
state in one transaction (synchronous=FULL): when it returns, the state survives a crash;
a crash during it leaves the previous state. The channel shell calls it for every
`PersistState` before anything that follows leaves the process.

Payments live in the payment log (`payment_log.py`); the statuses are re-exported here.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from wallet.errors import InputError
from wallet.ln.channel import states as st
from wallet.ln.channel.codec import state_from_bytes, state_to_bytes
from wallet.ln.store import htlc_log
from wallet.ln.store.payment_rows import FAILED as FAILED
from wallet.ln.store.payment_rows import PAID as PAID
from wallet.ln.store.payment_rows import PENDING as PENDING
from wallet.sentence import Sentence
from wallet.storage.crashpoints import crash_point
from wallet.storage.database import Database

#: key indexes reserved by one disk commit (`ChannelStore.allocate_key_index`)
KEY_INDEX_BLOCK = 32


class UnknownChannel(InputError):
    """No channel with that key index (or id) is stored."""


@dataclass(frozen=True)
class StoredChannel:
    key_index: int
    channel_id: bytes
    peer_node_id: bytes
    peer_address: str | None
    state: Any = field(repr=False)
    updated_at: int


class ChannelStore:
    def __init__(self, db: Database) -> None:
        self.db = db
        self._logged: dict[int, frozenset] = {}  # HTLC log rows of the last saved state
        # key indexes durably reserved and not handed out yet: [_next_index, _block_end)
        self._next_index = self._block_end = 0

    # -- channels ---------------------------------------------------------------------------

    def allocate_key_index(self) -> int:
        """A key index never handed out before (durably counted before it is returned).

        The counter is moved KEY_INDEX_BLOCK at a time and the block handed out from
        memory: one disk commit per block, not per index (a peer opening channels to us
        and abandoning them would otherwise cost a commit each). After a restart the rest
        of the block is skipped: a gap, never a reuse. An index found in the channel table
        or among the recovered channels at or above the next one is skipped past; a counter
        moved by anyone else (the recovery) ends the block."""
        found = self.db.query_one(
            "SELECT MAX(k) FROM (SELECT MAX(key_index) AS k FROM channels "
            "UNION ALL SELECT MAX(key_index) FROM ln_recovered)")
        if found and found[0] is not None:
            self._next_index = max(self._next_index, found[0] + 1)
        row = self.db.query_one("SELECT next_index FROM channel_key_counter WHERE id = 0")
        if (row[0] if row else 0) != self._block_end:
            self._block_end = 0  # the counter was moved by another writer: a new block
        if self._next_index >= self._block_end:
            with self.db.transaction():
                row = self.db.query_one(
                    "SELECT next_index FROM channel_key_counter WHERE id = 0")
                index = max(row[0] if row else 0, self._next_index)
                self.db.execute(
                    "INSERT INTO channel_key_counter (id, next_index) VALUES (0, ?) "
                    "ON CONFLICT(id) DO UPDATE SET next_index = excluded.next_index",
                    (index + KEY_INDEX_BLOCK,),
                )
            self._next_index, self._block_end = index, index + KEY_INDEX_BLOCK
        index = self._next_index
        self._next_index += 1
        return index

    def create(self, key_index: int, peer_node_id: bytes, peer_address: str | None,
               state: Any) -> None:
        """Record a new channel (refuses an index already used)."""
        data = state_to_bytes(state)
        with self.db.transaction():
            if self.db.query_one("SELECT 1 FROM channels WHERE key_index = ?", (key_index,)):
                raise InputError(Sentence("channel key index %1 is already used", key_index))
            self.db.execute(
                "INSERT INTO channels (key_index, channel_id, peer_node_id, peer_address, "
                "state, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
                (key_index, st.known_channel_id(state) or b"", bytes(peer_node_id), peer_address,
                 data, int(time.time())),
            )

    def save(self, key_index: int, state: Any,
             also: Callable[[], None] | None = None) -> None:
        """Durably replace a channel's state (one transaction); `also` writes more rows in
        the same transaction (e.g. the payment log's rows of HTLCs this state offers), so
        that they are durable together, for one disk commit."""
        data = state_to_bytes(state)
        channel_id = st.known_channel_id(state)
        with self.db.transaction():
            if channel_id is None:
                cur = self.db.execute(
                    "UPDATE channels SET state = ?, updated_at = ? WHERE key_index = ?",
                    (data, int(time.time()), key_index))
            else:
                cur = self.db.execute(
                    "UPDATE channels SET state = ?, channel_id = ?, updated_at = ? "
                    "WHERE key_index = ?", (data, channel_id, int(time.time()), key_index))
            if cur.rowcount != 1:
                raise UnknownChannel(Sentence("no stored channel with key index %1", key_index))
            # same transaction: justice needs it
            logged = htlc_log.record(self.db, key_index, state,
                                     self._logged.get(key_index, frozenset()))
            if also is not None:
                also()
            crash_point("channel-save:written")
        if not self.db.in_transaction:  # committed: these rows need no rewrite
            self._logged[key_index] = logged
        else:  # inside a caller's transaction, which may still roll back
            self._logged.pop(key_index, None)

    def htlc_log(self, key_index: int) -> list:
        """The channel's HTLC log (`htlc_log.LoggedHtlc`s): for justice transactions."""
        return htlc_log.load(self.db, key_index)

    def set_peer_address(self, key_index: int, address: str | None) -> None:
        with self.db.transaction():
            self.db.execute("UPDATE channels SET peer_address = ? WHERE key_index = ?",
                            (address, key_index))

    def addresses(self) -> dict[int, str | None]:
        """Each channel's peer address (HOST:PORT, None for inbound ones), without decoding
        any state."""
        return {int(k): a for k, a in self.db.query("SELECT key_index, peer_address "
                                                     "FROM channels")}

    def stored_states(self) -> dict[int, bytes]:
        """Each channel's state exactly as written by the last committed `save` (the codec's
        bytes, not decoded): what a peer-storage backup carries, so that what leaves the
        process is never ahead of what is durable."""
        return {int(k): bytes(s) for k, s in self.db.query("SELECT key_index, state "
                                                           "FROM channels")}

    def load(self, key_index: int) -> StoredChannel:
        rows = self._select("WHERE key_index = ?", (key_index,))
        if not rows:
            raise UnknownChannel(Sentence("no stored channel with key index %1", key_index))
        return rows[0]

    def load_all(self) -> list[StoredChannel]:
        """Every stored channel, oldest first (raises the codec's error on corrupt data)."""
        return self._select("", ())

    def _select(self, where: str, params: tuple) -> list[StoredChannel]:
        rows = self.db.query(
            "SELECT key_index, channel_id, peer_node_id, peer_address, state, updated_at "
            f"FROM channels {where} ORDER BY key_index", params)
        return [StoredChannel(k, bytes(c), bytes(p), a, state_from_bytes(bytes(s)), u)
                for k, c, p, a, s, u in rows]
