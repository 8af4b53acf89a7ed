"""Opening a channel (BOLT 2 "Channel Establishment", pure): the funder's and the fundee's
phases from `Idle` to `Normal`, and a shutdown before channel_ready."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from bitcoin.core import CTransaction

from wallet.keys.lightning import ChannelKeys
from wallet.ln.channel import events as ev
from wallet.ln.channel import states as st
from wallet.ln.channel.commit_view import CommitView
from wallet.ln.channel.commitments import (
    ChannelParams,
    Commitments,
    LocalCommit,
    RemoteCommit,
    channel_id_from_funding,
    our_point,
)
from wallet.ln.channel.errors import ChannelCommandError, ChannelProtocolError, require, unexpected
from wallet.ln.channel.normal import cmd_close, on_shutdown
from wallet.ln.channel.params import (
    ChannelPolicy,
    SideParams,
    channel_type_bits,
    check_accept_channel,
    check_funding_amount,
    check_initial_balances,
    check_open_channel,
    is_zeroconf_type,
    parse_channel_type,
    side_params_from_message,
)
from wallet.ln.features import Features
from wallet.ln.tx.commitment_tx import ChannelType, build_commitment
from wallet.ln.tx.scripts import funding_output_script
from wallet.ln.tx.signing import compact_to_der, der_to_compact
from wallet.ln.wire import messages as m

Result = tuple[Any, list]

#: BOLT 2: the fundee forgets a channel whose funding transaction has not confirmed this many
#: blocks after it started waiting (the funder's coins, not ours: nothing of ours is lost)
FUNDING_TIMEOUT_BLOCKS = 2016
#: why an open ended when the peer went away before funding_signed (nothing was funded)
DISCONNECTED_BEFORE_FUNDING = "disconnected before the channel was funded"


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

def idle(state: st.Idle, event: Any, keys: ChannelKeys) -> Result:
    setup = state.setup
    if isinstance(event, ev.Disconnected):
        # stored before our open_channel left (or before the peer's was read), then the
        # connection or the process died: nothing was sent that commits us, nothing funded
        return st.Closed(DISCONNECTED_BEFORE_FUNDING), []
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
        if event.zeroconf and not event.scid_alias:
            raise ChannelCommandError("a zero-conf channel must use option_scid_alias")
        # BOLT 2: no channel_type with a feature the peer did not offer in init (LND and
        # CLN clients refuse such an open)
        if event.scid_alias and not setup.remote_features.supports("option_scid_alias"):
            raise ChannelCommandError("the peer does not support option_scid_alias")
        if event.zeroconf and not setup.remote_features.supports("option_zeroconf"):
            raise ChannelCommandError("the peer does not accept zero-conf channels "
                                      "(no option_zeroconf in its init)")
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
            channel_type=channel_type_bits(event.channel_type, event.scid_alias,
                                           event.zeroconf),
            **_basepoint_fields(keys),
        )
        return st.WaitForAcceptChannel(setup, msg, local, event.channel_type), [ev.SendMessage(msg)]
    if isinstance(event, m.OpenChannel):
        return _on_open_channel(state, event, keys)
    raise unexpected(state, event)

def wait_accept(state: st.WaitForAcceptChannel, event: Any, keys: ChannelKeys) -> Result:
    if isinstance(event, ev.Disconnected):
        return st.Closed(DISCONNECTED_BEFORE_FUNDING), []
    if not isinstance(event, m.AcceptChannel):
        raise unexpected(state, event)
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
        scid_alias=parse_channel_type(open_msg.channel_type, Features(),
                                      allow_zeroconf=True)[1],
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

def wait_funding_tx(state: st.WaitForFundingTx, event: Any, keys: ChannelKeys) -> Result:
    if isinstance(event, ev.Disconnected):
        return st.Closed(DISCONNECTED_BEFORE_FUNDING), []
    if not isinstance(event, ev.FundingTxReady):
        raise unexpected(state, event)
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
    # 0: zero-conf (we funded it; channel_ready goes out with the broadcast)
    depth = 0 if is_zeroconf_type(state.open.channel_type) else max(1, state.accept.minimum_depth)
    new = st.WaitForFundingSigned(
        state.setup, c, state.open.temporary_channel_id, depth, bytes(event.raw)
    )
    return new, [ev.PersistState(new), ev.SendMessage(msg)]

def wait_funding_signed(state: st.WaitForFundingSigned, event: Any, keys: ChannelKeys) -> Result:
    if isinstance(event, ev.Disconnected):
        return st.Closed(DISCONNECTED_BEFORE_FUNDING), []
    if not isinstance(event, m.FundingSigned):
        raise unexpected(state, event)
    c = state.commitments
    require(event.channel_id == c.channel_id, "funding_signed for another channel_id")
    _verify_local_initial(c, keys, event.signature)
    c = replace(c, local_commit=replace(c.local_commit, remote_sig=event.signature))
    p = c.params
    if state.minimum_depth == 0:  # zero-conf: usable as soon as both channel_ready are in
        new: Any = st.WaitForChannelReady(state.setup, c, None)
        return new, [
            ev.PersistState(new),
            ev.BroadcastTx(state.funding_raw, ev.TxKind.FUNDING),
            ev.WatchFundingOutput(p.funding_txid, p.funding_output_index,
                                  p.funding_script_pubkey, p.funding_sat, 1),
            ev.SendMessage(_channel_ready(c, state.setup, keys)),
        ]
    new = st.WaitForFundingConfirmed(state.setup, c, state.minimum_depth, state.funding_raw)
    return new, [
        ev.PersistState(new),
        ev.BroadcastTx(state.funding_raw, ev.TxKind.FUNDING),
        ev.WatchFundingOutput(
            p.funding_txid, p.funding_output_index, p.funding_script_pubkey, p.funding_sat,
            state.minimum_depth
        ),
    ]

def check_inbound_open(
    msg: Any, *, policy: ChannelPolicy, chain_hash: bytes, remote_features: Features,
    has_alias: bool, allow_zeroconf: bool = False,
) -> tuple[ChannelType, bool]:
    """Every check of the peer's open_channel (raises ChannelProtocolError): the machine
    runs it, and the shell before it stores or allocates anything for the channel, so that
    a refused open leaves nothing behind. Returns the channel type and its scid_alias."""
    channel_type, scid_alias = check_open_channel(
        msg, policy=policy, chain_hash=chain_hash, remote_features=remote_features,
        allow_zeroconf=allow_zeroconf,
    )
    require(not scid_alias or has_alias,
            "open_channel asks for option_scid_alias but we have no alias to give")
    require(not (scid_alias and msg.channel_flags & 1),
            "open_channel: an announced channel cannot use option_scid_alias")
    return channel_type, scid_alias

def _on_open_channel(state: st.Idle, msg: Any, keys: ChannelKeys) -> Result:
    setup = state.setup
    policy = setup.policy
    channel_type, _ = check_inbound_open(
        msg, policy=policy, chain_hash=setup.chain_hash, remote_features=setup.remote_features,
        has_alias=setup.local_alias is not None, allow_zeroconf=setup.zeroconf_peer,
    )
    zeroconf = is_zeroconf_type(msg.channel_type)
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
        minimum_depth=0 if zeroconf else policy.minimum_depth,
        to_self_delay=local.to_self_delay,
        max_accepted_htlcs=local.max_accepted_htlcs,
        upfront_shutdown_script=setup.upfront_script,
        channel_type=msg.channel_type,
        **_basepoint_fields(keys),
    )
    new = st.WaitForFundingCreated(setup, msg, accept, local, remote, channel_type)
    return new, [ev.SendMessage(accept)]

def wait_funding_created(state: st.WaitForFundingCreated, event: Any, keys: ChannelKeys) -> Result:
    if isinstance(event, ev.Disconnected):
        return st.Closed(DISCONNECTED_BEFORE_FUNDING), []
    if isinstance(event, m.OpenChannel):  # a new open after a reconnection replaces the old
        return _on_open_channel(st.Idle(state.setup), event, keys)
    if not isinstance(event, m.FundingCreated):
        raise unexpected(state, event)
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
    p = c.params
    if is_zeroconf_type(state.open.channel_type):  # checked: a peer we may trust so
        ready: Any = st.WaitForChannelReady(state.setup, c, None)
        return ready, [
            ev.PersistState(ready),
            ev.SendMessage(reply),
            ev.SendMessage(_channel_ready(c, state.setup, keys)),
            ev.WatchFundingOutput(p.funding_txid, p.funding_output_index,
                                  p.funding_script_pubkey, p.funding_sat, 1),
        ]
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
        return cmd_close(normal, event, keys)
    return on_shutdown(normal, event, keys)

def wait_confirmed(state: st.WaitForFundingConfirmed, event: Any, keys: ChannelKeys) -> Result:
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
    raise unexpected(state, event)

def wait_ready(state: st.WaitForChannelReady, event: Any, keys: ChannelKeys) -> Result:
    if isinstance(event, ev.Disconnected):
        return st.Offline(state), []
    if isinstance(event, ev.FundingDepthReached):
        if state.short_channel_id is None:  # a zero-conf channel confirmed
            new_ready = replace(state, short_channel_id=event.short_channel_id)
            return new_ready, [ev.PersistState(new_ready)]
        return state, []
    if isinstance(event, m.Shutdown | ev.CmdClose):
        return _close_before_ready(state, event, keys)
    if isinstance(event, m.ChannelReady):
        c = _take_remote_ready(state.commitments, event)
        new = st.Normal(state.setup, c, state.short_channel_id, event.alias_scid)
        return new, [ev.PersistState(new)]
    raise unexpected(state, event)


def funding_timeout(state: Any, height: int) -> Result | None:
    """A new block for the fundee of a channel still waiting for its funding transaction:
    the first one is noted (persisted once), and FUNDING_TIMEOUT_BLOCKS later the channel is
    forgotten (Closed, so the shell stops polling its funding). None when the block changes
    nothing here."""
    inner = st.unwrap(state)
    if not isinstance(inner, st.WaitForFundingConfirmed) or inner.commitments.params.is_opener:
        return None
    if inner.waiting_since is None:
        new = st.rewrap(state, replace(inner, waiting_since=height))
        return new, [ev.PersistState(new)]
    if height - inner.waiting_since < FUNDING_TIMEOUT_BLOCKS:
        return None
    reason = (f"the funding transaction did not confirm within {FUNDING_TIMEOUT_BLOCKS} "
              "blocks: channel forgotten")
    closed = st.Closed(reason)
    actions: list = [ev.PersistState(closed)]
    if not isinstance(state, st.Offline):
        error = m.ErrorMessage(channel_id=inner.commitments.channel_id, data=reason.encode())
        actions.append(ev.SendMessage(error))
    return closed, [*actions, ev.ChannelError(reason)]
