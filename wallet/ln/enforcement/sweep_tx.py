"""A sweep transaction in general (BOLT 5): its inputs as `SweepInput`s, their weight, fee and
signatures, and the checks every builder shares. `sweeps.py` says which outputs of a closed
channel become inputs; `funding_spend.py` tells how the channel ended. Pure."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import Enum

from bitcoin.core import COutPoint, CTransaction, CTxIn, CTxInWitness, CTxOut, CTxWitness
from bitcoin.core.script import CScript, CScriptWitness

from wallet.hashes import hash160
from wallet.ln.tx.commitment_tx import (
    CommitmentOutput,
)
from wallet.ln.tx.errors import ChannelTxError
from wallet.ln.tx.keys import (
    pubkey_from_secret,
)
from wallet.ln.tx.signing import (
    SIGHASH_ALL,
    segwit_sighash,
    sign_digest,
    verify_digest,
)

SEQUENCE_RBF = 0xFFFFFFFD
"""nSequence of inputs without a relative lock: final for BIP 68, signals RBF, and lets
nLockTime apply."""


RELAY_FLOOR_PER_KW = 253
"""The lowest feerate a sweep is ever built at: 1 sat/vB, Bitcoin Core's default minimum
relay fee (253 rather than 250 sat/kw so that rounding weight up to vbytes never takes a
transaction below it). An output that is dust even at this feerate can never be swept on
its own, whatever fees do later."""


ANCHOR_ANYONE_DELAY = 16
"""Blocks after which anyone may spend an anchor output (BOLT 3 anchor script)."""


SIG_PLACEHOLDER = b"\x30" + b"\x00" * 72
"""73 bytes: the longest DER signature (72) plus its sighash byte, for weight estimates."""


MAX_SAT = 21_000_000 * 10**8


class SweepError(ChannelTxError):
    """A sweep cannot be built from what was given (wrong keys, outputs, amounts)."""


class SweepDustError(SweepError):
    """The sweep's output would be below the dust limit after fees: not worth sweeping."""


class SweepKind(Enum):
    """What a sweep input spends and through which script branch."""

    OUR_TO_LOCAL = "our to_local after to_self_delay"
    OUR_HTLC_TX_OUTPUT = "our HTLC-timeout/success output after to_self_delay"
    TO_REMOTE = "to_remote on their commitment"
    THEIR_OFFERED_HTLC_PREIMAGE = "HTLC they offered, claimed with the preimage"
    THEIR_RECEIVED_HTLC_TIMEOUT = "HTLC they received, claimed after its cltv_expiry"
    REVOKED_TO_LOCAL = "revoked to_local (revocation key)"
    REVOKED_HTLC = "revoked HTLC output (revocation key)"
    REVOKED_HTLC_TX_OUTPUT = "revoked second-stage HTLC output (revocation key)"
    ANCHOR = "our anchor (funding key)"
    ANCHOR_ANYONE = "an anchor after 16 blocks (no signature)"
    WALLET_COIN = "a P2WPKH coin of our on-chain wallet"


@dataclass(frozen=True)
class SweepInput:
    """One output we can spend and how: witness = [sig] + `witness_items` (no sig if
    `privkey` is None), signed over `script_code` (the P2WSH script, or the P2PKH code of
    a P2WPKH output)."""

    kind: SweepKind
    txid: bytes = field(repr=False)
    index: int
    amount_sat: int
    script_code: bytes = field(repr=False)
    privkey: bytes | None = field(repr=False)
    witness_items: tuple[bytes, ...] = field(repr=False)
    sequence: int = SEQUENCE_RBF
    locktime: int = 0
    """The nLockTime the spending transaction needs at least (an HTLC's cltv_expiry)."""

    def __post_init__(self) -> None:
        if not isinstance(self.txid, bytes) or len(self.txid) != 32:
            raise SweepError("sweep input txid must be 32 bytes")
        check_int(self.index, "output index", 1 << 32)
        check_int(self.amount_sat, "output amount", MAX_SAT + 1)
        check_int(self.sequence, "nSequence", 1 << 32)
        check_int(self.locktime, "nLockTime", 1 << 32)

    @property
    def outpoint(self) -> COutPoint:
        return COutPoint(self.txid, self.index)


@dataclass(frozen=True)
class WalletCoin:
    """A P2WPKH coin of our on-chain wallet, used to pay fees (anchors, HTLC txs)."""

    txid: bytes = field(repr=False)
    index: int
    amount_sat: int
    privkey: bytes = field(repr=False)

    def as_input(self) -> SweepInput:
        pubkey = pubkey_of(self.privkey)
        return SweepInput(
            kind=SweepKind.WALLET_COIN,
            txid=self.txid,
            index=self.index,
            amount_sat=self.amount_sat,
            script_code=p2pkh_code(pubkey),
            privkey=self.privkey,
            witness_items=(pubkey,),
        )


@dataclass(frozen=True)
class Sweep:
    """A signed sweep transaction and its figures."""

    tx: CTransaction = field(repr=False)
    inputs: tuple[SweepInput, ...] = field(repr=False)
    input_sat: int
    fee_sat: int
    weight: int
    """The weight the fee was computed for (>= the real weight: signatures counted 73 B)."""

    @property
    def output_sat(self) -> int:
        return self.input_sat - self.fee_sat

    @property
    def txid(self) -> bytes:
        return self.tx.GetTxid()

    @property
    def kinds(self) -> tuple[SweepKind, ...]:
        return tuple(i.kind for i in self.inputs)


def p2pkh_code(pubkey: bytes) -> bytes:
    """The BIP 143 scriptCode of a P2WPKH output."""
    return bytes([0x76, 0xA9, 0x14]) + hash160(pubkey) + bytes([0x88, 0xAC])


def dust_threshold(script_pubkey: bytes) -> int:
    """Bitcoin Core's dust limit (at 3 sat/vB) for an output paying `script_pubkey`:
    294 sat for P2WPKH, 330 for P2WSH, 546 for P2PKH."""
    size = 8 + _varint_len(len(script_pubkey)) + len(script_pubkey)
    is_segwit = len(script_pubkey) >= 4 and script_pubkey[0] in (0, *range(0x51, 0x61))
    return 3 * (size + (67 if is_segwit else 148))


def tx_weight(tx: CTransaction) -> int:
    """BIP 141 weight: 3 x stripped size + total size."""
    stripped = CTransaction(tx.vin, tx.vout, tx.nLockTime, tx.nVersion)
    return 3 * len(stripped.serialize()) + len(tx.serialize())


def fee_for_weight(weight: int, feerate_per_kw: int) -> int:
    """The fee for `weight` at `feerate_per_kw` sat per 1000 weight units, rounded up."""
    return -(-weight * feerate_per_kw // 1000)


def sweep_weight(inputs: Sequence[SweepInput], destination: bytes) -> int:
    """The weight `build_sweep` pays for when it spends `inputs` to `destination`
    (signatures counted at their longest), without signing anything."""
    inputs = tuple(inputs)
    if not inputs:
        raise SweepError("a sweep needs at least one input")
    check_destination(destination)
    if len({(i.txid, i.index) for i in inputs}) != len(inputs):
        raise SweepError("a sweep spends the same outpoint twice")
    total = sum(i.amount_sat for i in inputs)
    locktime = max(i.locktime for i in inputs)
    if locktime and all(i.sequence == 0xFFFFFFFF for i in inputs):
        raise SweepError("a locktime needs an input with a non-final nSequence")
    vin = [CTxIn(i.outpoint, CScript(), i.sequence) for i in inputs]
    estimate = CTransaction(
        vin, [CTxOut(total, CScript(destination))], locktime, 2, _witness(inputs, None)
    )
    return tx_weight(estimate)


def build_sweep(inputs: Sequence[SweepInput], destination: bytes, feerate_per_kw: int) -> Sweep:
    """One transaction spending every input to `destination` (a scriptPubKey), paying
    `feerate_per_kw` on its weight. Raises `SweepDustError` if what is left is dust."""
    inputs = tuple(inputs)
    check_int(feerate_per_kw, "feerate_per_kw", 1 << 32)
    weight = sweep_weight(inputs, destination)
    total = sum(i.amount_sat for i in inputs)
    locktime = max(i.locktime for i in inputs)
    vin = [CTxIn(i.outpoint, CScript(), i.sequence) for i in inputs]
    fee = fee_for_weight(weight, feerate_per_kw)
    amount = total - fee
    if amount < dust_threshold(destination):
        raise SweepDustError(
            f"sweeping {total} sat at {feerate_per_kw} sat/kw costs {fee} sat and would "
            f"leave {amount} sat, below the dust limit of {dust_threshold(destination)} sat"
        )
    unsigned = CTransaction(vin, [CTxOut(amount, CScript(destination))], locktime, 2)
    signatures = [_sign_input(unsigned, n, i) for n, i in enumerate(inputs)]
    tx = CTransaction(unsigned.vin, unsigned.vout, locktime, 2, _witness(inputs, signatures))
    return Sweep(tx=tx, inputs=inputs, input_sat=total, fee_sat=fee, weight=weight)


def _witness(inputs: Sequence[SweepInput], signatures: Sequence[bytes | None] | None) -> CTxWitness:
    stacks = []
    for n, item in enumerate(inputs):
        stack: list[bytes] = []
        if item.privkey is not None:
            stack.append(SIG_PLACEHOLDER if signatures is None else signatures[n] or b"")
        stack.extend(item.witness_items)
        stacks.append(CTxInWitness(CScriptWitness(stack)))
    return CTxWitness(stacks)


def _sign_input(tx: CTransaction, n: int, item: SweepInput) -> bytes | None:
    if item.privkey is None:
        return None
    digest = segwit_sighash(tx, n, item.script_code, item.amount_sat, SIGHASH_ALL)
    return sign_digest(item.privkey, digest) + bytes([SIGHASH_ALL])


def verify_sweep(sweep: Sweep) -> bool:
    """True if every signed input's signature verifies against the key in its script
    (for tests and as a last check before broadcast)."""
    for n, item in enumerate(sweep.inputs):
        if item.privkey is None:
            continue
        stack = list(sweep.tx.wit.vtxinwit[n].scriptWitness)
        sig = stack[0]
        if not sig or sig[-1] != SIGHASH_ALL:
            return False
        digest = segwit_sighash(sweep.tx, n, item.script_code, item.amount_sat, SIGHASH_ALL)
        if not verify_digest(pubkey_of(item.privkey), digest, sig[:-1]):
            return False
    return True


def check_int(value: int, what: str, limit: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < limit:
        raise SweepError(f"{what} must be an integer in [0, {limit})")


def check_destination(script: bytes) -> None:
    if not isinstance(script, bytes | bytearray) or not 1 <= len(script) <= 10_000:
        raise SweepError("destination must be a non-empty scriptPubKey")


def _varint_len(n: int) -> int:
    return 1 if n < 0xFD else 3 if n <= 0xFFFF else 5


def pubkey_of(privkey: bytes) -> bytes:
    try:
        return pubkey_from_secret(privkey)
    except ChannelTxError as exc:
        raise SweepError("a private key is malformed") from exc


def p2wsh_input(
    kind: SweepKind,
    txid: bytes,
    output: CommitmentOutput,
    wscript: bytes,
    privkey: bytes | None,
    items: tuple[bytes, ...],
    *,
    sequence: int = SEQUENCE_RBF,
    locktime: int = 0,
) -> SweepInput:
    return SweepInput(
        kind=kind,
        txid=txid,
        index=output.index,
        amount_sat=output.amount_sat,
        script_code=wscript,
        privkey=privkey,
        witness_items=(*items, wscript),
        sequence=sequence,
        locktime=locktime,
    )

def spends(tx: CTransaction, txid: bytes, index: int) -> bool:
    return any(bytes(v.prevout.hash) == txid and v.prevout.n == index for v in tx.vin)
