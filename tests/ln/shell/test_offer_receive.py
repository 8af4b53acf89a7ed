"""Kite receives a BOLT 12 payment: a payer fetches an invoice for our offer over onion
messages and pays it over the invoice's blinded path (one hop: us). The payer's HTLCs are
built by hand, as a modified wallet would; every lie is refused and nothing is paid."""

from __future__ import annotations

import asyncio
import os

import pytest

from tests.ln.shell.test_onion_messages import connect
from tests.support.nodes import channel, settled, start_nodes, stop_all
from wallet.ln.bolt11.invoice import decode_invoice
from wallet.ln.bolt12.message import chain_hash
from wallet.ln.bolt12.offer import Offer
from wallet.ln.htlc.contract import OutgoingFailed, OutgoingSettled
from wallet.ln.onion.blinded_path import BlindedPayInfo
from wallet.ln.onion.blinded_payment import amount_at_introduction, blinded_payment_hops
from wallet.ln.onion.failures import FailureCode
from wallet.ln.onion.route_blinding import RecipientData, build_blinded_path
from wallet.ln.onion.sphinx import HopPayload, build_onion
from wallet.ln.shell.offer_exchange import OfferClient, OfferIssuer
from wallet.ln.store.channel_store import PAID, PENDING
from wallet.networks import REGTEST

CHAIN = chain_hash(REGTEST.genesis_hash)
AMOUNT = 40_000


@pytest.fixture
async def shop(tmp_path):
    chain, _, (a, s) = await start_nodes(tmp_path, "payer", "shop")
    cha, chs = await channel(chain, a, s)
    if not a.manager.live_peer(s.node_id):
        await connect(a, s)

    async def make_invoice(offer, request, amount):
        return s.payments.create_offer_invoice(request, amount)

    issuer = OfferIssuer(s.onion_messages, CHAIN, make_invoice)
    s.onion_messages.on_receive = issuer.on_receive
    offer = Offer.build(description="tea", amount=AMOUNT, issuer_id=s.node_id, chains=(CHAIN,))
    issuer.add(offer)
    yield chain, a, s, cha, chs, offer
    await stop_all(a, s)


async def send(a, cha, chain, path, payinfo, payment_hash, *, amount=AMOUNT, htlc_short=0,
               payload_edit=None):
    """One HTLC over `path` (built by hand); its outcome."""
    cltv = chain.tip_height + 40
    node_ids, payloads = blinded_payment_hops(path, amount, cltv)
    if payload_edit is not None:
        payloads = payload_edit(payloads)
    htlc_msat, htlc_cltv = amount_at_introduction(payinfo, amount, cltv)
    built = build_onion(node_ids, [p.encode() for p in payloads], os.urandom(32), payment_hash)
    sent = await a.switch.send_htlc(cha, htlc_msat - htlc_short, payment_hash, htlc_cltv,
                                    built.packet, shared_secrets=built.shared_secrets)
    return await asyncio.wait_for(sent.outcome, 10)


async def fetched(a, s, offer):
    got = await OfferClient(a.onion_messages, CHAIN).fetch_invoice(offer, via=s.node_id,
                                                                   quantity=None)
    [(path, payinfo)] = got.invoice.usable_paths()
    return got.invoice, path, payinfo


async def test_offer_paid_over_its_blinded_path(shop):
    chain, a, s, cha, chs, offer = shop
    invoice, path, payinfo = await fetched(a, s, offer)
    assert invoice.amount == AMOUNT and invoice.node_id == s.node_id
    assert s.payment_log.get(invoice.payment_hash).status == PENDING
    outcome = await send(a, cha, chain, path, payinfo, invoice.payment_hash)
    assert isinstance(outcome, OutgoingSettled)
    row = s.payment_log.get(invoice.payment_hash)
    assert row.status == PAID and row.amount_msat == AMOUNT
    assert row.invoice.startswith("lni1")


def _forged_path(s, path_id: bytes):
    return build_blinded_path(os.urandom(32), [s.node_id], [RecipientData(path_id=path_id)])


@pytest.mark.parametrize("lie", ["forged path_id", "short HTLC", "short amount",
                                 "extra payload field", "plain payload with the secret"])
async def test_lying_payers_pay_nothing(shop, lie):
    chain, a, s, cha, chs, offer = shop
    invoice, path, payinfo = await fetched(a, s, offer)
    kwargs = {}
    if lie == "forged path_id":
        path = _forged_path(s, os.urandom(32))
    elif lie == "short HTLC":
        kwargs["htlc_short"] = 1
    elif lie == "short amount":
        kwargs["amount"] = AMOUNT - 1
    elif lie == "extra payload field":
        kwargs["payload_edit"] = lambda ps: [HopPayload(**{**p.__dict__, "extra": {99: b"x"}})
                                             for p in ps]
    if lie == "plain payload with the secret":
        secret = s.payment_log.get(invoice.payment_hash).payment_secret  # stolen, somehow
        cltv = chain.tip_height + 40
        payload = HopPayload.final(AMOUNT, cltv, payment_secret=secret, total_msat=AMOUNT)
        built = build_onion([s.node_id], [payload.encode()], os.urandom(32),
                            invoice.payment_hash)
        sent = await a.switch.send_htlc(cha, AMOUNT, invoice.payment_hash, cltv, built.packet,
                                        shared_secrets=built.shared_secrets)
        outcome = await asyncio.wait_for(sent.outcome, 10)
    else:
        s.payments.mpp_timeout = 0.5
        outcome = await send(a, cha, chain, path, payinfo, invoice.payment_hash, **kwargs)
    assert isinstance(outcome, OutgoingFailed), lie
    assert s.payment_log.get(invoice.payment_hash).status == PENDING
    await settled(cha, chs)
    # the honest payment (of a new invoice for the offer) still goes through
    invoice2, path2, payinfo2 = await fetched(a, s, offer)
    assert isinstance(await send(a, cha, chain, path2, payinfo2, invoice2.payment_hash),
                      OutgoingSettled)


async def test_bolt11_invoice_is_not_paid_over_a_blinded_path(shop):
    chain, a, s, cha, chs, offer = shop
    inv = decode_invoice(s.create_invoice(AMOUNT, "plain"))
    path = _forged_path(s, inv.payment_secret)  # the public secret as a path_id
    outcome = await send(a, cha, chain, path, BlindedPayInfo(0, 0, 18, 1, 10**9),
                         inv.payment_hash)
    assert isinstance(outcome, OutgoingFailed)
    assert outcome.code == FailureCode.INCORRECT_OR_UNKNOWN_PAYMENT_DETAILS
    assert s.payment_log.get(inv.payment_hash).status == PENDING
