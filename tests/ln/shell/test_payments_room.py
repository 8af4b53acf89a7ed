"""More payments in flight than the peer accepts HTLCs: each waits (bounded) for a slot to
free up instead of failing with "can send 0 sat"; a payment beyond our funds still fails at
once with the reason."""

from __future__ import annotations

import asyncio
import os

import pytest

from tests.support.nodes import CheckedManager, FakeChain, settled
from wallet.keys.lightning import LightningKeys
from wallet.ln.channel.params import ChannelPolicy
from wallet.ln.shell.lightning_node import LightningNode
from wallet.ln.shell.payments import PaymentFailed
from wallet.ln.shell.peer import PeerConfig, chain_hash
from wallet.ln.store.channel_store import PAID, ChannelStore
from wallet.networks import REGTEST
from wallet.storage.database import Database

FUNDING = 600_000


def make_node(tmp_path, name: str, chain: FakeChain, policy: ChannelPolicy) -> CheckedManager:
    keys = LightningKeys.from_seed(os.urandom(32), REGTEST)
    config = PeerConfig(chain_hash=chain_hash(REGTEST), ping_interval=30)
    return LightningNode(keys, REGTEST, ChannelStore(Database(tmp_path / f"{name}.sqlite")),
                          chain, policy=policy, peer_config=config, poll_interval=0.05,
                          backoff_initial=0.1, shell=CheckedManager)


async def test_payments_wait_for_htlc_slots_instead_of_failing(tmp_path) -> None:
    chain = FakeChain()
    a = make_node(tmp_path, "a", chain, ChannelPolicy())
    b = make_node(tmp_path, "b", chain, ChannelPolicy(max_accepted_htlcs=5))
    await a.start()
    await b.start(listen_port=0)
    try:
        ch = await a.open_channel(b.node_id, "127.0.0.1", b.listen_port, FUNDING)
        chain.mine(3)
        await a.wait_normal(ch, 10)
        [chb] = b.channels.values()
        await b.wait_normal(chb, 10)
        assert ch.state.commitments.params.remote.max_accepted_htlcs == 5
        invoices = [b.create_invoice(20_000 + i, f"p{i}") for i in range(16)]
        results = await asyncio.gather(*(a.pay(inv) for inv in invoices))
        assert [r["status"] for r in results] == [PAID] * 16
        await settled(ch, chb)
        assert ch.state.commitments.local_commit.view.to_remote_msat == sum(
            20_000 + i for i in range(16))
        # beyond what we have: refused at once, with the reason, nothing sent
        with pytest.raises(PaymentFailed, match="cannot send"):
            await a.pay(b.create_invoice(FUNDING * 1000, "too much"))
    finally:
        await a.stop()
        await b.stop()
