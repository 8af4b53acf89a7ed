"""A payment as `ln_payments` stores it, and the one insert and reader of those rows.

Both the payment log and the channel store create and hand out payments; they share these
so a column added to the table is written, read (and kept out of logs) in one place.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from wallet.errors import InputError
from wallet.storage.database import Database

#: payment statuses
PENDING = "pending"
PAID = "paid"
FAILED = "failed"

PAYMENT_COLUMNS = ("payment_hash, direction, amount_msat, preimage, payment_secret, invoice, "
                   "status, created_at, updated_at, fee_msat, description, failure, payee, "
                   "completed_at")


def optional_bytes(value: object) -> bytes | None:
    """A BLOB column's value as bytes (SQLite may hand back a memoryview), None kept."""
    return bytes(value) if value is not None else None


@dataclass(frozen=True)
class PaymentRow:
    payment_hash: bytes
    direction: str  # "in" (an invoice we issued) or "out"
    amount_msat: int | None
    preimage: bytes | None = field(repr=False)
    payment_secret: bytes | None = field(repr=False)
    invoice: str | None
    status: str
    created_at: int
    updated_at: int
    fee_msat: int | None = None
    description: str | None = None
    failure: str | None = None
    payee: bytes | None = None
    completed_at: int | None = None

    def to_json_dict(self) -> dict:
        return {
            "payment_hash": self.payment_hash.hex(),
            "direction": self.direction,
            "status": self.status,
            "amount_msat": self.amount_msat,
            "fee_msat": self.fee_msat,
            "preimage": self.preimage.hex() if self.preimage and self.status == PAID else None,
            "description": self.description,
            "failure": self.failure,
            "payee": self.payee.hex() if self.payee else None,
            "invoice": self.invoice,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
            "completed_at": self.completed_at,
        }



def read_payments(db: Database, clause: str, params: tuple) -> list[PaymentRow]:
    """The payments `clause` (WHERE/ORDER BY/LIMIT text, with `params`) selects."""
    rows = db.query(f"SELECT {PAYMENT_COLUMNS} FROM ln_payments {clause}", params)
    return [PaymentRow(bytes(h), d, a, optional_bytes(p), optional_bytes(s), i, st, c, u, f,
                       desc, fail, optional_bytes(pay), done)
            for h, d, a, p, s, i, st, c, u, f, desc, fail, pay, done in rows]


def insert_payment(db: Database, payment_hash: bytes, direction: str, amount_msat: int | None, *,
                   preimage: bytes | None = None, payment_secret: bytes | None = None,
                   invoice: str | None = None, description: str | None = None,
                   payee: bytes | None = None, status: str = PENDING) -> None:
    """Create the payment in one transaction (refused if one with this hash exists: one per
    hash); the columns of its outcome (fee, failure, completion) start empty."""
    now = int(time.time())
    with db.transaction():
        if db.query_one("SELECT 1 FROM ln_payments WHERE payment_hash = ?", (payment_hash,)):
            raise InputError("a payment with this payment hash already exists")
        db.execute(
            f"INSERT INTO ln_payments ({PAYMENT_COLUMNS}) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, NULL, ?, NULL)",
            (payment_hash, direction, amount_msat, preimage, payment_secret, invoice,
             status, now, now, description, payee))
