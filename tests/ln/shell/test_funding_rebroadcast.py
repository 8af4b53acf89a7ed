"""A funding transaction that never left (the process died between storing the channel's
state and the broadcast) is published again after the restart, and is not sent once the
channel no longer waits for it."""

from __future__ import annotations

import asyncio

from tests.support.nodes import make_node, start_nodes, stop_all
from wallet.ln.channel import states as st
from wallet.ln.channel.actions import TxKind


async def _until(check, what: str, seconds: float = 10.0) -> None:
    for _ in range(int(seconds / 0.02)):
        if check():
            return
        await asyncio.sleep(0.02)
    raise AssertionError(f"timed out waiting for {what}")


async def test_a_funding_lost_at_a_restart_is_published_again(tmp_path) -> None:
    chain, seeds, (a, b) = await start_nodes(tmp_path, "a", "b")
    a2 = None
    try:
        ch = await a.open_channel(b.node_id, "127.0.0.1", b.listen_port, 200_000)
        await _until(lambda: isinstance(ch.inner, st.WaitForFundingConfirmed), "the funding")
        funding = ch.inner.funding_raw
        txid = st.unwrap(ch.state).commitments.params.funding_txid
        assert txid in chain.mempool  # sent; now as if the kill came before it left
        del chain.mempool[txid]
        chain.broadcasts.clear()
        await a.stop()

        a2 = make_node(tmp_path, "a", chain, seeds["a"])
        await a2.start()
        [again] = a2.channels.values()
        assert isinstance(again.inner, st.WaitForFundingConfirmed)
        chain.mine(1)  # the next block: the funding goes out again
        await _until(lambda: txid in chain.mempool, "the funding published again")
        assert (TxKind.FUNDING, funding) in chain.broadcasts
        chain.mine(3)
        await _until(lambda: isinstance(again.inner, st.Normal | st.WaitForChannelReady),
                     "the funding confirmed")
        sent = len(chain.broadcasts)
        chain.mine(1)
        await asyncio.sleep(0.3)
        assert len(chain.broadcasts) == sent  # confirmed: never sent again
    finally:
        await stop_all(a, b, a2)
