"""The BOLT 12 exchange between real nodes: payer A -> relay T -> issuer S and back along the
reply path; an issuer that refuses, lies or stays silent; offers that cannot be asked."""

from __future__ import annotations

import asyncio
import hashlib
import time

import pytest

from tests.ln.shell.test_onion_messages import connect
from tests.support.nodes import start_nodes, stop_all
from wallet.ln.bolt12.invoice import build_invoice
from wallet.ln.bolt12.invoice_request import build_invoice_request
from wallet.ln.bolt12.message import chain_hash
from wallet.ln.bolt12.offer import Offer
from wallet.ln.onion.blinded_path import BlindedPayInfo
from wallet.ln.onion.onion_message import INVOICE_REQUEST, REPLY_PATH
from wallet.ln.onion.route_blinding import (
    PaymentConstraints,
    PaymentRelay,
    RecipientData,
    build_blinded_path,
)
from wallet.ln.shell.offer_exchange import OfferClient, OfferError, OfferIssuer
from wallet.networks import REGTEST

CHAIN = chain_hash(REGTEST.genesis_hash)
PREIMAGE = bytes(range(32))
PAYINFO = BlindedPayInfo(1000, 100, 184, 1, 10**10)


@pytest.fixture
async def world(tmp_path):
    _, _, (a, t, s) = await start_nodes(tmp_path, "a", "t", "s")
    await connect(a, t)
    await connect(t, s)
    yield a, t, s
    await stop_all(a, t, s)


def issuer_for(s, t, *, lie: dict | None = None) -> OfferIssuer:
    key = s.lightning.node_private_key

    async def make_invoice(offer, request, amount):
        path = build_blinded_path(bytes([9]) * 32, [t.node_id, s.node_id], [
            RecipientData(next_node_id=s.node_id, payment_relay=PaymentRelay(144, 100, 1000),
                          payment_constraints=PaymentConstraints(10**6, 1)),
            RecipientData(path_id=b"invoice-1", payment_constraints=PaymentConstraints(10**6, 1)),
        ])
        args = dict(paths=[path], payinfo=[PAYINFO],
                    payment_hash=hashlib.sha256(PREIMAGE).digest(),
                    created_at=int(time.time()), amount_msat=amount)
        args.update(lie or {})
        signer = args.pop("key", key)
        return build_invoice(request, signer, **args)

    issuer = OfferIssuer(s.onion_messages, CHAIN, make_invoice)
    s.onion_messages.on_receive = issuer.on_receive
    return issuer


PATH_IDS: dict[bytes, frozenset[bytes]] = {}  # offer id -> the path ids of its paths


def offer_of(s, t, **fields) -> Offer:
    path, path_id = s.onion_messages.reply_path(via=t.node_id)
    base = {"description": "coffee", "issuer_id": s.node_id, "paths": (path,),
            "chains": (CHAIN,)}
    base.update(fields)
    offer = Offer.build(**{k: v for k, v in base.items() if v is not None})
    PATH_IDS[offer.offer_id] = frozenset({path_id})
    return offer


def add(issuer: OfferIssuer, offer: Offer) -> None:
    issuer.add(offer, PATH_IDS.get(offer.offer_id, frozenset()))


async def test_fixed_amount_offer_with_quantity(world):
    a, t, s = world
    issuer = issuer_for(s, t)
    offer = offer_of(s, t, amount=5000, quantity_max=10)
    add(issuer, offer)
    got = await OfferClient(a.onion_messages, CHAIN).fetch_invoice(
        offer, via=t.node_id, quantity=3, payer_note="two for me, one for you")
    assert got.invoice.amount == 15000
    assert got.invoice.node_id == s.node_id
    assert got.invoice.payment_hash == hashlib.sha256(PREIMAGE).digest()
    assert got.request.get("invreq_payer_note") == "two for me, one for you"
    assert issuer.answered == 1


async def test_any_amount_offer_reached_by_issuer_id_only(world):
    a, t, s = world
    issuer = issuer_for(s, t)
    offer = offer_of(s, t, paths=None)
    add(issuer, offer)
    got = await OfferClient(a.onion_messages, CHAIN).fetch_invoice(offer, via=t.node_id,
                                                                   amount_msat=21_000)
    assert got.invoice.amount == 21_000


async def test_issuer_refusal_is_shown_quoted(world):
    a, t, s = world
    issuer = issuer_for(s, t)  # knows no offer
    with pytest.raises(OfferError, match="refused: this request is for no offer of ours"):
        await OfferClient(a.onion_messages, CHAIN).fetch_invoice(
            offer_of(s, t), via=t.node_id, amount_msat=1000)
    assert issuer.refused == 1


@pytest.mark.parametrize(("lie", "words"), [
    ({"amount_msat": 999}, "we requested 1000"),
    ({"key": bytes([0x77]) * 32}, "not signed by the offer's issuer"),
    ({"created_at": int(time.time()) - 10_000}, "expired"),
    ({"payinfo": [PAYINFO, PAYINFO]}, "one payinfo per path"),
])
async def test_lying_issuer(world, lie, words):
    a, t, s = world
    issuer = issuer_for(s, t, lie=lie)
    offer = offer_of(s, t)
    add(issuer, offer)
    with pytest.raises(OfferError, match=words):
        await OfferClient(a.onion_messages, CHAIN).fetch_invoice(offer, via=t.node_id,
                                                                 amount_msat=1000)


async def test_silent_issuer(world):
    a, t, s = world
    with pytest.raises(OfferError, match="no invoice within"):
        await OfferClient(a.onion_messages, CHAIN).fetch_invoice(
            offer_of(s, t), via=t.node_id, amount_msat=1000, timeout=0.5)


@pytest.mark.parametrize(("fields", "kwargs", "words"), [
    ({"absolute_expiry": 1}, {"amount_msat": 1}, "expired"),
    ({"amount": 10, "quantity_max": 2}, {"quantity": 3}, "at most 2"),
    ({}, {}, "choose one"),
    ({"amount": 10, "currency": "EUR"}, {}, "exchange rate"),
    ({"chains": (bytes(32),)}, {"amount_msat": 1}, "network"),
])
async def test_offers_that_cannot_be_asked(world, fields, kwargs, words):
    a, t, s = world
    with pytest.raises(OfferError, match=words):
        await OfferClient(a.onion_messages, CHAIN).fetch_invoice(
            offer_of(s, t, **fields), via=t.node_id, **kwargs)


async def test_no_peer_leads_to_the_offer(world):
    a, t, s = world
    stranger = bytes.fromhex("0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798")
    offer = offer_of(s, t, paths=None, issuer_id=stranger)
    with pytest.raises(OfferError, match="could not send"):
        await OfferClient(a.onion_messages, CHAIN).fetch_invoice(offer, via=stranger,
                                                                 amount_msat=1)


async def test_request_that_skips_the_offer_path_is_ignored(world):
    """Asked directly instead of through its path, the issuer does not reveal the offer is
    its own: no answer at all."""
    a, t, s = world
    issuer = issuer_for(s, t)
    offer = offer_of(s, t)
    add(issuer, offer)
    request = build_invoice_request(offer, bytes([5]) * 32, bytes(16), amount_msat=1000,
                                    chain=CHAIN)
    reply, reply_id = a.onion_messages.reply_path(via=t.node_id)
    answer = a.onion_messages.expect(reply_id)
    direct = build_blinded_path(bytes([6]) * 32, [s.node_id], [RecipientData()])
    await a.onion_messages.send(direct, {INVOICE_REQUEST: request.to_bytes(),
                                         REPLY_PATH: reply.to_bytes()}, via=t.node_id)
    with pytest.raises(TimeoutError):
        await asyncio.wait_for(answer, 1)
    assert issuer.answered == issuer.refused == 0
