"""Parts of a BOLT 12 payment over one-hop blinded paths (`blinded_payment_plan.direct_parts`),
pure: each part's onion, peeled by the recipient, states the part's amount and the invoice's
total; each HTLC carries its path's fee on its own amount; a part outside what the path's
payinfo carries is refused before anything is built."""

from __future__ import annotations

import os

import coincurve
import pytest

from wallet.ln.htlc import blinded_payment_plan as bplan
from wallet.ln.htlc.contract import IncomingHtlc, peel_incoming
from wallet.ln.htlc.payment_plan import CannotSplit
from wallet.ln.onion.blinded_path import BlindedPayInfo
from wallet.ln.onion.route_blinding import RecipientData, build_blinded_path

HASH = bytes(range(32))
TIP = 1_000


def _recipient():
    key = os.urandom(32)
    node_id = coincurve.PrivateKey(key).public_key.format()
    path = build_blinded_path(os.urandom(32), [node_id], [RecipientData(path_id=b"p" * 32)])
    return key, path


def test_each_part_states_its_amount_and_the_total():
    key, path = _recipient()
    info = BlindedPayInfo(1_000, 100, 40, 1, 10**9)
    parts = bplan.direct_parts({7: (path, info), 9: (path, info)},
                               [(7, 60_000), (9, 40_000)], 100_000, HASH, TIP)
    assert [k for k, _, _ in parts] == [7, 9]
    for (_, onion, fee), delivered in zip(parts, (60_000, 40_000), strict=True):
        assert fee == info.fee_msat(delivered) and onion.amount_msat == delivered + fee
        inc = peel_incoming(key_index=0, htlc_id=0, amount_msat=onion.amount_msat,
                            payment_hash=HASH, cltv_expiry=onion.cltv_expiry,
                            onion=onion.onion, node_private_key=key)
        assert isinstance(inc, IncomingHtlc) and inc.blinded
        assert inc.payload.amt_to_forward == delivered
        assert inc.payload.effective_total_msat == 100_000
        assert inc.payload.payment_secret == b"p" * 32


@pytest.mark.parametrize("limits", [(50_000, 10**9), (1, 50_000)])
def test_a_part_outside_the_paths_limits_is_refused(limits):
    _, path = _recipient()
    info = BlindedPayInfo(0, 0, 40, *limits)
    with pytest.raises(CannotSplit):
        bplan.direct_parts({1: (path, info)}, [(1, 40_000), (1, 60_000)], 100_000, HASH, TIP)
