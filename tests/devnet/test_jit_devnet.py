"""A fresh wallet with no channel and no coins receives its first payment through a JIT
channel from the devnet's Tram (LSPS2 over LSPS0, zero-conf channel, fee deducted with
bLIP-25 extra_fee), ends with exactly the amount less the promised fee, and pays from it."""

from __future__ import annotations

import asyncio

import pytest

from tests.support.wallet_under_test import WalletUnderTest
from wallet.keys.bip39 import generate_mnemonic
from wallet.ln.bolt11.invoice import decode_invoice
from wallet.ln.channel import states as st

pytestmark = pytest.mark.slow

AMOUNT_SAT = 50_000


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch):
    monkeypatch.setenv("KITE_INSECURE_FAST_KDF", "1")


async def test_first_payment_through_a_jit_channel(shared_world, tmp_path, monkeypatch):
    world = shared_world
    async with WalletUnderTest(world.chain, tmp_path / "user", generate_mnemonic(),
                               lsp_peer=world.tram_address) as user:
        node = user.svc.ln.node
        node.poll_interval = 0.2
        assert not node.channels
        info = await user.svc.handlers["lsp_info"]()
        assert 2 in info["protocols"] and info["offers"]
        reply = await user.svc.handlers["invoice"](amount_sat=AMOUNT_SAT, description="first")
        jit = reply["jit_channel"]
        fee = jit["opening_fee_msat"]
        offer = info["offers"][0]
        assert fee == max(offer["min_fee_msat"],
                          -(-AMOUNT_SAT * 1000 * offer["proportional_ppm"] // 1_000_000))
        assert jit["you_receive_msat"] == AMOUNT_SAT * 1000 - fee

        paid = await asyncio.to_thread(world.shop_pay, reply["invoice"], 60)
        assert paid["status"] == "paid"
        payment_hash = decode_invoice(reply["invoice"]).payment_hash
        await user.until(lambda: _paid(node, payment_hash), "the payment to be paid")
        row = node.payment_log.get(payment_hash)
        assert row.amount_msat == AMOUNT_SAT * 1000 - fee
        [ch] = node.channels.values()
        assert isinstance(ch.inner, st.Normal) and ch.peer_id.hex() == info["lsp"][:66]
        await user.until(lambda: _settled(ch), "the HTLC to settle in the channel")
        view = ch.state.commitments.local_commit.view
        assert view.to_local_msat == AMOUNT_SAT * 1000 - fee and not view.htlcs

        # it pays again from that channel, through Tram
        bill = (await asyncio.to_thread(world.shop.call, "invoice", amount_sat=10_000))["invoice"]
        out = await user.svc.handlers["pay"](invoice=bill, timeout=60)
        assert out["status"] == "paid"

        # the funding confirms: the channel gets its real scid
        await user.mine(1)
        await user.until(lambda: _confirmed(ch), "the JIT channel's scid")
        assert [r["status"] for r in node.list_payments() if r["direction"] == "in"] == ["paid"]

        # more than the channel can receive: a second JIT channel
        room = sum(c["receivable_msat"] or 0 for c in node.list_channels())
        second = await user.svc.handlers["invoice"](amount_sat=room // 1000 + 20_000,
                                                    description="second")
        assert second["jit_channel"]["opening_fee_msat"] > 0
        paid = await asyncio.to_thread(world.shop_pay, second["invoice"], 60)
        assert paid["status"] == "paid"
        await user.until(lambda: _count_normal(node, 2), "a second channel")


async def _paid(node, payment_hash) -> bool:
    row = node.payment_log.get(payment_hash)
    return row is not None and row.status == "paid"


async def _confirmed(ch) -> bool:
    return st.unwrap(ch.state).short_channel_id is not None


async def _settled(ch) -> bool:
    return not ch.state.commitments.local_commit.view.htlcs


async def _count_normal(node, n: int) -> bool:
    return sum(isinstance(c.inner, st.Normal) for c in node.channels.values()) == n
