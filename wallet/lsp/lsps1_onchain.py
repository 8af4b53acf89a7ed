"""The LSP's decisions on an LSPS1 order paid on-chain (bLIP-51 §3.3). Pure: given the order,
the coins seen at its address (value, first seen, confirmation height, whether already
credited or refunded), the time and the tip, what to do: wait, take the payment (PAID),
fail the order at its expiry, and which coins a refund covers.

Why each rule:
- Only coins with `min_onchain_payment_confirmations` (at least 1: Kite offers no zero-conf
  payment) are credited or refunded: an unconfirmed coin may still be double-spent.
- Coins are credited in the order they were first seen, until they reach the total: the
  rest of them is not needed and goes back.
- A coin counts for the order when first seen before its expiry. One seen before the expiry
  that confirms after it still pays the order, within `CONFIRM_GRACE` after the expiry (a
  client that paid in time is not punished for a slow block); coins seen in time that do not
  reach the total fail the order at the expiry.
- Every coin not needed is refunded once confirmed: beyond the total, seen after the expiry,
  arriving once the order is COMPLETED or FAILED, or once it was paid over Lightning.
- The excess of the credited coins over the total is refunded once the order is COMPLETED;
  when the open fails (FAILED with the payment PAID) the credited coins are refunded whole.
  A coin is covered by one refund only (its debt settled once): never refunded twice.
- A refund is the coins' value less the fee of a transaction spending them to the refund
  address at the current fee rate (`refund_vsize`); below the address's dust limit none is
  made (`dust_limit`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from wallet.lsp import lsps1

#: a coin seen before the expiry still pays the order if it confirms within this after it
CONFIRM_GRACE = timedelta(hours=24)
Outpoint = tuple[str, int]


@dataclass(frozen=True)
class SeenCoin:
    """A coin paying the order's address: `height` > 0 once confirmed in that block."""

    outpoint: Outpoint
    value: int
    first_seen: datetime
    height: int
    credited: bool = False  # counted for the order's payment
    refunded: bool = False  # covered by a refund (made, recorded, or too small to make)


@dataclass(frozen=True)
class Decision:
    """What to do now: credit `paid` (the order is PAID), `fail` the order (expired unpaid),
    and refund `refund_sat` (before the transaction's fee) covering the coins `refund`."""

    paid: tuple[Outpoint, ...] = ()
    fail: bool = False
    refund: tuple[Outpoint, ...] = ()
    refund_sat: int = 0

    @property
    def nothing(self) -> bool:
        return not self.paid and not self.fail and not self.refund


def confirmations(height: int, tip: int) -> int:
    return 0 if height <= 0 else max(0, tip - height + 1)


def decide(order: lsps1.Order, coins: list[SeenCoin], now: datetime, tip: int) -> Decision:
    """The next step for an order with an on-chain payment (see the module's rules)."""
    o = order.onchain
    assert o is not None
    depth = max(1, o.min_onchain_payment_confirmations)

    def ready(c: SeenCoin) -> bool:
        return confirmations(c.height, tip) >= depth

    loose = [c for c in coins if not c.credited and not c.refunded]
    lightning_taken = order.bolt11 is not None and order.bolt11.state in (lsps1.HOLD,
                                                                          lsps1.PAID)
    if order.order_state == lsps1.CREATED and o.state == lsps1.EXPECT_PAYMENT \
            and not lightning_taken:
        timely = sorted((c for c in loose if c.first_seen < o.expires_at),
                        key=lambda c: (c.first_seen, c.outpoint))
        late = [c for c in loose if c.first_seen >= o.expires_at and ready(c)]
        in_grace = now < o.expires_at + CONFIRM_GRACE
        taken: list[SeenCoin] = []
        for c in timely:
            if sum(t.value for t in taken) >= o.order_total_sat:
                break
            if ready(c):
                taken.append(c)
        if sum(c.value for c in taken) >= o.order_total_sat and in_grace:
            rest = [c for c in timely if ready(c) and c not in taken] + late
            return Decision(paid=tuple(c.outpoint for c in taken),
                            refund=tuple(c.outpoint for c in rest),
                            refund_sat=sum(c.value for c in rest))
        if now < o.expires_at or (in_grace and sum(c.value for c in timely)
                                  >= o.order_total_sat):
            return _refund(late, 0)  # wait (for the payment, or its confirmations)
        return replace_fail(_refund([c for c in loose if ready(c)], 0))
    # settled, paid, or paid over Lightning: every confirmed loose coin goes back
    extra = [c for c in loose if ready(c)]
    credited = [c for c in coins if c.credited and not c.refunded]
    owed = 0
    if credited and order.order_state == lsps1.COMPLETED:
        excess = sum(c.value for c in credited) - o.order_total_sat
        if excess > 0:
            extra, owed = extra + credited, excess
    elif credited and order.order_state == lsps1.FAILED:
        extra, owed = extra + credited, sum(c.value for c in credited)
    return _refund(extra, owed)


def _refund(coins: list[SeenCoin], owed: int) -> Decision:
    """A refund of the coins not credited in `coins` whole, plus `owed` for credited ones."""
    if not coins:
        return Decision()
    whole = sum(c.value for c in coins if not c.credited)
    return Decision(refund=tuple(c.outpoint for c in coins), refund_sat=whole + owed)


def replace_fail(d: Decision) -> Decision:
    return Decision(paid=d.paid, fail=True, refund=d.refund, refund_sat=d.refund_sat)


# -- the refund's size and dust -------------------------------------------------------------------

#: a segwit transaction's fixed part (version, locktime, counts, marker: 10.5 vB, rounded up)
TX_OVERHEAD_VB = 11
#: one P2WPKH input (the LSP's wallet): outpoint, sequence, empty script, witness / 4
P2WPKH_INPUT_VB = 68
#: the change output back to the wallet (P2WPKH)
CHANGE_OUTPUT_VB = 31


def refund_vsize(inputs: int, refund_script: bytes) -> int:
    """The size charged for a refund: as if it spent the `inputs` refunded coins (P2WPKH,
    the LSP's own addresses) to the refund address, with a change output. The wallet's real
    transaction may pick other coins; the client gets the same amount either way."""
    return TX_OVERHEAD_VB + P2WPKH_INPUT_VB * max(1, inputs) + 9 + len(refund_script) \
        + CHANGE_OUTPUT_VB


def refund_amount(owed_sat: int, inputs: int, refund_script: bytes, feerate: float) -> int:
    """bLIP-51: what is owed less the refund transaction's size times the fee rate."""
    return owed_sat - math.ceil(refund_vsize(inputs, refund_script) * feerate)


def dust_limit(script: bytes) -> int:
    """Bitcoin Core's dust threshold (3 sat/vB to create and spend) for an output paying
    `script`: an output below it does not relay."""
    if len(script) == 22 and script[:2] == b"\x00\x14":
        return 294  # P2WPKH
    if len(script) == 34 and script[0] in (0x00, 0x51) and script[1] == 0x20:
        return 330  # P2WSH, P2TR
    if len(script) == 23 and script[0] == 0xA9:
        return 540  # P2SH
    return 546  # P2PKH and anything else
