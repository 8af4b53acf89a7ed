"""A payment is recorded paid only with a preimage that hashes to its payment hash: the
settled outcome of another HTLC (one that got the same channel id after a reconnection)
must never tell the user a payment went through that the payee has no record of."""

from __future__ import annotations

import os

import pytest

from wallet.hashes import sha256
from wallet.ln.htlc.contract import OutgoingFailed, OutgoingSettled
from wallet.ln.shell.payments import _proven
from wallet.ln.store.payment_log import (
    HTLC_FAILED,
    HTLC_SETTLED,
    PAID,
    PENDING,
    PaymentLog,
    PaymentLogError,
    proves,
)
from wallet.storage.database import Database


@pytest.fixture
def plog(tmp_path):
    return PaymentLog(Database(tmp_path / "log.sqlite"))


def _pending_payment(log: PaymentLog, key: tuple[int, int]) -> tuple[bytes, bytes]:
    preimage = os.urandom(32)
    h = sha256(preimage)
    log.add(h, "out", 5_001_000, invoice="lnbcrt1...", payee=bytes(33))
    log.add_htlc(*key, h, 5_001_000, 600, "payment", fee_msat=1_500)
    return h, preimage


def test_proves_only_the_matching_preimage() -> None:
    preimage = os.urandom(32)
    assert proves(preimage, sha256(preimage))
    assert not proves(os.urandom(32), sha256(preimage))
    assert not proves(None, sha256(preimage))


def test_succeed_refuses_a_preimage_of_another_payment(plog) -> None:
    h, _ = _pending_payment(plog, (0, 5))
    with pytest.raises(PaymentLogError, match="no proof of payment"):
        plog.succeed(h, os.urandom(32), fee_msat=1_500)
    row = plog.get(h)
    assert row.status == PENDING and row.preimage is None


def test_a_stale_row_is_not_settled_by_another_htlcs_preimage(plog) -> None:
    """The row at (0, 5) is payment A's; the channel settles its HTLC 5 with B's preimage:
    A stays unpaid, its stale row is closed as failed, nothing is recorded settled."""
    a, _ = _pending_payment(plog, (0, 5))
    other = os.urandom(32)
    assert plog.settle_htlc(0, 5, other) is None
    assert plog.get(a).status == PENDING
    (row,) = plog.htlcs_for(a)
    assert row.status == HTLC_FAILED and row.preimage is None
    assert plog.known_preimage(sha256(other)) is None


def test_the_matching_preimage_still_settles_and_pays(plog) -> None:
    h, preimage = _pending_payment(plog, (1, 2))
    row = plog.settle_htlc(1, 2, preimage)
    assert row is not None and row.status == HTLC_SETTLED
    assert plog.get(h).status == PAID and plog.get(h).preimage == preimage


def test_a_settled_outcome_with_another_preimage_is_a_failed_part() -> None:
    mine = os.urandom(32)
    h = sha256(mine)
    good = OutgoingSettled(0, 5, h, 5_001_000, mine)
    assert _proven(good, h) is good
    foreign = OutgoingSettled(0, 5, sha256(b"x" * 32), 5_002_000, b"x" * 32)
    got = _proven(foreign, h)
    assert isinstance(got, OutgoingFailed)
    assert got.payment_hash == h and "another payment's preimage" in got.why
    failed = OutgoingFailed(0, 5, h, 5_001_000, "no")
    assert _proven(failed, h) is failed
