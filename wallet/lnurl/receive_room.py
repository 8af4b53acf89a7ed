"""How much the wallet's channels can receive now: the bound LUD-03 asks a wallet to put on
a withdrawal ("max can receive = min(maxWithdrawable, local estimation of how much can be
routed into wallet)"), so that Kite never hands a service an invoice it cannot be paid.

Read from the channel list (`LightningNode.list_channels` rows): each active channel's
`receivable_msat` (`payment_plan.receivable_msat`: the peer's side above its reserve, less
the commitment fee it pays for a new HTLC), added up over the channels (a service may pay
in parts). Pure code.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def usable(channel: dict[str, Any]) -> bool:
    return channel.get("phase") == "active"


def receivable_msat(channels: Iterable[dict[str, Any]]) -> int:
    """The most the wallet can be paid now, over all usable channels (0 if none)."""
    return sum(int(ch.get("receivable_msat") or 0) for ch in channels if usable(ch))
