"""The seams of the Lightning shell, as Protocols (ports): what the HTLC switch, payments and
the forwarder see of the channel shell, what the channel shell tells about HTLCs, and what
it needs from the chain. Each part imports these, never another part's class: the one place
that knows the classes and wires them together is `lightning_node.py`.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from wallet.ln.channel import events as ev
from wallet.ln.channel.params import ChannelPolicy
from wallet.ln.features import Features
from wallet.ln.htlc.contract import Forwarder, IncomingHtlc, Resolution
from wallet.ln.htlc.relay_policy import RelayPolicy
from wallet.ln.shell.live_channel import Channel
from wallet.ln.store.channel_store import ChannelStore
from wallet.ln.store.payment_log import PaymentLog
from wallet.ln.wire import messages as m
from wallet.ln.wire.primitives import ShortChannelId
from wallet.networks import Network

Emit = Callable[[str, dict[str, Any]], None]


@dataclass(frozen=True)
class FundingStatus:
    """A funding output as the chain sees it: depth, position, and its spender if spent."""

    depth: int = 0
    short_channel_id: ShortChannelId | None = None
    spender: bytes | None = field(default=None, repr=False)
    #: confirmations of a proven transaction that spends an input of the (unconfirmed)
    #: funding transaction: that funding can never confirm (0: none known)
    conflict_depth: int = 0


class ChainBackend(Protocol):
    """What the channel shell needs from the chain."""

    @property
    def tip_height(self) -> int: ...

    async def feerate_per_kw(self) -> int: ...

    def close_script(self) -> bytes: ...

    async def build_funding(self, script: bytes, amount_sat: int,
                            extra_outputs: tuple[bytes, ...] = ()) -> bytes:
        """A signed transaction paying `amount_sat` to `script` (not broadcast), with a
        zero-value output for each scriptPubKey of `extra_outputs` (the recovery record)."""

    async def broadcast(self, raw: bytes, what: str) -> None: ...

    async def funding_status(self, watch: ev.WatchFundingOutput) -> FundingStatus: ...


class LostChannels(Protocol):
    """Channels whose state we lost and are recovering (`recovery_service.py`)."""

    async def on_reestablish(self, peer: Any, msg: m.ChannelReestablish) -> bool:
        """Answer the peer's reestablish of a channel we hold no state of; False when it
        is not one being recovered."""


class OnionMessages(Protocol):
    """Who takes the `onion_message`s peers send us (`onion_messenger.py`)."""

    async def on_message(self, peer: Any, payload: bytes) -> None:
        """One onion_message (its payload after the type) from `peer`."""


class PeerStorageEvents(Protocol):
    """BOLT 1 peer storage (`peer_storage.py`), as the channel shell calls it."""

    async def peer_ready(self, peer: Any) -> None:
        """A connection is up: called before any channel_reestablish is sent on it."""

    async def on_message(self, peer: Any, msg: Any) -> bool:
        """`peer_storage` / `peer_storage_retrieval`: True when it was one of them."""

    def peer_closed(self, peer: Any) -> None:
        """The connection is gone."""


class ChannelHost(Protocol):
    """The channel shell as the switch, payments and the forwarder see it."""

    network: Network
    policy: ChannelPolicy
    chain: ChainBackend
    store: ChannelStore
    payment_log: PaymentLog
    channels: dict[int, Channel]
    emit: Emit

    @property
    def node_id(self) -> bytes: ...

    async def feed(self, ch: Channel, events: list) -> None:
        """Feed `events` to the channel's machine and perform its actions, in order."""

    async def channel_change(self, timeout: float) -> None:
        """Return after the next step of any channel (or after `timeout` seconds)."""

    def peer_features(self, node_id: bytes) -> Features | None:
        """The features the peer sent in `init`, while it is connected."""


class FollowerHost(ChannelHost, Protocol):
    """The channel shell as its chain follower (`chain_follower.py`) sees it."""

    poll_interval: float

    async def publish(self, ch: Channel, raw: bytes, what: str) -> None:
        """Broadcast one of the channel's transactions (kept to retry if it fails)."""

    def htlc_events(self) -> HtlcEvents:
        """Where HTLC outcomes learned on chain go (the switch)."""

    async def watch_closing(self, ch: Channel, new_block: bool) -> Any:
        """Run the BOLT 5 watch of a closing channel; its plan, or None."""


class UpdatesHost(ChannelHost, Protocol):
    """The channel shell as its channel_update exchange (`channel_updates.py`) sees it."""

    relay_policy: RelayPolicy


class HtlcEvents(Protocol):
    """What the channel shell tells about HTLCs, from inside its executor (the switch)."""

    def claim_add(self, ch: Channel, msg: m.UpdateAddHtlc) -> Callable[[], None] | None: ...

    def on_add_sent(self, ch: Channel, msg: m.UpdateAddHtlc) -> None: ...

    def on_htlc_received(self, ch: Channel, h: ev.HtlcReceived, queue: list) -> bool: ...

    def on_settled(self, ch: Channel, s: ev.HtlcSettled) -> None: ...

    def on_failed(self, ch: Channel, f: ev.HtlcFailed) -> None: ...

    def undecided_commands(self, ch: Channel) -> list: ...

    def preimages_learned(self, ch: Channel, preimages: dict[bytes, bytes]) -> None: ...

    def timed_out_on_chain(self, key_index: int, payment_hash: bytes) -> None: ...


class HtlcSender(Protocol):
    """The switch as payments and the forwarder use it: send, answer, await outcomes."""

    forwarder: Forwarder | None

    async def send_htlc(self, ch: Channel, amount_msat: int, payment_hash: bytes,
                        cltv_expiry: int, onion: bytes, *, purpose: str = "payment",
                        fee_msat: int | None = None, shared_secrets: tuple[bytes, ...] = (),
                        trampoline_secrets: tuple[bytes, ...] = ()) -> Any: ...

    async def resolve_incoming(self, key_index: int, htlc_id: int,
                               answer: Resolution) -> None: ...

    def outcome(self, key: tuple[int, int]) -> asyncio.Future: ...


class RelayHost(ChannelHost, Protocol):
    """The node as the relay role (the forwarder) uses it: the channels, HTLCs out and
    answers back, and becoming the switch's forwarder."""

    def set_forwarder(self, forwarder: Forwarder | None) -> None: ...

    def offer_feature(self, name: str) -> None: ...

    def read_blinded_hop(self, path_key: bytes, encrypted_data: bytes) -> Any:
        """Our hop of a blinded path (`route_blinding.UnblindedHop`), read with our node key;
        raises InvalidOnionBlinding."""

    async def send_htlc(self, ch: Channel, amount_msat: int, payment_hash: bytes,
                        cltv_expiry: int, onion: bytes, **kwargs: Any) -> Any: ...

    async def resolve_incoming(self, key_index: int, htlc_id: int,
                               answer: Resolution) -> None: ...

    def outcome(self, key: tuple[int, int]) -> asyncio.Future: ...


class FinalReceiver(Protocol):
    """Our own invoices, as the switch hands them their HTLCs (payments)."""

    def on_final_htlc(self, inc: IncomingHtlc) -> Resolution | None: ...

    def preimage_for_undecided(self, h: Any) -> bytes | None: ...

