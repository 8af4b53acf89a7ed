"""Normal operation and shutdown (BOLT 2, pure): HTLC updates, commitment signatures and
revocations, `update_fee`, then `shutdown` until no HTLC is left and the closing fee
negotiation starts. `sign_if_needed`, `advance_shutdown` and `finish` are the steps that
channel_reestablish shares."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from wallet.keys.lightning import ChannelKeys
from wallet.ln.channel import events as ev
from wallet.ln.channel import states as st
from wallet.ln.channel.commit_view import RECEIVED
from wallet.ln.channel.commitments import MAX_UNSIGNED_REMOTE_UPDATES, Commitments
from wallet.ln.channel.errors import ChannelCommandError, ChannelProtocolError, require, unexpected
from wallet.ln.channel.negotiation import (
    on_closing_signed,
    start_negotiation,
)
from wallet.ln.channel.params import is_valid_shutdown_script
from wallet.ln.features import both_support
from wallet.ln.wire import messages as m

Result = tuple[Any, list]


def htlc_failed(htlc: Any, upd: Any) -> ev.HtlcFailed:
    if isinstance(upd, m.UpdateFailMalformedHtlc):
        return ev.HtlcFailed(
            htlc.htlc_id, htlc.amount_msat, htlc.payment_hash,
            failure_code=upd.failure_code, sha256_of_onion=upd.sha256_of_onion,
        )
    if isinstance(upd, m.UpdateFailHtlc):
        return ev.HtlcFailed(htlc.htlc_id, htlc.amount_msat, htlc.payment_hash, reason=upd.reason)
    return ev.HtlcFailed(htlc.htlc_id, htlc.amount_msat, htlc.payment_hash)

def sign_if_needed(state: Any, keys: ChannelKeys, sends: list) -> Any:
    """Sign the peer's next commitment when we have something to sign and may."""
    c = state.commitments
    if c.has_changes_to_sign and c.waiting is None and c.remote_next_point is not None:
        c, msg = c.send_commit(keys)
        sends.append(msg)
        state = replace(state, commitments=c)
    return state

def finish(state: Any, sends: list, extra: list | None = None) -> Result:
    """Persist, then send, then report: the order every committing step needs."""
    actions: list = [ev.PersistState(state)]
    actions += [ev.SendMessage(msg) for msg in sends]
    actions += extra or []
    return state, actions

def normal(state: st.Normal, event: Any, keys: ChannelKeys) -> Result:
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
        new = sign_if_needed(state, keys, sends)
        if not sends:
            return state, []
        return finish(new, sends)
    if isinstance(event, ev.CmdClose):
        return cmd_close(state, event, keys)
    if isinstance(event, m.UpdateAddHtlc):
        require(state.remote_shutdown is None, "update_add_htlc after the peer's shutdown")
        return _capped(state, c.receive_add(event), [])
    if isinstance(event, m.UpdateFulfillHtlc | m.UpdateFailHtlc | m.UpdateFailMalformedHtlc):
        c, htlc = c.receive_remove(event)
        extra: list = []
        if isinstance(event, m.UpdateFulfillHtlc):
            extra.append(
                ev.HtlcSettled(htlc.htlc_id, htlc.amount_msat, htlc.payment_hash,
                               event.payment_preimage)
            )
        return _capped(state, c, extra)
    if isinstance(event, m.UpdateFee):
        return _capped(state, c.receive_fee(event, setup.policy), [])
    if isinstance(event, m.CommitmentSigned):
        c, rev = c.receive_commit(event, keys)
        sends = [rev]
        new = sign_if_needed(replace(state, commitments=c), keys, sends)
        return advance_shutdown(new, sends, [], keys)
    if isinstance(event, m.RevokeAndAck):
        old_remote = c.remote_commit.view
        c, committed = c.receive_revocation(event)
        upstream: list = []
        for upd in committed:
            if isinstance(upd, m.UpdateAddHtlc):
                upstream.append(
                    ev.HtlcReceived(upd.id, upd.amount_msat, upd.payment_hash, upd.cltv_expiry,
                                    upd.onion_routing_packet, upd.blinding_point,
                                    upd.extra_fee)
                )
            elif isinstance(upd, m.UpdateFailHtlc | m.UpdateFailMalformedHtlc):
                htlc = old_remote.find(RECEIVED, upd.id)
                if htlc is not None:
                    upstream.append(htlc_failed(htlc, upd))
        sends = []
        new = sign_if_needed(replace(state, commitments=c), keys, sends)
        return advance_shutdown(new, sends, upstream, keys)
    if isinstance(event, m.Shutdown):
        return on_shutdown(state, event, keys)
    if isinstance(event, m.ClosingSigned) and isinstance(state, st.ShuttingDown):
        return _early_closing_signed(state)
    if isinstance(event, m.ChannelReady):
        return state, []  # redundant after a reconnection: ignored
    if isinstance(event, ev.FundingDepthReached):
        if state.short_channel_id is None and isinstance(state, st.Normal):
            new = replace(state, short_channel_id=event.short_channel_id)  # zero-conf confirmed
            return new, [ev.PersistState(new)]
        return state, []
    raise unexpected(state, event)

def _capped(state: st.Normal, c: Commitments, extra: list) -> Result:
    """Take the peer's update unless it is more than MAX_UNSIGNED_REMOTE_UPDATES since its
    last commitment_signed: then a warning and a disconnection, the update not taken (see
    the constant's comment; an honest peer sends it again after channel_reestablish)."""
    if c.remote_updates_unsigned <= MAX_UNSIGNED_REMOTE_UPDATES:
        return replace(state, commitments=c), extra
    warning = m.WarningMessage(
        channel_id=c.channel_id,
        data=b"too many updates without commitment_signed: disconnecting",
    )
    return state, [ev.SendMessage(warning),
                   ev.Disconnect("the peer sent too many unsigned updates")]

def _check_shutdown_script(setup: st.Setup, script: bytes, upfront: bytes, who: str) -> None:
    anysegwit = both_support(setup.local_features, setup.remote_features,
                             "option_shutdown_anysegwit")
    require(is_valid_shutdown_script(script, anysegwit), f"{who} shutdown script is not standard")
    if upfront:
        require(script == upfront, f"{who} shutdown script differs from its upfront script")

def cmd_close(state: st.Normal, cmd: ev.CmdClose, keys: ChannelKeys) -> Result:
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
    new = sign_if_needed(state, keys, sends)
    new = st.ShuttingDown(
        **{**new.__dict__, "local_shutdown": script, "closing_feerate": cmd.feerate_per_kw}
    )
    sends.append(m.Shutdown(channel_id=c.channel_id, scriptpubkey=script))
    return advance_shutdown(new, sends, [], keys)

def on_shutdown(state: st.Normal, msg: Any, keys: ChannelKeys) -> Result:
    """The peer's shutdown. A script BOLT 2 does not allow, or one that is not the peer's
    upfront script, is refused without failing the channel (a force close would cost both
    sides fees for what a corrected shutdown fixes): BOLT 2's receiving node "SHOULD send a
    `warning`" for the first and, for the second, "MAY send a `warning`. MUST fail the
    connection." The channel stays as it was."""
    c = state.commitments
    require(msg.channel_id == c.channel_id, "shutdown for another channel")
    if state.remote_shutdown is not None:
        require(msg.scriptpubkey == state.remote_shutdown, "a second, different shutdown")
        return state, []
    anysegwit = both_support(state.setup.local_features, state.setup.remote_features,
                             "option_shutdown_anysegwit")
    if not is_valid_shutdown_script(msg.scriptpubkey, anysegwit):
        return state, [ev.SendMessage(m.WarningMessage(
            channel_id=c.channel_id,
            data=b"shutdown refused: the script is not one BOLT 2 allows"))]
    upfront = c.params.remote.upfront_shutdown_script
    if upfront and msg.scriptpubkey != upfront:
        return state, [ev.SendMessage(m.WarningMessage(
            channel_id=c.channel_id,
            data=b"shutdown refused: the script is not your upfront shutdown script")),
            ev.Disconnect("the peer's shutdown script is not its upfront script")]
    new = st.ShuttingDown(**{**state.__dict__, "remote_shutdown": msg.scriptpubkey})
    return advance_shutdown(new, [], [], keys)

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

def advance_shutdown(state: Any, sends: list, extra: list, keys: ChannelKeys) -> Result:
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
            return finish(new, sends + more, extra)
    return finish(state, sends, extra)

def negotiating(state: st.Negotiating, event: Any, keys: ChannelKeys) -> Result:
    if isinstance(event, ev.Disconnected):
        return st.Offline(state), []
    if isinstance(event, m.ClosingSigned):
        return on_closing_signed(state, event, keys)
    if isinstance(event, m.Shutdown | m.ChannelReady | ev.FundingDepthReached):
        return state, []
    if isinstance(event, ev.CmdClose):
        raise ChannelCommandError("already negotiating the closing fee")
    raise unexpected(state, event)

