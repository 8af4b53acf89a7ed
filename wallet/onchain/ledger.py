"""The on-chain wallet's books: which transactions touch us, what we own, what we see.

Pure bookkeeping over transactions the sync layer has already verified (txid checked,
confirmed ones proven by Merkle proof against our headers). Given which scripts are ours,
it derives the UTXO set, the balance (confirmed, unconfirmed, immature coinbase) and the
history with each transaction's effect on us and, when all its inputs are known, its fee.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from bitcoin.core import CTransaction

from wallet.onchain.transactions import WalletCoin, parse_transaction

COINBASE_MATURITY = 100


@dataclass(frozen=True)
class WalletTx:
    txid: str
    raw: bytes
    height: int  # > 0 confirmed in that block; 0 or -1 in the mempool
    timestamp: int | None = None  # block time once confirmed

    @property
    def confirmed(self) -> bool:
        return self.height > 0


@dataclass(frozen=True)
class Balance:
    confirmed: int
    unconfirmed: int  # may be negative: unconfirmed spends of confirmed coins
    immature: int

    @property
    def total(self) -> int:
        return self.confirmed + self.unconfirmed + self.immature


@dataclass(frozen=True)
class HistoryEntry:
    txid: str
    height: int
    delta: int  # net effect on our balance, sat
    fee: int | None  # known when every input is known to us
    timestamp: int | None


class Ledger:
    """Transactions that touch our scripts; `owner(script)` gives (change, index) or None."""

    def __init__(self, owner: Callable[[bytes], tuple[int, int] | None]) -> None:
        self._owner = owner
        self._txs: dict[str, WalletTx] = {}
        self._parsed: dict[str, CTransaction] = {}

    def owner(self, script: bytes) -> tuple[int, int] | None:
        """(change, index) of one of our scripts, or None."""
        return self._owner(script)

    def __contains__(self, txid: str) -> bool:
        return txid in self._txs

    def __len__(self) -> int:
        return len(self._txs)

    def add(self, wtx: WalletTx) -> list[str]:
        """Add or update (new height after confirmation or reorg) a transaction.

        An unconfirmed transaction of ours that spends an input this one spends has been
        replaced (RBF) or double-spent: it and its descendants are dropped. Returns the
        txids dropped, so the caller can forget them durably too.
        """
        if wtx.txid not in self._parsed:
            self._parsed[wtx.txid] = parse_transaction(wtx.raw)
        self._txs[wtx.txid] = wtx
        mine = self._inputs(wtx.txid)
        conflicts = [
            t for t, w in self._txs.items()
            if t != wtx.txid and not w.confirmed and self._inputs(t) & mine
        ]
        dropped: list[str] = []
        for t in conflicts:
            dropped += self._remove_with_descendants(t)
        return dropped

    def _inputs(self, txid: str) -> set[tuple[str, int]]:
        tx = self._parsed[txid]
        if tx.is_coinbase():
            return set()
        return {(i.prevout.hash[::-1].hex(), i.prevout.n) for i in tx.vin}

    def _remove_with_descendants(self, txid: str) -> list[str]:
        if txid not in self._txs:
            return []
        self.remove(txid)
        out = [txid]
        for child in [t for t in self._txs if any(p[0] == txid for p in self._inputs(t))]:
            out += self._remove_with_descendants(child)
        return out

    def remove(self, txid: str) -> None:
        """Forget a transaction the server no longer lists (replaced, or dropped in a reorg)."""
        self._txs.pop(txid, None)
        self._parsed.pop(txid, None)

    def scripts_touched(self, txid: str) -> set[bytes]:
        """Our scripts a transaction pays to or spends from (as far as we know its inputs):
        the addresses whose Electrum histories list it."""
        tx = self._parsed[txid]
        scripts = {bytes(o.scriptPubKey) for o in tx.vout
                   if self._owner(bytes(o.scriptPubKey)) is not None}
        if not tx.is_coinbase():
            for txin in tx.vin:
                prev = self._parsed.get(txin.prevout.hash[::-1].hex())
                if prev is not None and txin.prevout.n < len(prev.vout):
                    spent = bytes(prev.vout[txin.prevout.n].scriptPubKey)
                    if self._owner(spent) is not None:
                        scripts.add(spent)
        return scripts

    def last_paid_index(self, change: int) -> int:
        """The highest index of our `change` chain (0: receive) that a known transaction
        pays, or -1: what a restore's gap-limit scan walks from."""
        last = -1
        for tx in self._parsed.values():
            for out in tx.vout:
                owner = self._owner(bytes(out.scriptPubKey))
                if owner is not None and owner[0] == change:
                    last = max(last, owner[1])
        return last

    def outputs_to(self, scripts: set[bytes]
                   ) -> dict[bytes, list[tuple[str, int, int, int, int | None]]]:
        """Every output of a known transaction paying one of `scripts`, spent or not:
        script -> [(txid, index, value, height, block time)]."""
        found: dict[bytes, list[tuple[str, int, int, int, int | None]]] = {}
        for txid, tx in self._parsed.items():
            wtx = self._txs[txid]
            for n, out in enumerate(tx.vout):
                script = bytes(out.scriptPubKey)
                if script in scripts:
                    found.setdefault(script, []).append(
                        (txid, n, out.nValue, max(wtx.height, 0), wtx.timestamp))
        return found

    def get(self, txid: str) -> WalletTx | None:
        return self._txs.get(txid)

    def transactions(self) -> Iterable[WalletTx]:
        return self._txs.values()

    def _spent_outpoints(self) -> set[tuple[str, int]]:
        spent = set()
        for tx in self._parsed.values():
            for txin in tx.vin:
                spent.add((txin.prevout.hash[::-1].hex(), txin.prevout.n))
        return spent

    def spenders(self, outpoints: set[tuple[str, int]]) -> dict[tuple[str, int], list[str]]:
        """The known transactions spending each of `outpoints` (a conflict when several)."""
        found: dict[tuple[str, int], list[str]] = {}
        for txid, tx in self._parsed.items():
            if tx.is_coinbase():
                continue
            for txin in tx.vin:
                op = (txin.prevout.hash[::-1].hex(), txin.prevout.n)
                if op in outpoints:
                    found.setdefault(op, []).append(txid)
        return found

    def utxos(self) -> list[WalletCoin]:
        """Our outputs that no known transaction spends."""
        spent = self._spent_outpoints()
        coins = []
        for txid, tx in self._parsed.items():
            height = self._txs[txid].height
            for n, out in enumerate(tx.vout):
                path = self._owner(bytes(out.scriptPubKey))
                if path is not None and (txid, n) not in spent:
                    coins.append(
                        WalletCoin(txid, n, out.nValue, bytes(out.scriptPubKey), path, max(height, 0))
                    )
        return coins

    def is_coinbase(self, txid: str) -> bool:
        tx = self._parsed[txid]
        return tx.is_coinbase()

    def spendable_utxos(self, tip_height: int, *, include_unconfirmed: bool = True) -> list[WalletCoin]:
        """Coins we may spend now: mature, and confirmed unless unconfirmed ones are allowed."""
        out = []
        for c in self.utxos():
            if self.is_coinbase(c.txid) and not self._mature(c.height, tip_height):
                continue
            if c.height <= 0 and not include_unconfirmed:
                continue
            out.append(c)
        return out

    @staticmethod
    def _mature(height: int, tip_height: int) -> bool:
        return height > 0 and tip_height - height + 1 >= COINBASE_MATURITY

    def balance(self, tip_height: int) -> Balance:
        confirmed = unconfirmed = immature = 0
        for c in self.utxos():
            if self.is_coinbase(c.txid) and not self._mature(c.height, tip_height):
                immature += c.value
            elif c.height > 0:
                confirmed += c.value
            else:
                unconfirmed += c.value
        return Balance(confirmed, unconfirmed, immature)

    def _value_of(self, txid: str, n: int) -> tuple[int, bool] | None:
        """(value, is ours) of an output, if we know its transaction."""
        tx = self._parsed.get(txid)
        if tx is None or n >= len(tx.vout):
            return None
        out = tx.vout[n]
        return out.nValue, self._owner(bytes(out.scriptPubKey)) is not None

    def entry(self, txid: str) -> HistoryEntry:
        wtx, tx = self._txs[txid], self._parsed[txid]
        delta = 0
        inputs_known = not tx.is_coinbase()
        in_total = 0
        for txin in tx.vin:
            if tx.is_coinbase():
                break
            prev = self._value_of(txin.prevout.hash[::-1].hex(), txin.prevout.n)
            if prev is None:
                inputs_known = False
                continue
            value, mine = prev
            in_total += value
            if mine:
                delta -= value
        out_total = 0
        for out in tx.vout:
            out_total += out.nValue
            if self._owner(bytes(out.scriptPubKey)) is not None:
                delta += out.nValue
        fee = in_total - out_total if inputs_known else None
        return HistoryEntry(txid, wtx.height, delta, fee, wtx.timestamp)

    def history(self) -> list[HistoryEntry]:
        """Newest first: mempool transactions, then by height descending."""
        entries = [self.entry(t) for t in self._txs]

        def key(e: HistoryEntry) -> tuple[int, int]:
            return (0, 0) if e.height <= 0 else (1, -e.height)

        return sorted(entries, key=key)
