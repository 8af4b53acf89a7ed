"""The payer remembers, per trampoline node, the fee level its last payment succeeded at
and starts the next payment there (one attempt instead of climbing from the free level
again), never above the user's maximum fee, still climbing when the trampoline refuses."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as hs

from tests.ln.shell.test_payments_trampoline import POLICY, world
from tests.support.nodes import stop_all
from wallet.ln.bolt11.invoice import decode_invoice
from wallet.ln.htlc import payment_plan as plan
from wallet.ln.htlc.relay_policy import RelayPolicy


@given(amount=hs.integers(1, 10**10), max_fee=hs.integers(0, 10**8),
       remembered=hs.sampled_from((None, *plan.TRAMPOLINE_FEE_SCHEDULE)))
def test_start_index_is_a_level_within_the_budget_no_dearer_than_the_remembered(
        amount: int, max_fee: int, remembered) -> None:
    levels = plan.fee_levels(amount, max_fee)
    if not levels:
        return
    i = plan.start_index(levels, remembered, amount)
    assert 0 <= i < len(levels)
    assert levels[i].fee_msat(amount) <= max_fee
    if remembered is None:
        assert i == 0
    elif remembered in levels:
        assert levels[i] == remembered
    else:
        assert i == 0 or levels[i].fee_msat(amount) <= remembered.fee_msat(amount)


async def test_second_payment_through_a_trampoline_starts_at_the_level_that_paid(
        tmp_path) -> None:
    chain, user, tram, shop, _, _ = await world(tmp_path)
    try:
        amount = 2_000_000
        levels = plan.fee_levels(amount, plan.default_max_fee_msat(amount))
        used = next(lv for lv in levels if lv.fee_msat(amount) >= POLICY.fee_msat(amount))
        first = decode_invoice(text := shop.create_invoice(amount, "first"))
        await user.pay(text)
        assert len(user.payment_log.htlcs_for(first.payment_hash)) == levels.index(used) + 1
        # the second: one attempt, at the level that paid, the same fee
        second = decode_invoice(text := shop.create_invoice(amount, "second"))
        result = await user.pay(text)
        assert result["status"] == "paid" and result["fee_msat"] == used.fee_msat(amount)
        assert [p.status for p in user.payment_log.htlcs_for(second.payment_hash)] == [
            "settled"]
        # Tram raises its fee: the payer climbs from there, as before
        dearer = RelayPolicy(POLICY.fee_base_msat * 4, POLICY.fee_proportional_millionths,
                               POLICY.cltv_expiry_delta)
        tram.switch.forwarder.policy = dearer
        third = decode_invoice(text := shop.create_invoice(amount, "third"))
        result = await user.pay(text, max_fee_msat=plan.default_max_fee_msat(amount))
        parts = user.payment_log.htlcs_for(third.payment_hash)
        assert result["status"] == "paid" and result["fee_msat"] >= dearer.fee_msat(amount)
        assert parts[0].amount_msat - amount == used.fee_msat(amount)
        assert all("trampoline_fee_insufficient" in p.failure for p in parts[:-1])
        # a budget below the remembered level: never above it
        budget = used.fee_msat(amount) - 1
        fourth = decode_invoice(text := shop.create_invoice(amount, "fourth"))
        result = await user.pay(text, max_fee_msat=budget)  # Tram refuses: the route hint
        parts = user.payment_log.htlcs_for(fourth.payment_hash)
        affordable = plan.fee_levels(amount, budget)
        assert parts[0].amount_msat - amount == affordable[-1].fee_msat(amount)
        assert result["status"] == "paid" and result["fee_msat"] <= budget
        assert all(p.amount_msat - amount <= budget for p in parts)
    finally:
        await stop_all(user, tram, shop)
