"""peel_incoming for an HTLC that came with a path key (inside a blinded route): final only
as the end of a path of ours (a 32-byte path_id); a hop that goes on is a blinded relay
(`test_blinded_relay.py`) whose refusals stay malformed; a foreign path and every later
refusal are update_fail_malformed_htlc / invalid_onion_blinding."""

from __future__ import annotations

import os

import pytest

from tests.ln.onion.test_route_blinding import HASH, IDS, KEYS, PAYINFO
from wallet.ln.htlc.contract import FailMalformed, IncomingHtlc, peel_incoming
from wallet.ln.onion.blinded_payment import (
    BlindedForward,
    amount_at_introduction,
    blinded_payment_hops,
    peel_blinded_payment,
)
from wallet.ln.onion.failures import FailureCode
from wallet.ln.onion.route_blinding import (
    PaymentConstraints,
    PaymentRelay,
    RecipientData,
    build_blinded_path,
)
from wallet.ln.onion.sphinx import build_onion, sha256_of_onion
from wallet.ln.wire.primitives import ShortChannelId

PATH_ID = bytes([5]) * 32
C = PaymentConstraints(10_000, 1)


def _path(*ids_and_data):
    ids = [i for i, _ in ids_and_data]
    return build_blinded_path(bytes([4]) * 32, ids, [d for _, d in ids_and_data])


def _relay(next_hop=None):
    return RecipientData(short_channel_id=ShortChannelId(1, 2, 3) if next_hop is None else None,
                         next_node_id=next_hop, payment_relay=PaymentRelay(40, 100, 1000),
                         payment_constraints=C)


def _past_introduction(path, amount=50_000, cltv=900):
    """The HTLC as the introduction node (IDS[1]) sends it on: (onion, msat, cltv, key)."""
    node_ids, payloads = blinded_payment_hops(path, amount, cltv)
    onion = build_onion(node_ids, [p.encode() for p in payloads], os.urandom(32), HASH).packet
    msat, expiry = amount_at_introduction(PAYINFO, amount, cltv)
    hop = peel_blinded_payment(onion, KEYS[1], HASH, amount_msat=msat, cltv_expiry=expiry,
                               path_key=None)
    assert isinstance(hop, BlindedForward)
    return hop.next_packet, hop.amt_to_forward, hop.outgoing_cltv_value, hop.next_path_key


def _peel(onion, msat, cltv, key, node_key=KEYS[2]):
    return peel_incoming(key_index=1, htlc_id=7, amount_msat=msat, payment_hash=HASH,
                         cltv_expiry=cltv, onion=onion, node_private_key=node_key,
                         path_key=key)


def _is_blinding_malformed(got, onion) -> bool:
    return (isinstance(got, FailMalformed) and got.sha256_of_onion == sha256_of_onion(onion)
            and got.failure_code == FailureCode.INVALID_ONION_BLINDING)


def test_the_end_of_our_two_hop_path_is_final_and_refusals_stay_malformed():
    onion, msat, cltv, key = _past_introduction(
        _path((IDS[1], _relay()), (IDS[2], RecipientData(path_id=PATH_ID, payment_constraints=C))))
    got = _peel(onion, msat, cltv, key)
    assert isinstance(got, IncomingHtlc) and got.is_final and got.blinded
    assert got.payload.payment_secret == PATH_ID and got.payload.amt_to_forward == 50_000
    assert _is_blinding_malformed(got.fail(FailureCode.INCORRECT_OR_UNKNOWN_PAYMENT_DETAILS,
                                           "unknown"), onion)


def test_a_hop_that_goes_on_is_a_blinded_relay_whose_refusals_stay_malformed():
    path = _path((IDS[1], _relay()), (IDS[2], _relay(IDS[3])),
                 (IDS[3], RecipientData(path_id=PATH_ID)))
    onion, msat, cltv, key = _past_introduction(path)
    got = _peel(onion, msat, cltv, key)
    assert isinstance(got, IncomingHtlc) and not got.is_final
    assert got.inside_blinded_route and got.blinded_forward is not None
    assert got.blinded_forward.next_node_id == IDS[3]
    assert _is_blinding_malformed(got.fail(FailureCode.UNKNOWN_NEXT_PEER, "no"), onion)


@pytest.mark.parametrize("lie", ["foreign path_id", "wrong path key",
                                 "not our onion", "short HTLC", "beyond max cltv"])
def test_what_is_not_the_end_of_a_path_of_ours_is_malformed(lie):
    final = RecipientData(path_id=b"short" if lie == "foreign path_id" else PATH_ID,
                          payment_constraints=C)
    path = _path((IDS[1], _relay()), (IDS[2], final))
    onion, msat, cltv, key = _past_introduction(path)
    node_key = KEYS[2]
    if lie == "wrong path key":
        key = IDS[4]
    elif lie == "not our onion":
        node_key = KEYS[3]
    elif lie == "short HTLC":
        msat = 50_000 - 1  # below what the onion says reaches us
    elif lie == "beyond max cltv":
        cltv = C.max_cltv_expiry + 1
    assert _is_blinding_malformed(_peel(onion, msat, cltv, key, node_key), onion), lie
