"""The LSP's decision for an HTLC whose next hop is a JIT scid it sold (bLIP-52 step 4),
pure: how much goes to the client, the fee deducted (sent as bLIP-25 `extra_fee`), how big
a channel to open, or why the HTLC is failed and with which BOLT 4 code.

Kite's LSP takes one HTLC per JIT payment (no MPP gathering at the LSP yet): in fixed-size
mode it must carry at least the size bought; in variable mode the fee is computed on it and
must leave at least the client's `htlc_minimum_msat` (`unknown_next_peer` otherwise, as the
spec says). The channel is `CHANNEL_FACTOR` times what the client receives plus
`CHANNEL_MARGIN_SAT` (the LSP's reserve and commitment fees), at least `MIN_CHANNEL_SAT`.
"""

from __future__ import annotations

from dataclasses import dataclass

from wallet.lsp.lsps2 import FeeOverflow, Purchase

MIN_CHANNEL_SAT = 100_000
CHANNEL_FACTOR = 2
CHANNEL_MARGIN_SAT = 20_000

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
