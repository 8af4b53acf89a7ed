"""Payments in the devnet world: a user's wallet (an in-process node) with two channels to
Tram pays Shop and is paid by Shop; Tram (a real `kite daemon --trampoline`) relays.

The payer pays through Tram as a trampoline (single part, MPP over both user channels, the
fee-level retry when Tram's fee rises) and falls back to Shop's route hint through Tram
(a plain relay) when the trampoline's fee is over budget. Expired and wrong-amount invoices
are refused by the payer itself; sent anyway through the payer's trampoline sender
(`Payments._send_trampoline`, which skips those checks), Shop's refusal comes back through
Tram.
"""

from __future__ import annotations

import asyncio
import contextlib
import time

import pytest

from tests.support.wallet_under_test import WalletUnderTest
from wallet.errors import KiteError
from wallet.hashes import sha256
from wallet.keys.bip39 import generate_mnemonic
from wallet.ln.bolt11.invoice import decode_invoice
from wallet.ln.channel import states as st
from wallet.ln.htlc import payment_plan as plan
from wallet.ln.shell.payments import PaymentFailed

pytestmark = pytest.mark.slow

CHANNEL_SAT = 300_000


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch):
    monkeypatch.setenv("KITE_INSECURE_FAST_KDF", "1")


@pytest.fixture(scope="module")
def world(shared_devnet, tmp_path_factory):
    from wallet.devnet.world import DevnetWorld

    with DevnetWorld(tmp_path_factory.mktemp("payments-world"), chain=shared_devnet) as w:
        yield w


async def until(check, what: str, timeout: float = 60.0):
    deadline = time.monotonic() + timeout
    while not (value := check()):
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.1)
    return value


@contextlib.asynccontextmanager
async def user_with_two_channels(world, folder):
    """A regtest wallet with two channels to Tram (opened by the user)."""
    async with WalletUnderTest(world.chain, folder, generate_mnemonic()) as user:
        manager = user.svc.ln.node
        manager.poll_interval = 0.2
        address = (await user.svc.address())["address"]
        for _ in range(2):
            await asyncio.to_thread(world.chain.fund, address, 1_000_000)
        await user.mine()
        await user.balance_is(2_000_000)
        for _ in range(2):
            await user.svc.handlers["channel_open"](peer=world.tram_address,
                                                    amount_sat=CHANNEL_SAT)
        await user.mine(3)
        channels = list(manager.channels.values())
        for ch in channels:
            await manager.wait_normal(ch, 60)
        yield user, manager, channels


def balances(channels) -> list[int]:
    return [ch.state.commitments.local_commit.view.to_local_msat for ch in channels]


async def settled(channels) -> None:
    await until(lambda: all(type(ch.state) is st.Normal
                            and not ch.state.commitments.has_pending_changes
                            and not ch.state.commitments.local_commit.view.htlcs
                            for ch in channels), "the channels to settle")


async def by_trampoline(manager, invoice_text: str, amount_msat: int | None = None,
                        max_fee_msat: int = 100_000) -> tuple[bytes, int]:
    """The payer's trampoline sender, chosen directly (see the module docstring)."""
    invoice = decode_invoice(invoice_text)
    amount = amount_msat or invoice.amount_msat
    return await manager.payments._send_trampoline(invoice, amount, max_fee_msat)


def tram_forwards(world, payment_hash: bytes) -> list[dict]:
    return [f for f in world.tram.call("forwards") if f["payment_hash"] == payment_hash.hex()]


async def pay(user, invoice: str, **options) -> dict:
    return await user.svc.handlers["pay"](invoice=invoice, **options)


async def test_user_pays_shop_and_shop_pays_user_through_tram(world, tmp_path):
    async with user_with_two_channels(world, tmp_path / "user") as (user, manager, channels):
        assert world.tram.call("lninfo")["forwarding"] == {
            "fee_base_msat": 1_000, "fee_proportional_millionths": 100, "cltv_expiry_delta": 144}
        # one part; Tram asks 1000 msat + 100 ppm: the payer's first (free) level is refused
        invoice = world.shop_invoice(20_000, "book")
        paid = await pay(user, invoice)
        assert paid["status"] == "paid" and paid["amount_msat"] == 20_000_000
        assert paid["fee_msat"] == plan.FeeLevel(1_000, 100).fee_msat(20_000_000)
        h = decode_invoice(invoice).payment_hash
        forwards = tram_forwards(world, h)
        assert [(f["kind"], f["status"]) for f in forwards] == [
            ("trampoline", "failed"), ("trampoline", "settled")]
        assert "fee" in forwards[0]["why"]
        assert forwards[1]["fee_msat"] == paid["fee_msat"]
        assert forwards[1]["amount_msat"] == 20_000_000 + paid["fee_msat"]

        # Shop pays the user's invoice: Tram finds the user (its route hint names Tram)
        mine = await user.svc.handlers["invoice"](amount_sat=7_000, description="refund")
        got = await asyncio.to_thread(world.shop_pay, mine["invoice"])
        assert got["status"] == "paid" and got["amount_msat"] == 7_000_000
        row = manager.payments.payment_log.get(decode_invoice(mine["invoice"]).payment_hash)
        assert row.status == "paid" and row.direction == "in"
        assert [f["status"] for f in tram_forwards(world, row.payment_hash)][-1] == "settled"
        await settled(channels)
        total = sum(balances(channels))
        assert total == 2 * CHANNEL_SAT * 1000 - 20_000_000 - paid["fee_msat"] + 7_000_000

        # more than either channel can send: parts on both, one payment at Shop
        room = [plan.sendable_msat(ch.state.commitments, manager.policy) for ch in channels]
        amount_sat = (max(room) + 50_000_000) // 1000
        assert amount_sat * 1000 < sum(room) - 200_000
        invoice = world.shop_invoice(amount_sat, "bike")
        before = balances(channels)
        paid = await pay(user, invoice)
        h = decode_invoice(invoice).payment_hash
        done = [f for f in tram_forwards(world, h) if f["status"] == "settled"]
        assert len(done) == 2 and len({f["channel"] for f in done}) == 2  # two incoming parts
        assert sum(f["amount_msat"] for f in done) == amount_sat * 1000 + paid["fee_msat"]
        await settled(channels)
        spent = [b - a for b, a in zip(before, balances(channels), strict=True)]
        assert all(s > 0 for s in spent) and sum(spent) == amount_sat * 1000 + paid["fee_msat"]


async def test_fee_levels_route_hint_fallback_and_refusals(world, tmp_path):
    async with user_with_two_channels(world, tmp_path / "user") as (user, manager, channels):
        # Tram raises its fee: the payer climbs the levels until one pays it
        policy = world.set_tram_fee(5_000, 500)
        assert (policy["fee_base_msat"], policy["fee_proportional_millionths"]) == (5_000, 500)
        try:
            invoice = world.shop_invoice(10_000, "raised")
            paid = await pay(user, invoice)
            assert paid["fee_msat"] == plan.FeeLevel(5_000, 500).fee_msat(10_000_000)
            statuses = [f["status"] for f in tram_forwards(world,
                                                           decode_invoice(invoice).payment_hash)]
            assert statuses == ["failed", "failed", "failed", "settled"]  # 0, 1k, 3k, 5k

            # a budget below Tram's trampoline fee: Shop's route hint through Tram, relayed
            # as a plain onion at Tram's channel fee (what the hint says)
            invoice = world.shop_invoice(10_000, "hint")
            paid = await pay(user, invoice, max_fee_sat=3)
            assert paid["fee_msat"] == 1_000 + 10_000_000 * 100 // 10**6
            kinds = [(f["kind"], f["status"]) for f in tram_forwards(
                world, decode_invoice(invoice).payment_hash)]
            assert kinds[-1] == ("channel", "settled")
            assert all(k == ("trampoline", "failed") for k in kinds[:-1])
            # below both: the reason names the trampoline's refusal
            with pytest.raises(PaymentFailed, match="trampoline_fee_insufficient"):
                await pay(user, world.shop_invoice(10_000, "cheap"), max_fee_sat=1)
        finally:
            world.set_tram_fee(1_000, 100)

        # an expired invoice, a wrong amount: the payer refuses before sending anything
        expiring = world.shop.call("invoice", amount_sat=10_000, description="soon",
                                   expiry=1)["invoice"]
        await asyncio.sleep(1.5)
        with pytest.raises(KiteError, match="expired"):
            await pay(user, expiring)
        with pytest.raises(KiteError, match="own amount"):
            await pay(user, world.shop_invoice(10_000, "exact"), amount_sat=9_000)
        # sent anyway (the payer's trampoline sender, without those checks): Shop refuses
        # and Tram relays its answer, which the payer reads as the recipient's
        with pytest.raises(PaymentFailed, match="incorrect_or_unknown_payment_details"):
            await by_trampoline(manager, expiring)
        with pytest.raises(PaymentFailed, match="incorrect_or_unknown_payment_details"):
            await by_trampoline(manager, world.shop_invoice(10_000, "exact"),
                                amount_msat=9_000_000)
        await settled(channels)


async def test_tram_killed_mid_stream_loses_no_payment(world, tmp_path):
    """kill -9 of Tram with payments in flight both ways of it, then a restart: every
    payment Shop was paid for is paid for the user too (Tram claimed each preimage it had
    learned, or learns it again from Shop), every other one failed; the channels agree."""
    async with user_with_two_channels(world, tmp_path / "user") as (user, manager, channels):
        invoices = [world.shop_invoice(5_000 + i, f"stream {i}") for i in range(8)]
        tasks = [asyncio.ensure_future(pay(user, inv, timeout=150)) for inv in invoices]
        await asyncio.sleep(0.3)
        await asyncio.to_thread(world.tram.kill)
        await asyncio.sleep(0.5)
        await asyncio.to_thread(world.tram.start)
        results = await asyncio.gather(*tasks, return_exceptions=True)
        shop_paid = {p["payment_hash"] for p in world.shop.call("payments")
                     if p["status"] == "paid"}
        spent = 0
        for inv, result in zip(invoices, results, strict=True):
            h = decode_invoice(inv).payment_hash.hex()
            if isinstance(result, dict):  # the user holds a proof of payment: Shop was paid
                assert sha256(bytes.fromhex(result["preimage"])).hex() == h, result
            if h in shop_paid:
                assert isinstance(result, dict) and result["status"] == "paid", result
                spent += result["amount_msat"] + result["fee_msat"]
            else:
                assert isinstance(result, PaymentFailed), result
        assert shop_paid  # something went through
        await settled(channels)
        assert sum(balances(channels)) == 2 * CHANNEL_SAT * 1000 - spent
        # Tram answers again and relays: a payment after the restart
        paid = await pay(user, world.shop_invoice(3_000, "after"))
        assert paid["status"] == "paid"
