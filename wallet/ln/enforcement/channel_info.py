"""What a closed channel's sweeps need to know of it: our keys (a Protocol the key store meets),
the peer's basepoints, and the channel's parameters (`ChannelInfo`). Pure."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from wallet.ln.enforcement.sweep_tx import (
    MAX_SAT,
    SweepError,
    check_int,
)
from wallet.ln.tx.commitment_tx import (
    ChannelType,
    CommitmentKeys,
    obscuring_factor,
)
from wallet.ln.tx.errors import ChannelTxError
from wallet.ln.tx.keys import (
    check_pubkey,
    per_commitment_point,
)
from wallet.ln.tx.shachain import commitment_secret


class OurChannelKeys(Protocol):
    """Our side's keys (`wallet.keys.lightning.ChannelKeys` fits)."""

    funding_pubkey: bytes
    revocation_basepoint: bytes
    payment_basepoint: bytes
    delayed_payment_basepoint: bytes
    htlc_basepoint: bytes
    funding_private_key: bytes
    revocation_basepoint_secret: bytes
    payment_basepoint_secret: bytes
    delayed_payment_basepoint_secret: bytes
    htlc_basepoint_secret: bytes
    per_commitment_seed: bytes


@dataclass(frozen=True)
class PeerBasepoints:
    """The peer's public keys from `open_channel`/`accept_channel` (`SideParams` fits too)."""

    funding_pubkey: bytes = field(repr=False)
    revocation_basepoint: bytes = field(repr=False)
    payment_basepoint: bytes = field(repr=False)
    delayed_payment_basepoint: bytes = field(repr=False)
    htlc_basepoint: bytes = field(repr=False)

    def __post_init__(self) -> None:
        for name in (
            "funding_pubkey",
            "revocation_basepoint",
            "payment_basepoint",
            "delayed_payment_basepoint",
            "htlc_basepoint",
        ):
            try:
                check_pubkey(getattr(self, name), f"peer {name}")
            except ChannelTxError as exc:
                raise SweepError(str(exc)) from exc


@dataclass(frozen=True)
class ChannelInfo:
    """Everything about a channel the sweeps need, independent of any commitment."""

    channel_type: ChannelType
    funding_txid: bytes = field(repr=False)
    funding_output_index: int
    funding_sat: int
    ours: OurChannelKeys = field(repr=False)
    peer: PeerBasepoints = field(repr=False)
    we_opened: bool
    our_to_self_delay: int
    """The CSV delay on *our* outputs (the value the peer asked for)."""
    their_to_self_delay: int
    """The CSV delay on *their* outputs (the value we asked for)."""

    def __post_init__(self) -> None:
        if not isinstance(self.channel_type, ChannelType):
            raise SweepError("channel_type must be a ChannelType")
        if not isinstance(self.funding_txid, bytes) or len(self.funding_txid) != 32:
            raise SweepError("funding_txid must be 32 bytes")
        check_int(self.funding_output_index, "funding_output_index", 1 << 16)
        check_int(self.funding_sat, "funding_sat", MAX_SAT + 1)
        check_int(self.our_to_self_delay, "our_to_self_delay", 1 << 16)
        check_int(self.their_to_self_delay, "their_to_self_delay", 1 << 16)
        if not isinstance(self.we_opened, bool):
            raise SweepError("we_opened must be a bool")
        if not isinstance(self.peer, PeerBasepoints):
            raise SweepError("peer must be PeerBasepoints")
        missing = [n for n in OurChannelKeys.__annotations__ if not hasattr(self.ours, n)]
        if missing:
            raise SweepError(f"our channel keys lack {', '.join(missing)}")

    @property
    def anchors(self) -> bool:
        return self.channel_type.anchors

    @property
    def obscuring_factor(self) -> int:
        """The factor that hides commitment numbers in nLockTime/nSequence."""
        if self.we_opened:
            return obscuring_factor(self.ours.payment_basepoint, self.peer.payment_basepoint)
        return obscuring_factor(self.peer.payment_basepoint, self.ours.payment_basepoint)

    def our_point(self, commitment_number: int) -> bytes:
        """Our per_commitment_point of `commitment_number` (from our shachain seed)."""
        return per_commitment_point(
            commitment_secret(self.ours.per_commitment_seed, commitment_number)
        )

    def our_commitment_keys(self, commitment_number: int) -> CommitmentKeys:
        """The keys of our commitment `commitment_number`."""
        return CommitmentKeys.derive(
            per_commitment_point=self.our_point(commitment_number),
            local_delayed_payment_basepoint=self.ours.delayed_payment_basepoint,
            local_htlc_basepoint=self.ours.htlc_basepoint,
            remote_revocation_basepoint=self.peer.revocation_basepoint,
            remote_htlc_basepoint=self.peer.htlc_basepoint,
            remote_payment_basepoint=self.peer.payment_basepoint,
        )

    def their_commitment_keys(self, their_point: bytes) -> CommitmentKeys:
        """The keys of their commitment with per_commitment_point `their_point`."""
        return CommitmentKeys.derive(
            per_commitment_point=their_point,
            local_delayed_payment_basepoint=self.peer.delayed_payment_basepoint,
            local_htlc_basepoint=self.peer.htlc_basepoint,
            remote_revocation_basepoint=self.ours.revocation_basepoint,
            remote_htlc_basepoint=self.ours.htlc_basepoint,
            remote_payment_basepoint=self.ours.payment_basepoint,
        )
