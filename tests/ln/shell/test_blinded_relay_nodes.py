"""A Kite forwarder relays into a blinded route over real channels (issue 15): the shop's
BOLT 12 invoice has a two-hop path Tram → shop; the user pays it straight (Tram is its
channel peer, the path's introduction node); Tram decrypts its hop, forwards what its
`payment_relay` says with the next path key, the shop settles. A lying sender's HTLC is
refused with invalid_onion_blinding and Tram forwards nothing."""

from __future__ import annotations

import asyncio
import os
from dataclasses import replace

import pytest

from tests.support.nodes import channel, final_receiver, make_node, start_nodes, stop_all
from wallet.ln.bolt12.invoice_request import build_invoice_request
from wallet.ln.bolt12.message import chain_hash
from wallet.ln.bolt12.offer import Offer
from wallet.ln.htlc.contract import OutgoingFailed
from wallet.ln.htlc.relay_policy import RelayPolicy
from wallet.ln.onion.blinded_path import BlindedHop, BlindedPath
from wallet.ln.onion.blinded_payment import amount_at_introduction, blinded_payment_hops
from wallet.ln.onion.failures import FailureCode
from wallet.ln.onion.sphinx import build_onion
from wallet.ln.shell.forwarder import TrampolineForwarder
from wallet.ln.shell.payments import PaymentFailed
from wallet.ln.store.channel_store import PAID, PENDING
from wallet.networks import REGTEST

CHAIN = chain_hash(REGTEST.genesis_hash)
AMOUNT = 30_000


@pytest.fixture
async def world(tmp_path):
    chain, _, (user, tram, shop) = await start_nodes(tmp_path, "user", "tram", "shop")
    forwarder = TrampolineForwarder(tram, RelayPolicy(1_000, 100, 144)).install()
    ut, _ = await channel(chain, user, tram)
    await channel(chain, tram, shop)
    offer = Offer.build(description="socks", amount=AMOUNT, issuer_id=shop.node_id,
                        chains=(CHAIN,))
    request = build_invoice_request(offer, os.urandom(32), os.urandom(16), chain=CHAIN)
    invoice = shop.payments.create_offer_invoice(request, AMOUNT, via=tram.node_id)
    yield chain, user, tram, shop, ut, invoice, forwarder
    await stop_all(user, tram, shop)


async def test_the_user_pays_over_a_path_tram_relays_into(world):
    chain, user, tram, shop, ut, invoice, forwarder = world
    [(path, payinfo)] = invoice.usable_paths()
    assert path.first_node_id == tram.node_id and len(path.hops) == 2
    result = await user.payments.pay_bolt12(invoice, timeout=20)
    assert result["status"] == "paid", result
    row = shop.payment_log.get(invoice.payment_hash)
    assert row.status == PAID and row.amount_msat == AMOUNT
    [fwd] = forwarder.forwards()
    assert fwd["kind"] == "blinded" and fwd["status"] == "settled"
    assert fwd["fee_msat"] == payinfo.fee_msat(AMOUNT)  # the relay keeps the path's fee
    assert fwd["next_node_id"] == shop.node_id.hex()


async def _send(chain, user, ut, invoice, path, payinfo, *, short: int = 0):
    cltv = chain.tip_height + 40
    node_ids, payloads = blinded_payment_hops(path, AMOUNT, cltv)
    msat, expiry = amount_at_introduction(payinfo, AMOUNT, cltv)
    built = build_onion(node_ids, [p.encode() for p in payloads], os.urandom(32),
                        invoice.payment_hash)
    sent = await user.switch.send_htlc(ut, msat - short, invoice.payment_hash, expiry,
                                       built.packet, shared_secrets=built.shared_secrets)
    return await asyncio.wait_for(sent.outcome, 15)


def _flip(path: BlindedPath, index: int) -> BlindedPath:
    hops = list(path.hops)
    data = hops[index].encrypted_recipient_data
    hops[index] = BlindedHop(hops[index].blinded_node_id, bytes([data[0] ^ 1]) + data[1:])
    return BlindedPath(path.first_node_id, path.first_path_key, tuple(hops))


@pytest.mark.parametrize("lie", ["tram's data flipped", "the shop's data flipped",
                                 "the path key", "the HTLC short"])
async def test_a_lying_sender_gets_invalid_onion_blinding_and_nothing_is_paid(world, lie):
    chain, user, tram, shop, ut, invoice, forwarder = world
    [(path, payinfo)] = invoice.usable_paths()
    short = 0
    if lie == "tram's data flipped":
        path = _flip(path, 0)
    elif lie == "the shop's data flipped":
        path = _flip(path, 1)
    elif lie == "the path key":
        other = invoice.usable_paths()[0][0]
        path = BlindedPath(path.first_node_id, bytes.fromhex(
            "0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798"), other.hops)
    else:
        short = payinfo.fee_msat(AMOUNT) + 1  # Tram then forwards less than the onion says
    outcome = await _send(chain, user, ut, invoice, path, payinfo, short=short)
    assert isinstance(outcome, OutgoingFailed), lie
    assert outcome.code == FailureCode.INVALID_ONION_BLINDING, (lie, outcome.why)
    assert outcome.decrypted is not None and outcome.decrypted.hop_index == 0  # from Tram
    assert shop.payment_log.get(invoice.payment_hash).status == PENDING
    if lie in ("tram's data flipped", "the path key"):
        assert forwarder.forwards() == []  # refused before anything was sent on
    else:  # sent on, refused by the shop (malformed), reported as Tram's own refusal
        [fwd] = forwarder.forwards()
        assert fwd["status"] == "failed"


async def test_a_blinded_relay_in_flight_across_a_restart_fails_as_invalid_onion_blinding(
        tmp_path):
    """Tram relays into the shop's path, then dies; the shop fails the HTLC meanwhile.
    After Tram's restart its record answers the user: update_fail_htlc with
    invalid_onion_blinding from Tram (the introduction node), nothing paid."""
    chain, seeds, (user, tram, shop) = await start_nodes(tmp_path, "user", "tram", "shop")
    forwarder = TrampolineForwarder(tram, RelayPolicy(1_000, 100, 144)).install()
    ut, _ = await channel(chain, user, tram)
    await channel(chain, tram, shop)
    held: list = []
    shop.switch.receiver = final_receiver(shop, lambda inc: held.append(inc))
    tram2 = None
    try:
        offer = Offer.build(description="socks", amount=AMOUNT, issuer_id=shop.node_id,
                            chains=(CHAIN,))
        request = build_invoice_request(offer, os.urandom(32), os.urandom(16), chain=CHAIN)
        invoice = shop.payments.create_offer_invoice(request, AMOUNT, via=tram.node_id)
        [(path, payinfo)] = invoice.usable_paths()
        sending = asyncio.ensure_future(_send(chain, user, ut, invoice, path, payinfo))
        for _ in range(500):
            if held:
                break
            await asyncio.sleep(0.02)
        assert held, "the HTLC never reached the shop"
        [row] = forwarder.store.all()
        assert row.dialect == "blinded_intro" and row.status == "forwarding"
        await tram.stop()
        await asyncio.sleep(0.2)
        await shop.resolve_incoming(held[0].key_index, held[0].htlc_id, held[0].fail(
            FailureCode.INCORRECT_OR_UNKNOWN_PAYMENT_DETAILS, "no"))
        tram2 = make_node(tmp_path, "tram", chain, seeds["tram"])
        forwarder2 = TrampolineForwarder(tram2, RelayPolicy(1_000, 100, 144)).install()
        await tram2.start(listen_port=0)
        forwarder2.recover()
        await user.peers.connect("127.0.0.1", tram2.listen_port, tram2.node_id)
        outcome = await asyncio.wait_for(sending, 20)
        assert isinstance(outcome, OutgoingFailed)
        assert outcome.code == FailureCode.INVALID_ONION_BLINDING, outcome.why
        assert outcome.decrypted is not None and outcome.decrypted.hop_index == 0
        assert [r.status for r in forwarder2.store.all()] == ["failed"]
        assert shop.payment_log.get(invoice.payment_hash).status == PENDING
    finally:
        await stop_all(user, tram, shop, tram2)


async def test_the_payer_learns_one_sentence_when_the_path_is_refused(world):
    """A Kite payer whose invoice's path lies (its introduction hop's data broken): Tram
    refuses with invalid_onion_blinding, the payment fails once with that reason, and
    nothing more is sent."""
    chain, user, tram, shop, ut, invoice, forwarder = world
    [(path, payinfo)] = invoice.usable_paths()
    lying = replace(invoice, values={**invoice.values,
                                     "invoice_paths": (_flip(path, 0),)})
    with pytest.raises(PaymentFailed, match="invalid_onion_blinding") as failed:
        await user.payments.pay_bolt12(lying, timeout=20)
    assert "\n" not in str(failed.value)
    assert len(user.payment_log.htlcs_for(invoice.payment_hash)) == 1
    assert forwarder.forwards() == []
    assert shop.payment_log.get(invoice.payment_hash).status == PENDING
