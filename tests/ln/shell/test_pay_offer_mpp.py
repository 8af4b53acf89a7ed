"""Kite pays a BOLT 12 invoice in parts (basic_mpp) when none of its channels to the
introduction node of the invoice's blinded path can carry the whole amount: each part
crosses the path with the invoice's total, and the shop gathers them. Without basic_mpp in
the invoice the payment is refused before anything is sent. Real nodes, loopback."""

from __future__ import annotations

import pytest

from tests.ln.shell.test_pay_offer import CHAIN
from tests.support.nodes import channel, settled, start_nodes, stop_all
from wallet.ln.bolt12.invoice import build_invoice
from wallet.ln.bolt12.offer import Offer
from wallet.ln.features import Features
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
