"""An LSPS1 order paid on-chain to the devnet's Tram (`kite daemon --lsp`, bLIP-51 §3.3): a
wallet with coins orders a channel giving a refund address, pays the order's address from
its on-chain wallet; once the payment confirms Tram opens the channel and the order is
COMPLETED; a second payment to the same address comes back to the refund address, less the
refund transaction's fee."""

from __future__ import annotations

import asyncio

import pytest

from tests.support.wallet_under_test import WalletUnderTest
from wallet.keys.bip39 import generate_mnemonic
from wallet.lsp import lsps1
from wallet.networks import REGTEST
from wallet.onchain.addresses import address_to_script

pytestmark = pytest.mark.slow

INBOUND_SAT = 100_000
FEE_SAT = 1_000 + INBOUND_SAT // 100  # Tram's default LSPS1 price: 1,000 sat + 1%
SECOND_SAT = 30_000


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch):
    monkeypatch.setenv("KITE_INSECURE_FAST_KDF", "1")


async def test_order_paid_onchain_to_tram_opens_the_channel(shared_world, tmp_path):
    world = shared_world
    async with WalletUnderTest(world.chain, tmp_path / "user", generate_mnemonic(),
                               lsp_peer=world.tram_address) as user:
        node = user.svc.ln.node
        node.poll_interval = 0.2
        chain = user.svc.chain
        await asyncio.to_thread(world.fund, chain.receive_address(), 300_000)
        await user.balance_is(300_000)
        tram = bytes.fromhex(world.tram_node_id)
        await node.peers.connect(world.tram_host, world.tram_port, tram)
        refund = chain.receive_address()
        options = await node.lsps1.get_info(tram)
        asked = lsps1.inbound_request(options, INBOUND_SAT, refund_address=refund)
        order = (await node.lsps1.create_order(tram, asked, max_fee_sat=FEE_SAT)).order
        o = order.onchain
        assert o is not None and o.order_total_sat == FEE_SAT
        assert o.refund_onchain_address == refund and o.min_onchain_payment_confirmations == 1
        address_to_script(o.address, REGTEST)  # an address of our network

        await user.svc.send(o.address, FEE_SAT, 2, confirm_high_fee=True)
        await user.mine(1)

        async def completed():
            got = await node.lsps1.get_order(tram, order.order_id)
            return got if got.order_state != lsps1.CREATED else None
        done = await user.until(completed, "the order to be completed", timeout=90)
        assert (done.order_state, done.onchain.state, done.bolt11.state) == (
            lsps1.COMPLETED, lsps1.PAID, lsps1.REFUNDED)
        txid, index = done.channel.funding_outpoint

        async def bought():
            for c in node.channels.values():
                p = c.inner.commitments.params
                if (p.funding_txid[::-1].hex(), p.funding_output_index) == (txid, index):
                    return c
            return None
        channel = await user.until(bought, "the bought channel")
        assert channel.inner.commitments.params.funding_sat == INBOUND_SAT

        # a second payment to the order's address comes back to the refund address
        refund_script = address_to_script(refund, REGTEST)
        await user.svc.send(o.address, SECOND_SAT, 2)
        await user.mine(1)

        async def refunded():
            for entry in chain.history():
                wtx = chain.ledger.get(entry.txid)
                if wtx is None:
                    continue
                outs = chain.ledger.outputs_to({refund_script}).get(refund_script, [])
                back = [v for t, _, v, _, _ in outs if t == entry.txid]
                if back and entry.delta > 0:
                    return back[0]
            return None
        value = await user.until(refunded, "the refund", timeout=90)
        assert SECOND_SAT - 1_000 < value < SECOND_SAT  # less the refund's fee
        got = await node.lsps1.get_order(tram, order.order_id)
        assert got.order_state == lsps1.COMPLETED and got.onchain.state == lsps1.PAID
