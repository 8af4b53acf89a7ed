"""The on-chain reserve of anchor channels (`wallet/ln/channel/anchor_reserve.py`): which
channels need it, the arithmetic of an open, and the sentences the user reads."""

from __future__ import annotations

import pytest

from wallet.ln.channel import anchor_reserve
from wallet.ln.channel.anchor_reserve import (
    ANCHOR_RESERVE_SAT,
    ReserveCheck,
    after_open,
    notice,
    refusal,
    reserve_for,
)
from wallet.ln.channel.params import ChannelPolicy
from wallet.ln.tx.commitment_tx import ChannelType

ANCHORS, STATIC = ChannelType.ANCHORS_ZERO_FEE_HTLC_TX, ChannelType.STATIC_REMOTEKEY


def test_only_anchor_channels_need_the_reserve():
    assert ANCHOR_RESERVE_SAT == ChannelPolicy().anchor_reserve_sat == 20_000
    assert reserve_for([]) == 0
    assert reserve_for([STATIC, STATIC]) == 0  # its commitment pays its own fee
    assert reserve_for([STATIC, ANCHORS]) == 20_000
    assert reserve_for([ANCHORS, ANCHORS]) == 20_000  # one reserve for all of them
    assert reserve_for([ANCHORS], 5_000) == 5_000


def test_an_open_that_keeps_the_reserve():
    check = after_open(spendable_sat=300_000, amount_sat=250_000, fee_sat=1_000,
                       reserve_sat=20_000)
    assert (check.onchain_sat, check.short_sat, check.ok) == (49_000, 0, True)
    assert refusal(check, 250_000) is None
    # exactly the reserve left is enough
    exact = after_open(271_000, 250_000, 1_000, 20_000)
    assert (exact.onchain_sat, exact.ok) == (20_000, True)
    assert notice(exact) == ("20000 sat stay on-chain as a reserve to pay the fees of a force "
                             "close of your anchor channels.")


def test_an_open_that_eats_the_reserve_is_refused_in_one_sentence():
    check = after_open(270_999, 250_000, 1_000, 20_000)
    assert (check.onchain_sat, check.short_sat, check.ok) == (19_999, 1, False)
    text = refusal(check, 250_000)
    assert text == ("Opening a channel of 250000 sat would leave 19999 sat on-chain, but "
                    "anchor channels need 20000 sat kept there to pay the fees of a force "
                    "close: open about 249999 sat at most, or add 1 sat to the wallet.")
    assert text.count(". ") == 0 and text.endswith(".")
    # everything into the channel: nothing left at all
    all_in = after_open(251_000, 250_000, 1_000, 20_000)
    assert (all_in.onchain_sat, all_in.short_sat) == (0, 20_000)
    # a wallet that holds less than the reserve cannot open any anchor channel
    tiny = after_open(20_000, 10_000, 500, 20_000)
    assert refusal(tiny, 10_000).endswith(
        "close: add at least 10500 sat to the wallet first.")


def test_no_anchor_channel_no_reserve():
    check = after_open(251_000, 250_000, 1_000, 0)
    assert check.ok and refusal(check, 250_000) is None
    assert notice(check).startswith("No on-chain reserve is needed")


def test_the_reserve_is_short_notice():
    check = ReserveCheck(20_000, 12_345)
    assert check.to_dict() == {"reserve_sat": 20_000, "onchain_sat": 12_345,
                               "short_sat": 7_655, "ok": False}
    assert notice(check) == ("The on-chain reserve is short by 7655 sat: anchor channels need "
                             "20000 sat of confirmed coins to pay the fees of a force close, "
                             "the wallet has 12345 sat.")


@pytest.mark.parametrize("field", ["spendable_sat", "amount_sat", "fee_sat", "reserve_sat"])
@pytest.mark.parametrize("bad", [-1, 1.5, True, None, "7"])
def test_bad_figures_are_refused(field, bad):
    figures = {"spendable_sat": 1, "amount_sat": 1, "fee_sat": 1, "reserve_sat": 1} | {field: bad}
    with pytest.raises(ValueError, match=field):
        after_open(**figures)


def test_an_onchain_send_that_eats_the_reserve_is_refused_in_one_sentence():
    check = anchor_reserve.after_send(100_000, 85_000, 500, ANCHOR_RESERVE_SAT)
    assert check.onchain_sat == 14_500 and check.short_sat == 5_500
    text = anchor_reserve.send_refusal(check, 85_000)
    assert text == ("Sending 85000 sat would leave 14500 sat on-chain, but your anchor channels "
                    f"need {ANCHOR_RESERVE_SAT} sat kept there to pay the fees of a force "
                    "close: send 79500 sat at most.")
    kept = anchor_reserve.after_send(100_000, 79_500, 500, ANCHOR_RESERVE_SAT)
    assert kept.ok and anchor_reserve.send_refusal(kept, 79_500) is None
    assert anchor_reserve.send_refusal(
        anchor_reserve.after_send(10_000, 5_000, 500, ANCHOR_RESERVE_SAT), 5_000
    ).endswith("close the anchor channels first, or add coins to the wallet.")
