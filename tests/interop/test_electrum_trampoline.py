"""Trampoline payments between Kite and Electrum 4.3.4 on the devnet world.

(a) Kite's trampoline (Tram, a `kite daemon`) relays for Electrum: an Electrum wallet E1
    opens a channel to Tram; a Kite wallet U with a channel to Tram pays E1's invoice
    through Tram, and E1 pays U's invoice through Tram.
(b) Electrum is the trampoline: ET runs with `use_gossip`, `lightning_forward_payments` and
    `lightning_forward_trampoline_payments`; U opens a channel to ET; ET has channels to
    Shop (a Kite daemon) and to an Electrum wallet E2; U pays both through ET, end to end
    and in the legacy dialect.
(c) A payment too big for one channel to ET is not split (Electrum 4.3.4 would hold parts).
(d) Electrum climbs its fee levels on Tram's refusal and splits over two channels to Tram.

How Electrum 4.3.4 chooses trampolines on regtest (its hard-coded trampoline list is empty
there): without gossip, every payment goes to the channel peer as a trampoline (`lnworker.
create_routes_for_payment`), and channels are opened only to peers advertising a trampoline
bit (Tram advertises 149 and 151). An invoice without a trampoline bit is paid "legacy",
which first asks for a second trampoline from the hard-coded list: none on regtest, so such
invoices fail with "No path found" before any HTLC leaves. Invoices with bit 151 (Electrum's,
and Kite's) are paid end to end: Tram is named as the trampoline, the payee after it.

Electrum 4.3.4 as a trampoline (read in its lnpeer.maybe_forward_trampoline and
lnworker.pay_to_node; seen in its logs here):
* end to end, it refuses less than 1000 msat of fee or 576 blocks of CLTV delta
  (trampoline_fee_insufficient / trampoline_expiry_too_soon), whatever its own policy;
* it takes the trampoline payload's absolute `outgoing_cltv_value` as a delta: the next
  HTLC expires at about twice the height (at height 113, 376 where 263 was asked). Harmless
  at regtest heights; from height ~4000 its route sanity check (28 days) refuses every
  route, so on mainnet it would answer unknown_next_peer to every trampoline payment. The
  shared devnet passes that height in a full run (the force-close tests mine thousands of
  blocks): Kite then pays through the invoice's route hint via Electrum, which the test
  checks instead (`electrum434_refuses_to_forward`; this was the "flaky" full-run failure);
* legacy (66097 present), it checks no fee and no CLTV delta (relays for free) and ignores
  the routing info 66099 ("TODO use invoice_routing_info"): the payee must be its channel
  peer or in its gossip graph;
* it reads 66097 as a u64 (eclair: a bit vector); Kite writes 8 bytes, bits above 63 dropped.

Needs the devnet (scripts/setup_devnet.sh) and Electrum (scripts/setup_electrum.sh).
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import json
import shutil

import pytest

from tests.interop.electrum_node import (
    ELECTRUM_4_3,
    ElectrumBuild,
    ElectrumNode,
    interop_marks,
    until,
)
from tests.support.wallet_under_test import WalletUnderTest
from wallet.hashes import sha256
from wallet.keys.bip39 import generate_mnemonic
from wallet.ln.bolt11.invoice import decode_invoice
from wallet.ln.channel import states as st
from wallet.ln.htlc import payment_plan as plan
from wallet.ln.shell.payments import PaymentFailed

pytestmark = interop_marks()

ELECTRUM_FUNDS = 2_000_000
KITE_FUNDS = 1_000_000
CAPACITY = 400_000
PUSH = 100_000  # what an Electrum opener gives its peer, for payments towards it
PR_PAID = 3  # Electrum's request status "Paid"
#: what a forwarding Electrum needs in its config (besides the harness's keys)
TRAMPOLINE_CONFIG = {
    "use_gossip": True,
    "lightning_forward_payments": True,
    "lightning_forward_trampoline_payments": True,
}


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch):
    monkeypatch.setenv("KITE_INSECURE_FAST_KDF", "1")


class ConfiguredElectrum(ElectrumNode):
    """The harness's Electrum node with extra config keys (written before the daemon starts,
    as `electrum --offline setconfig KEY VALUE` would)."""

    def __init__(self, *args, config: dict | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.extra_config = dict(config or {})

    def _write_config(self) -> None:
        super()._write_config()
        path = self.directory / "regtest" / "config"
        config = json.loads(path.read_text())
        config.update(self.extra_config)
        path.write_text(json.dumps(config, indent=2))


async def e(node: ElectrumNode, method: str, *args, **kwargs):
    """An Electrum call off the event loop (Kite must keep answering meanwhile)."""
    return await asyncio.to_thread(getattr(node, method), *args, **kwargs)


class Scene:
    """The devnet world, a Kite user wallet U (in-process), and Electrum daemons."""

    def __init__(self, world, folder) -> None:
        self.world = world
        self.folder = folder
        self.user: WalletUnderTest | None = None
        self.electrums: list[ElectrumNode] = []

    @property
    def manager(self):
        return self.user.svc.ln.node

    async def height(self) -> int:
        return await asyncio.to_thread(self.world.chain.height)

    async def start_electrum(self, name: str, config: dict | None = None,
                             build: ElectrumBuild = ELECTRUM_4_3) -> ElectrumNode:
        node = ConfiguredElectrum(self.world.electrum_address, self.folder / name,
                                  config=config, keep_dir=True, build=build)
        await asyncio.to_thread(node.start, sync_height=await self.height())
        self.electrums.append(node)
        await asyncio.to_thread(self.world.chain.fund, await e(node, "address"), ELECTRUM_FUNDS)
        return node

    async def start_user(self) -> None:
        self.user = WalletUnderTest(self.world.chain, self.folder / "user", generate_mnemonic())
        await self.user.__aenter__()
        self.manager.poll_interval = 0.2
        address = (await self.user.svc.address())["address"]
        await asyncio.to_thread(self.world.chain.fund, address, KITE_FUNDS)

    async def mine(self, n: int = 1) -> None:
        """Mine; wait until U and every Electrum have the new tip."""
        await self.user.mine(n)
        height = await self.height()
        for node in self.electrums:
            await e(node, "wait_synced", height, 120)

    async def electrum_confirmed(self, node: ElectrumNode, sat: int) -> None:
        async def check():
            return (await e(node, "balance")).get("confirmed", 0) >= sat
        await until(check, f"Electrum's confirmed balance of {sat} sat", 60, 0.5)

    async def electrum_open(self, node: ElectrumNode, peer_id: bytes, host: str, port: int,
                            amount_sat: int = CAPACITY, push_sat: int = 0) -> str:
        return await e(node, "open_channel", peer_id, host, port, amount_sat, push_sat)

    async def electrum_channel_open(self, node: ElectrumNode, point: str) -> dict:
        def check():
            c = next((c for c in node.list_channels() if c["channel_point"] == point), None)
            return c if c and c["state"] == "OPEN" and c.get("peer_state") == "GOOD" else None
        try:
            return await until(lambda: asyncio.to_thread(check), "Electrum's channel OPEN",
                               90, 0.5)
        except AssertionError:
            raise AssertionError(f"{point} not OPEN at Electrum: {node.list_channels()}\n"
                                 f"{node.log_tail(60)}") from None

    async def user_opens(self, peer: str, amount_sat: int = CAPACITY) -> dict:
        return await self.user.svc.handlers["channel_open"](peer=peer, amount_sat=amount_sat)

    async def user_ready(self) -> None:
        for ch in self.manager.channels.values():
            await self.manager.wait_normal(ch, 90)

    async def user_settled(self) -> None:
        await until(lambda: all(type(ch.state) is st.Normal
                                and not ch.state.commitments.has_pending_changes
                                and not ch.state.commitments.local_commit.view.htlcs
                                for ch in self.manager.channels.values()), "U's channels settle")

    def user_balance_msat(self) -> int:
        return sum(ch.state.commitments.local_commit.view.to_local_msat
                   for ch in self.manager.channels.values())

    async def user_pays(self, invoice: str, **options) -> dict:
        return await self.user.svc.handlers["pay"](invoice=invoice, **options)

    async def user_invoice(self, amount_sat: int, description: str) -> str:
        made = await self.user.svc.handlers["invoice"](amount_sat=amount_sat,
                                                       description=description)
        return made["invoice"]

    async def close(self) -> None:
        if self.user is not None:
            await self.user.__aexit__(None, None, None)
        for node in self.electrums:
            await asyncio.to_thread(node.stop)


@pytest.fixture
async def scene(shared_world, tmp_path):
    s = Scene(shared_world, tmp_path)
    try:
        yield s
    finally:
        await s.close()
        for node in s.electrums:  # kept with the test's files, for post-mortems
            with contextlib.suppress(OSError):
                shutil.copy(node.directory / "electrum.log",
                            tmp_path / f"{node.directory.name}.log")


#: Electrum 4.3.4's route sanity limit (lnutil.NBLOCK_CLTV_EXPIRY_TOO_FAR_INTO_FUTURE, 28 days)
ELECTRUM_434_MAX_ROUTE_CLTV = 28 * 144


def electrum434_refuses_to_forward(invoice: str, tip: int) -> bool:
    """Whether Electrum 4.3.4, as trampoline, refuses every route to this invoice's payee at
    this height: it reads the trampoline payload's absolute outgoing_cltv_value (our tip +
    the invoice's final delta + 3) as a delta, and its route sanity check refuses a route
    whose delta passes 4,032 blocks (lnworker.create_route_for_payment: "rejecting insane
    route", NoPathFound, answered unknown_next_peer), end to end and legacy alike. A shared
    devnet passes that height in a full run (every force-close test mines 1,008 blocks or
    more): then Kite pays through the invoice's route hint instead."""
    return plan.final_cltv(decode_invoice(invoice), tip) > ELECTRUM_434_MAX_ROUTE_CLTV


def hint_fee(invoice: str, via: bytes) -> int:
    """The fee of the invoice's route hint that starts at `via` (the hop's own policy)."""
    decoded = decode_invoice(invoice)
    [hint] = [h for h in decoded.route_hints if h[0].pubkey == via]
    return plan.route_hint_fee_msat(hint, decoded.amount_msat)


def tram_fee(amount_msat: int) -> int:
    """Tram's default policy (and Electrum's first trampoline fee level)."""
    return 1_000 + amount_msat * 100 // 1_000_000


def tram_forwards(world, payment_hash: bytes) -> list[dict]:
    return [f for f in world.tram.call("forwards") if f["payment_hash"] == payment_hash.hex()]


async def electrum_lnpay(node: ElectrumNode, invoice: str) -> dict:
    result = await e(node, "lnpay", invoice, 90)
    assert result["success"], f"Electrum's lnpay failed: {result.get('log')}\n" \
                              f"{node.log_tail(80)}"
    return result


async def test_kite_trampoline_relays_for_electrum_both_ways(scene):
    s = scene
    world = s.world
    e1 = await s.start_electrum("e1")
    await s.start_user()
    await s.mine()
    await s.electrum_confirmed(e1, ELECTRUM_FUNDS)
    await s.user.balance_is(KITE_FUNDS)
    # E1 opens to Tram, pushing Tram a share (Electrum without gossip opens only to peers
    # advertising a trampoline bit; Tram advertises 149 and 151)
    tram_id = bytes.fromhex(world.tram_node_id)
    point = await s.electrum_open(e1, tram_id, world.tram_host, world.tram_port, push_sat=PUSH)
    await s.user_opens(world.tram_address)
    await s.mine(3)
    await s.user_ready()
    await s.electrum_channel_open(e1, point)

    # U pays E1's invoice through Tram (E1's invoice has bit 151 and a hint through Tram:
    # Kite names Tram as trampoline and E1 after it, end to end)
    before = s.user_balance_msat()
    request = await e(e1, "add_request", 20_000, "from kite")
    e_invoice = request["lightning_invoice"]
    decoded = decode_invoice(e_invoice)
    assert decoded.payee == e1.node_id and 151 in decoded.features
    assert [[hop.pubkey for hop in hint] for hint in decoded.route_hints] == [[tram_id]]
    paid = await s.user_pays(e_invoice)
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

    # E1 pays U's invoice: E1 names Tram as its trampoline, U after it (end to end)
    before = s.user_balance_msat()
    invoice = await s.user_invoice(15_000, "from electrum")
    assert 151 in decode_invoice(invoice).features  # else Electrum would need 2 trampolines
    result = await electrum_lnpay(e1, invoice)
    h = decode_invoice(invoice).payment_hash
    row = s.manager.payments.payment_log.get(h)
    assert row.status == "paid" and row.direction == "in" and row.amount_msat == 15_000_000
    assert bytes.fromhex(result["preimage"]) == row.preimage
    await s.user_settled()
    assert s.user_balance_msat() - before == 15_000_000
    # Electrum's first fee level (1000 msat + 100 ppm, 576 blocks) is Tram's policy
    settled = [f for f in tram_forwards(world, h) if f["status"] == "settled"]
    assert [(f["kind"], f["fee_msat"]) for f in settled] == [("trampoline", tram_fee(15_000_000))]

    # E1 pays Shop (Tram's channel peer) through Tram
    shop_invoice = await asyncio.to_thread(world.shop_invoice, 12_000, "from electrum")
    await electrum_lnpay(e1, shop_invoice)
    h = decode_invoice(shop_invoice).payment_hash
    shop_row = next(p for p in world.shop.call("payments") if p["payment_hash"] == h.hex())
    assert shop_row["status"] == "paid" and shop_row["amount_msat"] == 12_000_000
    settled = [f for f in tram_forwards(world, h) if f["status"] == "settled"]
    assert [(f["kind"], f["fee_msat"]) for f in settled] == [("trampoline", tram_fee(12_000_000))]


async def test_kite_pays_through_an_electrum_trampoline(scene):
    s = scene
    world = s.world
    et = await s.start_electrum("et", TRAMPOLINE_CONFIG)
    e2 = await s.start_electrum("e2")
    await s.start_user()
    await s.mine()
    for node in (et, e2):
        await s.electrum_confirmed(node, ELECTRUM_FUNDS)
    await s.user.balance_is(KITE_FUNDS)
    # ET opens to Shop (a Kite daemon) and to E2; U opens to ET
    shop_id = bytes.fromhex(world.shop_node_id)
    to_shop = await s.electrum_open(et, shop_id, world.shop_host, world.shop_port)
    to_e2 = await s.electrum_open(et, e2.node_id, *e2.lightning_address)
    opened = await s.user_opens(f"{et.node_id.hex()}@127.0.0.1:{et.lightning_port}")
    await s.mine(3)
    await s.user_ready()
    for point in (to_shop, to_e2):
        await s.electrum_channel_open(et, point)
    await s.electrum_channel_open(et, opened["funding_outpoint"])
    await s.electrum_channel_open(e2, to_e2)

    # U pays Shop's invoice with ET as trampoline, end to end (Shop's invoice has bit 151):
    # ET refuses Kite's first level (no fee: Electrum wants >= 1000 msat and 576 blocks),
    # takes the second; past Electrum 4.3.4's CLTV limit, it fails the second with
    # unknown_next_peer and Kite pays through the invoice's route hint via ET
    before = s.user_balance_msat()
    invoice = world.shop_invoice(25_000, "through electrum")
    refuses = electrum434_refuses_to_forward(invoice, await s.height())
    paid = await s.user_pays(invoice)
    assert paid["status"] == "paid" and paid["amount_msat"] == 25_000_000
    tries = [(p.status, p.amount_msat, p.failure)
             for p in s.manager.payment_log.htlcs_for(decode_invoice(invoice).payment_hash)]
    assert paid["fee_msat"] == (hint_fee(invoice, et.node_id) if refuses
                                else plan.FeeLevel(1_000, 100).fee_msat(25_000_000)), tries
    await s.user_settled()
    assert before - s.user_balance_msat() == 25_000_000 + paid["fee_msat"]
    h = decode_invoice(invoice).payment_hash
    # Kite read Electrum's refusal (an error packet from the trampoline, the outer onion's
    # last hop) before climbing
    parts = s.manager.payment_log.htlcs_for(h)
    assert [p.status for p in parts] == ["failed"] * (1 + refuses) + ["settled"]
    assert "trampoline_fee_insufficient" in parts[0].failure
    if refuses:
        assert "unknown_next_peer" in parts[1].failure
    shop_row = next(p for p in world.shop.call("payments") if p["payment_hash"] == h.hex())
    assert shop_row["status"] == "paid" and shop_row["amount_msat"] == 25_000_000

    # U pays E2's invoice with ET as trampoline, end to end
    before = s.user_balance_msat()
    request = await e(e2, "add_request", 18_000, "through electrum")
    text = request["lightning_invoice"]
    refuses = electrum434_refuses_to_forward(text, await s.height())
    paid = await s.user_pays(text)
    assert paid["status"] == "paid" and paid["amount_msat"] == 18_000_000
    assert paid["fee_msat"] == (hint_fee(text, et.node_id) if refuses
                                else plan.FeeLevel(1_000, 100).fee_msat(18_000_000))
    await s.user_settled()
    assert before - s.user_balance_msat() == 18_000_000 + paid["fee_msat"]

    async def e2_paid():
        got = await e(e2, "call", "get_request", request_id=request["request_id"])  # the latest request
        return got["status"] == PR_PAID
    await until(e2_paid, "E2's request paid", 30, 0.5)

    # The legacy dialect: recipients seen without a trampoline bit get the trampoline
    # invoice features (66097, a u64), routing info (66099) and the invoice's payment
    # secret; ET pays them with a plain onion (through its own channel: Electrum 4.3.4
    # ignores 66099). It checks no fee in this mode; Kite starts at the level that last
    # paid through ET (remembered per trampoline) and pays exactly that.
    shop_text = await asyncio.to_thread(world.shop_invoice, 11_000, "legacy")
    request = await e(e2, "add_request", 12_000, "legacy")
    if electrum434_refuses_to_forward(shop_text, await s.height()):
        for text in (shop_text, request["lightning_invoice"]):
            invoice = dataclasses.replace(decode_invoice(text), features=frozenset({8, 14, 17}))
            with pytest.raises(PaymentFailed, match="unknown_next_peer"):
                await s.manager.payments._send_trampoline(invoice, invoice.amount_msat, 100_000)
        return
    for text in (shop_text, request["lightning_invoice"]):
        invoice = dataclasses.replace(decode_invoice(text), features=frozenset({8, 14, 17}))
        assert not plan.supports_trampoline(invoice) and invoice.route_hints
        before = s.user_balance_msat()
        preimage, fee = await s.manager.payments._send_trampoline(
            invoice, invoice.amount_msat, 100_000)
        assert sha256(preimage) == invoice.payment_hash
        assert fee == plan.FeeLevel(1_000, 100).fee_msat(invoice.amount_msat)
        await s.user_settled()
        assert before - s.user_balance_msat() == invoice.amount_msat + fee
    h = decode_invoice(shop_text).payment_hash
    shop_row = next(p for p in world.shop.call("payments") if p["payment_hash"] == h.hex())
    assert shop_row["status"] == "paid" and shop_row["amount_msat"] == 11_000_000
    await until(e2_paid, "E2's request paid", 30, 0.5)


async def test_no_split_payment_through_an_electrum_trampoline(scene):
    """Electrum 4.3.4 checks a trampoline's fee per incoming part (part amount minus the
    whole amount to forward), so every part of a split payment looks underpaid; it fails
    only the first part (its failure is kept per payment hash and taken by the first) and
    holds the others until they expire (seen here before Kite stopped splitting: one part
    failed trampoline_fee_insufficient, the other still pending after 60 s). Kite does not
    split through a peer advertising only Electrum's trampoline bit: a payment that needs
    two channels to it fails at once, nothing sent; one that fits one channel goes through."""
    s = scene
    world = s.world
    et = await s.start_electrum("et", TRAMPOLINE_CONFIG)
    await s.start_user()
    await s.mine()
    await s.electrum_confirmed(et, ELECTRUM_FUNDS)
    await s.user.balance_is(KITE_FUNDS)
    shop_id = bytes.fromhex(world.shop_node_id)
    to_shop = await s.electrum_open(et, shop_id, world.shop_host, world.shop_port)
    et_address = f"{et.node_id.hex()}@127.0.0.1:{et.lightning_port}"
    for _ in range(2):
        await s.user_opens(et_address, 300_000)
    await s.mine(3)
    await s.user_ready()
    await s.electrum_channel_open(et, to_shop)

    before = s.user_balance_msat()
    invoice = world.shop_invoice(350_000, "too big for one channel")
    h = decode_invoice(invoice).payment_hash
    with pytest.raises(PaymentFailed, match="cannot send"):
        await s.user_pays(invoice)
    assert s.manager.payment_log.htlcs_for(h) == []
    await s.user_settled()
    assert s.user_balance_msat() == before

    paid = await s.user_pays(world.shop_invoice(200_000, "fits one channel"))
    assert paid["status"] == "paid" and paid["amount_msat"] == 200_000_000


async def test_electrum_climbs_fee_levels_and_splits_through_kite_trampoline(scene):
    """Tram asks more than Electrum's first fee levels: Electrum reads Tram's
    trampoline_fee_insufficient and climbs; the amount needs both of Electrum's channels to
    Tram: Tram gathers the parts (one trampoline onion, one outer secret) and pays Shop."""
    s = scene
    world = s.world
    e1 = await s.start_electrum("e1")
    await s.start_user()  # (only to follow the chain: U mines)
    await s.mine()
    await s.electrum_confirmed(e1, ELECTRUM_FUNDS)
    tram_id = bytes.fromhex(world.tram_node_id)
    points = [await s.electrum_open(e1, tram_id, world.tram_host, world.tram_port)
              for _ in range(2)]
    await s.mine(3)
    for point in points:
        await s.electrum_channel_open(e1, point)
    amount_sat = 500_000  # more than either channel (400 000 sat) can carry
    policy = await asyncio.to_thread(world.set_tram_fee, 3_000, 500)
    try:
        invoice = await asyncio.to_thread(world.shop_invoice, amount_sat, "two parts")
        await electrum_lnpay(e1, invoice)
    finally:
        await asyncio.to_thread(world.set_tram_fee, 1_000, 100)
    assert (policy["fee_base_msat"], policy["fee_proportional_millionths"]) == (3_000, 500)
    h = decode_invoice(invoice).payment_hash
    shop_row = next(p for p in world.shop.call("payments") if p["payment_hash"] == h.hex())
    assert shop_row["status"] == "paid" and shop_row["amount_msat"] == amount_sat * 1000
    forwards = tram_forwards(world, h)
    done = [f for f in forwards if f["status"] == "settled"]
    assert len(done) == 2 and len({f["channel"] for f in done}) == 2  # one part per channel
    # Electrum's levels: 1000 msat + 100 ppm and 3000 + 100 refused, 5000 + 500 paid
    paid_fee = sum(f["amount_msat"] for f in done) - amount_sat * 1000
    assert paid_fee == 5_000 + amount_sat * 1000 * 500 // 1_000_000
    refused = [f for f in forwards if f["status"] == "failed"]
    assert refused and all("fee" in f["why"] for f in refused)
