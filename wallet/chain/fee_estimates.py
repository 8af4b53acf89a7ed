"""Fee estimates from Electrum servers, turned into one rate we are willing to pay.

A server's estimate is a claim like any other: one that says 0.5 BTC/kvB (50,000 sat/vB)
would make a send burn the amount in fees. Estimates above `MAX_FEERATE` are refused as
absurd; when several servers gave one, the median of the believable ones is taken, so a
single liar moves nothing. A fee that is still high (`HIGH_FEERATE`, or more than
`HIGH_FEE_SHARE` of the amount sent) is sent only after the user confirmed it.
Pure code: no I/O.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable
from dataclasses import dataclass

SAT_PER_VB_PER_BTC_PER_KVB = 1e5
MIN_FEERATE = 1.0  # sat/vB, the network's usual relay floor
#: sat/vB; no estimate above this is believed (mainnet's worst hours stayed well below it)
MAX_FEERATE = 2_000.0
#: sat/vB; above this a send needs the user's confirmation
HIGH_FEERATE = 100.0
#: a fee above this share of the amount sent needs the user's confirmation
HIGH_FEE_SHARE = 0.10


@dataclass(frozen=True)
class FeeChoice:
    """The rate chosen (sat/vB, None when no estimate could be believed) and why."""

    rate: float | None
    believed: tuple[float, ...]
    refused: tuple[float, ...]


def to_sat_per_vb(btc_per_kvb: float) -> float:
    """BTC/kvB (what servers speak) to sat/vB; never raises (inf stays inf)."""
    return btc_per_kvb * SAT_PER_VB_PER_BTC_PER_KVB


def believable(rate: float) -> bool:
    """A finite, non-negative rate not above the ceiling."""
    return math.isfinite(rate) and 0 <= rate <= MAX_FEERATE


def choose_feerate(estimates: Iterable[float | None], relay: float | None) -> FeeChoice:
    """One rate from the servers' estimates and the main server's relay fee (sat/vB).

    Unknown estimates (None) are skipped; absurd ones refused. With no believable estimate
    the relay floor is used only if no server gave an absurd one: a server that says
    "50,000 sat/vB" while nobody contradicts it leaves us without a rate, not at the floor.
    """
    given = [e for e in estimates if e is not None]
    ok = tuple(e for e in given if believable(e))
    refused = tuple(e for e in given if not believable(e))
    if relay is not None and not believable(relay):
        return FeeChoice(None, ok, refused + (relay,))
    floor = max(MIN_FEERATE, relay or 0.0)
    if ok:
        return FeeChoice(round(max(floor, statistics.median(ok)), 3), ok, refused)
    if refused:
        return FeeChoice(None, ok, refused)
    return FeeChoice(round(floor, 3), ok, refused)


def high_fee_reason(fee_sat: int, amount_sat: int, feerate: float) -> str | None:
    """Why this fee needs the user's confirmation, or None when it does not."""
    if feerate > HIGH_FEERATE:
        return (f"the fee rate of {feerate:g} sat/vB is above {HIGH_FEERATE:g} sat/vB "
                f"(fee {fee_sat:,} sat)")
    if amount_sat > 0 and fee_sat > HIGH_FEE_SHARE * amount_sat:
        return (f"the fee of {fee_sat:,} sat is more than {HIGH_FEE_SHARE:.0%} of the "
                f"{amount_sat:,} sat sent")
    return None


LEVELS = ("slow", "normal", "fast")


def ordered(levels: dict[str, float]) -> dict[str, float]:
    """Fee levels that never contradict their names: slow <= normal <= fast (a server's
    slow estimate above its fast one is lowered to it, and the other way round)."""
    normal = levels["normal"]
    return {"slow": min(levels["slow"], normal), "normal": normal,
            "fast": max(levels["fast"], normal)}
