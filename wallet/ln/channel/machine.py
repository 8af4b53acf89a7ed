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
             Closed; Disconnected --> Offline(state)
             --Reconnected--> Syncing(state) --channel_reestablish--> state, or
             WaitForRemotePublish when the peer proves we lost data (we never publish).

The shell: create `Idle(Setup(...))` per channel, call `process` for every event, perform
the actions in order (PersistState durably before anything after it), restore a stored
state with `codec.state_from_bytes` and feed it `Disconnected()` before `Reconnected()`.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from bitcoin.core import CTransaction

from wallet.errors import InputError
from wallet.keys.lightning import ChannelKeys
from wallet.ln.channel import events as ev
from wallet.ln.channel import states as st
from wallet.ln.channel.commitments import (
    OFFERED,
    RECEIVED,
    ChannelParams,
    Commitments,
    CommitView,
    LocalCommit,
    RemoteCommit,
    channel_id_from_funding,
    our_point,
)
from wallet.ln.channel.negotiation import (
    on_closing_signed,
    start_negotiation,
)
from wallet.ln.channel.params import (
    ChannelCommandError,
    ChannelProtocolError,
    SideParams,
    channel_type_bits,
    check_accept_channel,
    check_funding_amount,
    check_initial_balances,
    check_open_channel,
    is_valid_shutdown_script,
    parse_channel_type,
    require,
    side_params_from_message,
)
from wallet.ln.features import Features
from wallet.ln.tx.commitment_tx import build_commitment, decode_commitment_number
from wallet.ln.tx.errors import ChannelTxError
from wallet.ln.tx.scripts import funding_output_script
from wallet.ln.tx.signing import compact_to_der, der_to_compact
from wallet.ln.wire import messages as m
from wallet.ln.wire.errors import WireError

Result = tuple[Any, list]

_PEER_MESSAGES = (m.Message,)


def process(state: Any, event: Any, keys: ChannelKeys) -> Result:
    """One step of the channel. See the module docstring."""
    if isinstance(event, ev.FundingSpent):
        return _funding_spent(state, event, keys)
    if isinstance(event, ev.NewBlock):
        return _new_block(state, event.height, keys)
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
        for step in (ev.Disconnected(), ev.Reconnected(), event):
            state, more = _dispatch(state, step, keys)
            actions += more
        return state, _single_persist(state, actions)
    if isinstance(event, ev.FundingDepthReached):
        c = st.commitments_of(state)
        if c is not None and event.short_channel_id[2] != c.params.funding_output_index:
            raise ChannelCommandError("short_channel_id does not point at our funding output")
    handler = _HANDLERS.get(type(state))
    if handler is None:
        raise _unexpected(state, event)
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


def _unexpected(state: Any, event: Any) -> InputError:
    name = getattr(event, "NAME", type(event).__name__)
    what = f"unexpected {name} in state {type(state).__name__}"
    if isinstance(event, m.Message):
        return ChannelProtocolError(what)
    return ChannelCommandError(what)


# -- failing and closing -----------------------------------------------------------------------


def _channel_id(state: Any, about: Any = None) -> bytes:
    c = st.commitments_of(state)
    if c is not None:
        return c.channel_id
    inner = state
    while isinstance(inner, st.Offline | st.Syncing):
        inner = inner.state
    msg = getattr(inner, "open", None) or about
    for name in ("temporary_channel_id", "channel_id"):
        if hasattr(msg, name):
            return getattr(msg, name)
    return bytes(32)


def _unwrap(state: Any) -> Any:
    while isinstance(state, st.Offline | st.Syncing):
        state = state.state
    return state


def fail_channel(
    state: Any, reason: str, keys: ChannelKeys, *, send_error: bool = True, about: Any = None
) -> Result:
    """Fail the channel: error to the peer, our latest commitment published if we have one
    that is safe to publish."""
    inner = _unwrap(state)
    actions: list = []
    error = m.ErrorMessage(channel_id=_channel_id(state, about), data=reason.encode()[:60000])
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
    new = st.Closing(inner.setup, c, "local", (raw,))
    actions.append(ev.PersistState(new))
    if send_error and not isinstance(state, st.Offline):
        actions.append(ev.SendMessage(error))
    actions.append(ev.BroadcastTx(raw, "commitment"))
    actions.append(ev.ChannelError(reason))
    return new, actions


def force_close(state: Any, keys: ChannelKeys) -> Result:
    inner = _unwrap(state)
    if isinstance(inner, st.WaitForRemotePublish):
        raise ChannelCommandError(
            "refusing to publish our commitment: the peer proved it is more recent than ours"
        )
    if isinstance(inner, st.Closing):  # publish again what we published before
        what = "mutual close" if inner.how == "mutual" else "commitment"
        return state, [ev.BroadcastTx(raw, what) for raw in inner.published]
    if getattr(inner, "commitments", None) is None or isinstance(inner, st.WaitForFundingSigned):
        return st.Closed("force-closed before funding"), []
    return fail_channel(state, "force close requested", keys)


def _classify_spend(c: Commitments, tx: CTransaction, keys: ChannelKeys) -> str:
    txid = tx.GetTxid()
    if txid == c.local_commitment_tx(keys).txid:
        return "local"
    if txid in (c.remote_commit.txid, c.latest_remote_commit.txid):
        return "remote"
    if tx.vin and tx.vin[0].nSequence == 0xFFFFFFFF and tx.nLockTime == 0:
        return "mutual"
    number = decode_commitment_number(tx.nLockTime, tx.vin[0].nSequence, c.params.obscuring_factor)
    if number is not None and number < c.remote_commit.index:
        return "revoked"
    if number is not None and number > c.latest_remote_commit.index:
        return "future"  # the peer is ahead of us (we lost data)
    return "unknown"


def _funding_spent(state: Any, event: ev.FundingSpent, keys: ChannelKeys) -> Result:
    inner = _unwrap(state)
    c = getattr(inner, "commitments", None)
    if c is None:
        return state, []
    try:
        tx = CTransaction.deserialize(bytes(event.tx))
    except Exception as exc:  # python-bitcoinlib raises several types on bad bytes
        raise ChannelCommandError("FundingSpent carries an unparsable transaction") from exc
    if not tx.vin:
        raise ChannelCommandError("FundingSpent carries a transaction without inputs")
    how = _classify_spend(c, tx, keys)
    published = inner.published if isinstance(inner, st.Closing) else ()
    new = st.Closing(inner.setup, c, how, published)
    return new, [ev.PersistState(new), ev.ChannelClosed(how, tx.GetTxid())]


def htlc_deadline_passed(state: Any, height: int) -> str | None:
    """Why the channel must be failed at `height` because of an HTLC deadline, or None."""
    inner = _unwrap(state)
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


def _new_block(state: Any, height: int, keys: ChannelKeys) -> Result:
    reason = htlc_deadline_passed(state, height)
    if reason is None:
        return state, []
    return fail_channel(state, reason, keys)


# -- opening: funder -------------------------------------------------------------------------


def _local_side_params(
    setup: st.Setup, keys: ChannelKeys, funding_sat: int, reserve_sat: int
) -> SideParams:
    policy = setup.policy
    return SideParams(
        funding_pubkey=keys.funding_pubkey,
        revocation_basepoint=keys.revocation_basepoint,
        payment_basepoint=keys.payment_basepoint,
        delayed_payment_basepoint=keys.delayed_payment_basepoint,
        htlc_basepoint=keys.htlc_basepoint,
        dust_limit_sat=policy.dust_limit_sat,
        max_htlc_value_in_flight_msat=policy.max_htlc_value_in_flight_msat or funding_sat * 1000,
        channel_reserve_sat=reserve_sat,
        htlc_minimum_msat=policy.htlc_minimum_msat,
        to_self_delay=policy.to_self_delay,
        max_accepted_htlcs=policy.max_accepted_htlcs,
        upfront_shutdown_script=setup.upfront_script,
    )


def _basepoint_fields(keys: ChannelKeys) -> dict:
    return dict(
        funding_pubkey=keys.funding_pubkey,
        revocation_basepoint=keys.revocation_basepoint,
        payment_basepoint=keys.payment_basepoint,
        delayed_payment_basepoint=keys.delayed_payment_basepoint,
        htlc_basepoint=keys.htlc_basepoint,
        first_per_commitment_point=our_point(keys, 0),
    )


def _idle(state: st.Idle, event: Any, keys: ChannelKeys) -> Result:
    setup = state.setup
    if isinstance(event, ev.CmdOpen):
        try:
            check_funding_amount(event.funding_sat, setup.policy, setup.remote_features)
            reserve = setup.policy.reserve_for(event.funding_sat, setup.policy.dust_limit_sat)
            check_initial_balances(
                event.funding_sat, event.push_msat, event.feerate_per_kw, event.channel_type, reserve
            )
        except ChannelProtocolError as exc:
            raise ChannelCommandError(str(exc)) from None
        if event.announce and event.scid_alias:
            raise ChannelCommandError("an announced channel cannot be an scid_alias channel")
        if event.scid_alias and setup.local_alias is None:
            raise ChannelCommandError("an scid_alias channel needs a local alias in its Setup")
        if event.channel_type.anchors and not setup.remote_features.supports(
            "option_anchors_zero_fee_htlc_tx"
        ):
            raise ChannelCommandError("the peer does not support anchor channels")
        local = _local_side_params(setup, keys, event.funding_sat, reserve)
        msg = m.OpenChannel(
            chain_hash=setup.chain_hash,
            temporary_channel_id=event.temporary_channel_id,
            funding_satoshis=event.funding_sat,
            push_msat=event.push_msat,
            dust_limit_satoshis=local.dust_limit_sat,
            max_htlc_value_in_flight_msat=local.max_htlc_value_in_flight_msat,
            channel_reserve_satoshis=local.channel_reserve_sat,
            htlc_minimum_msat=local.htlc_minimum_msat,
            feerate_per_kw=event.feerate_per_kw,
            to_self_delay=local.to_self_delay,
            max_accepted_htlcs=local.max_accepted_htlcs,
            channel_flags=1 if event.announce else 0,
            upfront_shutdown_script=setup.upfront_script,
            channel_type=channel_type_bits(event.channel_type, event.scid_alias),
            **_basepoint_fields(keys),
        )
        return st.WaitForAcceptChannel(setup, msg, local, event.channel_type), [ev.SendMessage(msg)]
    if isinstance(event, m.OpenChannel):
        return _on_open_channel(state, event, keys)
    raise _unexpected(state, event)


def _wait_accept(state: st.WaitForAcceptChannel, event: Any, keys: ChannelKeys) -> Result:
    if isinstance(event, ev.Disconnected):
        return st.Closed("disconnected before the channel was funded"), []
    if not isinstance(event, m.AcceptChannel):
        raise _unexpected(state, event)
    require(
        event.temporary_channel_id == state.open.temporary_channel_id,
        "accept_channel for another temporary_channel_id",
    )
    setup = state.setup
    check_accept_channel(
        event, open_msg=state.open, policy=setup.policy, remote_features=setup.remote_features
    )
    remote = side_params_from_message(event)
    new = st.WaitForFundingTx(setup, state.open, event, state.local, remote, state.channel_type)
    script = funding_output_script(state.local.funding_pubkey, remote.funding_pubkey)
    return new, [ev.FundingTxNeeded(script, state.open.funding_satoshis)]


def _initial_commitments(
    *,
    channel_type: Any,
    is_opener: bool,
    funding_txid: bytes,
    output_index: int,
    open_msg: Any,
    local: SideParams,
    remote: SideParams,
    remote_first_point: bytes,
) -> Commitments:
    funding_sat = open_msg.funding_satoshis
    push = open_msg.push_msat
    opener_msat = funding_sat * 1000 - push
    to_local, to_remote = (opener_msat, push) if is_opener else (push, opener_msat)
    params = ChannelParams(
        channel_id=channel_id_from_funding(funding_txid, output_index),
        channel_type=channel_type,
        is_opener=is_opener,
        funding_txid=funding_txid,
        funding_output_index=output_index,
        funding_sat=funding_sat,
        local=local,
        remote=remote,
        announce=bool(open_msg.channel_flags & 1),
        scid_alias=parse_channel_type(open_msg.channel_type, Features())[1],
    )
    view = CommitView(open_msg.feerate_per_kw, to_local, to_remote)
    remote_view = view.swapped()
    remote_ctx = build_commitment(params.remote_spec(0, remote_view, remote_first_point))
    return Commitments(
        params=params,
        local_commit=LocalCommit(0, view, b""),
        remote_commit=RemoteCommit(0, remote_view, remote_ctx.txid, remote_first_point),
    )


def _sign_remote_initial(c: Commitments, keys: ChannelKeys) -> bytes:
    rc = c.remote_commit
    ctx = build_commitment(c.params.remote_spec(0, rc.view, rc.point))
    return der_to_compact(ctx.sign(keys.funding_private_key))


def _verify_local_initial(c: Commitments, keys: ChannelKeys, signature: bytes) -> None:
    ctx = c.local_commitment_tx(keys)
    require(ctx.verify_remote(compact_to_der(signature)), "initial commitment signature is invalid")


def _wait_funding_tx(state: st.WaitForFundingTx, event: Any, keys: ChannelKeys) -> Result:
    if isinstance(event, ev.Disconnected):
        return st.Closed("disconnected before the channel was funded"), []
    if not isinstance(event, ev.FundingTxReady):
        raise _unexpected(state, event)
    try:
        tx = CTransaction.deserialize(bytes(event.raw))
    except Exception as exc:  # python-bitcoinlib raises several types on bad bytes
        raise ChannelCommandError("the funding transaction cannot be parsed") from exc
    if tx.GetTxid() != event.txid:
        raise ChannelCommandError("the funding transaction does not have the given txid")
    script = funding_output_script(state.local.funding_pubkey, state.remote.funding_pubkey)
    if not 0 <= event.output_index < min(len(tx.vout), 1 << 16):
        raise ChannelCommandError("the funding transaction has no such output")
    out = tx.vout[event.output_index]
    if bytes(out.scriptPubKey) != script or out.nValue != state.open.funding_satoshis:
        raise ChannelCommandError("the funding output does not pay the channel amount to the 2-of-2")
    if any(not txin.scriptSig == b"" for txin in tx.vin):
        raise ChannelCommandError("the funding transaction must spend segwit inputs only")
    c = _initial_commitments(
        channel_type=state.channel_type,
        is_opener=True,
        funding_txid=event.txid,
        output_index=event.output_index,
        open_msg=state.open,
        local=state.local,
        remote=state.remote,
        remote_first_point=state.accept.first_per_commitment_point,
    )
    msg = m.FundingCreated(
        temporary_channel_id=state.open.temporary_channel_id,
        funding_txid=event.txid,
        funding_output_index=event.output_index,
        signature=_sign_remote_initial(c, keys),
    )
    depth = max(1, state.accept.minimum_depth)
    new = st.WaitForFundingSigned(
        state.setup, c, state.open.temporary_channel_id, depth, bytes(event.raw)
    )
    return new, [ev.PersistState(new), ev.SendMessage(msg)]


def _wait_funding_signed(state: st.WaitForFundingSigned, event: Any, keys: ChannelKeys) -> Result:
    if isinstance(event, ev.Disconnected):
        return st.Closed("disconnected before funding_signed"), []
    if not isinstance(event, m.FundingSigned):
        raise _unexpected(state, event)
    c = state.commitments
    require(event.channel_id == c.channel_id, "funding_signed for another channel_id")
    _verify_local_initial(c, keys, event.signature)
    c = replace(c, local_commit=replace(c.local_commit, remote_sig=event.signature))
    new = st.WaitForFundingConfirmed(state.setup, c, state.minimum_depth, state.funding_raw)
    p = c.params
    return new, [
        ev.PersistState(new),
        ev.BroadcastTx(state.funding_raw, "funding"),
        ev.WatchFundingOutput(
            p.funding_txid, p.funding_output_index, p.funding_script_pubkey, p.funding_sat,
            state.minimum_depth
        ),
    ]


# -- opening: fundee -------------------------------------------------------------------------


def _on_open_channel(state: st.Idle, msg: Any, keys: ChannelKeys) -> Result:
    setup = state.setup
    policy = setup.policy
    channel_type, scid_alias = check_open_channel(
        msg, policy=policy, chain_hash=setup.chain_hash, remote_features=setup.remote_features
    )
    require(not scid_alias or setup.local_alias is not None,
            "open_channel asks for option_scid_alias but we have no alias to give")
    require(not (scid_alias and msg.channel_flags & 1),
            "open_channel: an announced channel cannot use option_scid_alias")
    funding = msg.funding_satoshis
    reserve = policy.reserve_for(funding, policy.dust_limit_sat, msg.dust_limit_satoshis)
    local = _local_side_params(setup, keys, funding, reserve)
    remote = side_params_from_message(msg)
    accept = m.AcceptChannel(
        temporary_channel_id=msg.temporary_channel_id,
        dust_limit_satoshis=local.dust_limit_sat,
        max_htlc_value_in_flight_msat=local.max_htlc_value_in_flight_msat,
        channel_reserve_satoshis=local.channel_reserve_sat,
        htlc_minimum_msat=local.htlc_minimum_msat,
        minimum_depth=policy.minimum_depth,
        to_self_delay=local.to_self_delay,
        max_accepted_htlcs=local.max_accepted_htlcs,
        upfront_shutdown_script=setup.upfront_script,
        channel_type=msg.channel_type,
        **_basepoint_fields(keys),
    )
    new = st.WaitForFundingCreated(setup, msg, accept, local, remote, channel_type)
    return new, [ev.SendMessage(accept)]


def _wait_funding_created(state: st.WaitForFundingCreated, event: Any, keys: ChannelKeys) -> Result:
    if isinstance(event, ev.Disconnected):
        return st.Closed("disconnected before the channel was funded"), []
    if isinstance(event, m.OpenChannel):  # a new open after a reconnection replaces the old
        return _on_open_channel(st.Idle(state.setup), event, keys)
    if not isinstance(event, m.FundingCreated):
        raise _unexpected(state, event)
    require(
        event.temporary_channel_id == state.open.temporary_channel_id,
        "funding_created for another temporary_channel_id",
    )
    c = _initial_commitments(
        channel_type=state.channel_type,
        is_opener=False,
        funding_txid=event.funding_txid,
        output_index=event.funding_output_index,
        open_msg=state.open,
        local=state.local,
        remote=state.remote,
        remote_first_point=state.open.first_per_commitment_point,
    )
    _verify_local_initial(c, keys, event.signature)
    c = replace(c, local_commit=replace(c.local_commit, remote_sig=event.signature))
    reply = m.FundingSigned(channel_id=c.channel_id, signature=_sign_remote_initial(c, keys))
    depth = state.setup.policy.minimum_depth
    new = st.WaitForFundingConfirmed(state.setup, c, depth)
    p = c.params
    return new, [
        ev.PersistState(new),
        ev.SendMessage(reply),
        ev.WatchFundingOutput(
            p.funding_txid, p.funding_output_index, p.funding_script_pubkey, p.funding_sat, depth
        ),
    ]


# -- funding confirmation --------------------------------------------------------------------


def _channel_ready(c: Commitments, setup: st.Setup, keys: ChannelKeys) -> Any:
    return m.ChannelReady(
        channel_id=c.channel_id,
        second_per_commitment_point=our_point(keys, 1),
        alias_scid=setup.local_alias,
    )


def _take_remote_ready(c: Commitments, msg: Any) -> Commitments:
    require(msg.channel_id == c.channel_id, "channel_ready for another channel")
    if c.remote_next_point is None and c.waiting is None and c.remote_commit.index == 0:
        return replace(c, remote_next_point=msg.second_per_commitment_point)
    return c


def _close_before_ready(state: Any, event: Any, keys: ChannelKeys) -> Result:
    """BOLT 2 allows shutdown before channel_ready: close from a Normal-like state."""
    scid = getattr(state, "short_channel_id", None)
    normal = st.Normal(state.setup, state.commitments, scid)
    if isinstance(event, ev.CmdClose):
        return _cmd_close(normal, event, keys)
    return _on_shutdown(normal, event, keys)


def _wait_confirmed(state: st.WaitForFundingConfirmed, event: Any, keys: ChannelKeys) -> Result:
    c = state.commitments
    if isinstance(event, ev.Disconnected):
        return st.Offline(state), []
    if isinstance(event, m.Shutdown | ev.CmdClose):
        return _close_before_ready(state, event, keys)
    if isinstance(event, m.ChannelReady):
        return replace(state, commitments=_take_remote_ready(c, event), remote_ready=event), []
    if isinstance(event, ev.FundingDepthReached):
        if event.depth < state.minimum_depth:
            return state, []
        ready = _channel_ready(c, state.setup, keys)
        if state.remote_ready is not None:
            alias = state.remote_ready.alias_scid
            new: Any = st.Normal(state.setup, c, event.short_channel_id, alias)
        else:
            new = st.WaitForChannelReady(state.setup, c, event.short_channel_id)
        return new, [ev.PersistState(new), ev.SendMessage(ready)]
    raise _unexpected(state, event)


def _wait_ready(state: st.WaitForChannelReady, event: Any, keys: ChannelKeys) -> Result:
    if isinstance(event, ev.Disconnected):
        return st.Offline(state), []
    if isinstance(event, ev.FundingDepthReached):
        return state, []
    if isinstance(event, m.Shutdown | ev.CmdClose):
        return _close_before_ready(state, event, keys)
    if isinstance(event, m.ChannelReady):
        c = _take_remote_ready(state.commitments, event)
        new = st.Normal(state.setup, c, state.short_channel_id, event.alias_scid)
        return new, [ev.PersistState(new)]
    raise _unexpected(state, event)


# -- normal operation ------------------------------------------------------------------------


def _htlc_failed(htlc: Any, upd: Any) -> ev.HtlcFailed:
    if isinstance(upd, m.UpdateFailMalformedHtlc):
        return ev.HtlcFailed(
            htlc.htlc_id, htlc.amount_msat, htlc.payment_hash,
            failure_code=upd.failure_code, sha256_of_onion=upd.sha256_of_onion,
        )
    if isinstance(upd, m.UpdateFailHtlc):
        return ev.HtlcFailed(htlc.htlc_id, htlc.amount_msat, htlc.payment_hash, reason=upd.reason)
    return ev.HtlcFailed(htlc.htlc_id, htlc.amount_msat, htlc.payment_hash)


def _sign_if_needed(state: Any, keys: ChannelKeys, sends: list) -> Any:
    """Sign the peer's next commitment when we have something to sign and may."""
    c = state.commitments
    if c.has_changes_to_sign and c.waiting is None and c.remote_next_point is not None:
        c, msg = c.send_commit(keys)
        sends.append(msg)
        state = replace(state, commitments=c)
    return state


def _finish(state: Any, sends: list, extra: list | None = None, persist: bool = True) -> Result:
    """Persist (if asked), then send, then report; then see whether shutdown can advance."""
    actions: list = [ev.PersistState(state)] if persist else []
    actions += [ev.SendMessage(msg) for msg in sends]
    actions += extra or []
    return state, actions


def _normal(state: st.Normal, event: Any, keys: ChannelKeys) -> Result:
    c = state.commitments
    setup = state.setup
    if isinstance(event, ev.Disconnected):
        c, dropped = c.discard_unsigned()
        upstream = [
            ev.HtlcFailed(u.id, u.amount_msat, u.payment_hash)
            for u in dropped
            if isinstance(u, m.UpdateAddHtlc)
        ]
        keep = tuple(u for u in dropped if not isinstance(u, m.UpdateAddHtlc | m.UpdateFee))
        inner = replace(state, commitments=c, resend=state.resend + keep)
        new = st.Offline(inner)
        return new, [ev.PersistState(new), *upstream]
    if isinstance(event, ev.CmdAddHtlc):
        if isinstance(state, st.ShuttingDown):
            raise ChannelCommandError("the channel is closing: no new HTLCs")
        c, msg = c.send_add(event, setup.policy)
        return replace(state, commitments=c), [ev.SendMessage(msg)]
    if isinstance(event, ev.CmdFulfillHtlc):
        c, msg = c.send_fulfill(event.htlc_id, event.preimage)
        new = replace(state, commitments=c)
        return new, [ev.PersistState(new), ev.SendMessage(msg)]
    if isinstance(event, ev.CmdFailHtlc):
        c, msg = c.send_fail(event.htlc_id, event.reason)
        return replace(state, commitments=c), [ev.SendMessage(msg)]
    if isinstance(event, ev.CmdFailMalformedHtlc):
        c, msg = c.send_fail_malformed(event.htlc_id, event.sha256_of_onion, event.failure_code)
        return replace(state, commitments=c), [ev.SendMessage(msg)]
    if isinstance(event, ev.CmdUpdateFee):
        c, msg = c.send_fee(event.feerate_per_kw)
        return replace(state, commitments=c), [ev.SendMessage(msg)]
    if isinstance(event, ev.CmdSign):
        sends: list = []
        new = _sign_if_needed(state, keys, sends)
        if not sends:
            return state, []
        return _finish(new, sends)
    if isinstance(event, ev.CmdClose):
        return _cmd_close(state, event, keys)
    if isinstance(event, m.UpdateAddHtlc):
        require(state.remote_shutdown is None, "update_add_htlc after the peer's shutdown")
        return replace(state, commitments=c.receive_add(event)), []
    if isinstance(event, m.UpdateFulfillHtlc | m.UpdateFailHtlc | m.UpdateFailMalformedHtlc):
        c, htlc = c.receive_remove(event)
        extra: list = []
        if isinstance(event, m.UpdateFulfillHtlc):
            extra.append(
                ev.HtlcSettled(htlc.htlc_id, htlc.amount_msat, htlc.payment_hash,
                               event.payment_preimage)
            )
        return replace(state, commitments=c), extra
    if isinstance(event, m.UpdateFee):
        return replace(state, commitments=c.receive_fee(event, setup.policy)), []
    if isinstance(event, m.CommitmentSigned):
        c, rev = c.receive_commit(event, keys)
        sends = [rev]
        new = _sign_if_needed(replace(state, commitments=c), keys, sends)
        return _advance_shutdown(new, sends, [], keys)
    if isinstance(event, m.RevokeAndAck):
        old_remote = c.remote_commit.view
        c, committed = c.receive_revocation(event)
        upstream: list = []
        for upd in committed:
            if isinstance(upd, m.UpdateAddHtlc):
                upstream.append(
                    ev.HtlcReceived(upd.id, upd.amount_msat, upd.payment_hash, upd.cltv_expiry,
                                    upd.onion_routing_packet, upd.blinding_point)
                )
            elif isinstance(upd, m.UpdateFailHtlc | m.UpdateFailMalformedHtlc):
                htlc = old_remote.find(RECEIVED, upd.id)
                if htlc is not None:
                    upstream.append(_htlc_failed(htlc, upd))
        sends = []
        new = _sign_if_needed(replace(state, commitments=c), keys, sends)
        return _advance_shutdown(new, sends, upstream, keys)
    if isinstance(event, m.Shutdown):
        return _on_shutdown(state, event, keys)
    if isinstance(event, m.ClosingSigned) and isinstance(state, st.ShuttingDown):
        return _early_closing_signed(state)
    if isinstance(event, m.ChannelReady):
        return state, []  # redundant after a reconnection: ignored
    if isinstance(event, ev.FundingDepthReached):
        return state, []
    raise _unexpected(state, event)


# -- shutdown --------------------------------------------------------------------------------


def _check_shutdown_script(setup: st.Setup, script: bytes, upfront: bytes, who: str) -> None:
    anysegwit = (setup.local_features & setup.remote_features).supports(
        "option_shutdown_anysegwit"
    )
    require(is_valid_shutdown_script(script, anysegwit), f"{who} shutdown script is not standard")
    if upfront:
        require(script == upfront, f"{who} shutdown script differs from its upfront script")


def _cmd_close(state: st.Normal, cmd: ev.CmdClose, keys: ChannelKeys) -> Result:
    if state.local_shutdown is not None:
        raise ChannelCommandError("shutdown already sent")
    c = state.commitments
    script = cmd.script if cmd.script is not None else state.setup.close_script
    try:
        _check_shutdown_script(
            state.setup, script, c.params.local.upfront_shutdown_script, "our"
        )
    except ChannelProtocolError as exc:
        raise ChannelCommandError(str(exc)) from None
    if c.local_changes.proposed and (c.waiting is not None or c.remote_next_point is None):
        raise ChannelCommandError("updates are waiting to be signed: try again shortly")
    sends: list = []
    new = _sign_if_needed(state, keys, sends)
    new = st.ShuttingDown(
        **{**new.__dict__, "local_shutdown": script, "closing_feerate": cmd.feerate_per_kw}
    )
    sends.append(m.Shutdown(channel_id=c.channel_id, scriptpubkey=script))
    return _advance_shutdown(new, sends, [], keys)


def _on_shutdown(state: st.Normal, msg: Any, keys: ChannelKeys) -> Result:
    c = state.commitments
    require(msg.channel_id == c.channel_id, "shutdown for another channel")
    if state.remote_shutdown is not None:
        require(msg.scriptpubkey == state.remote_shutdown, "a second, different shutdown")
        return state, []
    _check_shutdown_script(
        state.setup, msg.scriptpubkey, c.params.remote.upfront_shutdown_script, "the peer's"
    )
    new = st.ShuttingDown(**{**state.__dict__, "remote_shutdown": msg.scriptpubkey})
    return _advance_shutdown(new, [], [], keys)


def _early_closing_signed(state: st.ShuttingDown) -> Result:
    """BOLT 2: closing_signed comes only once the channel is empty of HTLCs and updates;
    until then its signature is for balances that are about to change. Electrum 4.3.4
    sends one early when our shutdown crosses its commitment_signed that we have not
    revoked for yet. Failing the channel would cost a force close with HTLCs on chain: a
    warning and a reconnection instead (the HTLCs settle after channel_reestablish, then
    the negotiation starts again, as BOLT 2 has it after any reconnection)."""
    warning = m.WarningMessage(
        channel_id=state.commitments.channel_id,
        data=b"closing_signed before the channel is empty of HTLCs and updates",
    )
    return state, [ev.SendMessage(warning), ev.Disconnect("closing_signed came too early")]


def _advance_shutdown(state: Any, sends: list, extra: list, keys: ChannelKeys) -> Result:
    """Reply to the peer's shutdown once our updates are signed; start negotiating once
    no HTLC and no update is left."""
    if isinstance(state, st.ShuttingDown):
        c = state.commitments
        if state.local_shutdown is None and not c.local_changes.proposed:
            script = state.setup.close_script
            sends.append(m.Shutdown(channel_id=c.channel_id, scriptpubkey=script))
            state = replace(state, local_shutdown=script)
        if (
            state.local_shutdown is not None
            and state.remote_shutdown is not None
            and c.has_no_htlcs
            and not c.has_pending_changes
        ):
            new, more = start_negotiation(state, keys)
            return _finish(new, sends + more, extra)
    return _finish(state, sends, extra)


def _negotiating(state: st.Negotiating, event: Any, keys: ChannelKeys) -> Result:
    if isinstance(event, ev.Disconnected):
        return st.Offline(state), []
    if isinstance(event, m.ClosingSigned):
        return on_closing_signed(state, event, keys)
    if isinstance(event, m.Shutdown | m.ChannelReady | ev.FundingDepthReached):
        return state, []
    if isinstance(event, ev.CmdClose):
        raise ChannelCommandError("already negotiating the closing fee")
    raise _unexpected(state, event)


def _closing(state: st.Closing, event: Any, keys: ChannelKeys) -> Result:
    if isinstance(event, ev.ClosingResolved):
        new = st.Closed(f"closed ({state.how}), resolved on chain"
                        + (f": {event.summary}" if event.summary else ""))
        return new, [ev.PersistState(new)]
    if isinstance(event, ev.Disconnected | ev.Reconnected | ev.FundingDepthReached):
        return state, []
    if isinstance(event, m.Message):
        return state, []  # the channel is closing: messages are ignored
    raise _unexpected(state, event)


def _closed(state: st.Closed, event: Any, keys: ChannelKeys) -> Result:
    if isinstance(event, m.Message | ev.Disconnected | ev.Reconnected):
        return state, []
    raise _unexpected(state, event)


def _wait_remote_publish(state: st.WaitForRemotePublish, event: Any, keys: ChannelKeys) -> Result:
    if isinstance(event, m.Message | ev.Disconnected | ev.Reconnected | ev.FundingDepthReached):
        return state, []
    raise _unexpected(state, event)


# -- offline / syncing -----------------------------------------------------------------------


def _offline(state: st.Offline, event: Any, keys: ChannelKeys) -> Result:
    from wallet.ln.channel.reestablish import our_reestablish

    inner = state.state
    if isinstance(event, ev.Reconnected):
        return st.Syncing(inner), [ev.SendMessage(our_reestablish(inner, keys))]
    if isinstance(event, ev.Disconnected):
        return state, []
    if isinstance(event, ev.FundingDepthReached) and isinstance(inner, st.WaitForFundingConfirmed):
        new_inner, _ = _wait_confirmed(inner, event, keys)  # channel_ready goes at reestablish
        new = st.Offline(new_inner)
        return new, [ev.PersistState(new)]
    if isinstance(event, ev.FundingDepthReached):
        return state, []
    raise ChannelCommandError("the peer is not connected")


def _syncing(state: st.Syncing, event: Any, keys: ChannelKeys) -> Result:
    from wallet.ln.channel.reestablish import on_reestablish

    if isinstance(event, ev.Disconnected):
        return st.Offline(state.state), []
    if isinstance(event, m.ChannelReestablish):
        return on_reestablish(state.state, event, keys)
    if isinstance(event, ev.FundingDepthReached):
        return state, []
    if isinstance(event, m.Message):
        raise ChannelProtocolError(f"{event.NAME} before channel_reestablish")
    raise ChannelCommandError("the channel is reconnecting")


_RESYNCABLE = (
    st.WaitForFundingConfirmed, st.WaitForChannelReady, st.Normal, st.Negotiating,
)

_HANDLERS: dict[type, Any] = {
    st.Idle: _idle,
    st.WaitForAcceptChannel: _wait_accept,
    st.WaitForFundingTx: _wait_funding_tx,
    st.WaitForFundingCreated: _wait_funding_created,
    st.WaitForFundingSigned: _wait_funding_signed,
    st.WaitForFundingConfirmed: _wait_confirmed,
    st.WaitForChannelReady: _wait_ready,
    st.Normal: _normal,
    st.ShuttingDown: _normal,
    st.Negotiating: _negotiating,
    st.Closing: _closing,
    st.Closed: _closed,
    st.WaitForRemotePublish: _wait_remote_publish,
    st.Offline: _offline,
    st.Syncing: _syncing,
}
