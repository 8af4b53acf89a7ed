"""The `label` command (a note on a transaction or payment) and the notes added to history rows.

`label(ref, text)` finds what `ref` names (a wallet transaction's txid, else a payment hash
of the payment log) and stores the note; a ref that names neither is refused with a
sentence, so a typo never stores a note nobody sees. Rows of `history` gain "note" (on-chain,
by txid), rows of the payment log gain it by payment hash.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, Protocol

from wallet.chain.node import ChainNode
from wallet.errors import InputError
from wallet.storage.label_store import LabelStore, check_ref


class PaymentLog(Protocol):
    def list_payments(self, limit: int | None = None) -> list[dict[str, Any]]: ...


class LabelService:
    def __init__(self, store: LabelStore, chain: ChainNode, node: PaymentLog) -> None:
        self.store, self.chain, self.node = store, chain, node

    @property
    def handlers(self) -> dict[str, Callable[..., Awaitable[Any]]]:
        return {"label": self.label}

    async def label(self, ref: Any, text: Any) -> dict[str, Any]:
        """Set (empty text: remove) the note; {ref, kind ("onchain" | "lightning"), note}."""
        ref = check_ref(ref)
        if ref in {t.txid for t in self.chain.ledger.transactions()}:
            kind, shown = "tx", "onchain"
        elif any(p.get("payment_hash") == ref for p in self.node.list_payments()):
            kind, shown = "payment", "lightning"
        else:
            raise InputError("no transaction or payment of this wallet has this id")
        return {"ref": ref, "kind": shown, "note": self.store.set(kind, ref, text)}

    def onchain_notes(self) -> dict[str, str]:
        return self.store.all("tx")

    def payment_notes(self) -> dict[str, str]:
        return self.store.all("payment")

    def add_onchain(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """History rows with their "note" ("" when none)."""
        notes = self.onchain_notes()
        return [r | {"note": notes.get(str(r.get("txid")), "")} for r in rows]

    def add_payments(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Payment-log rows with their "note" ("" when none)."""
        notes = self.payment_notes()
        return [r | {"note": notes.get(str(r.get("payment_hash")), "")} for r in rows]
