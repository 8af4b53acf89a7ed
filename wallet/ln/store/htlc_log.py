"""The per-channel HTLC log in SQLite (table `ln_htlc_log`): which HTLCs were in which
commitments of the peer, so that the watcher can rebuild the HTLC outputs of a revoked
commitment the peer publishes (the channel state itself only keeps the latest ones).

`record` runs inside `ChannelStore.save`'s transaction: the HTLCs of every commitment of
the peer we sign are durable before our `commitment_signed` leaves.
"""

from __future__ import annotations

from typing import Any

from wallet.ln.channel import states as st
from wallet.ln.channel.commit_view import OFFERED
from wallet.ln.enforcement.close_plan import LoggedHtlc
from wallet.storage.database import Database


def record(db: Database, key_index: int, state: Any,
           already: frozenset = frozenset()) -> frozenset:
    """Add the HTLCs of the peer's commitments in `state` (current, and the next one we
    signed) to the log, widening each HTLC's range of commitment numbers. Call it inside
    the transaction that saves `state`. Returns the (HTLC, commitment) rows of `state`;
    those in `already` (written by an earlier, committed save) are not written again:
    writing them would change nothing."""
    c = st.commitments_of(state)
    if c is None:
        return frozenset()
    commits = [c.remote_commit]
    if c.waiting is not None:
        commits.append(c.waiting.next)
    rows = frozenset(
        # the peer's view: OFFERED = the peer offered it
        (0 if h.direction is OFFERED else 1, h.htlc_id, h.amount_msat, h.payment_hash,
         h.cltv_expiry, commit.index)
        for commit in commits for h in commit.view.htlcs)
    for offered, htlc_id, amount, payment_hash, cltv, index in rows - already:
        db.execute(
            "INSERT INTO ln_htlc_log (key_index, offered, htlc_id, amount_msat, "
            "payment_hash, cltv_expiry, first_remote, last_remote) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT(key_index, offered, htlc_id) DO UPDATE SET "
            "first_remote = MIN(first_remote, excluded.first_remote), "
            "last_remote = MAX(last_remote, excluded.last_remote)",
            (key_index, offered, htlc_id, amount, payment_hash, cltv, index, index),
        )
    return rows


def load(db: Database, key_index: int) -> list[LoggedHtlc]:
    """Every logged HTLC of a channel."""
    rows = db.query(
        "SELECT offered, htlc_id, amount_msat, payment_hash, cltv_expiry, first_remote, "
        "last_remote FROM ln_htlc_log WHERE key_index = ? ORDER BY offered, htlc_id",
        (key_index,))
    return [LoggedHtlc(bool(o), i, a, bytes(h), e, f, la) for o, i, a, h, e, f, la in rows]
