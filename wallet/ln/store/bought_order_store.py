"""The LSPS1 orders this wallet made as a client (`lsps1_bought`, migrations 17 and 19).

Each order is written once its create_order answer is checked, before the user sees it, so
that `lsp_order_pay` still finds it (the LSP, the order as first answered, its invoice)
after a daemon restart. Whether it was paid over Lightning is not kept here: the payment
log knows the invoice by its payment hash (absent for an order offered on-chain only).
An on-chain payment of it is kept here, written before it is broadcast (`pay_onchain`):
the order is then never paid with another transaction. Orders never paid are deleted a day
after their last way to pay expired (`forget_unpaid`).
"""

from __future__ import annotations

import json
import time

from wallet.lsp import lsps1
from wallet.storage.database import Database

#: how long an order nobody paid is kept after its last way to pay expired (seconds)
KEEP_UNPAID = 24 * 3600


def _expires_at(order: lsps1.Order) -> int:
    """The latest expiry of the order's ways to pay (unix seconds)."""
    options = [p.expires_at for p in (order.bolt11, order.onchain) if p is not None]
    return int(max(options).timestamp()) if options else int(time.time())


class BoughtOrderStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    def add(self, lsp_id: bytes, order: lsps1.Order, refund_address: str | None,
            payment_hash: bytes | None) -> None:
        """Refused (sqlite3.IntegrityError) if this order id is kept already."""
        with self.db.transaction():
            self.db.execute(
                "INSERT INTO lsps1_bought (order_id, lsp_id, payment_hash, record, "
                "refund_address, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (order.order_id, bytes(lsp_id),
                 None if payment_hash is None else bytes(payment_hash),
                 json.dumps(order.to_json()), refund_address,
                 int(time.time()), _expires_at(order)))

    def get(self, order_id: str) -> tuple[bytes, lsps1.Order, str | None] | None:
        """(LSP node id, the order as first answered, the refund address asked)."""
        rows = self.db.query("SELECT lsp_id, record, refund_address FROM lsps1_bought "
                             "WHERE order_id = ?", (order_id,))
        if not rows:
            return None
        lsp_id, record, refund = rows[0]
        return bytes(lsp_id), lsps1.parse_order(json.loads(record)), refund

    def pay_onchain(self, order_id: str, txid: str, raw: bytes) -> bool:
        """Keep our signed payment of the order, before it is broadcast. False (nothing
        written) if the order has one already or is not kept."""
        with self.db.transaction():
            cur = self.db.execute(
                "UPDATE lsps1_bought SET onchain_txid = ?, onchain_raw = ?, onchain_at = ? "
                "WHERE order_id = ? AND onchain_txid IS NULL",
                (txid, bytes(raw), int(time.time()), order_id))
            return cur.rowcount == 1

    def payment_replaced(self, old_txid: str, new_txid: str, raw: bytes) -> bool:
        """A fee bump (RBF) of our on-chain payment of an order: the replacement is kept in
        its place, before it is broadcast (it pays the order the same; its txid is the one
        to follow and, after a crash, to send again). False when `old_txid` pays no order."""
        with self.db.transaction():
            cur = self.db.execute(
                "UPDATE lsps1_bought SET onchain_txid = ?, onchain_raw = ? "
                "WHERE onchain_txid = ?", (new_txid, bytes(raw), old_txid))
            return cur.rowcount == 1

    def onchain_payment(self, order_id: str) -> tuple[str, bytes] | None:
        """(txid, raw transaction) of our on-chain payment of the order, if one was made."""
        rows = self.db.query("SELECT onchain_txid, onchain_raw FROM lsps1_bought "
                             "WHERE order_id = ? AND onchain_txid IS NOT NULL", (order_id,))
        return (rows[0][0], bytes(rows[0][1])) if rows else None

    def forget_unpaid(self, now: float | None = None) -> int:
        """Delete the orders no payment was made for (none on-chain, their invoice neither
        paid nor under way in the payment log) whose every way to pay expired more than
        `KEEP_UNPAID` ago. Returns how many."""
        cutoff = int(time.time() if now is None else now) - KEEP_UNPAID
        with self.db.transaction():
            cur = self.db.execute(
                "DELETE FROM lsps1_bought WHERE onchain_txid IS NULL AND expires_at < ? "
                "AND (payment_hash IS NULL OR NOT EXISTS (SELECT 1 FROM ln_payments p "
                "WHERE p.payment_hash = lsps1_bought.payment_hash "
                "AND p.status IN ('paid', 'pending')))", (cutoff,))
            return cur.rowcount
