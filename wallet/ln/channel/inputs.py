"""What goes into the channel state machine besides peer messages (which are the
`wallet.ln.wire.messages` dataclasses): user commands, and chain and connection events."""

from __future__ import annotations

from dataclasses import dataclass, field

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
    #: option_zeroconf (with scid_alias): the channel is used before its funding confirms
    zeroconf: bool = False


@dataclass(frozen=True)
class CmdAddHtlc:
    amount_msat: int
    payment_hash: bytes
    cltv_expiry: int
    onion: bytes = field(repr=False)
    path_key: bytes | None = None
    #: bLIP-25: msat this HTLC carries less than its onion says (an LSP's JIT channel fee)
    extra_fee_msat: int | None = None


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
class FundingDoubleSpent:
    """A transaction conflicting with the unconfirmed funding transaction (spending one of
    its inputs) is buried deep enough: the funding output will never exist."""


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
