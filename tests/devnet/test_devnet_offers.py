"""BOLT 12 on the devnet: a user's wallet (an in-process node, a channel to Tram) pays the
devnet Shop's offers through Tram, a Kite daemon started with --trampoline: the invoice
request and the invoice travel as onion messages Tram relays, the payment goes trampoline
to Shop's blinded path. Fixed amount with a quantity, any amount, and the same offer twice;
then Shop pays the wallet's own offer, whose invoice's blinded path starts at Tram (two hops:
Tram, the introduction node, relays into it; Shop never learns the wallet's node id). Payer
notes are kept with the payments on both sides. Through the daemon commands (`kite pay`,
`kite offer create`)."""

from __future__ import annotations

import asyncio

import pytest

from tests.support.wallet_under_test import WalletUnderTest
from wallet.keys.bip39 import generate_mnemonic
from wallet.ln.bolt12.invoice import decode_invoice

pytestmark = pytest.mark.slow

CHANNEL_SAT = 200_000
PUSH_SAT = 50_000


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch):
    monkeypatch.setenv("KITE_INSECURE_FAST_KDF", "1")


async def test_offers_both_ways_through_tram(shared_world, tmp_path):
    world = shared_world
    async with WalletUnderTest(world.chain, tmp_path / "user", generate_mnemonic()) as user:
        h = user.svc.handlers
        user.svc.ln.node.manager.poll_interval = 0.2
        address = (await user.svc.address())["address"]
        await asyncio.to_thread(world.chain.fund, address, 1_000_000)
        await user.mine()
        await user.balance_is(1_000_000)
        await h["channel_open"](peer=world.tram_address, amount_sat=CHANNEL_SAT,
                                push_msat=PUSH_SAT * 1000)
        await user.mine(3)
        ch = next(iter(user.svc.ln.node.channels.values()))
        await user.svc.ln.node.manager.wait_normal(ch, 60)

        def shop(method, **params):  # off the loop: our node must keep answering meanwhile
            return asyncio.to_thread(world.shop.call, method, **params)

        fixed = (await shop("offer_create", amount_sat=3, description="a coffee",
                            quantity_max=0))["offer"]
        paid = await h["pay"](invoice=fixed, quantity=2, note="two please")
        assert paid["status"] == "paid" and paid["amount_msat"] == 6_000
        again = await h["pay"](invoice=f"bitcoin:?lno={fixed}", quantity=1)
        assert again["status"] == "paid" and again["payment_hash"] != paid["payment_hash"]
        shop_rows = {p["payment_hash"]: p for p in await shop("payments")}
        assert shop_rows[paid["payment_hash"]]["status"] == "paid"
        assert shop_rows[paid["payment_hash"]]["payer_note"] == "two please"
        assert paid["payer_note"] == "two please"

        tip_jar = (await shop("offer_create", description="tips"))["offer"]
        tipped = await h["pay"](invoice=tip_jar, amount_sat=7)
        assert tipped["status"] == "paid" and tipped["amount_msat"] == 7_000

        mine = (await h["offer_create"](description="the user's jar"))["offer"]
        received = await shop("pay", invoice=mine, amount_sat=5, timeout=60,
                              note="from the shop")
        assert received["status"] == "paid"
        rows = {p["payment_hash"]: p for p in await h["payments"]()}
        ours = rows[received["payment_hash"]]
        assert ours["status"] == "paid" and ours["payer_note"] == "from the shop"
        invoice = decode_invoice(ours["invoice"])
        [path] = invoice.get("invoice_paths")
        assert path.first_node_id == bytes.fromhex(world.tram.node_id) and len(path.hops) == 2
        our_id = bytes.fromhex((await h["lninfo"]())["node_id"])
        assert our_id not in {hop.blinded_node_id for hop in path.hops}
        forwards = await asyncio.to_thread(world.tram.call, "forwards")
        relayed = [f for f in forwards if f["payment_hash"] == received["payment_hash"]]
        assert [(f["kind"], f["status"]) for f in relayed] == [("blinded", "settled")]
