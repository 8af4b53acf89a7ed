"""A payer that lies in each field of each payload it sends a Kite recipient (BOLT 4 final
node): the outer onion's and the trampoline onion's totals and amounts, the payment secret,
the CLTV, one part of an MPP set short. Every lie is refused (at once or by the MPP timeout),
the invoice stays unpaid and no preimage leaves. The honest payment that follows still pays.

The payer's own checks are bypassed: each HTLC is built by hand and sent through the
switch, as a modified wallet would."""

from __future__ import annotations

import asyncio
import os
from dataclasses import dataclass

import pytest

from tests.support.nodes import channel, settled, start_nodes, stop_all
from wallet.ln.bolt11.invoice import decode_invoice
from wallet.ln.htlc import payment_plan as plan
from wallet.ln.htlc.contract import OutgoingSettled
from wallet.ln.htlc.relay_policy import RelayPolicy
from wallet.ln.onion.sphinx import HopPayload, build_onion
from wallet.ln.onion.trampoline import (
    TrampolineHop,
    TrampolineRecipient,
    build_trampoline_onion,
    trampoline_outer_payload,
)
from wallet.ln.shell.forwarder import TrampolineForwarder
from wallet.ln.store.channel_store import PAID, PENDING

AMOUNT = 500_000  # msat, the invoice's


@dataclass(frozen=True)
class Part:
    """One HTLC of a lie: what it carries and what its onions say."""

    htlc_msat: int
    outer_amt: int
    outer_total: int
    inner_amt: int | None = None  # None: no trampoline onion (a direct payment)
    inner_total: int | None = None
    secret: str = "invoice"  # "invoice" | "random"
    cltv_short: int = 0  # blocks the onion's final CLTV is below what the invoice needs


#: each lie, as the parts it sends; none of them may get the preimage
LIES = {
    # the reported hole: the inner payload names the invoice total, one 1-sat HTLC arrives
    "trampoline outer total 1 sat": [Part(1_000, 1_000, 1_000, 1_000, AMOUNT)],
    "trampoline inner amt_to_forward above the outer total": [Part(1_000, 1_000, 1_000,
                                                                   AMOUNT, AMOUNT)],
    "trampoline outer total below inner amount": [Part(250_000, 250_000, 250_000, AMOUNT,
                                                       AMOUNT)],
    "trampoline inner total short": [Part(1_000, 1_000, 1_000, 1_000, 1_000)],
    "trampoline inner total above twice the invoice": [Part(AMOUNT, AMOUNT, AMOUNT, AMOUNT,
                                                            3 * AMOUNT)],
    "trampoline outer total above inner total": [Part(AMOUNT, AMOUNT, 2 * AMOUNT, AMOUNT,
                                                      AMOUNT)],
    "trampoline outer amt_to_forward above the HTLC": [Part(1_000, AMOUNT, AMOUNT, AMOUNT,
                                                            AMOUNT)],
    "trampoline wrong secret": [Part(AMOUNT, AMOUNT, AMOUNT, AMOUNT, AMOUNT, secret="random")],
    "trampoline CLTV too soon": [Part(AMOUNT, AMOUNT, AMOUNT, AMOUNT, AMOUNT, cltv_short=30)],
    "trampoline two outer sets, one short": [Part(250_000, 250_000, 250_000, 250_000, AMOUNT),
                                             Part(249_000, 249_000, 249_000, 250_000, AMOUNT)],
    "trampoline two parts of one set, one short": [
        Part(250_000, 250_000, AMOUNT, AMOUNT, AMOUNT),
        Part(249_999, 249_999, AMOUNT, AMOUNT, AMOUNT)],
    "direct outer total 1 sat": [Part(1_000, 1_000, 1_000)],
    "direct amt_to_forward above the HTLC": [Part(1_000, AMOUNT, AMOUNT)],
    "direct wrong secret": [Part(AMOUNT, AMOUNT, AMOUNT, secret="random")],
    "direct CLTV too soon": [Part(AMOUNT, AMOUNT, AMOUNT, cltv_short=30)],
    "direct MPP one part short": [Part(250_000, 250_000, AMOUNT),
                                  Part(249_999, 249_999, AMOUNT)],
}


def lying_onion(part: Part, inv, recipient: bytes, tip: int, outer_secret: bytes):
    """The onion (and its secrets) of one lying part, for an HTLC sent straight to the
    recipient; the CLTV the HTLC carries is the invoice's final CLTV."""
    secret = inv.payment_secret if part.secret == "invoice" else os.urandom(32)
    cltv = plan.final_cltv(inv, tip) - part.cltv_short
    if part.inner_amt is None:
        payload = HopPayload.final(part.outer_amt, cltv, payment_secret=secret,
                                   total_msat=part.outer_total)
        built = build_onion([recipient], [payload.encode()], os.urandom(32),
                            associated_data=inv.payment_hash)
        return cltv, built.packet, built.shared_secrets, ()
    inner = build_trampoline_onion(
        [], TrampolineRecipient(node_id=recipient, amount_msat=part.inner_amt, cltv_expiry=cltv,
                                payment_secret=secret, total_msat=part.inner_total),
        session_key=os.urandom(32), payment_hash=inv.payment_hash)
    payload = trampoline_outer_payload(inner.packet, amt_to_forward=part.outer_amt,
                                       outgoing_cltv_value=cltv, payment_secret=outer_secret,
                                       total_msat=part.outer_total)
    built = build_onion([recipient], [payload.encode()], os.urandom(32),
                        associated_data=inv.payment_hash)
    return cltv, built.packet, built.shared_secrets, inner.shared_secrets


@pytest.mark.parametrize("lie", list(LIES))
async def test_every_lie_is_refused_and_nothing_is_paid(tmp_path, lie: str) -> None:
    chain, _, (a, b) = await start_nodes(tmp_path, "payer", "payee")
    try:
        cha, chb = await channel(chain, a, b)
        b.payments.mpp_timeout = 0.5
        text = b.create_invoice(AMOUNT, "strict")
        inv = decode_invoice(text)
        sent = []
        outer_secrets = [os.urandom(32), os.urandom(32)]
        for i, part in enumerate(LIES[lie]):
            # parts of one outer set share its secret; "two outer sets" differ in total
            same_set = len({p.outer_total for p in LIES[lie]}) == 1
            cltv, onion, secrets, tsecrets = lying_onion(
                part, inv, b.node_id, chain.tip_height, outer_secrets[0 if same_set else i])
            sent.append(await a.switch.send_htlc(
                cha, part.htlc_msat, inv.payment_hash, cltv, onion, shared_secrets=secrets,
                trampoline_secrets=tsecrets))
        outcomes = [await asyncio.wait_for(s.outcome, 10) for s in sent]
        assert not any(isinstance(o, OutgoingSettled) for o in outcomes), lie
        assert b.payment_log.get(inv.payment_hash).status == PENDING
        assert a.payment_log.known_preimage(inv.payment_hash) is None
        await settled(cha, chb)
        assert not chb.state.commitments.local_commit.view.htlcs
        # the honest payment still goes through, and pays exactly the invoice
        result = await a.pay(text)
        assert result["status"] == PAID
        assert b.payment_log.get(inv.payment_hash).amount_msat == AMOUNT
    finally:
        await stop_all(a, b)


async def test_honest_trampoline_parts_over_two_outer_sets_pay_in_full(tmp_path) -> None:
    """The same payment split by the payer over two trampoline routes (each outer set its
    own total, the inner total the invoice's) is paid once both sets have arrived."""
    chain, _, (a, b) = await start_nodes(tmp_path, "payer", "payee")
    try:
        cha, chb = await channel(chain, a, b)
        inv = decode_invoice(b.create_invoice(AMOUNT, "split"))
        halves = [Part(AMOUNT // 2, AMOUNT // 2, AMOUNT // 2, AMOUNT // 2, AMOUNT)] * 2
        sent = []
        for part in halves:
            cltv, onion, secrets, tsecrets = lying_onion(part, inv, b.node_id,
                                                          chain.tip_height, os.urandom(32))
            sent.append(await a.switch.send_htlc(
                cha, part.htlc_msat, inv.payment_hash, cltv, onion, shared_secrets=secrets,
                trampoline_secrets=tsecrets))
        outcomes = [await asyncio.wait_for(s.outcome, 10) for s in sent]
        assert all(isinstance(o, OutgoingSettled) for o in outcomes)
        row = b.payment_log.get(inv.payment_hash)
        assert row.status == PAID and row.amount_msat == AMOUNT
    finally:
        await stop_all(a, b)


async def test_one_sat_through_a_real_kite_trampoline_pays_nothing(tmp_path) -> None:
    """The reported attack end to end: the payer asks a real Kite trampoline to forward
    1 sat to the recipient, whose trampoline layer names the invoice's secret and total. The
    trampoline relays honestly; the recipient holds the 1 sat and fails it at the MPP
    timeout; the invoice stays unpaid."""
    chain, _, (user, tram, shop) = await start_nodes(tmp_path, "user", "tram", "shop")
    try:
        policy = RelayPolicy(1_000, 0, 144)
        TrampolineForwarder(tram, policy).install()
        ut, tu = await channel(chain, user, tram)
        await channel(chain, tram, shop)
        shop.payments.mpp_timeout = 0.5
        text = shop.create_invoice(AMOUNT, "a book")
        inv = decode_invoice(text)
        tip = chain.tip_height
        recipient_cltv = plan.final_cltv(inv, tip)
        inner = build_trampoline_onion(
            [TrampolineHop(tram.node_id, 1_000, recipient_cltv)],
            TrampolineRecipient(node_id=shop.node_id, amount_msat=1_000,
                                cltv_expiry=recipient_cltv, payment_secret=inv.payment_secret,
                                total_msat=AMOUNT),
            session_key=os.urandom(32), payment_hash=inv.payment_hash)
        htlc_msat, cltv = 1_000 + policy.fee_msat(1_000), recipient_cltv + 200
        payload = trampoline_outer_payload(inner.packet, amt_to_forward=htlc_msat,
                                           outgoing_cltv_value=cltv,
                                           payment_secret=os.urandom(32), total_msat=htlc_msat)
        built = build_onion([tram.node_id], [payload.encode()], os.urandom(32),
                            associated_data=inv.payment_hash)
        sent = await user.switch.send_htlc(ut, htlc_msat, inv.payment_hash, cltv, built.packet,
                                           shared_secrets=built.shared_secrets,
                                           trampoline_secrets=inner.shared_secrets)
        outcome = await asyncio.wait_for(sent.outcome, 10)
        assert not isinstance(outcome, OutgoingSettled)
        assert shop.payment_log.get(inv.payment_hash).status == PENDING
        assert tram.payment_log.known_preimage(inv.payment_hash) is None
        await settled(ut, tu)
        assert not tu.state.commitments.local_commit.view.htlcs
    finally:
        await stop_all(user, tram, shop)
