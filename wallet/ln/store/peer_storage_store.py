"""BOLT 1 peer storage in SQLite: the blob each peer keeps with us (`ln_peer_storage`,
migration 11; we are its provider) and the sequence numbers of our own blob
(`ln_peer_storage_ours`: the last we sent, the highest a peer gave back)."""

from __future__ import annotations

import time

from wallet.storage.database import Database


class PeerStorageStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    # -- the peers' blobs -----------------------------------------------------------------------

    def put(self, peer_node_id: bytes, blob: bytes) -> None:
        with self.db.transaction():
            self.db.execute("INSERT OR REPLACE INTO ln_peer_storage (peer_node_id, blob, "
                            "updated_at) VALUES (?, ?, ?)",
                            (peer_node_id, blob, int(time.time())))

    def get(self, peer_node_id: bytes) -> bytes | None:
        row = self.db.query_one("SELECT blob FROM ln_peer_storage WHERE peer_node_id = ?",
                                (peer_node_id,))
        return None if row is None else bytes(row[0])

    def count(self) -> int:
        return int(self.db.query_one("SELECT COUNT(*) FROM ln_peer_storage")[0])

    # -- ours -----------------------------------------------------------------------------------

    def sequences(self) -> tuple[int, int]:
        """(last sent, highest seen back); (0, 0) before any."""
        row = self.db.query_one("SELECT sent_seq, seen_seq FROM ln_peer_storage_ours "
                                "WHERE id = 0")
        return (0, 0) if row is None else (int(row[0]), int(row[1]))

    def next_seq(self) -> int:
        """A sequence number above every one sent or seen, durably taken."""
        with self.db.transaction():
            sent, seen = self.sequences()
            seq = max(sent, seen) + 1
            self._write(seq, seen)
        return seq

    def saw(self, seq: int) -> None:
        with self.db.transaction():
            sent, seen = self.sequences()
            if seq > seen:
                self._write(sent, seq)

    def _write(self, sent: int, seen: int) -> None:
        self.db.execute("INSERT INTO ln_peer_storage_ours (id, sent_seq, seen_seq) "
                        "VALUES (0, ?, ?) ON CONFLICT(id) DO UPDATE SET "
                        "sent_seq = excluded.sent_seq, seen_seq = excluded.seen_seq",
                        (sent, seen))
