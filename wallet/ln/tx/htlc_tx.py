"""Second-stage HTLC transactions: BOLT 3 "HTLC-Timeout and HTLC-Success Transactions".

Each untrimmed HTLC output of a commitment is claimed by its owner through a transaction
both sides sign in advance: HTLC-timeout for offered HTLCs (locktime `cltv_expiry`),
HTLC-success for received ones (locktime 0, witness carries the preimage). The output pays
the owner after `to_self_delay`, or the other side with the revocation key.

Without anchors the input sequence is 0, the fee is 663/703 x feerate, and both signatures
are SIGHASH_ALL. With `option_anchors_zero_fee_htlc_tx` the sequence is 1, the fee is 0, and
the *remote* signature is SIGHASH_SINGLE|SIGHASH_ANYONECANPAY so the owner can add inputs
and outputs to pay the fee.

"Local" and "remote" follow the commitment's owner: when we sign HTLC transactions for the
peer's commitment (BOLT 2 `commitment_signed.htlc_signatures`) we are its *remote* side.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from bitcoin.core import COutPoint, CTransaction, CTxIn, CTxInWitness, CTxOut, CTxWitness
from bitcoin.core.script import CScript, CScriptWitness

from wallet.hashes import sha256
from wallet.ln.tx import scripts
from wallet.ln.tx.commitment_tx import (
    CommitmentError,
    CommitmentKeys,
    CommitmentOutput,
    CommitmentTx,
    Htlc,
    HtlcDirection,
    htlc_tx_fee_sat,
)
from wallet.ln.tx.signing import (
    SIGHASH_ALL,
    SIGHASH_SINGLE_ANYONECANPAY,
    segwit_sighash,
    sign_digest,
    verify_digest,
)


class HtlcTxKind(Enum):
    SUCCESS = "htlc-success"
    TIMEOUT = "htlc-timeout"


@dataclass(frozen=True)
class HtlcTx:
    """An unsigned HTLC-success or HTLC-timeout transaction for one commitment output."""

    kind: HtlcTxKind
    commitment_output: CommitmentOutput = field(repr=False)
    tx: CTransaction = field(repr=False)
    anchors: bool
    keys: CommitmentKeys = field(repr=False)
    """The commitment's keys: `local_htlc_pubkey` / `remote_htlc_pubkey` sign this."""

    @property
    def htlc(self) -> Htlc:
        assert self.commitment_output.htlc is not None  # guaranteed by make_htlc_tx
        return self.commitment_output.htlc

    @property
    def witness_script(self) -> bytes:
        """The commitment output's HTLC script, which this transaction spends."""
        assert self.commitment_output.witness_script is not None
        return self.commitment_output.witness_script

    @property
    def remote_sighash_type(self) -> int:
        """SIGHASH_SINGLE|ANYONECANPAY with anchors, else SIGHASH_ALL."""
        return SIGHASH_SINGLE_ANYONECANPAY if self.anchors else SIGHASH_ALL

    def sighash(self, sighash_type: int) -> bytes:
        return segwit_sighash(
            self.tx, 0, self.witness_script, self.commitment_output.amount_sat, sighash_type
        )

    def sign_as_local(self, local_htlc_privkey: bytes) -> bytes:
        """The owner's DER signature (SIGHASH_ALL), with the key of `local_htlcpubkey`."""
        return sign_digest(local_htlc_privkey, self.sighash(SIGHASH_ALL))

    def sign_as_remote(self, remote_htlc_privkey: bytes) -> bytes:
        """The other side's DER signature, with the key of `remote_htlcpubkey`; this is what
        goes in `commitment_signed.htlc_signatures` for the peer's commitment."""
        return sign_digest(remote_htlc_privkey, self.sighash(self.remote_sighash_type))

    def verify_local(self, signature_der: bytes) -> bool:
        """True if the owner's signature is valid for `local_htlc_pubkey`."""
        return verify_digest(self.keys.local_htlc_pubkey, self.sighash(SIGHASH_ALL), signature_der)

    def verify_remote(self, signature_der: bytes) -> bool:
        """True if the other side's signature (as received in
        `commitment_signed.htlc_signatures`) is valid for `remote_htlc_pubkey`."""
        return verify_digest(
            self.keys.remote_htlc_pubkey, self.sighash(self.remote_sighash_type), signature_der
        )

    def signed(
        self,
        remote_signature_der: bytes,
        local_signature_der: bytes,
        payment_preimage: bytes | None = None,
    ) -> CTransaction:
        """The broadcastable transaction. Witness: `0 <remotehtlcsig> <localhtlcsig>
        <payment_preimage>` for HTLC-success, `0 <remotehtlcsig> <localhtlcsig> <>` for
        HTLC-timeout, then the HTLC script. Both signatures are checked first."""
        if not self.verify_remote(remote_signature_der):
            raise CommitmentError("remote HTLC signature does not verify")
        if not self.verify_local(local_signature_der):
            raise CommitmentError("local HTLC signature does not verify")
        if self.kind is HtlcTxKind.SUCCESS:
            if (
                not isinstance(payment_preimage, bytes)
                or len(payment_preimage) != 32
                or sha256(payment_preimage) != self.htlc.payment_hash
            ):
                raise CommitmentError("HTLC-success needs the preimage of the payment hash")
            last = payment_preimage
        else:
            if payment_preimage is not None:
                raise CommitmentError("HTLC-timeout takes no preimage")
            last = b""
        stack = [
            b"",
            remote_signature_der + bytes([self.remote_sighash_type]),
            local_signature_der + bytes([SIGHASH_ALL]),
            last,
            self.witness_script,
        ]
        witness = CTxWitness([CTxInWitness(CScriptWitness(stack))])
        return CTransaction(self.tx.vin, self.tx.vout, self.tx.nLockTime, self.tx.nVersion, witness)


def make_htlc_tx(commitment: CommitmentTx, output: CommitmentOutput) -> HtlcTx:
    """The HTLC-timeout (offered HTLC) or HTLC-success (received HTLC) transaction that
    spends `output` of `commitment`."""
    htlc = output.htlc
    if htlc is None or output.witness_script is None:
        raise CommitmentError("output is not an HTLC output")
    if (
        not 0 <= output.index < len(commitment.outputs)
        or commitment.outputs[output.index] != output
    ):
        raise CommitmentError("output does not belong to this commitment")
    spec = commitment.spec
    anchors = spec.channel_type.anchors
    fee = htlc_tx_fee_sat(htlc, spec.feerate_per_kw, spec.channel_type)
    amount = output.amount_sat - fee
    if amount < 0:  # only for an output that should have been trimmed
        raise CommitmentError("HTLC amount does not cover the HTLC transaction fee")
    if htlc.direction is HtlcDirection.OFFERED:
        kind, locktime = HtlcTxKind.TIMEOUT, htlc.cltv_expiry
    else:
        kind, locktime = HtlcTxKind.SUCCESS, 0
    wscript = scripts.htlc_tx_output_script(
        spec.keys.revocation_pubkey, spec.to_self_delay, spec.keys.local_delayed_pubkey
    )
    tx = CTransaction(
        [CTxIn(COutPoint(commitment.txid, output.index), CScript(), 1 if anchors else 0)],
        [CTxOut(amount, CScript(scripts.p2wsh(wscript)))],
        locktime,
        2,
    )
    return HtlcTx(kind=kind, commitment_output=output, tx=tx, anchors=anchors, keys=spec.keys)


def htlc_txs(commitment: CommitmentTx) -> list[HtlcTx]:
    """All HTLC transactions of a commitment, in output-index order (the order of
    `commitment_signed.htlc_signatures`)."""
    return [make_htlc_tx(commitment, output) for output in commitment.htlc_outputs]
