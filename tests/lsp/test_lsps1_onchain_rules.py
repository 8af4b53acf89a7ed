"""The LSP's decisions on an LSPS1 order paid on-chain (wallet/lsp/lsps1_onchain.py): the
honest payment, under- and overpayment, late coins, coins after the order is settled,
unconfirmed coins never counted, and (Hypothesis) that no coin is ever credited and refunded
whole, nor refunded twice, and that nothing is refunded beyond what came."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as hs

from wallet.lsp import lsps1
from wallet.lsp.lsps1_onchain import (
    CONFIRM_GRACE,
    Decision,
    SeenCoin,
    decide,
    dust_limit,
    refund_amount,
    refund_vsize,
)

NOW = datetime(2026, 12, 7, 8, 0, tzinfo=UTC)
EXPIRES = NOW + timedelta(hours=24)
TOTAL = 2_000
TIP = 500
P2WPKH = b"\x00\x14" + b"\x11" * 20
P2TR = b"\x51\x20" + b"\x22" * 32

REQUEST = lsps1.OrderRequest(100_000, 0, 1, 6, 13_140)


def order(state: str = lsps1.CREATED, onchain: str = lsps1.EXPECT_PAYMENT,
          bolt11: str = lsps1.EXPECT_PAYMENT, confs: int = 1) -> lsps1.Order:
    return lsps1.Order(
        "o1", REQUEST, NOW, state,
        lsps1.Bolt11Payment(bolt11, NOW + timedelta(hours=1), TOTAL, TOTAL, "lnbcrt1"),
        lsps1.OnchainPayment(onchain, EXPIRES, TOTAL, TOTAL, "bcrt1qx", confs, None, "bcrt1qy"),
        None)


def coin(n: int, value: int, height: int = TIP, seen: datetime = NOW, **kw) -> SeenCoin:
    return SeenCoin((f"{n:064x}", 0), value, seen, height, **kw)


def test_honest_payment_is_paid_once_confirmed() -> None:
    c = coin(1, TOTAL, height=0)
    assert decide(order(), [c], NOW, TIP).nothing  # in the mempool: wait
    d = decide(order(), [replace(c, height=TIP)], NOW, TIP)
    assert d == Decision(paid=(c.outpoint,))


def test_deeper_confirmations_asked_are_waited_for() -> None:
    c = coin(1, TOTAL, height=TIP)
    assert decide(order(confs=3), [c], NOW, TIP).nothing
    assert decide(order(confs=3), [c], NOW, TIP + 2).paid == (c.outpoint,)


def test_underpayment_waits_then_fails_at_expiry_with_a_refund() -> None:
    c = coin(1, TOTAL - 1)
    assert decide(order(), [c], NOW, TIP).nothing
    d = decide(order(), [c], EXPIRES, TIP)
    assert d.fail and d.refund == (c.outpoint,) and d.refund_sat == TOTAL - 1
    # nothing came at all: FAILED, nothing to refund
    assert decide(order(), [], EXPIRES, TIP) == Decision(fail=True)


def test_overpayment_beyond_the_total_goes_back() -> None:
    a, b, c = coin(1, 1_500), coin(2, 1_000, seen=NOW + timedelta(seconds=1)), \
        coin(3, 700, seen=NOW + timedelta(seconds=2))
    d = decide(order(), [c, b, a], NOW, TIP)
    # credited in arrival order up to the total; the coin not needed goes back now
    assert d.paid == (a.outpoint, b.outpoint) and d.refund == (c.outpoint,)
    assert d.refund_sat == 700
    # once COMPLETED, the credited coins' excess (500) goes back, covering them
    done = order(lsps1.COMPLETED, lsps1.PAID, lsps1.REFUNDED)
    credited = [replace(a, credited=True), replace(b, credited=True),
                replace(c, refunded=True)]
    d = decide(done, credited, NOW, TIP)
    assert d.refund == (a.outpoint, b.outpoint) and d.refund_sat == 500
    # and never again once covered
    covered = [replace(x, refunded=True) for x in credited]
    assert decide(done, covered, NOW, TIP).nothing
    # exactly paid: nothing owed back
    exact = [replace(coin(1, TOTAL), credited=True)]
    assert decide(done, exact, NOW, TIP).nothing


def test_coins_seen_after_expiry_are_refunded_never_credited() -> None:
    late = coin(1, TOTAL, seen=EXPIRES)
    d = decide(order(), [late], EXPIRES + timedelta(seconds=1), TIP)
    assert not d.paid and d.fail and d.refund == (late.outpoint,)
    failed = order(lsps1.FAILED)
    assert decide(failed, [coin(2, 900)], NOW, TIP).refund_sat == 900


def test_paid_in_time_confirmed_after_expiry_still_pays_within_the_grace() -> None:
    c = coin(1, TOTAL, height=0, seen=EXPIRES - timedelta(minutes=1))
    assert decide(order(), [c], EXPIRES + timedelta(hours=1), TIP).nothing  # wait for it
    confirmed = replace(c, height=TIP)
    assert decide(order(), [confirmed], EXPIRES + timedelta(hours=1), TIP).paid
    # past the grace: FAILED, refunded once confirmed
    d = decide(order(), [confirmed], EXPIRES + CONFIRM_GRACE, TIP)
    assert d.fail and d.refund == (c.outpoint,)


def test_coins_after_completion_or_a_lightning_payment_go_back() -> None:
    extra = coin(9, 5_000)
    for o in (order(lsps1.COMPLETED, lsps1.PAID, lsps1.REFUNDED),
              order(lsps1.COMPLETED, lsps1.EXPECT_PAYMENT, lsps1.PAID),
              order(lsps1.CREATED, lsps1.EXPECT_PAYMENT, lsps1.HOLD),
              order(lsps1.CREATED, lsps1.PAID, lsps1.REFUNDED)):
        d = decide(o, [extra], NOW, TIP)
        assert not d.paid and not d.fail and d.refund == (extra.outpoint,), o
        assert d.refund_sat == 5_000
        assert decide(o, [replace(extra, height=0)], NOW, TIP).nothing  # unconfirmed: wait


def test_failed_open_refunds_the_credited_coins_whole() -> None:
    failed = order(lsps1.FAILED, lsps1.PAID, lsps1.REFUNDED)
    paid = [coin(1, 1_500, credited=True), coin(2, 1_000, credited=True)]
    d = decide(failed, paid, NOW, TIP)
    assert d.refund_sat == 2_500 and set(d.refund) == {c.outpoint for c in paid}


def test_refund_amount_and_dust() -> None:
    assert refund_vsize(1, P2WPKH) == 11 + 68 + 31 + 31
    assert refund_amount(10_000, 1, P2WPKH, 2.0) == 10_000 - 2 * 141
    assert refund_amount(10_000, 2, P2TR, 1.5) == 10_000 - 332  # ceil(1.5 * (11 + 136 + 43 + 31))
    assert dust_limit(P2WPKH) == 294 and dust_limit(P2TR) == 330
    assert dust_limit(b"\xa9\x14" + b"\x00" * 20 + b"\x87") == 540
    assert dust_limit(b"\x76\xa9\x14" + b"\x00" * 20 + b"\x88\xac") == 546


# -- properties -------------------------------------------------------------------------------

coins_st = hs.lists(hs.tuples(hs.integers(1, 5_000), hs.integers(-1, 40),
                              hs.integers(0, 3 * 86_400), hs.booleans()),
                    max_size=6, unique_by=lambda t: t[2])
states_st = hs.sampled_from([
    (lsps1.CREATED, lsps1.EXPECT_PAYMENT, lsps1.EXPECT_PAYMENT),
    (lsps1.CREATED, lsps1.EXPECT_PAYMENT, lsps1.HOLD),
    (lsps1.CREATED, lsps1.PAID, lsps1.REFUNDED),
    (lsps1.COMPLETED, lsps1.PAID, lsps1.REFUNDED),
    (lsps1.COMPLETED, lsps1.EXPECT_PAYMENT, lsps1.PAID),
    (lsps1.FAILED, lsps1.EXPECT_PAYMENT, lsps1.EXPECT_PAYMENT),
    (lsps1.FAILED, lsps1.PAID, lsps1.REFUNDED),
])


@settings(max_examples=400, deadline=None)
@given(coins_st, states_st, hs.integers(0, 3 * 86_400), hs.integers(1, 3))
def test_no_coin_is_taken_twice_nor_more_refunded_than_came(raw, states, later, confs) -> None:
    paid_state = states[1] == lsps1.PAID
    cs = [coin(i, v, height=max(0, TIP - depth), seen=NOW + timedelta(seconds=s),
               credited=paid_state and credited)
          for i, (v, depth, s, credited) in enumerate(raw)]
    o = order(*states, confs=confs)
    now = NOW + timedelta(seconds=later)
    d = decide(o, cs, now, TIP)
    by = {c.outpoint: c for c in cs}
    # only coins with the confirmations asked are credited or refunded (a credited coin
    # had them when it was credited)
    for op in d.paid + d.refund:
        assert by[op].credited or (TIP - by[op].height + 1 >= confs and by[op].height > 0)
        assert not by[op].refunded
    # a coin credited now is not refunded now; nothing is credited twice
    assert not set(d.paid) & set(d.refund)
    assert all(not by[op].credited for op in d.paid)
    # paid: the total reached by coins seen in time, the last one needed
    if d.paid:
        values = [by[op].value for op in d.paid]
        assert sum(values) >= TOTAL and sum(values) - values[-1] < TOTAL
        assert all(by[op].first_seen < EXPIRES for op in d.paid)
        assert o.order_state == lsps1.CREATED and not d.fail
    # never more owed back than the coins it covers
    assert 0 <= d.refund_sat <= sum(by[op].value for op in d.refund)
    if d.refund:
        assert d.refund_sat > 0
    # acting on the decision leaves nothing more to do with the same coins
    after = [replace(c, credited=c.credited or c.outpoint in d.paid,
                     refunded=c.outpoint in d.refund) for c in cs]
    if d.paid:
        o = o.with_states(lsps1.CREATED, lsps1.REFUNDED, onchain_state=lsps1.PAID)
    if d.fail:
        o = o.with_states(lsps1.FAILED)
    again = decide(o, after, now, TIP)
    assert not again.paid and not again.fail and not again.refund
