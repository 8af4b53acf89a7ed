"""The channel shell's BOLT 7 `channel_update` exchange for private channels, a
collaborator of `ChannelManager` behind the `UpdatesHost` port: ours is sent once per
connection when the channel is Normal; the peer's is checked (chain, direction, signature)
and kept for our route hints.
"""

from __future__ import annotations

import logging
import time

from wallet.ln.channel import states as st
from wallet.ln.channel.channel_update import (
    ChannelUpdateError,
    check_peer_update,
    decode_channel_update,
    our_update,
)
from wallet.ln.shell.live_channel import Channel
from wallet.ln.shell.peer import Peer, PeerError
from wallet.ln.shell.ports import UpdatesHost
from wallet.ln.wire import messages as m

log = logging.getLogger("kite.ln.channels")


class ChannelUpdates:
    """Sends our private channel_updates and keeps the peers' (see channel_update.py)."""

    def __init__(self, host: UpdatesHost, node_private_key: bytes) -> None:
        self.host = host
        self._key = node_private_key
        self._timestamp = 0  # strictly increasing, as BOLT 7 asks of one channel's updates

    async def send_ours(self, ch: Channel) -> None:
        """Once per connection, when the channel is Normal on it (channel_ready exchanged,
        or reestablished): our relay policy, so that the peer's invoices hint it right."""
        state, peer = ch.state, ch.conn
        if (not isinstance(state, st.Normal) or isinstance(state, st.ShuttingDown)
                or peer is None or ch.update_sent_on is peer):
            return
        scid = state.remote_alias or state.short_channel_id  # the peer knows it by this
        if scid is None:
            return
        p = state.commitments.params
        self._timestamp = max(int(time.time()), self._timestamp + 1)
        update = our_update(
            node_private_key=self._key, local_node_id=self.host.node_id,
            remote_node_id=ch.peer_id, chain_hash=state.setup.chain_hash,
            short_channel_id=scid, timestamp=self._timestamp,
            policy=self.host.relay_policy, htlc_minimum_msat=p.remote.htlc_minimum_msat,
            htlc_maximum_msat=min(p.funding_sat * 1000, p.remote.max_htlc_value_in_flight_msat))
        ch.update_sent_on = peer
        try:
            await peer.send(update.to_message())
        except PeerError as e:
            log.info("channel %d: channel_update not sent: %s", ch.key_index, e)

    async def on_theirs(self, peer: Peer, message: m.GossipMessage) -> None:
        """The peer's channel_update for one of our channels with it: checked (chain,
        direction, its signature), then its relay policy is kept for our route hints.
        Any other is ignored (BOLT 7: we do not take part in gossip)."""
        try:
            update = decode_channel_update(message.payload)
        except ChannelUpdateError as e:
            log.warning("%s: %s", peer, e)
            return
        scid = update.short_channel_id
        found = [c for c in self.host.channels.values() if c.peer_id == peer.node_id
                 and isinstance(c.inner, st.Normal)
                 and scid in (c.inner.setup.local_alias, c.inner.short_channel_id)]
        if not found:
            log.debug("%s: channel_update for %s (not our channel) ignored", peer, scid)
            return
        ch = found[0]
        try:
            check_peer_update(update, peer_node_id=peer.node_id, local_node_id=self.host.node_id,
                              chain_hash=ch.inner.setup.chain_hash)
        except ChannelUpdateError as e:
            log.warning("channel %d: %s", ch.key_index, e)
            await peer.send_error(str(e), warning=True)
            return
        if ch.peer_update is not None and update.timestamp <= ch.peer_update.timestamp:
            return  # BOLT 7: not newer than the one we hold
        ch.peer_update = update
        log.info("channel %d: the peer relays at %d msat + %d ppm, CLTV delta %d",
                 ch.key_index, update.fee_base_msat, update.fee_proportional_millionths,
                 update.cltv_expiry_delta)

