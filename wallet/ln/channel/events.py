"""What goes into the channel state machine (commands, chain and connection events; peer
messages are the `wallet.ln.wire.messages` dataclasses) and what comes out (actions).

Actions are data, performed in order by the I/O shell. `PersistState` always comes before
any `SendMessage` that commits us (funding_created/funding_signed, commitment_signed,
revoke_and_ack, update_fulfill_htlc) and before `BroadcastTx`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from wallet.ln.tx.commitment_tx import ChannelType
from wallet.ln.wire.primitives import ShortChannelId

# -- user commands ---------------------------------------------------------------------------


@dataclass(frozen=True)
class CmdOpen:
    """Open a channel as funder. The funding transaction is built later by the on-chain
    wallet, once the peer accepted (see `FundingTxNeeded` / `FundingTxReady`)."""

    temporary_channel_id: bytes
    funding_sat: int
    push_msat: int
    feerate_per_kw: int
    channel_type: ChannelType
    announce: bool = False
    scid_alias: bool = False


@dataclass(frozen=True)
class CmdAddHtlc:
    amount_msat: int
    payment_hash: bytes
    cltv_expiry: int
    onion: bytes = field(repr=False)
    path_key: bytes | None = None


@dataclass(frozen=True)
class CmdFulfillHtlc:
    htlc_id: int
    preimage: bytes = field(repr=False)


@dataclass(frozen=True)
class CmdFailHtlc:
    htlc_id: int
    reason: bytes


@dataclass(frozen=True)
class CmdFailMalformedHtlc:
    htlc_id: int
    sha256_of_onion: bytes
    failure_code: int


@dataclass(frozen=True)
class CmdSign:
    """Sign the peer's next commitment with every update proposed so far (a batch)."""


@dataclass(frozen=True)
class CmdUpdateFee:
    feerate_per_kw: int


@dataclass(frozen=True)
class CmdClose:
    """Cooperative close. `script` defaults to the one given when the channel was set up;
    `feerate_per_kw` is the target closing feerate (default: the commitment's)."""

    script: bytes | None = None
    feerate_per_kw: int | None = None


@dataclass(frozen=True)
class CmdForceClose:
    """Publish our latest commitment (refused when the peer proved we lost data)."""


# -- chain and connection events -------------------------------------------------------------


@dataclass(frozen=True)
class FundingTxReady:
    """The funder's wallet built (but did not broadcast) the funding transaction."""

    txid: bytes  # internal byte order
    output_index: int
    raw: bytes = field(repr=False)


@dataclass(frozen=True)
class FundingDepthReached:
    depth: int
    short_channel_id: ShortChannelId


@dataclass(frozen=True)
class FundingSpent:
    tx: bytes = field(repr=False)  # the serialized spending transaction


@dataclass(frozen=True)
class ClosingResolved:
    """The watcher found every output of the closing transaction irreversibly resolved:
    `Closing` becomes `Closed` (nothing is left to watch or sweep)."""

    summary: str = ""


@dataclass(frozen=True)
class NewBlock:
    """The chain tip moved: HTLC deadlines are checked (BOLT 2 "cltv_expiry_delta")."""

    height: int


@dataclass(frozen=True)
class Disconnected:
    pass


@dataclass(frozen=True)
class Reconnected:
    pass


# -- actions ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class SendMessage:
    message: Any


@dataclass(frozen=True)
class PersistState:
    state: Any = field(repr=False)


@dataclass(frozen=True)
class BroadcastTx:
    raw: bytes = field(repr=False)
    what: str


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

    how: str
    txid: bytes
