"""The JIT channels an LSP sold (LSPS2), in SQLite (`lsps2_sales`, migration 12).

A sale is written before the `lsps2.buy` answer leaves: once the client holds a scid, the
LSP must honour it until `valid_until` even across a restart (the payer's HTLC would fail
otherwise). A sale's state moves sold -> opening (its HTLC came; the channel open is under
way; the channel's key_index is added once it is funded) -> used (forwarded). A used sale
is kept until `valid_until` so that its scid is neither sold again nor honoured twice. Rows
past `valid_until` are deleted.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from wallet.lsp import lsps2
from wallet.storage.database import Database

SOLD = "sold"
OPENING = "opening"
USED = "used"


@dataclass(frozen=True)
class StoredSale:
    client_id: bytes
    scid: int
    purchase: lsps2.Purchase
    state: str
    key_index: int | None


class SaleStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    def add(self, client_id: bytes, scid: int, purchase: lsps2.Purchase) -> None:
        record = {"params": purchase.params.raw, "size": purchase.payment_size_msat,
                  "fee": purchase.opening_fee_msat}
        with self.db.transaction():
            self.db.execute(
                "INSERT INTO lsps2_sales (scid, client_id, record, valid_until, state) "
                "VALUES (?, ?, ?, ?, ?)",
                (_signed(scid), bytes(client_id), json.dumps(record),
                 int(purchase.params.valid_until.timestamp()), SOLD))

    def set_state(self, scid: int, state: str, key_index: int | None = None) -> None:
        """Move a sale on (`key_index` None keeps the one recorded)."""
        with self.db.transaction():
            self.db.execute(
                "UPDATE lsps2_sales SET state = ?, key_index = COALESCE(?, key_index) "
                "WHERE scid = ?", (state, key_index, _signed(scid)))

    def taken(self, scid: int) -> bool:
        """Is this scid sold already (any state)? A new scid must not collide."""
        return bool(self.db.query("SELECT 1 FROM lsps2_sales WHERE scid = ?", (_signed(scid),)))

    def pending(self, client_id: bytes | None = None) -> int:
        """Sales not used yet (sold or opening), of one client or of all: what the caps
        count (a used one was paid for by its opening fee)."""
        if client_id is None:
            return self.db.query("SELECT COUNT(*) FROM lsps2_sales WHERE state != ?",
                                 (USED,))[0][0]
        return self.db.query("SELECT COUNT(*) FROM lsps2_sales WHERE state != ? AND "
                             "client_id = ?", (USED, bytes(client_id)))[0][0]

    def expire(self, now: datetime) -> None:
        with self.db.transaction():
            self.db.execute("DELETE FROM lsps2_sales WHERE valid_until <= ?",
                            (int(now.timestamp()),))

    def load(self, now: datetime) -> list[StoredSale]:
        """The unexpired sales (expired ones are deleted first). A row that no longer
        parses is skipped: its scid is then refused (unknown_next_peer), nothing lost."""
        self.expire(now)
        out = []
        for scid, client_id, text, state, key_index in self.db.query(
                "SELECT scid, client_id, record, state, key_index FROM lsps2_sales"):
            try:
                r = json.loads(text)
                params = lsps2.OpeningFeeParams.from_json(r["params"])
                size = None if r["size"] is None else int(r["size"])
                fee = None if r["fee"] is None else int(r["fee"])
            except (ValueError, KeyError, TypeError, lsps2.Lsps2Error):
                continue
            if params.valid_until <= now:
                continue
            out.append(StoredSale(bytes(client_id), scid & (1 << 64) - 1,
                                  lsps2.Purchase(params, size, fee), state, key_index))
        return out


def _signed(scid: int) -> int:
    """SQLite integers are signed 64-bit: a scid above 2^63 is stored as its negative twin."""
    return scid - (1 << 64) if scid >= 1 << 63 else scid
