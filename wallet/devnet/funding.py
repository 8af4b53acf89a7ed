"""The devnet's own coins: a fixed key the devnet mines to, and payments built from them.

bcoin runs without a wallet, so the devnet signs its funding transactions itself: P2WPKH
inputs (its mined coinbases and its change), one payment output, change back to itself.
The key is a well-known constant: devnet coins are worthless and anyone may spend them.
"""

from __future__ import annotations

from dataclasses import dataclass

import coincurve
from bitcoin.core import CMutableTransaction, COutPoint, CTxIn, CTxInWitness, CTxOut, CTxWitness
from bitcoin.core.script import (
    SIGHASH_ALL,
    SIGVERSION_WITNESS_V0,
    CScript,
    CScriptWitness,
    SignatureHash,
)

from wallet.bech32 import encode_segwit_address
from wallet.devnet.processes import DevnetError
from wallet.hashes import hash160, sha256
from wallet.networks import REGTEST
from wallet.onchain.addresses import address_to_script

COINBASE_MATURITY = 100
DUST_LIMIT_SAT = 294  # below this a P2WPKH change output is not worth making

_SECRET = sha256(b"kite devnet miner key: worthless regtest coins")
_KEY = coincurve.PrivateKey(_SECRET)
_PUBKEY = _KEY.public_key.format(compressed=True)
_PKH = hash160(_PUBKEY)

MINER_SCRIPT = bytes([0x00, 0x14]) + _PKH
MINER_ADDRESS = encode_segwit_address(REGTEST.bech32_hrp, 0, _PKH)

# vbytes of a P2WPKH spend: 10.5 overhead, 68 per input, 31 per P2WPKH output (43 max).
_TX_OVERHEAD_VB = 11
_INPUT_VB = 68
_OUTPUT_VB = 43


@dataclass(frozen=True)
class Coin:
    txid: str  # display hex
    index: int
    value: int  # sat
    height: int  # -1 while unconfirmed
    coinbase: bool


def coins_from_node(reply: object) -> list[Coin]:
    """bcoin's /coin/address/<addr> reply as Coins (only the devnet's own P2WPKH outputs)."""
    if not isinstance(reply, list):
        raise DevnetError("node returned no coin list")
    coins = []
    for item in reply:
        try:
            if bytes.fromhex(item["script"]) != MINER_SCRIPT:
                continue
            coins.append(Coin(str(item["hash"]), int(item["index"]), int(item["value"]),
                              int(item["height"]), bool(item["coinbase"])))
        except (KeyError, TypeError, ValueError):
            raise DevnetError("node returned a malformed coin") from None
    return coins


def spendable(coins: list[Coin], tip_height: int) -> list[Coin]:
    """Coins usable in the next block: mature coinbases, confirmed first, biggest first.

    Among equal coins the oldest go first, so a payment survives a shallow reorg (a
    coinbase that has only just matured is premature again once the tip goes back).
    """
    usable = [
        c for c in coins
        if not c.coinbase or (c.height >= 0 and tip_height + 1 - c.height >= COINBASE_MATURITY)
    ]
    return sorted(usable, key=lambda c: (c.height < 0, -c.value, c.height))


def build_payment(coins: list[Coin], script_pubkey: bytes, amount_sat: int,
                  feerate_sat_vb: float) -> bytes:
    """A signed transaction paying amount_sat to script_pubkey from coins; change to us."""
    if amount_sat <= 0:
        raise DevnetError("amount must be positive")
    chosen: list[Coin] = []
    total = 0
    fee = 0
    for coin in coins:
        chosen.append(coin)
        total += coin.value
        vsize = _TX_OVERHEAD_VB + _INPUT_VB * len(chosen) + _OUTPUT_VB * 2
        fee = int(vsize * feerate_sat_vb) + 1
        if total >= amount_sat + fee:
            break
    else:
        raise DevnetError(
            f"the devnet has {total} sat spendable, not enough for {amount_sat} sat plus fee; "
            "mine more blocks"
        )
    tx = CMutableTransaction()
    tx.nVersion = 2
    tx.vin = [CTxIn(COutPoint(bytes.fromhex(c.txid)[::-1], c.index), nSequence=0xFFFFFFFD)
              for c in chosen]
    tx.vout = [CTxOut(amount_sat, CScript(script_pubkey))]
    change = total - amount_sat - fee
    if change >= DUST_LIMIT_SAT:
        tx.vout.append(CTxOut(change, CScript(MINER_SCRIPT)))
    script_code = CScript(bytes([0x76, 0xA9, 0x14]) + _PKH + bytes([0x88, 0xAC]))
    witnesses = []
    for i, coin in enumerate(chosen):
        digest = SignatureHash(script_code, tx, i, SIGHASH_ALL, amount=coin.value,
                               sigversion=SIGVERSION_WITNESS_V0)
        sig = _KEY.sign(digest, hasher=None) + bytes([SIGHASH_ALL])
        witnesses.append(CTxInWitness(CScriptWitness([sig, _PUBKEY])))
    tx.wit = CTxWitness(witnesses)
    return tx.serialize()


def payment_script(address: str) -> bytes:
    """The output script of a regtest address (bcrt1…, or base58 m/n/2…)."""
    return address_to_script(address, REGTEST)
