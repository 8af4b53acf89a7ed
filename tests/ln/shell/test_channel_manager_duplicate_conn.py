"""Two connections to the same node at once (both sides reconnecting at the same moment, or
a reconnection racing an explicit connect): the node keeps one, and each channel runs on
exactly one connection, so messages left over on the replaced connection never reach the
channel after it reestablished on the new one."""

from __future__ import annotations

import asyncio

from tests.support.nodes import open_pair, settled
from wallet.ln.shell.payments import PaymentFailed


async def test_a_second_connection_mid_stream_keeps_the_channel_whole(tmp_path) -> None:
    chain, a, b, ch, chb, _ = await open_pair(tmp_path)
    try:
        a.peers.keep_connected(b.node_id, "127.0.0.1", b.listen_port)
        await a.pay(b.create_invoice(20_000_000, "so that b can pay back"))
        await settled(ch, chb)
        paid = {"a": 0, "b": 0}

        async def stream(payer, payee, name, amount, n):
            for _ in range(n):
                try:
                    await payer.pay(payee.create_invoice(amount, name), timeout=20)
                    paid[name] += amount
                except PaymentFailed as e:
                    assert "still pending" not in str(e)
                    await asyncio.sleep(0.05)

        async def extra_connections():
            for _ in range(4):
                await asyncio.sleep(0.15)
                # b dials a's side of the same link while a's connection is live
                await b.peers.connect("127.0.0.1", a.listen_port, a.node_id)

        await a.peers.listen("127.0.0.1", 0)
        a.manager.listen_port = a.peers._listener.port
        await asyncio.gather(*(stream(a, b, "a", 300_000, 25) for _ in range(4)),
                             *(stream(b, a, "b", 200_000, 25) for _ in range(4)),
                             extra_connections())
        await a.wait_normal(ch, 15)
        await b.wait_normal(chb, 15)
        await settled(ch, chb)
        assert ch.failure is None and chb.failure is None
        expected = 20_000_000 + paid["a"] - paid["b"]
        assert paid["a"] > 0 and paid["b"] > 0
        assert chb.state.commitments.local_commit.view.to_local_msat == expected
        assert ch.state.commitments.local_commit.view == chb.state.commitments.remote_commit.view
        assert ch.state.commitments.remote_commit.view == chb.state.commitments.local_commit.view
    finally:
        await a.stop()
        await b.stop()
