"""JIT channels end to end over loopback (payer -> LSP -> client, real nodes, FakeChain):
the LSP opens a zero-conf channel when the HTLC for the sold scid comes and forwards it
less the promised fee with bLIP-25 extra_fee; the client takes exactly that and nothing
else. Lying LSPs (each amount field), a client that refuses the channel, one offline."""

from __future__ import annotations

import asyncio
from dataclasses import replace

import pytest

from tests.support.nodes import channel, make_node, settled, start_nodes, stop_all
from wallet.ln.channel import states as st
from wallet.ln.shell import jit_forwarder
from wallet.ln.shell.payments import PaymentFailed
from wallet.lsp import jit_plan, lsps2

OFFERS = [lsps2.FeeOffer(2_000_000, 1000)]
SIZE = 50_000_000
FEE = 2_000_000


@pytest.fixture
async def world(tmp_path):
    chain, _, (payer, lsp, client) = await start_nodes(tmp_path, "payer", "lsp", "client")
    await channel(chain, payer, lsp)
    lsp.serve_lsps2(OFFERS)
    await client.peers.connect("127.0.0.1", lsp.listen_port, lsp.node_id)
    await lsp.peers.wait_for_peer(client.node_id, 5)
    yield chain, payer, lsp, client
    await stop_all(payer, lsp, client)


def client_channels(client) -> list:
    return [c for c in client.channels.values() if isinstance(c.inner, st.Normal)]


async def test_first_payment_opens_a_channel_and_pays_less_the_fee(world) -> None:
    chain, payer, lsp, client = world
    invoice, jit = await client.create_jit_invoice(lsp.node_id, SIZE, "first coffee")
    assert jit.opening_fee_msat == FEE
    result = await payer.pay(invoice, timeout=30)
    assert result["status"] == "paid"
    [cch] = client_channels(client)
    assert cch.peer_id == lsp.node_id and cch.inner.short_channel_id is None  # zero-conf
    [lch] = [c for c in lsp.channels.values() if c.peer_id == client.node_id]
    await settled(cch, lch)
    assert cch.state.commitments.local_commit.view.to_local_msat == SIZE - FEE
    [row] = [p for p in client.list_payments() if p["direction"] == "in"]
    assert row["status"] == "unconfirmed"  # the funding is not mined yet
    assert row["amount_msat"] == SIZE - FEE
    assert not lsp.lsps2_provider.sales  # used up
    # and the new channel pays at once
    back = lsp.create_invoice(10_000_000, "tip")
    assert (await client.pay(back, timeout=30))["status"] == "paid"
    chain.mine(1)
    for _ in range(200):
        if cch.inner.short_channel_id is not None:
            break
        await asyncio.sleep(0.02)
    assert cch.inner.short_channel_id is not None
    [row] = [p for p in client.list_payments() if p["direction"] == "in"]
    assert row["status"] == "paid"


def lying_plan(monkeypatch, change) -> None:
    honest = jit_plan.plan

    def plan(*args, **kwargs):
        return change(honest(*args, **kwargs))
    monkeypatch.setattr(jit_forwarder.jit_plan, "plan", plan)


@pytest.mark.parametrize("lie", ["fee_too_big", "extra_fee_understated", "no_extra_fee",
                                 "extra_fee_overstated"])
async def test_lying_lsp_htlc_is_refused(world, monkeypatch, lie) -> None:
    chain, payer, lsp, client = world
    invoice, _ = await client.create_jit_invoice(lsp.node_id, SIZE, "x")
    real_send = lsp.send_htlc

    async def send(ch, amount, payment_hash, cltv, onion, **kw):
        extra = kw.pop("extra_fee_msat", None)
        if lie == "fee_too_big":  # takes one msat more, and says so
            amount, extra = amount - 1, extra + 1
        elif lie == "extra_fee_understated":  # takes one msat more, says the agreed fee
            amount -= 1
        elif lie == "no_extra_fee":
            extra = None
        elif lie == "extra_fee_overstated":  # says more than it took
            extra += 1
        return await real_send(ch, amount, payment_hash, cltv, onion, extra_fee_msat=extra, **kw)
    monkeypatch.setattr(lsp, "send_htlc", send)
    with pytest.raises(PaymentFailed) as e:
        await payer.pay(invoice, timeout=30)
    # refused at once for what it is, not left to time out as an incomplete payment
    assert ("final_incorrect_htlc_amount" in str(e.value)
            or "incorrect_or_unknown_payment_details" in str(e.value)), e.value
    [row] = [p for p in client.list_payments() if p["direction"] == "in"]
    assert row["status"] != "paid"


async def test_a_deduction_on_a_normal_invoice_is_refused(world, monkeypatch) -> None:
    """An LSP that deducts from an HTLC paying an invoice that was not a JIT one."""
    chain, payer, lsp, client = world
    invoice, jit = await client.create_jit_invoice(lsp.node_id, SIZE, "x")
    client.payments.jit_invoices.clear()  # as if this invoice were a plain one
    with pytest.raises(PaymentFailed):
        await payer.pay(invoice, timeout=30)
    assert not [p for p in client.list_payments() if p["status"] == "paid"]


async def test_client_refusing_the_channel_fails_the_payment_cleanly(world) -> None:
    chain, payer, lsp, client = world
    invoice, _ = await client.create_jit_invoice(lsp.node_id, SIZE, "x")
    client.manager.zeroconf_peers.clear()  # the client no longer trusts it
    with pytest.raises(PaymentFailed):
        await payer.pay(invoice, timeout=30)
    assert not client_channels(client)
    [pch] = [c for c in payer.channels.values()]
    await settled(pch)
    assert not pch.state.commitments.local_commit.view.htlcs  # nothing stuck
    assert pch.state.commitments.local_commit.view.to_local_msat > 0


async def test_client_offline_is_a_temporary_failure(world) -> None:
    chain, payer, lsp, client = world
    invoice, _ = await client.create_jit_invoice(lsp.node_id, SIZE, "x")
    await client.peers.forget(lsp.node_id)
    for _ in range(100):
        if lsp.manager.live_peer(client.node_id) is None:
            break
        await asyncio.sleep(0.02)
    with pytest.raises(PaymentFailed):
        await payer.pay(invoice, timeout=30)
    assert lsp.lsps2_provider.sales  # not used up: the payer may retry


def test_jit_plan_rules() -> None:
    now = lsps2.parse_datetime("2026-01-01T00:00:00.000Z")
    menu = lsps2.make_menu(OFFERS, b"k" * 32, now)
    params = lsps2.parse_menu(menu)[0]
    fixed = lsps2.Purchase(params, SIZE, FEE)
    ok = jit_plan.plan(fixed, SIZE, 1000, 856, 144)
    assert ok == jit_plan.JitForward(SIZE - FEE, FEE, 2 * 48_000 + 20_000 if 2 * 48_000 + 20_000 > 100_000 else 100_000)
    assert jit_plan.plan(fixed, SIZE - 1, 1000, 856, 144).code == jit_plan.UNKNOWN_NEXT_PEER
    assert jit_plan.plan(fixed, SIZE, 1000, 857, 144).code == jit_plan.INCORRECT_CLTV
    var = lsps2.Purchase(params, None, None)
    assert jit_plan.plan(var, 20_000_000, 1000, 856, 144).fee_msat == 2_000_000
    assert jit_plan.plan(var, 9_999_999, 1000, 856, 144).code == jit_plan.UNKNOWN_NEXT_PEER
    small = lsps2.Purchase(replace(params, min_payment_size_msat=1), None, None)
    assert jit_plan.plan(small, 2_000_000, 1000, 856, 144).code == jit_plan.UNKNOWN_NEXT_PEER
    assert jit_plan.plan(small, 2_000_001, 1000, 856, 144).amount_msat == 1


async def test_purchase_survives_a_restart_of_the_wallet(tmp_path) -> None:
    """The wallet stops between buying and being paid: the purchase and its zero-conf
    trust come back from SQLite, and the payment arrives less the fee."""
    chain, seeds, (payer, lsp, client) = await start_nodes(tmp_path, "payer", "lsp", "client")
    try:
        await channel(chain, payer, lsp)
        lsp.serve_lsps2(OFFERS)
        await client.peers.connect("127.0.0.1", lsp.listen_port, lsp.node_id)
        invoice, jit = await client.create_jit_invoice(lsp.node_id, SIZE, "after restart")
        await client.stop()
        client = make_node(tmp_path, "client", chain, seeds["client"])
        await client.start(listen_port=0)
        assert client.manager.zeroconf_ok(lsp.node_id)
        [(payment_hash, back)] = client.payments.jit_invoices.items()
        assert back.opening_fee_msat == FEE and back.params.raw == jit.params.raw
        await client.peers.connect("127.0.0.1", lsp.listen_port, lsp.node_id)
        await lsp.peers.wait_for_peer(client.node_id, 5)
        assert (await payer.pay(invoice, timeout=30))["status"] == "paid"
        row = client.payment_log.get(payment_hash)
        assert row.status == "paid" and row.amount_msat == SIZE - FEE
    finally:
        await stop_all(payer, lsp, client)


def test_jit_store_drops_old_and_broken_rows(tmp_path) -> None:
    from wallet.ln.store.jit_store import JitStore
    from wallet.storage.database import Database
    db = Database(tmp_path / "w.sqlite")
    store = JitStore(db)
    old = lsps2.parse_menu(lsps2.make_menu(OFFERS, b"k" * 32, lsps2.parse_datetime(
        "2020-01-01T00:00:00.000Z")))[0]
    new = lsps2.parse_menu(lsps2.make_menu(OFFERS, b"k" * 32, lsps2.parse_datetime(
        "2099-01-01T00:00:00.000Z")))[0]
    lsp_id = bytes.fromhex("02" + "11" * 32)
    store.add(b"o" * 32, lsps2.JitChannel(lsp_id, 1, 144, False, old, SIZE, FEE))
    store.add(b"n" * 32, lsps2.JitChannel(lsp_id, 2, 144, False, new, None, None))
    with db.transaction():
        db.execute("INSERT INTO lsps2_purchases VALUES (?, ?, ?)", (b"b" * 32, "{", 4102444800))
    loaded = store.load()
    assert list(loaded) == [b"n" * 32] and loaded[b"n" * 32].jit_channel_scid == 2
    assert len(db.query("SELECT * FROM lsps2_purchases")) == 2  # the old row deleted


async def test_lsp_that_must_not_fund_fails_cleanly(tmp_path) -> None:
    """The LSP's funding check (its anchor reserve) refuses: a temporary failure for the
    payer, no channel, the sale kept for a retry."""
    from wallet.errors import KiteError
    chain, seeds, (payer, lsp, client) = await start_nodes(tmp_path, "payer", "lsp", "client")
    asked = []

    async def short(client_id: bytes, channel_sat: int) -> None:
        asked.append((client_id, channel_sat))
        raise KiteError("the anchor reserve would be short")
    try:
        await channel(chain, payer, lsp)
        lsp.serve_lsps2(OFFERS, short)
        await client.peers.connect("127.0.0.1", lsp.listen_port, lsp.node_id)
        await lsp.peers.wait_for_peer(client.node_id, 5)
        invoice, _ = await client.create_jit_invoice(lsp.node_id, SIZE, "x")
        with pytest.raises(PaymentFailed):
            await payer.pay(invoice, timeout=30)
        assert asked == [(client.node_id, 116_000)]
        assert not client.channels and lsp.lsps2_provider.sales
        assert [w for w, _ in chain.broadcasts].count("funding") == 1  # payer's channel only
    finally:
        await stop_all(payer, lsp, client)


async def test_jit_forward_is_recorded_for_the_relay_roles_restart_recovery(world) -> None:
    """The LSP records the JIT forward like a plain relay (fee included), so that its
    forwarder answers the incoming HTLC from the outgoing one after a restart."""
    from wallet.ln.store.forward_store import ForwardStore
    chain, payer, lsp, client = world
    invoice, _ = await client.create_jit_invoice(lsp.node_id, SIZE, "x")
    assert (await payer.pay(invoice, timeout=30))["status"] == "paid"
    [row] = ForwardStore(lsp.store.db).all()
    assert (row.status, row.dialect, row.amount_msat) == ("settled", "channel", SIZE)
    assert row.preimage is not None


async def test_a_forward_the_client_fails_leaves_the_sale_for_the_retry_with_its_fee(world) -> None:
    """The channel opens, the client fails the forwarded HTLC (here: it forgot the JIT
    invoice for a moment), the payer retries: the sale is still there with its channel, the
    retry goes over it less the fee (before, the sale was used up at the first forward and
    a retry went on as a plain forward, or nowhere: the LSP's fee lost, or the payment)."""
    chain, payer, lsp, client = world
    invoice, jit = await client.create_jit_invoice(lsp.node_id, SIZE, "second try")
    kept = dict(client.payments.jit_invoices)
    client.payments.jit_invoices.clear()  # the short HTLC is refused this once
    with pytest.raises(PaymentFailed):
        await payer.pay(invoice, timeout=30)
    [cch] = client_channels(client)  # the channel was opened for the first try
    assert lsp.lsps2_provider.sales  # and the sale is on sale again, with it
    client.payments.jit_invoices.update(kept)
    assert (await payer.pay(invoice, timeout=30))["status"] == "paid"
    assert client_channels(client) == [cch]  # no second channel
    [lch] = [c for c in lsp.channels.values() if c.peer_id == client.node_id]
    await settled(cch, lch)
    assert cch.state.commitments.local_commit.view.to_local_msat == SIZE - jit.opening_fee_msat
    assert not lsp.lsps2_provider.sales  # used up now
