"""The payer's choice between an end-to-end and a legacy trampoline payment, read back the
way the trampoline node reads it (peeling the inner onion with its key).

Electrum 4.3.4 (and Kite, since) put trampoline bit 151 in every invoice, route hints or not.
With a single trampoline, end to end only works when that trampoline can reach the payee
without the hints; otherwise the hints must go to the trampoline (legacy relay).
"""

from __future__ import annotations

import os

import pytest
from coincurve import PrivateKey

from wallet.ln.bolt11.invoice import Invoice, RouteHintHop
from wallet.ln.features import Features
from wallet.ln.htlc import payment_plan as plan
from wallet.ln.onion.sphinx import HopPayload, peel_onion
from wallet.ln.onion.trampoline import (
    INVOICE_FEATURES,
    INVOICE_ROUTING_INFO,
    TrampolineForward,
    decode_routing_info,
    outer_known_types,
    peel_trampoline,
)
from wallet.networks import REGTEST

TIP = 500


def key(n: int) -> tuple[bytes, bytes]:
    secret = bytes([n]) * 32
    return secret, PrivateKey(secret).public_key.format(compressed=True)


TRAM_KEY, TRAM = key(1)
_, PAYEE = key(2)
_, OTHER = key(3)


def hop(node: bytes, scid: int = (700 << 40) | (1 << 16)) -> RouteHintHop:
    return RouteHintHop(node, scid, 1_000, 100, 144)


def invoice(features: set[int], hints: tuple[tuple[RouteHintHop, ...], ...] = ()) -> Invoice:
    return Invoice(network=REGTEST, amount_msat=50_000_000, timestamp=1_700_000_000,
                   payment_hash=os.urandom(32), payment_secret=os.urandom(32), payee=PAYEE,
                   description="x", features=frozenset(features), route_hints=hints)


def as_tram_reads(inv: Invoice) -> TrampolineForward:
    """The trampoline node's view of the payer's onion for `inv`."""
    attempt = plan.trampoline_attempt(inv, inv.amount_msat, TRAM, plan.FeeLevel(1_000, 100), TIP)
    part = plan.trampoline_part(attempt, attempt.total_msat, inv.payment_hash)
    peeled = peel_onion(part.onion, TRAM_KEY, inv.payment_hash)
    outer = HopPayload.decode(peeled.payload, extra_known_types=outer_known_types())
    forward = peel_trampoline(outer, TRAM_KEY, inv.payment_hash)
    assert isinstance(forward, TrampolineForward) and forward.next_node_id == PAYEE
    assert forward.amt_to_forward == inv.amount_msat
    return forward


ELECTRUM_LIKE = {8, 14, 17, 151}


@pytest.mark.parametrize("hints", [
    (),  # a public payee: the trampoline finds it
    ((hop(TRAM),),),  # the payee's channel peer is our trampoline
    ((hop(OTHER),), (hop(TRAM),)),  # one of its hints starts at our trampoline
])
def test_end_to_end_when_the_trampoline_reaches_the_payee_without_hints(hints):
    forward = as_tram_reads(invoice(ELECTRUM_LIKE, hints))
    assert forward.legacy is None and forward.next_packet is not None
    assert INVOICE_ROUTING_INFO not in forward.payload.extra
    assert plan.end_to_end(invoice(ELECTRUM_LIKE, hints), TRAM)


@pytest.mark.parametrize("features,hints", [
    ({8, 14, 17, 151}, ((hop(OTHER),),)),  # hint through another node: the hints must travel
    ({8, 14, 17, 151}, ((hop(OTHER), hop(TRAM, 5)),)),  # ...also a longer hint
    ({8, 14, 17}, ((hop(TRAM),),)),  # a payee that cannot read trampoline onions
    ({8, 14, 17}, ()),
])
def test_legacy_carries_features_hints_and_the_invoice_secret(features, hints):
    inv = invoice(features, hints)
    assert not plan.end_to_end(inv, TRAM)
    forward = as_tram_reads(inv)
    assert forward.next_packet is None and forward.legacy is not None
    assert forward.legacy.payment_secret == inv.payment_secret
    assert forward.legacy.total_msat == inv.amount_msat
    # Electrum reads a u64: bits above 63 (trampoline 151) are dropped, as Electrum does
    assert len(forward.payload.extra[INVOICE_FEATURES]) == 8
    assert forward.legacy.invoice_features == sum(1 << b for b in features if b < 64)
    got = decode_routing_info(forward.payload.extra.get(INVOICE_ROUTING_INFO, b""))
    assert [[(h.node_id, h.short_channel_id.to_int()) for h in hint] for hint in got] == [
        [(h.pubkey, h.short_channel_id) for h in hint] for hint in hints]


def test_the_payee_as_trampoline_reads_its_own_layer():
    inv = invoice({8, 14, 17}, ((hop(TRAM),),))
    assert plan.end_to_end(inv, PAYEE)


@pytest.mark.parametrize("bits,parts", [
    (None, True),  # peer offline: features unknown
    ((8, 14, 17), True),  # no trampoline bit: not Electrum
    ((8, 14, 17, 151), False),  # Electrum: one part only
    ((8, 14, 17, 150), False),
    ((8, 14, 17, 149, 151), True),  # Kite (and eclair-compatible trampolines)
    ((8, 14, 17, 57, 151), True),  # the spec draft's bit too
    ((8, 14, 17, 149), True),
])
def test_no_split_payment_through_a_trampoline_advertising_only_electrums_bit(bits, parts):
    features = None if bits is None else Features.from_int(sum(1 << b for b in bits))
    assert plan.trampoline_takes_parts(features) is parts
