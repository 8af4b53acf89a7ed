"""Hypothesis: BOLT 12 offers survive writing and reading; bytes and strings flipped at
random give an offer or one Bolt12Error, never another exception."""

from __future__ import annotations

import contextlib

import coincurve
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import load_vector
from tests.ln.bolt12.test_bolt12_messages import PAYER_KEY, invoice_for, offer
from wallet.ln.bolt12.errors import Bolt12Error
from wallet.ln.bolt12.invoice import Invoice
from wallet.ln.bolt12.invoice_error import InvoiceError
from wallet.ln.bolt12.invoice_request import InvoiceRequest, build_invoice_request
from wallet.ln.bolt12.offer import Offer, decode_offer
from wallet.ln.bolt12.string_format import split_bolt12
from wallet.ln.onion.blinded_path import BlindedHop, BlindedPath, SciddirNode
from wallet.ln.wire.primitives import ShortChannelId

KEYS = [coincurve.PrivateKey(bytes([i]) * 32).public_key.format(compressed=True)
        for i in range(1, 6)]
VALID = [c["bolt12"] for c in load_vector("bolt12_offers.json")["offers"] if c["valid"]]

points = st.sampled_from(KEYS)
text = st.text(max_size=40)
u64 = st.integers(1, 2**64 - 1)
hops = st.builds(BlindedHop, points, st.binary(max_size=40))
first_nodes = st.one_of(points, st.builds(
    SciddirNode, st.integers(0, 1),
    st.builds(ShortChannelId, st.integers(0, 2**24 - 1), st.integers(0, 2**24 - 1),
              st.integers(0, 2**16 - 1))))
paths = st.builds(BlindedPath, first_nodes, points,
                  st.lists(hops, min_size=1, max_size=3).map(tuple))


@st.composite
def offers(draw) -> Offer:
    fields: dict = {}
    if draw(st.booleans()):
        fields["description"] = draw(text)
        if draw(st.booleans()):
            fields["amount"] = draw(u64)
            if draw(st.booleans()):
                fields["currency"] = draw(st.sampled_from(["USD", "EUR", "JPY"]))
    for name, strategy in (("issuer", text), ("metadata", st.binary(max_size=40)),
                           ("absolute_expiry", st.integers(0, 2**64 - 1)),
                           ("quantity_max", st.integers(0, 2**64 - 1)),
                           ("chains", st.lists(st.binary(min_size=32, max_size=32),
                                               min_size=1, max_size=3).map(tuple))):
        if draw(st.booleans()):
            fields[name] = draw(strategy)
    with_paths = draw(st.booleans())
    if with_paths:
        fields["paths"] = tuple(draw(st.lists(paths, min_size=1, max_size=2)))
    if not with_paths or draw(st.booleans()):
        fields["issuer_id"] = draw(points)
    return Offer.build(**fields)


@settings(max_examples=150, deadline=None)
@given(offers(), st.booleans())
def test_offer_round_trip(offer, upper):
    string = offer.to_string()
    again = decode_offer(string.upper() if upper else string)
    assert again == offer
    assert again.offer_id == offer.offer_id


@settings(max_examples=100, deadline=None)
@given(offers(), st.data())
def test_plus_joins_anywhere(offer, data):
    string = offer.to_string()
    cut = data.draw(st.integers(1, len(string) - 1))
    space = data.draw(st.sampled_from(["", " ", "\n", "\r\n  ", "\t"]))
    assert decode_offer(string[:cut] + "+" + space + string[cut:]) == offer


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(VALID), st.data())
def test_flipped_offer_strings_give_typed_errors(string, data):
    chars = list(string)
    for _ in range(data.draw(st.integers(1, 4))):
        i = data.draw(st.integers(0, len(chars) - 1))
        chars[i] = data.draw(st.sampled_from("qpzry9x8gf2tvdw0s3jn54khce6mua7lLO1+ b"))
    with contextlib.suppress(Bolt12Error):
        decode_offer("".join(chars))


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(VALID), st.data())
def test_flipped_offer_bytes_give_typed_errors(string, data):
    payload = bytearray(split_bolt12(string)[1])
    for _ in range(data.draw(st.integers(1, 4))):
        i = data.draw(st.integers(0, len(payload) - 1))
        payload[i] ^= 1 << data.draw(st.integers(0, 7))
    with contextlib.suppress(Bolt12Error):
        Offer.from_bytes(bytes(payload))


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300))
def test_random_bytes_give_typed_errors(data):
    for decoder in (Offer.from_bytes, InvoiceRequest.from_bytes, Invoice.from_bytes,
                    InvoiceError.from_bytes):
        with contextlib.suppress(Bolt12Error):
            decoder(data)


INVOICE = invoice_for(build_invoice_request(offer(amount=5), PAYER_KEY, bytes(16)))


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_flipped_invoice_bytes_give_typed_errors(data):
    payload = bytearray(INVOICE.to_bytes())
    for _ in range(data.draw(st.integers(1, 3))):
        i = data.draw(st.integers(0, len(payload) - 1))
        payload[i] ^= 1 << data.draw(st.integers(0, 7))
    with contextlib.suppress(Bolt12Error):
        Invoice.from_bytes(bytes(payload))
