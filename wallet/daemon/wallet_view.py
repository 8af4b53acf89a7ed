"""The wallet as the window shows it, as commands of the node's table.

The window's facade reads everything through commands, in-process or attached to a running
daemon over its socket, so the figures it shows are computed here, beside the node, and
never from the node's objects in the window's process: the balance with its Lightning part
(`lightning_balance`) and what is being recovered, the history with on-chain rows labelled
"Channel opened"/"Channel closed" and Lightning payments merged in, and the events a
window is sent (a payment or a channel change also brings a fresh balance and a history
nudge).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from wallet.daemon.ln_balance import funding_outpoints, funding_txids

FUNDING_QUOTE_WAIT = 5.0  # seconds a quote waits for a server before saying it is offline


def payment_row(p: dict[str, Any]) -> dict[str, Any]:
    """A payment-log entry (`LightningNode.list_payments`) as a history row."""
    amount_sat = int(p.get("amount_msat") or 0) // 1000
    fee_msat = p.get("fee_msat")
    incoming = p.get("direction") == "in"
    status = str(p.get("status") or "")
    return {
        "kind": "lightning",
        "payment_hash": str(p.get("payment_hash") or ""),
        "direction": "in" if incoming else "out",
        "status": status,
        "amount_msat": p.get("amount_msat"),
        "delta_sat": amount_sat if incoming else -amount_sat,
        "fee_sat": None if fee_msat is None else -(-int(fee_msat) // 1000),
        "fee_msat": None if fee_msat is None else int(fee_msat),  # what was paid, exactly
        "timestamp": int(p.get("completed_at") or p.get("updated_at") or p.get("created_at") or 0),
        "description": str(p.get("description") or ""),
        "invoice": str(p.get("invoice") or ""),
        "preimage": str(p.get("preimage") or ""),
        "failure": str(p.get("failure") or ""),
        "note": str(p.get("note") or ""),
        "payer_note": str(p.get("payer_note") or ""),
        "height": None,
    }


def _newest_first(row: dict[str, Any]) -> tuple[int, int]:
    """Unconfirmed on-chain rows (no time yet) first, then by time, newest first."""
    if row.get("kind") == "onchain" and not row.get("height"):
        return (0, 0)
    return (1, -int(row.get("timestamp") or 0))



class WalletView:
    """The commands `wallet_balance`, `wallet_history`, `wallet_onchain`, `wallet_payments`,
    `funding_quote`, and `enrich` for the node's events. Node loop only."""

    def __init__(self, service: Any) -> None:
        """`service`: the NodeService whose chain, channels and labels are read (not
        imported here: the service builds its view)."""
        self.service = service

    @property
    def handlers(self) -> dict[str, Callable[..., Awaitable[Any]]]:
        return {"wallet_balance": self.wallet_balance, "wallet_history": self.wallet_history,
                "wallet_onchain": self.wallet_onchain, "wallet_payments": self.wallet_payments,
                "funding_quote": self.funding_quote}

    def enrich(self, kind: str, data: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
        """The events a window is sent for one node event: balances gain the Lightning part;
        a payment or a channel change also sends a fresh balance and a history nudge."""
        if kind == "balance":
            return [(kind, dict(data) | self._lightning() | self._recovering())]
        out = [(kind, data)]
        if kind in ("payment", "channel", "recovery_progress"):
            out += [("balance", self._onchain() | self._lightning() | self._recovering()),
                    ("history", {})]
        return out

    async def wallet_balance(self) -> dict[str, Any]:
        """{confirmed, unconfirmed, immature} in sat, `synced` (False: the figures are what
        was stored, not yet confirmed by a server), the Lightning part (`lightning_balance`)
        and what is being recovered (never in the others). Never waits."""
        b = await self.service.balance(wait=0)
        return {"confirmed": b["confirmed"], "unconfirmed": b["unconfirmed"],
                "immature": b["immature"], "synced": b["synced"]} \
            | self._lightning() | self._recovering()

    async def wallet_history(self) -> list[dict[str, Any]]:
        """On-chain rows (labelled) and Lightning payments (sent ones, and invoices of ours
        once paid), newest first, unconfirmed on-chain on top."""
        rows = await self.wallet_onchain()
        rows += [p for p in await self.wallet_payments()
                 if p["direction"] == "out" or p["status"] in ("paid", "unconfirmed", "lost")]
        return sorted(rows, key=_newest_first)

    async def wallet_payments(self) -> list[dict[str, Any]]:
        """Every Lightning payment as a history row (`payment_row`), newest first."""
        payments = self.service.labels.add_payments(self.service.ln.node.list_payments())
        return sorted((payment_row(p) for p in payments), key=_newest_first)

    async def wallet_onchain(self) -> list[dict[str, Any]]:
        """The service's on-chain history, each row with its "label" (channel open/close)."""
        rows = self.service.ln.node.list_channels()
        outpoints, funding = funding_outpoints(rows), funding_txids(rows)
        closes = set(self._funding_spends(outpoints).values())

        def label(txid: str) -> str:
            return ("Channel closed" if txid in closes
                    else "Channel opened" if txid in funding else "")

        return [r | {"kind": "onchain", "label": label(r["txid"])}
                for r in await self.service.history(wait=0)]

    async def funding_quote(self, amount_sat: Any = None) -> dict[str, Any]:
        """What the funding transaction of a channel of `amount_sat` (None: everything)
        would cost: {fee_sat, feerate, amount_sat, high_fee}. Nothing is broadcast."""
        return await self.service.ln.funding_quote(amount_sat, wait=FUNDING_QUOTE_WAIT)

    def _onchain(self) -> dict[str, int]:
        b = self.service.chain.balance()
        return {"confirmed": b.confirmed, "unconfirmed": b.unconfirmed, "immature": b.immature}

    def _lightning(self) -> dict[str, int]:
        return self.service.lightning_balance()

    def _recovering(self) -> dict[str, Any]:
        """Channels being recovered after a restore (never spendable, shown apart):
        `recovering_sat`, `recovering_channels`, `recovering_waiting` (peers yet to close),
        `recovering_confirms_at` (the block the sweeps should confirm in, or None),
        `recovering_text` (the same in one English line, as `kite status` says it)."""
        p = self.service.ln.auto_recovery.progress()
        return {"recovering_sat": p.amount_sat, "recovering_channels": p.channels,
                "recovering_waiting": p.waiting, "recovering_confirms_at": p.confirms_at,
                "recovering_text": p.sentence()}

    def _funding_spends(self, outpoints: set[str]) -> dict[str, str]:
        """{funding outpoint: txid} for wallet transactions that spend one of `outpoints`
        (a cooperative close pays us in the transaction that spends the funding)."""
        return self.service.funding_spends.spends(self.service.chain.ledger.transactions(),
                                                  outpoints)
