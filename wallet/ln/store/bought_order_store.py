"""The LSPS1 orders this wallet made as a client (`lsps1_bought`, migration 17).

Each order is written once its create_order answer is checked, before the user sees it, so
that `lsp_order_pay` still finds it (the LSP, the order as first answered, its invoice)
after a daemon restart. Whether it was paid is not kept here: the payment log knows the
invoice by its payment hash.
"""

from __future__ import annotations

import json
import time

from wallet.lsp import lsps1
from wallet.storage.database import Database


class BoughtOrderStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    def add(self, lsp_id: bytes, order: lsps1.Order, refund_address: str | None,
            payment_hash: bytes) -> None:
        """Refused (sqlite3.IntegrityError) if this order id is kept already."""
        with self.db.transaction():
            self.db.execute(
                "INSERT INTO lsps1_bought (order_id, lsp_id, payment_hash, record, "
                "refund_address, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                (order.order_id, bytes(lsp_id), bytes(payment_hash),
                 json.dumps(order.to_json()), refund_address,
                 int(time.time())))

    def get(self, order_id: str) -> tuple[bytes, lsps1.Order, str | None] | None:
        """(LSP node id, the order as first answered, the refund address asked)."""
        rows = self.db.query("SELECT lsp_id, record, refund_address FROM lsps1_bought "
                             "WHERE order_id = ?", (order_id,))
        if not rows:
            return None
        lsp_id, record, refund = rows[0]
        return bytes(lsp_id), lsps1.parse_order(json.loads(record)), refund
