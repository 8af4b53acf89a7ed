"""Private channels' channel_update between two real ChannelManagers (loopback BOLT 8,
real SQLite): each sends its relay policy once the channel is Normal and again after a
reconnection; each checks and keeps the other's, and its invoices' route hint through the
peer carries the peer's values. A forged update changes nothing."""

from __future__ import annotations

import asyncio
import os
import time

from tests.support.nodes import open_pair
from wallet.ln.bolt11.invoice import decode_invoice
from wallet.ln.channel import channel_update as cu
from wallet.ln.htlc.relay_policy import DEFAULT_RELAY, RelayPolicy


async def until(check, what: str, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.02)


def hint_of(manager, peer_id: bytes):
    invoice = decode_invoice(manager.create_invoice(10_000, "hint"))
    [hop] = [h[0] for h in invoice.route_hints if h[0].pubkey == peer_id]
    return hop


async def test_peers_exchange_channel_updates_and_hint_them(tmp_path) -> None:
    chain, a, b, ch, chb, _ = await open_pair(tmp_path)
    defaults = DEFAULT_RELAY
    try:
        await until(lambda: ch.peer_update is not None and chb.peer_update is not None,
                    "both channel_updates")
        assert ch.peer_update.policy == chb.peer_update.policy == defaults
        # each names the channel by the alias the other gave it
        assert ch.peer_update.short_channel_id == ch.inner.setup.local_alias
        assert chb.peer_update.short_channel_id == chb.inner.setup.local_alias
        first = ch.peer_update
        # b changes its price; after a reconnection (reestablish) each sends a fresh update
        b_policy = RelayPolicy(2_500, 333, 72)
        b.manager.relay_policy = b_policy
        b.peers.peers[a.node_id].close("test: reconnect")
        await until(lambda: ch.peer_update.policy == b_policy and chb.peer_update is not None
                    and chb.peer_update.timestamp > first.timestamp,
                    "updates after the reestablish", 30)
        assert ch.peer_update.timestamp > first.timestamp
        hop = hint_of(a, b.node_id)  # a's invoices hint b's channel at b's price
        assert (hop.fee_base_msat, hop.fee_proportional_millionths,
                hop.cltv_expiry_delta) == (2_500, 333, 72)
        assert hop.short_channel_id == ch.inner.remote_alias.to_int()
        hop = hint_of(b, a.node_id)
        assert (hop.fee_base_msat, hop.fee_proportional_millionths,
                hop.cltv_expiry_delta) == (DEFAULT_RELAY.fee_base_msat,
                DEFAULT_RELAY.fee_proportional_millionths, DEFAULT_RELAY.cltv_expiry_delta)
        # a forged update (a's channel, b's direction, signed by another key) is refused
        kept = ch.peer_update
        forged = cu.our_update(
            node_private_key=os.urandom(32), local_node_id=b.node_id, remote_node_id=a.node_id,
            chain_hash=kept.chain_hash, short_channel_id=kept.short_channel_id,
            timestamp=kept.timestamp + 100, policy=RelayPolicy(0, 0, 1),
            htlc_minimum_msat=1, htlc_maximum_msat=1000)
        await until(lambda: a.node_id in b.peers.peers and not b.peers.peers[a.node_id].is_closed
                    and b.node_id in a.peers.peers, "connected")
        await b.peers.peers[a.node_id].send(forged.to_message())
        # a genuine one, older than the forged one, sent after it: kept only if the forged
        # one was refused (an accepted one would make it too old)
        genuine = cu.sign_update(
            cu.ChannelUpdate(**{**forged.__dict__, "timestamp": kept.timestamp + 50}),
            b.lightning.node_private_key)
        await b.peers.peers[a.node_id].send(genuine.to_message())
        await until(lambda: ch.peer_update == genuine, "the genuine update")
        assert hint_of(a, b.node_id).fee_base_msat == 0
    finally:
        await a.stop()
        await b.stop()
