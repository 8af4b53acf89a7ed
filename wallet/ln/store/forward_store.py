"""The forwarder's durable record (table `ln_forwards`): every incoming HTLC it holds, until
it was answered. Written when the HTLC arrives, marked 'forwarding' before any outgoing
HTLC leaves, and 'settled' (with the preimage) or 'failed' (with the error packet) before
the answer goes upstream: after a crash, the forwarder finds every HTLC it still owes an
answer and what that answer is (or where to learn it: the outgoing HTLCs of the payment
log with the same payment hash)."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from wallet.storage.database import Database

HELD = "held"
FORWARDING = "forwarding"
SETTLED = "settled"
FAILED = "failed"

_COLUMNS = ("key_index, htlc_id, payment_hash, amount_msat, cltv_expiry, shared_secret, "
            "trampoline_secret, dialect, next_node_id, status, preimage, answer, fee_msat, "
            "why, created_at, updated_at")


@dataclass(frozen=True)
class ForwardRow:
    key_index: int
    htlc_id: int
    payment_hash: bytes
    amount_msat: int
    cltv_expiry: int
    shared_secret: bytes = field(repr=False)
    trampoline_secret: bytes = field(repr=False)
    dialect: str
    next_node_id: bytes
    status: str
    preimage: bytes | None = field(repr=False)
    answer: bytes | None = field(repr=False)
    fee_msat: int | None
    why: str | None
    created_at: int
    updated_at: int

    @property
    def key(self) -> tuple[int, int]:
        return (self.key_index, self.htlc_id)


def _b(value: object) -> bytes | None:
    return None if value is None else bytes(value)  # type: ignore[arg-type]


class ForwardStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    def add(self, key_index: int, htlc_id: int, payment_hash: bytes, amount_msat: int,
            cltv_expiry: int, shared_secret: bytes, trampoline_secret: bytes, dialect: str,
            next_node_id: bytes) -> None:
        """A new held HTLC (a second arrival of the same one, after a reconnection, is kept
        as it was)."""
        now = int(time.time())
        with self.db.transaction():
            self.db.execute(
                f"INSERT INTO ln_forwards ({_COLUMNS}) VALUES "
                "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, NULL, NULL, ?, ?) "
                "ON CONFLICT(key_index, htlc_id) DO NOTHING",
                (key_index, htlc_id, payment_hash, amount_msat, cltv_expiry, shared_secret,
                 trampoline_secret, dialect, next_node_id, HELD, now, now))

    def forwarding(self, keys: list[tuple[int, int]], fee_msat: int) -> None:
        """These parts are being relayed (before the first outgoing HTLC leaves)."""
        self._update(keys, "status = ?, fee_msat = ?", (FORWARDING, fee_msat))

    def settle(self, keys: list[tuple[int, int]], preimage: bytes) -> None:
        self._update(keys, "status = ?, preimage = ?", (SETTLED, preimage))

    def fail(self, key: tuple[int, int], answer: bytes, why: str) -> None:
        self._update([key], "status = ?, answer = ?, why = ?", (FAILED, answer, why))

    def _update(self, keys: list[tuple[int, int]], assignments: str, values: tuple) -> None:
        now = int(time.time())
        with self.db.transaction():
            for key_index, htlc_id in keys:
                self.db.execute(
                    f"UPDATE ln_forwards SET {assignments}, updated_at = ? "
                    "WHERE key_index = ? AND htlc_id = ?", (*values, now, key_index, htlc_id))

    def get(self, key_index: int, htlc_id: int) -> ForwardRow | None:
        rows = self._rows("WHERE key_index = ? AND htlc_id = ?", (key_index, htlc_id))
        return rows[0] if rows else None

    def for_hash(self, payment_hash: bytes) -> list[ForwardRow]:
        return self._rows("WHERE payment_hash = ?", (payment_hash,))

    def all(self) -> list[ForwardRow]:
        return self._rows("", ())

    def _rows(self, where: str, params: tuple) -> list[ForwardRow]:
        rows = self.db.query(
            f"SELECT {_COLUMNS} FROM ln_forwards {where} ORDER BY created_at, key_index, "
            "htlc_id", params)
        return [ForwardRow(k, h, bytes(ph), a, c, bytes(ss), bytes(ts), d, bytes(n), st,
                           _b(pre), _b(ans), fee, why, ca, ua)
                for k, h, ph, a, c, ss, ts, d, n, st, pre, ans, fee, why, ca, ua in rows]
