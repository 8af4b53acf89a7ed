"""The payer note kept with a BOLT 12 payment (read from the invoice, which repeats the
request's `invreq_payer_note`) is shown safely: a lying payer's escapes, direction
overrides, line breaks and length do not reach the screen."""

from __future__ import annotations

import os

import coincurve
import pytest

from wallet.ln.bolt12.invoice import build_invoice
from wallet.ln.bolt12.invoice_request import MAX_PAYER_NOTE, build_invoice_request
from wallet.ln.bolt12.message import chain_hash
from wallet.ln.bolt12.offer import Offer
from wallet.ln.bolt12.payer_note import payer_note_of, shown_note
from wallet.ln.bolt12.string_format import encode_bolt12
from wallet.ln.onion.blinded_path import BlindedPayInfo
from wallet.ln.onion.route_blinding import RecipientData, build_blinded_path
from wallet.networks import REGTEST

CHAIN = chain_hash(REGTEST.genesis_hash)
KEY = bytes([7]) * 32


def _invoice_text(note: str | None) -> str:
    node_id = coincurve.PrivateKey(KEY).public_key.format(compressed=True)
    offer = Offer.build(description="tea", amount=1_000, issuer_id=node_id, chains=(CHAIN,))
    request = build_invoice_request(offer, os.urandom(32), os.urandom(16), chain=CHAIN,
                                    payer_note=note)
    path = build_blinded_path(os.urandom(32), [node_id], [RecipientData(path_id=bytes(32))])
    invoice = build_invoice(request, KEY, paths=[path],
                            payinfo=[BlindedPayInfo(0, 0, 18, 1, 10**6)],
                            payment_hash=bytes(32), created_at=1_700_000_000,
                            amount_msat=1_000)
    return encode_bolt12("lni", invoice.to_bytes())


def test_the_note_is_read_back_from_the_invoice():
    assert payer_note_of(_invoice_text("for the red tea, table 4")) == "for the red tea, table 4"
    assert payer_note_of(_invoice_text(None)) is None
    assert payer_note_of(_invoice_text("")) is None


@pytest.mark.parametrize(("text", "shown"), [
    ("\x1b[31mPAID IN FULL\x1b[0m", "[31mPAID IN FULL[0m"),  # no terminal escape survives
    ("line one\nline two\r\n\tthree", "line one line two three"),
    ("refund \u202etxe.exe", "refund txe.exe"),  # no right-to-left override
    ("zero\u200bwidth", "zerowidth"),
    ("caf\u00e9 \u2615", "caf\u00e9 \u2615"),
])
def test_what_a_lying_payer_writes_is_shown_safely(text, shown):
    assert shown_note(text) == shown


def test_a_long_note_is_cut_at_a_character_boundary():
    text = "\u00e9" * 400  # 800 bytes of UTF-8
    cut = shown_note(text)
    assert len(cut.encode()) <= MAX_PAYER_NOTE and cut == "\u00e9" * (MAX_PAYER_NOTE // 2)
    cut = shown_note("a" + "\u00e9" * 400)  # the boundary falls inside a character
    assert len(cut.encode()) == MAX_PAYER_NOTE - 1


@pytest.mark.parametrize("text", ["lnbc1xyz", "lni1qqqq", "lno1" + "q" * 20, "", None,
                                  "lni1" + "x" * 50])
def test_anything_else_has_no_note(text):
    assert payer_note_of(text) is None
