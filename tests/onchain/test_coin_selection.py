from itertools import combinations
from math import ceil

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wallet.onchain.coin_selection import (
    DUST_LIMIT_P2WPKH,
    P2WPKH_OUTPUT_VSIZE,
    Coin,
    InsufficientFunds,
    select_all,
    select_coins,
    tx_vsize,
)

OUT = [P2WPKH_OUTPUT_VSIZE]


def check_selection(sel, amount, feerate):
    in_vsize = sum(c.input_vsize for c in sel.coins)
    outs = OUT + ([P2WPKH_OUTPUT_VSIZE] if sel.change else [])
    min_fee = ceil(tx_vsize(in_vsize, outs) * feerate)
    assert sel.total_in == amount + sel.change + sel.fee  # nothing created or lost
    assert sel.fee >= min_fee
    assert sel.change == 0 or sel.change >= DUST_LIMIT_P2WPKH
    assert len({c.key for c in sel.coins}) == len(sel.coins)


def test_exact_match_needs_no_change():
    feerate = 2.0
    coins = [Coin(i, v) for i, v in enumerate([50_000, 30_000, 20_000, 7_000])]
    # pay so that the 30k + 20k coins cover amount + fee exactly
    fee = ceil(tx_vsize(2 * 68, OUT) * feerate)
    sel = select_coins(coins, 50_000 - fee, feerate, OUT)
    assert sel.change == 0
    check_selection(sel, 50_000 - fee, feerate)


def test_change_when_no_match():
    coins = [Coin(0, 100_000)]
    sel = select_coins(coins, 10_000, 1.0, OUT)
    assert sel.change > 0
    check_selection(sel, 10_000, 1.0)


def test_dust_change_goes_to_fee():
    feerate = 1.0
    fee_no_change = ceil(tx_vsize(68, OUT) * feerate)
    amount = 10_000 - fee_no_change - 200  # leftover 200 sat: too small for change, beyond BnB window?
    sel = select_coins([Coin(0, 10_000)], amount, feerate, OUT)
    assert sel.change == 0
    check_selection(sel, amount, feerate)


def test_insufficient_funds_message():
    with pytest.raises(InsufficientFunds, match="not enough funds"):
        select_coins([Coin(0, 1_000)], 5_000, 1.0, OUT)


def test_uneconomic_coins_ignored():
    with pytest.raises(InsufficientFunds):
        select_coins([Coin(0, 100)] * 1, 50, 10.0, OUT)


def test_send_max():
    coins = [Coin(0, 40_000), Coin(1, 60_000), Coin(2, 50)]
    sel = select_all(coins, 1.0, P2WPKH_OUTPUT_VSIZE)
    assert {c.key for c in sel.coins} == {0, 1}  # the 50-sat coin costs more than it holds
    assert sel.fee == ceil(tx_vsize(2 * 68, OUT) * 1.0)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.integers(300, 2_000_000), min_size=1, max_size=12),
    st.integers(1_000, 3_000_000),
    st.sampled_from([1.0, 1.5, 5.0, 25.0]),
)
def test_selection_invariants(values, amount, feerate):
    coins = [Coin(i, v) for i, v in enumerate(values)]
    try:
        sel = select_coins(coins, amount, feerate, OUT)
    except InsufficientFunds:
        # then no subset at all can pay amount plus its own minimum fee
        for r in range(1, len(coins) + 1):
            for combo in combinations(coins, r):
                total = sum(c.value for c in combo)
                fee = ceil(tx_vsize(68 * r, OUT) * feerate)
                assert total < amount + fee
        return
    check_selection(sel, amount, feerate)
