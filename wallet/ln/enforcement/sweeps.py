"""BOLT 5 on-chain enforcement: the transactions that sweep a closed channel's outputs.

Pure builders for the watcher (no I/O). A channel can end four ways (BOLT 5 "General
Nomenclature"); `classify_funding_spend` tells which from the transaction that spends the
funding output, and the functions below build and sign what we must broadcast:

1. **Our commitment**: `our_to_local_input` (after `to_self_delay`), the second-stage
   HTLC-timeout/success transactions of `htlc_tx.py` (with anchors they carry no fee:
   `fund_htlc_tx` adds a wallet input and change), then `htlc_tx_output_input` for their
   outputs (after `to_self_delay`); `anchor_cpfp` bumps the commitment through our anchor.
2. **Their current commitment**: `to_remote_input` (already ours), and the HTLC outputs
   directly: `their_offered_htlc_input` with the preimage, `their_received_htlc_input`
   after `cltv_expiry`.
3. **Their revoked commitment**: `justice_txs` takes every output with the revocation
   key, including the outputs of second-stage HTLC transactions they already published.
4. **Mutual close**: nothing to sweep; `our_closing_output` finds our output.
(`classify_funding_spend`, `identify_outputs` and `our_closing_output` are in
`funding_spend.py`; `ChannelInfo` in `channel_info.py`; the generic transaction in `sweep_tx.py`.)

Each builder returns a `SweepInput` (an outpoint, its amount, how to sign it, its witness
shape, its nSequence and any nLockTime it needs). `build_sweep` puts inputs into one
transaction to a destination script, sizes its weight from the witnesses, sets the fee from
a feerate (sat per 1000 weight units, as BOLT 3 counts) and signs every input (SIGHASH_ALL).
A sweep whose output would be dust raises `SweepDustError`; any other bad input raises
`SweepError` (both `ChannelTxError`s). `sweep_weight` gives the weight without signing, so a
caller can ask whether an output is worth anything even at `RELAY_FLOOR_PER_KW`. Messages
never contain keys or preimages.

Directions: an `Htlc` is always described from the point of view of the commitment's
*owner* (as in `commitment.py`); on their commitment, "offered" means they offered it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from bitcoin.core import CTransaction, CTxIn, CTxInWitness, CTxOut, CTxWitness
from bitcoin.core.script import CScript, CScriptWitness

from wallet.hashes import sha256
from wallet.ln.enforcement.channel_info import ChannelInfo, OurChannelKeys, PeerBasepoints
from wallet.ln.enforcement.funding_spend import (
    CloseKind,
    FundingSpend,
    classify_funding_spend,
    identify_outputs,
    our_closing_output,
)
from wallet.ln.enforcement.sweep_tx import (
    ANCHOR_ANYONE_DELAY,
    RELAY_FLOOR_PER_KW,
    SEQUENCE_RBF,
    SIG_PLACEHOLDER,
    Sweep,
    SweepDustError,
    SweepError,
    SweepInput,
    SweepKind,
    WalletCoin,
    _sign_input,
    _witness,
    build_sweep,
    check_destination,
    check_int,
    dust_threshold,
    fee_for_weight,
    p2pkh_code,
    p2wsh_input,
    pubkey_of,
    spends,
    sweep_weight,
    tx_weight,
    verify_sweep,
)
from wallet.ln.tx import scripts
from wallet.ln.tx.commitment_tx import (
    CommitmentKeys,
    CommitmentOutput,
    Htlc,
    OutputKind,
)
from wallet.ln.tx.htlc_tx import HtlcTx, HtlcTxKind
from wallet.ln.tx.keys import (
    derive_privkey,
    derive_revocation_privkey,
    per_commitment_point,
)
from wallet.ln.tx.signing import (
    SIGHASH_ALL,
    SIGHASH_SINGLE_ANYONECANPAY,
    segwit_sighash,
    sign_digest,
)

# -- what a channel knows --------------------------------------------------------------------








# -- inputs and the generic sweep builder ----------------------------------------------------


























# -- 1. our commitment -----------------------------------------------------------------------


def our_to_local_input(
    info: ChannelInfo, commitment_number: int, output: CommitmentOutput, commitment_txid: bytes
) -> SweepInput:
    """Our `to_local` on our commitment: witness `<local_delayedsig> <>`, nSequence =
    `to_self_delay` (spendable once the commitment is that deep)."""
    point = info.our_point(commitment_number)
    privkey = derive_privkey(info.ours.delayed_payment_basepoint_secret, point)
    keys = info.our_commitment_keys(commitment_number)
    wscript = scripts.to_local_script(
        keys.revocation_pubkey, info.our_to_self_delay, keys.local_delayed_pubkey
    )
    _expect(output, OutputKind.TO_LOCAL, wscript)
    return p2wsh_input(
        SweepKind.OUR_TO_LOCAL,
        commitment_txid,
        output,
        wscript,
        privkey,
        (b"",),
        sequence=info.our_to_self_delay,
    )


def our_htlc_privkey(info: ChannelInfo, commitment_number: int) -> bytes:
    """Our `local_htlcpubkey` secret on our commitment (signs our HTLC-timeout/success)."""
    return derive_privkey(info.ours.htlc_basepoint_secret, info.our_point(commitment_number))


def htlc_tx_output_input(
    info: ChannelInfo, commitment_number: int, htlc_tx: CTransaction, index: int = 0
) -> SweepInput:
    """Output `index` of our (confirmed) HTLC-timeout/success transaction: the to_local
    shape, witness `<local_delayedsig> <>`, nSequence = `to_self_delay`."""
    point = info.our_point(commitment_number)
    keys = info.our_commitment_keys(commitment_number)
    wscript = scripts.htlc_tx_output_script(
        keys.revocation_pubkey, info.our_to_self_delay, keys.local_delayed_pubkey
    )
    amount = _output_paying(htlc_tx, index, scripts.p2wsh(wscript))
    return SweepInput(
        kind=SweepKind.OUR_HTLC_TX_OUTPUT,
        txid=htlc_tx.GetTxid(),
        index=index,
        amount_sat=amount,
        script_code=wscript,
        privkey=derive_privkey(info.ours.delayed_payment_basepoint_secret, point),
        witness_items=(b"", wscript),
        sequence=info.our_to_self_delay,
    )


@dataclass(frozen=True)
class FundedTx:
    """A transaction we added wallet inputs to, to pay its fee (or its parent's)."""

    tx: CTransaction = field(repr=False)
    fee_sat: int
    weight: int
    change_sat: int


def fund_htlc_tx(
    htlc_tx: HtlcTx,
    remote_signature_der: bytes,
    local_htlc_privkey: bytes,
    coins: Sequence[WalletCoin],
    change_script: bytes,
    feerate_per_kw: int,
    payment_preimage: bytes | None = None,
) -> FundedTx:
    """Our zero-fee anchors HTLC-timeout/success transaction with a fee: the peer's
    SIGHASH_SINGLE|ANYONECANPAY signature stays valid when we add `coins` as inputs 1.. and
    a change output 1; we sign input 0 (SIGHASH_ALL) over the final transaction."""
    if not htlc_tx.anchors:
        raise SweepError("only anchors HTLC transactions are signed for added inputs")
    if not coins:
        raise SweepError("a fee input is needed")
    check_destination(change_script)
    check_int(feerate_per_kw, "feerate_per_kw", 1 << 32)
    if not htlc_tx.verify_remote(remote_signature_der):
        raise SweepError("the peer's HTLC signature does not verify")
    if htlc_tx.kind is HtlcTxKind.SUCCESS:
        if not isinstance(payment_preimage, bytes) or sha256(payment_preimage) != (
            htlc_tx.htlc.payment_hash
        ):
            raise SweepError("HTLC-success needs the preimage of the payment hash")
        last = payment_preimage
    else:
        if payment_preimage is not None:
            raise SweepError("HTLC-timeout takes no preimage")
        last = b""
    coin_inputs = [c.as_input() for c in coins]
    vin = [htlc_tx.tx.vin[0]] + [CTxIn(c.outpoint, CScript(), c.sequence) for c in coin_inputs]
    coin_sat = sum(c.amount_sat for c in coin_inputs)
    remote = remote_signature_der + bytes([SIGHASH_SINGLE_ANYONECANPAY])

    def assemble(change: int, local_sig: bytes, coin_sigs: Sequence[bytes]) -> CTransaction:
        stacks = [
            CTxInWitness(CScriptWitness([b"", remote, local_sig, last, htlc_tx.witness_script]))
        ] + [
            CTxInWitness(CScriptWitness([sig, *c.witness_items]))
            for sig, c in zip(coin_sigs, coin_inputs, strict=True)
        ]
        vout = [htlc_tx.tx.vout[0], CTxOut(change, CScript(change_script))]
        return CTransaction(vin, vout, htlc_tx.tx.nLockTime, 2, CTxWitness(stacks))

    weight = tx_weight(assemble(coin_sat, SIG_PLACEHOLDER, [SIG_PLACEHOLDER] * len(coin_inputs)))
    fee = fee_for_weight(weight, feerate_per_kw)
    change = coin_sat - fee  # the HTLC tx itself moves its input amount to output 0
    if change < dust_threshold(change_script):
        raise SweepDustError(
            f"fee inputs of {coin_sat} sat cannot pay {fee} sat and leave a change output"
        )
    unsigned = assemble(change, b"", [b""] * len(coin_inputs))
    unsigned = CTransaction(unsigned.vin, unsigned.vout, unsigned.nLockTime, 2)
    local_digest = segwit_sighash(
        unsigned, 0, htlc_tx.witness_script, htlc_tx.commitment_output.amount_sat, SIGHASH_ALL
    )
    if pubkey_of(local_htlc_privkey) != htlc_tx.keys.local_htlc_pubkey:
        raise SweepError("the HTLC private key does not match this commitment's local_htlcpubkey")
    local_sig = sign_digest(local_htlc_privkey, local_digest) + bytes([SIGHASH_ALL])
    coin_sigs = [_sign_input(unsigned, n + 1, c) or b"" for n, c in enumerate(coin_inputs)]
    tx = assemble(change, local_sig, coin_sigs)
    return FundedTx(tx=tx, fee_sat=fee, weight=weight, change_sat=change)


def anchor_input(
    info: ChannelInfo, commitment_txid: bytes, output: CommitmentOutput, *, anyone: bool = False
) -> SweepInput:
    """An anchor output: ours with `<funding_sig>` at once, or (`anyone`) any anchor with an
    empty witness item once its commitment is 16 blocks deep (nSequence 16)."""
    if output.kind not in (OutputKind.LOCAL_ANCHOR, OutputKind.REMOTE_ANCHOR):
        raise SweepError("output is not an anchor")
    if output.witness_script is None or scripts.p2wsh(output.witness_script) != (
        output.script_pubkey
    ):
        raise SweepError("anchor output has no matching witness script")
    wscript = output.witness_script
    if anyone:
        return p2wsh_input(
            SweepKind.ANCHOR_ANYONE,
            commitment_txid,
            output,
            wscript,
            None,
            (b"",),
            sequence=ANCHOR_ANYONE_DELAY,
        )
    if wscript != scripts.anchor_script(info.ours.funding_pubkey):
        raise SweepError("this anchor is not ours")
    return p2wsh_input(
        SweepKind.ANCHOR, commitment_txid, output, wscript, info.ours.funding_private_key, ()
    )


def anchor_cpfp(
    info: ChannelInfo,
    commitment: CTransaction,
    commitment_fee_sat: int,
    anchor: CommitmentOutput,
    coins: Sequence[WalletCoin],
    change_script: bytes,
    package_feerate_per_kw: int,
) -> Sweep:
    """A child spending our anchor and `coins` that brings the (commitment + child) package
    to `package_feerate_per_kw`; the child's change goes to `change_script`."""
    inputs = [anchor_input(info, commitment.GetTxid(), anchor)] + [c.as_input() for c in coins]
    check_int(package_feerate_per_kw, "feerate_per_kw", 1 << 32)
    # Size the child as a plain sweep, then charge it the parent's shortfall as well.
    probe = build_sweep(inputs, change_script, 0)
    parent_weight = tx_weight(commitment)
    fee = fee_for_weight(probe.weight + parent_weight, package_feerate_per_kw)
    fee = max(fee - commitment_fee_sat, fee_for_weight(probe.weight, package_feerate_per_kw))
    return _sweep_with_fee(inputs, change_script, fee, probe.weight)


def _sweep_with_fee(
    inputs: Sequence[SweepInput], destination: bytes, fee: int, weight: int
) -> Sweep:
    total = sum(i.amount_sat for i in inputs)
    amount = total - fee
    if amount < dust_threshold(destination):
        raise SweepDustError(
            f"inputs of {total} sat cannot pay {fee} sat and leave a non-dust output"
        )
    vin = [CTxIn(i.outpoint, CScript(), i.sequence) for i in inputs]
    locktime = max(i.locktime for i in inputs)
    unsigned = CTransaction(vin, [CTxOut(amount, CScript(destination))], locktime, 2)
    signatures = [_sign_input(unsigned, n, i) for n, i in enumerate(inputs)]
    tx = CTransaction(unsigned.vin, unsigned.vout, locktime, 2, _witness(inputs, signatures))
    return Sweep(tx=tx, inputs=tuple(inputs), input_sat=total, fee_sat=fee, weight=weight)


# -- 2. their commitment ---------------------------------------------------------------------


def to_remote_input(
    info: ChannelInfo, commitment_txid: bytes, output: CommitmentOutput
) -> SweepInput:
    """Our `to_remote` on their commitment: P2WPKH to our payment_basepoint (witness
    `<sig> <pubkey>`), or with anchors P2WSH `<sig>` + script with nSequence 1."""
    privkey = info.ours.payment_basepoint_secret
    pubkey = info.ours.payment_basepoint
    if info.anchors:
        wscript = scripts.to_remote_anchor_script(pubkey)
        _expect(output, OutputKind.TO_REMOTE, wscript)
        return p2wsh_input(
            SweepKind.TO_REMOTE, commitment_txid, output, wscript, privkey, (), sequence=1
        )
    if output.kind is not OutputKind.TO_REMOTE or output.script_pubkey != scripts.p2wpkh(pubkey):
        raise SweepError("output is not our to_remote")
    return SweepInput(
        kind=SweepKind.TO_REMOTE,
        txid=commitment_txid,
        index=output.index,
        amount_sat=output.amount_sat,
        script_code=p2pkh_code(pubkey),
        privkey=privkey,
        witness_items=(pubkey,),
    )


def _their_htlc_privkey(info: ChannelInfo, their_point: bytes, keys: CommitmentKeys) -> bytes:
    privkey = derive_privkey(info.ours.htlc_basepoint_secret, their_point)
    if pubkey_of(privkey) != keys.remote_htlc_pubkey:
        raise SweepError("their per_commitment_point does not give our HTLC key")
    return privkey


def their_offered_htlc_input(
    info: ChannelInfo,
    their_point: bytes,
    commitment_txid: bytes,
    output: CommitmentOutput,
    payment_preimage: bytes,
) -> SweepInput:
    """An HTLC they offered (we are paid) on their commitment, claimed with the preimage:
    witness `<remotehtlcsig> <payment_preimage>` (nSequence 1 with anchors)."""
    htlc = _htlc_of(output, OutputKind.OFFERED_HTLC)
    if not isinstance(payment_preimage, bytes) or sha256(payment_preimage) != htlc.payment_hash:
        raise SweepError("the preimage does not match the HTLC's payment hash")
    keys = info.their_commitment_keys(their_point)
    wscript = scripts.offered_htlc_script(
        keys.revocation_pubkey,
        keys.local_htlc_pubkey,
        keys.remote_htlc_pubkey,
        htlc.payment_hash,
        anchors=info.anchors,
    )
    _expect(output, OutputKind.OFFERED_HTLC, wscript)
    return p2wsh_input(
        SweepKind.THEIR_OFFERED_HTLC_PREIMAGE,
        commitment_txid,
        output,
        wscript,
        _their_htlc_privkey(info, their_point, keys),
        (payment_preimage,),
        sequence=1 if info.anchors else SEQUENCE_RBF,
    )


def their_received_htlc_input(
    info: ChannelInfo, their_point: bytes, commitment_txid: bytes, output: CommitmentOutput
) -> SweepInput:
    """An HTLC they received (we paid) on their commitment, taken back after its
    `cltv_expiry`: witness `<remotehtlcsig> <>`, nLockTime = cltv_expiry."""
    htlc = _htlc_of(output, OutputKind.RECEIVED_HTLC)
    keys = info.their_commitment_keys(their_point)
    wscript = scripts.received_htlc_script(
        keys.revocation_pubkey,
        keys.local_htlc_pubkey,
        keys.remote_htlc_pubkey,
        htlc.payment_hash,
        htlc.cltv_expiry,
        anchors=info.anchors,
    )
    _expect(output, OutputKind.RECEIVED_HTLC, wscript)
    return p2wsh_input(
        SweepKind.THEIR_RECEIVED_HTLC_TIMEOUT,
        commitment_txid,
        output,
        wscript,
        _their_htlc_privkey(info, their_point, keys),
        (b"",),
        sequence=1 if info.anchors else SEQUENCE_RBF,
        locktime=htlc.cltv_expiry,
    )


def their_commitment_inputs(
    info: ChannelInfo,
    their_point: bytes,
    commitment_txid: bytes,
    outputs: Iterable[CommitmentOutput],
    preimages: Mapping[bytes, bytes],
    height: int,
) -> list[SweepInput]:
    """Everything of their (current) commitment we can spend in the next block at chain
    height `height`: our to_remote, the HTLCs they offered whose preimage we know
    (`preimages` maps payment hash to preimage), and the HTLCs they received whose
    `cltv_expiry` is at most `height` (a locktime must be below the block's height)."""
    check_int(height, "height", 1 << 32)
    found: list[SweepInput] = []
    for output in outputs:
        if output.kind is OutputKind.TO_REMOTE:
            found.append(to_remote_input(info, commitment_txid, output))
        elif output.kind is OutputKind.OFFERED_HTLC and output.htlc is not None:
            preimage = preimages.get(output.htlc.payment_hash)
            if preimage is not None:
                found.append(
                    their_offered_htlc_input(info, their_point, commitment_txid, output, preimage)
                )
        elif (
            output.kind is OutputKind.RECEIVED_HTLC
            and output.htlc is not None
            and output.htlc.cltv_expiry <= height
        ):
            found.append(their_received_htlc_input(info, their_point, commitment_txid, output))
    return found


# -- 3. their revoked commitment (justice) ---------------------------------------------------


def justice_inputs(
    info: ChannelInfo,
    revoked: CTransaction,
    per_commitment_secret: bytes,
    htlcs: Iterable[Htlc] = (),
    second_stage: Iterable[CTransaction] = (),
    *,
    include_to_remote: bool = True,
) -> list[list[SweepInput]]:
    """The inputs of the justice transactions against `revoked` (their commitment whose
    `per_commitment_secret` they revealed): first the commitment's unspent outputs (their
    to_local and HTLCs by the revocation key, plus our to_remote if asked), then, for each
    `second_stage` transaction spending it, that transaction's revocable outputs.
    `htlcs` are the HTLCs that commitment may hold, from *their* point of view."""
    point = per_commitment_point(per_commitment_secret)
    revocation_privkey = derive_revocation_privkey(
        info.ours.revocation_basepoint_secret, per_commitment_secret
    )
    keys = info.their_commitment_keys(point)
    if pubkey_of(revocation_privkey) != keys.revocation_pubkey:  # cannot happen; never sign blind
        raise SweepError("revocation key derivation is inconsistent")
    revocation_pubkey = keys.revocation_pubkey
    txid = revoked.GetTxid()
    if not spends(revoked, info.funding_txid, info.funding_output_index):
        raise SweepError("the revoked transaction does not spend the channel's funding output")
    outputs = identify_outputs(
        revoked,
        keys,
        info.channel_type,
        info.their_to_self_delay,
        local_funding_pubkey=info.peer.funding_pubkey,
        remote_funding_pubkey=info.ours.funding_pubkey,
        htlcs=htlcs,
    )
    stages = list(second_stage)
    spent = {(bytes(vin.prevout.hash), vin.prevout.n) for tx in stages for vin in tx.vin}
    first: list[SweepInput] = []
    for output in outputs:
        if (txid, output.index) in spent:
            continue
        if output.kind is OutputKind.TO_LOCAL:
            assert output.witness_script is not None
            first.append(
                p2wsh_input(
                    SweepKind.REVOKED_TO_LOCAL,
                    txid,
                    output,
                    output.witness_script,
                    revocation_privkey,
                    (b"\x01",),
                )
            )
        elif output.kind in (OutputKind.OFFERED_HTLC, OutputKind.RECEIVED_HTLC):
            assert output.witness_script is not None
            first.append(
                p2wsh_input(
                    SweepKind.REVOKED_HTLC,
                    txid,
                    output,
                    output.witness_script,
                    revocation_privkey,
                    (revocation_pubkey,),
                )
            )
        elif output.kind is OutputKind.TO_REMOTE and include_to_remote:
            first.append(to_remote_input(info, txid, output))
    groups = [first] if first else []
    stage_script = scripts.htlc_tx_output_script(
        revocation_pubkey, info.their_to_self_delay, keys.local_delayed_pubkey
    )
    stage_spk = scripts.p2wsh(stage_script)
    for tx in stages:
        if not any(bytes(vin.prevout.hash) == txid for vin in tx.vin):
            raise SweepError("a second-stage transaction does not spend the revoked commitment")
        group = [
            SweepInput(
                kind=SweepKind.REVOKED_HTLC_TX_OUTPUT,
                txid=tx.GetTxid(),
                index=n,
                amount_sat=out.nValue,
                script_code=stage_script,
                privkey=revocation_privkey,
                witness_items=(b"\x01", stage_script),
            )
            for n, out in enumerate(tx.vout)
            if bytes(out.scriptPubKey) == stage_spk
        ]
        if group:
            groups.append(group)
    return groups


def justice_txs(
    info: ChannelInfo,
    revoked: CTransaction,
    per_commitment_secret: bytes,
    destination: bytes,
    feerate_per_kw: int,
    htlcs: Iterable[Htlc] = (),
    second_stage: Iterable[CTransaction] = (),
    *,
    include_to_remote: bool = True,
) -> list[Sweep]:
    """The justice transactions against a revoked commitment: one taking every unspent
    output of the commitment, and one per second-stage HTLC transaction already seen
    (so a replaced or reorganised second stage never invalidates the first)."""
    groups = justice_inputs(
        info,
        revoked,
        per_commitment_secret,
        htlcs,
        second_stage,
        include_to_remote=include_to_remote,
    )
    if not groups:
        raise SweepError("the revoked commitment has no output we can take")
    return [build_sweep(group, destination, feerate_per_kw) for group in groups]


# -- identifying outputs and closing transactions --------------------------------------------












# -- helpers ---------------------------------------------------------------------------------











def _expect(output: CommitmentOutput, kind: OutputKind, wscript: bytes) -> None:
    if not isinstance(output, CommitmentOutput) or output.kind is not kind:
        raise SweepError(f"output is not a {kind.value} output")
    if output.script_pubkey != scripts.p2wsh(wscript):
        raise SweepError(f"the {kind.value} output does not pay the script our keys give")


def _htlc_of(output: CommitmentOutput, kind: OutputKind) -> Htlc:
    if not isinstance(output, CommitmentOutput) or output.kind is not kind or output.htlc is None:
        raise SweepError(f"output is not a {kind.value} output")
    return output.htlc




def _output_paying(tx: CTransaction, index: int, script_pubkey: bytes) -> int:
    if not isinstance(index, int) or not 0 <= index < len(tx.vout):
        raise SweepError(f"transaction has no output {index}")
    out = tx.vout[index]
    if bytes(out.scriptPubKey) != script_pubkey:
        raise SweepError("the HTLC transaction output does not pay the script our keys give")
    return out.nValue


__all__ = [
    "ANCHOR_ANYONE_DELAY",
    "RELAY_FLOOR_PER_KW",
    "SEQUENCE_RBF",
    "ChannelInfo",
    "CloseKind",
    "FundingSpend",
    "FundedTx",
    "OurChannelKeys",
    "PeerBasepoints",
    "Sweep",
    "SweepDustError",
    "SweepError",
    "SweepInput",
    "SweepKind",
    "WalletCoin",
    "anchor_cpfp",
    "anchor_input",
    "build_sweep",
    "classify_funding_spend",
    "dust_threshold",
    "fee_for_weight",
    "fund_htlc_tx",
    "htlc_tx_output_input",
    "identify_outputs",
    "justice_inputs",
    "justice_txs",
    "our_closing_output",
    "our_htlc_privkey",
    "our_to_local_input",
    "sweep_weight",
    "their_commitment_inputs",
    "their_offered_htlc_input",
    "their_received_htlc_input",
    "to_remote_input",
    "tx_weight",
    "verify_sweep",
]
