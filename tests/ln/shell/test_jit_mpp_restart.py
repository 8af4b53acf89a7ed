"""MPP at the LSP across a restart (issue 16). The parts gathered at the LSP used to be
written down only once the channel opened: a part held while the others had not come lived
in memory alone, and after a restart was failed as an unreadable onion. Now each part is
recorded as it is held. The LSP restarts with 1 of 2 parts held (payer -> LSP over two
loopback channels, the second part never sent): the held part is answered from its record
at the reconnection (temporary_channel_failure, which the payer reads), well before the MPP
timeout; the payer gets its money back, nothing is opened, the sale stays on sale, and the
payer's retry pays the client the size less the fee."""

from __future__ import annotations

import asyncio

import pytest

from tests.ln.shell.test_jit_restarts import normal_again, restart_lsp, until
from tests.support.nodes import channel, settled, start_nodes, stop_all
from wallet.deadline import within
from wallet.ln.channel import states as st
from wallet.ln.channel.errors import ChannelCommandError
from wallet.ln.shell.payments import PaymentFailed
from wallet.ln.store.forward_store import FAILED, HELD, ForwardStore
from wallet.lsp import lsps2

OFFERS = [lsps2.FeeOffer(2_000_000, 1000)]
SIZE = 50_000_000
FEE = 2_000_000


def _htlcs(node) -> int:
    return sum(len(c.state.commitments.local_commit.view.htlcs)
               for c in node.channels.values() if isinstance(c.state, st.Normal))


def _to_local(node) -> int:
    return sum(c.state.commitments.local_commit.view.to_local_msat
               for c in node.channels.values() if isinstance(c.state, st.Normal))


@pytest.fixture
async def world(tmp_path):
    """The payer has two channels to the LSP, neither able to carry SIZE alone."""
    chain, seeds, (payer, lsp, client) = await start_nodes(tmp_path, "payer", "lsp", "client")
    await channel(chain, payer, lsp, 40_000)
    await channel(chain, payer, lsp, 40_000)
    lsp.serve_lsps2(OFFERS)
    await client.peers.connect("127.0.0.1", lsp.listen_port, lsp.node_id)
    await lsp.peers.wait_for_peer(client.node_id, 5)
    nodes = {"chain": chain, "seed": seeds["lsp"], "payer": payer, "lsp": lsp,
             "client": client}
    yield nodes
    await stop_all(nodes["payer"], nodes["lsp"], nodes["client"])


async def test_a_part_held_when_the_lsp_restarts_is_answered_and_nothing_is_lost(
        tmp_path, world, monkeypatch) -> None:
    chain, payer, client = world["chain"], world["payer"], world["client"]
    invoice, jit = await client.create_jit_invoice(world["lsp"].node_id, SIZE, "1 of 2")
    before = _to_local(payer)
    send = payer.switch.send_htlc
    fwd = world["lsp"].jit_forwarder
    held = []

    async def first_part_only(*args, **kwargs):
        # the trampoline attempt goes (and fails: no trampoline here), then the route
        # hint's first part; once it is held at the LSP, the second never leaves
        await asyncio.sleep(0.3)
        if fwd._parts:
            held.append(True)
            raise ChannelCommandError("held back by the test")
        return await send(*args, **kwargs)
    monkeypatch.setattr(payer.switch, "send_htlc", first_part_only)
    paying = asyncio.create_task(payer.pay(invoice, timeout=120))
    await until(lambda: any(len(p.items) == 1 for p in fwd._parts.values()),
                "one part held at the LSP")
    await until(lambda: held, "the second part held back")
    assert _htlcs(payer) == 1
    [row] = ForwardStore(world["lsp"].store.db).all()  # written down while it is held
    assert row.status == HELD

    world["lsp"] = lsp = await restart_lsp(tmp_path, chain, world["seed"], payer, client,
                                           world["lsp"])
    # answered at the reconnection: well before the LSP's 90 s MPP timeout, far before
    # the part's CLTV
    with pytest.raises(PaymentFailed) as failed:
        await within(30, paying)
    # from the record: a failure the payer can read and retry on, not an unreadable onion
    assert "temporary_channel_failure" in str(failed.value), failed.value
    await normal_again(payer, lsp.node_id)
    pchs = [c for c in payer.channels.values() if c.peer_id == lsp.node_id]
    lchs = [c for c in lsp.channels.values() if c.peer_id == payer.node_id]
    await settled(*pchs, *lchs)
    await until(lambda: _htlcs(payer) == 0 and _htlcs(lsp) == 0, "no HTLC left")
    assert _to_local(payer) == before  # the part's amount came back whole
    assert not lsp.jit_forwarder._parts
    [row] = ForwardStore(lsp.store.db).all()
    assert row.status == FAILED  # answered once, and so recorded
    assert not [c for c in lsp.channels.values() if c.peer_id == client.node_id]
    assert [s.scid for s in lsp.lsps2_provider.sales.values()] == [jit.jit_channel_scid]

    # the payer tries again, both parts this time: one channel, the size less the fee
    monkeypatch.setattr(payer.switch, "send_htlc", send)
    assert (await payer.pay(invoice, timeout=60))["status"] == "paid"
    [cch] = [c for c in client.channels.values() if isinstance(c.inner, st.Normal)]
    [lch] = [c for c in lsp.channels.values() if c.peer_id == client.node_id]
    await settled(cch, lch)
    assert cch.state.commitments.local_commit.view.to_local_msat == SIZE - FEE
