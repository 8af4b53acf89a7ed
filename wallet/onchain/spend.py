"""Turning the user's intent into signed transactions: send, send-max, RBF bump, CPFP.

Pure: works on the ledger and the address book the sync layer maintains, and on a key
source that can sign. Broadcasting and persisting are the node's job.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from math import ceil

from wallet.errors import InputError
from wallet.onchain.coin_selection import (
    DUST_LIMIT_P2WPKH,
    P2WPKH_INPUT_VSIZE,
    P2WPKH_OUTPUT_VSIZE,
    Coin,
    InsufficientFunds,
    select_all,
    select_coins,
    tx_vsize,
)
from wallet.onchain.ledger import Ledger
from wallet.onchain.transactions import (
    TxOutput,
    WalletCoin,
    build_unsigned,
    cpfp_child_fee,
    parse_transaction,
    sign_p2wpkh_inputs,
    signals_rbf,
    vsize,
)
from wallet.sentence import Sentence

MIN_RELAY_FEERATE = 1.0  # sat/vB: BIP 125 rule 4 increment and our floor


class BumpError(InputError):
    """A transaction cannot be fee-bumped as asked."""


@dataclass(frozen=True)
class SignedTx:
    raw: bytes
    txid: str
    fee: int
    vsize: int
    amount: int  # sent to the recipient(s)


def output_vsize(script: bytes) -> int:
    """8-byte value + script length byte + script."""
    return 9 + len(script)


class Spender:
    """Builds and signs our transactions.

    `private_key_for((change, index))` gives a 32-byte key; `change_script()` gives a fresh
    change script (the first unused change address).
    """

    def __init__(
        self,
        ledger: Ledger,
        private_key_for: Callable[[tuple[int, int]], bytes],
        change_script: Callable[[], bytes],
    ) -> None:
        self.ledger = ledger
        self.private_key_for = private_key_for
        self.change_script = change_script

    def _spendable(self, tip_height: int) -> list[WalletCoin]:
        """Confirmed coins, plus unconfirmed ones from transactions we made ourselves."""
        out = []
        for c in self.ledger.spendable_utxos(tip_height):
            if c.height > 0 or made_by_us(self.ledger, c.txid):
                out.append(c)
        return out


    def spendable_total(self, tip_height: int) -> int:
        """What `send` may spend now (sat): the coins it selects from."""
        return sum(c.value for c in self._spendable(tip_height))

    def spendable_cost(self, signed: SignedTx, tip_height: int, replaces: str | None = None
                       ) -> int:
        """How much `signed` (a fee bump: `replaces` is the transaction an RBF replaces)
        takes from `spendable_total`: the spendable coins it spends, and the outputs of the
        replaced transaction, less what comes back to us (every input of `signed` is ours,
        so its outputs to us are spendable at once). 0 when it only adds: a CPFP child of
        an incoming transaction spends a coin that was not counted yet."""
        counted = {c.outpoint: c.value for c in self._spendable(tip_height)}
        tx = parse_transaction(signed.raw)
        lost = sum(counted.get((i.prevout.hash[::-1].hex(), i.prevout.n), 0) for i in tx.vin)
        if replaces is not None:
            lost += sum(v for (txid, _), v in counted.items() if txid == replaces)
        back = sum(o.nValue for o in tx.vout
                   if self.ledger.owner(bytes(o.scriptPubKey)) is not None)
        return max(0, lost - back)

    def send(
        self, script: bytes, amount: int | None, feerate: float, tip_height: int, locktime: int | None = None,
        extra_outputs: Sequence[TxOutput] = (),
    ) -> SignedTx:
        """Pay `amount` sat (None: everything) to `script` at `feerate` sat/vB.

        `extra_outputs` (zero-value OP_RETURN data, such as a channel's recovery record) go
        in the same transaction; the fee pays for their size."""
        feerate = max(feerate, MIN_RELAY_FEERATE)
        coins = self._spendable(tip_height)
        by_key = {c.outpoint: c for c in coins}
        candidates = [Coin(c.outpoint, c.value) for c in coins]
        out_vsize = output_vsize(script)
        extras = list(extra_outputs)
        if any(o.value != 0 or not o.script_pubkey.startswith(b"\x6a") for o in extras):
            raise InputError("extra outputs must be zero-value OP_RETURN outputs")
        extra_vsizes = [output_vsize(o.script_pubkey) for o in extras]
        if amount is None:
            sel = select_all(candidates, feerate, out_vsize + sum(extra_vsizes))
            amount = sel.total_in - sel.fee
            outputs = [TxOutput(script, amount), *extras]
        else:
            if amount < DUST_LIMIT_P2WPKH:
                raise InputError(Sentence("amount %1 sat is below the dust limit", amount))
            sel = select_coins(candidates, amount, feerate, [out_vsize, *extra_vsizes])
            outputs = [TxOutput(script, amount), *extras]
            if sel.change:
                outputs.append(TxOutput(self.change_script(), sel.change))
        chosen = [by_key[c.key] for c in sel.coins]
        return self._sign(chosen, outputs, amount, tip_height if locktime is None else locktime)

    def _sign(self, coins: list[WalletCoin], outputs: list[TxOutput], amount: int, locktime: int) -> SignedTx:
        tx = build_unsigned(coins, outputs, locktime=locktime)
        raw = sign_p2wpkh_inputs(tx, coins, self.private_key_for)
        fee = sum(c.value for c in coins) - sum(o.value for o in outputs)
        parsed = parse_transaction(raw)
        return SignedTx(raw, parsed.GetTxid()[::-1].hex(), fee, vsize(raw), amount)

    def bump_fee(self, txid: str, new_feerate: float, tip_height: int) -> SignedTx:
        """Replace an unconfirmed transaction of ours by one paying `new_feerate` (BIP 125).

        The recipients are paid the same; the extra fee comes out of our change, then from
        more of our coins if the change is too small.
        """
        wtx = self.ledger.get(txid)
        if wtx is None:
            raise BumpError(Sentence("transaction %1 is not in this wallet", txid))
        if wtx.confirmed:
            raise BumpError("the transaction is already confirmed")
        tx = parse_transaction(wtx.raw)
        if not signals_rbf(tx):
            raise BumpError("the transaction does not signal replaceability (BIP 125)")
        entry = self.ledger.entry(txid)
        if entry.fee is None:
            raise BumpError("only transactions we sent ourselves can be bumped")
        old_vsize = vsize(wtx.raw)
        if new_feerate <= entry.fee / old_vsize:
            raise BumpError(Sentence("new fee rate must be above the current %1 sat/vB", format(entry.fee / old_vsize, ".1f")))
        utxo_by_outpoint = {}
        for txin in tx.vin:
            prev = txin.prevout.hash[::-1].hex(), txin.prevout.n
            coin = self._our_output(*prev)
            if coin is None:
                raise BumpError("an input of this transaction is not ours")
            utxo_by_outpoint[prev] = coin
        inputs = list(utxo_by_outpoint.values())
        recipients, change_total = [], 0
        for out in tx.vout:
            path = self.ledger.owner(bytes(out.scriptPubKey))
            if path is not None and path[0] == 1:
                change_total += out.nValue
            else:
                recipients.append(TxOutput(bytes(out.scriptPubKey), out.nValue))
        if not recipients:
            raise BumpError("the transaction pays only ourselves; nothing to bump")
        paid = sum(o.value for o in recipients)
        spent_here = {c.outpoint for c in inputs}
        # coins that do not descend from the transaction being replaced
        extra = [c for c in self._spendable(tip_height) if c.txid != txid and c.outpoint not in spent_here and c.height > 0]
        extra.sort(key=lambda c: c.value, reverse=True)
        rec_vsizes = [output_vsize(o.script_pubkey) for o in recipients]
        change_script = self.change_script()
        while True:
            total_in = sum(c.value for c in inputs)
            in_vsize = P2WPKH_INPUT_VSIZE * len(inputs)
            fee_with_change = max(
                ceil(tx_vsize(in_vsize, [*rec_vsizes, P2WPKH_OUTPUT_VSIZE]) * new_feerate),
                entry.fee + ceil(tx_vsize(in_vsize, [*rec_vsizes, P2WPKH_OUTPUT_VSIZE]) * MIN_RELAY_FEERATE),
            )
            change = total_in - paid - fee_with_change
            if change >= DUST_LIMIT_P2WPKH:
                outputs = [*recipients, TxOutput(change_script, change)]
                break
            fee_without = max(
                ceil(tx_vsize(in_vsize, rec_vsizes) * new_feerate),
                entry.fee + ceil(tx_vsize(in_vsize, rec_vsizes) * MIN_RELAY_FEERATE),
            )
            if total_in - paid >= fee_without:
                outputs = list(recipients)
                break
            if not extra:
                raise BumpError("not enough funds to pay the higher fee")
            inputs.append(extra.pop(0))
        return self._sign(inputs, outputs, paid, tx.nLockTime)

    def _our_output(self, txid: str, n: int) -> WalletCoin | None:
        wtx = self.ledger.get(txid)
        if wtx is None:
            return None
        vout = parse_transaction(wtx.raw).vout
        if n >= len(vout):
            return None
        out = vout[n]
        path = self.ledger.owner(bytes(out.scriptPubKey))
        if path is None:
            return None
        return WalletCoin(txid, n, out.nValue, bytes(out.scriptPubKey), path, max(wtx.height, 0))

    def cpfp(self, parent_txid: str, package_feerate: float, tip_height: int) -> SignedTx:
        """Child-pays-for-parent: spend our output of an unconfirmed parent with a high fee."""
        parent = self.ledger.get(parent_txid)
        if parent is None:
            raise BumpError(Sentence("transaction %1 is not in this wallet", parent_txid))
        if parent.confirmed:
            raise BumpError("the transaction is already confirmed")
        ours = [c for c in self.ledger.utxos() if c.txid == parent_txid]
        if not ours:
            raise BumpError("no unspent output of that transaction belongs to this wallet")
        coin = max(ours, key=lambda c: c.value)
        parent_fee = self.ledger.entry(parent_txid).fee or 0  # unknown: assume nothing paid
        child_vsize = tx_vsize(P2WPKH_INPUT_VSIZE, [P2WPKH_OUTPUT_VSIZE])
        fee = cpfp_child_fee(vsize(parent.raw), parent_fee, child_vsize, package_feerate)
        value = coin.value - fee
        if value < DUST_LIMIT_P2WPKH:
            raise BumpError(Sentence("our output of %1 sat cannot pay a child fee of %2 sat", coin.value, fee))
        return self._sign([coin], [TxOutput(self.change_script(), value)], value, tip_height)


def made_by_us(ledger: Ledger, txid: str) -> bool:
    """True when every input of `txid` is one of our outputs (we made it)."""
    wtx = ledger.get(txid)
    if wtx is None:
        return False
    tx = parse_transaction(wtx.raw)
    if tx.is_coinbase():
        return False
    for txin in tx.vin:
        prev = ledger.get(txin.prevout.hash[::-1].hex())
        if prev is None:
            return False
        outs = parse_transaction(prev.raw).vout
        if txin.prevout.n >= len(outs) or ledger.owner(bytes(outs[txin.prevout.n].scriptPubKey)) is None:
            return False
    return True


__all__ = ["BumpError", "InsufficientFunds", "SignedTx", "Spender"]
