"""BOLT 11 official examples (../shared/vectors/bolt11_invoices.json): decode every valid
invoice and compare every field the vector lists, re-encode with the examples' key, and
reject every invalid invoice."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

import pytest

from tests.conftest import load_vector
from wallet.ln.bolt11.encode import encode_invoice
from wallet.ln.bolt11.invoice import (
    Invoice,
    InvoiceError,
    decode_invoice,
    format_short_channel_id,
    parse_amount,
    tagged_fields,
)

DATA = load_vector("bolt11_invoices.json")
VALID = DATA["valid"]
INVALID = DATA["invalid"]
PRIV_KEY = bytes.fromhex(DATA["common"]["priv_key"])
SPEC_PAYEE = bytes.fromhex(DATA["common"]["payee_pubkey"])
ORDER = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141

# The tag order encode_invoice writes (ignoring fields it leaves out).
OUR_ORDER = ["s", "p", "d", "h", "m", "x", "c", "f", "r", "9", "n"]


def _ids(cases):
    return [c["title"][:60] for c in cases]


def _check_field(inv: Invoice, vector: dict, key: str, want) -> None:
    """Compare one `decoded` entry of the vector with the decoded invoice."""
    if key == "currency":
        assert inv.network.invoice_hrp == want
    elif key == "amount":
        # The amount exactly as written in the prefix, and its value.
        hrp = vector["invoice"].lower().rsplit("1", 1)[0]
        assert hrp == "ln" + vector["decoded"]["currency"] + (want or "")
        assert parse_amount(want or "") == inv.amount_msat
    elif key in ("amount_msat", "timestamp", "expiry", "min_final_cltv_expiry_delta",
                 "description"):
        assert getattr(inv, key) == want
    elif key in ("payment_hash", "payment_secret", "description_hash", "metadata"):
        assert getattr(inv, key).hex() == want
    elif key == "payee_pubkey":
        assert inv.payee.hex() == want
    elif key == "signature":
        assert inv.signature[:64].hex() == want
    elif key == "recovery_flag":
        assert inv.signature[64] == want
    elif key == "high_s":
        assert (int.from_bytes(inv.signature[32:64], "big") > ORDER // 2) == want
    elif key == "features":
        assert sorted(inv.features) == sorted(want["bits"])
    elif key == "fallbacks":
        got = [
            {"version": f.version, "hex": f.program.hex(), "address": a}
            for f, a in zip(inv.fallbacks, inv.fallback_addresses, strict=True)
        ]
        assert got == want
    elif key == "route_hints":
        got = [
            [
                {
                    "pubkey": h.pubkey.hex(),
                    "short_channel_id": format_short_channel_id(h.short_channel_id),
                    "fee_base_msat": h.fee_base_msat,
                    "fee_proportional_millionths": h.fee_proportional_millionths,
                    "cltv_expiry_delta": h.cltv_expiry_delta,
                }
                for h in route
            ]
            for route in inv.route_hints
        ]
        assert got == want
    elif key == "ignored_fields":
        got = [{"type": f.tag, "data_length": f.data_length} for f in inv.ignored_fields]
        assert got == want
    elif key == "payee_pubkey_raw_recovery":
        # The high-S example names no payee. We do what libsecp256k1's recovery (and so
        # lnd, CLN, LDK) does: recover with the transmitted recovery id, S as given.
        assert inv.payee.hex() == want
    elif key in ("payee_pubkey_note", "payee_pubkey_low_s_normalized"):
        pass  # explanations of the high-S example; checked in test_high_s_example
    else:
        pytest.fail(f"vector field {key!r} is not mapped by this test")


@pytest.mark.parametrize("vector", VALID, ids=_ids(VALID))
def test_valid_examples_decode(vector):
    inv = decode_invoice(vector["invoice"])
    for key, want in vector["decoded"].items():
        try:
            _check_field(inv, vector, key, want)
        except AssertionError as e:
            raise AssertionError(f"field {key!r}: {e}") from None
    # Upper case (as in QR codes) and a lightning: URI prefix decode to the same invoice.
    assert decode_invoice("LIGHTNING:" + vector["invoice"].upper()) == inv
    if "signature_breakdown" in vector:
        assert inv.signature[:64].hex() == vector["signature_breakdown"]["signature_rs"]


def _tags(invoice: str) -> list[str]:
    return [tag for tag, _ in tagged_fields(invoice)]


@pytest.mark.parametrize("vector", VALID, ids=_ids(VALID))
def test_valid_examples_reencode(vector):
    """Re-encoding with the examples' key gives the same invoice back.

    Byte-identical where the example writes its fields in the order we write them. The
    other examples (different field order, fields a reader must ignore) must give the same
    fields in another order and the same decoded invoice. The high-S example was not
    produced by our signer; see test_high_s_example.
    """
    inv = decode_invoice(vector["invoice"])
    if inv.payee != SPEC_PAYEE:
        assert vector["decoded"].get("high_s"), "only the high-S example has another payee"
        return
    again = encode_invoice(inv, PRIV_KEY)
    assert decode_invoice(again) == replace(inv, ignored_fields=())
    fields = tagged_fields(vector["invoice"])
    tags = [t for t, _ in fields]
    if not inv.ignored_fields and tags == sorted(tags, key=OUR_ORDER.index):
        assert again == vector["invoice"]
    else:
        # Same fields, less those a reader ignores and explicit defaults we leave out.
        dropped = Counter((f.tag, f.data) for f in inv.ignored_fields)
        dropped += Counter((t, d) for t, d in fields
                           if (t, d) in (("x", (3, 16, 16)), ("c", (18,))))
        assert Counter(tagged_fields(again)) == Counter(fields) - dropped


def test_some_examples_reencode_byte_identically():
    """Guards the test above against explaining every example away."""
    same = [v for v in VALID if decode_invoice(v["invoice"]).payee == SPEC_PAYEE
            and encode_invoice(decode_invoice(v["invoice"]), PRIV_KEY) == v["invoice"]]
    assert len(same) >= len(VALID) // 3


def test_high_s_example():
    """The high-S example is a low-S example with S replaced by n - S and the recovery id
    kept. Recovery accepts it; re-signing the same content with the examples' key gives the
    low-S form: same r, s' = n - s."""
    for vector in VALID:
        if not vector["decoded"].get("high_s"):
            continue
        inv = decode_invoice(vector["invoice"])
        r, s = inv.signature[:32], int.from_bytes(inv.signature[32:64], "big")
        assert s > ORDER // 2
        assert inv.payee.hex() != vector["decoded"]["payee_pubkey_low_s_normalized"]
        resigned = decode_invoice(encode_invoice(replace(inv, payee=SPEC_PAYEE), PRIV_KEY))
        assert resigned.payee == SPEC_PAYEE
        assert resigned.payee.hex() == vector["decoded"]["payee_pubkey_low_s_normalized"]
        assert resigned.signature[:32] == r
        assert int.from_bytes(resigned.signature[32:64], "big") == ORDER - s


# Words the error message must contain, for invalid examples whose title mentions a cause.
EXPECTED_MESSAGE = {
    "checksum": "checksum",
    "no 1": "separator",
    "too short": "too short",
    "sub-millisatoshi": "multiple of 10",
    "high-s": "low-s",
    "unknown feature": "feature bit 100",
    "not recoverable": "signature",
}


@pytest.mark.parametrize("vector", INVALID, ids=_ids(INVALID))
def test_invalid_examples_rejected(vector):
    with pytest.raises(InvoiceError) as info:
        decode_invoice(vector["invoice"])
    message = str(info.value).lower()
    for cause, words in EXPECTED_MESSAGE.items():
        if cause in vector["title"].lower():
            assert words in message, (vector["title"], message)
