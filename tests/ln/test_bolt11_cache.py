"""Decoding the same invoice text again reuses the checked result; failures are decoded
(and refused) every time, and the features a caller knows are part of the question."""

from __future__ import annotations

import os
import time

import pytest

from wallet.ln.bolt11.encode import encode_invoice
from wallet.ln.bolt11.invoice import Invoice, InvoiceError, decode_invoice
from wallet.networks import REGTEST

KEY = os.urandom(32)


def _invoice(features=frozenset({8, 14})) -> str:
    from coincurve import PrivateKey

    inv = Invoice(network=REGTEST, amount_msat=1000, timestamp=int(time.time()),
                  payment_hash=os.urandom(32), payment_secret=os.urandom(32),
                  payee=PrivateKey(KEY).public_key.format(), description="x",
                  features=features)
    return encode_invoice(inv, KEY)


def test_same_text_same_result() -> None:
    text = _invoice()
    first = decode_invoice(text)
    assert decode_invoice(text) is first
    assert decode_invoice(text, known_features=set(first.features) | {8, 14, 16}) == first


def test_failures_are_not_remembered() -> None:
    text = _invoice()
    bad = text[:-1] + ("q" if text[-1] != "q" else "p")
    for _ in range(2):
        with pytest.raises(InvoiceError):
            decode_invoice(bad)


def test_known_features_are_part_of_the_key() -> None:
    text = _invoice(frozenset({8, 14, 200}))  # an unknown even (required) feature
    with pytest.raises(InvoiceError):
        decode_invoice(text)
    assert 200 in decode_invoice(text, known_features=frozenset({8, 14, 200})).features
    with pytest.raises(InvoiceError):
        decode_invoice(text)
