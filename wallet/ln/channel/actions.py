"""What comes out of the channel state machine: actions, as data, performed in order by the
I/O shell. `PersistState` always comes before any `SendMessage` that commits us
(funding_created/funding_signed, commitment_signed, revoke_and_ack, update_fulfill_htlc)
and before `BroadcastTx`."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from wallet.ln.channel.states import CloseHow


class TxKind(StrEnum):
    """What a transaction we broadcast is (its own coins: funding and mutual close are the
    wallet's; commitments and sweeps are the channel's)."""

    FUNDING = "funding"
    COMMITMENT = "commitment"
    MUTUAL_CLOSE = "mutual close"


@dataclass(frozen=True)
class SendMessage:
    message: Any


@dataclass(frozen=True)
class PersistState:
    state: Any = field(repr=False)


@dataclass(frozen=True)
class BroadcastTx:
    raw: bytes = field(repr=False)
    what: TxKind

    def __post_init__(self) -> None:
        object.__setattr__(self, "what", TxKind(self.what))


@dataclass(frozen=True)
class FundingTxNeeded:
    """Ask the on-chain wallet for a funding transaction paying `amount_sat` to `script`."""

    script_pubkey: bytes
    amount_sat: int


@dataclass(frozen=True)
class WatchFundingOutput:
    """Watch the funding output. Report `FundingDepthReached` only once the output exists
    and pays exactly `amount_sat` to `script_pubkey` (BOLT 2 "channel_ready"), and
    `FundingSpent` when it is spent."""

    txid: bytes
    output_index: int
    script_pubkey: bytes
    amount_sat: int
    minimum_depth: int


@dataclass(frozen=True)
class HtlcReceived:
    """An incoming HTLC is irrevocably committed: the payments layer may act on it."""

    htlc_id: int
    amount_msat: int
    payment_hash: bytes
    cltv_expiry: int
    onion: bytes = field(repr=False)
    path_key: bytes | None = None
    extra_fee_msat: int | None = None  # bLIP-25, as the sender declared it


@dataclass(frozen=True)
class HtlcSettled:
    """One of our outgoing HTLCs was fulfilled: the preimage is proof of payment."""

    htlc_id: int
    amount_msat: int
    payment_hash: bytes
    preimage: bytes = field(repr=False)


@dataclass(frozen=True)
class HtlcFailed:
    """One of our outgoing HTLCs failed. `reason` is the encrypted onion failure; for a
    malformed failure `failure_code`/`sha256_of_onion` are set instead; for an HTLC never
    committed (dropped at a disconnection) all three are None."""

    htlc_id: int
    amount_msat: int
    payment_hash: bytes
    reason: bytes | None = None
    failure_code: int | None = None
    sha256_of_onion: bytes | None = None


@dataclass(frozen=True)
class Disconnect:
    """Close the connection to the peer (after the messages before it): the channel
    resumes with channel_reestablish, which restarts what the peer got out of step."""

    reason: str


@dataclass(frozen=True)
class ChannelError:
    """The channel failed (or a peer message was refused); the text is for the log/GUI."""

    message: str


@dataclass(frozen=True)
class ChannelClosed:
    """The funding output was spent; `how` is mutual, local, remote, revoked (an old
    commitment: punish it), future (a commitment newer than we know: we lost data) or
    unknown."""

    how: CloseHow
    txid: bytes
