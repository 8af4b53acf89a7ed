"""How a channel ended, from the transaction that spends its funding output (BOLT 5 "General
Nomenclature"): ours, theirs, their revoked one, or a mutual close; and which outputs of a
commitment are whose. Pure."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import Enum

from bitcoin.core import CTransaction

from wallet.ln.enforcement.channel_info import ChannelInfo
from wallet.ln.enforcement.sweep_tx import (
    SweepError,
    spends,
)
from wallet.ln.tx import scripts
from wallet.ln.tx.commitment_tx import (
    ChannelType,
    CommitmentKeys,
    CommitmentOutput,
    Htlc,
    HtlcDirection,
    OutputKind,
    decode_commitment_number,
)


def identify_outputs(
    tx: CTransaction,
    keys: CommitmentKeys,
    channel_type: ChannelType,
    owner_to_self_delay: int,
    *,
    local_funding_pubkey: bytes,
    remote_funding_pubkey: bytes,
    htlcs: Iterable[Htlc] = (),
) -> list[CommitmentOutput]:
    """The outputs of a commitment transaction seen on chain, recognised by their scripts
    given the commitment's keys (from its owner's view) and the HTLCs it may hold.
    Outputs that match nothing are left out."""
    anchors = channel_type.anchors
    candidates: list[tuple[bytes, OutputKind, bytes | None, Htlc | None]] = []
    to_local = scripts.to_local_script(
        keys.revocation_pubkey, owner_to_self_delay, keys.local_delayed_pubkey
    )
    candidates.append((scripts.p2wsh(to_local), OutputKind.TO_LOCAL, to_local, None))
    if anchors:
        to_remote = scripts.to_remote_anchor_script(keys.remote_payment_pubkey)
        candidates.append((scripts.p2wsh(to_remote), OutputKind.TO_REMOTE, to_remote, None))
        for pubkey, kind in (
            (local_funding_pubkey, OutputKind.LOCAL_ANCHOR),
            (remote_funding_pubkey, OutputKind.REMOTE_ANCHOR),
        ):
            wscript = scripts.anchor_script(pubkey)
            candidates.append((scripts.p2wsh(wscript), kind, wscript, None))
    else:
        candidates.append(
            (scripts.p2wpkh(keys.remote_payment_pubkey), OutputKind.TO_REMOTE, None, None)
        )
    for htlc in htlcs:
        if htlc.direction is HtlcDirection.OFFERED:
            wscript = scripts.offered_htlc_script(
                keys.revocation_pubkey,
                keys.local_htlc_pubkey,
                keys.remote_htlc_pubkey,
                htlc.payment_hash,
                anchors=anchors,
            )
            kind = OutputKind.OFFERED_HTLC
        else:
            wscript = scripts.received_htlc_script(
                keys.revocation_pubkey,
                keys.local_htlc_pubkey,
                keys.remote_htlc_pubkey,
                htlc.payment_hash,
                htlc.cltv_expiry,
                anchors=anchors,
            )
            kind = OutputKind.RECEIVED_HTLC
        candidates.append((scripts.p2wsh(wscript), kind, wscript, htlc))
    found: list[CommitmentOutput] = []
    used: set[int] = set()
    for index, out in enumerate(tx.vout):
        spk = bytes(out.scriptPubKey)
        for n, (cand_spk, kind, wscript, htlc) in enumerate(candidates):
            if n in used or cand_spk != spk:
                continue
            if htlc is not None:
                used.add(n)  # identical HTLC scripts: each HTLC matches one output
            found.append(CommitmentOutput(index, kind, out.nValue, spk, wscript, htlc))
            break
    return found


class CloseKind(Enum):
    OUR_COMMITMENT = "our commitment"
    THEIR_COMMITMENT = "their current commitment"
    THEIR_REVOKED_COMMITMENT = "their revoked commitment"
    UNKNOWN_COMMITMENT = "a commitment we do not know (the peer may be ahead of us)"
    MUTUAL_CLOSE = "cooperative close"


@dataclass(frozen=True)
class FundingSpend:
    """What a transaction spending the funding output is."""

    kind: CloseKind
    commitment_number: int | None = None


def classify_funding_spend(
    tx: CTransaction,
    info: ChannelInfo,
    *,
    our_commitments: Mapping[bytes, int],
    their_commitments: Mapping[bytes, int],
    their_revoked_below: int,
) -> FundingSpend:
    """Which way the channel ended. `our_commitments` / `their_commitments` map the txids
    of the commitments we hold signed (ours) or signed for them and they have not revoked
    (theirs: current, and the next one if unrevoked) to their numbers; every commitment
    number of theirs below `their_revoked_below` is revoked (we hold its secret)."""
    if not spends(tx, info.funding_txid, info.funding_output_index) or len(tx.vin) != 1:
        raise SweepError("the transaction does not spend only the channel's funding output")
    txid = tx.GetTxid()
    if txid in our_commitments:
        return FundingSpend(CloseKind.OUR_COMMITMENT, our_commitments[txid])
    if txid in their_commitments:
        return FundingSpend(CloseKind.THEIR_COMMITMENT, their_commitments[txid])
    number = decode_commitment_number(tx.nLockTime, tx.vin[0].nSequence, info.obscuring_factor)
    if number is None:
        return FundingSpend(CloseKind.MUTUAL_CLOSE)
    if number < their_revoked_below:
        return FundingSpend(CloseKind.THEIR_REVOKED_COMMITMENT, number)
    return FundingSpend(CloseKind.UNKNOWN_COMMITMENT, number)


def our_closing_output(tx: CTransaction, our_script: bytes) -> int | None:
    """The index of our output in a cooperative closing transaction (it pays our
    shutdown script directly: nothing to sweep), or None if it has none (dust)."""
    for index, out in enumerate(tx.vout):
        if bytes(out.scriptPubKey) == bytes(our_script):
            return index
    return None
