"""Buying inbound capacity in advance from the devnet's Tram (LSPS1, bLIP-51): a fresh wallet
gets its first coins through a JIT channel, buys a 200,000 sat channel from Tram, pays the
order's hold invoice over Lightning, gets the channel (a normal one: usable once confirmed),
then receives a payment from Shop larger than anything its first channel could take."""

from __future__ import annotations

import asyncio
import time

import pytest

from tests.support.wallet_under_test import WalletUnderTest
from wallet.keys.bip39 import generate_mnemonic
from wallet.ln.bolt11.invoice import decode_invoice
from wallet.ln.channel import states as st

pytestmark = pytest.mark.slow

FIRST_SAT = 50_000
INBOUND_SAT = 200_000
FEE_SAT = 1_000 + INBOUND_SAT // 100  # Tram's default LSPS1 price: 1,000 sat + 1%
INCOME_SAT = 150_000


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch):
    monkeypatch.setenv("KITE_INSECURE_FAST_KDF", "1")


async def test_buy_inbound_capacity_from_tram_and_receive_over_it(shared_world, tmp_path):
    world = shared_world
    async with WalletUnderTest(world.chain, tmp_path / "user", generate_mnemonic(),
                               lsp_peer=world.tram_address) as user:
        node = user.svc.ln.node
        node.poll_interval = 0.2
        h = user.svc.handlers
        # coins to pay the fee with: the first payment, through a JIT channel
        first = await h["invoice"](amount_sat=FIRST_SAT, description="first")
        assert (await asyncio.to_thread(world.shop_pay, first["invoice"], 60))["status"] == "paid"
        first_hash = decode_invoice(first["invoice"]).payment_hash
        await user.until(lambda: _paid(node, first_hash), "the first payment")
        [jit_channel] = node.channels.values()

        info = await h["lsp_info"]()
        assert 1 in info["protocols"] and 2 in info["protocols"]
        t0 = time.monotonic()
        order = await h["lsp_buy"](amount_sat=INBOUND_SAT, max_fee_sat=FEE_SAT)
        t_order = time.monotonic() - t0
        assert order["state"] == "CREATED" and order["payment_state"] == "EXPECT_PAYMENT"
        assert order["fee_sat"] == FEE_SAT and order["total_sat"] == FEE_SAT
        invoice = decode_invoice(order["invoice"])
        assert invoice.payee.hex() == info["lsp"][:66]
        assert invoice.amount_msat == FEE_SAT * 1000

        t0 = time.monotonic()
        done = await h["lsp_order_pay"](order_id=order["order_id"], wait=60)
        t_paid = time.monotonic() - t0
        assert done["payment"]["status"] == "paid"
        assert done["state"] == "COMPLETED" and done["payment_state"] == "PAID"
        assert done["delivered"] is True and "warning" not in done
        txid, index = done["channel"]["funding_outpoint"].split(":")
        [bought] = [c for c in node.channels.values() if c is not jit_channel]
        params = bought.inner.commitments.params
        assert (params.funding_txid[::-1].hex(), params.funding_output_index) == (txid, int(index))
        assert params.funding_sat == INBOUND_SAT and not params.is_opener
        assert not isinstance(bought.inner, st.Normal)  # not zero-conf: waits for confirmations
        again = await h["lsp_order"](order_id=order["order_id"])
        assert again["state"] == "COMPLETED" and again["channel"] == done["channel"]

        t0 = time.monotonic()
        for _ in range(6):
            await user.mine(1)
            if isinstance(bought.inner, st.Normal):
                break
        await user.until(lambda: _normal(bought), "the bought channel to be usable")
        t_normal = time.monotonic() - t0

        # the bought capacity receives what the first channel could not
        room_before = sum(c["receivable_msat"] or 0 for c in node.list_channels())
        assert room_before >= INCOME_SAT * 1000
        income = await h["invoice"](amount_sat=INCOME_SAT, description="income")
        assert "jit_channel" not in income and "warning" not in income
        paid = await asyncio.to_thread(world.shop_pay, income["invoice"], 60)
        assert paid["status"] == "paid"
        income_hash = decode_invoice(income["invoice"]).payment_hash
        await user.until(lambda: _paid(node, income_hash), "the income to be paid")
        await user.until(lambda: _holds_some(bought), "the bought channel to hold funds")
        print(f"\nLSPS1 on devnet: order {t_order:.2f} s, pay to COMPLETED {t_paid:.2f} s, "
              f"mine to usable {t_normal:.2f} s")


async def _paid(node, payment_hash) -> bool:
    row = node.payment_log.get(payment_hash)
    return row is not None and row.status == "paid"


async def _normal(ch) -> bool:
    return isinstance(ch.inner, st.Normal)


async def _holds_some(ch) -> bool:
    view = ch.state.commitments.local_commit.view
    return view.to_local_msat > 0 and not view.htlcs
