"""A trampoline's leg into a blinded path in parts (relay_plan, pure): when no channel to
the path's introduction node carries the payment and the payer's trampoline payload says
the recipient takes basic_mpp (record 21), Tram splits it over its channels to that node,
each part paying the path's fee on its own amount; the extra base fees come out of Tram's
fee, and a split that would leave less than its policy is trampoline_fee_insufficient.
Without basic_mpp: one part or temporary_channel_failure."""

from __future__ import annotations

import os

from tests.ln.htlc.test_forward import (
    HASH,
    POLICY,
    SHOP,
    SHOP_SK,
    TIP,
    TRAM,
    TRAM_SK,
    channels,
    plan_of,
)
from wallet.ln.features import Features
from wallet.ln.htlc import blinded_payment_plan as bplan
from wallet.ln.htlc import payment_plan as plan
from wallet.ln.htlc.contract import IncomingHtlc, peel_incoming
from wallet.ln.htlc.relay_plan import ForwardPlan, Refusal, build_part
from wallet.ln.onion.blinded_path import BlindedPayInfo
from wallet.ln.onion.failures import FailureCode
from wallet.ln.onion.route_blinding import RecipientData, build_blinded_path
from wallet.ln.onion.trampoline import TrampolineDialect

AMOUNT = 1_000_000
PATH_FEE = BlindedPayInfo(500, 0, 40, 1, 10**10)  # 500 msat a part
TWO_SMALL = channels((1, SHOP, 600_000), (2, SHOP, 500_000))


def incoming(features: Features, margin: int) -> IncomingHtlc:
    """The payer's one HTLC to Tram: the path's fee for one part, Tram's fee, `margin`."""
    path = build_blinded_path(os.urandom(32), [SHOP], [RecipientData(path_id=b"p" * 32)])
    level = plan.FeeLevel(POLICY.fee_base_msat + margin, POLICY.fee_proportional_millionths)
    attempt = bplan.trampoline_attempt([(path, PATH_FEE)], features, AMOUNT, TRAM, level,
                                       HASH, TIP)
    part = plan.trampoline_part(attempt, attempt.total_msat, HASH,
                                dialect=TrampolineDialect.SPEC_DRAFT)
    inc = peel_incoming(key_index=0, htlc_id=0, amount_msat=part.amount_msat,
                        payment_hash=HASH, cltv_expiry=part.cltv_expiry, onion=part.onion,
                        node_private_key=TRAM_SK)
    assert isinstance(inc, IncomingHtlc)
    return inc


def test_split_into_the_path_when_the_recipient_takes_parts():
    got = plan_of([incoming(Features.of("basic_mpp"), margin=500)], TWO_SMALL)
    assert isinstance(got, ForwardPlan)
    # each channel keeps room for the path's fee of 500 msat
    assert got.parts == ((1, 599_500), (2, 400_500))
    assert got.fee_msat == POLICY.fee_msat(AMOUNT)  # the margin paid the second base fee
    sent = [build_part(got, k, p, HASH) for k, p in got.parts]
    assert [s.amount_msat for s in sent] == [600_000, 401_000]
    assert sum(s.amount_msat for s in sent) == got.amount_msat
    for s, delivered in zip(sent, (599_500, 400_500), strict=True):  # the shop reads its part
        inc = peel_incoming(key_index=0, htlc_id=0, amount_msat=s.amount_msat,
                            payment_hash=HASH, cltv_expiry=s.cltv_expiry, onion=s.onion,
                            node_private_key=SHOP_SK)
        assert isinstance(inc, IncomingHtlc) and inc.blinded
        assert inc.payload.amt_to_forward == delivered
        assert inc.payload.effective_total_msat == AMOUNT


def test_a_split_that_eats_the_trampolines_fee_is_refused():
    got = plan_of([incoming(Features.of("basic_mpp"), margin=499)], TWO_SMALL)
    assert isinstance(got, Refusal)
    assert got.failure.code == FailureCode.TRAMPOLINE_FEE_INSUFFICIENT
    # one channel that carries it all: one part, the margin kept
    one = plan_of([incoming(Features.of("basic_mpp"), margin=499)],
                  channels((1, SHOP, 10**9)))
    assert isinstance(one, ForwardPlan) and one.parts == ((1, AMOUNT),)


def test_no_split_without_basic_mpp():
    got = plan_of([incoming(Features(), margin=10_000)], TWO_SMALL)
    assert isinstance(got, Refusal)
    assert got.failure.code == FailureCode.TEMPORARY_CHANNEL_FAILURE
