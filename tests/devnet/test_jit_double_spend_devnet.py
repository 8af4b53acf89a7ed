"""The LSP double-spends the funding of the JIT channel it opened, on the real devnet chain
(bcoin, ElectrumX): Tram replaces its unconfirmed funding transaction by RBF (a new txid, so
the channel's funding outpoint never exists) and the replacement is mined six blocks deep.
The wallet's payment received over that channel ends "lost", never "paid"; the channel is
closed as never having existed, and the wallet publishes nothing for it."""

from __future__ import annotations

import asyncio

import pytest

from tests.support.wallet_under_test import WalletUnderTest
from wallet.keys.bip39 import generate_mnemonic
from wallet.ln.bolt11.invoice import decode_invoice
from wallet.ln.channel.double_spend import never_existed
from wallet.ln.shell.chain_follower import DOUBLE_SPEND_DEPTH

pytestmark = pytest.mark.slow

AMOUNT_SAT = 50_000


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch):
    monkeypatch.setenv("KITE_INSECURE_FAST_KDF", "1")


async def test_double_spent_jit_funding_makes_the_payment_lost(shared_world, tmp_path):
    world = shared_world
    async with WalletUnderTest(world.chain, tmp_path / "user", generate_mnemonic(),
                               lsp_peer=world.tram_address) as user:
        node = user.svc.ln.node
        node.poll_interval = 0.2
        reply = await user.svc.handlers["invoice"](amount_sat=AMOUNT_SAT, description="first")
        paid = await asyncio.to_thread(world.shop_pay, reply["invoice"], 60)
        assert paid["status"] == "paid"
        payment_hash = decode_invoice(reply["invoice"]).payment_hash.hex()

        async def received() -> str | None:
            rows = [r for r in node.list_payments() if r["payment_hash"] == payment_hash]
            return rows[0]["status"] if rows else None
        await user.until(lambda: _is(received, "unconfirmed"), "the payment, unconfirmed")
        [ch] = node.channels.values()
        funding = ch.watch.txid
        watcher = node.manager.chain.watcher
        await user.until(lambda: _true(funding in watcher._inputs),
                         "the wallet to see the funding in the mempool")

        replaced = await asyncio.to_thread(world.tram.call, "bumpfee",
                                           txid=funding[::-1].hex(), feerate=25)
        assert replaced["txid"] != funding[::-1].hex()
        await asyncio.to_thread(world.chain.mine, DOUBLE_SPEND_DEPTH)
        await user.until(lambda: _true(never_existed(ch.state)),
                         "the channel to be known never to have existed", timeout=90)
        assert await received() == "lost"
        assert not [c for c in node.list_channels() if c.get("phase") != "closed"]


async def _is(get, value) -> bool:
    return await get() == value


async def _true(value: bool) -> bool:
    return value
