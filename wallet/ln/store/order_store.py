"""The channels an LSP sold in advance (LSPS1 orders), in SQLite (`lsps1_orders`,
migration 15).

An order is written before the `lsps1.create_order` answer leaves, and each change of its
state before it is acted on: HOLD (the payment arrived, held) before the channel open, the
channel's key index before open_channel leaves (so a restart finds a channel funded for it),
COMPLETED/PAID (with the channel) before the preimage is released, FAILED/REFUNDED before
the payment is failed back. A restart finds every order as far as it went.
"""

from __future__ import annotations

import json
from datetime import datetime

from wallet.lsp import lsps1
from wallet.storage.database import Database


class OrderStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    def add(self, client_id: bytes, payment_hash: bytes, order: lsps1.Order) -> None:
        assert order.bolt11 is not None
        with self.db.transaction():
            self.db.execute(
                "INSERT INTO lsps1_orders (order_id, client_id, payment_hash, record, "
                "order_state, payment_state, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (order.order_id, bytes(client_id), bytes(payment_hash),
                 json.dumps(order.to_json()), order.order_state, order.bolt11.state,
                 int(_expires(order).timestamp())))

    def update(self, order: lsps1.Order, key_index: int | None = None) -> None:
        assert order.bolt11 is not None
        with self.db.transaction():
            self.db.execute(
                "UPDATE lsps1_orders SET record = ?, order_state = ?, payment_state = ?, "
                "key_index = COALESCE(?, key_index) WHERE order_id = ?",
                (json.dumps(order.to_json()), order.order_state, order.bolt11.state,
                 key_index, order.order_id))

    def get(self, order_id: str) -> tuple[bytes, bytes, lsps1.Order] | None:
        """(client id, payment hash, order)."""
        rows = self.db.query("SELECT client_id, payment_hash, record FROM lsps1_orders "
                             "WHERE order_id = ?", (order_id,))
        if not rows:
            return None
        client, payment_hash, record = rows[0]
        return bytes(client), bytes(payment_hash), lsps1.parse_order(json.loads(record))

    def key_index(self, order_id: str) -> int | None:
        """The channel opened (or being opened) for this order, recorded before the open."""
        rows = self.db.query("SELECT key_index FROM lsps1_orders WHERE order_id = ?",
                             (order_id,))
        return None if not rows or rows[0][0] is None else int(rows[0][0])

    def by_payment_hash(self, payment_hash: bytes) -> str | None:
        rows = self.db.query("SELECT order_id FROM lsps1_orders WHERE payment_hash = ?",
                             (bytes(payment_hash),))
        return rows[0][0] if rows else None

    def unpaid(self, client_id: bytes | None = None, now: datetime | None = None) -> int:
        """Orders still waiting for their payment (unexpired at `now`): of one client, or all."""
        sql = ("SELECT COUNT(*) FROM lsps1_orders WHERE order_state = 'CREATED' "
               "AND payment_state = 'EXPECT_PAYMENT'")
        args: list = []
        if now is not None:
            sql += " AND expires_at > ?"
            args.append(int(now.timestamp()))
        if client_id is not None:
            sql += " AND client_id = ?"
            args.append(bytes(client_id))
        return int(self.db.query(sql, tuple(args))[0][0])

    def open_orders(self) -> list[tuple[bytes, bytes, lsps1.Order]]:
        """Orders not finished: CREATED (waiting, or held during an open)."""
        rows = self.db.query("SELECT client_id, payment_hash, record FROM lsps1_orders "
                             "WHERE order_state = 'CREATED'")
        return [(bytes(c), bytes(h), lsps1.parse_order(json.loads(r))) for c, h, r in rows]

    def expired_unpaid(self, now: datetime) -> list[tuple[bytes, lsps1.Order]]:
        """Orders still waiting for a payment whose invoice has expired: (payment hash, order)."""
        rows = self.db.query("SELECT payment_hash, record FROM lsps1_orders WHERE order_state = "
                             "'CREATED' AND payment_state = 'EXPECT_PAYMENT' AND expires_at <= ?",
                             (int(now.timestamp()),))
        return [(bytes(h), lsps1.parse_order(json.loads(r))) for h, r in rows]

    def forget_unpaid(self, before: datetime) -> int:
        """Delete orders never paid that failed before `before` (nothing was owed on them).
        Orders with an on-chain address are kept: a coin may still arrive, to be refunded."""
        with self.db.transaction():
            cur = self.db.execute("DELETE FROM lsps1_orders WHERE order_state = 'FAILED' AND "
                                  "payment_state = 'EXPECT_PAYMENT' AND expires_at < ? AND "
                                  "order_id NOT IN (SELECT order_id FROM lsps1_onchain)",
                                  (int(before.timestamp()),))
        return cur.rowcount


def _expires(order: lsps1.Order) -> datetime:
    """When the order stops waiting for a payment: its latest payment option's expiry."""
    assert order.bolt11 is not None
    if order.onchain is not None:
        return max(order.bolt11.expires_at, order.onchain.expires_at)
    return order.bolt11.expires_at
