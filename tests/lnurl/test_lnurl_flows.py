"""LNURL pay, withdraw and auth end to end: a real HTTP service (aiohttp.web on 127.0.0.1,
tests/support/lnurl_shop.py) over a real Lightning node, the wallet's real node paying it
through a real channel (BOLT 8 over loopback, SQLite; the fake chain of
test_channel_manager). The service is honest, then lies about each field in turn: every lie
is refused with one sentence and the payment log proves nothing was paid."""

from __future__ import annotations

import asyncio
import json
import os
from dataclasses import dataclass
from typing import Any

import pytest
import pytest_asyncio

from tests.support.lnurl_shop import Shop
from tests.support.nodes import FUNDING, FakeChain, make_node
from wallet.cli import main
from wallet.daemon import rpc
from wallet.daemon.lnurl_service import LnurlService
from wallet.daemon.rpc import RpcServer
from wallet.errors import InputError
from wallet.keys.bip32 import ExtendedKey
from wallet.keys.lnurl_auth import LinkingKeys
from wallet.lnurl.auth import AuthRequest
from wallet.lnurl.errors import LnurlError, ServiceRefused, ServiceUnreachable
from wallet.lnurl.http import LnurlHttp
from wallet.lnurl.responses import PayRequest, WithdrawRequest
from wallet.networks import MAINNET, REGTEST

pytestmark = pytest.mark.asyncio(loop_scope="module")


@dataclass
class World:
    user: Any  # the wallet's ChannelManager
    shop_node: Any
    shop: Shop
    service: LnurlService
    channel: Any
    seed: bytes


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def world(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("lnurl")
    chain = FakeChain()
    seed = os.urandom(32)
    user = make_node(tmp, "user", chain, seed)
    shop_node = make_node(tmp, "shop", chain, os.urandom(32))
    await user.start()
    await shop_node.start(listen_port=0)
    shop = Shop(shop_node)
    try:
        ch = await user.open_channel(shop_node.node_id, "127.0.0.1", shop_node.listen_port,
                                     FUNDING, push_msat=FUNDING * 1000 // 2)
        chain.mine(3)
        await user.wait_normal(ch, 10)
        [theirs] = shop_node.channels.values()
        await shop_node.wait_normal(theirs, 10)
        await shop.start()
        service = LnurlService(REGTEST, user, LinkingKeys(ExtendedKey.from_seed(seed, REGTEST)),
                               http=LnurlHttp(local_http=True, timeout=2.0))
        yield World(user, shop_node, shop, service, ch, seed)
    finally:
        await shop.stop()
        await user.stop()
        await shop_node.stop()


@pytest.fixture(autouse=True)
def honest_shop(world):
    world.shop.reset()


def sent(world: World) -> tuple[int, int]:
    """What the wallet has sent: payments out in its log, and its channel balance."""
    outgoing = [p for p in world.user.list_payments() if p["direction"] == "out"]
    return len(outgoing), world.user.describe(world.channel)["local_msat"]


# -- LNURL-pay ------------------------------------------------------------------------------


@pytest.mark.parametrize("action", [None, "message", "url", "aes"])
async def test_pay_a_lightning_address_with_a_comment(world, action):
    world.shop.success_action = action
    before = sent(world)
    request = await world.service.fetch(world.shop.address)
    assert isinstance(request, PayRequest)
    assert (request.service, request.address) == (f"127.0.0.1:{world.shop.port}",
                                                   world.shop.address)
    assert request.metadata.description == "A coffee"
    assert (request.min_msat, request.max_msat, request.comment_allowed) == (1_000, 50_000_000, 50)
    result = await world.service.pay(request, 21_000, "for the barista")
    assert result["status"] == "paid" and result["amount_msat"] == 21_000
    assert world.shop.comments == ["for the barista"]
    count, balance = sent(world)
    assert count == before[0] + 1 and balance <= before[1] - 21_000
    expected = {None: None,
                "message": {"tag": "message", "message": "Thanks for the coffee!"},
                "url": {"tag": "url", "description": "Your receipt",
                        "url": f"{world.shop.base}/receipt/1"},
                "aes": {"tag": "aes", "description": "Your voucher code",
                        "message": "VOUCHER-1234"}}[action]
    assert result["success_action"] == expected


async def test_pay_a_bech32_lnurl_through_the_daemon_command(world):
    before = sent(world)
    result = await world.service.cmd_pay("lightning:" + world.shop.lnurl("/pay").lower(),
                                         amount_sat=30, comment="")
    assert result["status"] == "paid" and result["amount_msat"] == 30_000
    assert world.shop.comments == [""]
    assert sent(world)[0] == before[0] + 1
    fetched = await world.service.cmd_fetch(world.shop.lnurl("/pay"))
    assert fetched["kind"] == "pay" and fetched["description"] == "A coffee"


@pytest.mark.parametrize("lie,match", [
    ("hash", "does not match the description it showed"),
    ("description", "does not match the description it showed"),
    ("amount", "invoice for 22 sat, but you chose 21 sat"),
    ("no_amount", "invoice for no amount"),
    ("network", "for testnet, but your wallet is on regtest"),
    ("expired", "already expired"),
])
async def test_lying_invoices_are_never_paid(world, lie, match):
    world.shop.lie["invoice"] = lie
    before = sent(world)
    request = await world.service.fetch(world.shop.address)
    with pytest.raises(LnurlError, match=match) as e:
        await world.service.pay(request, 21_000)
    assert e.value.message.endswith("nothing was paid.")
    assert len(world.shop.invoices) == 1  # it did hand one over; Kite refused it
    assert sent(world) == before


@pytest.mark.parametrize("lie,match", [
    ({"invoice_reply": {"status": "ERROR", "reason": "Out of coffee"}},
     'refused: "Out of coffee"'),
    ({"invoice_reply": {"routes": []}}, "sent no invoice"),
    ({"invoice_reply": {"pr": "lnbcrt1garbage"}}, "invoice Kite cannot read"),
])
async def test_lying_invoice_replies_are_never_paid(world, lie, match):
    world.shop.lie.update(lie)
    before = sent(world)
    request = await world.service.fetch(world.shop.address)
    with pytest.raises(LnurlError, match=match):
        await world.service.pay(request, 21_000)
    assert sent(world) == before


@pytest.mark.parametrize("action,match", [
    ({"tag": "video", "url": "x"}, "cannot show"),
    ({"tag": "url", "description": "d", "url": "https://evil.example/x"}, "another site"),
    ({"tag": "aes", "description": "d", "ciphertext": "AAAA", "iv": "short"}, "cannot read"),
])
async def test_success_actions_kite_cannot_show_stop_the_payment(world, action, match):
    world.shop.success_action = action
    before = sent(world)
    request = await world.service.fetch(world.shop.address)
    with pytest.raises(LnurlError, match=match):
        await world.service.pay(request, 21_000)
    assert sent(world) == before


@pytest.mark.parametrize("pay_request,match", [
    ({"minSendable": 60_000_000}, "minimum \\(60,000 sat\\) is above its maximum \\(50,000 sat\\)"),
    ({"status": "ERROR", "reason": "Shop closed"}, 'refused: "Shop closed"'),
    ({"tag": "withdrawRequest"}, "expected a payRequest"),
    ({"callback": "https://127.0.0.1/cb"}, None),  # https to a host that is not serving
    ({"callback": "ftp://x/cb"}, "does not hold a web address"),
    ({"metadata": "[[\"text/long-desc\", \"x\"]]"}, "without a description"),
    ({"maxSendable": -1}, "impossible maxSendable"),
])
async def test_lying_pay_requests(world, pay_request, match):
    world.shop.lie["pay_request"] = pay_request
    before = sent(world)
    if match is None:  # fetched fine, but the callback cannot be reached: nothing paid
        request = await world.service.fetch(world.shop.address)
        with pytest.raises(ServiceUnreachable, match="could not be reached"):
            await world.service.pay(request, 21_000)
    else:
        with pytest.raises(LnurlError, match=match):
            await world.service.fetch(world.shop.address)
    assert sent(world) == before


async def test_amount_and_comment_are_checked_before_asking_for_an_invoice(world):
    request = await world.service.fetch(world.shop.address)
    for amount, comment, match in [
        (999, "", "outside what"), (50_000_001, "", "outside what"),
        (21_000, "x" * 51, "comments of at most 50 characters"),
    ]:
        with pytest.raises(LnurlError, match=match):
            await world.service.pay(request, amount, comment)
    world.shop.lie["pay_request"] = {"commentAllowed": 0}
    no_comments = await world.service.fetch(world.shop.address)
    with pytest.raises(LnurlError, match="does not take a comment"):
        await world.service.pay(no_comments, 21_000, "hi")
    with pytest.raises(InputError, match="Choose an amount to pay"):
        await world.service.cmd_pay(world.shop.address)
    assert world.shop.invoices == []


# -- HTTP: the service misbehaves on the wire --------------------------------------------------


@pytest.mark.parametrize("path,error,match", [
    ("/raw/big", LnurlError, "answered with too much data"),
    ("/raw/big-stream", LnurlError, "answered with too much data"),
    ("/raw/gzip", LnurlError, "not JSON"),
    ("/raw/slow", ServiceUnreachable, "did not answer within 2 seconds"),
    ("/raw/loop", LnurlError, "redirects in a loop"),
    ("/raw/ping", LnurlError, "redirects in a loop"),
    ("/raw/chain", LnurlError, "redirected too many times"),
    ("/raw/elsewhere", LnurlError, "redirected to another site \\(localhost"),
    ("/raw/html", LnurlError, "did not answer as an LNURL service does"),
    ("/raw/error", ServiceRefused, 'refused: "Service under maintenance"'),
    ("/raw/channel", LnurlError, "offers a channel"),
    ("/raw/nothing-here", LnurlError, "did not answer as an LNURL service does"),
])
async def test_misbehaving_http(world, path, error, match):
    before = sent(world)
    with pytest.raises(error, match=match):
        await world.service.fetch(world.shop.lnurl(path))
    assert sent(world) == before


async def test_status_codes_mean_nothing_and_same_host_redirects_are_followed(world):
    assert isinstance(await world.service.fetch(world.shop.lnurl("/raw/status-teapot")), PayRequest)
    assert isinstance(await world.service.fetch(world.shop.lnurl("/raw/redirect-ok")), PayRequest)


async def test_an_unreachable_service(world):
    with pytest.raises(ServiceUnreachable, match="could not be reached"):
        await world.service.fetch("nobody@127.0.0.1:1")


async def test_plain_http_is_refused_off_regtest(world):
    strict = LnurlService(MAINNET, world.user, world.service.linking_keys)
    with pytest.raises(LnurlError, match="unencrypted"):
        await strict.fetch(world.shop.lnurl("/pay"))


# -- LNURL-withdraw ----------------------------------------------------------------------------


async def test_withdraw_is_paid_into_the_wallet(world):
    request = await world.service.fetch(world.shop.lnurl("/withdraw"))
    assert isinstance(request, WithdrawRequest)
    assert (request.min_msat, request.max_msat, request.description) == (
        1_000, 30_000_000, "Withdrawal from the test shop")
    result = await world.service.withdraw(request, 12_345_000, wait=20)
    assert result["status"] == "paid" and result["amount_msat"] == 12_345_000
    [invoice] = world.shop.withdraw_invoices
    row = next(p for p in world.user.list_payments() if p["invoice"] == invoice)
    assert (row["direction"], row["status"], row["amount_msat"]) == ("in", "paid", 12_345_000)
    fetched = await world.service.cmd_fetch(world.shop.lnurl("/withdraw"))
    assert fetched["receivable_msat"] > 0


async def test_withdraw_beyond_what_the_channels_can_receive_is_refused(world):
    world.shop.lie["withdraw_request"] = {"maxWithdrawable": 900_000_000}
    request = await world.service.fetch(world.shop.lnurl("/withdraw"))
    room = await world.service.receivable_msat()
    assert 0 < room < 900_000_000
    with pytest.raises(LnurlError, match="Your channels can receive about .* less than"):
        await world.service.withdraw(request, None)
    assert world.shop.withdraw_invoices == []  # nothing was handed over


@pytest.mark.parametrize("lie,match", [
    ({"withdraw_reply": {"status": "ERROR", "reason": "Code already used"}},
     'refused: "Code already used"'),
    ({"withdraw_reply": {"status": "PENDING"}}, "did not confirm"),
    ({"withdraw_request": {"minWithdrawable": 40_000_000}}, "minimum .* above its maximum"),
    ({"withdraw_request": {"k1": None}}, "without a valid k1"),
])
async def test_lying_withdraw_services(world, lie, match):
    world.shop.lie.update(lie)
    before = sent(world)
    with pytest.raises(LnurlError, match=match):
        request = await world.service.fetch(world.shop.lnurl("/withdraw"))
        await world.service.withdraw(request, 5_000)
    assert sent(world) == before


async def test_a_withdraw_that_is_never_paid_says_waiting(world):
    world.shop.lie["withdraw_never_pays"] = True
    request = await world.service.fetch(world.shop.lnurl("/withdraw"))
    result = await world.service.withdraw(request, 5_000, wait=0.3)
    assert result["status"] == "waiting"


# -- LNURL-auth ---------------------------------------------------------------------------------


async def test_login_signs_with_the_domain_key_same_after_restore(world):
    lnurl = world.shop.login_lnurl("register")
    request = await world.service.fetch(lnurl)
    assert isinstance(request, AuthRequest)
    assert (request.domain, request.action_text) == ("127.0.0.1", "create an account")
    assert world.shop.auth_keys == []  # reading it sent nothing
    with pytest.raises(InputError, match="only when you agree"):
        await world.service.cmd_auth(lnurl)
    assert world.shop.auth_keys == []
    result = await world.service.auth(request)
    key = world.service.linking_key(request).hex()
    assert result["status"] == "OK" and result["key"] == key
    assert world.shop.auth_keys == [key]
    # the same seed restored (another LinkingKeys, another network) logs in as the same key
    restored = LnurlService(REGTEST, world.user,
                            LinkingKeys(ExtendedKey.from_seed(world.seed, MAINNET)),
                            http=LnurlHttp(local_http=True, timeout=2.0))
    again = await restored.cmd_auth(world.shop.login_lnurl(), yes=True)
    assert again["key"] == key and world.shop.auth_keys == [key, key]


async def test_lying_login_services(world):
    world.shop.lie["auth_reply"] = {"status": "ERROR", "reason": "Account banned"}
    request = await world.service.fetch(world.shop.login_lnurl())
    with pytest.raises(ServiceRefused, match='refused: "Account banned"'):
        await world.service.auth(request)
    world.shop.lie["auth_reply"] = {"status": "weird"}
    with pytest.raises(LnurlError, match="did not confirm"):
        await world.service.auth(await world.service.fetch(world.shop.login_lnurl()))
    with pytest.raises(LnurlError, match="not 32 bytes"):
        await world.service.fetch(world.shop.lnurl("/auth?tag=login&k1=abcd"))
    with pytest.raises(LnurlError, match="is a login request, not a payment request"):
        await world.service.cmd_pay(world.shop.login_lnurl(), amount_sat=1)


# -- the CLI, over the daemon's socket -----------------------------------------------------------


@pytest_asyncio.fixture(loop_scope="module")
async def daemon_dir(world, tmp_path_factory):
    folder = tmp_path_factory.mktemp("wallet")
    server = RpcServer(rpc.socket_path(folder), world.service.handlers)
    await server.start()
    yield folder
    await server.close()


async def kite(folder, *argv: str) -> int:
    return await asyncio.to_thread(main, [*argv, "--wallet", str(folder), "--network", "regtest"])


async def test_cli_pays_withdraws_and_logs_in(world, daemon_dir, capsys):
    world.shop.success_action = "aes"
    assert await kite(daemon_dir, "pay", world.shop.address, "--amount-sat", "21",
                      "--comment", "hi") == 0
    out = capsys.readouterr().out
    assert f"paid 21 sat to {world.shop.address}" in out and "VOUCHER-1234" in out
    assert world.shop.comments == ["hi"]

    assert await kite(daemon_dir, "lnurl", "show", world.shop.lnurl("/withdraw")) == 0
    assert "Withdraw from 127.0.0.1" in capsys.readouterr().out
    assert await kite(daemon_dir, "lnurl", "withdraw", world.shop.lnurl("/withdraw"),
                      "--amount-sat", "7", "--json") == 0
    assert json.loads(capsys.readouterr().out)["status"] == "paid"

    login = world.shop.login_lnurl()
    assert await kite(daemon_dir, "lnurl", "auth", login) == 2  # no terminal, no --yes
    assert "only when you agree" in capsys.readouterr().err
    assert world.shop.auth_keys == []
    assert await kite(daemon_dir, "lnurl", "auth", login, "--yes") == 0
    assert "signed: log in at 127.0.0.1" in capsys.readouterr().out
    assert len(world.shop.auth_keys) == 1


async def test_cli_refuses_a_lying_service_with_its_sentence(world, daemon_dir, capsys):
    world.shop.lie["invoice"] = "hash"
    before = sent(world)
    assert await kite(daemon_dir, "pay", world.shop.address, "--amount-sat", "21") == 2
    err = capsys.readouterr().err
    assert "does not match the description it showed; nothing was paid." in err
    assert sent(world) == before
    assert await kite(daemon_dir, "lnurl", "decode", "₿coffee@shop.com") == 2
    assert "BOLT 12" in capsys.readouterr().err
