"""Commitment transactions: BOLT 3 "Commitment Transaction", "Trimmed Outputs", "Fees" and
"Commitment Transaction Construction", for `option_static_remotekey` and
`option_anchors_zero_fee_htlc_tx` channels.

A `CommitmentSpec` describes one commitment transaction *from the point of view of its
owner* ("local" = the side that can broadcast it): balances, feerate, HTLCs and the keys
of that commitment. To build the peer's commitment, the channel state machine describes it
with the roles swapped. `build_commitment(spec)` returns a `CommitmentTx`: the unsigned
transaction plus, for each output, what it is (`CommitmentOutput`), so that an output index
maps back to its HTLC. Signing helpers produce and check the funding-input signatures and
assemble the final witness.

Amounts are in satoshis unless the name ends in `_msat`; txids are 32 bytes in transaction
(internal) byte order, as BOLT 2 messages carry them (display hex is reversed).
Bad specs raise `CommitmentError`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from functools import lru_cache

from bitcoin.core import (
    COutPoint,
    CTransaction,
    CTxIn,
    CTxInWitness,
    CTxOut,
    CTxWitness,
)
from bitcoin.core.script import CScript, CScriptWitness

from wallet.hashes import sha256
from wallet.ln.tx import scripts
from wallet.ln.tx.errors import ChannelTxError
from wallet.ln.tx.keys import (
    ChannelKeyError,
    check_pubkey,
    derive_pubkey,
    derive_revocation_pubkey,
)
from wallet.ln.tx.signing import SIGHASH_ALL, segwit_sighash, sign_digest, verify_digest

COMMITMENT_WEIGHT = 724
COMMITMENT_WEIGHT_ANCHORS = 1124
HTLC_OUTPUT_WEIGHT = 172
HTLC_TIMEOUT_WEIGHT = 663
HTLC_SUCCESS_WEIGHT = 703

_MAX_COMMITMENT_NUMBER = (1 << 48) - 1


class CommitmentError(ChannelTxError):
    """A commitment (or HTLC transaction) cannot be built from what was given."""


class ChannelType(Enum):
    """The commitment format negotiated for the channel (BOLT 9 channel types)."""

    STATIC_REMOTEKEY = "option_static_remotekey"
    ANCHORS_ZERO_FEE_HTLC_TX = "option_anchors_zero_fee_htlc_tx"

    @property
    def anchors(self) -> bool:
        """True if the commitment has anchor outputs and zero-fee HTLC transactions."""
        return self is ChannelType.ANCHORS_ZERO_FEE_HTLC_TX


class HtlcDirection(Enum):
    """An HTLC as seen by the commitment's owner."""

    OFFERED = "offered"  # the owner pays it (local -> remote); claimed by HTLC-timeout
    RECEIVED = "received"  # the owner is paid (remote -> local); claimed by HTLC-success


@dataclass(frozen=True)
class Htlc:
    """One HTLC committed to. `htlc_id` is the `update_add_htlc` id of its offerer, so
    (direction, htlc_id) identifies it in a commitment."""

    direction: HtlcDirection
    htlc_id: int
    amount_msat: int
    payment_hash: bytes = field(repr=False)
    cltv_expiry: int

    def __post_init__(self) -> None:
        if not isinstance(self.direction, HtlcDirection):
            raise CommitmentError("HTLC direction must be an HtlcDirection")
        _check_uint(self.htlc_id, "HTLC id", 1 << 64)
        _check_uint(self.amount_msat, "HTLC amount_msat", 21_000_000 * 10**11 + 1)
        _check_uint(self.cltv_expiry, "HTLC cltv_expiry", 1 << 32)
        if not isinstance(self.payment_hash, bytes) or len(self.payment_hash) != 32:
            raise CommitmentError("HTLC payment_hash must be 32 bytes")

    @property
    def amount_sat(self) -> int:
        """The amount of its output: `amount_msat` rounded down to satoshis."""
        return self.amount_msat // 1000


@dataclass(frozen=True)
class CommitmentKeys:
    """The per-commitment keys of one commitment, seen from its owner."""

    revocation_pubkey: bytes
    local_delayed_pubkey: bytes
    local_htlc_pubkey: bytes
    remote_htlc_pubkey: bytes
    remote_payment_pubkey: bytes
    """`remotepubkey`: with static_remotekey, the other side's payment_basepoint."""

    def __post_init__(self) -> None:
        for name in (
            "revocation_pubkey",
            "local_delayed_pubkey",
            "local_htlc_pubkey",
            "remote_htlc_pubkey",
            "remote_payment_pubkey",
        ):
            check_pubkey(getattr(self, name), name)

    @classmethod
    def derive(
        cls,
        *,
        per_commitment_point: bytes,
        local_delayed_payment_basepoint: bytes,
        local_htlc_basepoint: bytes,
        remote_revocation_basepoint: bytes,
        remote_htlc_basepoint: bytes,
        remote_payment_basepoint: bytes,
    ) -> CommitmentKeys:
        """Derive the keys from the owner's `per_commitment_point` and both basepoints
        (BOLT 3 "Key Derivation"; `remotepubkey` is not tweaked under static_remotekey).
        Public points in, public keys out, always the same: derived once per set of points
        (a bounded cache; a closing channel's watch rebuilds its commitments at each block)."""
        points = (per_commitment_point, local_delayed_payment_basepoint, local_htlc_basepoint,
                  remote_revocation_basepoint, remote_htlc_basepoint, remote_payment_basepoint)
        if cls is CommitmentKeys and all(type(p) is bytes for p in points):
            return _derived_keys(*points)
        return _derive_keys(cls, *points)


def _derive_keys(cls: type[CommitmentKeys], per_commitment_point: bytes,
                 local_delayed_payment_basepoint: bytes, local_htlc_basepoint: bytes,
                 remote_revocation_basepoint: bytes, remote_htlc_basepoint: bytes,
                 remote_payment_basepoint: bytes) -> CommitmentKeys:
    return cls(
        revocation_pubkey=derive_revocation_pubkey(
            remote_revocation_basepoint, per_commitment_point
        ),
        local_delayed_pubkey=derive_pubkey(local_delayed_payment_basepoint, per_commitment_point),
        local_htlc_pubkey=derive_pubkey(local_htlc_basepoint, per_commitment_point),
        remote_htlc_pubkey=derive_pubkey(remote_htlc_basepoint, per_commitment_point),
        remote_payment_pubkey=check_pubkey(remote_payment_basepoint, "payment_basepoint"),
    )


@lru_cache(maxsize=1024)
def _derived_keys(*points: bytes) -> CommitmentKeys:
    """`_derive_keys` once per set of points (bytes only: hashable and never mutated)."""
    return _derive_keys(CommitmentKeys, *points)


@dataclass(frozen=True)
class CommitmentSpec:
    """Everything that determines one commitment transaction, from its owner's view.

    `to_local_msat` / `to_remote_msat` are the two balances *excluding* HTLCs and before
    fees: they plus all HTLC amounts must equal the channel capacity. The opener pays the
    fee (and, with anchors, the two anchor outputs) out of its balance.
    """

    channel_type: ChannelType
    funding_txid: bytes = field(repr=False)
    funding_output_index: int
    funding_sat: int
    local_funding_pubkey: bytes = field(repr=False)
    remote_funding_pubkey: bytes = field(repr=False)
    local_is_opener: bool
    obscuring_factor: int = field(repr=False)
    commitment_number: int
    to_self_delay: int
    """CSV delay on the owner's outputs (chosen by the other side)."""
    dust_limit_sat: int
    """The owner's `dust_limit_satoshis`."""
    feerate_per_kw: int
    to_local_msat: int
    to_remote_msat: int
    keys: CommitmentKeys = field(repr=False)
    htlcs: tuple[Htlc, ...] = ()

    def __post_init__(self) -> None:
        if not isinstance(self.channel_type, ChannelType):
            raise CommitmentError("channel_type must be a ChannelType")
        if not isinstance(self.funding_txid, bytes) or len(self.funding_txid) != 32:
            raise CommitmentError("funding_txid must be 32 bytes")
        _check_uint(self.funding_output_index, "funding_output_index", 1 << 16)
        _check_uint(self.funding_sat, "funding_sat", 21_000_000 * 10**8 + 1)
        try:
            check_pubkey(self.local_funding_pubkey, "local funding_pubkey")
            check_pubkey(self.remote_funding_pubkey, "remote funding_pubkey")
        except ChannelKeyError as exc:
            raise CommitmentError(str(exc)) from exc
        if not isinstance(self.local_is_opener, bool):
            raise CommitmentError("local_is_opener must be a bool")
        _check_uint(self.obscuring_factor, "obscuring_factor", 1 << 48)
        _check_uint(self.commitment_number, "commitment_number", 1 << 48)
        _check_uint(self.to_self_delay, "to_self_delay", 1 << 16)
        _check_uint(self.dust_limit_sat, "dust_limit_sat", 21_000_000 * 10**8 + 1)
        _check_uint(self.feerate_per_kw, "feerate_per_kw", 1 << 32)
        _check_uint(self.to_local_msat, "to_local_msat", 21_000_000 * 10**11 + 1)
        _check_uint(self.to_remote_msat, "to_remote_msat", 21_000_000 * 10**11 + 1)
        if not isinstance(self.keys, CommitmentKeys):
            raise CommitmentError("keys must be CommitmentKeys")
        if not isinstance(self.htlcs, tuple) or not all(isinstance(h, Htlc) for h in self.htlcs):
            raise CommitmentError("htlcs must be a tuple of Htlc")
        ids = {(h.direction, h.htlc_id) for h in self.htlcs}
        if len(ids) != len(self.htlcs):
            raise CommitmentError("two HTLCs have the same direction and id")
        total = self.to_local_msat + self.to_remote_msat + sum(h.amount_msat for h in self.htlcs)
        if total != self.funding_sat * 1000:
            raise CommitmentError(
                f"balances and HTLCs add up to {total} msat, not the channel capacity "
                f"{self.funding_sat * 1000} msat"
            )


class OutputKind(Enum):
    TO_LOCAL = "to_local"
    TO_REMOTE = "to_remote"
    LOCAL_ANCHOR = "to_local_anchor"
    REMOTE_ANCHOR = "to_remote_anchor"
    OFFERED_HTLC = "offered_htlc"
    RECEIVED_HTLC = "received_htlc"


@dataclass(frozen=True)
class CommitmentOutput:
    """One output of a commitment transaction and what it pays."""

    index: int
    kind: OutputKind
    amount_sat: int
    script_pubkey: bytes = field(repr=False)
    witness_script: bytes | None = field(repr=False)
    """The P2WSH script, or None for the (non-anchor) P2WPKH `to_remote`."""
    htlc: Htlc | None = None


def _check_uint(value: int, what: str, limit: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < limit:
        raise CommitmentError(f"{what} must be an integer in [0, {limit})")
    return value


# -- commitment number obscuring (BOLT 3 "Commitment Transaction") ---------------------------


def obscuring_factor(opener_payment_basepoint: bytes, acceptor_payment_basepoint: bytes) -> int:
    """Lower 48 bits of SHA256(opener's payment_basepoint || acceptor's payment_basepoint)."""
    opener = check_pubkey(opener_payment_basepoint, "opener payment_basepoint")
    acceptor = check_pubkey(acceptor_payment_basepoint, "acceptor payment_basepoint")
    return int.from_bytes(sha256(opener + acceptor)[-6:], "big")


def commitment_locktime_sequence(commitment_number: int, factor: int) -> tuple[int, int]:
    """(nLockTime, nSequence) encoding the obscured commitment number.

    Locktime: 0x20 then the lower 24 bits; sequence: 0x80 then the upper 24 bits.
    """
    _check_uint(commitment_number, "commitment_number", 1 << 48)
    _check_uint(factor, "obscuring_factor", 1 << 48)
    obscured = commitment_number ^ factor
    return (0x20 << 24) | (obscured & 0xFFFFFF), (0x80 << 24) | (obscured >> 24)


def decode_commitment_number(locktime: int, sequence: int, factor: int) -> int | None:
    """The commitment number of a transaction with this locktime/sequence, or None if they
    do not have the commitment shape (for recognising a commitment seen on chain)."""
    if locktime >> 24 != 0x20 or sequence >> 24 != 0x80:
        return None
    obscured = ((sequence & 0xFFFFFF) << 24) | (locktime & 0xFFFFFF)
    return obscured ^ factor


# -- fees and trimming (BOLT 3 "Fees", "Trimmed Outputs") ------------------------------------


def commitment_weight(num_untrimmed_htlcs: int, channel_type: ChannelType) -> int:
    """Expected weight: 724 (1124 with anchors) + 172 per untrimmed HTLC."""
    base = COMMITMENT_WEIGHT_ANCHORS if channel_type.anchors else COMMITMENT_WEIGHT
    return base + HTLC_OUTPUT_WEIGHT * num_untrimmed_htlcs


def commitment_fee_sat(
    feerate_per_kw: int, num_untrimmed_htlcs: int, channel_type: ChannelType
) -> int:
    """The base commitment fee the opener pays (rounded down)."""
    return feerate_per_kw * commitment_weight(num_untrimmed_htlcs, channel_type) // 1000


def htlc_timeout_fee_sat(feerate_per_kw: int, channel_type: ChannelType) -> int:
    """Fee of an HTLC-timeout transaction: 0 with zero-fee anchors, else 663 x feerate."""
    if channel_type.anchors:
        return 0
    return feerate_per_kw * HTLC_TIMEOUT_WEIGHT // 1000


def htlc_success_fee_sat(feerate_per_kw: int, channel_type: ChannelType) -> int:
    """Fee of an HTLC-success transaction: 0 with zero-fee anchors, else 703 x feerate."""
    if channel_type.anchors:
        return 0
    return feerate_per_kw * HTLC_SUCCESS_WEIGHT // 1000


def htlc_tx_fee_sat(htlc: Htlc, feerate_per_kw: int, channel_type: ChannelType) -> int:
    """The fee of the second-stage transaction that claims `htlc` for the owner."""
    if htlc.direction is HtlcDirection.OFFERED:
        return htlc_timeout_fee_sat(feerate_per_kw, channel_type)
    return htlc_success_fee_sat(feerate_per_kw, channel_type)


def is_trimmed(
    htlc: Htlc, dust_limit_sat: int, feerate_per_kw: int, channel_type: ChannelType
) -> bool:
    """True if the HTLC gets no output: its amount minus its HTLC-tx fee is below dust."""
    fee = htlc_tx_fee_sat(htlc, feerate_per_kw, channel_type)
    return htlc.amount_sat < dust_limit_sat + fee


def untrimmed_htlcs(spec: CommitmentSpec) -> list[Htlc]:
    """The HTLCs of `spec` that get an output, in the order given."""
    return [
        h
        for h in spec.htlcs
        if not is_trimmed(h, spec.dust_limit_sat, spec.feerate_per_kw, spec.channel_type)
    ]


def balances_after_fees_sat(spec: CommitmentSpec) -> tuple[int, int]:
    """(to_local, to_remote) in satoshis after the opener pays the base fee and, with
    anchors, the two 330-sat anchors (BOLT 3 "Fee Payment"). The opener's amount is
    negative if it cannot afford them: BOLT 2 requires rejecting such updates, and the
    state machine can check it here before building anything."""
    fee = commitment_fee_sat(spec.feerate_per_kw, len(untrimmed_htlcs(spec)), spec.channel_type)
    opener_cost = fee + (2 * scripts.ANCHOR_OUTPUT_SAT if spec.channel_type.anchors else 0)
    to_local = spec.to_local_msat // 1000
    to_remote = spec.to_remote_msat // 1000
    if spec.local_is_opener:
        return to_local - opener_cost, to_remote
    return to_local, to_remote - opener_cost


# -- construction (BOLT 3 "Commitment Transaction Construction") -----------------------------


@dataclass(frozen=True)
class CommitmentTx:
    """An unsigned commitment transaction and the meaning of each of its outputs."""

    spec: CommitmentSpec = field(repr=False)
    tx: CTransaction = field(repr=False)
    outputs: tuple[CommitmentOutput, ...]
    base_fee_sat: int

    @property
    def txid(self) -> bytes:
        """The txid in internal byte order (what HTLC transactions' inputs reference)."""
        return self.tx.GetTxid()

    @property
    def fee_sat(self) -> int:
        """The actual fee: capacity minus outputs (base fee plus trimmed amounts)."""
        return self.spec.funding_sat - sum(o.amount_sat for o in self.outputs)

    @property
    def htlc_outputs(self) -> list[CommitmentOutput]:
        """The HTLC outputs in output-index order (the order of `htlc_signatures`)."""
        return [o for o in self.outputs if o.htlc is not None]

    def output_of(self, kind: OutputKind) -> CommitmentOutput | None:
        """The to_local / to_remote / anchor output of that kind, if it exists."""
        for output in self.outputs:
            if output.kind is kind:
                return output
        return None

    def output_for_htlc(self, direction: HtlcDirection, htlc_id: int) -> CommitmentOutput | None:
        """The output of that HTLC, or None if it was trimmed or is not in this commitment."""
        for output in self.outputs:
            if (
                output.htlc
                and output.htlc.direction is direction
                and output.htlc.htlc_id == htlc_id
            ):
                return output
        return None

    @property
    def funding_witness_script(self) -> bytes:
        return scripts.funding_script(
            self.spec.local_funding_pubkey, self.spec.remote_funding_pubkey
        )

    def sighash(self) -> bytes:
        """The SIGHASH_ALL digest both sides sign for the funding input."""
        return segwit_sighash(
            self.tx, 0, self.funding_witness_script, self.spec.funding_sat, SIGHASH_ALL
        )

    def sign(self, funding_privkey: bytes) -> bytes:
        """Our DER signature for the funding input (without the sighash byte)."""
        return sign_digest(funding_privkey, self.sighash())

    def verify(self, funding_pubkey: bytes, signature_der: bytes) -> bool:
        """True if `signature_der` is a valid signature by `funding_pubkey`."""
        return verify_digest(funding_pubkey, self.sighash(), signature_der)

    def verify_local(self, signature_der: bytes) -> bool:
        """True if the owner's signature is valid for `local_funding_pubkey`."""
        return self.verify(self.spec.local_funding_pubkey, signature_der)

    def verify_remote(self, signature_der: bytes) -> bool:
        """True if the other side's signature (`commitment_signed.signature`, as DER) is
        valid for `remote_funding_pubkey`."""
        return self.verify(self.spec.remote_funding_pubkey, signature_der)

    def signed(self, local_signature_der: bytes, remote_signature_der: bytes) -> CTransaction:
        """The broadcastable transaction: witness `0 <sig1> <sig2> <funding script>`, the
        signatures in the order of the funding pubkeys. Both signatures are checked first."""
        if not self.verify_local(local_signature_der):
            raise CommitmentError("local commitment signature does not verify")
        if not self.verify_remote(remote_signature_der):
            raise CommitmentError("remote commitment signature does not verify")
        pairs = sorted(
            [
                (self.spec.local_funding_pubkey, local_signature_der),
                (self.spec.remote_funding_pubkey, remote_signature_der),
            ]
        )
        stack = [b""] + [sig + bytes([SIGHASH_ALL]) for _, sig in pairs]
        stack.append(self.funding_witness_script)
        witness = CTxWitness([CTxInWitness(CScriptWitness(stack))])
        return CTransaction(self.tx.vin, self.tx.vout, self.tx.nLockTime, self.tx.nVersion, witness)


def build_commitment(spec: CommitmentSpec) -> CommitmentTx:
    """Build the commitment transaction of `spec` (BOLT 3 "Commitment Transaction
    Construction"): trim HTLCs, take the base fee (and anchors) from the opener, drop dust
    balances, add anchors, and sort outputs by (value, scriptPubKey, cltv_expiry)."""
    channel_type = spec.channel_type
    anchors = channel_type.anchors
    keys = spec.keys
    htlcs = untrimmed_htlcs(spec)
    base_fee = commitment_fee_sat(spec.feerate_per_kw, len(htlcs), channel_type)

    to_local, to_remote = balances_after_fees_sat(spec)

    # (amount, script_pubkey, cltv tie-break, kind, witness_script, htlc)
    pending: list[tuple[int, bytes, int, OutputKind, bytes | None, Htlc | None]] = []
    for htlc in htlcs:
        if htlc.direction is HtlcDirection.OFFERED:
            kind = OutputKind.OFFERED_HTLC
            wscript = scripts.offered_htlc_script(
                keys.revocation_pubkey,
                keys.local_htlc_pubkey,
                keys.remote_htlc_pubkey,
                htlc.payment_hash,
                anchors=anchors,
            )
        else:
            kind = OutputKind.RECEIVED_HTLC
            wscript = scripts.received_htlc_script(
                keys.revocation_pubkey,
                keys.local_htlc_pubkey,
                keys.remote_htlc_pubkey,
                htlc.payment_hash,
                htlc.cltv_expiry,
                anchors=anchors,
            )
        pending.append(
            (htlc.amount_sat, scripts.p2wsh(wscript), htlc.cltv_expiry, kind, wscript, htlc)
        )

    # An opener that cannot cover the fee simply has no output (BOLT 3 App. C "fee greater
    # than funder amount"); BOLT 2 forbids reaching that state, which the caller enforces.
    has_to_local = to_local >= spec.dust_limit_sat and to_local >= 0
    has_to_remote = to_remote >= spec.dust_limit_sat and to_remote >= 0
    if has_to_local:
        wscript = scripts.to_local_script(
            keys.revocation_pubkey, spec.to_self_delay, keys.local_delayed_pubkey
        )
        pending.append((to_local, scripts.p2wsh(wscript), 0, OutputKind.TO_LOCAL, wscript, None))
    if has_to_remote:
        if anchors:
            wscript = scripts.to_remote_anchor_script(keys.remote_payment_pubkey)
            pending.append(
                (to_remote, scripts.p2wsh(wscript), 0, OutputKind.TO_REMOTE, wscript, None)
            )
        else:
            pending.append(
                (
                    to_remote,
                    scripts.p2wpkh(keys.remote_payment_pubkey),
                    0,
                    OutputKind.TO_REMOTE,
                    None,
                    None,
                )
            )
    if anchors:
        if has_to_local or htlcs:
            wscript = scripts.anchor_script(spec.local_funding_pubkey)
            pending.append(
                (
                    scripts.ANCHOR_OUTPUT_SAT,
                    scripts.p2wsh(wscript),
                    0,
                    OutputKind.LOCAL_ANCHOR,
                    wscript,
                    None,
                )
            )
        if has_to_remote or htlcs:
            wscript = scripts.anchor_script(spec.remote_funding_pubkey)
            pending.append(
                (
                    scripts.ANCHOR_OUTPUT_SAT,
                    scripts.p2wsh(wscript),
                    0,
                    OutputKind.REMOTE_ANCHOR,
                    wscript,
                    None,
                )
            )

    # BIP 69 + CLTV: value, then scriptPubKey bytes (a shorter prefix sorts first), then
    # cltv_expiry for otherwise identical HTLC outputs; the HTLC id only makes it total.
    pending.sort(key=lambda p: (p[0], p[1], p[2], p[5].htlc_id if p[5] else -1))

    outputs = tuple(
        CommitmentOutput(index, kind, amount, spk, wscript, htlc)
        for index, (amount, spk, _, kind, wscript, htlc) in enumerate(pending)
    )
    if sum(o.amount_sat for o in outputs) > spec.funding_sat:
        # only possible with anchors the opener cannot pay for: the tx would be invalid
        raise CommitmentError("the opener cannot pay for the anchor outputs")
    locktime, sequence = commitment_locktime_sequence(spec.commitment_number, spec.obscuring_factor)
    tx = CTransaction(
        [CTxIn(COutPoint(spec.funding_txid, spec.funding_output_index), CScript(), sequence)],
        [CTxOut(o.amount_sat, CScript(o.script_pubkey)) for o in outputs],
        locktime,
        2,
    )
    return CommitmentTx(spec=spec, tx=tx, outputs=outputs, base_fee_sat=base_fee)
