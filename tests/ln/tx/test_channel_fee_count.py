"""`commit_fee_msat` counts untrimmed HTLCs with precomputed thresholds: the same fee as
counting with BOLT 3's `is_trimmed` HTLC by HTLC."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as hs

from wallet.ln.channel.commit_view import CommitView, commit_fee_msat
from wallet.ln.tx import scripts
from wallet.ln.tx.commitment_tx import (
    ChannelType,
    Htlc,
    HtlcDirection,
    commitment_fee_sat,
    is_trimmed,
)

htlcs = hs.lists(hs.tuples(hs.sampled_from(list(HtlcDirection)),
                           hs.integers(1, 5_000_000)), max_size=20)


@given(htlcs, hs.integers(253, 50_000), hs.integers(0, 100_000), hs.integers(354, 2_000),
       hs.sampled_from(list(ChannelType)), hs.integers(0, 3))
def test_fee_equals_the_per_htlc_definition(spec, feerate, other_feerate, dust, ctype,
                                            extra) -> None:
    view = CommitView(feerate, 10**9, 10**9, tuple(
        Htlc(d, i, amount, bytes(32), 500_000) for i, (d, amount) in enumerate(spec)))
    for rate in (None, other_feerate):
        used = feerate if rate is None else rate
        untrimmed = sum(1 for h in view.htlcs if not is_trimmed(h, dust, used, ctype))
        expected = commitment_fee_sat(used, untrimmed + extra, ctype)
        if ctype.anchors:
            expected += 2 * scripts.ANCHOR_OUTPUT_SAT
        assert commit_fee_msat(view, dust, ctype, feerate_per_kw=rate,
                               extra_htlcs=extra) == expected * 1000
