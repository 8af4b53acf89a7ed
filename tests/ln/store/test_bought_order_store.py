"""`lsps1_bought` (migrations 17 and 19): an order's on-chain payment is kept once (before it
is broadcast), an order offered on-chain only has no payment hash, orders never paid are
deleted a day after their last way to pay expired (a Lightning payment made or under way,
or an on-chain payment kept, keeps them), and a database of migration 17 keeps its orders
with their expiry read from the kept answer."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime, timedelta

from wallet.ln.store.bought_order_store import KEEP_UNPAID, BoughtOrderStore
from wallet.ln.store.payment_log import PaymentLog
from wallet.lsp import lsps1
from wallet.storage.database import Database
from wallet.storage.migrations import MIGRATIONS

LSP = b"\x02" + b"\x11" * 32
NOW = time.time()
REQUEST = lsps1.OrderRequest(100_000, 0, 1, 6, 13_140)


def order(order_id: str, bolt11_expiry: float | None, onchain_expiry: float | None
          ) -> lsps1.Order:
    def at(t: float) -> datetime:
        return datetime.fromtimestamp(int(t), UTC)
    b = None if bolt11_expiry is None else lsps1.Bolt11Payment(
        "EXPECT_PAYMENT", at(bolt11_expiry), 2_000, 2_000, "lnbcrt1")
    o = None if onchain_expiry is None else lsps1.OnchainPayment(
        "EXPECT_PAYMENT", at(onchain_expiry), 2_000, 2_000, "bcrt1qaddress", 1, None, None)
    return lsps1.Order(order_id, REQUEST, at(NOW - 5 * 86400), "CREATED", b, o, None)


def test_onchain_payment_kept_once_and_unpaid_orders_forgotten(tmp_path):
    db = Database(tmp_path / "w.sqlite")
    store, log = BoughtOrderStore(db), PaymentLog(db)
    old = NOW - KEEP_UNPAID - 60  # expired more than a day ago
    rows = {
        "unpaid": (order("unpaid", old, old), b"\x01" * 32),
        "failed": (order("failed", old, None), b"\x02" * 32),
        "paid": (order("paid", old, None), b"\x03" * 32),
        "pending": (order("pending", old, None), b"\x04" * 32),
        "onchain": (order("onchain", old, old), None),  # offered on-chain only
        "onchain-paid": (order("onchain-paid", None, old), None),
        "recent": (order("recent", NOW - 3600, None), b"\x05" * 32),
        "onchain-later": (order("onchain-later", old, NOW - 3600), b"\x06" * 32),
    }
    for o, payment_hash in rows.values():
        store.add(LSP, o, "bcrt1qrefund", payment_hash)
    log.add(b"\x02" * 32, "out", 2_000_000, invoice="lnbcrt1")
    log.fail(b"\x02" * 32, "no route")
    log.add(b"\x03" * 32, "out", 2_000_000, invoice="lnbcrt1")
    log.succeed(b"\x03" * 32)
    log.add(b"\x04" * 32, "out", 2_000_000, invoice="lnbcrt1")
    assert store.pay_onchain("onchain-paid", "ab" * 32, b"raw")
    assert not store.pay_onchain("onchain-paid", "cd" * 32, b"other")  # never replaced
    assert store.onchain_payment("onchain-paid") == ("ab" * 32, b"raw")
    assert store.onchain_payment("unpaid") is None
    assert store.forget_unpaid(NOW) == 3
    left = {r[0] for r in db.query("SELECT order_id FROM lsps1_bought")}
    assert left == {"paid", "pending", "onchain-paid", "recent", "onchain-later"}
    assert store.get("onchain-paid")[1] == rows["onchain-paid"][0]
    assert store.forget_unpaid(NOW) == 0


def test_migration_19_keeps_the_orders_of_17(tmp_path):
    path = tmp_path / "w.sqlite"
    upto_17 = [m for m in MIGRATIONS if m.version <= 17]
    kept = order("kept", NOW + 600, NOW + 7200)
    with Database(path, migrations=upto_17) as db, db.transaction():
        db.execute("INSERT INTO lsps1_bought (order_id, lsp_id, payment_hash, record, "
                   "refund_address, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                   ("kept", LSP, b"\x07" * 32, json.dumps(kept.to_json()), "bcrt1qrefund",
                    int(NOW)))
    with Database(path) as db:
        [(expires, payment_hash, txid)] = db.query(
            "SELECT expires_at, payment_hash, onchain_txid FROM lsps1_bought")
        assert expires == int(NOW + 7200) and payment_hash == b"\x07" * 32 and txid is None
        store = BoughtOrderStore(db)
        assert store.get("kept") == (LSP, kept, "bcrt1qrefund")
        store.add(LSP, order("new", None, NOW), None, None)  # no payment hash: allowed now
        assert store.forget_unpaid(NOW + timedelta(hours=25).total_seconds()) == 1
        assert [r[0] for r in db.query("SELECT order_id FROM lsps1_bought")] == ["kept"]
