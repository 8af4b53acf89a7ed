"""An invoice names at most MAX_ROUTE_HINTS peers, those that can send us the most first:
a node with many channels (a trampoline, an LSP) would otherwise make invoices longer than
any reader takes (found on the devnet: Tram's LSPS1 fee invoice grew past bLIP-51's 2,048 characters)."""

from __future__ import annotations

import asyncio

from tests.support.nodes import channel, start_nodes, stop_all
from wallet.ln.bolt11.invoice import decode_invoice
from wallet.ln.shell import payments


async def test_the_invoice_names_the_roomiest_peers_up_to_the_cap(tmp_path, monkeypatch) -> None:
    chain, _, (a, b, c) = await start_nodes(tmp_path, "a", "b", "c")
    try:
        await channel(chain, b, a, 200_000)
        await channel(chain, c, a, 600_000)  # c can send a the most
        both = decode_invoice(a.create_invoice(1_000_000, "two hints"))
        assert {h[0].pubkey for h in both.route_hints} == {b.node_id, c.node_id}
        monkeypatch.setattr(payments, "MAX_ROUTE_HINTS", 1)
        one = decode_invoice(a.create_invoice(1_000_000, "one hint"))
        assert [h[0].pubkey for h in one.route_hints] == [c.node_id]
        # a peer gone offline (its channel's state wrapped in Offline) is still ranked
        await c.stop()
        for _ in range(200):
            if all(type(ch.state).__name__ == "Offline" for ch in a.channels.values()
                   if ch.peer_id == c.node_id):
                break
            await asyncio.sleep(0.02)
        offline = decode_invoice(a.create_invoice(1_000_000, "peer offline"))
        assert [h[0].pubkey for h in offline.route_hints] == [c.node_id]
    finally:
        await stop_all(a, b, c)
