"""The LSP's decision for an HTLC whose next hop is a JIT scid it sold (bLIP-52 step 4),
pure: how much goes to the client, the fee deducted (sent as bLIP-25 `extra_fee`), how big
a channel to open, or why the HTLC is failed and with which BOLT 4 code.

In variable mode (no size bought) one HTLC is the payment (its invoice offers no MPP): the
fee is computed on it and must leave at least the client's `htlc_minimum_msat`
(`unknown_next_peer` otherwise, as the spec says). In fixed-size mode the payer may pay with
several parts (MPP): `plan_parts` waits until their onion amounts reach the size bought
(at most `MAX_PARTS`; the shell fails them all after `MPP_TIMEOUT_SECONDS`), then takes the
fee from the parts in arrival order, each keeping at least `htlc_minimum_msat`: each
forwarded part carries what was taken from it as its `extra_fee`. The channel is `CHANNEL_FACTOR` times what the client receives plus
`CHANNEL_MARGIN_SAT` (the LSP's reserve and commitment fees), at least `MIN_CHANNEL_SAT`.
"""

from __future__ import annotations

from dataclasses import dataclass

from wallet.lsp.lsps2 import FeeOverflow, Purchase

MIN_CHANNEL_SAT = 100_000
CHANNEL_FACTOR = 2
CHANNEL_MARGIN_SAT = 20_000

#: parts of one JIT payment the LSP gathers at most (more: all failed)
MAX_PARTS = 16
#: seconds the LSP waits for the parts to reach the size bought (bLIP-52: at least 90)
MPP_TIMEOUT_SECONDS = 90.0

UNKNOWN_NEXT_PEER = "unknown_next_peer"
INCORRECT_CLTV = "incorrect_cltv_expiry"


@dataclass(frozen=True)
class JitForward:
    amount_msat: int  # what the client gets
    fee_msat: int  # the opening fee deducted (extra_fee)
    channel_sat: int


@dataclass(frozen=True)
class JitRefusal:
    code: str
    why: str


def plan(purchase: Purchase, amt_to_forward: int, incoming_cltv: int, outgoing_cltv: int,
         cltv_expiry_delta: int, htlc_minimum_msat: int = 1) -> JitForward | JitRefusal:
    if incoming_cltv - outgoing_cltv < cltv_expiry_delta:
        return JitRefusal(INCORRECT_CLTV, "CLTV delta below the one promised in the buy")
    if purchase.payment_size_msat is not None:
        if amt_to_forward < purchase.payment_size_msat:
            return JitRefusal(UNKNOWN_NEXT_PEER,
                              "a JIT payment part smaller than the size bought (no MPP yet)")
        assert purchase.opening_fee_msat is not None
        fee = purchase.opening_fee_msat
    else:
        p = purchase.params
        if not p.min_payment_size_msat <= amt_to_forward <= p.max_payment_size_msat:
            return JitRefusal(UNKNOWN_NEXT_PEER, "payment outside the offer's size range")
        try:
            fee = p.fee_for(amt_to_forward)
        except FeeOverflow:
            return JitRefusal(UNKNOWN_NEXT_PEER, "the opening fee overflows")
    if fee + htlc_minimum_msat > amt_to_forward:
        return JitRefusal(UNKNOWN_NEXT_PEER, "the payment does not cover the opening fee")
    out = amt_to_forward - fee
    channel = max(MIN_CHANNEL_SAT, CHANNEL_FACTOR * (-(-out // 1000)) + CHANNEL_MARGIN_SAT)
    return JitForward(out, fee, channel)


@dataclass(frozen=True)
class PartsForward:
    """What each gathered part carries on (in arrival order), and the channel to open."""
    amounts_msat: tuple[int, ...]  # what the client gets from each part
    fees_msat: tuple[int, ...]  # taken from each part (its extra_fee)
    channel_sat: int


def check_cltv(incoming_cltv: int, outgoing_cltv: int,
               cltv_expiry_delta: int) -> JitRefusal | None:
    """Each part must leave the LSP the CLTV delta it promised in the buy."""
    if incoming_cltv - outgoing_cltv < cltv_expiry_delta:
        return JitRefusal(INCORRECT_CLTV, "CLTV delta below the one promised in the buy")
    return None


def plan_parts(purchase: Purchase, amounts_msat: list[int] | tuple[int, ...],
               htlc_minimum_msat: int = 1) -> PartsForward | JitRefusal | None:
    """The parts gathered so far for a sale of a fixed size (their onions' amounts, in
    arrival order): None to wait for more, a refusal for all of them, or the plan."""
    size = purchase.payment_size_msat
    if size is None:
        return JitRefusal(UNKNOWN_NEXT_PEER, "parts for a variable-amount sale (no MPP)")
    assert purchase.opening_fee_msat is not None
    if not amounts_msat or min(amounts_msat) <= 0:
        return JitRefusal(UNKNOWN_NEXT_PEER, "a JIT payment part of nothing")
    if sum(amounts_msat) < size:
        if len(amounts_msat) >= MAX_PARTS:
            return JitRefusal(UNKNOWN_NEXT_PEER,
                              f"more than {MAX_PARTS} parts for one JIT payment")
        return None
    left = purchase.opening_fee_msat
    fees = []
    for amount in amounts_msat:
        take = max(0, min(left, amount - htlc_minimum_msat))
        fees.append(take)
        left -= take
    if left:
        return JitRefusal(UNKNOWN_NEXT_PEER, "the payment does not cover the opening fee")
    outs = tuple(a - f for a, f in zip(amounts_msat, fees, strict=True))
    received = sum(outs)
    channel = max(MIN_CHANNEL_SAT, CHANNEL_FACTOR * (-(-received // 1000)) + CHANNEL_MARGIN_SAT)
    return PartsForward(outs, tuple(fees), channel)
