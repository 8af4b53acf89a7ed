"""`kite decode` on BOLT 12 strings: every valid offer vector shown and as JSON, malformed
ones refused in one line (exit 2), invoices and invoice requests too."""

from __future__ import annotations

import json

import pytest

from tests.conftest import load_vector
from tests.ln.bolt12.test_bolt12_messages import PAYER_KEY, invoice_for, offer
from wallet.cli import main
from wallet.ln.bolt12.invoice_request import build_invoice_request
from wallet.ln.bolt12.string_format import encode_bolt12

OFFERS = load_vector("bolt12_offers.json")["offers"]


def kite(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["decode", *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("case", OFFERS, ids=lambda c: c["description"])
def test_offer_vectors(case, capsys):
    code, out, err = kite(capsys, "--json", case["bolt12"])
    if not case["valid"]:
        assert code == 2 and out == "" and len(err.strip().splitlines()) == 1
        return
    assert code == 0, err
    got = json.loads(out)
    assert got["type"] == "offer"
    for field in case.get("fields", []):
        if field["type"] == 10:
            assert got["offer_description"] == bytes.fromhex(field["hex"]).decode()
        if field["type"] == 22:
            assert got["offer_issuer_id"] == field["hex"]
        if field["type"] > 80:
            assert got["unknown_fields"][str(field["type"])] == field["hex"]
    code, out, _ = kite(capsys, case["bolt12"])
    assert code == 0 and out.startswith("BOLT 12 offer (reusable)")


def test_invoice_and_request(capsys):
    request = build_invoice_request(offer(amount=5), PAYER_KEY, bytes(16), payer_note="\x1b[2J")
    invoice = invoice_for(request)
    code, out, _ = kite(capsys, "--json", "lightning:" + encode_bolt12("lni", invoice.to_bytes()))
    got = json.loads(out)
    assert code == 0 and got["type"] == "invoice" and got["invoice_amount"] == 5000
    assert got["invoice_paths"][0]["hops"] == 1
    code, out, _ = kite(capsys, encode_bolt12("lnr", request.to_bytes()))
    assert code == 0 and out.startswith("BOLT 12 invoice request")
    assert "\x1b" not in out and "\\u001b" in out  # a payer's note cannot drive the terminal


def test_plus_joined_offer(capsys):
    text = offer().to_string()
    code, out, _ = kite(capsys, "--json", text[:2] + "+ " + text[2:])
    assert code == 0 and json.loads(out)["offer_description"] == "coffee"
