"""How a channel ends from any phase (pure): failing it (error to the peer, our latest
commitment published when that is safe), a force close on command, the funding output
spent on chain (whose commitment, or a mutual close), and HTLC deadlines passing on a new
block."""

from __future__ import annotations

from typing import Any

from bitcoin.core import CTransaction

from wallet.keys.lightning import ChannelKeys
from wallet.ln.channel import events as ev
from wallet.ln.channel import states as st
from wallet.ln.channel.commit_view import OFFERED, RECEIVED
from wallet.ln.channel.commitments import Commitments
from wallet.ln.channel.errors import ChannelCommandError
from wallet.ln.tx.commitment_tx import decode_commitment_number
from wallet.ln.wire import messages as m

Result = tuple[Any, list]


def fail_channel(
    state: Any, reason: str, keys: ChannelKeys, *, send_error: bool = True, about: Any = None
) -> Result:
    """Fail the channel: error to the peer, our latest commitment published if we have one
    that is safe to publish."""
    inner = st.unwrap(state)
    actions: list = []
    error = m.ErrorMessage(channel_id=st.channel_id_of(state, about), data=reason.encode()[:60000])
    if isinstance(inner, st.Closing | st.Closed):
        return state, [ev.ChannelError(reason)]
    if isinstance(inner, st.WaitForRemotePublish):
        # never publish: our commitment may be revoked
        return state, [ev.ChannelError(reason)]
    c = getattr(inner, "commitments", None)
    if c is None or isinstance(inner, st.WaitForFundingSigned):
        new: Any = st.Closed(reason)
        if send_error:
            actions.append(ev.SendMessage(error))
        actions.append(ev.ChannelError(reason))
        return new, actions
    raw = c.signed_local_commitment(keys).serialize()
    new = st.Closing(inner.setup, c, st.CloseHow.LOCAL, (raw,))
    actions.append(ev.PersistState(new))
    if send_error and not isinstance(state, st.Offline):
        actions.append(ev.SendMessage(error))
    actions.append(ev.BroadcastTx(raw, ev.TxKind.COMMITMENT))
    actions.append(ev.ChannelError(reason))
    return new, actions

def force_close(state: Any, keys: ChannelKeys) -> Result:
    inner = st.unwrap(state)
    if isinstance(inner, st.WaitForRemotePublish):
        raise ChannelCommandError(
            "refusing to publish our commitment: the peer proved it is more recent than ours"
        )
    if isinstance(inner, st.Closing):  # publish again what we published before
        what = ev.TxKind.MUTUAL_CLOSE if inner.how is st.CloseHow.MUTUAL else ev.TxKind.COMMITMENT
        return state, [ev.BroadcastTx(raw, what) for raw in inner.published]
    if getattr(inner, "commitments", None) is None or isinstance(inner, st.WaitForFundingSigned):
        return st.Closed("force-closed before funding"), []
    return fail_channel(state, "force close requested", keys)

def classify_spend(c: Commitments, tx: CTransaction, keys: ChannelKeys) -> st.CloseHow:
    txid = tx.GetTxid()
    if txid == c.local_commitment_tx(keys).txid:
        return st.CloseHow.LOCAL
    if txid in (c.remote_commit.txid, c.latest_remote_commit.txid):
        return st.CloseHow.REMOTE
    if tx.vin and tx.vin[0].nSequence == 0xFFFFFFFF and tx.nLockTime == 0:
        return st.CloseHow.MUTUAL
    number = decode_commitment_number(tx.nLockTime, tx.vin[0].nSequence, c.params.obscuring_factor)
    if number is not None and number < c.remote_commit.index:
        return st.CloseHow.REVOKED
    if number is not None and number > c.latest_remote_commit.index:
        return st.CloseHow.FUTURE  # the peer is ahead of us (we lost data)
    return st.CloseHow.UNKNOWN

def funding_spent(state: Any, event: ev.FundingSpent, keys: ChannelKeys) -> Result:
    inner = st.unwrap(state)
    c = getattr(inner, "commitments", None)
    if c is None:
        return state, []
    try:
        tx = CTransaction.deserialize(bytes(event.tx))
    except Exception as exc:  # python-bitcoinlib raises several types on bad bytes
        raise ChannelCommandError("FundingSpent carries an unparsable transaction") from exc
    if not tx.vin:
        raise ChannelCommandError("FundingSpent carries a transaction without inputs")
    how = classify_spend(c, tx, keys)
    published = inner.published if isinstance(inner, st.Closing) else ()
    new = st.Closing(inner.setup, c, how, published)
    return new, [ev.PersistState(new), ev.ChannelClosed(how, tx.GetTxid())]

def htlc_deadline_passed(state: Any, height: int) -> str | None:
    """Why the channel must be failed at `height` because of an HTLC deadline, or None."""
    inner = st.unwrap(state)
    if not isinstance(inner, st.Normal):
        return None
    c = inner.commitments
    policy = inner.setup.policy
    views = (c.local_commit.view, c.remote_commit.view.swapped(),
             c.latest_remote_commit.view.swapped())
    for view in views:
        for htlc in view.htlcs:
            expired = height >= htlc.cltv_expiry + policy.offered_grace_blocks
            if htlc.direction is OFFERED and expired:
                return f"our HTLC {htlc.htlc_id} expired at {htlc.cltv_expiry} unresolved"
    fulfilled = {
        u.id for u in c.local_changes.all + inner.resend if isinstance(u, m.UpdateFulfillHtlc)
    }
    for view in views:
        for htlc in view.htlcs:
            late = height >= htlc.cltv_expiry - policy.fulfill_safety_blocks
            if htlc.direction is RECEIVED and htlc.htlc_id in fulfilled and late:
                return (f"HTLC {htlc.htlc_id} we fulfilled is still unresolved close to "
                        f"its expiry {htlc.cltv_expiry}")
    return None

def new_block(state: Any, height: int, keys: ChannelKeys) -> Result:
    reason = htlc_deadline_passed(state, height)
    if reason is None:
        return state, []
    return fail_channel(state, reason, keys)

