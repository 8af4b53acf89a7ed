"""The last block height the node saw, kept in the wallet file, so that the next start can
tell how long the wallet was closed (the punishment-window warning,
`wallet.ln.channel.punishment_window`).

Stored in `wallet_meta` under `last_seen_height` (a plain number, not a secret), raised on
every verified tip the chain node reports and never lowered (a reorg or a stale server does
not make the wallet look closed longer than it was). `at_start` is the value read when the
node started: the height up to which the wallet was watching before it was closed;
`caught_up` the tip when this run first finished syncing: the blocks in between were mined
while the wallet was closed (later blocks were watched, however long the app stays open).
"""

from __future__ import annotations

from wallet.storage.database import Database

KEY = "last_seen_height"


class LastSeenHeight:
    def __init__(self, db: Database) -> None:
        self.db = db
        self.at_start = self._load()
        self._saved = self.at_start
        self.caught_up: int | None = None

    def _load(self) -> int | None:
        row = self.db.query_one("SELECT value FROM wallet_meta WHERE key = ?", (KEY,))
        try:
            return int(row[0]) if row is not None else None
        except ValueError:
            return None  # unreadable: as if never stored (the warning waits a run)

    def record(self, height: object) -> None:
        """Remember `height` if it is above what is stored."""
        if not isinstance(height, int) or isinstance(height, bool) or height < 0:
            return
        if self._saved is not None and height <= self._saved:
            return
        with self.db.transaction():
            self.db.execute("INSERT OR REPLACE INTO wallet_meta (key, value) VALUES (?, ?)",
                            (KEY, str(height)))
        self._saved = height

    def synced(self, height: object) -> None:
        """The chain node finished syncing at `height`: the first time, note it."""
        if self.caught_up is None and isinstance(height, int) and not isinstance(height, bool):
            self.caught_up = height
        self.record(height)

    def gap(self) -> tuple[int | None, int | None]:
        """(height before the wallet was closed, height once caught up); None if unknown."""
        return self.at_start, self.caught_up
