"""How much the wallet's channels can receive now: the bound LUD-03 asks a wallet to put on
a withdrawal ("max can receive = min(maxWithdrawable, local estimation of how much can be
routed into wallet)"), so that Kite never hands a service an invoice it cannot be paid.

An estimate from the channel list (`ChannelManager.describe` rows), on the low side: in each
usable channel, the peer's balance less the reserve it must keep (what we asked: 1% of the
capacity, at least the dust limit) and, when the peer opened the channel and so pays its
fees, an allowance for the commitment fee the new HTLC adds. Pure code.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

RESERVE_PPM = 10_000  # 1%: the reserve Kite asks a peer to keep (BOLT 2's suggestion)
MIN_RESERVE_SAT = 546  # no reserve below the dust limit
FEE_ALLOWANCE_SAT = 1_000  # a peer that opened the channel pays the fee of each new HTLC


def usable(channel: dict[str, Any]) -> bool:
    state = str(channel.get("state") or "")
    return state.endswith("Normal") and "ShuttingDown" not in state


def receivable_msat(channels: Iterable[dict[str, Any]]) -> int:
    """The most the wallet can be paid now, over all usable channels (0 if none)."""
    total = 0
    for ch in channels:
        if not usable(ch):
            continue
        capacity = int(ch.get("capacity_sat") or 0)
        reserve = max(capacity * RESERVE_PPM // 1_000_000, MIN_RESERVE_SAT)
        fee = FEE_ALLOWANCE_SAT if ch.get("opener") == "remote" else 0
        total += max(0, int(ch.get("remote_msat") or 0) - (reserve + fee) * 1000)
    return total
