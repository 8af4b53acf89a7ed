"""MPP at the LSP (bLIP-52 with a payment size bought): the payer's parts are gathered until
they reach the size, one channel is opened, each part goes on less its share of the fee
(its own extra_fee) and the client takes exactly the size less the fee. Parts short of the
size are all failed `temporary_channel_failure` after the timeout (the sale kept); too many
parts, or a part of another payment, are refused; nothing is opened for them."""

from __future__ import annotations

import asyncio
import os

import pytest

from tests.support.nodes import channel, settled, start_nodes, stop_all
from wallet.ln.channel import states as st
from wallet.ln.htlc.contract import Fail, IncomingHtlc
from wallet.ln.onion.failures import FailureCode, decrypt_error_packet
from wallet.ln.onion.sphinx import HopPayload
from wallet.ln.store.forward_store import FAILED
from wallet.ln.wire.primitives import ShortChannelId
from wallet.lsp import jit_plan, lsps2

OFFERS = [lsps2.FeeOffer(2_000_000, 1000)]
SIZE = 50_000_000
FEE = 2_000_000


@pytest.fixture
async def world(tmp_path):
    """The payer has two channels to the LSP, neither able to carry SIZE alone."""
    chain, _, (payer, lsp, client) = await start_nodes(tmp_path, "payer", "lsp", "client")
    await channel(chain, payer, lsp, 40_000)
    await channel(chain, payer, lsp, 40_000)
    lsp.serve_lsps2(OFFERS)
    await client.peers.connect("127.0.0.1", lsp.listen_port, lsp.node_id)
    await lsp.peers.wait_for_peer(client.node_id, 5)
    yield chain, payer, lsp, client
    await stop_all(payer, lsp, client)


async def test_two_parts_open_one_channel_and_pay_the_size_less_the_fee(world) -> None:
    chain, payer, lsp, client = world
    invoice, jit = await client.create_jit_invoice(lsp.node_id, SIZE, "in two parts")
    assert jit.opening_fee_msat == FEE
    result = await payer.pay(invoice, timeout=30)
    assert result["status"] == "paid"
    [cch] = [c for c in client.channels.values() if isinstance(c.inner, st.Normal)]
    [lch] = [c for c in lsp.channels.values() if c.peer_id == client.node_id]
    await settled(cch, lch)
    assert cch.state.commitments.local_commit.view.to_local_msat == SIZE - FEE
    rows = [f for f in lsp.jit_forwarder.store.all()]
    assert len(rows) == 2 and {r.status for r in rows} == {"settled"}  # two parts, one channel
    assert sum(r.fee_msat for r in rows) == FEE
    [row] = [p for p in client.list_payments() if p["direction"] == "in"]
    assert row["amount_msat"] == SIZE - FEE
    assert not lsp.lsps2_provider.sales


def _part(sale_scid: int, amount: int, payment_hash: bytes, secret: bytes,
          htlc_id: int) -> IncomingHtlc:
    """A part as the LSP's forwarder sees it (its onion for the client is never sent)."""
    payload = HopPayload(amt_to_forward=amount, outgoing_cltv_value=500,
                         short_channel_id=ShortChannelId.from_int(sale_scid))
    return IncomingHtlc(key_index=0, htlc_id=htlc_id, amount_msat=amount + 1000,
                        payment_hash=payment_hash, cltv_expiry=1000, onion=bytes(1366),
                        shared_secret=secret, payload=payload, next_packet=bytes(1366))


def _code(answer, secret: bytes) -> int:
    assert isinstance(answer, Fail), answer
    return decrypt_error_packet(answer.reason, [secret]).code


async def test_parts_short_of_the_size_all_fail_at_the_timeout(world) -> None:
    chain, payer, lsp, client = world
    invoice, jit = await client.create_jit_invoice(lsp.node_id, SIZE, "short")
    fwd = lsp.jit_forwarder
    fwd.mpp_timeout = 0.3
    secret, h = os.urandom(32), os.urandom(32)
    parts = [_part(jit.jit_channel_scid, SIZE // 4, h, secret, i) for i in range(3)]
    answers = await asyncio.gather(*(fwd.on_htlc(p) for p in parts))
    assert [_code(a, secret) for a in answers] == [FailureCode.TEMPORARY_CHANNEL_FAILURE] * 3
    assert not [c for c in lsp.channels.values() if c.peer_id == client.node_id]  # no open
    assert lsp.lsps2_provider.sales  # still on sale: the payer may try again
    # each part was recorded as it was held, and its failure with it: a restart now
    # answers none of them again
    assert [r.status for r in fwd.store.all()] == [FAILED] * 3


async def test_too_many_parts_are_all_refused(world) -> None:
    chain, payer, lsp, client = world
    _, jit = await client.create_jit_invoice(lsp.node_id, SIZE, "dust parts")
    fwd = lsp.jit_forwarder
    secret, h = os.urandom(32), os.urandom(32)
    parts = [_part(jit.jit_channel_scid, 1_000, h, secret, i)
             for i in range(jit_plan.MAX_PARTS)]
    answers = await asyncio.gather(*(fwd.on_htlc(p) for p in parts))
    assert [_code(a, secret) for a in answers] == \
        [FailureCode.UNKNOWN_NEXT_PEER] * jit_plan.MAX_PARTS
    assert not fwd._parts and not [c for c in lsp.channels.values()
                                   if c.peer_id == client.node_id]


async def test_a_part_of_another_payment_is_refused_alone(world) -> None:
    chain, payer, lsp, client = world
    _, jit = await client.create_jit_invoice(lsp.node_id, SIZE, "mixed")
    fwd = lsp.jit_forwarder
    fwd.mpp_timeout = 0.3
    secret = os.urandom(32)
    first = asyncio.ensure_future(fwd.on_htlc(
        _part(jit.jit_channel_scid, SIZE // 2, b"\x01" * 32, secret, 1)))
    await asyncio.sleep(0.05)
    other = await fwd.on_htlc(_part(jit.jit_channel_scid, SIZE, b"\x02" * 32, secret, 2))
    assert _code(other, secret) == FailureCode.UNKNOWN_NEXT_PEER
    assert _code(await first, secret) == FailureCode.TEMPORARY_CHANNEL_FAILURE  # timed out


def test_the_fee_is_taken_from_the_parts_in_order() -> None:
    purchase = lsps2.Purchase(params=None, payment_size_msat=SIZE,  # type: ignore[arg-type]
                              opening_fee_msat=FEE)
    assert jit_plan.plan_parts(purchase, [SIZE // 2]) is None  # wait for more
    plan = jit_plan.plan_parts(purchase, [1_500_000, 1_000_000, SIZE - 2_500_000])
    assert plan.fees_msat == (1_499_999, 500_001, 0)  # each part keeps htlc_minimum
    assert sum(plan.amounts_msat) == SIZE - FEE
    assert plan.channel_sat == 2 * (SIZE - FEE) // 1000 + jit_plan.CHANNEL_MARGIN_SAT
    over = jit_plan.plan_parts(purchase, [SIZE // 2, SIZE // 2 + 7])  # overpaid: kept
    assert sum(over.amounts_msat) == SIZE + 7 - FEE
    tiny = lsps2.Purchase(params=None, payment_size_msat=1_000,  # type: ignore[arg-type]
                          opening_fee_msat=FEE)
    assert isinstance(jit_plan.plan_parts(tiny, [600, 600]), jit_plan.JitRefusal)
    assert isinstance(jit_plan.plan_parts(purchase, [0, SIZE]), jit_plan.JitRefusal)
    many = [1] * (jit_plan.MAX_PARTS - 1)
    assert jit_plan.plan_parts(purchase, many) is None
    assert isinstance(jit_plan.plan_parts(purchase, [*many, 1]), jit_plan.JitRefusal)
    variable = lsps2.Purchase(params=None, payment_size_msat=None,  # type: ignore[arg-type]
                              opening_fee_msat=None)
    assert isinstance(jit_plan.plan_parts(variable, [SIZE]), jit_plan.JitRefusal)
