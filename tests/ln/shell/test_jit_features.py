"""The init features a JIT channel needs (BOLT 9: option_scid_alias 46/47, option_zeroconf
50/51, which depends on it). Kite offers both (odd: optional) in every init, so an LSP that
checks them (LND, CLN, Kite's own) opens its zero-conf channel; an LSP does not sell a JIT
channel to a client that offers neither, and does not open one to a client that offered
them at the buy and reconnected without (a lying client): unknown_next_peer, no funding."""

from __future__ import annotations

import time

import pytest

from tests.support.nodes import channel, make_node, start_nodes, stop_all
from wallet.errors import KiteError
from wallet.ln.features import Features
from wallet.ln.shell.payments import PaymentFailed
from wallet.ln.shell.peer import DEFAULT_FEATURES
from wallet.lsp import lsps2

OFFERS = [lsps2.FeeOffer(2_000_000, 1000)]
SIZE = 50_000_000
NO_ZEROCONF = DEFAULT_FEATURES - Features.of("option_zeroconf")


async def test_kite_offers_scid_alias_and_zeroconf_in_init(tmp_path) -> None:
    _, _, (a, b) = await start_nodes(tmp_path, "a", "b")
    try:
        await a.peers.connect("127.0.0.1", b.listen_port, b.node_id)
        await b.peers.wait_for_peer(a.node_id, 5)
        seen = b.manager.live_peer(a.node_id).remote_features  # as sent on the wire
        assert {47, 51} <= seen.bits and not {46, 50} & seen.bits  # optional, never required
        assert a.manager.live_peer(b.node_id).supports("option_zeroconf")
    finally:
        await stop_all(a, b)


async def test_lsp_does_not_open_zeroconf_to_a_peer_that_does_not_offer_it(tmp_path) -> None:
    """BOLT 2: no channel_type with a feature the peer's init lacks; refused before any
    message or funding."""
    chain, seeds, (lsp,) = await start_nodes(tmp_path, "lsp")
    old = make_node(tmp_path, "old", chain, b"o" * 32, NO_ZEROCONF)
    await old.start(listen_port=0)
    try:
        old.manager.trust_zeroconf(lsp.node_id, time.time() + 600)
        with pytest.raises(KiteError, match="option_zeroconf"):
            await lsp.open_channel(old.node_id, "127.0.0.1", old.listen_port, 300_000,
                                   zeroconf=True)
        assert not chain.broadcasts and not old.channels
    finally:
        await stop_all(lsp, old)


async def test_no_jit_sale_to_a_client_without_zeroconf(tmp_path) -> None:
    chain, seeds, (lsp,) = await start_nodes(tmp_path, "lsp")
    client = make_node(tmp_path, "client", chain, b"c" * 32, NO_ZEROCONF)
    await client.start(listen_port=0)
    try:
        lsp.serve_lsps2(OFFERS)
        await client.peers.connect("127.0.0.1", lsp.listen_port, lsp.node_id)
        await lsp.peers.wait_for_peer(client.node_id, 5)
        with pytest.raises(lsps2.Lsps2Error, match="does not offer option_zeroconf"):
            await client.create_jit_invoice(lsp.node_id, SIZE, "x")
        assert not lsp.lsps2_provider.sales
        assert lsp.store.db.query("SELECT COUNT(*) FROM lsps2_sales") == [(0,)]
        assert not client.payments.jit_invoices
    finally:
        await stop_all(lsp, client)


async def test_client_that_drops_zeroconf_after_buying_gets_no_channel(tmp_path) -> None:
    chain, seeds, (payer, lsp, client) = await start_nodes(tmp_path, "payer", "lsp", "client")
    liar = None
    try:
        await channel(chain, payer, lsp)
        lsp.serve_lsps2(OFFERS)
        await client.peers.connect("127.0.0.1", lsp.listen_port, lsp.node_id)
        await lsp.peers.wait_for_peer(client.node_id, 5)
        invoice, _ = await client.create_jit_invoice(lsp.node_id, SIZE, "x")
        await client.stop()  # back with the same key, without option_zeroconf
        liar = make_node(tmp_path, "client", chain, seeds["client"], NO_ZEROCONF)
        await liar.start(listen_port=0)
        await liar.peers.connect("127.0.0.1", lsp.listen_port, lsp.node_id)
        await lsp.peers.wait_for_peer(liar.node_id, 5)
        with pytest.raises(PaymentFailed, match="unknown_next_peer"):
            await payer.pay(invoice, timeout=30)
        assert [w for w, _ in chain.broadcasts].count("funding") == 1  # the payer's only
        assert len(lsp.lsps2_provider.sales) == 1  # untouched
    finally:
        await stop_all(payer, lsp, liar)
