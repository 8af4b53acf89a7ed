"""No HTLC of ours may expire more than MAX_OUTGOING_CLTV_BLOCKS (2016) after the tip: a
malicious invoice (its min_final_cltv_expiry_delta), route hint or trampoline route must
not lock our funds for months (issue 12). Checked on the payment plans, on payments over
loopback (refused in one sentence, nothing sent) and on relays (both kinds)."""

from __future__ import annotations

import os
import time

import pytest
from coincurve import PrivateKey

from tests.ln.htlc.test_forward import (
    AMOUNT,
    FEE,
    POLICY,
    RECIPIENT_CLTV,
    Payment,
    channels,
    plan_of,
    relay_htlc,
)
from tests.support.nodes import channel, start_nodes, stop_all
from wallet.errors import InputError
from wallet.ln.bolt11.encode import encode_invoice
from wallet.ln.bolt11.invoice import Invoice, RouteHintHop, decode_invoice
from wallet.ln.htlc import payment_plan as plan
from wallet.ln.htlc.contract import MAX_OUTGOING_CLTV_BLOCKS
from wallet.ln.htlc.relay_plan import ForwardPlan, Refusal, plan_channel_relay
from wallet.ln.onion.failures import FailureCode
from wallet.ln.shell.payments import PaymentFailed
from wallet.ln.store.channel_store import FAILED
from wallet.networks import REGTEST

SHOP_KEY = b"\x05" * 32


def invoice(min_final: int, *, payee_key: bytes = SHOP_KEY, hints=(), amount: int = 50_000_000,
            features=frozenset({8, 14, 17})) -> tuple[str, Invoice]:
    inv = Invoice(network=REGTEST, amount_msat=amount, timestamp=int(time.time()),
                  payment_hash=os.urandom(32), payment_secret=os.urandom(32),
                  payee=PrivateKey(payee_key).public_key.format(compressed=True),
                  description="far", min_final_cltv_expiry_delta=min_final,
                  features=features, route_hints=hints)
    text = encode_invoice(inv, payee_key)
    return text, decode_invoice(text)


# -- the plans -------------------------------------------------------------------------------


def test_the_maximum_is_2016_blocks() -> None:
    assert MAX_OUTGOING_CLTV_BLOCKS == 2016


def test_an_invoice_asking_for_too_long_is_refused_by_the_plan() -> None:
    edge = MAX_OUTGOING_CLTV_BLOCKS - plan.CLTV_MARGIN
    _, ok = invoice(edge)
    assert plan.final_cltv(ok, 800) == 800 + MAX_OUTGOING_CLTV_BLOCKS
    _, far = invoice(edge + 1)
    with pytest.raises(plan.ExpiryTooFar, match="2017 blocks .* at most 2016 blocks"):
        plan.final_cltv(far, 800)
    with pytest.raises(plan.ExpiryTooFar):
        plan.direct_part(far, 1000, 1000, 800)


def test_a_trampoline_route_or_route_hint_asking_for_too_long_is_refused() -> None:
    # the invoice alone is fine; with the trampoline's 576 blocks it is not
    final = MAX_OUTGOING_CLTV_BLOCKS - plan.CLTV_MARGIN - plan.TRAMPOLINE_CLTV_DELTA
    _, ok = invoice(final)
    tram = PrivateKey(b"\x11" * 32).public_key.format(compressed=True)
    attempt = plan.trampoline_attempt(ok, 1000, tram, plan.TRAMPOLINE_FEE_SCHEDULE[1], 800)
    assert attempt.cltv_expiry == 800 + MAX_OUTGOING_CLTV_BLOCKS
    _, far = invoice(final + 1)
    with pytest.raises(plan.ExpiryTooFar, match="trampoline"):
        plan.trampoline_attempt(far, 1000, tram, plan.TRAMPOLINE_FEE_SCHEDULE[1], 800)
    # a route hint whose deltas add up to years
    hop = RouteHintHop(tram, 1 << 40, 0, 0, 65_000)
    _, hinted = invoice(18, hints=((hop,),))
    with pytest.raises(plan.ExpiryTooFar, match="route hint"):
        plan.route_hint_part(hinted, hinted.route_hints[0], 1000, 1000, 800)


# -- payments over loopback ----------------------------------------------------------------


async def test_paying_an_invoice_that_asks_for_too_long_sends_nothing(tmp_path) -> None:
    chain, _, (a, b) = await start_nodes(tmp_path, "a", "b")
    try:
        await channel(chain, a, b)
        key = b.payments.node_key
        text, inv = invoice(MAX_OUTGOING_CLTV_BLOCKS, payee_key=key)
        with pytest.raises(InputError, match="at most 2016 blocks") as e:
            await a.pay(text)
        assert str(e.value).count(".") <= 1  # one sentence
        assert a.payment_log.get(inv.payment_hash) is None
        assert a.payment_log.htlcs_for(inv.payment_hash) == []
    finally:
        await stop_all(a, b)


async def test_a_trampoline_route_that_would_lock_too_long_sends_nothing(tmp_path) -> None:
    chain, _, (a, t) = await start_nodes(tmp_path, "a", "t")
    try:
        await channel(chain, a, t)
        final = MAX_OUTGOING_CLTV_BLOCKS - plan.CLTV_MARGIN - plan.TRAMPOLINE_CLTV_DELTA + 1
        text, inv = invoice(final)  # a payee we have no channel with: through t
        with pytest.raises(PaymentFailed, match="through a trampoline would lock"):
            await a.pay(text)
        row = a.payment_log.get(inv.payment_hash)
        assert row.status == FAILED and "at most 2016" in row.failure
        assert a.payment_log.htlcs_for(inv.payment_hash) == []
    finally:
        await stop_all(a, t)


# -- relays ----------------------------------------------------------------------------------


def test_a_trampoline_relay_never_sends_an_htlc_expiring_beyond_the_maximum() -> None:
    inc, _ = Payment().part(AMOUNT + FEE)  # forwards at RECIPIENT_CLTV
    edge = RECIPIENT_CLTV - MAX_OUTGOING_CLTV_BLOCKS
    assert isinstance(plan_of([inc], tip=edge), ForwardPlan)
    refused = plan_of([inc], tip=edge - 1)
    assert isinstance(refused, Refusal) and refused.failure.code == FailureCode.EXPIRY_TOO_FAR
    assert "2016" in refused.why


def test_a_channel_relay_never_sends_an_htlc_expiring_beyond_the_maximum() -> None:
    chans = channels((1, b"\x02" * 33, 10**9))  # scid 101, as relay_htlc names it
    inc, _ = relay_htlc(AMOUNT + FEE, RECIPIENT_CLTV + 144)
    edge = RECIPIENT_CLTV - MAX_OUTGOING_CLTV_BLOCKS
    assert not isinstance(plan_channel_relay(inc, POLICY, edge, chans), Refusal)
    refused = plan_channel_relay(inc, POLICY, edge - 1, chans)
    assert isinstance(refused, Refusal) and refused.failure.code == FailureCode.EXPIRY_TOO_FAR
