"""`closing_signed` fee negotiation (BOLT 2 "Legacy Closing Negotiation"), with the
`fee_range` TLV: the opener proposes a fee and a range, the other side picks a fee in the
overlap of both ranges, the opener confirms it. Without a `fee_range` from the peer, the
older rule applies: each counter-proposal lies strictly between the last two. Pure: no I/O.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from wallet.keys.lightning import ChannelKeys
from wallet.ln.channel import events as ev
from wallet.ln.channel import states as st
from wallet.ln.channel.errors import ChannelProtocolError, require
from wallet.ln.tx.closing_tx import (
    build_closing_tx,
    closing_balances_sat,
    closing_fee_sat,
    sign_closing,
    signed_closing_tx,
    verify_closing,
)
from wallet.ln.tx.signing import compact_to_der, der_to_compact
from wallet.ln.wire import messages as m


def our_range(neg: st.Negotiating) -> tuple[int, int, int]:
    """(proposed fee, min, max) from our target feerate. The opener never offers more than
    its balance; the other side pays nothing, so its maximum is the whole capacity."""
    c = neg.commitments
    spread = neg.setup.policy.closing_fee_spread
    target = closing_fee_sat(c, neg.local_script, neg.remote_script, neg.closing_feerate)
    low = max(1, target // spread)
    if c.params.is_opener:
        high = min(target * spread, c.local_commit.view.to_local_msat // 1000)
        low = min(low, high)
        return min(target, high), low, high
    return target, low, c.params.funding_sat


def start_negotiation(state: st.ShuttingDown, keys: ChannelKeys) -> tuple[st.Negotiating, list]:
    """Enter negotiation; the opener sends the first closing_signed."""
    c = state.commitments
    assert state.local_shutdown is not None and state.remote_shutdown is not None
    feerate = state.closing_feerate or c.local_commit.view.feerate_per_kw
    neg = st.Negotiating(
        state.setup, c, state.short_channel_id, state.local_shutdown, state.remote_shutdown,
        feerate,
    )
    if not c.params.is_opener:
        return neg, []
    fee, low, high = our_range(neg)
    return propose(neg, fee, (low, high), keys)


def propose(
    neg: st.Negotiating, fee: int, fee_range: tuple[int, int], keys: ChannelKeys
) -> tuple[st.Negotiating, list]:
    """Sign the closing transaction at `fee` (trimmed at our dust limit) and offer it."""
    c = neg.commitments
    built = build_closing_tx(
        c, neg.local_script, neg.remote_script, fee, c.params.local.dust_limit_sat
    )
    sig = der_to_compact(sign_closing(c, built.tx, keys.funding_private_key))
    msg = m.ClosingSigned(
        channel_id=c.channel_id, fee_satoshis=fee, signature=sig, fee_range=fee_range
    )
    return replace(neg, last_sent_fee=fee, our_range=fee_range), [msg]


def _their_variant(neg: st.Negotiating, fee: int, sig_der: bytes) -> Any:
    """The closing transaction the peer signed: trimmed at its dust limit (perhaps without
    its own output), or at ours."""
    c = neg.commitments
    p = c.params
    for dust, drop in (
        (p.remote.dust_limit_sat, False),
        (p.remote.dust_limit_sat, True),
        (p.local.dust_limit_sat, False),
    ):
        built = build_closing_tx(c, neg.local_script, neg.remote_script, fee, dust, drop_remote=drop)
        if built.tx.vout and verify_closing(c, built.tx, sig_der):
            return built
    raise ChannelProtocolError("closing_signed: the signature is valid for no closing transaction")


def _complete(
    neg: st.Negotiating, msg: Any, built: Any, their_der: bytes, keys: ChannelKeys, reply: bool
) -> tuple[Any, list]:
    c = neg.commitments
    ours = sign_closing(c, built.tx, keys.funding_private_key)
    raw = signed_closing_tx(c, built.tx, ours, their_der).serialize()
    new = st.Closing(neg.setup, c, st.CloseHow.MUTUAL, (raw,))
    actions: list = [ev.PersistState(new)]
    if reply:
        fee_range = neg.our_range or (msg.fee_satoshis, msg.fee_satoshis)
        answer = m.ClosingSigned(
            channel_id=c.channel_id,
            fee_satoshis=msg.fee_satoshis,
            signature=der_to_compact(ours),
            fee_range=fee_range,
        )
        actions.append(ev.SendMessage(answer))
    actions.append(ev.BroadcastTx(raw, ev.TxKind.MUTUAL_CLOSE))
    return new, actions


def on_closing_signed(neg: st.Negotiating, msg: Any, keys: ChannelKeys) -> tuple[Any, list]:
    c = neg.commitments
    require(msg.channel_id == c.channel_id, "closing_signed for another channel")
    fee = msg.fee_satoshis
    ours, theirs = closing_balances_sat(c, fee)
    require(min(ours, theirs) >= 0, "closing_signed: the fee exceeds the opener's balance")
    their_der = compact_to_der(msg.signature)
    built = _their_variant(neg, fee, their_der)
    if fee == neg.last_sent_fee:
        return _complete(neg, msg, built, their_der, keys, reply=False)
    _, low, high = our_range(neg)
    if neg.our_range is not None:
        low, high = neg.our_range
    opener = c.params.is_opener
    if msg.fee_range is not None:
        their_low, their_high = msg.fee_range
        if not opener:
            high = max(high, their_high)
        overlap_low, overlap_high = max(low, their_low), min(high, their_high)
        if overlap_low > overlap_high:
            warning = m.WarningMessage(
                channel_id=c.channel_id, data=b"closing fee ranges do not overlap"
            )
            return neg, [ev.SendMessage(warning)]
        if opener or neg.last_sent_fee is not None:
            require(
                overlap_low <= fee <= overlap_high,
                "closing_signed: fee outside the overlap of both fee ranges",
            )
            neg = replace(neg, our_range=(low, high))
            return _complete(neg, msg, built, their_der, keys, reply=True)
        neg = replace(neg, our_range=(low, high))
        if overlap_low <= fee <= overlap_high:
            return _complete(neg, msg, built, their_der, keys, reply=True)
        counter = min(max(fee, overlap_low), overlap_high)
        new, sends = propose(neg, counter, (low, high), keys)
        return new, [ev.PersistState(new), *[ev.SendMessage(s) for s in sends]]
    # legacy negotiation, without fee ranges
    if low <= fee <= high:
        neg = replace(neg, our_range=(low, high))
        return _complete(neg, msg, built, their_der, keys, reply=True)
    target = min(max(fee, low), high)
    if neg.last_sent_fee is not None:
        target = (fee + neg.last_sent_fee) // 2
        require(target not in (fee, neg.last_sent_fee), "closing fee negotiation is stuck")
    new, sends = propose(neg, target, (low, high), keys)
    return new, [ev.PersistState(new), *[ev.SendMessage(s) for s in sends]]
