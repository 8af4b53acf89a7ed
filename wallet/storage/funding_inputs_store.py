"""The inputs of the channel funding transactions the watcher has seen (table
`ln_funding_inputs`, migration 16). A zero-conf funding can be double-spent by its opener;
proving it needs the funding's inputs (a confirmed transaction spending one of them), and
once the funding has left the chain nothing tells them any more. Kept in memory only, they
were lost by a restart: the channel then stayed "unconfirmed" for ever."""

from __future__ import annotations

import time

from wallet.storage.database import Database

Outpoint = tuple[bytes, int]  # (txid in internal byte order, output index)
MAX_INPUTS = 10_000  # a funding transaction with more is not kept (the table's check)


class FundingInputsStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    def add(self, funding_txid: bytes, inputs: tuple[Outpoint, ...]) -> None:
        """Remember them (the first time: a transaction's inputs never change)."""
        if not inputs or len(inputs) > MAX_INPUTS or len(funding_txid) != 32:
            return
        blob = b"".join(bytes(txid) + n.to_bytes(4, "big") for txid, n in inputs)
        with self.db.transaction():
            self.db.execute(
                "INSERT OR IGNORE INTO ln_funding_inputs (funding_txid, inputs, seen_at) "
                "VALUES (?, ?, ?)", (bytes(funding_txid), blob, int(time.time())))

    def load(self) -> dict[bytes, tuple[Outpoint, ...]]:
        out: dict[bytes, tuple[Outpoint, ...]] = {}
        for txid, blob in self.db.query("SELECT funding_txid, inputs FROM ln_funding_inputs"):
            blob = bytes(blob)
            out[bytes(txid)] = tuple((blob[i:i + 32], int.from_bytes(blob[i + 32:i + 36], "big"))
                                     for i in range(0, len(blob), 36))
        return out
