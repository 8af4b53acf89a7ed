"""BIP 353 on the devnet: a user's wallet (an in-process regtest node with a channel to
Tram) pays the devnet Shop by its name `₿shop@kite.test`, resolved at the devnet's own DNS
server and proven along the devnet zone's key (the regtest trust anchor the world hands
out; nothing secret); the invoice request carries the name. Then the names of that server
that lie (unsigned, a wrong signature, an expired signature, a TXT record that is not
`bitcoin:`, two `bitcoin:` records, a zone without a DS) are each refused with their sentence, and nothing more
is paid."""

from __future__ import annotations

import asyncio

import pytest

from tests.support.wallet_under_test import WalletUnderTest
from wallet.bip353.errors import Bip353Error
from wallet.bip353.resolver import ANCHOR_ENV, DNS_ENV
from wallet.keys.bip39 import generate_mnemonic
from wallet.ln.bolt12.invoice import decode_invoice

pytestmark = pytest.mark.slow

CHANNEL_SAT = 200_000

#: what each lying name is refused with
REFUSALS = {
    "unsigned": "is not signed",
    "forged": "signature on the payment instructions .* is not valid",
    "expired": "signature on the payment instructions .* is not valid",
    "notbitcoin": "publishes no bitcoin: payment instructions",
    "twice": "several sets of payment instructions",
    "orphan": "DNS has no DS record for the zone orphan.kite.test.$",
}


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch):
    monkeypatch.setenv("KITE_INSECURE_FAST_KDF", "1")


async def test_wallet_pays_shop_by_its_bip353_name(shared_world, tmp_path, monkeypatch):
    world = shared_world
    found = world.bip353()
    monkeypatch.setenv(DNS_ENV, found["dns"])
    monkeypatch.setenv(ANCHOR_ENV, found["anchor"])
    assert found["name"] == world.shop_name == "₿shop@kite.test"
    async with WalletUnderTest(world.chain, tmp_path / "user", generate_mnemonic()) as user:
        h = user.svc.handlers
        user.svc.ln.node.manager.poll_interval = 0.2
        address = (await user.svc.address())["address"]
        await asyncio.to_thread(world.chain.fund, address, 1_000_000)
        await user.mine()
        await user.balance_is(1_000_000)
        await h["channel_open"](peer=world.tram_address, amount_sat=CHANNEL_SAT)
        await user.mine(3)
        ch = next(iter(user.svc.ln.node.channels.values()))
        await user.svc.ln.node.manager.wait_normal(ch, 60)

        shown = await h["resolve"](name=world.shop_name)
        assert shown["dnssec"] is True and shown["uri"].startswith("bitcoin:?lno=lno1")
        paid = await h["pay"](invoice=world.shop_name, amount_sat=21)
        again = await h["pay"](invoice=world.zone.delegated_name, amount_sat=5)
        assert again["status"] == "paid" and again["amount_msat"] == 5_000
        assert paid["status"] == "paid" and paid["amount_msat"] == 21_000
        rows = {p["payment_hash"]: p for p in await h["payments"]()}
        invoice = decode_invoice(rows[paid["payment_hash"]]["invoice"])
        named = invoice.get("invreq_bip_353_name")  # BOLT 12's field: name and domain
        assert (named.name, named.domain) == ("shop", "kite.test")
        shop_rows = {p["payment_hash"]: p
                     for p in await asyncio.to_thread(world.shop.call, "payments")}
        assert shop_rows[paid["payment_hash"]]["status"] == "paid"

        before = await h["payments"]()
        shop_before = await asyncio.to_thread(world.shop.call, "payments")
        for lie, name in world.zone.bad_names().items():
            with pytest.raises(Bip353Error, match=REFUSALS[lie]):
                await h["pay"](invoice=name, amount_sat=21)
            with pytest.raises(Bip353Error, match=REFUSALS[lie]):
                await h["resolve"](name=name)
        assert await h["payments"]() == before
        assert await asyncio.to_thread(world.shop.call, "payments") == shop_before
