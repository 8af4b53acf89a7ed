"""The phases of a channel's life, one immutable class each (lightning-kmp style).

Every state that exists after funding_signed carries a `Commitments` (see `ledger`), so the
shell can persist it and restart from it. `Offline(state)` and `Syncing(state)` wrap a state
while the peer is away and while `channel_reestablish` is exchanged. Pure data; the
transitions are in `machine`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from wallet.ln.channel.commitments import Commitments
from wallet.ln.channel.params import ChannelPolicy, SideParams
from wallet.ln.features import Features, both_support
from wallet.ln.tx.commitment_tx import ChannelType
from wallet.ln.wire.primitives import ShortChannelId


class CloseHow(StrEnum):
    """How the funding output was spent: a mutual close, our commitment, the peer's
    current one, a revoked one of the peer's (punish it), one newer than we know (we lost
    data), or unknown."""

    MUTUAL = "mutual"
    LOCAL = "local"
    REMOTE = "remote"
    REVOKED = "revoked"
    FUTURE = "future"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Setup:
    """Per-channel context fixed when the channel object is created."""

    chain_hash: bytes  # genesis block hash, internal byte order
    key_index: int  # LightningKeys.channel_keys(key_index)
    close_script: bytes  # where our funds go on a mutual close
    policy: ChannelPolicy = ChannelPolicy()
    local_features: Features = Features()
    remote_features: Features = Features()
    local_alias: ShortChannelId | None = None
    #: this peer may open zero-conf channels to us (the LSP we bought a JIT channel from)
    zeroconf_peer: bool = False

    @property
    def upfront_script(self) -> bytes:
        """What we put in `upfront_shutdown_script`: our close script if both nodes support
        option_upfront_shutdown_script, else empty (we are then free to choose later)."""
        both = both_support(self.local_features, self.remote_features,
                            "option_upfront_shutdown_script")
        return self.close_script if both else b""


@dataclass(frozen=True)
class Idle:
    """No channel yet: `CmdOpen` makes us the funder, an `open_channel` the fundee."""

    setup: Setup


@dataclass(frozen=True)
class WaitForAcceptChannel:
    setup: Setup
    open: Any
    local: SideParams
    channel_type: ChannelType


@dataclass(frozen=True)
class WaitForFundingTx:
    """The peer accepted; the on-chain wallet is building the funding transaction."""

    setup: Setup
    open: Any
    accept: Any
    local: SideParams
    remote: SideParams
    channel_type: ChannelType


@dataclass(frozen=True)
class WaitForFundingCreated:
    setup: Setup
    open: Any
    accept: Any
    local: SideParams
    remote: SideParams
    channel_type: ChannelType


@dataclass(frozen=True)
class WaitForFundingSigned:
    """funding_created sent; our commitment 0 still lacks the peer's signature."""

    setup: Setup
    commitments: Commitments
    temporary_channel_id: bytes
    minimum_depth: int
    funding_raw: bytes = field(repr=False)


@dataclass(frozen=True)
class WaitForFundingConfirmed:
    setup: Setup
    commitments: Commitments
    minimum_depth: int
    funding_raw: bytes | None = field(default=None, repr=False)  # None on the fundee side
    remote_ready: Any = None  # the peer's channel_ready if it came first
    # the fundee's first block seen while waiting: it forgets the channel
    # `opening.FUNDING_TIMEOUT_BLOCKS` later (BOLT 2)
    waiting_since: int | None = None


@dataclass(frozen=True)
class WaitForChannelReady:
    """Our channel_ready is sent; waiting for the peer's."""

    setup: Setup
    commitments: Commitments
    short_channel_id: ShortChannelId | None  # None: a zero-conf channel not yet confirmed


@dataclass(frozen=True)
class Normal:
    setup: Setup
    commitments: Commitments
    short_channel_id: ShortChannelId | None  # None only when closed before channel_ready
    remote_alias: ShortChannelId | None = None
    local_shutdown: bytes | None = None  # the script of the shutdown we sent
    remote_shutdown: bytes | None = None
    # our fulfills/fails dropped at a disconnection, proposed again after (repr hidden:
    # they carry payment preimages)
    resend: tuple = field(default=(), repr=False)
    closing_feerate: int | None = None
    # the fundee of a zero-conf channel: the first block seen with its funding unconfirmed
    # (`double_spend.zero_conf_timeout` forgets the channel FUNDING_TIMEOUT_BLOCKS later)
    unconfirmed_since: int | None = None


@dataclass(frozen=True)
class ShuttingDown(Normal):
    """A shutdown was sent or received: no new HTLCs, the others are settled first."""


@dataclass(frozen=True)
class Negotiating:
    """No HTLC left: closing_signed fee negotiation."""

    setup: Setup
    commitments: Commitments
    short_channel_id: ShortChannelId | None
    local_script: bytes
    remote_script: bytes
    closing_feerate: int
    last_sent_fee: int | None = None
    our_range: tuple[int, int] | None = None


@dataclass(frozen=True)
class Closing:
    """The funding output is being (or has been) spent; on-chain resolution follows."""

    setup: Setup
    commitments: Commitments
    how: CloseHow
    published: tuple[bytes, ...] = field(default=(), repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "how", CloseHow(self.how))  # a stored state has a str


@dataclass(frozen=True)
class WaitForRemotePublish:
    """The peer proved we lost data: our commitment may be revoked, so we never publish it
    and wait for the peer to close (static_remotekey pays us directly)."""

    setup: Setup
    commitments: Commitments
    remote_point: bytes = field(repr=False)


@dataclass(frozen=True)
class Closed:
    """Forgotten before any funds were committed, or fully resolved."""

    reason: str


@dataclass(frozen=True)
class Offline:
    state: Any


@dataclass(frozen=True)
class Syncing:
    """channel_reestablish sent; waiting for the peer's."""

    state: Any


def commitments_of(state: Any) -> Commitments | None:
    """The commitments of a state (looking inside Offline/Syncing), if it has any."""
    return getattr(unwrap(state), "commitments", None)


def known_channel_id(state: Any) -> bytes | None:
    """The channel id a state knows: the final one once funded, else the temporary one;
    None when it knows none yet."""
    c = commitments_of(state)
    if c is not None:
        return c.channel_id
    inner = unwrap(state)
    opened = getattr(inner, "open", None)
    if opened is not None:
        return bytes(opened.temporary_channel_id)
    return getattr(inner, "temporary_channel_id", None)


def channel_id_of(state: Any, about: Any = None) -> bytes:
    """The channel id of `state` (the temporary one while opening; `about`, a message, when
    the state has none yet; else all zeros, which BOLT 1 reads as every channel)."""
    known = known_channel_id(state)
    if known is not None:
        return known
    for name in ("temporary_channel_id", "channel_id"):
        if hasattr(about, name):
            return getattr(about, name)
    return bytes(32)


def rewrap(state: Any, inner: Any) -> Any:
    """`inner` in place of the phase under `state`'s Offline/Syncing wrappers."""
    if isinstance(state, Offline | Syncing):
        return type(state)(rewrap(state.state, inner))
    return inner


def unwrap(state: Any) -> Any:
    """The phase under Offline/Syncing wrappers."""
    while isinstance(state, Offline | Syncing):
        state = state.state
    return state


def state_path(state: Any) -> str:
    """The phase's name under its wrappers, for logs and the CLI: e.g. "Offline/Normal"."""
    names = []
    while isinstance(state, Offline | Syncing):
        names.append(type(state).__name__)
        state = state.state
    return "/".join([*names, type(state).__name__])


class Phase(StrEnum):
    """Where a channel is in its life, for the GUI, the facade and the devnet (the state
    classes are for the machine and the logs; whether the peer is connected is separate)."""

    OPENING = "opening"
    ACTIVE = "active"
    SHUTTING_DOWN = "shutting_down"  # shutdown or fee negotiation, still off chain
    CLOSING = "closing"  # the funding output is spent (or being spent) on chain
    CLOSED = "closed"
    AWAITING_PEER_CLOSE = "awaiting_peer_close"  # we lost data: the peer must close


def phase(state: Any) -> Phase:
    """The phase of `state`, looking inside Offline/Syncing."""
    inner = unwrap(state)
    if isinstance(inner, Normal) and not isinstance(inner, ShuttingDown):
        return Phase.ACTIVE
    if isinstance(inner, ShuttingDown | Negotiating):
        return Phase.SHUTTING_DOWN
    if isinstance(inner, Closing):
        return Phase.CLOSING
    if isinstance(inner, Closed):
        return Phase.CLOSED
    if isinstance(inner, WaitForRemotePublish):
        return Phase.AWAITING_PEER_CLOSE
    return Phase.OPENING
