"""BOLT 12 requests and invoices built, then each field lied about: one Bolt12Error each."""

from __future__ import annotations

import dataclasses

import coincurve
import pytest

from wallet.ln.bolt12 import merkle
from wallet.ln.bolt12.errors import Bolt12Error
from wallet.ln.bolt12.fields import Bip353Name
from wallet.ln.bolt12.invoice import Invoice, build_invoice
from wallet.ln.bolt12.invoice_error import InvoiceError
from wallet.ln.bolt12.invoice_request import (
    InvoiceRequest,
    build_invoice_request,
    sign_invoice_request,
)
from wallet.ln.bolt12.offer import Offer, decode_offer
from wallet.ln.bolt12.string_format import encode_bolt12
from wallet.ln.onion.blinded_path import BlindedHop, BlindedPath, BlindedPayInfo
from wallet.ln.wire.tlv import encode_tlv_stream

ISSUER_KEY = bytes([0x41] * 32)
PAYER_KEY = bytes([0x42] * 32)
OTHER_KEY = bytes([0x43] * 32)
META = bytes(range(16))


def pub(key: bytes) -> bytes:
    return coincurve.PrivateKey(key).public_key.format(compressed=True)


PATH = BlindedPath(pub(OTHER_KEY), pub(PAYER_KEY), (BlindedHop(pub(ISSUER_KEY), b"\x11" * 8),))
PAYINFO = BlindedPayInfo(1000, 100, 144, 1, 10**10)


def offer(**fields) -> Offer:
    base = {"description": "coffee", "issuer_id": pub(ISSUER_KEY)}
    base.update(fields)
    return Offer.build(**{k: v for k, v in base.items() if v is not None})


def signed(request: InvoiceRequest, **over) -> bytes:
    """The request's records changed by `over` ({type: bytes or None}), signed again."""
    records = dict(request.records)
    for t, v in over.items():
        t = int(t.lstrip("t"))
        if v is None:
            records.pop(t, None)
        else:
            records[t] = v
    records.pop(240, None)
    records[240] = merkle.sign(records, "invoice_request", PAYER_KEY)
    return encode_tlv_stream(records)


def invoice_for(request: InvoiceRequest, key: bytes = ISSUER_KEY, **kw) -> Invoice:
    args = dict(paths=[PATH], payinfo=[PAYINFO], payment_hash=bytes(32), created_at=1_700_000_000,
                amount_msat=request.amount or 5000)
    args.update(kw)
    return build_invoice(request, key, **args)


def test_offer_round_trip_and_fields():
    o = offer(amount=5000, quantity_max=3, issuer="Shop", absolute_expiry=2_000_000_000)
    again = decode_offer(o.to_string())
    assert again == o and again.offer_id == o.offer_id
    assert (again.amount, again.quantity_max, again.issuer) == (5000, 3, "Shop")
    assert decode_offer(o.to_string().upper()) == o
    assert not o.is_expired(2_000_000_000) and o.is_expired(2_000_000_001)


def test_request_for_fixed_amount_offer():
    o = offer(amount=5000, quantity_max=0)
    req = build_invoice_request(o, PAYER_KEY, META, quantity=3, payer_note="thanks")
    assert InvoiceRequest.from_bytes(req.to_bytes()) == req
    assert req.check_against_offer(o) == 15000
    tip = build_invoice_request(o, PAYER_KEY, META, quantity=3, amount_msat=16000)
    assert tip.check_against_offer(o) == 16000


@pytest.mark.parametrize(("kwargs", "words"), [
    ({"quantity": 2}, "single item"),
    ({"amount_msat": 0}, "more than zero"),
    ({"amount_msat": 4999}, "less"),
    ({"payer_note": "x" * 600}, "payer note"),
])
def test_payer_refuses_bad_choices(kwargs, words):
    with pytest.raises(Bolt12Error, match=words):
        build_invoice_request(offer(amount=5000), PAYER_KEY, META, **kwargs)


def test_currency_offer_needs_a_rate():
    o = offer(amount=100, currency="USD")
    assert o.currency == "USD"
    with pytest.raises(Bolt12Error, match="exchange rate"):
        build_invoice_request(o, PAYER_KEY, META)


def test_any_amount_offer_needs_an_amount():
    with pytest.raises(Bolt12Error, match="choose one"):
        build_invoice_request(offer(), PAYER_KEY, META)


def test_offer_for_another_chain_is_refused():
    o = offer(chains=(bytes(32),))
    with pytest.raises(Bolt12Error, match="network"):
        build_invoice_request(o, PAYER_KEY, META, amount_msat=1)


@pytest.mark.parametrize(("over", "words"), [
    ({"t0": None}, "invreq_metadata"),
    ({"t88": None}, "payer id"),
    ({"t84": b"\x01\x00\x00"}, "feature bit 16"),
    ({"t91": b"\x03a b\x03c.d"}, "bip_353_name"),
    ({"t90": bytes(33) + bytes(34)}, "invreq_paths"),
    ({"t161": b"\x00"}, "outside its type ranges"),
    ({"t1000000002": b""}, "unknown even field"),
])
def test_issuer_refuses_malformed_requests(over, words):
    req = build_invoice_request(offer(), PAYER_KEY, META, amount_msat=1000)
    with pytest.raises(Bolt12Error, match=words):
        InvoiceRequest.from_bytes(signed(req, **over))


def test_request_with_a_forged_signature_is_refused():
    req = build_invoice_request(offer(), PAYER_KEY, META, amount_msat=1000)
    records = dict(req.records)
    records[82] = (2000).to_bytes(2, "big")  # amount changed after signing
    with pytest.raises(Bolt12Error, match="signature"):
        InvoiceRequest.from_bytes(encode_tlv_stream(records))
    records = dict(req.records)
    del records[240]
    with pytest.raises(Bolt12Error, match="signature"):
        InvoiceRequest.from_bytes(encode_tlv_stream(records))


@pytest.mark.parametrize(("offer_fields", "over", "words"), [
    ({}, {"t10": b"tea"}, "copy our offer"),
    ({"quantity_max": 2}, {"t86": b"\x03"}, "at most 2"),
    ({"quantity_max": 2}, {"t86": None}, "quantity"),
    ({}, {"t86": b"\x01"}, "single item"),
    ({"amount": 5000}, {"t82": b"\x10"}, "less than"),
    ({}, {"t82": None}, "no amount"),
    ({}, {"t80": bytes(32)}, "another chain"),
])
def test_issuer_refuses_requests_that_do_not_fit_its_offer(offer_fields, over, words):
    o = offer(**offer_fields)
    honest = sign_invoice_request(
        {**o.records, 0: META, 82: b"\x13\x88", 88: pub(PAYER_KEY),
         **({86: b"\x01"} if "quantity_max" in offer_fields else {})}, PAYER_KEY)
    honest.check_against_offer(o)
    lying = InvoiceRequest.from_bytes(signed(honest, **over))
    with pytest.raises(Bolt12Error, match=words):
        lying.check_against_offer(o)


def test_invoice_round_trip_and_checks():
    req = build_invoice_request(offer(), PAYER_KEY, META, amount_msat=7000)
    inv = invoice_for(req)
    assert Invoice.from_bytes(inv.to_bytes()) == inv
    assert encode_bolt12("lni", inv.to_bytes()).startswith("lni1")
    inv.check_against_request(req)
    inv.check_expiry(1_700_007_200)
    with pytest.raises(Bolt12Error, match="expired"):
        inv.check_expiry(1_700_007_201)
    assert inv.usable_paths() == [(PATH, PAYINFO)]


def _resigned(inv: Invoice, key: bytes = ISSUER_KEY, **over) -> bytes:
    records = dict(inv.records)
    for t, v in over.items():
        t = int(t.lstrip("t"))
        if v is None:
            records.pop(t, None)
        else:
            records[t] = v
    records.pop(240, None)
    records[240] = merkle.sign(records, "invoice", key)
    return encode_tlv_stream(records)


@pytest.mark.parametrize(("over", "words"), [
    ({"t170": None}, "no amount"),
    ({"t164": None}, "creation time"),
    ({"t168": None}, "payment hash"),
    ({"t176": None}, "node id"),
    ({"t160": None}, "no path"),
    ({"t162": None}, "one payinfo per path"),
    ({"t162": PAYINFO.to_bytes() * 2}, "one payinfo per path"),
    ({"t162": dataclasses.replace(PAYINFO, features=b"\x04").to_bytes()}, "every path"),
    ({"t174": b"\x01\x00\x00\x00"}, "feature bit 24"),
    ({"t168": bytes(31)}, "invoice_payment_hash"),
    ({"t3000000002": b""}, "unknown even"),
    ({"t4000000001": b""}, "outside its type ranges"),
])
def test_payer_refuses_malformed_invoices(over, words):
    req = build_invoice_request(offer(), PAYER_KEY, META, amount_msat=7000)
    with pytest.raises(Bolt12Error, match=words):
        Invoice.from_bytes(_resigned(invoice_for(req), **over))


def test_invoice_with_mpp_bit_and_unknown_odd_bit_is_read():
    req = build_invoice_request(offer(), PAYER_KEY, META, amount_msat=7000)
    Invoice.from_bytes(_resigned(invoice_for(req), t174=b"\x80\x00\x02\x00\x00"))


@pytest.mark.parametrize(("over", "words"), [
    ({"t170": (7001).to_bytes(2, "big")}, "we requested 7000"),
    ({"t89": b"hi"}, "repeat our invoice request"),
    ({"t82": (8000).to_bytes(2, "big")}, "repeat our invoice request"),
])
def test_payer_refuses_invoices_that_do_not_answer_its_request(over, words):
    req = build_invoice_request(offer(), PAYER_KEY, META, amount_msat=7000)
    lying = Invoice.from_bytes(_resigned(invoice_for(req), **over))
    with pytest.raises(Bolt12Error, match=words):
        lying.check_against_request(req)


@pytest.mark.parametrize("lie", [5000, 14_999, 15_001, 30_000])
def test_invoice_for_a_request_without_amount_must_ask_price_times_quantity(lie):
    """A request that names no amount asks the offer's price × quantity: an issuer's invoice
    for any other amount is refused (a fixed-price offer must not be overcharged)."""
    req = build_invoice_request(offer(amount=5000, quantity_max=5), PAYER_KEY, META,
                                quantity=3)
    assert req.amount is None
    invoice_for(req, amount_msat=15_000).check_against_request(req)
    with pytest.raises(Bolt12Error, match="we requested 15000 msat"):
        invoice_for(req, amount_msat=lie).check_against_request(req)


def test_invoice_signed_by_someone_else():
    req = build_invoice_request(offer(), PAYER_KEY, META, amount_msat=7000)
    impostor = invoice_for(req, key=OTHER_KEY)  # valid signature, wrong signer
    with pytest.raises(Bolt12Error, match="issuer"):
        impostor.check_against_request(req)
    forged = dict(invoice_for(req).records)
    forged[240] = bytes(64)
    with pytest.raises(Bolt12Error, match="signature"):
        Invoice.from_bytes(encode_tlv_stream(forged))


def test_offer_with_paths_only_checks_the_blinded_signer():
    o = Offer.build(description="x", paths=(PATH,))
    req = build_invoice_request(o, PAYER_KEY, META, amount_msat=1)
    inv = invoice_for(req)  # signed by ISSUER_KEY, the path's last blinded id
    inv.check_against_request(req, sent_to=PATH.final_node_id)
    with pytest.raises(Bolt12Error, match="node we asked"):
        inv.check_against_request(req, sent_to=pub(OTHER_KEY))


def test_bip353_name_is_carried():
    req = build_invoice_request(offer(), PAYER_KEY, META, amount_msat=1,
                                bip353_name=Bip353Name("alice", "example.com"))
    assert req.get("invreq_bip_353_name") == Bip353Name("alice", "example.com")


def test_invoice_error():
    err = InvoiceError.build("out of stock", erroneous_field=86, suggested_value=b"\x01")
    again = InvoiceError.from_bytes(err.to_bytes())
    assert (again.text, again.erroneous_field) == ("out of stock", 86)
    with pytest.raises(Bolt12Error, match="no explanation"):
        InvoiceError.from_bytes(encode_tlv_stream({1: b"\x05"}))
    with pytest.raises(Bolt12Error, match="for no field"):
        InvoiceError.from_bytes(encode_tlv_stream({3: b"\x05", 5: b"x"}))
    with pytest.raises(Bolt12Error, match="UTF-8"):
        InvoiceError.from_bytes(encode_tlv_stream({5: b"\xff"}))


@pytest.mark.parametrize(("records", "words"), [
    ({10: b"x", 22: pub(ISSUER_KEY), 1_000_000_002: b""}, "unknown even field"),
    ({10: b"x", 16: bytes([4]) + bytes(32) + pub(PAYER_KEY) + b"\x01" + pub(OTHER_KEY) + b"\x00\x00"},
     "first_node_id"),
    ({10: b"x", 16: pub(OTHER_KEY) + b"\x02" + bytes(32) + b"\x01" + pub(OTHER_KEY) + b"\x00\x00"},
     "first_path_key"),
    ({10: b"x", 16: pub(OTHER_KEY) + pub(PAYER_KEY) + b"\x01" + b"\x02" + bytes(32) + b"\x00\x00"},
     "blinded_node_id"),
    ({10: b"x", 16: pub(OTHER_KEY) + pub(PAYER_KEY) + b"\x01" + pub(OTHER_KEY) + b"\x00\x05ab"},
     "encrypted_recipient_data"),
    ({10: b"x", 12: b"\x04\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00",
      22: pub(ISSUER_KEY)}, "bit 122"),
    ({6: b"US", 8: b"\x01", 10: b"x", 22: pub(ISSUER_KEY)}, "ISO 4217"),
    ({6: b"USD", 10: b"x", 22: pub(ISSUER_KEY)}, "no amount"),
    ({8: b"\x00\x01", 10: b"x", 22: pub(ISSUER_KEY)}, "not minimal"),
])
def test_hand_built_malformed_offers(records, words):
    with pytest.raises(Bolt12Error, match=words):
        Offer.from_bytes(encode_tlv_stream(records))


def test_offer_with_unknown_odd_feature_and_field_is_read():
    o = Offer.from_bytes(encode_tlv_stream({10: b"x", 12: bytes([8]) + bytes(12),
                                            22: pub(ISSUER_KEY), 33: b"hi"}))
    assert o.records[33] == b"hi"


def test_oversized_input_is_refused_before_work():
    with pytest.raises(Bolt12Error, match="too long"):
        decode_offer("lno1" + "q" * 9000)
    with pytest.raises(Bolt12Error, match="over 65535"):
        Offer.from_bytes(bytes(70_000))
