"""Zero-conf channels (option_zeroconf + option_scid_alias), as bLIP-52 JIT channels use
them: accepted only from a peer the wallet trusts so (the LSP it bought from), usable before
the funding confirms, the real scid learned when it does (also across a restart)."""

from __future__ import annotations

import asyncio
import time

import pytest

from tests.support.nodes import make_node, settled, start_nodes, stop_all
from wallet.ln.channel import states as st
from wallet.ln.channel.errors import ChannelProtocolError
from wallet.ln.channel.params import (
    SCID_ALIAS_BIT,
    STATIC_REMOTEKEY_BIT,
    ZEROCONF_BIT,
    parse_channel_type,
)
from wallet.ln.features import Features
from wallet.ln.shell.channel_manager import ChannelManagerError


def bits(*b: int) -> bytes:
    return Features(frozenset(b)).to_bytes()


def test_channel_type_rules() -> None:
    zc = bits(STATIC_REMOTEKEY_BIT, SCID_ALIAS_BIT, ZEROCONF_BIT)
    with pytest.raises(ChannelProtocolError, match="not accepted"):
        parse_channel_type(zc, Features())
    assert parse_channel_type(zc, Features(), allow_zeroconf=True)[1] is True
    with pytest.raises(ChannelProtocolError, match="scid_alias"):
        parse_channel_type(bits(STATIC_REMOTEKEY_BIT, ZEROCONF_BIT), Features(),
                           allow_zeroconf=True)


async def wait_for(pred, what: str, tries: int = 300) -> None:
    for _ in range(tries):
        if pred():
            return
        await asyncio.sleep(0.02)
    raise AssertionError(what)


async def test_zeroconf_from_the_trusted_lsp_is_usable_at_once(tmp_path) -> None:
    chain, seeds, (client, lsp) = await start_nodes(tmp_path, "client", "lsp")
    try:
        client.manager.trust_zeroconf(lsp.node_id, time.time() + 600)
        ch = await lsp.open_channel(client.node_id, "127.0.0.1", client.listen_port, 300_000,
                                    zeroconf=True)
        await lsp.wait_normal(ch, 10)
        await wait_for(lambda: client.channels, "client channel")
        [cch] = client.channels.values()
        await client.wait_normal(cch, 10)
        assert chain.heights == {}  # nothing mined: used before it confirms
        assert ch.inner.short_channel_id is None and cch.inner.short_channel_id is None
        assert cch.inner.remote_alias is not None
        invoice = client.create_invoice(20_000_000, "first")
        result = await lsp.pay(invoice)
        assert result["status"] == "paid"
        await settled(ch, cch)
        assert cch.state.commitments.local_commit.view.to_local_msat == 20_000_000
        # not "paid" while the LSP could still double-spend the funding
        [row] = [p for p in client.list_payments() if p["direction"] == "in"]
        assert row["status"] == "unconfirmed" and "not confirmed" in row["note"]
        chain.mine(1)
        await wait_for(lambda: cch.inner.short_channel_id is not None
                       and ch.inner.short_channel_id is not None, "scid learned")
        assert cch.inner.short_channel_id == ch.inner.short_channel_id
        [row] = [p for p in client.list_payments() if p["direction"] == "in"]
        assert row["status"] == "paid"
    finally:
        await stop_all(client, lsp)


async def test_zeroconf_scid_learned_after_a_restart(tmp_path) -> None:
    chain, seeds, (client, lsp) = await start_nodes(tmp_path, "client", "lsp")
    try:
        client.manager.trust_zeroconf(lsp.node_id, time.time() + 600)
        ch = await lsp.open_channel(client.node_id, "127.0.0.1", client.listen_port, 300_000,
                                    zeroconf=True)
        await lsp.wait_normal(ch, 10)
        await wait_for(lambda: client.channels, "client channel")
        [cch] = client.channels.values()
        await client.wait_normal(cch, 10)
        await client.stop()
        client = make_node(tmp_path, "client", chain, seeds["client"])
        await client.start(listen_port=0)
        [cch] = client.channels.values()
        assert st.unwrap(cch.state).short_channel_id is None
        chain.mine(1)
        await wait_for(lambda: st.unwrap(cch.state).short_channel_id is not None,
                       "scid learned after restart")
    finally:
        await stop_all(client, lsp)


async def test_zeroconf_from_anyone_else_is_refused(tmp_path) -> None:
    chain, seeds, (client, stranger) = await start_nodes(tmp_path, "client", "stranger")
    try:
        with pytest.raises(ChannelManagerError, match="zero-conf"):
            await stranger.open_channel(client.node_id, "127.0.0.1", client.listen_port,
                                        300_000, zeroconf=True, timeout=5)
        assert not client.channels
        assert not client.store.db.execute("SELECT * FROM channels").fetchall()
        assert not chain.broadcasts
    finally:
        await stop_all(client, stranger)


async def test_zeroconf_trust_ends_with_the_purchase(tmp_path) -> None:
    chain, seeds, (client, lsp) = await start_nodes(tmp_path, "client", "lsp")
    try:
        client.manager.trust_zeroconf(lsp.node_id, time.time() - 1)  # an expired purchase
        with pytest.raises(ChannelManagerError, match="zero-conf"):
            await lsp.open_channel(client.node_id, "127.0.0.1", client.listen_port, 300_000,
                                   zeroconf=True, timeout=5)
        client.manager.trust_zeroconf(lsp.node_id, time.time() + 600)
        client.manager.trust_zeroconf(lsp.node_id, time.time() - 1)  # never shortened
        assert client.manager.zeroconf_ok(lsp.node_id)
    finally:
        await stop_all(client, lsp)
