"""Kite receives a BOLT 12 payment in parts (basic_mpp) over its offer's blinded path: the
parts are gathered by payment hash until what arrived reaches the invoice's amount, every
part's `total_amount_msat` agreeing with it. A lying payer (one part short, totals that
disagree, a part outside the blinded path, parts after the set is complete) gets nothing
paid beyond what the invoice asks. Parts are built by hand, as a modified wallet would."""

from __future__ import annotations

import asyncio
import os

import pytest

from tests.ln.shell.test_offer_receive import AMOUNT, CHAIN, fetched, shop  # noqa: F401
from tests.support.nodes import settled
from wallet.ln.bolt12.invoice_request import build_invoice_request
from wallet.ln.features import Features
from wallet.ln.htlc.contract import OutgoingFailed, OutgoingSettled
from wallet.ln.onion.blinded_payment import (
    BlindedForward,
    amount_at_introduction,
    blinded_payment_hops,
    peel_blinded_payment,
)
from wallet.ln.onion.failures import FailureCode
from wallet.ln.onion.sphinx import HopPayload, build_onion
from wallet.ln.store.channel_store import PAID, PENDING


async def send_part(a, cha, chain, path, payinfo, payment_hash, amount, total):
    """Start one part over `path` stating `total`; its pending outcome (a future)."""
    cltv = chain.tip_height + 40
    node_ids, payloads = blinded_payment_hops(path, amount, cltv, total)
    htlc_msat, htlc_cltv = amount_at_introduction(payinfo, amount, cltv)
    built = build_onion(node_ids, [p.encode() for p in payloads], os.urandom(32), payment_hash)
    sent = await a.switch.send_htlc(cha, htlc_msat, payment_hash, htlc_cltv, built.packet,
                                    shared_secrets=built.shared_secrets)
    return sent.outcome


async def outcomes(*futures):
    return [await asyncio.wait_for(f, 10) for f in futures]


async def test_offer_invoice_allows_mpp_and_parts_are_gathered(shop):  # noqa: F811
    chain, a, s, cha, chs, offer = shop
    invoice, path, payinfo = await fetched(a, s, offer)
    assert invoice.get("invoice_features") == Features.of("basic_mpp")
    first = await send_part(a, cha, chain, path, payinfo, invoice.payment_hash, 15_000, AMOUNT)
    await asyncio.sleep(0.3)
    assert not first.done()  # held: 15,000 of 40,000 msat arrived
    assert s.payment_log.get(invoice.payment_hash).status == PENDING
    second = await send_part(a, cha, chain, path, payinfo, invoice.payment_hash, 25_000,
                             AMOUNT)
    got = await outcomes(first, second)
    assert all(isinstance(o, OutgoingSettled) for o in got)
    row = s.payment_log.get(invoice.payment_hash)
    assert row.status == PAID and row.amount_msat == AMOUNT


@pytest.mark.parametrize("lie", ["one part short", "totals disagree", "total below amount",
                                 "a part outside the blinded path"])
async def test_lying_mpp_payers_pay_nothing(shop, lie):  # noqa: F811
    chain, a, s, cha, chs, offer = shop
    s.payments.mpp_timeout = 0.5
    invoice, path, payinfo = await fetched(a, s, offer)
    h = invoice.payment_hash
    first = await send_part(a, cha, chain, path, payinfo, h,
                            AMOUNT // 2 if lie != "total below amount" else 1_000,
                            AMOUNT if lie != "total below amount" else 1_000)
    if lie == "one part short":
        second = await send_part(a, cha, chain, path, payinfo, h, AMOUNT // 2 - 1, AMOUNT)
    elif lie == "totals disagree":
        second = await send_part(a, cha, chain, path, payinfo, h, AMOUNT // 2, AMOUNT + 1)
    elif lie == "total below amount":
        second = await send_part(a, cha, chain, path, payinfo, h, 1_000, 1_000)
    else:  # the stolen path_id as a plain payment secret: not over the blinded path
        secret = s.payment_log.get(h).payment_secret
        cltv = chain.tip_height + 40
        payload = HopPayload.final(AMOUNT // 2, cltv, payment_secret=secret, total_msat=AMOUNT)
        built = build_onion([s.node_id], [payload.encode()], os.urandom(32), h)
        sent = await a.switch.send_htlc(cha, AMOUNT // 2, h, cltv, built.packet,
                                        shared_secrets=built.shared_secrets)
        second = sent.outcome
    got = await outcomes(first, second)
    assert all(isinstance(o, OutgoingFailed) for o in got), lie
    if lie in ("one part short", "totals disagree", "a part outside the blinded path"):
        assert got[0].code == FailureCode.MPP_TIMEOUT  # the honest-looking part expired
    if lie in ("totals disagree", "total below amount", "a part outside the blinded path"):
        assert got[1].code == FailureCode.INCORRECT_OR_UNKNOWN_PAYMENT_DETAILS
    assert s.payment_log.get(h).status == PENDING
    await settled(cha, chs)


async def test_many_small_parts_short_of_the_total_all_time_out(shop):  # noqa: F811
    """Too many parts, none completing the set: held until the MPP timeout, then every part
    failed with mpp_timeout and nothing paid; the next honest payment goes through."""
    chain, a, s, cha, chs, offer = shop
    s.payments.mpp_timeout = 0.5
    invoice, path, payinfo = await fetched(a, s, offer)
    parts = [await send_part(a, cha, chain, path, payinfo, invoice.payment_hash, 1_000, AMOUNT)
             for _ in range(12)]
    got = await outcomes(*parts)
    assert all(isinstance(o, OutgoingFailed) and o.code == FailureCode.MPP_TIMEOUT
               for o in got)
    assert s.payment_log.get(invoice.payment_hash).status == PENDING
    await settled(cha, chs)
    invoice2, path2, payinfo2 = await fetched(a, s, offer)
    [paid] = await outcomes(await send_part(a, cha, chain, path2, payinfo2,
                                            invoice2.payment_hash, AMOUNT, AMOUNT))
    assert isinstance(paid, OutgoingSettled)


async def test_parts_beyond_a_complete_set_are_refused(shop):  # noqa: F811
    """Too many parts: once the parts reach the amount the set is paid; a further part of
    the same hash is refused, not added to what the payer is told arrived."""
    chain, a, s, cha, chs, offer = shop
    invoice, path, payinfo = await fetched(a, s, offer)
    h = invoice.payment_hash
    parts = [await send_part(a, cha, chain, path, payinfo, h, AMOUNT // 2, AMOUNT)
             for _ in range(2)]
    assert all(isinstance(o, OutgoingSettled) for o in await outcomes(*parts))
    await settled(cha, chs)
    extra = await send_part(a, cha, chain, path, payinfo, h, AMOUNT // 2, AMOUNT)
    [late] = await outcomes(extra)
    assert isinstance(late, OutgoingFailed)
    assert late.code == FailureCode.INCORRECT_OR_UNKNOWN_PAYMENT_DETAILS
    row = s.payment_log.get(h)
    assert row.status == PAID and row.amount_msat == AMOUNT


# -- past the introduction point (a two-hop path from our peer): every refusal is malformed

async def relay_part(a, cha, chain, path, payinfo, payment_hash, amount, total):
    """A part over a two-hop path peer -> us, the peer's relay step done by hand by `a`
    (as in test_blinded_receive_two_hops); its pending outcome."""
    cltv = chain.tip_height + 40
    node_ids, payloads = blinded_payment_hops(path, amount, cltv, total)
    htlc_msat, htlc_cltv = amount_at_introduction(payinfo, amount, cltv)
    built = build_onion(node_ids, [p.encode() for p in payloads], os.urandom(32), payment_hash)
    hop = peel_blinded_payment(built.packet, a.switch.node_key, payment_hash,
                               amount_msat=htlc_msat, cltv_expiry=htlc_cltv, path_key=None)
    assert isinstance(hop, BlindedForward)
    sent = await a.switch.send_htlc(cha, hop.amt_to_forward, payment_hash,
                                    hop.outgoing_cltv_value, hop.next_packet,
                                    path_key=hop.next_path_key)
    return sent.outcome


def _two_hop_invoice(a, s, offer):
    request = build_invoice_request(offer, os.urandom(32), os.urandom(16), chain=CHAIN)
    invoice = s.payments.create_offer_invoice(request, AMOUNT, via=a.node_id)
    [(path, payinfo)] = invoice.usable_paths()
    assert len(path.hops) == 2
    return invoice, path, payinfo


async def test_parts_gathered_past_the_introduction_point(shop):  # noqa: F811
    chain, a, s, cha, chs, offer = shop
    invoice, path, payinfo = _two_hop_invoice(a, s, offer)
    h = invoice.payment_hash
    parts = [await relay_part(a, cha, chain, path, payinfo, h, amount, AMOUNT)
             for amount in (10_000, AMOUNT - 10_000)]
    assert all(isinstance(o, OutgoingSettled) for o in await outcomes(*parts))
    row = s.payment_log.get(h)
    assert row.status == PAID and row.amount_msat >= AMOUNT


@pytest.mark.parametrize("lie", ["one part short", "totals disagree"])
async def test_lying_parts_past_the_introduction_point_are_malformed(shop, lie):  # noqa: F811
    """BOLT 4: a final node reached with a path key in update_add_htlc answers every
    refusal, the MPP timeout too, with update_fail_malformed_htlc invalid_onion_blinding."""
    chain, a, s, cha, chs, offer = shop
    s.payments.mpp_timeout = 0.5
    invoice, path, payinfo = _two_hop_invoice(a, s, offer)
    h = invoice.payment_hash
    first = await relay_part(a, cha, chain, path, payinfo, h, AMOUNT // 2, AMOUNT)
    second = await relay_part(a, cha, chain, path, payinfo, h,
                              AMOUNT // 2 - 100 if lie == "one part short" else AMOUNT // 2,
                              AMOUNT if lie == "one part short" else AMOUNT + 1)
    got = await outcomes(first, second)
    assert all(isinstance(o, OutgoingFailed) for o in got), lie
    assert all(o.code == FailureCode.INVALID_ONION_BLINDING for o in got)
    assert s.payment_log.get(h).status == PENDING
    await settled(cha, chs)
