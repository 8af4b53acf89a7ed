"""A channel whose funding transaction was double-spent before it confirmed (pure).

A zero-conf channel (an LSP's JIT channel) is used before its funding confirms. If the
funder replaces that transaction by one spending the same inputs elsewhere and the
replacement confirms, the funding output never exists: nothing of the channel can ever be
spent or enforced, so BOLT 5 has nothing to watch. The channel is Closed as never having
existed (no commitment is published, no error sent: either would only make a transaction
spending an output that does not exist), and
whatever it "carried" was never ours: a payment received over it is lost, never paid.

Only a channel whose funding has not confirmed can be so closed; one that confirmed is
refused (its funding exists: only a spend of the funding output ends it).

A zero-conf funding that neither confirms nor is ever proven double-spent (never broadcast,
dropped from mempools, or replaced before we saw its inputs) would leave the channel
"unconfirmed" for ever: as BOLT 2 lets a fundee forget a funding that did not confirm
within `FUNDING_TIMEOUT_BLOCKS` (2016) blocks, the fundee of a zero-conf channel forgets it
that many blocks after the first block it saw it unconfirmed (`zero_conf_timeout`); it is
Closed as `NEVER_CONFIRMED` and, like a double-spent one, what it carried is lost.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from wallet.ln.channel import events as ev
from wallet.ln.channel import states as st
from wallet.ln.channel.errors import ChannelCommandError

Result = tuple[Any, list]

#: the reason a double-spent channel is Closed with (`never_existed` reads it back)
DOUBLE_SPENT = "the funding transaction was double-spent before it confirmed: the channel never existed"
#: BOLT 2's fundee timeout (`opening.FUNDING_TIMEOUT_BLOCKS`), for zero-conf channels too
ZERO_CONF_TIMEOUT_BLOCKS = 2016
NEVER_CONFIRMED = (f"the funding transaction did not confirm within {ZERO_CONF_TIMEOUT_BLOCKS} "
                   "blocks: the channel is forgotten, as never having existed")


def funding_unconfirmed(inner: Any) -> bool:
    """The channel's funding has not confirmed (as far as the channel knows)."""
    if isinstance(inner, st.WaitForFundingConfirmed):
        return True
    return (isinstance(inner, st.WaitForChannelReady | st.Normal | st.Negotiating)
            and inner.short_channel_id is None)


def never_existed(state: Any) -> bool:
    """A channel Closed because its funding was double-spent, or never confirmed."""
    return isinstance(state, st.Closed) and state.reason in (DOUBLE_SPENT, NEVER_CONFIRMED)


def zero_conf_timeout(state: Any, height: int) -> Result | None:
    """A new block for the fundee of a zero-conf channel whose funding has not confirmed:
    the first one is noted (persisted once); ZERO_CONF_TIMEOUT_BLOCKS later the channel is
    Closed as never having existed (nothing broadcast, no error sent). None when the block
    changes nothing here."""
    inner = st.unwrap(state)
    if (not isinstance(inner, st.Normal) or inner.short_channel_id is not None
            or inner.commitments.params.is_opener):
        return None
    if inner.unconfirmed_since is None:
        new = st.rewrap(state, replace(inner, unconfirmed_since=height))
        return new, [ev.PersistState(new)]
    if height - inner.unconfirmed_since < ZERO_CONF_TIMEOUT_BLOCKS:
        return None
    closed = st.Closed(NEVER_CONFIRMED)
    return closed, [ev.PersistState(closed), ev.ChannelError(NEVER_CONFIRMED)]


def funding_double_spent(state: Any) -> Result:
    inner = st.unwrap(state)
    if isinstance(inner, st.Closed):
        return state, []
    if not funding_unconfirmed(inner):
        raise ChannelCommandError("the funding transaction confirmed: a conflicting "
                                  "transaction cannot be the whole story")
    closed = st.Closed(DOUBLE_SPENT)
    # no error to the peer: it sees the same chain, and an error would have it publish a
    # commitment spending an output that does not exist
    return closed, [ev.PersistState(closed), ev.ChannelError(DOUBLE_SPENT)]
