"""LSPS1 orders paid on-chain, the LSP's side (migration 18): each order's reserved address,
the coins seen paying it, and the refunds made of them.

Written before acting: the address with the order before the answer leaves; coins credited
with the order's PAID; a refund recorded (coins covered, amount, address) before its
transaction is built, the signed transaction before it is broadcast. A coin is covered by
one refund only (its outpoint is the key of `lsps1_refund_coins`): a restart can never
refund it twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from wallet.lsp.lsps1_onchain import Outpoint, SeenCoin
from wallet.storage.database import Database

RECORDED, SIGNED, BROADCAST, DUST = "recorded", "signed", "broadcast", "dust"


@dataclass(frozen=True)
class OnchainOrder:
    order_id: str
    address: str
    script: bytes
    refund_address: str


@dataclass(frozen=True)
class Refund:
    refund_id: int
    order_id: str
    address: str
    amount_sat: int
    state: str
    raw: bytes | None
    txid: str | None
    coins: tuple[Outpoint, ...]


def _text(outpoint: Outpoint) -> str:
    return f"{outpoint[0]}:{outpoint[1]}"


def _outpoint(text: str) -> Outpoint:
    txid, _, n = text.partition(":")
    return txid, int(n)


class OnchainOrderStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    def add(self, order: OnchainOrder) -> None:
        with self.db.transaction():
            self.db.execute("INSERT INTO lsps1_onchain (order_id, address, script, "
                            "refund_address) VALUES (?, ?, ?, ?)",
                            (order.order_id, order.address, bytes(order.script),
                             order.refund_address))

    def orders(self) -> list[OnchainOrder]:
        return self._orders("", ())

    def get(self, order_id: str) -> OnchainOrder | None:
        found = self._orders(" WHERE order_id = ?", (order_id,))
        return found[0] if found else None

    def _orders(self, where: str, args: tuple) -> list[OnchainOrder]:
        rows = self.db.query("SELECT order_id, address, script, refund_address "
                             "FROM lsps1_onchain" + where, args)
        return [OnchainOrder(o, a, bytes(s), r) for o, a, s, r in rows]

    def unpaid(self, now: datetime) -> int:
        """Orders with an address still waiting for their payment (unexpired at `now`)."""
        return int(self.db.query(
            "SELECT COUNT(*) FROM lsps1_onchain o JOIN lsps1_orders r USING (order_id) "
            "WHERE r.order_state = 'CREATED' AND r.payment_state = 'EXPECT_PAYMENT' "
            "AND r.expires_at > ?", (int(now.timestamp()),))[0][0])

    # -- coins ----------------------------------------------------------------------------

    def see(self, order_id: str, outpoint: Outpoint, value: int, first_seen: datetime,
            height: int) -> None:
        """A coin paying the order: added with its first-seen time, or its height updated."""
        with self.db.transaction():
            self.db.execute(
                "INSERT INTO lsps1_onchain_coins (outpoint, order_id, value_sat, first_seen, "
                "height) VALUES (?, ?, ?, ?, ?) ON CONFLICT (outpoint) DO UPDATE SET "
                "height = excluded.height",
                (_text(outpoint), order_id, value, int(first_seen.timestamp()), height))

    def coins(self, order_id: str) -> list[SeenCoin]:
        rows = self.db.query(
            "SELECT c.outpoint, c.value_sat, c.first_seen, c.height, c.credited, "
            "r.refund_id IS NOT NULL FROM lsps1_onchain_coins c LEFT JOIN lsps1_refund_coins r "
            "ON r.outpoint = c.outpoint WHERE c.order_id = ?", (order_id,))
        return [SeenCoin(_outpoint(o), int(v), datetime.fromtimestamp(int(f), UTC), int(h),
                         bool(c), bool(r)) for o, v, f, h, c, r in rows]

    def credit(self, outpoints: tuple[Outpoint, ...]) -> None:
        """Within the order's PAID transaction (call inside `db.transaction()`)."""
        for o in outpoints:
            self.db.execute("UPDATE lsps1_onchain_coins SET credited = 1 WHERE outpoint = ?",
                            (_text(o),))

    # -- refunds ----------------------------------------------------------------------------

    def record_refund(self, order_id: str, address: str, amount_sat: int,
                      coins: tuple[Outpoint, ...], now: datetime, *, dust: bool = False) -> int:
        """A refund covering `coins` (each at most once: an IntegrityError otherwise),
        before anything is built."""
        with self.db.transaction():
            cur = self.db.execute(
                "INSERT INTO lsps1_refunds (order_id, address, amount_sat, state, created_at) "
                "VALUES (?, ?, ?, ?, ?)",
                (order_id, address, amount_sat, DUST if dust else RECORDED,
                 int(now.timestamp())))
            refund_id = int(cur.lastrowid or 0)
            for o in coins:
                self.db.execute("INSERT INTO lsps1_refund_coins (outpoint, refund_id) "
                                "VALUES (?, ?)", (_text(o), refund_id))
        return refund_id

    def signed(self, refund_id: int, raw: bytes, txid: str) -> None:
        """The refund's transaction, stored before it is broadcast (never replaced)."""
        with self.db.transaction():
            self.db.execute("UPDATE lsps1_refunds SET raw = ?, txid = ?, state = ? "
                            "WHERE refund_id = ? AND state = ?",
                            (bytes(raw), txid, SIGNED, refund_id, RECORDED))

    def unsign(self, refund_id: int) -> None:
        """Its transaction can never confirm (another spent its coins, deep): built again.
        The coins it covers stay covered by it: the client is still paid once."""
        with self.db.transaction():
            self.db.execute("UPDATE lsps1_refunds SET raw = NULL, txid = NULL, state = ? "
                            "WHERE refund_id = ? AND state IN (?, ?)",
                            (RECORDED, refund_id, SIGNED, BROADCAST))

    def broadcast(self, refund_id: int) -> None:
        with self.db.transaction():
            self.db.execute("UPDATE lsps1_refunds SET state = ? WHERE refund_id = ? AND "
                            "state = ?", (BROADCAST, refund_id, SIGNED))

    def refunds(self, order_id: str | None = None, states: tuple[str, ...] | None = None
                ) -> list[Refund]:
        """Refunds (of one order; in these states), oldest first."""
        sql = ("SELECT refund_id, order_id, address, amount_sat, state, raw, txid "
               "FROM lsps1_refunds WHERE 1")
        args: tuple = ()
        if order_id is not None:
            sql, args = sql + " AND order_id = ?", (order_id,)
        if states is not None:
            sql += f" AND state IN ({', '.join('?' * len(states))})"
            args += states
        out = []
        for rid, oid, address, amount, state, raw, txid in self.db.query(sql + " ORDER BY "
                                                                         "refund_id", args):
            coins = tuple(_outpoint(r[0]) for r in self.db.query(
                "SELECT outpoint FROM lsps1_refund_coins WHERE refund_id = ? ORDER BY outpoint",
                (rid,)))
            out.append(Refund(int(rid), oid, address, int(amount), state,
                              None if raw is None else bytes(raw), txid, coins))
        return out
