"""The runtime record of one channel in the shell: its current state, keys and lock, and
what the shell keeps beside the state (the connection it is synced on, held messages, the
funding watch, the peer's channel_update). The state itself is the pure machine's value."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any

from wallet.keys.lightning import ChannelKeys
from wallet.ln.channel import events as ev
from wallet.ln.channel import states as st
from wallet.ln.channel.channel_update import ChannelUpdate


@dataclass
class Channel:
    key_index: int
    peer_id: bytes
    state: Any
    keys: ChannelKeys = field(repr=False)
    lock: asyncio.Lock = field(default_factory=asyncio.Lock, repr=False)
    watch: ev.WatchFundingOutput | None = None
    depth_fed: int = 0
    next_spend_check: float = 0.0
    replay: bool = False  # look for incoming HTLCs left undecided (after a reconnection)
    spent_fed: bool = False
    failure: str | None = None
    conn: Any = field(default=None, repr=False)  # the connection the channel is synced on
    unbroadcast: list = field(default_factory=list, repr=False)
    # our update_add_htlc messages held back (with what records them) while a signature
    # of ours awaits its revocation: they leave with the next save, their rows in it
    held_adds: list = field(default_factory=list, repr=False)
    # BOLT 7 channel_update of a private channel: ours is sent once per connection once
    # Normal; the peer's (checked) gives its relay policy to our invoices' route hints
    # (kept in memory: the peer sends it again after each reestablish)
    update_sent_on: Any = field(default=None, repr=False)
    peer_update: ChannelUpdate | None = None
    # False for an inbound channel until its first save creates its row (an open the peer
    # abandons before funding_created is never stored)
    stored: bool = True
    # the connection on which a channel_reestablish for the live channel was answered
    reestablish_answered_on: Any = field(default=None, repr=False)

    @property
    def channel_id(self) -> bytes | None:
        return st.known_channel_id(self.state)

    @property
    def inner(self) -> Any:
        return st.unwrap(self.state)
