"""Kite receives over a two-hop blinded path (issue 15): its invoice's path starts at its
channel peer, which relays into the route with `path_key` in `update_add_htlc`, so the payer
never learns Kite's node id. The relay step is done by hand here (the peer is the payer, at
the path's introduction point, peeling its own layer with `peel_blinded_payment`); Kite, past
the introduction point, peels with its blinded key and settles. Every lie is refused with
`update_fail_malformed_htlc` / `invalid_onion_blinding` and nothing is paid."""

from __future__ import annotations

import asyncio
import os

import pytest

from tests.ln.shell.test_offer_receive import AMOUNT, CHAIN, shop  # noqa: F401 - the fixture
from tests.support.nodes import settled
from wallet.ln.bolt12.invoice_request import build_invoice_request
from wallet.ln.htlc.contract import OutgoingFailed, OutgoingSettled
from wallet.ln.onion.blinded_payment import (
    BlindedForward,
    amount_at_introduction,
    blinded_payment_hops,
    peel_blinded_payment,
)
from wallet.ln.onion.failures import FailureCode
from wallet.ln.onion.sphinx import build_onion
from wallet.ln.store.channel_store import PAID, PENDING


def _invoice(a, s, offer):
    request = build_invoice_request(offer, os.urandom(32), os.urandom(16), chain=CHAIN)
    invoice = s.payments.create_offer_invoice(request, AMOUNT, via=a.node_id)
    [(path, payinfo)] = invoice.usable_paths()
    return invoice, path, payinfo


async def _relay_and_send(a, cha, chain, path, payinfo, payment_hash, *, short=0,
                          path_key_edit=None, skip_path_key=False):
    """The payer's onion over `path`, its introduction layer peeled by `a` (the peer at the
    path's start), then the HTLC on to the recipient with the next path key."""
    cltv = chain.tip_height + 40
    node_ids, payloads = blinded_payment_hops(path, AMOUNT, cltv)
    htlc_msat, htlc_cltv = amount_at_introduction(payinfo, AMOUNT, cltv)
    built = build_onion(node_ids, [p.encode() for p in payloads], os.urandom(32), payment_hash)
    hop = peel_blinded_payment(built.packet, a.switch.node_key, payment_hash,
                               amount_msat=htlc_msat, cltv_expiry=htlc_cltv, path_key=None)
    assert isinstance(hop, BlindedForward)
    path_key = hop.next_path_key if path_key_edit is None else path_key_edit(hop.next_path_key)
    amount = AMOUNT - short if short else hop.amt_to_forward  # short: below the onion's
    sent = await a.switch.send_htlc(cha, amount, payment_hash,
                                    hop.outgoing_cltv_value, hop.next_packet,
                                    path_key=None if skip_path_key else path_key)
    return hop, await asyncio.wait_for(sent.outcome, 10)


async def test_paid_over_a_two_hop_path_from_the_peer(shop):  # noqa: F811
    chain, a, s, cha, chs, offer = shop
    invoice, path, payinfo = _invoice(a, s, offer)
    assert path.first_node_id == a.node_id and len(path.hops) == 2
    assert s.node_id not in {h.blinded_node_id for h in path.hops}  # never named
    assert invoice.node_id == s.node_id  # (the invoice's signer is the offer's issuer id)
    hop, outcome = await _relay_and_send(a, cha, chain, path, payinfo, invoice.payment_hash)
    ours = s.channels[chs.key_index].inner
    assert hop.short_channel_id in {ours.short_channel_id, ours.remote_alias,
                                    getattr(ours, "local_alias", None)}
    assert hop.amt_to_forward >= AMOUNT  # the relay's fee came out of the payer's part
    assert isinstance(outcome, OutgoingSettled)
    row = s.payment_log.get(invoice.payment_hash)
    assert row.status == PAID and row.amount_msat == AMOUNT


@pytest.mark.parametrize("lie", ["short HTLC", "wrong path key", "no path key"])
async def test_lies_past_the_introduction_point_pay_nothing(shop, lie):  # noqa: F811
    chain, a, s, cha, chs, offer = shop
    invoice, path, payinfo = _invoice(a, s, offer)
    s.payments.mpp_timeout = 0.5
    kwargs = {"short HTLC": {"short": 1},
              "wrong path key": {"path_key_edit": lambda _: a.node_id},
              "no path key": {"skip_path_key": True}}[lie]
    _, outcome = await _relay_and_send(a, cha, chain, path, payinfo, invoice.payment_hash,
                                       **kwargs)
    assert isinstance(outcome, OutgoingFailed), lie
    if lie != "no path key":  # (without one the onion is simply not for Kite's node key)
        assert outcome.code == FailureCode.INVALID_ONION_BLINDING
    assert s.payment_log.get(invoice.payment_hash).status == PENDING
    await settled(cha, chs)
    invoice2, path2, payinfo2 = _invoice(a, s, offer)  # the honest payment still goes
    _, again = await _relay_and_send(a, cha, chain, path2, payinfo2, invoice2.payment_hash)
    assert isinstance(again, OutgoingSettled)


async def test_no_path_through_a_node_we_have_no_channel_with(shop):  # noqa: F811
    chain, a, s, cha, chs, offer = shop
    request = build_invoice_request(offer, os.urandom(32), os.urandom(16), chain=CHAIN)
    with pytest.raises(ValueError, match="no open channel"):
        s.payments.create_offer_invoice(request, AMOUNT, via=bytes([2]) + bytes(32))
