"""Kite pays a BOLT 12 invoice in parts (basic_mpp) when none of its channels to the
introduction node of the invoice's blinded path can carry the whole amount: each part
crosses the path with the invoice's total, and the shop gathers them. Without basic_mpp in
the invoice the payment is refused before anything is sent. Real nodes, loopback."""

from __future__ import annotations

import os

import pytest

from tests.ln.shell.test_pay_offer import CHAIN
from tests.support.nodes import channel, settled, start_nodes, stop_all
from wallet.daemon.offer_service import OfferService
from wallet.ln.bolt12.invoice import build_invoice
from wallet.ln.bolt12.invoice_request import build_invoice_request
from wallet.ln.bolt12.offer import Offer, decode_offer
from wallet.ln.features import Features
from wallet.ln.htlc.relay_policy import RelayPolicy
from wallet.ln.shell.forwarder import TrampolineForwarder
from wallet.ln.shell.offer_exchange import OfferIssuer
from wallet.ln.shell.payments import PaymentFailed
from wallet.ln.store.channel_store import PAID, PENDING

FUNDING_SAT = 50_000  # each channel: neither carries the offer's 70,000 sat
PRICE_MSAT = 70_000_000


def open_shop(shop, user) -> Offer:
    async def make_invoice(offer, request, amount):
        return shop.payments.create_offer_invoice(request, amount)

    issuer = OfferIssuer(shop.onion_messages, CHAIN, make_invoice)
    shop.onion_messages.on_receive = issuer.on_receive
    path, path_id = shop.onion_messages.reply_path(via=user.node_id)
    offer = Offer.build(description="a coat", amount=PRICE_MSAT, issuer_id=shop.node_id,
                        paths=(path,), chains=(CHAIN,))
    issuer.add(offer, frozenset({path_id}))
    return offer


@pytest.fixture
async def two_channels(tmp_path):
    chain, _, (user, shop) = await start_nodes(tmp_path, "user", "shop")
    channels = [await channel(chain, user, shop, FUNDING_SAT) for _ in range(2)]
    yield chain, user, shop, channels
    await stop_all(user, shop)


async def test_offer_paid_in_parts_over_two_channels(two_channels):
    chain, user, shop, channels = two_channels
    offer = open_shop(shop, user)
    result = await user.pay_offer(offer, via=shop.node_id, quantity=None)
    assert result["status"] == PAID and result["amount_msat"] == PRICE_MSAT
    assert result["fee_msat"] == 0  # a one-hop path to the shop itself: no fee
    row = shop.payment_log.get(bytes.fromhex(result["payment_hash"]))
    assert row.status == PAID and row.amount_msat == PRICE_MSAT
    # both channels carried a part: together they moved the whole amount to the shop
    await settled(*(c for pair in channels for c in pair))
    moved = [user.channels[cha.key_index].state.commitments.local_commit.view.to_remote_msat
             for cha, _ in channels]
    assert all(m > 0 for m in moved) and sum(moved) == PRICE_MSAT


async def test_no_split_without_basic_mpp_in_the_invoice(two_channels, monkeypatch):
    chain, user, shop, channels = two_channels

    def without_mpp(*args, **kwargs):
        return build_invoice(*args, **{**kwargs, "features": Features()})

    monkeypatch.setattr("wallet.ln.shell.payments.build_invoice", without_mpp)
    offer = open_shop(shop, user)
    with pytest.raises(PaymentFailed, match="cannot send"):
        await user.pay_offer(offer, via=shop.node_id, quantity=None)
    rows = shop.payment_log.list(direction="in")
    assert rows and all(r.status == PENDING for r in rows)


async def test_parts_over_a_two_hop_path_each_pay_the_relay(tmp_path):
    """The invoice's path starts at Tram (a Kite forwarder relaying into the blinded route),
    the user's two channels to Tram each too small: two parts, each paying Tram's fee on its
    own amount; the shop, past the introduction point, gathers them on the total."""
    chain, _, (user, tram, shop) = await start_nodes(tmp_path, "user", "tram", "shop")
    try:
        forwarder = TrampolineForwarder(tram, RelayPolicy(1_000, 100, 144)).install()
        for _ in range(2):
            await channel(chain, user, tram, FUNDING_SAT)
        await channel(chain, tram, shop, 3 * FUNDING_SAT)
        offer = Offer.build(description="a coat", amount=PRICE_MSAT, issuer_id=shop.node_id,
                            chains=(CHAIN,))
        request = build_invoice_request(offer, os.urandom(32), os.urandom(16), chain=CHAIN)
        invoice = shop.payments.create_offer_invoice(request, PRICE_MSAT, via=tram.node_id)
        [(path, payinfo)] = invoice.usable_paths()
        assert path.first_node_id == tram.node_id
        result = await user.payments.pay_bolt12(invoice, timeout=20)
        assert result["status"] == PAID, result
        fwds = forwarder.forwards()
        assert len(fwds) == 2 and all(f["status"] == "settled" for f in fwds)
        # what the user paid: the price and, per part, the path's fee on that part's amount
        # (one base fee per part), as the user's log says
        assert sum(f["amount_msat"] for f in fwds) == PRICE_MSAT + result["fee_msat"]
        assert all(f["fee_msat"] >= payinfo.fee_base_msat for f in fwds)
        # the shop got what Tram forwarded: the price, plus at most 1 msat a part that the
        # relay's rounding up of amt_to_forward (BOLT 4 payment_relay) leaves it
        row = shop.payment_log.get(invoice.payment_hash)
        delivered = sum(f["amount_msat"] - f["fee_msat"] for f in fwds)
        assert row.status == PAID and row.amount_msat == delivered
        assert PRICE_MSAT <= delivered <= PRICE_MSAT + len(fwds)
    finally:
        await stop_all(user, tram, shop)


async def test_parts_to_the_trampoline_which_pays_the_path(tmp_path):
    """The path starts at the shop, not a peer of the user's: through Tram (trampoline to a
    blinded path). Neither of the user's channels to Tram carries the amount with Tram's
    fee: two parts to Tram under one outer secret and total, which Tram gathers before it
    pays the shop's path."""
    chain, _, (user, tram, shop) = await start_nodes(tmp_path, "user", "tram", "shop")
    try:
        forwarder = TrampolineForwarder(tram, RelayPolicy(1_000, 100, 144)).install()
        for _ in range(2):
            await channel(chain, user, tram, FUNDING_SAT)
        await channel(chain, tram, shop, 3 * FUNDING_SAT)
        offer = Offer.build(description="a coat", amount=PRICE_MSAT, issuer_id=shop.node_id,
                            chains=(CHAIN,))
        request = build_invoice_request(offer, os.urandom(32), os.urandom(16), chain=CHAIN)
        invoice = shop.payments.create_offer_invoice(request, PRICE_MSAT)
        [(path, _)] = invoice.usable_paths()
        assert path.first_node_id == shop.node_id
        result = await user.payments.pay_bolt12(invoice, timeout=20)
        assert result["status"] == PAID, result
        assert shop.payment_log.get(invoice.payment_hash).status == PAID
        # one row per incoming part; the first fee level (free) was refused, in two parts too
        settled_parts = [f for f in forwarder.forwards() if f["status"] == "settled"]
        assert len(settled_parts) == 2 and len({f["channel"] for f in settled_parts}) == 2
        assert all(f["kind"] == "trampoline" for f in settled_parts)
        assert sum(f["amount_msat"] for f in settled_parts) == PRICE_MSAT + result["fee_msat"]
        assert result["fee_msat"] > 0
    finally:
        await stop_all(user, tram, shop)


async def test_the_trampoline_splits_its_leg_into_the_blinded_path(tmp_path):
    """Tram's two channels to the shop are each too small: the invoice's features (given to
    Tram in the trampoline payload, record 21) allow basic_mpp, so Tram pays the shop's path
    in two parts, which the shop gathers on the total."""
    chain, _, (user, tram, shop) = await start_nodes(tmp_path, "user", "tram", "shop")
    try:
        forwarder = TrampolineForwarder(tram, RelayPolicy(1_000, 100, 144)).install()
        await channel(chain, user, tram, 3 * FUNDING_SAT)
        for _ in range(2):
            await channel(chain, tram, shop, FUNDING_SAT)
        offer = Offer.build(description="a coat", amount=PRICE_MSAT, issuer_id=shop.node_id,
                            chains=(CHAIN,))
        request = build_invoice_request(offer, os.urandom(32), os.urandom(16), chain=CHAIN)
        invoice = shop.payments.create_offer_invoice(request, PRICE_MSAT)
        result = await user.payments.pay_bolt12(invoice, timeout=20)
        assert result["status"] == PAID, result
        row = shop.payment_log.get(invoice.payment_hash)
        assert row.status == PAID and row.amount_msat == PRICE_MSAT
        [fwd] = [f for f in forwarder.forwards() if f["status"] == "settled"]
        assert fwd["fee_msat"] == result["fee_msat"]  # (a one-hop path: no path fee)
        # the shop's two channels from Tram each received a part
        await settled(*shop.channels.values())
        got = [ch.state.commitments.local_commit.view.to_local_msat
               for ch in shop.channels.values()]
        assert len(got) == 2 and all(g > 0 for g in got) and sum(got) == PRICE_MSAT
    finally:
        await stop_all(user, tram, shop)


async def test_parts_over_two_paths_from_two_peers(tmp_path):
    """The shop's invoice has two paths: one starting at the shop, one at Tram. The user's
    channel to each is too small: one part crosses each path, each with the invoice's total
    and the secret both paths carry, and the shop gathers them."""
    chain, _, (user, tram, shop) = await start_nodes(tmp_path, "user", "tram", "shop")
    try:
        forwarder = TrampolineForwarder(tram, RelayPolicy(1_000, 100, 144)).install()
        await channel(chain, user, shop, FUNDING_SAT)
        await channel(chain, user, tram, FUNDING_SAT)
        await channel(chain, tram, shop, 3 * FUNDING_SAT)
        offer = Offer.build(description="a coat", amount=PRICE_MSAT, issuer_id=shop.node_id,
                            chains=(CHAIN,))
        request = build_invoice_request(offer, os.urandom(32), os.urandom(16), chain=CHAIN)
        invoice = shop.payments.create_offer_invoice(request, PRICE_MSAT,
                                                     paths_via=(None, tram.node_id))
        intros = [path.first_node_id for path, _ in invoice.usable_paths()]
        assert intros == [shop.node_id, tram.node_id]
        result = await user.payments.pay_bolt12(invoice, timeout=20)
        assert result["status"] == PAID, result
        row = shop.payment_log.get(invoice.payment_hash)
        assert row.status == PAID and PRICE_MSAT <= row.amount_msat <= PRICE_MSAT + 1
        [relayed] = [f for f in forwarder.forwards() if f["status"] == "settled"]
        assert relayed["kind"] == "blinded"  # Tram carried the other part into the path
        assert result["fee_msat"] == relayed["fee_msat"] + (row.amount_msat - PRICE_MSAT)
    finally:
        await stop_all(user, tram, shop)


async def test_whole_over_the_path_our_roomiest_channel_reaches(tmp_path, monkeypatch):
    """No basic_mpp, two paths: the first starts at the shop, whose channel from the user is
    too small; the second at Tram, whose channel carries it all: paid whole over Tram's."""
    chain, _, (user, tram, shop) = await start_nodes(tmp_path, "user", "tram", "shop")

    def without_mpp(*args, **kwargs):
        return build_invoice(*args, **{**kwargs, "features": Features()})

    monkeypatch.setattr("wallet.ln.shell.payments.build_invoice", without_mpp)
    try:
        forwarder = TrampolineForwarder(tram, RelayPolicy(1_000, 100, 144)).install()
        await channel(chain, user, shop, FUNDING_SAT)
        await channel(chain, user, tram, 3 * FUNDING_SAT)
        await channel(chain, tram, shop, 3 * FUNDING_SAT)
        offer = Offer.build(description="a coat", amount=PRICE_MSAT, issuer_id=shop.node_id,
                            chains=(CHAIN,))
        request = build_invoice_request(offer, os.urandom(32), os.urandom(16), chain=CHAIN)
        invoice = shop.payments.create_offer_invoice(request, PRICE_MSAT,
                                                     paths_via=(None, tram.node_id))
        assert invoice.usable_paths()[0][0].first_node_id == shop.node_id
        result = await user.payments.pay_bolt12(invoice, timeout=20)
        assert result["status"] == PAID, result
        [relayed] = [f for f in forwarder.forwards() if f["status"] == "settled"]
        assert relayed["amount_msat"] == PRICE_MSAT + result["fee_msat"]  # whole, one part
    finally:
        await stop_all(user, tram, shop)


async def test_daemon_invoices_name_every_relaying_trampoline_peer(tmp_path):
    """The shop (daemon's OfferService) has two trampoline peers relaying blinded routes:
    its invoices carry a path through each, and the user, whose channel to each is too
    small, pays in two parts, one over each path; each Tram relays its part."""
    chain, _, (user, tram1, tram2, shop) = await start_nodes(tmp_path, "user", "tram1",
                                                             "tram2", "shop")
    try:
        forwarders = [TrampolineForwarder(t, RelayPolicy(1_000, 100, 144)).install()
                      for t in (tram1, tram2)]
        for tram in (tram1, tram2):
            await channel(chain, user, tram, FUNDING_SAT)
            await channel(chain, tram, shop, 3 * FUNDING_SAT)
        service = OfferService(shop, shop.store.db)
        assert set(service.relay_peers()) == {tram1.node_id, tram2.node_id}
        made: list = []

        async def recording(offer, request, amount):
            made.append(await OfferService._make_invoice(service, offer, request, amount))
            return made[-1]

        service.issuer.make_invoice = recording
        created = await service.offer_create(amount_sat=PRICE_MSAT // 1000, description="a coat")
        result = await user.pay_offer(decode_offer(created["offer"]), via=tram1.node_id)
        assert result["status"] == PAID, result
        intros = {path.first_node_id for path, _ in made[-1].usable_paths()}
        assert intros == {tram1.node_id, tram2.node_id}
        for forwarder in forwarders:
            [part] = [f for f in forwarder.forwards() if f["status"] == "settled"]
            assert part["kind"] == "blinded"
    finally:
        await stop_all(user, tram1, tram2, shop)
