"""JIT channels across restarts of the LSP (payer -> LSP -> client over loopback, FakeChain;
the LSP runs with `--lsp` alone, no trampoline forwarder): a sale made before the restart
still opens its channel; an HTLC held while the channel opened is failed cleanly (a
temporary failure the payer may retry, with the sale back on sale); one already forwarded
to the client is fulfilled from the client's answer, never failed as unreadable (the LSP
would lose the amount). And the sales table against a lying or flooding client."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest

from tests.support.nodes import (
    channel,
    final_receiver,
    make_node,
    settled,
    start_nodes,
    stop_all,
)
from wallet.ln.channel import states as st
from wallet.ln.shell.lsps2_provider import Lsps2Provider
from wallet.ln.shell.payments import PaymentFailed
from wallet.ln.store.forward_store import ForwardStore
from wallet.ln.store.sale_store import OPENING, SOLD, USED, SaleStore
from wallet.lsp import lsps2
from wallet.storage.database import Database

OFFERS = [lsps2.FeeOffer(2_000_000, 1000)]
SIZE = 50_000_000
FEE = 2_000_000


def sale_rows(node) -> list[tuple]:
    """(scid, state, key_index) of each sale row (SQLite keeps a scid as signed 64-bit)."""
    return [(scid & (1 << 64) - 1, state, key_index) for scid, state, key_index in
            node.store.db.query("SELECT scid, state, key_index FROM lsps2_sales")]


async def until(check, what: str, tries: int = 400) -> None:
    for _ in range(tries):
        if check():
            return
        await asyncio.sleep(0.02)
    raise AssertionError(f"never: {what}")


async def restart_lsp(tmp_path, chain, seed, payer, client, old):
    """Stop the LSP and start it again from its database (a new port): the payer and the
    client reconnect, the LSP serves LSPS2 again with the same offers."""
    await old.stop()
    lsp = make_node(tmp_path, "lsp", chain, seed)
    lsp.serve_lsps2(OFFERS)  # as the daemon does: before the start
    await lsp.start(listen_port=0)
    for node in (payer, client):
        await node.peers.connect("127.0.0.1", lsp.listen_port, lsp.node_id)
        await lsp.peers.wait_for_peer(node.node_id, 5)
    return lsp


async def normal_again(node, peer_id: bytes) -> None:
    await until(lambda: all(isinstance(c.state, st.Normal) for c in node.channels.values()
                            if c.peer_id == peer_id), "channels Normal again")


@pytest.fixture
async def world(tmp_path):
    chain, seeds, (payer, lsp, client) = await start_nodes(tmp_path, "payer", "lsp", "client")
    await channel(chain, payer, lsp)
    lsp.serve_lsps2(OFFERS)
    await client.peers.connect("127.0.0.1", lsp.listen_port, lsp.node_id)
    await lsp.peers.wait_for_peer(client.node_id, 5)
    nodes = SimpleNamespace(chain=chain, seed=seeds["lsp"], payer=payer, lsp=lsp, client=client)
    yield nodes
    await stop_all(nodes.payer, nodes.lsp, nodes.client)


async def test_a_sale_survives_a_restart_of_the_lsp(tmp_path, world) -> None:
    w = world
    invoice, jit = await w.client.create_jit_invoice(w.lsp.node_id, SIZE, "after LSP restart")
    assert sale_rows(w.lsp) == [(jit.jit_channel_scid, SOLD, None)]  # before the answer
    w.lsp = await restart_lsp(tmp_path, w.chain, w.seed, w.payer, w.client, w.lsp)
    [sale] = w.lsp.lsps2_provider.sales.values()
    assert (sale.client_id, sale.scid) == (w.client.node_id, jit.jit_channel_scid)
    assert sale.purchase.opening_fee_msat == FEE and sale.purchase.params.raw == jit.params.raw
    await normal_again(w.payer, w.lsp.node_id)
    assert (await w.payer.pay(invoice, timeout=30))["status"] == "paid"
    [cch] = [c for c in w.client.channels.values() if c.peer_id == w.lsp.node_id]
    await settled(cch)
    assert cch.state.commitments.local_commit.view.to_local_msat == SIZE - FEE
    [(_, state, key_index)] = sale_rows(w.lsp)
    assert state == USED and key_index is not None and not w.lsp.lsps2_provider.sales


async def test_an_htlc_held_while_the_channel_opened_fails_cleanly_after_a_restart(
        tmp_path, world, monkeypatch) -> None:
    """The LSP stops while the JIT channel is being opened (the HTLC held): after the
    restart the HTLC fails as temporary_channel_failure (readable, not an unreadable onion),
    nothing stays stuck, and the payer's retry opens the channel."""
    w = world
    invoice, jit = await w.client.create_jit_invoice(w.lsp.node_id, SIZE, "interrupted")
    opening = asyncio.Event()

    async def stalled_open(*args, **kwargs):
        opening.set()
        await asyncio.Event().wait()  # the process dies before the open completes
    monkeypatch.setattr(w.lsp, "open_channel", stalled_open)
    paying = asyncio.create_task(w.payer.pay(invoice, timeout=60))
    await asyncio.wait_for(opening.wait(), 10)
    assert sale_rows(w.lsp) == [(jit.jit_channel_scid, OPENING, None)]
    [row] = ForwardStore(w.lsp.store.db).all()
    assert row.status == "held"
    w.lsp = await restart_lsp(tmp_path, w.chain, w.seed, w.payer, w.client, w.lsp)
    with pytest.raises(PaymentFailed) as e:
        await paying
    assert "temporary_channel_failure" in str(e.value), e.value
    [pch] = [c for c in w.payer.channels.values()]
    await until(lambda: not pch.state.commitments.local_commit.view.htlcs, "no HTLC left")
    [row] = ForwardStore(w.lsp.store.db).all()
    assert row.status == "failed"
    assert sale_rows(w.lsp) == [(jit.jit_channel_scid, SOLD, None)]  # on sale again
    assert (await w.payer.pay(invoice, timeout=30))["status"] == "paid"
    assert [s for _, s, _ in sale_rows(w.lsp)] == [USED]


async def test_an_htlc_forwarded_before_a_restart_is_fulfilled_from_the_client(
        tmp_path, world) -> None:
    """The LSP stops after forwarding to the client, before the client answers: the
    restarted LSP (no trampoline forwarder) waits for the client's preimage and fulfills
    the payer's HTLC with it, instead of failing it and paying the client out of pocket."""
    w = world
    invoice, _ = await w.client.create_jit_invoice(w.lsp.node_id, SIZE, "held by the client")
    held: list = []
    real = w.client.payments

    def hold(incoming):
        held.append(incoming)
        return None
    w.client.switch.receiver = final_receiver(w.client, hold)
    paying = asyncio.create_task(w.payer.pay(invoice, timeout=60))
    await until(lambda: held, "the client holds the HTLC")
    [row] = ForwardStore(w.lsp.store.db).all()
    assert row.status == "forwarding"
    w.lsp = await restart_lsp(tmp_path, w.chain, w.seed, w.payer, w.client, w.lsp)
    await normal_again(w.client, w.lsp.node_id)
    w.client.switch.receiver = real
    [incoming] = held
    answer = real.on_final_htlc(incoming)
    assert answer is not None
    await w.client.resolve_incoming(incoming.key_index, incoming.htlc_id, answer)
    assert (await paying)["status"] == "paid"
    [row] = ForwardStore(w.lsp.store.db).all()
    assert row.status == "settled" and row.preimage is not None


async def test_a_client_flooding_buys_is_capped_across_restarts(tmp_path, world) -> None:
    """Five pending sales per client, counted from SQLite: a restart does not reset the
    cap; a tampered buy leaves no row."""
    w = world
    params, _ = await w.client.lsps2.quote(w.lsp.node_id, SIZE, 3600)
    for _ in range(5):
        await w.client.lsps2.buy(w.lsp.node_id, params, SIZE)
    w.lsp = await restart_lsp(tmp_path, w.chain, w.seed, w.payer, w.client, w.lsp)
    with pytest.raises(lsps2.Lsps2Error, match="refused"):
        await w.client.lsps2.buy(w.lsp.node_id, params, SIZE)
    assert len(sale_rows(w.lsp)) == 5 and len(w.lsp.lsps2_provider.sales) == 5
    raw = dict(params.raw, min_fee_msat="1")
    with pytest.raises(lsps2.Lsps2Error):
        await w.client.lsps2.buy(w.lsp.node_id, lsps2.OpeningFeeParams.from_json(raw), SIZE)
    assert len(sale_rows(w.lsp)) == 5


def provider_on(db: Database, now: datetime) -> Lsps2Provider:
    return Lsps2Provider(SimpleNamespace(router=None), OFFERS, b"k" * 32, SaleStore(db),
                         lambda node_id: None, now=now)


def test_sales_reload_expire_and_skip_broken_rows(tmp_path) -> None:
    db = Database(tmp_path / "lsp.sqlite")
    store = SaleStore(db)
    now = datetime(2030, 1, 1, tzinfo=UTC)
    params = lsps2.parse_menu(lsps2.make_menu(OFFERS, b"k" * 32, now))[0]
    client = bytes.fromhex("02" + "11" * 32)
    big = (1 << 64) - 5  # above SQLite's signed range
    store.add(client, big, lsps2.Purchase(params, SIZE, FEE))
    store.add(client, 2, lsps2.Purchase(params, None, None))
    store.add(client, 3, lsps2.Purchase(params, SIZE, FEE))
    store.add(client, 4, lsps2.Purchase(params, SIZE, FEE))
    store.set_state(2, OPENING, 7)  # a restart came during its open (channel 7 funded)
    store.set_state(3, USED)
    with db.transaction():
        db.execute("INSERT INTO lsps2_sales VALUES (5, ?, '{', 4102444800, 'sold', NULL)",
                   (client,))
    provider = provider_on(db, now)
    assert sorted(provider.sales) == [2, 4, big]
    assert provider.sales[2].key_index == 7 and provider.sales[2].purchase.payment_size_msat is None
    assert provider.sales[big].purchase.opening_fee_msat == FEE
    assert db.query("SELECT state, key_index FROM lsps2_sales WHERE scid = 2") == [(SOLD, 7)]
    later = params.valid_until + timedelta(seconds=1)
    assert provider.sale_for(2, later) is None and not provider.sales
    assert provider_on(db, later).sales == {}
    assert db.query("SELECT scid FROM lsps2_sales") == [(5,)]  # only the unreadable row left


async def test_a_retry_after_a_restart_uses_the_channel_already_funded(
        tmp_path, world, monkeypatch) -> None:
    """The LSP stops after funding the JIT channel, before forwarding: the payer's retry
    goes over that channel; no second channel is funded for the same sale."""
    w = world
    invoice, jit = await w.client.create_jit_invoice(w.lsp.node_id, SIZE, "funded, then stop")
    funded = asyncio.Event()

    async def stalled_wait(ch, timeout):
        funded.set()
        await asyncio.Event().wait()
    monkeypatch.setattr(w.lsp, "wait_normal", stalled_wait)
    paying = asyncio.create_task(w.payer.pay(invoice, timeout=60))
    await asyncio.wait_for(funded.wait(), 10)
    [(_, state, key_index)] = sale_rows(w.lsp)
    assert state == OPENING and key_index is not None
    w.lsp = await restart_lsp(tmp_path, w.chain, w.seed, w.payer, w.client, w.lsp)
    with pytest.raises(PaymentFailed, match="temporary_channel_failure"):
        await paying
    assert sale_rows(w.lsp) == [(jit.jit_channel_scid, SOLD, key_index)]
    await normal_again(w.client, w.lsp.node_id)
    assert (await w.payer.pay(invoice, timeout=30))["status"] == "paid"
    assert [wh for wh, _ in w.chain.broadcasts].count("funding") == 2  # payer's, one JIT
    [cch] = w.client.channels.values()
    await settled(cch)
    assert cch.state.commitments.local_commit.view.to_local_msat == SIZE - FEE


async def test_the_client_dials_its_lsp_again_after_a_restart(world) -> None:
    """The LSP opens the JIT channel over the connection the client made to buy it: the
    client stores the address it dialed with the channel (else, restarted, it would wait
    for an LSP that cannot dial it: the channel stays offline); the LSP stores none it
    could dial, and does not retry one."""
    w = world
    invoice, _ = await w.client.create_jit_invoice(w.lsp.node_id, SIZE, "dial again")
    await normal_again(w.payer, w.lsp.node_id)
    assert (await w.payer.pay(invoice, timeout=30))["status"] == "paid"
    [cch] = [c for c in w.client.channels.values() if c.peer_id == w.lsp.node_id]
    [lch] = [c for c in w.lsp.channels.values() if c.peer_id == w.client.node_id]
    assert w.client.manager.store.addresses()[cch.key_index] == \
        f"127.0.0.1:{w.lsp.listen_port}"
    stored = w.lsp.manager.store.addresses()[lch.key_index]
    assert stored in (None, ":0")
    await w.lsp.stop()
    await w.client.stop()
    dials = []
    w.lsp.manager.peers.keep_connected = lambda *a: dials.append(a)
    w.client.manager.peers.keep_connected = lambda *a: dials.append(a)
    await w.lsp.manager.load()
    assert dials == []
    await w.client.manager.load()
    assert dials == [(w.lsp.node_id, "127.0.0.1", w.lsp.listen_port)]


async def test_the_sale_names_its_channel_before_the_open_ends(tmp_path, world,
                                                               monkeypatch) -> None:
    """The channel opened for a sale is written with the sale as it is created, before
    open_channel leaves: an LSP killed after broadcasting the funding but before the open
    returned found the sale with no channel, and the payer's retry then went over that
    channel as a plain forward (the LSP lost its fee: seen in the kill -9 devnet test)."""
    w = world
    invoice, jit = await w.client.create_jit_invoice(w.lsp.node_id, SIZE, "recorded early")
    real = w.lsp.open_channel
    seen: list = []

    async def spying(*args, on_created=None, **kwargs):
        def created(key_index: int) -> None:
            if on_created is not None:
                on_created(key_index)
            seen.append((key_index, sale_rows(w.lsp)))
        return await real(*args, on_created=created, **kwargs)
    monkeypatch.setattr(w.lsp, "open_channel", spying)
    assert (await w.payer.pay(invoice, timeout=30))["status"] == "paid"
    [(key_index, rows)] = seen
    assert rows == [(jit.jit_channel_scid, OPENING, key_index)]


def test_a_funded_jit_channel_is_withheld_until_its_sale_is_used(tmp_path) -> None:
    """Nothing but its sale's payment goes over a JIT channel until that payment went
    through (a payment routed to the client another way, e.g. by trampoline, would use
    the channel without paying the opening fee); released once used or expired, and
    known again after a restart."""
    db = Database(tmp_path / "lsp.sqlite")
    store = SaleStore(db)
    now = datetime(2030, 1, 1, tzinfo=UTC)
    params = lsps2.parse_menu(lsps2.make_menu(OFFERS, b"k" * 32, now))[0]
    client = bytes.fromhex("02" + "11" * 32)
    store.add(client, 1, lsps2.Purchase(params, SIZE, FEE))
    store.add(client, 2, lsps2.Purchase(params, SIZE, FEE))
    provider = provider_on(db, now)
    assert provider.withheld_channels() == set()
    one, two = provider.sales[1], provider.sales[2]
    provider.take(one)
    provider.funded(one, 7)
    provider.take(two)
    provider.funded(two, 8)
    assert provider.withheld_channels() == {7, 8}
    provider.used(one)
    assert provider.withheld_channels() == {8}
    again = provider_on(db, now)  # a restart: the open of sale 2 was interrupted
    assert again.withheld_channels() == {8} and again.sales[2].key_index == 8
    later = params.valid_until + timedelta(seconds=1)
    assert again.sale_for(2, later) is None and again.withheld_channels() == set()


async def test_the_trampoline_forwarder_skips_withheld_channels(tmp_path) -> None:
    from tests.ln.shell.test_forwarder import world as forwarding_world
    chain, _, user, tram, shop, forwarder, up, down = await forwarding_world(tmp_path)
    try:
        tram_to_shop = down[0].key_index
        assert tram_to_shop in {c.key_index for c in forwarder.out_channels()}
        forwarder.withheld = lambda: {tram_to_shop}
        assert tram_to_shop not in {c.key_index for c in forwarder.out_channels()}
        with pytest.raises(PaymentFailed):
            await user.pay(shop.create_invoice(2_000_000, "tea"), timeout=10)
        forwarder.withheld = set
        assert (await user.pay(shop.create_invoice(2_000_000, "tea")))["status"] == "paid"
    finally:
        await stop_all(user, tram, shop)
