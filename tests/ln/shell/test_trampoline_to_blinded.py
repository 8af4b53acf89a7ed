"""Trampoline to a blinded path between real nodes: the user's trampoline onion names the
shop's BOLT 12 invoice paths; Tram (a Kite trampoline) pays the path that starts at its
peer; the shop receives over its blinded path. The user's HTLCs are built by hand."""

from __future__ import annotations

import asyncio
import os

import pytest

from tests.support.nodes import channel, start_nodes, stop_all
from wallet.ln.bolt12.invoice_request import build_invoice_request
from wallet.ln.bolt12.message import chain_hash
from wallet.ln.bolt12.offer import Offer
from wallet.ln.features import Features
from wallet.ln.htlc.contract import OutgoingFailed, OutgoingSettled
from wallet.ln.htlc.relay_policy import RelayPolicy
from wallet.ln.onion.blinded_path import BlindedHop, BlindedPath, BlindedPayInfo
from wallet.ln.onion.failures import FailureCode
from wallet.ln.onion.route_blinding import (
    PaymentConstraints,
    PaymentRelay,
    RecipientData,
    build_blinded_path,
)
from wallet.ln.onion.sphinx import build_onion, payloads_size
from wallet.ln.onion.trampoline import TrampolineDialect, trampoline_outer_payload
from wallet.ln.onion.trampoline_blinded import blinded_recipient_payload
from wallet.ln.shell.forwarder import TrampolineForwarder
from wallet.ln.store.channel_store import PAID, PENDING
from wallet.ln.wire.primitives import ShortChannelId
from wallet.networks import REGTEST

CHAIN = chain_hash(REGTEST.genesis_hash)
AMOUNT = 30_000
POLICY = RelayPolicy(1_000, 100, 144)


@pytest.fixture
async def world(tmp_path):
    chain, _, (user, tram, shop) = await start_nodes(tmp_path, "user", "tram", "shop")
    TrampolineForwarder(tram, POLICY).install()
    ut, _ = await channel(chain, user, tram)
    await channel(chain, tram, shop)
    offer = Offer.build(description="socks", amount=AMOUNT, issuer_id=shop.node_id,
                        chains=(CHAIN,))
    request = build_invoice_request(offer, os.urandom(32), os.urandom(16), chain=CHAIN)
    invoice = shop.payments.create_offer_invoice(request, AMOUNT)
    yield chain, user, tram, shop, ut, invoice
    await stop_all(user, tram, shop)


async def pay(chain, user, tram, ut, invoice, *, fee=None, paths=None):
    """The user's HTLC to Tram: a trampoline onion naming the invoice's paths."""
    paths = paths or invoice.usable_paths()
    cltv = chain.tip_height + 40
    inner = blinded_recipient_payload(AMOUNT, cltv, paths, Features.of("basic_mpp")).encode()
    trampoline = build_onion([tram.node_id], [inner], os.urandom(32), invoice.payment_hash,
                             payloads_size([inner]))
    path_fee = max(info.fee_msat(AMOUNT) for _, info in paths)
    path_cltv = max(info.cltv_expiry_delta for _, info in paths)
    htlc = AMOUNT + path_fee + (POLICY.fee_msat(AMOUNT) if fee is None else fee)
    htlc_cltv = cltv + path_cltv + POLICY.cltv_expiry_delta + 10
    outer = trampoline_outer_payload(trampoline.packet, amt_to_forward=htlc,
                                     outgoing_cltv_value=htlc_cltv,
                                     payment_secret=os.urandom(32), total_msat=htlc,
                                     dialect=TrampolineDialect.SPEC_DRAFT)
    built = build_onion([tram.node_id], [outer.encode()], os.urandom(32), invoice.payment_hash)
    sent = await user.switch.send_htlc(ut, htlc, invoice.payment_hash, htlc_cltv, built.packet,
                                       shared_secrets=built.shared_secrets,
                                       trampoline_secrets=trampoline.shared_secrets)
    return await asyncio.wait_for(sent.outcome, 15)


async def test_tram_pays_the_shops_blinded_path(world):
    chain, user, tram, shop, ut, invoice = world
    outcome = await pay(chain, user, tram, ut, invoice)
    assert isinstance(outcome, OutgoingSettled)
    row = shop.payment_log.get(invoice.payment_hash)
    assert row.status == PAID and row.amount_msat == AMOUNT


async def test_fee_too_low_is_refused_by_tram(world):
    chain, user, tram, shop, ut, invoice = world
    outcome = await pay(chain, user, tram, ut, invoice, fee=0)
    assert isinstance(outcome, OutgoingFailed)
    assert outcome.code in (FailureCode.TRAMPOLINE_FEE_INSUFFICIENT,
                            FailureCode.TRAMPOLINE_FEE_OR_EXPIRY_INSUFFICIENT)
    assert shop.payment_log.get(invoice.payment_hash).status == PENDING


async def test_path_that_starts_nowhere_near_tram(world):
    chain, user, tram, shop, ut, invoice = world
    [(path, info)] = invoice.usable_paths()
    elsewhere = build_blinded_path(os.urandom(32), [user.node_id], [RecipientData(path_id=b"x")])
    far = BlindedPath(bytes.fromhex(
        "0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798"),
        elsewhere.first_path_key, elsewhere.hops)
    outcome = await pay(chain, user, tram, ut, invoice, paths=[(far, info)])
    assert isinstance(outcome, OutgoingFailed)
    assert outcome.code == FailureCode.UNKNOWN_NEXT_TRAMPOLINE  # the draft's unknown_next_peer
    # the same payment over the real path, listed second, still pays
    outcome = await pay(chain, user, tram, ut, invoice, paths=[(far, info), (path, info)])
    assert isinstance(outcome, OutgoingSettled)


def _two_hop_invoice(shop, tram):
    offer = Offer.build(description="gloves", amount=AMOUNT, issuer_id=shop.node_id,
                        chains=(CHAIN,))
    request = build_invoice_request(offer, os.urandom(32), os.urandom(16), chain=CHAIN)
    return shop.payments.create_offer_invoice(request, AMOUNT, via=tram.node_id)


async def test_tram_pays_a_path_that_starts_at_itself(world):
    """The invoice's path starts at Tram (Tram → shop): Tram, the trampoline, is also its
    introduction node: it reads its own hop and sends the rest on with the next path key."""
    chain, user, tram, shop, ut, _ = world
    invoice = _two_hop_invoice(shop, tram)
    [(path, _)] = invoice.usable_paths()
    assert path.first_node_id == tram.node_id and len(path.hops) == 2
    outcome = await pay(chain, user, tram, ut, invoice)
    assert isinstance(outcome, OutgoingSettled)
    row = shop.payment_log.get(invoice.payment_hash)
    assert row.status == PAID and row.amount_msat >= AMOUNT


@pytest.mark.parametrize("lie", ["our hop's data flipped", "the shop's data flipped",
                                 "a path key not for us"])
async def test_a_lying_path_that_starts_at_tram_pays_nothing(world, lie):
    chain, user, tram, shop, ut, _ = world
    invoice = _two_hop_invoice(shop, tram)
    [(path, info)] = invoice.usable_paths()
    hops = list(path.hops)
    key = path.first_path_key
    if lie == "a path key not for us":
        key = build_blinded_path(os.urandom(32), [shop.node_id],
                                 [RecipientData(path_id=b"x")]).first_path_key
    else:
        index = 0 if lie == "our hop's data flipped" else 1
        data = hops[index].encrypted_recipient_data
        hops[index] = BlindedHop(hops[index].blinded_node_id, bytes([data[0] ^ 1]) + data[1:])
    lying = BlindedPath(path.first_node_id, key, tuple(hops))
    outcome = await pay(chain, user, tram, ut, invoice, paths=[(lying, info)])
    assert isinstance(outcome, OutgoingFailed), lie
    assert shop.payment_log.get(invoice.payment_hash).status == PENDING
    if lie == "the shop's data flipped":  # Tram sent it on; the shop refused it
        assert outcome.code in (FailureCode.TEMPORARY_NODE_FAILURE,
                                FailureCode.TEMPORARY_TRAMPOLINE_FAILURE,
                                FailureCode.TEMPORARY_CHANNEL_FAILURE), outcome.why
    else:  # Tram could not read its own hop: no way onward
        assert outcome.code == FailureCode.UNKNOWN_NEXT_TRAMPOLINE, outcome.why


@pytest.mark.parametrize("lie", ["no payment_relay", "a channel Tram does not have",
                                 "max_cltv_expiry passed", "below htlc_minimum_msat",
                                 "payinfo short of Tram's hop fee", "a path that ends at Tram",
                                 "none (the control: Tram sends it on)"])
async def test_a_path_from_tram_whose_hop_data_lies_is_refused_and_nothing_leaves(world, lie):
    """A path that starts at Tram, built by someone else with Tram's hop data wrong: Tram
    finds no usable way on (unknown next trampoline), sends no HTLC, the shop gets nothing."""
    chain, user, tram, shop, ut, invoice = world
    [(real, info)] = invoice.usable_paths()  # the shop's one-hop path: its final data
    [(shop_scid, _)] = [(h.short_channel_id, h) for (h,) in shop.payments._route_hints()]
    relay = PaymentRelay(144, 100, 1_000)
    tip = chain.tip_height
    data = dict(short_channel_id=ShortChannelId.from_int(shop_scid), payment_relay=relay,
                payment_constraints=PaymentConstraints(tip + 5_000, 1))
    payinfo = BlindedPayInfo(1_000, 100, 144 + 18, 1, 10**9)
    if lie == "no payment_relay":
        data["payment_relay"] = None
    elif lie == "a channel Tram does not have":
        data["short_channel_id"] = ShortChannelId(7, 7, 7)
    elif lie == "max_cltv_expiry passed":
        data["payment_constraints"] = PaymentConstraints(tip + 50, 1)
    elif lie == "below htlc_minimum_msat":
        data["payment_constraints"] = PaymentConstraints(tip + 5_000, 10**8)
    elif lie == "payinfo short of Tram's hop fee":
        payinfo = BlindedPayInfo(0, 0, 144 + 18, 1, 10**9)
    final = RecipientData(path_id=bytes(32))
    if lie == "a path that ends at Tram":
        path = build_blinded_path(os.urandom(32), [tram.node_id], [final])
    else:
        path = build_blinded_path(os.urandom(32), [tram.node_id, shop.node_id],
                                  [RecipientData(**data), final])
    outcome = await pay(chain, user, tram, ut, invoice, paths=[(path, payinfo)])
    assert isinstance(outcome, OutgoingFailed), lie
    sent_on = [r for r in tram.payment_log.htlcs_for(invoice.payment_hash)
               if r.purpose == "forward"]
    if lie.startswith("none"):  # the shop refuses a path_id it never made; Tram did relay
        assert len(sent_on) == 1 and outcome.code != FailureCode.UNKNOWN_NEXT_TRAMPOLINE
    else:
        assert outcome.code == FailureCode.UNKNOWN_NEXT_TRAMPOLINE, (lie, outcome.why)
        assert not sent_on
    assert shop.payment_log.get(invoice.payment_hash).status == PENDING
