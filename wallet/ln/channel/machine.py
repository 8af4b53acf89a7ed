"""The channel state machine: `process(state, event, keys) -> (new state, actions)`.

`event` is a peer message (a `wallet.ln.wire.messages` dataclass), a command or a chain /
connection event (`wallet.ln.channel.events`). `keys` are our `ChannelKeys` for this
channel (`LightningKeys.channel_keys(state.setup.key_index)`); they are passed in rather than
stored so that states never hold our secrets.

A peer message that breaks a rule fails the channel: we persist, send `error`, publish our
latest commitment (if there is one to lose) and report `ChannelError`. A command that cannot
be carried out raises `ChannelCommandError` and changes nothing. Pure: no I/O.

Life of a channel (states in `states`, events and actions in `events`):

    funder:  Idle --CmdOpen--> WaitForAcceptChannel --accept_channel--> WaitForFundingTx
             (action FundingTxNeeded) --FundingTxReady--> WaitForFundingSigned
             --funding_signed--> WaitForFundingConfirmed (BroadcastTx funding, Watch...)
    fundee:  Idle --open_channel--> WaitForFundingCreated --funding_created-->
             WaitForFundingConfirmed
    both:    --FundingDepthReached--> WaitForChannelReady --channel_ready--> Normal
             --shutdown/CmdClose--> ShuttingDown --(no HTLC left)--> Negotiating
             --closing_signed--> Closing("mutual"); any error / CmdForceClose --> Closing
             ("local"); FundingSpent --> Closing(how) --ClosingResolved (the watcher)-->
             Closed; FundingDoubleSpent (an unconfirmed funding replaced: `double_spend`)
             --> Closed, never having existed; Disconnected --> Offline(state)
             --Reconnected--> Syncing(state) --channel_reestablish--> state, or
             WaitForRemotePublish when the peer proves we lost data (we never publish).

The shell: create `Idle(Setup(...))` per channel, call `process` for every event, perform
the actions in order (PersistState durably before anything after it), restore a stored
state with `codec.state_from_bytes` and feed it `Disconnected()` before `Reconnected()`.
"""

from __future__ import annotations

from typing import Any

from wallet.errors import InputError
from wallet.keys.lightning import ChannelKeys
from wallet.ln.channel import events as ev
from wallet.ln.channel import states as st
from wallet.ln.channel.double_spend import funding_double_spent, zero_conf_timeout
from wallet.ln.channel.errors import ChannelCommandError, ChannelProtocolError, unexpected
from wallet.ln.channel.force_close import fail_channel, force_close, funding_spent, new_block
from wallet.ln.channel.normal import negotiating, normal
from wallet.ln.channel.opening import (
    funding_timeout,
    idle,
    wait_accept,
    wait_confirmed,
    wait_funding_created,
    wait_funding_signed,
    wait_funding_tx,
    wait_ready,
)
from wallet.ln.channel.reestablish import offline, syncing
from wallet.ln.tx.errors import ChannelTxError
from wallet.ln.wire import messages as m
from wallet.ln.wire.errors import WireError

Result = tuple[Any, list]

_PEER_MESSAGES = (m.Message,)


def process(state: Any, event: Any, keys: ChannelKeys) -> Result:
    """One step of the channel. See the module docstring."""
    if isinstance(event, ev.FundingSpent):
        return funding_spent(state, event, keys)
    if isinstance(event, ev.FundingDoubleSpent):
        return funding_double_spent(state)
    if isinstance(event, ev.NewBlock):
        timed_out = funding_timeout(state, event.height)
        if timed_out is not None:
            return timed_out
        zero_conf = zero_conf_timeout(state, event.height)
        if zero_conf is None:
            return new_block(state, event.height, keys)
        noted, actions = zero_conf
        if isinstance(noted, st.Closed):
            return zero_conf
        after, more = new_block(noted, event.height, keys)  # the block's other work too
        return after, [*actions, *more]
    is_message = isinstance(event, _PEER_MESSAGES)
    try:
        return _dispatch(state, event, keys)
    except ChannelCommandError:
        if is_message:  # a peer message must never surface as a command error
            return fail_channel(state, "internal error handling a peer message", keys,
                                about=event)
        raise
    except (ChannelProtocolError, ChannelTxError, WireError) as exc:
        if not is_message:
            raise ChannelCommandError(str(exc)) from None
        return fail_channel(state, str(exc), keys, about=event)
    except InputError as exc:
        if not is_message:
            raise
        return fail_channel(state, str(exc), keys, about=event)


def _dispatch(state: Any, event: Any, keys: ChannelKeys) -> Result:
    if isinstance(event, m.WarningMessage):
        return state, []
    if _misaddressed(state, event):
        return state, []  # the shell routes by channel_id; never act on another channel's
    if isinstance(event, m.ErrorMessage) and not isinstance(state, st.Idle):
        text = bytes(event.data).decode("utf-8", "replace")
        return fail_channel(state, f"peer sent error: {text}", keys, send_error=False)
    if isinstance(event, ev.CmdForceClose):
        return force_close(state, keys)
    if isinstance(event, m.ChannelReestablish) and isinstance(state, _RESYNCABLE):
        # The peer reconnected without our shell noticing: replay the disconnection.
        actions: list = []
        before = state
        for step in (ev.Disconnected(), ev.Reconnected(), event):
            state, more = _dispatch(state, step, keys)
            actions += more
        if state == before:
            # nothing changed (no unsigned update dropped, nothing to resend): nothing to
            # write, so a peer repeating channel_reestablish costs no disk commit each
            return before, [a for a in actions if not isinstance(a, ev.PersistState)]
        return state, _single_persist(state, actions)
    if isinstance(event, ev.FundingDepthReached):
        c = st.commitments_of(state)
        if c is not None and event.short_channel_id[2] != c.params.funding_output_index:
            raise ChannelCommandError("short_channel_id does not point at our funding output")
    handler = _HANDLERS.get(type(state))
    if handler is None:
        raise unexpected(state, event)
    return handler(state, event, keys)


def _misaddressed(state: Any, event: Any) -> bool:
    """A message whose channel_id is not ours (an all-zero error concerns every channel)."""
    cid = getattr(event, "channel_id", None)
    c = st.commitments_of(state)
    if cid is None or c is None or cid == c.channel_id:
        return False
    return not (isinstance(event, m.ErrorMessage) and cid == bytes(32))


def _single_persist(state: Any, actions: list) -> list:
    """Several steps folded into one: keep one PersistState (of the final state) first."""
    if not any(isinstance(a, ev.PersistState) for a in actions):
        return actions
    return [ev.PersistState(state)] + [a for a in actions if not isinstance(a, ev.PersistState)]


def _closing(state: st.Closing, event: Any, keys: ChannelKeys) -> Result:
    if isinstance(event, ev.ClosingResolved):
        new = st.Closed(f"closed ({state.how}), resolved on chain"
                        + (f": {event.summary}" if event.summary else ""))
        return new, [ev.PersistState(new)]
    if isinstance(event, ev.Disconnected | ev.Reconnected | ev.FundingDepthReached):
        return state, []
    if isinstance(event, m.Message):
        return state, []  # the channel is closing: messages are ignored
    raise unexpected(state, event)


def _closed(state: st.Closed, event: Any, keys: ChannelKeys) -> Result:
    if isinstance(event, m.Message | ev.Disconnected | ev.Reconnected):
        return state, []
    raise unexpected(state, event)


def _wait_remote_publish(state: st.WaitForRemotePublish, event: Any, keys: ChannelKeys) -> Result:
    if isinstance(event, m.Message | ev.Disconnected | ev.Reconnected | ev.FundingDepthReached):
        return state, []
    raise unexpected(state, event)

_RESYNCABLE = (
    st.WaitForFundingConfirmed, st.WaitForChannelReady, st.Normal, st.Negotiating,
)

_HANDLERS: dict[type, Any] = {
    st.Idle: idle,
    st.WaitForAcceptChannel: wait_accept,
    st.WaitForFundingTx: wait_funding_tx,
    st.WaitForFundingCreated: wait_funding_created,
    st.WaitForFundingSigned: wait_funding_signed,
    st.WaitForFundingConfirmed: wait_confirmed,
    st.WaitForChannelReady: wait_ready,
    st.Normal: normal,
    st.ShuttingDown: normal,
    st.Negotiating: negotiating,
    st.Closing: _closing,
    st.Closed: _closed,
    st.WaitForRemotePublish: _wait_remote_publish,
    st.Offline: offline,
    st.Syncing: syncing,
}

