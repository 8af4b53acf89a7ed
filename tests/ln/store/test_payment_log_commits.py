"""The payment log settles a payment's HTLC and marks the payment paid in one disk commit;
the payer's `succeed` that follows with the same values writes nothing. What ends up in the
log is what two commits wrote before (real SQLite; commits counted on the connection)."""

from __future__ import annotations

import os

import pytest

from wallet.hashes import sha256
from wallet.ln.store.payment_log import FAILED, HTLC_SETTLED, PAID, PENDING, PaymentLog
from wallet.storage.database import Database


@pytest.fixture
def plog(tmp_path):
    db = Database(tmp_path / "log.sqlite")
    commits: list[str] = []
    db._conn.set_trace_callback(
        lambda sql: commits.append(sql) if sql.strip().upper() == "COMMIT" else None)
    log = PaymentLog(db)
    log.commits = commits
    return log


def _payment(log: PaymentLog, fee: int = 0) -> tuple[bytes, bytes]:
    preimage = os.urandom(32)
    h = sha256(preimage)
    log.add(h, "out", 50_000, invoice="lnbcrt1...", payee=bytes(33))
    log.add_htlc(3, 7, h, 50_000 + fee, 600, "payment", fee_msat=fee)
    return h, preimage


@pytest.mark.parametrize("fee", [0, 1_234])
def test_settle_and_succeed_take_one_commit_and_log_the_same(plog, fee) -> None:
    h, preimage = _payment(plog, fee)
    plog.commits.clear()
    row = plog.settle_htlc(3, 7, preimage)
    assert row is not None and row.status == HTLC_SETTLED and row.preimage == preimage
    plog.succeed(h, preimage, fee_msat=fee)
    assert len(plog.commits) == 1
    paid = plog.get(h)
    assert paid.status == PAID and paid.preimage == preimage and paid.fee_msat == fee
    assert paid.completed_at is not None and paid.failure is None
    assert paid.amount_msat == 50_000


def test_succeed_with_other_values_still_writes_them(plog) -> None:
    h, preimage = _payment(plog, fee=100)
    plog.settle_htlc(3, 7, preimage)
    plog.commits.clear()
    plog.succeed(h, preimage, fee_msat=250)  # e.g. the fee of all the parts of a split
    assert len(plog.commits) == 1
    assert plog.get(h).fee_msat == 250


def test_a_forward_or_a_failed_payment_is_not_made_paid_by_a_settle(plog) -> None:
    h, preimage = _payment(plog)
    plog.fail(h, "given up")
    plog.settle_htlc(3, 7, preimage)
    assert plog.get(h).status == FAILED  # as before: only the payer decides then
    other = sha256(b"forwarded")
    plog.add(other, "out", 1_000)
    plog.add_htlc(4, 1, other, 1_000, 600, "forward")
    plog.settle_htlc(4, 1, b"forwarded")
    assert plog.get(other).status == PENDING
