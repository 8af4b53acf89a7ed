"""The daemon's LSPS1 commands between two loopback nodes: `lsp_buy` makes a checked order
and pays nothing; a fee above the user's maximum is refused; `lsp_order_pay` pays it and
follows it to COMPLETED with its channel; `lsp_order` shows it; an unknown order is one
sentence; a peer that is no LSPS1 LSP is said so; an order survives a restart of the
client between buying and paying, and is never paid twice."""

from __future__ import annotations

import json

import pytest

from tests.support.nodes import channel, make_node, start_nodes, stop_all
from wallet.daemon.lsp_service import LspService
from wallet.daemon.lsps1_service import ChannelPurchase
from wallet.errors import InputError
from wallet.ln.bolt11.invoice import decode_invoice
from wallet.lsp import lsps1
from wallet.lsp.lsps2 import offers_from_text


@pytest.fixture
async def world(tmp_path):
    chain, _, (client, lsp) = await start_nodes(tmp_path, "client", "lsp")
    await channel(chain, client, lsp)
    yield chain, client, lsp
    await stop_all(client, lsp)


def purchase(client, lsp) -> ChannelPurchase:
    return ChannelPurchase(LspService(client, (lsp.node_id, "127.0.0.1", lsp.listen_port), None),
                           lambda: "bcrt1qrefundaddressofthewallet")


async def test_buy_pay_and_follow_an_order(world):
    chain, client, lsp = world
    LspService(lsp, None, offers_from_text("2000000,5000")).start_serving()
    buy = purchase(client, lsp)
    with pytest.raises(lsps1.Lsps1Error, match="asks 2,000 sat, above the 1,999 sat"):
        await buy.buy(amount_sat=100_000, max_fee_sat=1_999)
    order = await buy.buy(amount_sat=100_000, max_fee_sat=2_000)
    assert (order["state"], order["payment_state"], order["fee_sat"]) == (
        "CREATED", "EXPECT_PAYMENT", 2_000)
    assert not [p for p in client.list_payments() if p["direction"] == "out"]  # nothing paid
    with pytest.raises(InputError, match="positive whole number"):
        await buy.buy(amount_sat="100000")
    with pytest.raises(lsps1.Lsps1Error, match="at most 5,000,000 sat"):
        await buy.buy(amount_sat=5_000_001)
    with pytest.raises(InputError, match="takes channels of 20,000 sat or more"):
        await buy.buy(amount_sat=19_999)
    with pytest.raises(InputError, match="need large channels"):
        await buy.buy(amount_sat=1 << 24)
    done = await buy.pay(order_id=order["order_id"], wait=20)
    assert done["state"] == "COMPLETED" and done["payment"]["status"] == "paid"
    assert done["channel"]["funding_outpoint"] and done["delivered"] is True
    assert "warning" not in done
    json.dumps(done)  # what the RPC sends back
    again = await buy.order(order_id=order["order_id"])
    assert again["channel"] == done["channel"]
    with pytest.raises(InputError, match="^this order is paid already: not paid again$"):
        await buy.pay(order_id=order["order_id"])
    with pytest.raises(InputError, match="no order with this id"):
        await buy.pay(order_id="unknown")
    with pytest.raises(lsps1.Lsps1Error, match="knows no such order"):
        await buy.order(order_id="unknown")


async def test_a_peer_that_sells_no_channels_in_advance(world):
    chain, client, lsp = world  # lsp serves nothing
    with pytest.raises(lsps1.Lsps1Error, match="does not sell channels in advance"):
        await purchase(client, lsp).buy(amount_sat=100_000)


async def test_lsp_claiming_a_channel_it_did_not_open_is_called_out(world, monkeypatch):
    chain, client, lsp = world
    from tests.ln.shell.test_lsps0_lsps2_peers import answer_with, reply
    from tests.ln.shell.test_lsps1_channels import _honest
    from wallet.daemon import lsps1_service

    monkeypatch.setattr(lsps1_service, "DELIVERY_WAIT", 0.3)
    options, order = _honest(lsp, client)
    order["lsp_balance_sat"] = "100000"
    asked = {"n": 0}

    def make(req):
        if req["method"] == "lsps0.list_protocols":
            return reply(req, {"protocols": [1]})
        if req["method"] == "lsps1.get_info":
            return reply(req, options)
        asked["n"] += 1
        if asked["n"] <= 2:  # create_order, and get_order before paying
            return reply(req, order)
        return reply(req, order | {"order_state": "COMPLETED", "channel": {
            "funded_at": "2026-01-01T00:00:00.000Z", "funding_outpoint": "cd" * 32 + ":0",
            "expires_at": "2027-01-01T00:00:00.000Z"},
            "payment": {"bolt11": order["payment"]["bolt11"] | {"state": "PAID"}}})
    answer_with(lsp, make)
    buy = purchase(client, lsp)
    made = await buy.buy(amount_sat=100_000)
    done = await buy.pay(order_id=made["order_id"], wait=5)
    assert done["state"] == "COMPLETED" and done["delivered"] is False
    assert done["warning"] == "the LSP says it opened a channel this wallet does not have"


async def test_lsp_silent_after_the_payment_is_a_warning_not_a_failure(world, monkeypatch):
    chain, client, lsp = world
    from tests.ln.shell.test_lsps0_lsps2_peers import answer_with, reply
    from tests.ln.shell.test_lsps1_channels import _honest

    options, order = _honest(lsp, client)
    order["lsp_balance_sat"] = "100000"
    asked = {"n": 0}

    def make(req):
        if req["method"] == "lsps0.list_protocols":
            return reply(req, {"protocols": [1]})
        if req["method"] == "lsps1.get_info":
            return reply(req, options)
        asked["n"] += 1
        return reply(req, order) if asked["n"] <= 2 else None  # silent once paid
    answer_with(lsp, make)
    buy = purchase(client, lsp)
    made = await buy.buy(amount_sat=100_000)
    done = await buy.pay(order_id=made["order_id"], wait=2)
    assert done["payment"]["status"] == "paid" and done["state"] == "CREATED"
    assert done["warning"].startswith("the order is paid but the LSP did not say")
    assert asked["n"] >= 3  # it was asked


async def test_an_order_is_paid_after_a_restart_and_never_twice(tmp_path):
    chain, seeds, (client, lsp) = await start_nodes(tmp_path, "client", "lsp")
    again = None
    try:
        await channel(chain, client, lsp)
        LspService(lsp, None, offers_from_text("2000000,5000")).start_serving()
        made = await purchase(client, lsp).buy(amount_sat=100_000)
        await client.stop()  # the daemon restarts between buying and paying
        again = make_node(tmp_path, "client", chain, seeds["client"])
        await again.start(listen_port=0)
        assert not again.lsps1.orders  # nothing in memory: the order comes from SQLite
        buy = purchase(again, lsp)
        with pytest.raises(InputError, match="no order with this id was made by this wallet"):
            await buy.pay(order_id="unknown")
        done = await buy.pay(order_id=made["order_id"], wait=20)
        assert done["state"] == "COMPLETED" and done["payment"]["status"] == "paid"
        assert done["delivered"] is True and done["invoice"] == made["invoice"]
        with pytest.raises(InputError, match="^this order is paid already: not paid again$"):
            await buy.pay(order_id=made["order_id"])
        out = [p for p in again.list_payments() if p["direction"] == "out"]
        assert len(out) == 1 and out[0]["invoice"] == made["invoice"]  # paid once
    finally:
        await stop_all(again, lsp)


async def test_an_order_whose_payment_is_under_way_is_not_paid_again(world):
    chain, client, lsp = world
    LspService(lsp, None, offers_from_text("2000000,5000")).start_serving()
    buy = purchase(client, lsp)
    made = await buy.buy(amount_sat=100_000)
    payment_hash = decode_invoice(made["invoice"]).payment_hash
    client.payment_log.add(payment_hash, "out", 2_000_000, invoice=made["invoice"])  # pending
    with pytest.raises(InputError, match="^this order's payment is under way: not paid again$"):
        await buy.pay(order_id=made["order_id"])
    client.payment_log.fail(payment_hash, "no route")  # a failed attempt may be tried again
    done = await buy.pay(order_id=made["order_id"], wait=20)
    assert done["state"] == "COMPLETED" and done["payment"]["status"] == "paid"
