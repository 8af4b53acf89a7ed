"""`channel_reestablish` (BOLT 2 "Message Retransmission") with option_data_loss_protect.

After a reconnection each side says which commitment it expects next and proves what it has
seen with the last per-commitment secret it received. From the peer's message we decide what
to retransmit (channel_ready, our last revoke_and_ack, our last commitment_signed with its
updates, in their original relative order), or that the peer is ahead of us: then our
commitment may be revoked and we must never publish it. Pure: no I/O.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from wallet.keys.lightning import ChannelKeys
from wallet.ln.channel import events as ev
from wallet.ln.channel import states as st
from wallet.ln.channel.commitments import our_point, our_secret
from wallet.ln.channel.errors import ChannelCommandError, ChannelProtocolError, require
from wallet.ln.channel.negotiation import our_range, propose
from wallet.ln.channel.normal import advance_shutdown, sign_if_needed
from wallet.ln.channel.opening import wait_confirmed
from wallet.ln.tx.shachain import FIRST_INDEX
from wallet.ln.wire import messages as m
from wallet.sentence import Sentence

Result = tuple[Any, list]


def our_reestablish(state: Any, keys: ChannelKeys) -> Any:
    """The channel_reestablish we send for `state` (which has commitments)."""
    return state.commitments.reestablish_message(keys)


def _ready(state: Any, keys: ChannelKeys) -> Any:
    c = state.commitments
    return m.ChannelReady(
        channel_id=c.channel_id,
        second_per_commitment_point=our_point(keys, 1),
        alias_scid=state.setup.local_alias,
    )


def on_reestablish(state: Any, msg: Any, keys: ChannelKeys) -> tuple[Any, list]:
    """Handle the peer's channel_reestablish for our (unwrapped) `state`."""

    c = state.commitments
    require(msg.channel_id == c.channel_id, "channel_reestablish for another channel")
    require(msg.next_commitment_number > 0, "channel_reestablish: next_commitment_number is 0")
    local_index = c.local_commit.index
    nrn, ncn = msg.next_revocation_number, msg.next_commitment_number
    secret = msg.your_last_per_commitment_secret

    if nrn > local_index:
        # The peer has revoked commitments we do not know about: we lost data.
        if nrn - 1 <= FIRST_INDEX and secret == our_secret(keys, nrn - 1):
            new = st.WaitForRemotePublish(state.setup, c, msg.my_current_per_commitment_point)
            error = m.ErrorMessage(
                channel_id=c.channel_id,
                data=b"we are behind (data loss): please publish your commitment",
            )
            return new, [
                ev.PersistState(new),
                ev.SendMessage(error),
                ev.ChannelError("the peer proved our channel state is outdated; waiting for it "
                                "to close the channel"),
            ]
        raise ChannelProtocolError(
            "channel_reestablish: the peer claims a newer state without a valid proof"
        )
    expected = our_secret(keys, nrn - 1) if nrn > 0 else bytes(32)
    require(secret == expected, "channel_reestablish: your_last_per_commitment_secret is wrong")

    last_signed = c.waiting.next.index if c.waiting else c.remote_commit.index
    resend_commit = c.waiting is not None and ncn == c.waiting.next.index
    if not resend_commit:
        require(
            ncn == last_signed + 1,
            f"channel_reestablish: next_commitment_number {ncn}, expected {last_signed + 1}",
        )
    resend_rev = local_index > 0 and nrn == local_index - 1
    if not resend_rev:
        require(
            nrn == local_index,
            f"channel_reestablish: next_revocation_number {nrn}, expected {local_index}",
        )

    sends: list = []
    # a short_channel_id is set exactly when we have sent channel_ready
    sent_ready = getattr(state, "short_channel_id", None) is not None
    if local_index == 0 and ncn == 1 and sent_ready:
        sends.append(_ready(state, keys))
    rev = []
    if resend_rev:
        rev = [
            m.RevokeAndAck(
                channel_id=c.channel_id,
                per_commitment_secret=our_secret(keys, local_index - 1),
                next_per_commitment_point=our_point(keys, local_index + 1),
            )
        ]
    commit: list = []
    if resend_commit:
        assert c.waiting is not None
        commit = [*c.local_changes.signed, c.waiting.sent]
    if rev and commit and local_index > c.waiting.sent_after_local_index:  # type: ignore[union-attr]
        sends += commit + rev
    else:
        sends += rev + commit

    if isinstance(state, st.WaitForFundingConfirmed | st.WaitForChannelReady):
        return state, [ev.PersistState(state), *[ev.SendMessage(s) for s in sends]]
    if isinstance(state, st.Negotiating):
        neg = replace(state, last_sent_fee=None, our_range=None)
        sends.append(m.Shutdown(channel_id=c.channel_id, scriptpubkey=neg.local_script))
        if c.params.is_opener:
            fee, low, high = our_range(neg)
            neg, more = propose(neg, fee, (low, high), keys)
            sends += more
        return neg, [ev.PersistState(neg), *[ev.SendMessage(s) for s in sends]]

    # Normal / ShuttingDown: propose again our fulfills and fails lost at the disconnection
    for upd in state.resend:
        try:
            if isinstance(upd, m.UpdateFulfillHtlc):
                c, out = c.send_fulfill(upd.id, upd.payment_preimage)
            elif isinstance(upd, m.UpdateFailHtlc):
                c, out = c.send_fail(upd.id, upd.reason)
            else:
                c, out = c.send_fail_malformed(upd.id, upd.sha256_of_onion, upd.failure_code)
        except ChannelCommandError:
            continue
        sends.append(out)
    new = sign_if_needed(replace(state, commitments=c, resend=()), keys, sends)
    if new.local_shutdown is not None:
        sends.append(m.Shutdown(channel_id=c.channel_id, scriptpubkey=new.local_shutdown))
    return advance_shutdown(new, sends, [], keys)


# -- offline / syncing ----------------------------------------------------------------------


def offline(state: st.Offline, event: Any, keys: ChannelKeys) -> Result:
    inner = state.state
    if isinstance(event, ev.Reconnected):
        return st.Syncing(inner), [ev.SendMessage(our_reestablish(inner, keys))]
    if isinstance(event, ev.Disconnected):
        return state, []
    if isinstance(event, ev.FundingDepthReached) and isinstance(inner, st.WaitForFundingConfirmed):
        new_inner, _ = wait_confirmed(inner, event, keys)  # channel_ready goes at reestablish
        new = st.Offline(new_inner)
        return new, [ev.PersistState(new)]
    if (isinstance(event, ev.FundingDepthReached) and getattr(inner, "short_channel_id", 0) is None
            and isinstance(inner, st.WaitForChannelReady | st.Normal)):
        new = st.Offline(replace(inner, short_channel_id=event.short_channel_id))  # zero-conf
        return new, [ev.PersistState(new)]
    if isinstance(event, ev.FundingDepthReached):
        return state, []
    raise ChannelCommandError("the peer is not connected")


def syncing(state: st.Syncing, event: Any, keys: ChannelKeys) -> Result:
    if isinstance(event, ev.Disconnected):
        return st.Offline(state.state), []
    if isinstance(event, m.ChannelReestablish):
        return on_reestablish(state.state, event, keys)
    if isinstance(event, ev.FundingDepthReached):
        return state, []
    if isinstance(event, m.Message):
        raise ChannelProtocolError(Sentence("%1 before channel_reestablish", event.NAME))
    raise ChannelCommandError("the channel is reconnecting")

