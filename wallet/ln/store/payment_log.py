"""The payment log in SQLite: the payments we make and receive (one row per payment hash,
`ln_payments`) and every HTLC we offered (`ln_htlcs_out`: a payment's parts and the
forwarder's outgoing HTLCs), each written in one transaction before what depends on it.

An outgoing HTLC row is written before its `update_add_htlc` leaves and closed (settled with
its preimage, or failed with a reason) as soon as the channel reports its outcome; that
preimage is the proof of payment and lets us fulfill the matching incoming HTLC of a
forward even after a restart.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from wallet.errors import InputError, KiteError
from wallet.hashes import sha256
from wallet.ln.store.payment_rows import (
    FAILED,
    PAID,
    PENDING,
    PaymentRow,
    insert_payment,
    optional_bytes,
    read_payments,
)
from wallet.sentence import Sentence
from wallet.storage.database import Database

__all__ = ["FAILED", "PAID", "PENDING", "OutgoingHtlcRow", "PaymentLog", "PaymentLogError",
           "PaymentRow", "proves"]

#: outgoing HTLC statuses
HTLC_PENDING = "pending"
HTLC_SETTLED = "settled"
HTLC_FAILED = "failed"
#: the description of a payment found in flight in a channel resumed after a restore
RESTORED_IN_FLIGHT = "In flight when this wallet was restored"


class PaymentLogError(KiteError):
    """The payment log was asked to record something that cannot be true."""


def proves(preimage: bytes | None, payment_hash: bytes) -> bool:
    """Is `preimage` the proof of payment for `payment_hash`? Only such a preimage may make
    a payment paid: anything else (e.g. the preimage of another HTLC that got the same id
    after a reconnection) would tell the user a payment went through that did not."""
    return isinstance(preimage, bytes) and sha256(preimage) == payment_hash


@dataclass(frozen=True)
class OutgoingHtlcRow:
    row_id: int
    key_index: int
    htlc_id: int
    payment_hash: bytes
    amount_msat: int
    cltv_expiry: int
    purpose: str  # "payment" or "forward"
    status: str
    preimage: bytes | None = field(repr=False)
    failure: str | None
    fee_msat: int | None
    created_at: int
    updated_at: int


_HTLC_COLUMNS = ("id, key_index, htlc_id, payment_hash, amount_msat, cltv_expiry, purpose, "
                 "status, preimage, failure, fee_msat, created_at, updated_at")


def _join(secrets: Sequence[bytes]) -> bytes | None:
    """32-byte secrets (from our own onion builder), concatenated."""
    return b"".join(secrets) or None


def _split(blob: object) -> tuple[bytes, ...]:
    data = bytes(blob) if blob is not None else b""
    return tuple(data[i:i + 32] for i in range(0, len(data) - len(data) % 32, 32))


class PaymentLog:
    def __init__(self, db: Database) -> None:
        self.db = db

    # -- payments ---------------------------------------------------------------------------

    def add(self, payment_hash: bytes, direction: str, amount_msat: int | None, *,
            preimage: bytes | None = None, payment_secret: bytes | None = None,
            invoice: str | None = None, description: str | None = None,
            payee: bytes | None = None, status: str = PENDING) -> PaymentRow:
        """Create the payment (refused if one with this hash exists: one per hash)."""
        insert_payment(self.db, payment_hash, direction, amount_msat, preimage=preimage,
                       payment_secret=payment_secret, invoice=invoice,
                       description=description, payee=payee, status=status)
        row = self.get(payment_hash)
        assert row is not None
        return row

    def get(self, payment_hash: bytes) -> PaymentRow | None:
        rows = self._payments("WHERE payment_hash = ?", (payment_hash,))
        return rows[0] if rows else None

    def list(self, *, direction: str | None = None, status: str | None = None,
             limit: int | None = None) -> list[PaymentRow]:
        """Payments, newest first."""
        where, params = [], []
        if direction is not None:
            where.append("direction = ?")
            params.append(direction)
        if status is not None:
            where.append("status = ?")
            params.append(status)
        clause = ("WHERE " + " AND ".join(where)) if where else ""
        clause += " ORDER BY created_at DESC, rowid DESC"
        if limit is not None:
            clause += f" LIMIT {int(limit)}"
        return self._payments(clause, tuple(params), order=False)

    def restart(self, payment_hash: bytes, amount_msat: int, invoice: str) -> PaymentRow:
        """A failed outgoing payment tried again: pending, its failure cleared."""
        now = int(time.time())
        with self.db.transaction():
            cur = self.db.execute(
                "UPDATE ln_payments SET status = ?, amount_msat = ?, invoice = ?, failure = NULL,"
                " fee_msat = NULL, completed_at = NULL, updated_at = ? WHERE payment_hash = ? "
                "AND direction = 'out' AND status = ?",
                (PENDING, amount_msat, invoice, now, payment_hash, FAILED))
            if cur.rowcount != 1:
                raise InputError("only a failed payment can be tried again")
        row = self.get(payment_hash)
        assert row is not None
        return row

    def succeed(self, payment_hash: bytes, preimage: bytes | None = None,
                fee_msat: int | None = None, amount_msat: int | None = None) -> None:
        """The payment is paid (an outgoing one with its preimage, which must prove it)."""
        if preimage is not None and not proves(preimage, payment_hash):
            raise PaymentLogError(Sentence("payment %1: a preimage that does not hash to its payment hash is no proof of payment", payment_hash.hex()))
        row = self.get(payment_hash)
        if (row is not None and row.status == PAID and row.failure is None
                and preimage in (None, row.preimage) and fee_msat in (None, row.fee_msat)
                and amount_msat in (None, row.amount_msat)):
            return  # already recorded so (with the HTLC that settled it): no second commit
        now = int(time.time())
        with self.db.transaction():
            self.db.execute(
                "UPDATE ln_payments SET status = ?, preimage = COALESCE(?, preimage), "
                "fee_msat = COALESCE(?, fee_msat), amount_msat = COALESCE(?, amount_msat), "
                "failure = NULL, completed_at = ?, updated_at = ? WHERE payment_hash = ?",
                (PAID, preimage, fee_msat, amount_msat, now, now, payment_hash))

    def fail(self, payment_hash: bytes, failure: str) -> None:
        now = int(time.time())
        with self.db.transaction():
            self.db.execute(
                "UPDATE ln_payments SET status = ?, failure = ?, completed_at = ?, "
                "updated_at = ? WHERE payment_hash = ? AND status != ?",
                (FAILED, failure, now, now, payment_hash, PAID))

    def _payments(self, clause: str, params: tuple, order: bool = True) -> list[PaymentRow]:
        if order:
            clause += " ORDER BY created_at"
        return read_payments(self.db, clause, params)

    # -- outgoing HTLCs ---------------------------------------------------------------------

    def add_htlc(self, key_index: int, htlc_id: int, payment_hash: bytes, amount_msat: int,
                 cltv_expiry: int, purpose: str, fee_msat: int | None = None, *,
                 shared_secrets: Sequence[bytes] = (),
                 trampoline_secrets: Sequence[bytes] = ()) -> None:
        """Record an HTLC we are about to send, with its onion's secrets (to read a failure
        that comes back after a restart)."""
        now = int(time.time())
        with self.db.transaction():
            # a pending row with this id is stale: the channel hands an id out again only
            # when the HTLC that had it was never committed
            self.db.execute(
                "UPDATE ln_htlcs_out SET status = ?, failure = ?, updated_at = ? "
                "WHERE key_index = ? AND htlc_id = ? AND status = ?",
                (HTLC_FAILED, "never committed (its id was handed out again)", now,
                 key_index, htlc_id, HTLC_PENDING))
            self.db.execute(
                "INSERT INTO ln_htlcs_out (key_index, htlc_id, payment_hash, amount_msat, "
                "cltv_expiry, purpose, status, preimage, failure, fee_msat, created_at, "
                "updated_at, shared_secrets, trampoline_secrets) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?, ?, ?, ?, ?)",
                (key_index, htlc_id, payment_hash, amount_msat, cltv_expiry, purpose,
                 HTLC_PENDING, fee_msat, now, now, _join(shared_secrets),
                 _join(trampoline_secrets)))

    def add_restored(self, key_index: int, htlcs: Sequence[Any]) -> list[bytes]:
        """HTLCs we offered in a channel resumed from a peer's blob after a restore: each
        becomes a pending outgoing payment (its amount the HTLC's, fees included; no invoice)
        with its HTLC, unless already recorded, so that its settlement or failure ends a
        payment as after a restart. Returns their payment hashes."""
        with self.db.transaction():
            for h in htlcs:
                if self.get(h.payment_hash) is None:
                    insert_payment(self.db, h.payment_hash, "out", h.amount_msat,
                                   description=RESTORED_IN_FLIGHT)
                if self.htlc(key_index, h.htlc_id) is None:
                    self.add_htlc(key_index, h.htlc_id, h.payment_hash, h.amount_msat,
                                  h.cltv_expiry, "payment")
        return [h.payment_hash for h in htlcs]

    def htlc_secrets(self, key_index: int, htlc_id: int
                     ) -> tuple[tuple[bytes, ...], tuple[bytes, ...]]:
        """The onion secrets (outer, trampoline) recorded with this pending HTLC; empty when
        none were (an HTLC recorded before migration 7)."""
        row = self.db.query_one(
            "SELECT shared_secrets, trampoline_secrets FROM ln_htlcs_out "
            "WHERE key_index = ? AND htlc_id = ? AND status = ?",
            (key_index, htlc_id, HTLC_PENDING))
        if row is None:
            return (), ()
        return _split(row[0]), _split(row[1])

    def settle_htlc(self, key_index: int, htlc_id: int, preimage: bytes) -> OutgoingHtlcRow | None:
        return self._close_htlc(key_index, htlc_id, HTLC_SETTLED, preimage, None)

    def fail_htlc(self, key_index: int, htlc_id: int, failure: str) -> OutgoingHtlcRow | None:
        return self._close_htlc(key_index, htlc_id, HTLC_FAILED, None, failure)

    def _close_htlc(self, key_index: int, htlc_id: int, status: str, preimage: bytes | None,
                    failure: str | None) -> OutgoingHtlcRow | None:
        """Close the pending row of this HTLC; None when there is none (already closed).
        A settled part of a pending payment makes the payment paid in the same transaction
        (its preimage is the proof; fee as the part's): the payer's later `succeed` with
        the same values then writes nothing. A preimage that does not hash to the row's
        payment hash settles nothing: that row's HTLC is not the one the channel settled
        (a stale row of a reused id), so it is closed as failed."""
        now = int(time.time())
        with self.db.transaction():
            found = self.db.query_one(
                "SELECT id, purpose, payment_hash, fee_msat FROM ln_htlcs_out "
                "WHERE key_index = ? AND htlc_id = ? AND status = ?",
                (key_index, htlc_id, HTLC_PENDING))
            if found is None:
                return None
            if status == HTLC_SETTLED and not proves(preimage, bytes(found[2])):
                self.db.execute(
                    "UPDATE ln_htlcs_out SET status = ?, failure = ?, updated_at = ? "
                    "WHERE id = ?", (HTLC_FAILED, "its id settled another HTLC (a stale row)",
                                     now, found[0]))
                return None
            self.db.execute(
                "UPDATE ln_htlcs_out SET status = ?, preimage = ?, failure = ?, updated_at = ? "
                "WHERE id = ?", (status, preimage, failure, now, found[0]))
            if status == HTLC_SETTLED and found[1] == "payment":
                self.db.execute(
                    "UPDATE ln_payments SET status = ?, preimage = ?, fee_msat = ?, "
                    "failure = NULL, completed_at = ?, updated_at = ? WHERE payment_hash = ? "
                    "AND direction = 'out' AND status = ?",
                    (PAID, preimage, found[3], now, now, found[2], PENDING))
        return self._htlcs("WHERE id = ?", (found[0],))[0]

    def pending_htlcs(self) -> list[OutgoingHtlcRow]:
        return self._htlcs("WHERE status = ?", (HTLC_PENDING,))

    def htlc(self, key_index: int, htlc_id: int) -> OutgoingHtlcRow | None:
        """The latest row of this HTLC (pending first)."""
        rows = self._htlcs("WHERE key_index = ? AND htlc_id = ?", (key_index, htlc_id))
        pending = [r for r in rows if r.status == HTLC_PENDING]
        return pending[0] if pending else (rows[-1] if rows else None)

    def htlcs_for(self, payment_hash: bytes) -> list[OutgoingHtlcRow]:
        return self._htlcs("WHERE payment_hash = ?", (payment_hash,))

    def known_preimage(self, payment_hash: bytes) -> bytes | None:
        """A preimage we hold for this hash: an invoice of ours, or an HTLC settled to us."""
        row = self.db.query_one(
            "SELECT preimage FROM ln_htlcs_out WHERE payment_hash = ? AND status = ? "
            "AND preimage IS NOT NULL", (payment_hash, HTLC_SETTLED))
        if row is not None:
            return bytes(row[0])
        row = self.db.query_one(
            "SELECT preimage FROM ln_payments WHERE payment_hash = ? AND preimage IS NOT NULL",
            (payment_hash,))
        return bytes(row[0]) if row is not None else None

    def _htlcs(self, where: str, params: tuple) -> list[OutgoingHtlcRow]:
        rows = self.db.query(f"SELECT {_HTLC_COLUMNS} FROM ln_htlcs_out {where} ORDER BY id",
                             params)
        return [OutgoingHtlcRow(i, k, h, bytes(ph), a, c, pu, st, optional_bytes(pre), f, fee, ca, ua)
                for i, k, h, ph, a, c, pu, st, pre, f, fee, ca, ua in rows]
