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
"""

from __future__ import annotations

from typing import Any

from wallet.ln.channel import events as ev
from wallet.ln.channel import states as st
from wallet.ln.channel.errors import ChannelCommandError

Result = tuple[Any, list]

#: the reason a double-spent channel is Closed with (`never_existed` reads it back)
DOUBLE_SPENT = "the funding transaction was double-spent before it confirmed: the channel never existed"


def funding_unconfirmed(inner: Any) -> bool:
    """The channel's funding has not confirmed (as far as the channel knows)."""
    if isinstance(inner, st.WaitForFundingConfirmed):
        return True
    return (isinstance(inner, st.WaitForChannelReady | st.Normal | st.Negotiating)
            and inner.short_channel_id is None)


def never_existed(state: Any) -> bool:
    """A channel Closed because its funding was double-spent."""
    return isinstance(state, st.Closed) and state.reason == DOUBLE_SPENT


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
