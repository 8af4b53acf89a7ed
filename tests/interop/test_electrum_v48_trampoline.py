"""Trampoline payments between Kite and Electrum 4.8.1 (anchor channels) on the devnet world,
the scenarios of test_electrum_trampoline.py (Electrum 4.3.4) with the current Electrum:

(a) Kite's trampoline (Tram) relays for Electrum 4.8.1: E1 opens an anchor channel to Tram
    and pays Shop through it; a Kite wallet U (channel to Tram) pays E1's invoice through
    Tram, and E1 pays U's invoice through Tram.
(b) Electrum 4.8.1 is the trampoline: ET (`use_gossip`, `lightning_forward_payments`,
    `lightning_forward_trampoline_payments`) has anchor channels to Shop (a Kite daemon)
    and to another Electrum 4.8.1 wallet E2; U opens to ET and pays Shop and E2 through it.

Deviations of 4.8.1 met here (4.3.4's are in test_electrum_trampoline.py): see the test
docstrings. The world's server answers a fee estimate (5 sat/vB) while these run, as
for the other 4.8.1 tests (`ELECTRUM_4_8.server_fee_estimate`).

Needs the devnet (scripts/setup_devnet.sh) and Electrum 4.8.1 (scripts/setup_electrum48.sh).
"""

from __future__ import annotations

import asyncio
import contextlib
import shutil

import pytest

from tests.interop.electrum_node import ELECTRUM_4_8, interop_marks, until
from tests.interop.test_electrum_trampoline import (
    ELECTRUM_FUNDS,
    KITE_FUNDS,
    PR_PAID,
    PUSH,
    TRAMPOLINE_CONFIG,
    Scene,
    e,
    electrum_lnpay,
    tram_fee,
    tram_forwards,
)
from wallet.ln.bolt11.invoice import decode_invoice
from wallet.ln.htlc import payment_plan as plan

pytestmark = interop_marks(ELECTRUM_4_8)


@pytest.fixture
async def scene48(shared_world, tmp_path):
    s = Scene(shared_world, tmp_path)
    chain = shared_world.chain
    await asyncio.to_thread(chain.set_fee_estimate, ELECTRUM_4_8.server_fee_estimate)
    try:
        yield s
    finally:
        await s.close()
        await asyncio.to_thread(chain.set_fee_estimate, None)
        for node in s.electrums:  # kept with the test's files, for post-mortems
            with contextlib.suppress(OSError):
                shutil.copy(node.directory / "electrum.log",
                            tmp_path / f"{node.directory.name}.log")


def levels(amount_msat: int) -> list[int]:
    """The fees of Kite's trampoline fee levels for this amount (default budget)."""
    return [lv.fee_msat(amount_msat) for lv in
            plan.fee_levels(amount_msat, plan.default_max_fee_msat(amount_msat))]


async def test_kite_trampoline_relays_for_electrum48_both_ways(scene48):
    """Electrum 4.8.1 pays Shop through Tram; Kite pays E1 through Tram end to end (E1's
    invoice: a hint through Tram); E1 pays U through Tram. Tram's forwards record each
    with its fee.

    Deviation from 4.3.4: Electrum 4.8.1 no longer pays a trampoline by fixed levels
    (1,000 msat + 100 ppm first): its fee is a share of the payment's fee budget, doubling
    per level, starting at level 1 (`initial_trampoline_fee_level`), paid as a base fee:
    3,750 msat for 12,000 sat here, more than Tram's policy (2,200 msat), so Tram's first
    answer is yes; the test checks it is at least Tram's policy and that Tram kept exactly
    what came in above the amount it forwarded."""
    s = scene48
    world = s.world
    e1 = await s.start_electrum("e1", build=ELECTRUM_4_8)
    await s.start_user()
    await s.mine()
    await s.electrum_confirmed(e1, ELECTRUM_FUNDS)
    await s.user.balance_is(KITE_FUNDS)
    tram_id = bytes.fromhex(world.tram_node_id)
    point = await s.electrum_open(e1, tram_id, world.tram_host, world.tram_port, push_sat=PUSH)
    await s.user_opens(world.tram_address)
    await s.mine(3)
    await s.user_ready()
    await s.electrum_channel_open(e1, point)
    # (Electrum's list_channels does not say the type: Tram's side does)
    tram_side = [c for c in await asyncio.to_thread(world.tram.call, "channel_list")
                 if c["peer"] == e1.node_id.hex()]
    assert tram_side and all(c["channel_type"] == "anchors" for c in tram_side), tram_side

    # E1 pays Shop (Tram's channel peer) through Tram
    shop_invoice = await asyncio.to_thread(world.shop_invoice, 12_000, "from electrum 4.8")
    await electrum_lnpay(e1, shop_invoice)
    h = decode_invoice(shop_invoice).payment_hash
    shop_row = next(p for p in world.shop.call("payments") if p["payment_hash"] == h.hex())
    assert shop_row["status"] == "paid" and shop_row["amount_msat"] == 12_000_000
    [fwd] = [f for f in tram_forwards(world, h) if f["status"] == "settled"]
    assert fwd["kind"] == "trampoline" and fwd["fee_msat"] >= tram_fee(12_000_000), fwd
    assert fwd["amount_msat"] - fwd["fee_msat"] == 12_000_000, fwd

    # U pays E1's invoice through Tram
    before = s.user_balance_msat()
    request = await e(e1, "add_request", 20_000, "from kite")
    decoded = decode_invoice(request["lightning_invoice"])
    assert decoded.payee == e1.node_id
    paid = await s.user_pays(request["lightning_invoice"])
    assert paid["status"] == "paid" and paid["amount_msat"] == 20_000_000
    assert paid["fee_msat"] == tram_fee(20_000_000)
    await s.user_settled()
    assert before - s.user_balance_msat() == 20_000_000 + paid["fee_msat"]

    async def e1_paid():
        got = await e(e1, "call", "get_request", request_id=request["request_id"])
        return got["status"] == PR_PAID
    await until(e1_paid, "E1's request paid", 30, 0.5)
    settled = [f for f in tram_forwards(world, decoded.payment_hash)
               if f["status"] == "settled"]
    assert [(f["kind"], f["fee_msat"]) for f in settled] == [("trampoline", paid["fee_msat"])]

    # E1 pays U's invoice through Tram
    before = s.user_balance_msat()
    invoice = await s.user_invoice(15_000, "from electrum 4.8")
    result = await electrum_lnpay(e1, invoice)
    h = decode_invoice(invoice).payment_hash
    row = s.manager.payments.payment_log.get(h)
    assert row.status == "paid" and row.direction == "in" and row.amount_msat == 15_000_000
    assert bytes.fromhex(result["preimage"]) == row.preimage
    await s.user_settled()
    assert s.user_balance_msat() - before == 15_000_000
    [fwd] = [f for f in tram_forwards(world, h) if f["status"] == "settled"]
    assert fwd["kind"] == "trampoline" and fwd["fee_msat"] >= tram_fee(15_000_000), fwd
    assert fwd["amount_msat"] - fwd["fee_msat"] == 15_000_000, fwd


async def test_kite_pays_through_an_electrum48_trampoline(scene48):
    """ET, Electrum 4.8.1 forwarding trampoline payments, has anchor channels to Shop and to
    E2 (also 4.8.1); U's anchor channel to ET. U pays Shop and E2 with ET as trampoline,
    end to end, in one part each; U's balance moves by exactly the amount plus the fee.

    Deviation from 4.3.4: Electrum 4.8.1 (lnworker._maybe_forward_trampoline) asks its
    1,000 msat / 576-block minimum only when the next node is not its channel peer; to a
    peer it forwards for nothing, so Kite's first fee level (0 msat) pays."""
    s = scene48
    world = s.world
    et = await s.start_electrum("et", TRAMPOLINE_CONFIG, build=ELECTRUM_4_8)
    e2 = await s.start_electrum("e2", build=ELECTRUM_4_8)
    await s.start_user()
    await s.mine()
    for node in (et, e2):
        await s.electrum_confirmed(node, ELECTRUM_FUNDS)
    await s.user.balance_is(KITE_FUNDS)
    shop_id = bytes.fromhex(world.shop_node_id)
    to_shop = await s.electrum_open(et, shop_id, world.shop_host, world.shop_port)
    await s.mine()  # Electrum 4.8 opens one channel per peer and block; here: per block
    to_e2 = await s.electrum_open(et, e2.node_id, *e2.lightning_address)
    opened = await s.user_opens(f"{et.node_id.hex()}@127.0.0.1:{et.lightning_port}")
    assert opened["channel_type"] == "anchors"
    await s.mine(3)
    await s.user_ready()
    for point in (to_shop, to_e2):
        await s.electrum_channel_open(et, point)
    await s.electrum_channel_open(et, opened["funding_outpoint"])
    await s.electrum_channel_open(e2, to_e2)

    before = s.user_balance_msat()
    invoice = await asyncio.to_thread(world.shop_invoice, 25_000, "through electrum 4.8")
    paid = await s.user_pays(invoice)
    assert paid["status"] == "paid" and paid["amount_msat"] == 25_000_000
    assert paid["fee_msat"] == levels(25_000_000)[0] == 0, paid
    await s.user_settled()
    assert before - s.user_balance_msat() == 25_000_000 + paid["fee_msat"]
    h = decode_invoice(invoice).payment_hash
    parts = s.manager.payment_log.htlcs_for(h)
    shop_row = next(p for p in world.shop.call("payments") if p["payment_hash"] == h.hex())
    assert shop_row["status"] == "paid" and shop_row["amount_msat"] == 25_000_000
    assert [p.status for p in parts] == ["settled"]

    before = s.user_balance_msat()
    request = await e(e2, "add_request", 18_000, "through electrum 4.8")
    paid2 = await s.user_pays(request["lightning_invoice"])
    assert paid2["status"] == "paid" and paid2["amount_msat"] == 18_000_000
    assert paid2["fee_msat"] == 0, paid2
    await s.user_settled()
    assert before - s.user_balance_msat() == 18_000_000 + paid2["fee_msat"]

    async def e2_paid():
        got = await e(e2, "call", "get_request", request_id=request["request_id"])
        return got["status"] == PR_PAID
    await until(e2_paid, "E2's request paid", 30, 0.5)
