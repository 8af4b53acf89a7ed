"""LNURL end to end on the devnet: a user's wallet (an in-process node) with a channel to
Tram pays the devnet Shop by its Lightning address and by a bech32 LNURL with a comment,
withdraws from Shop's withdraw code, and logs in to it; Shop's LNURL service
(wallet/devnet/shop_lnurl.py) asks the real Shop daemon for the invoices and the payment,
and checks the login's signature. The wallet goes through its daemon commands (what `kite
pay`, `kite lnurl withdraw` and `kite lnurl auth --yes` send).
"""

from __future__ import annotations

import asyncio
import dataclasses
import json

import pytest

from tests.support.wallet_under_test import WalletUnderTest
from wallet.devnet.lnurl_codes import LnurlCodes
from wallet.hashes import sha256
from wallet.keys.bip39 import generate_mnemonic
from wallet.ln.bolt11.invoice import decode_invoice
from wallet.lnurl.errors import ServiceRefused

pytestmark = pytest.mark.slow

CHANNEL_SAT = 200_000
PUSH_SAT = 50_000  # Tram's side, so that the user can receive a withdrawal at once


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch):
    monkeypatch.setenv("KITE_INSECURE_FAST_KDF", "1")


def shop_payment(world, invoice: str) -> dict:
    h = decode_invoice(invoice).payment_hash.hex()
    return next(p for p in world.shop.call("payments") if p["payment_hash"] == h)


async def until(check, what: str, timeout: float = 60.0):
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not (value := check()):
        if loop.time() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.1)
    return value


async def test_pay_withdraw_and_login_at_the_devnet_shop(shared_world, tmp_path):
    world = shared_world
    service = world.lnurl
    codes = service.lnurls
    mnemonic = generate_mnemonic()
    async with WalletUnderTest(world.chain, tmp_path / "user", mnemonic) as user:
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

        # LNURL-pay by the Lightning address: the message success action
        shown = await h["lnurl_fetch"](text=codes.pay_address())
        assert shown["kind"] == "pay" and shown["service"] == codes.domain
        assert shown["description"] == "A coffee from the devnet Shop"
        paid = await h["lnurl_pay"](text=codes.pay_address(), amount_sat=2_000)
        assert paid["status"] == "paid" and paid["amount_msat"] == 2_000_000
        assert paid["success_action"]["tag"] == "message"
        assert paid["success_action"]["message"] == "Thanks for the coffee!"
        sale = service.sales[-1]
        assert (sale.item, sale.amount_msat, sale.comment) == ("coffee", 2_000_000, "")
        invoice = decode_invoice(sale.invoice)
        assert invoice.description_hash == sha256(service.metadata("coffee").encode())
        assert invoice.payee.hex() == world.shop_node_id
        assert shop_payment(world, sale.invoice)["status"] == "paid"

        # by the bech32 LNURL, with a comment: the url success action (a receipt at Shop)
        paid = await h["lnurl_pay"](text=codes.pay_lnurl().upper(), amount_sat=3_000,
                                    comment="Two sugars, please")
        assert paid["status"] == "paid" and paid["amount_msat"] == 3_000_000
        assert paid["comment"] == "Two sugars, please"
        action = paid["success_action"]
        assert action["tag"] == "url" and action["description"] == "Your receipt"
        assert action["url"] == f"{codes.base}/receipt/tea"
        sale = service.sales[-1]
        assert (sale.item, sale.amount_msat, sale.comment) == ("tea", 3_000_000,
                                                               "Two sugars, please")
        assert decode_invoice(sale.invoice).description_hash == sha256(
            service.metadata("tea").encode())
        assert shop_payment(world, sale.invoice)["status"] == "paid"

        # LNURL-withdraw: Shop pays the wallet's invoice; the code pays once
        code = codes.withdraw_lnurl()
        got = await h["lnurl_withdraw"](text=code, amount_sat=4_000, wait=60)
        assert got["status"] == "paid" and got["amount_msat"] == 4_000_000
        withdrawal = service.withdrawals[-1]
        assert withdrawal.invoice == got["invoice"]
        await until(lambda: withdrawal.status == "paid", "Shop's side of the withdrawal")
        mine = decode_invoice(got["invoice"]).payment_hash
        assert user.svc.ln.node.payment_log.get(mine).status == "paid"
        with pytest.raises(ServiceRefused, match="already used"):
            await h["lnurl_withdraw"](text=code, amount_sat=1_000, wait=5)

        # LNURL-auth: Shop checks the signature and records the key; once per challenge
        login = codes.auth_lnurl()
        asked = await h["lnurl_fetch"](text=login)
        assert asked["kind"] == "auth" and asked["domain"] == "127.0.0.1"
        done = await h["lnurl_auth"](text=login, yes=True)
        assert done["status"] == "OK" and done["key"] == asked["key"]
        assert service.logins[-1]["key"] == done["key"]
        with pytest.raises(ServiceRefused, match="already used"):
            await h["lnurl_auth"](text=login, yes=True)
        # another domain (the same service, by the name localhost): another key
        other = dataclasses.replace(codes, base=codes.base.replace("127.0.0.1", "localhost"))
        elsewhere = await h["lnurl_auth"](text=other.auth_lnurl(), yes=True)
        assert elsewhere["key"] != done["key"]
        assert service.logins[-1]["key"] == elsewhere["key"]

    # the same seed restored elsewhere: the same domain gets the same key
    async with WalletUnderTest(world.chain, tmp_path / "restored", mnemonic) as restored:
        again = await restored.svc.handlers["lnurl_auth"](text=codes.auth_lnurl(), yes=True)
        assert again["key"] == done["key"]
        assert service.logins[-1]["key"] == done["key"]
    assert len({entry["k1"] for entry in service.logins}) == len(service.logins)

    # what `kite devnet up` records: the codes the CLI mints are the service's
    state = world.state()
    assert LnurlCodes.from_json(json.loads(json.dumps(state.lnurl))) == codes
