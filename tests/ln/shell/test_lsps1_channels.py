"""LSPS1 (bLIP-51) between real nodes over loopback (FakeChain): a wallet buys inbound
capacity, pays the LSP's hold invoice, gets a normal channel and receives over it; an open
that fails refunds the payment; the LSP killed mid-open completes the order after its restart
when the channel it recorded was funded, else refunds it; lying LSPs (each field of the answer, oversized, slow) and
lying clients (beyond the options, floods, another client's order)."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime, timedelta

import pytest
from bitcoin.core import CTransaction

from tests.ln.shell.test_lsps0_lsps2_peers import answer_with, reply
from tests.support.nodes import channel, make_node, start_nodes, stop_all
from wallet.deadline import within
from wallet.errors import KiteError
from wallet.ln.bolt11.invoice import decode_invoice
from wallet.ln.channel import states as st
from wallet.ln.shell import lsps1_provider as provider_mod
from wallet.ln.shell.lsps0 import Lsps0Error, Lsps0Timeout
from wallet.ln.shell.payments import PaymentFailed
from wallet.ln.store.order_store import OrderStore
from wallet.lsp import lsps1
from wallet.lsp.jsonrpc import CLIENT_REJECTED, INVALID_PARAMS, RpcError

AMOUNT = 100_000
FEE = 2_000  # 1,000 sat + 1% (the default price)


@pytest.fixture
async def world(tmp_path):
    chain, _, (client, lsp) = await start_nodes(tmp_path, "client", "lsp")
    lsp.serve_lsps1()
    await channel(chain, client, lsp)  # the client pays the fee over its own channel
    yield chain, client, lsp
    await stop_all(client, lsp)


async def _order(client, lsp, amount: int = AMOUNT, **kw):
    options = await client.lsps1.get_info(lsp.node_id)
    asked = lsps1.inbound_request(options, amount, refund_address="bcrt1qrefund")
    return await client.lsps1.create_order(lsp.node_id, asked, **kw)


def _from_lsp(client, lsp) -> list:
    return [c for c in client.channels.values()
            if c.peer_id == lsp.node_id and not c.inner.commitments.params.is_opener]


async def _wait(predicate, seconds: float = 10) -> None:
    for _ in range(int(seconds / 0.02)):
        if predicate():
            return
        await asyncio.sleep(0.02)
    raise AssertionError("condition not reached")


async def test_buy_inbound_pay_get_the_channel_and_receive_over_it(world) -> None:
    chain, client, lsp = world
    assert await client.lsps2.protocols(lsp.node_id) == [1]
    placed = await _order(client, lsp, max_fee_sat=FEE)
    payment = placed.order.bolt11
    assert payment.fee_total_sat == FEE and payment.order_total_sat == FEE
    invoice = decode_invoice(payment.invoice)
    assert invoice.amount_msat == FEE * 1000 and invoice.payee == lsp.node_id
    result = await client.pay(payment.invoice, timeout=30)
    assert result["status"] == "paid"
    order = await client.lsps1.get_order(lsp.node_id, placed.order.order_id)
    assert order.order_state == lsps1.COMPLETED and order.bolt11.state == lsps1.PAID
    [ch] = _from_lsp(client, lsp)
    p = ch.inner.commitments.params
    assert order.channel.funding_outpoint == (p.funding_txid[::-1].hex(), p.funding_output_index)
    assert p.funding_sat == AMOUNT
    # a normal channel: not usable before its funding confirms (never zero-conf)
    assert isinstance(ch.inner, st.WaitForFundingConfirmed)
    chain.mine(3)
    await client.wait_normal(ch, 10)
    assert ch.inner.commitments.local_commit.view.to_local_msat == 0
    # stored on the LSP's side, as completed
    _, _, stored = OrderStore(lsp.store.db).get(order.order_id)
    assert stored.order_state == lsps1.COMPLETED and stored.channel == order.channel
    # the wallet's blob for its peers lists both channels, each with the LSP's address:
    # the one it opened, and the bought one (opened by the LSP over the connection the
    # wallet dialed: that address is kept with it, to dial the LSP again after a restart)
    backed = client.backed_up_channels()
    assert [c.peer_address for c in backed] == [f"127.0.0.1:{lsp.listen_port}"] * 2
    listed, _ = client.peer_storage._content(backed, {}, lsp.node_id)
    assert len(listed) == 2
    # and the bought capacity receives: the LSP pays the wallet over the new channel
    text = client.create_invoice(50_000_000, "first income")
    lch = [c for c in lsp.channels.values() if c.channel_id == ch.channel_id][0]
    await lsp.wait_normal(lch, 10)
    assert (await lsp.pay(text, timeout=30))["status"] == "paid"
    await _wait(lambda: ch.inner.commitments.local_commit.view.to_local_msat == 50_000_000)


async def test_failed_open_refunds_the_held_payment(world, monkeypatch) -> None:
    chain, client, lsp = world

    async def cannot_open(client_id: bytes, amount_sat: int, record):
        raise KiteError("no coins")
    lsp.lsps1_provider.open_channel = cannot_open
    placed = await _order(client, lsp)
    with pytest.raises(PaymentFailed):
        await client.pay(placed.order.bolt11.invoice, timeout=30)
    order = await client.lsps1.get_order(lsp.node_id, placed.order.order_id)
    assert order.order_state == lsps1.FAILED and order.bolt11.state == lsps1.REFUNDED
    assert not _from_lsp(client, lsp)
    [row] = [p for p in lsp.list_payments() if p["direction"] == "in"]
    assert row["status"] != "paid"  # the LSP kept nothing


async def test_lying_client_beyond_options_flood_and_others_orders(world) -> None:
    chain, client, lsp = world
    options = await client.lsps1.get_info(lsp.node_id)
    good = lsps1.inbound_request(options, AMOUNT, refund_address=None).to_json()
    for change, code in (({"lsp_balance_sat": "5000001"}, lsps1.OPTION_MISMATCH),
                         ({"client_balance_sat": "1"}, lsps1.OPTION_MISMATCH),
                         ({"required_channel_confirmations": 0}, lsps1.OPTION_MISMATCH),
                         ({"lsp_balance_sat": 5}, INVALID_PARAMS),
                         ({"announce_channel": True}, INVALID_PARAMS),
                         ({"token": "free"}, lsps1.UNRECOGNIZED_OR_STALE_TOKEN)):
        with pytest.raises(RpcError) as e:
            await client.lsps0.request(lsp.node_id, "lsps1.create_order", good | change)
        assert e.value.code == code, change
    with pytest.raises(RpcError) as e:
        await client.lsps0.request(lsp.node_id, "lsps1.create_order", good | {"extra": 1})
    assert e.value.code == INVALID_PARAMS
    # a flood of orders: five wait for payment, the sixth is refused, nothing stored for it
    for _ in range(provider_mod.MAX_UNPAID_PER_CLIENT):
        await client.lsps0.request(lsp.node_id, "lsps1.create_order", good)
    with pytest.raises(RpcError) as e:
        await client.lsps0.request(lsp.node_id, "lsps1.create_order", good)
    assert e.value.code == CLIENT_REJECTED
    store = OrderStore(lsp.store.db)
    assert store.unpaid(client.node_id) == provider_mod.MAX_UNPAID_PER_CLIENT
    assert len(lsp.payments.holds) == provider_mod.MAX_UNPAID_PER_CLIENT
    # another client cannot read this client's orders (and no id is known to exist)
    [order_id] = [r[0] for r in lsp.store.db.query("SELECT order_id FROM lsps1_orders LIMIT 1")]
    lsp_self = await client.lsps0.request(lsp.node_id, "lsps1.get_order", {"order_id": order_id})
    assert lsp_self["order_id"] == order_id
    with pytest.raises(RpcError) as e:
        await client.lsps0.request(lsp.node_id, "lsps1.get_order", {"order_id": "nope"})
    assert e.value.code == lsps1.ORDER_NOT_FOUND
    with store.db.transaction():
        store.db.execute("UPDATE lsps1_orders SET client_id = ?", (b"\x02" * 33,))
    with pytest.raises(RpcError) as e:
        await client.lsps0.request(lsp.node_id, "lsps1.get_order", {"order_id": order_id})
    assert e.value.code == lsps1.ORDER_NOT_FOUND


def _honest(lsp_node, client):
    """The LSP's honest answers, to be changed by a lying LSP."""
    options = lsps1.Options(**provider_mod.DEFAULT_OPTIONS.__dict__)
    invoice = lsp_node.create_invoice(FEE * 1000, "order", 3600)
    asked = lsps1.inbound_request(options, AMOUNT, refund_address="bcrt1qrefund")
    order = {"order_id": "0b0b", **{k: v for k, v in asked.to_json().items()
                                   if k != "refund_onchain_address"},
             "created_at": "2026-01-01T00:00:00.000Z", "order_state": "CREATED",
             "payment": {"bolt11": {"state": "EXPECT_PAYMENT",
                                    "expires_at": "2999-01-01T00:00:00.000Z",
                                    "fee_total_sat": str(FEE), "order_total_sat": str(FEE),
                                    "invoice": invoice}},
             "channel": None}
    return options.to_json(), order


@pytest.mark.parametrize("lie,match", [
    ("fee_mismatch", "total is not its fee"),
    ("invoice_amount", "invoice asks 20000000 msat"),
    ("invoice_payee", "pays another node than the LSP"),
    ("mirror", "lsp_balance_sat is not what was asked"),
    ("state", "CREATED with no channel"),
    ("fee_too_high", "above the 2,000 sat accepted"),
])
async def test_lying_lsp_order_is_refused_before_paying(world, lie, match) -> None:
    chain, client, lsp = world
    options, order = _honest(lsp, client)
    b = order["payment"]["bolt11"]
    if lie == "fee_mismatch":
        b["order_total_sat"] = str(FEE + 1)
    elif lie == "invoice_amount":
        b["invoice"] = lsp.create_invoice(FEE * 10_000, "order", 3600)
    elif lie == "invoice_payee":
        b["invoice"] = client.create_invoice(FEE * 1000, "order", 3600)
    elif lie == "mirror":
        order["lsp_balance_sat"] = str(AMOUNT // 2)
    elif lie == "state":
        order["order_state"] = "COMPLETED"
    elif lie == "fee_too_high":
        b["fee_total_sat"] = b["order_total_sat"] = str(FEE * 5)

    def make(req):
        return reply(req, options if req["method"] == "lsps1.get_info" else order)
    answer_with(lsp, make)
    with pytest.raises(lsps1.Lsps1Error, match=match):
        await _order(client, lsp, max_fee_sat=FEE)
    assert not client.lsps1.orders
    assert not [p for p in client.list_payments() if p["direction"] == "out"]


def _fee_changed_on_get_order(lsp, options: dict, order: dict) -> None:
    """The LSP answers create_order honestly, then every get_order with another fee."""
    def make(req):
        if req["method"] == "lsps1.get_info":
            return reply(req, options)
        o = json.loads(json.dumps(order))
        if req["method"] == "lsps1.get_order":
            o["payment"]["bolt11"]["fee_total_sat"] = o["payment"]["bolt11"]["order_total_sat"] = "1"
        return reply(req, o)
    answer_with(lsp, make)


async def test_lying_lsp_get_order_going_back_is_refused(world) -> None:
    chain, client, lsp = world
    _fee_changed_on_get_order(lsp, *_honest(lsp, client))
    placed = await _order(client, lsp)
    with pytest.raises(lsps1.Lsps1Error, match="changed the order's fee"):
        await client.lsps1.get_order(lsp.node_id, placed.order.order_id)


async def test_lying_lsp_is_compared_with_the_order_kept_across_a_restart(world) -> None:
    """The client's memory is gone (a restart): the order kept in SQLite is still the first
    answer. The same order id again is refused, and so is a changed fee on get_order."""
    chain, client, lsp = world
    _fee_changed_on_get_order(lsp, *_honest(lsp, client))
    placed = await _order(client, lsp)
    client.lsps1.orders.clear()  # what a restart does
    with pytest.raises(lsps1.Lsps1Error, match="an order id it gave before"):
        await _order(client, lsp)
    with pytest.raises(lsps1.Lsps1Error, match="changed the order's fee"):
        await client.lsps1.get_order(lsp.node_id, placed.order.order_id)
    assert client.lsps1.placed(placed.order.order_id) == placed


async def test_oversized_and_slow_lsp(world, monkeypatch) -> None:
    chain, client, lsp = world
    options, order = _honest(lsp, client)
    # an invoice past bLIP-51's 2,048 characters, in a message that still fits BOLT 8
    order["payment"]["bolt11"]["invoice"] = "lnbcrt" + "q" * 60_000

    def make(req):
        return reply(req, options if req["method"] == "lsps1.get_info" else order)
    answer_with(lsp, make)
    with pytest.raises(lsps1.Lsps1Error, match="at most 2048"):
        await _order(client, lsp)
    # silent: a timeout, nothing kept
    monkeypatch.setattr(client.lsps0, "timeout", 0.3)
    answer_with(lsp, lambda req: None)
    with pytest.raises(Lsps0Timeout):
        await client.lsps1.get_info(lsp.node_id)
    # beyond a BOLT 8 message: the connection ends, the request fails, nothing kept
    answer_with(lsp, lambda req: reply(req, options | {"padding": "y" * 66_000}))
    with pytest.raises(Lsps0Error):
        await client.lsps1.get_info(lsp.node_id)
    assert not client.lsps1.orders


async def test_restart_during_an_open_fails_the_order_and_never_settles(world) -> None:
    chain, client, lsp = world
    placed = await _order(client, lsp)
    store = OrderStore(lsp.store.db)
    _, payment_hash, order = store.get(placed.order.order_id)
    store.update(order.with_states(lsps1.CREATED, lsps1.HOLD))  # as if killed mid-open
    lsp.payments.holds.clear()
    lsp.serve_lsps1()  # what a restart does
    _, _, after = store.get(placed.order.order_id)
    assert after.order_state == lsps1.FAILED and after.bolt11.state == lsps1.REFUNDED
    from types import SimpleNamespace
    undecided = SimpleNamespace(payment_hash=payment_hash, amount_msat=FEE * 1000)
    assert lsp.payments.preimage_for_undecided(undecided) is None  # failed back, not taken
    got = await client.lsps1.get_order(lsp.node_id, placed.order.order_id)
    assert got.order_state == lsps1.FAILED


async def _killed_mid_open(tmp_path, stall) -> tuple:
    """The client pays an order; `stall(lsp, reached)` makes the LSP's open stop at some
    point (setting `reached`); there the LSP is killed (stopped, its memory gone) and
    started again from its database. Returns (client, new lsp, order id, payment task,
    key index recorded before the kill)."""
    chain, seeds, (client, lsp) = await start_nodes(tmp_path, "client", "lsp")
    lsp.serve_lsps1()
    await channel(chain, client, lsp)
    placed = await _order(client, lsp)
    order_id = placed.order.order_id
    reached = asyncio.Event()
    stall(lsp, reached)
    paying = asyncio.ensure_future(client.pay(placed.order.bolt11.invoice, timeout=60))
    await within(10, reached.wait())
    store = OrderStore(lsp.store.db)
    assert store.get(order_id)[2].bolt11.state == lsps1.HOLD  # killed mid-open
    key_index = store.key_index(order_id)
    assert key_index is not None  # recorded before open_channel left
    await lsp.stop()
    for stalled in ("feerate_per_kw", "build_funding"):  # the new process is not stalled
        vars(chain).pop(stalled, None)
    again = make_node(tmp_path, "lsp", chain, seeds["lsp"])
    await again.start(listen_port=0)
    again.serve_lsps1()  # what the daemon's start does
    return chain, client, again, order_id, paying, key_index


async def test_lsp_killed_after_funding_completes_the_order_and_takes_the_payment(
        tmp_path) -> None:
    funded_at: list = []

    def after_funding(lsp, reached):
        real_open = lsp.lsps1_provider.open_channel

        async def open_then_die(client_id, amount_sat, record):
            funded_at.append(await real_open(client_id, amount_sat, record))
            reached.set()
            await asyncio.Event().wait()  # killed here: the result is never stored
        lsp.lsps1_provider.open_channel = open_then_die

    chain, client, lsp, order_id, paying, key_index = await _killed_mid_open(tmp_path,
                                                                            after_funding)
    try:
        [(opened, txid, index)] = funded_at
        assert opened == key_index
        _, payment_hash, order = OrderStore(lsp.store.db).get(order_id)
        assert (order.order_state, order.bolt11.state) == (lsps1.COMPLETED, lsps1.PAID)
        assert order.channel.funding_outpoint == (txid, index)
        assert lsp.payment_log.get(payment_hash).status == "paid"  # taken, once reconnected
        def published() -> list[bytes]:
            return [raw for what, raw in chain.broadcasts if what == "funding"
                    and CTransaction.deserialize(raw).GetTxid()[::-1].hex() == txid]
        chain.mine(1)  # the next block: a funding we wait for is published again
        await _wait(lambda: len(published()) == 2)  # again: the kill may have come before it
        await client.peers.connect("127.0.0.1", lsp.listen_port, lsp.node_id)
        assert (await within(30, paying))["status"] == "paid"
        got = await client.lsps1.get_order(lsp.node_id, order_id)
        assert got.order_state == lsps1.COMPLETED and got.channel == order.channel
        [ours] = _from_lsp(client, lsp)
        p = ours.inner.commitments.params
        assert (p.funding_txid[::-1].hex(), p.funding_output_index) == (txid, index)
        assert p.funding_sat == AMOUNT
    finally:
        paying.cancel()
        await stop_all(client, lsp)


@pytest.mark.parametrize("stalled", [
    "feerate_per_kw",  # after the record, before open_channel leaves
    "build_funding",  # after accept_channel, before funding_created
])
async def test_lsp_killed_before_the_funding_refunds_the_payment(tmp_path, stalled) -> None:
    def before_funding(lsp, reached):
        async def stuck(*args, **kwargs):
            reached.set()
            await asyncio.Event().wait()
        setattr(lsp.manager.chain, stalled, stuck)  # the shared FakeChain: the LSP's open

    chain, client, lsp, order_id, paying, key_index = await _killed_mid_open(tmp_path,
                                                                            before_funding)
    try:
        _, payment_hash, order = OrderStore(lsp.store.db).get(order_id)
        assert (order.order_state, order.bolt11.state) == (lsps1.FAILED, lsps1.REFUNDED)
        assert order.channel is None and lsp.payment_log.get(payment_hash).status != "paid"
        await client.peers.connect("127.0.0.1", lsp.listen_port, lsp.node_id)
        with pytest.raises(PaymentFailed):
            await within(30, paying)
        got = await client.lsps1.get_order(lsp.node_id, order_id)
        assert got.order_state == lsps1.FAILED and not _from_lsp(client, lsp)
    finally:
        paying.cancel()
        await stop_all(client, lsp)


async def test_a_recorded_channel_that_is_not_the_orders_is_never_taken_for_it(world) -> None:
    """The key index recorded names a channel that is no funded channel of this order (none
    at all; the client's own channel to the LSP; a channel to another peer would be the
    same): FAILED and refunded, never completed."""
    chain, client, lsp = world
    store = OrderStore(lsp.store.db)
    [theirs] = lsp.channels.values()  # funded, but by the client: not the LSP's open
    for key_index in (10_000, theirs.key_index):
        placed = await _order(client, lsp)
        _, payment_hash, order = store.get(placed.order.order_id)
        store.update(order.with_states(lsps1.CREATED, lsps1.HOLD), key_index)
        lsp.payments.holds.clear()
        lsp.serve_lsps1()  # what a restart does
        _, _, after = store.get(placed.order.order_id)
        assert (after.order_state, after.bolt11.state) == (lsps1.FAILED, lsps1.REFUNDED)
        assert after.channel is None and lsp.payment_log.get(payment_hash).status != "paid"


async def test_unpaid_orders_expire_free_their_slots_and_are_forgotten(world) -> None:
    chain, client, lsp = world
    provider = lsp.lsps1_provider
    for _ in range(provider_mod.MAX_UNPAID_PER_CLIENT):
        await _order(client, lsp)
    with pytest.raises(lsps1.Lsps1Error, match="refused to serve"):
        await _order(client, lsp)
    store = OrderStore(lsp.store.db)
    later = datetime.now(UTC) + timedelta(seconds=provider_mod.ORDER_SECONDS + 1)
    provider.expire(later)
    assert store.unpaid(client.node_id) == 0 and not lsp.payments.holds
    states = {r[0] for r in lsp.store.db.query("SELECT order_state FROM lsps1_orders")}
    assert states == {lsps1.FAILED}
    await _order(client, lsp)  # a slot is free again
    provider.expire(later + timedelta(seconds=provider_mod.FORGET_UNPAID_AFTER - 5))
    assert len(lsp.store.db.query("SELECT order_id FROM lsps1_orders")) == 6  # a day kept
    provider.expire(later + timedelta(seconds=provider_mod.FORGET_UNPAID_AFTER + 2))
    assert lsp.store.db.query("SELECT order_id FROM lsps1_orders") == []  # nothing owed


async def test_payment_by_another_node_waits_for_the_client_to_connect(tmp_path, monkeypatch):
    chain, _, (client, lsp, payer) = await start_nodes(tmp_path, "client", "lsp", "payer")
    try:
        lsp.serve_lsps1()
        await channel(chain, payer, lsp)
        await client.peers.connect("127.0.0.1", lsp.listen_port, lsp.node_id)
        await lsp.peers.wait_for_peer(client.node_id, 5)
        placed = await _order(client, lsp)
        # the client goes away; a friend pays its order
        await client.peers.forget(lsp.node_id)
        await _wait(lambda: lsp.manager.live_peer(client.node_id) is None)
        paying = asyncio.ensure_future(payer.pay(placed.order.bolt11.invoice, timeout=30))
        await _wait(lambda: OrderStore(lsp.store.db).get(placed.order.order_id)[2]
                    .bolt11.state == lsps1.HOLD)
        assert not paying.done()  # held while the client is away
        await client.peers.connect("127.0.0.1", lsp.listen_port, lsp.node_id)
        assert (await paying)["status"] == "paid"
        order = await client.lsps1.get_order(lsp.node_id, placed.order.order_id)
        assert order.order_state == lsps1.COMPLETED
        assert len(_from_lsp(client, lsp)) == 1
        # a client that never comes back: the payment is failed back, the order FAILED
        monkeypatch.setattr(provider_mod, "CONNECT_WAIT", 0.5)
        second = await _order(client, lsp)
        await client.peers.forget(lsp.node_id)
        await _wait(lambda: lsp.manager.live_peer(client.node_id) is None)
        with pytest.raises(PaymentFailed):
            await payer.pay(second.order.bolt11.invoice, timeout=30)
        _, _, failed = OrderStore(lsp.store.db).get(second.order.order_id)
        assert failed.order_state == lsps1.FAILED and failed.bolt11.state == lsps1.REFUNDED
    finally:
        await stop_all(client, lsp, payer)
