"""The mutual-close transaction (BOLT 3 "Legacy Closing Transaction") and the fee range
arithmetic of `closing_signed` negotiation (BOLT 2). Pure: no I/O.

version 2, locktime 0, one input (the funding outpoint, sequence 0xFFFFFFFF), one output per
side paying its `shutdown` script, the fee taken from the opener's output, outputs below the
signer's dust limit removed, outputs in BIP 69 order (amount, then script).
"""

from __future__ import annotations

from dataclasses import dataclass

from bitcoin.core import COutPoint, CTransaction, CTxIn, CTxInWitness, CTxOut, CTxWitness
from bitcoin.core.script import CScript, CScriptWitness

from wallet.ln.channel.commitments import Commitments
from wallet.ln.tx import scripts
from wallet.ln.tx.signing import SIGHASH_ALL, segwit_sighash, sign_digest, verify_digest

# witness of a 2-of-2 spend: count, empty item, two 73-byte signatures, a 71-byte script,
# plus the segwit marker and flag
_WITNESS_WEIGHT = 2 + 1 + 1 + 2 * (1 + 73) + (1 + 71)


@dataclass(frozen=True)
class ClosingTx:
    tx: CTransaction
    local_sat: int  # our output (0 if removed)
    remote_sat: int


def closing_balances_sat(c: Commitments, fee_sat: int) -> tuple[int, int]:
    """(ours, theirs) before dust trimming: balances rounded down, fee paid by the opener."""
    view = c.local_commit.view
    ours, theirs = view.to_local_msat // 1000, view.to_remote_msat // 1000
    if c.params.is_opener:
        ours -= fee_sat
    else:
        theirs -= fee_sat
    return ours, theirs


def build_closing_tx(
    c: Commitments,
    local_script: bytes,
    remote_script: bytes,
    fee_sat: int,
    dust_limit_sat: int,
    *,
    drop_remote: bool = False,
) -> ClosingTx:
    """The closing transaction at `fee_sat`, trimmed at `dust_limit_sat` (the signer's)."""
    ours, theirs = closing_balances_sat(c, fee_sat)
    outs: list[tuple[int, bytes]] = []
    local_sat = ours if ours >= dust_limit_sat else 0
    remote_sat = theirs if theirs >= dust_limit_sat and not drop_remote else 0
    if local_sat:
        outs.append((local_sat, local_script))
    if remote_sat:
        outs.append((remote_sat, remote_script))
    outs.sort()
    p = c.params
    tx = CTransaction(
        [CTxIn(COutPoint(p.funding_txid, p.funding_output_index), CScript(), 0xFFFFFFFF)],
        [CTxOut(amount, CScript(script)) for amount, script in outs],
        0,
        2,
    )
    return ClosingTx(tx, local_sat, remote_sat)


def closing_weight(c: Commitments, local_script: bytes, remote_script: bytes) -> int:
    """The weight of the signed closing transaction with both outputs."""
    base = 4 + 1 + 41 + 1 + 4
    base += sum(8 + 1 + len(s) for s in (local_script, remote_script))
    return 4 * base + _WITNESS_WEIGHT


def closing_fee_sat(c: Commitments, local_script: bytes, remote_script: bytes, feerate: int) -> int:
    return feerate * closing_weight(c, local_script, remote_script) // 1000


def _funding_script(c: Commitments) -> bytes:
    return scripts.funding_script(c.params.local.funding_pubkey, c.params.remote.funding_pubkey)


def sighash(c: Commitments, tx: CTransaction) -> bytes:
    return segwit_sighash(tx, 0, _funding_script(c), c.params.funding_sat, SIGHASH_ALL)


def sign_closing(c: Commitments, tx: CTransaction, funding_privkey: bytes) -> bytes:
    """Our DER signature of a closing transaction."""
    return sign_digest(funding_privkey, sighash(c, tx))


def verify_closing(c: Commitments, tx: CTransaction, remote_sig_der: bytes) -> bool:
    return verify_digest(c.params.remote.funding_pubkey, sighash(c, tx), remote_sig_der)


def signed_closing_tx(
    c: Commitments, tx: CTransaction, local_sig_der: bytes, remote_sig_der: bytes
) -> CTransaction:
    """The broadcastable closing transaction: `0 <sig1> <sig2> <funding script>`."""
    pairs = sorted(
        [
            (c.params.local.funding_pubkey, local_sig_der),
            (c.params.remote.funding_pubkey, remote_sig_der),
        ]
    )
    stack = [b""] + [sig + bytes([SIGHASH_ALL]) for _, sig in pairs] + [_funding_script(c)]
    witness = CTxWitness([CTxInWitness(CScriptWitness(stack))])
    return CTransaction(tx.vin, tx.vout, tx.nLockTime, tx.nVersion, witness)
