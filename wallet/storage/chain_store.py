"""SQLite home of the on-chain wallet's data: verified transactions, used addresses, bans.

Headers live in their own flat file (chain/header_store.py); this holds what the address
sync has proven, so that a restart shows the balance at once and re-verifies only what
changed.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import AbstractContextManager

from wallet.onchain.ledger import WalletTx
from wallet.storage.database import Database


class ChainStore:
    """Wallet transactions and address usage, one SQLite transaction per change."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def save_tx(self, wtx: WalletTx) -> None:
        with self.db.transaction():
            self.db.execute(
                "INSERT INTO wallet_txs (txid, raw, height, timestamp) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(txid) DO UPDATE SET height = excluded.height, "
                "timestamp = excluded.timestamp",
                (wtx.txid, wtx.raw, wtx.height, wtx.timestamp),
            )

    def delete_tx(self, txid: str) -> None:
        with self.db.transaction():
            self.db.execute("DELETE FROM wallet_txs WHERE txid = ?", (txid,))

    def batch(self) -> AbstractContextManager[object]:
        """One SQLite transaction around many saves (a restore's round): the saves inside
        it nest and commit together, once."""
        return self.db.transaction()

    def load_txs(self) -> list[WalletTx]:
        rows = self.db.query("SELECT txid, raw, height, timestamp FROM wallet_txs")
        return [WalletTx(t, bytes(r), h, ts) for t, r, h, ts in rows]

    def mark_used(self, change: int, index: int) -> None:
        self.mark_all_used([(change, index)])

    def mark_all_used(self, paths: Iterable[tuple[int, int]]) -> None:
        """Record addresses (change, index) as used, all in one transaction."""
        with self.db.transaction():
            for change, index in paths:
                self.db.execute(
                    "INSERT OR IGNORE INTO used_addresses (change, idx) VALUES (?, ?)",
                    (change, index),
            )

    def used(self) -> set[tuple[int, int]]:
        return {(c, i) for c, i in self.db.query("SELECT change, idx FROM used_addresses")}

    def ban_server(self, server: str, reason: str, when: int) -> None:
        with self.db.transaction():
            self.db.execute(
                "INSERT OR REPLACE INTO banned_servers (server, reason, banned_at) VALUES (?, ?, ?)",
                (server, reason[:500], when),
            )

    def banned_servers(self) -> dict[str, str]:
        return dict(self.db.query("SELECT server, reason FROM banned_servers"))
