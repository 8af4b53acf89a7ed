"""Building and signing the wallet's own transactions (P2WPKH inputs, BIP 143 sighash).

Pure: callers hand in coins with the private keys' locations and get raw bytes back.
Every input signals BIP 125 replaceability unless told otherwise; the locktime is the
current height (discourages fee sniping, as Bitcoin Core does).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from math import ceil

import coincurve
from bitcoin.core import (
    CMutableTransaction,
    CMutableTxIn,
    CMutableTxOut,
    COutPoint,
    CScript,
    CTransaction,
    CTxInWitness,
    CTxWitness,
)
from bitcoin.core.script import SIGHASH_ALL, SIGVERSION_WITNESS_V0, CScriptWitness, SignatureHash

from wallet.errors import InputError
from wallet.hashes import hash160
from wallet.sentence import Sentence

SEQUENCE_RBF = 0xFFFFFFFD
SEQUENCE_FINAL_NO_RBF = 0xFFFFFFFE


class TransactionError(InputError):
    """A transaction could not be built, parsed or signed as asked."""


@dataclass(frozen=True)
class WalletCoin:
    """An output we can spend: where it is, what it holds, and which key signs for it."""

    txid: str  # display hex
    vout: int
    value: int
    script_pubkey: bytes
    key_path: tuple[int, int]  # (change, index) in the BIP 84 account
    height: int = 0  # 0: unconfirmed

    @property
    def outpoint(self) -> tuple[str, int]:
        return (self.txid, self.vout)


@dataclass(frozen=True)
class TxOutput:
    script_pubkey: bytes
    value: int


def build_unsigned(
    coins: Sequence[WalletCoin],
    outputs: Sequence[TxOutput],
    *,
    locktime: int = 0,
    rbf: bool = True,
    shuffle: bool = True,
) -> CMutableTransaction:
    """An unsigned version-2 transaction; output order shuffled for privacy by default."""
    if not coins:
        raise TransactionError("a transaction needs at least one input")
    if not outputs:
        raise TransactionError("a transaction needs at least one output")
    seq = SEQUENCE_RBF if rbf else SEQUENCE_FINAL_NO_RBF
    vin = [CMutableTxIn(COutPoint(bytes.fromhex(c.txid)[::-1], c.vout), nSequence=seq) for c in coins]
    outs = list(outputs)
    if shuffle:
        random.SystemRandom().shuffle(outs)
    vout = [CMutableTxOut(o.value, CScript(o.script_pubkey)) for o in outs]
    return CMutableTransaction(vin, vout, nLockTime=locktime, nVersion=2)


def p2wpkh_script_code(pubkey: bytes) -> CScript:
    """BIP 143 scriptCode of a P2WPKH output: the P2PKH script of the key hash."""
    return CScript(b"\x76\xa9\x14" + hash160(pubkey) + b"\x88\xac")


def sign_p2wpkh_inputs(
    tx: CMutableTransaction,
    coins: Sequence[WalletCoin],
    private_key_for: Callable[[tuple[int, int]], bytes],
) -> bytes:
    """Sign every input (all ours, in `coins` order) and return the serialized transaction."""
    witnesses = []
    for i, coin in enumerate(coins):
        priv = coincurve.PrivateKey(private_key_for(coin.key_path))
        pub = priv.public_key.format(compressed=True)
        if coin.script_pubkey != b"\x00\x14" + hash160(pub):
            raise TransactionError(Sentence("input %1: key does not match the coin's script", i))
        sighash = SignatureHash(
            p2wpkh_script_code(pub), tx, i, SIGHASH_ALL, amount=coin.value,
            sigversion=SIGVERSION_WITNESS_V0,
        )
        sig = priv.sign(sighash, hasher=None) + bytes([SIGHASH_ALL])  # DER, low-S
        witnesses.append(CTxInWitness(CScriptWitness([sig, pub])))
    tx.wit = CTxWitness(witnesses)
    return tx.serialize()


def parse_transaction(raw: bytes) -> CTransaction:
    try:
        return CTransaction.deserialize(raw)
    except Exception as e:  # python-bitcoinlib raises several types on garbage
        raise TransactionError(Sentence("transaction does not parse: %1", type(e).__name__)) from None


def txid(raw: bytes) -> str:
    return parse_transaction(raw).GetTxid()[::-1].hex()


def vsize(raw: bytes) -> int:
    """Virtual size: ceil(weight / 4), weight = 3 * stripped size + total size."""
    tx = parse_transaction(raw)
    stripped = len(CTransaction(tx.vin, tx.vout, tx.nLockTime, tx.nVersion).serialize())
    return ceil((3 * stripped + len(raw)) / 4)


def signals_rbf(tx: CTransaction) -> bool:
    return any(txin.nSequence < 0xFFFFFFFE for txin in tx.vin)


def cpfp_child_fee(parent_vsize: int, parent_fee: int, child_vsize: int, feerate: float) -> int:
    """Fee the child must pay so the parent+child package reaches `feerate` sat/vB."""
    need = ceil((parent_vsize + child_vsize) * feerate) - parent_fee
    return max(need, ceil(child_vsize * feerate))
