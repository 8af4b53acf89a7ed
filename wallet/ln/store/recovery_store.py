"""Channels being recovered after a restore (table `ln_recovered`): found by their recovery
record or a backup file, with how far their recovery went. Adding one also moves the
channel-number counter past it, so a new channel never reuses a recovered channel's keys."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from wallet.ln.recovery.scan import FoundChannel
from wallet.storage.database import Database

FOUND = "found"
CLOSE_REQUESTED = "close_requested"
CLOSING = "closing"  # the peer's commitment is out; our to_remote sweep is on its way
SWEPT = "swept"
NOTHING = "nothing"  # closed with no output of ours (our balance was dust or zero)
RESUMED = "resumed"  # its state came back from the peer's blob, proven current: a channel again
DONE = (SWEPT, NOTHING, RESUMED)

_COLUMNS = ("key_index, peer_node_id, funding_txid, funding_output_index, funding_sat, "
            "funding_script, peer_address, status, sweep_txid")


@dataclass(frozen=True)
class RecoveredChannel:
    channel: FoundChannel
    peer_address: str | None
    status: str
    sweep_txid: bytes | None = field(default=None, repr=False)


class RecoveryStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    def add(self, found: FoundChannel, peer_address: str | None = None) -> bool:
        """Remember a found channel (True if new; a known one only gains an address)."""
        now = int(time.time())
        with self.db.transaction():
            known = self.db.query_one("SELECT 1 FROM ln_recovered WHERE key_index = ?",
                                      (found.key_index,))
            if known:
                if peer_address:
                    self.db.execute("UPDATE ln_recovered SET peer_address = ?, updated_at = ? "
                                    "WHERE key_index = ?", (peer_address, now, found.key_index))
                return False
            self.db.execute(
                f"INSERT INTO ln_recovered ({_COLUMNS}, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)",
                (found.key_index, found.peer_node_id, found.funding_txid,
                 found.funding_output_index, found.funding_sat, found.funding_script_pubkey,
                 peer_address, FOUND, now))
            row = self.db.query_one("SELECT next_index FROM channel_key_counter WHERE id = 0")
            self.db.execute(
                "INSERT INTO channel_key_counter (id, next_index) VALUES (0, ?) "
                "ON CONFLICT(id) DO UPDATE SET next_index = excluded.next_index",
                (max(row[0] if row else 0, found.key_index + 1),))
        return True

    def set_status(self, key_index: int, status: str, sweep_txid: bytes | None = None) -> None:
        with self.db.transaction():
            self.db.execute("UPDATE ln_recovered SET status = ?, "
                            "sweep_txid = COALESCE(?, sweep_txid), updated_at = ? "
                            "WHERE key_index = ?",
                            (status, sweep_txid, int(time.time()), key_index))

    def mark_resumed(self, key_index: int) -> None:
        """The channel is no longer being recovered: it was resumed (its state, proven
        current, is in the channel store, written in the same transaction). The row stays,
        so that `kite channel list` says the channel came back that way."""
        self.set_status(key_index, RESUMED)

    def all(self) -> list[RecoveredChannel]:
        rows = self.db.query(f"SELECT {_COLUMNS} FROM ln_recovered ORDER BY key_index")
        return [RecoveredChannel(
            FoundChannel(bytes(r[1]), r[0], bytes(r[2]), r[3], r[4], bytes(r[5])),
            r[6], r[7], None if r[8] is None else bytes(r[8])) for r in rows]

    def get(self, key_index: int) -> RecoveredChannel | None:
        return next((r for r in self.all() if r.channel.key_index == key_index), None)
