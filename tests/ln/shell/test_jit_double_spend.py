"""The LSP double-spends the funding of the zero-conf channel it opened (a replacement
spending the same inputs confirms instead): the wallet's payment received over it is
"lost", never "paid"; the channel is Closed as never having existed, nothing is broadcast
for it (there is no output to spend), and nothing else changes. A chain that reports a
conflict for a funding that confirmed is not believed."""

from __future__ import annotations

import asyncio
from dataclasses import replace

import pytest

from tests.support.nodes import channel, make_node, settled, start_nodes, stop_all
from wallet.ln.channel import events as ev
from wallet.ln.channel import states as st
from wallet.ln.channel.double_spend import (
    DOUBLE_SPENT,
    NEVER_CONFIRMED,
    ZERO_CONF_TIMEOUT_BLOCKS,
    funding_double_spent,
    never_existed,
    zero_conf_timeout,
)
from wallet.ln.channel.errors import ChannelCommandError
from wallet.ln.shell.chain_follower import DOUBLE_SPEND_DEPTH
from wallet.ln.wire.primitives import ShortChannelId
from wallet.lsp import lsps2

OFFERS = [lsps2.FeeOffer(2_000_000, 1000)]
SIZE = 50_000_000
FEE = 2_000_000


async def until(check, what: str, tries: int = 400) -> None:
    for _ in range(tries):
        if check():
            return
        await asyncio.sleep(0.02)
    raise AssertionError(f"never: {what}")


def received(node) -> dict:
    [row] = [p for p in node.list_payments() if p["direction"] == "in"]
    return row


@pytest.fixture
async def paid(tmp_path):
    """A wallet paid 50,000 sat over a fresh JIT channel whose funding is not mined."""
    chain, seeds, (payer, lsp, client) = await start_nodes(tmp_path, "payer", "lsp", "client")
    await channel(chain, payer, lsp)
    lsp.serve_lsps2(OFFERS)
    await client.peers.connect("127.0.0.1", lsp.listen_port, lsp.node_id)
    await lsp.peers.wait_for_peer(client.node_id, 5)
    invoice, _ = await client.create_jit_invoice(lsp.node_id, SIZE, "coffee")
    assert (await payer.pay(invoice, timeout=30))["status"] == "paid"
    [cch] = client.channels.values()
    await settled(cch)
    assert received(client)["status"] == "unconfirmed"
    nodes = [payer, lsp, client]
    yield chain, seeds, nodes, cch
    await stop_all(*nodes)


async def test_double_spent_funding_makes_the_payment_lost(tmp_path, paid) -> None:
    chain, seeds, nodes, cch = paid
    payer, lsp, client = nodes
    before = len(chain.broadcasts)
    new, actions = funding_double_spent(cch.state)  # pure: what the event will do
    assert new == st.Closed(DOUBLE_SPENT)
    assert [type(a) for a in actions] == [ev.PersistState, ev.ChannelError]
    chain.double_spend(cch.watch.txid)
    chain.mine(DOUBLE_SPEND_DEPTH - 1)  # a reorganisation could still undo it
    await asyncio.sleep(0.3)
    assert not isinstance(cch.inner, st.Closed) and received(client)["status"] == "unconfirmed"
    chain.mine(1)
    await until(lambda: never_existed(cch.state), "the channel never existed")
    row = received(client)
    assert row["status"] == "lost" and "double-spent" in row["note"]
    assert len(chain.broadcasts) == before  # no commitment, no sweep: nothing to spend
    [lch] = [c for c in lsp.channels.values() if c.peer_id == client.node_id]
    await until(lambda: never_existed(lch.state), "the LSP's side too")
    # after a restart: still lost, never paid
    await client.stop()
    nodes[2] = client = make_node(tmp_path, "client", chain, seeds["client"])
    await client.start(listen_port=0)
    assert received(client)["status"] == "lost"
    [back] = client.channels.values()
    assert never_existed(back.state)


async def test_a_conflict_reported_for_a_confirmed_funding_is_not_believed(paid) -> None:
    chain, _, nodes, cch = paid
    chain.mine(3)
    await until(lambda: cch.inner.short_channel_id is not None, "the scid once confirmed")
    assert received(nodes[2])["status"] == "paid"
    chain.conflicts[cch.watch.txid] = chain.tip_height - 10  # a lying chain source
    chain.mine(1)
    await asyncio.sleep(0.3)
    assert isinstance(cch.inner, st.Normal) and received(nodes[2])["status"] == "paid"
    with pytest.raises(ChannelCommandError, match="confirmed"):
        funding_double_spent(cch.state)


def test_double_spent_is_closed_without_publishing_anything() -> None:
    closed = st.Closed("forgotten")
    assert funding_double_spent(closed) == (closed, [])
    assert never_existed(st.Closed(DOUBLE_SPENT)) and not never_existed(closed)


async def test_a_funding_that_never_confirms_is_forgotten_after_2016_blocks(
        tmp_path, paid) -> None:
    """The LSP's funding is never mined and never proven double-spent (dropped, or
    replaced before we saw its inputs): 2016 blocks after the first block the wallet saw it
    unconfirmed (BOLT 2's fundee timeout), the channel is forgotten and the payment lost."""
    chain, seeds, nodes, cch = paid
    payer, lsp, client = nodes
    chain.mempool.pop(cch.watch.txid)  # gone from every mempool, never mined
    chain.mine(1)
    await until(lambda: st.unwrap(cch.state).unconfirmed_since == chain.tip_height,
                "the first block seen unconfirmed, noted")
    before = len(chain.broadcasts)
    chain.mine(ZERO_CONF_TIMEOUT_BLOCKS - 1)
    await asyncio.sleep(0.3)
    assert isinstance(cch.inner, st.Normal) and received(client)["status"] == "unconfirmed"
    chain.mine(1)
    await until(lambda: never_existed(cch.state), "the channel forgotten")
    assert cch.state == st.Closed(NEVER_CONFIRMED)
    row = received(client)
    assert row["status"] == "lost" and "never confirmed" in row["note"]
    assert len(chain.broadcasts) == before  # nothing published: there is nothing to spend
    await client.stop()
    nodes[2] = client = make_node(tmp_path, "client", chain, seeds["client"])
    await client.start(listen_port=0)
    assert received(client)["status"] == "lost"


def test_zero_conf_timeout_rules(paid) -> None:
    chain, _, (payer, lsp, client), cch = paid
    [lch] = [c for c in lsp.channels.values() if c.peer_id == client.node_id]
    assert zero_conf_timeout(lch.state, 600) is None  # the opener: its own funding
    noted, actions = zero_conf_timeout(cch.state, 600)
    assert st.unwrap(noted).unconfirmed_since == 600 and actions == [ev.PersistState(noted)]
    assert zero_conf_timeout(noted, 600 + ZERO_CONF_TIMEOUT_BLOCKS - 1) is None
    closed, actions = zero_conf_timeout(noted, 600 + ZERO_CONF_TIMEOUT_BLOCKS)
    assert closed == st.Closed(NEVER_CONFIRMED)
    assert [type(a) for a in actions] == [ev.PersistState, ev.ChannelError]  # nothing sent
    confirmed = st.rewrap(noted, replace(st.unwrap(noted), short_channel_id=ShortChannelId(
        600, 1, 0)))
    assert zero_conf_timeout(confirmed, 600 + 5 * ZERO_CONF_TIMEOUT_BLOCKS) is None
