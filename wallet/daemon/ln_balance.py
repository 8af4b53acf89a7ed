"""The Lightning figures of a balance, from the channel list: what payments can spend, the
reserve, what is still opening or closing. One computation for `kite balance` and the GUI's
facade, so the two never disagree.

A closing channel's side counts as "closing" until a wallet transaction spends its funding
output (a cooperative close pays us in that transaction): from then on the on-chain figures
hold it, and it is never counted twice.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from wallet.onchain.transactions import parse_transaction

#: channel phases whose funds are on their way back to the wallet
CLOSING_PHASES = ("shutting_down", "closing", "awaiting_peer_close")


def lightning_balance(channels: list[dict[str, Any]],
                      funding_spent: frozenset[str] = frozenset()) -> dict[str, int]:
    """In sat, from `channel_list` rows (with `sendable_msat`/`receivable_msat` when known):
    `lightning` what payments can spend now (our side above the channel reserve and the
    commitment fee), `lightning_reserve` the rest of our side of usable channels,
    `lightning_receivable` the most one channel can take in, `lightning_pending` our side of
    channels still opening, `lightning_closing` our side of channels closing whose funds no
    wallet transaction holds yet (`funding_spent`: funding outpoints a wallet tx spends).
    Rows of channels being recovered after a restore (phase "recovering") count nowhere
    here: we lost their state; `RecoveryProgress` counts them apart."""
    usable = reserve = receivable = pending = closing = 0
    for ch in channels:
        ours = int(ch.get("local_msat") or 0) // 1000
        if ch.get("phase") == "active":
            sendable = ch.get("sendable_msat")
            can = ours if sendable is None else min(ours, int(sendable) // 1000)
            usable += can
            reserve += ours - can
            receivable = max(receivable, int(ch.get("receivable_msat") or 0) // 1000)
        elif ch.get("phase") in CLOSING_PHASES:
            if str(ch.get("funding_outpoint") or "") not in funding_spent:
                closing += ours
        elif ch.get("phase") == "opening":
            pending += ours
    return {"lightning": usable, "lightning_reserve": reserve,
            "lightning_receivable": receivable, "lightning_pending": pending,
            "lightning_closing": closing}


def funding_outpoints(rows: Iterable[dict[str, Any]]) -> set[str]:
    """The funding outpoints ("txid:n") of `channel_list` rows that have one yet."""
    return {str(r.get("funding_outpoint") or "") for r in rows} - {""}


def funding_txids(rows: Iterable[dict[str, Any]]) -> set[str]:
    """The transactions that fund the channels of `rows` (none may ever be replaced)."""
    return {o.partition(":")[0] for o in funding_outpoints(rows)}


class FundingSpends:
    """Which wallet transactions spend which funding outputs; each transaction is parsed
    once (a txid's transaction never changes), not at every balance event."""

    def __init__(self) -> None:
        self._spent_by: dict[str, tuple[str, ...]] = {}

    def spends(self, transactions: Iterable[Any], outpoints: set[str]) -> dict[str, str]:
        """{funding outpoint "txid:n": wallet txid} for the wallet transactions (`txid`,
        `raw`) that spend one of `outpoints`."""
        if not outpoints:
            return {}
        found: dict[str, str] = {}
        for wtx in transactions:
            spent = self._spent_by.get(wtx.txid)
            if spent is None:
                spent = tuple(f"{txin.prevout.hash[::-1].hex()}:{txin.prevout.n}"
                              for txin in parse_transaction(wtx.raw).vin)
                self._spent_by[wtx.txid] = spent
            for outpoint in spent:
                if outpoint in outpoints:
                    found[outpoint] = wtx.txid
        return found

    def closing_spent(self, transactions: Iterable[Any],
                      rows: list[dict[str, Any]]) -> frozenset[str]:
        """Funding outpoints of closing channels that a wallet transaction spends: our side
        is already in the on-chain balance."""
        wanted = funding_outpoints(r for r in rows if r.get("phase") in CLOSING_PHASES)
        return frozenset(self.spends(transactions, wanted))
