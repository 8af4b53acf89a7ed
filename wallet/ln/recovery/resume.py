"""Resuming a channel from the state a peer kept for us (BOLT 1 peer storage) after a
restore, or refusing to: the decision at the peer's `channel_reestablish`.

A blob is ours (authenticated with our key), but it may be old: the peer may hand back an
earlier copy, by accident or on purpose, and from an old state our commitment is revoked.
So the state is never used to sign or publish anything until the peer's
`channel_reestablish` shows it is exactly the one the peer is at: the numbers it expects
next are those the state would expect (BOLT 2, allowing only the one-message
retransmissions the machine itself accepts), the last secret it received from us is ours
for that number (option_data_loss_protect), and its current per-commitment point is the one
the state holds for it. Anything else, behind, ahead (another wallet on the same seed, or a
lying peer) or inconsistent, leaves the channel to the lost-state path: ask the peer to
close, sweep our to_remote. Pure: no I/O.
"""

from __future__ import annotations

from enum import Enum
from typing import Any

from wallet.keys.lightning import ChannelKeys
from wallet.ln.channel import states as st
from wallet.ln.channel.codec import ChannelStateCodecError, state_from_bytes
from wallet.ln.channel.commit_view import OFFERED, RECEIVED
from wallet.ln.channel.commitments import our_secret
from wallet.ln.recovery.backup_file import BackedUpChannel
from wallet.ln.tx.shachain import FIRST_INDEX
from wallet.ln.wire import messages as m


class Verdict(Enum):
    CURRENT = "current"  # resume: the peer is exactly where the state is
    BEHIND = "behind"  # the peer holds newer state than the blob (a stale blob)
    AHEAD = "ahead"  # the blob holds what the peer never saw (another wallet, or a lie)
    INCONSISTENT = "inconsistent"  # another channel, a wrong secret or point, a lost peer


def unwrap(state: Any) -> Any:
    """The channel state inside a stored Offline/Syncing wrapper."""
    while isinstance(state, st.Offline | st.Syncing):
        state = state.state
    return state


def resumable_state(data: bytes, channel: BackedUpChannel) -> Any | None:
    """The state stored in a blob for `channel`, if it can be resumed: it decodes, it is an
    open channel (Normal, or shutting down), and it is the channel the blob's entry names
    (funding outpoint, amount and script, channel number). None otherwise."""
    try:
        state = unwrap(state_from_bytes(data))
    except (ChannelStateCodecError, RecursionError):
        return None
    if not isinstance(state, st.Normal):
        return None
    c, found = state.commitments, channel.channel
    p = c.params
    if (p.funding_txid, p.funding_output_index, p.funding_sat, p.funding_script_pubkey,
            state.setup.key_index) != (found.funding_txid, found.funding_output_index,
                                       found.funding_sat, found.funding_script_pubkey,
                                       found.key_index):
        return None
    return state


def judge(state: Any, msg: m.ChannelReestablish, keys: ChannelKeys) -> Verdict:
    """How the peer's `channel_reestablish` compares with the blob's `state` (a resumable
    state). CURRENT exactly when the channel machine would resume from it without fault."""
    c = state.commitments
    ncn, nrn = msg.next_commitment_number, msg.next_revocation_number
    if msg.channel_id != c.channel_id or ncn <= 0 or nrn < 0:
        return Verdict.INCONSISTENT
    local = c.local_commit.index
    if nrn > local:  # the peer has revocations of ours the blob does not know
        proven = nrn - 1 <= FIRST_INDEX and msg.your_last_per_commitment_secret == our_secret(
            keys, nrn - 1)
        return Verdict.BEHIND if proven else Verdict.INCONSISTENT
    expected = our_secret(keys, nrn - 1) if nrn > 0 else bytes(32)
    if msg.your_last_per_commitment_secret != expected:
        return Verdict.INCONSISTENT
    if nrn < local - 1:  # the blob revoked commitments the peer never learnt were revoked
        return Verdict.AHEAD
    last_signed = c.waiting.next.index if c.waiting else c.remote_commit.index
    if ncn > last_signed + 1:  # the peer holds a commitment we signed after the blob
        return Verdict.BEHIND
    received_last = ncn == last_signed + 1
    if not received_last and not (c.waiting is not None and ncn == c.waiting.next.index):
        return Verdict.AHEAD  # the blob signed commitments the peer never received
    theirs = c.waiting.next if c.waiting is not None and received_last else c.remote_commit
    if msg.my_current_per_commitment_point != theirs.point:
        return Verdict.INCONSISTENT
    return Verdict.CURRENT


def our_offered_htlcs(state: Any) -> list[Any]:
    """The HTLCs we offered in a resumed state: in our commitment, or only in the peer's
    that we signed. Payments in flight when the wallet was lost; the restored wallet has no
    record of them (the blob holds the channel, not the payment log), so they are recorded
    again as it resumes, and the preimage or failure that comes back has a payment to end."""
    c = state.commitments
    found = {h.htlc_id: h for h in c.local_commit.view.htlcs if h.direction is OFFERED}
    for commit in [c.remote_commit] + ([c.waiting.next] if c.waiting is not None else []):
        for h in commit.view.htlcs:  # the peer's view: RECEIVED = offered by us
            if h.direction is RECEIVED:
                found.setdefault(h.htlc_id, h)
    return [found[i] for i in sorted(found)]
