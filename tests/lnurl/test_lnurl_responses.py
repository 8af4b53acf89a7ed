"""LNURL services' answers, each field wrong in turn (pure parsing, no network): pay and
withdraw requests, metadata, invoice replies, success actions (LUD-09/10), and the checks of
the invoice a pay service sends (LUD-06)."""

from __future__ import annotations

import base64
import dataclasses
import json
import os
import time

import pytest
from coincurve import PrivateKey

from wallet.hashes import sha256
from wallet.ln.bolt11.encode import encode_invoice
from wallet.ln.bolt11.invoice import Invoice
from wallet.lnurl.errors import LnurlError, ServiceRefused
from wallet.lnurl.invoice_check import check_pay_invoice
from wallet.lnurl.receive_room import receivable_msat
from wallet.lnurl.responses import (
    MAX_RESPONSE_BYTES,
    parse_invoice_reply,
    parse_json,
    parse_pay_request,
    parse_status_reply,
    parse_withdraw_request,
)
from wallet.lnurl.success_action import decrypt, encrypt, parse_success_action
from wallet.networks import MAINNET, REGTEST, TESTNET

S = "shop.com"
METADATA = json.dumps([["text/plain", "A coffee"], ["text/identifier", "coffee@shop.com"]])
PAYEE_KEY = bytes(range(1, 33))


def pay_reply(**changes):
    reply = {"tag": "payRequest", "callback": "https://shop.com/cb?id=1", "minSendable": 1000,
             "maxSendable": 5_000_000, "metadata": METADATA, "commentAllowed": 100}
    reply.update(changes)
    return {k: v for k, v in reply.items() if v is not DROP}


def withdraw_reply(**changes):
    reply = {"tag": "withdrawRequest", "callback": "https://shop.com/w", "k1": "abc",
             "defaultDescription": "refund", "minWithdrawable": 1000,
             "maxWithdrawable": 20_000}
    reply.update(changes)
    return {k: v for k, v in reply.items() if v is not DROP}


DROP = object()


def test_parse_json_refuses_what_is_not_one_json_object():
    assert parse_json(b'\xef\xbb\xbf{"a": 1}', S) == {"a": 1}
    for body in (b"<html>", b"[1]", b'"x"', b"\xff\xfe", b'{"a": NaN}', b"[" * 100_000,
                 b'{"a": 1' , b"1" * 5000):
        with pytest.raises(LnurlError, match="did not answer as an LNURL service does"):
            parse_json(body, S)
    with pytest.raises(LnurlError, match="too much data"):
        parse_json(b" " * (MAX_RESPONSE_BYTES + 1), S)


def test_honest_pay_request():
    r = parse_pay_request(pay_reply(), S, local_http=False, address="coffee@shop.com")
    assert (r.min_msat, r.max_msat, r.comment_allowed, r.fixed) == (1000, 5_000_000, 100, False)
    assert r.metadata.description == "A coffee" and r.metadata.identifier == "coffee@shop.com"
    assert r.to_json_dict()["address"] == "coffee@shop.com"
    assert parse_pay_request(pay_reply(commentAllowed=DROP, minSendable=5000.0,
                                       maxSendable=5000), S, local_http=False).fixed
    assert parse_pay_request(pay_reply(commentAllowed=10**9), S,
                             local_http=False).comment_allowed == 1000


@pytest.mark.parametrize("changes,match", [
    ({"status": "ERROR", "reason": "Sold out\x1b[31m"}, 'refused: "Sold out \\[31m"'),
    ({"status": "error"}, "refused without giving a reason"),
    ({"tag": "withdrawRequest"}, "expected a payRequest"),
    ({"tag": DROP}, "expected a payRequest"),
    ({"callback": DROP}, "without a valid callback"),
    ({"callback": "http://shop.com/cb"}, "unencrypted"),
    ({"callback": "https://shop.com/" + "a" * 3000}, "callback that is too long"),
    ({"minSendable": 6_000_000}, "minimum .* is above its maximum"),
    ({"minSendable": 0}, "minimum amount of zero"),
    ({"minSendable": -5}, "impossible minSendable"),
    ({"maxSendable": 10**30}, "impossible maxSendable"),
    ({"minSendable": "1000"}, "without a valid minSendable"),
    ({"minSendable": True}, "without a valid minSendable"),
    ({"maxSendable": 1000.5}, "without a valid maxSendable"),
    ({"metadata": DROP}, "without a valid metadata"),
    ({"metadata": "not json"}, "metadata is not JSON"),
    ({"metadata": json.dumps({"text/plain": "x"})}, "cannot read"),
    ({"metadata": json.dumps([["text/long-desc", "x"]])}, "without a description"),
    ({"metadata": json.dumps([["text/plain", "a"], ["text/plain", "b"]])}, "two entries"),
    ({"metadata": json.dumps([["text/plain", 5]])}, "cannot read"),
    ({"metadata": json.dumps([["text/plain", "x" * 2001]])}, "description that is too long"),
    ({"metadata": json.dumps([["text/plain", "x"]] + [["x/y", 1]] * 70)}, "too many metadata"),
    ({"metadata": json.dumps([["text/plain", "x"], ["image/png;base64", "!!"]])}, "image Kite"),
    ({"metadata": json.dumps([["text/plain", "x"], ["image/png;base64", "QQ=="],
                              ["image/jpeg;base64", "QQ=="]])}, "two entries"),
    ({"metadata": json.dumps([["text/plain", "x"], ["image/png;base64", "A" * 136_540]])},
     "image that is too large"),
    ({"metadata": "[" * 5000}, "metadata is not JSON"),
    ({"commentAllowed": -1}, "invalid commentAllowed"),
    ({"commentAllowed": "10"}, "invalid commentAllowed"),
])
def test_lying_pay_request_fields(changes, match):
    with pytest.raises(LnurlError, match=match) as e:
        parse_pay_request(pay_reply(**changes), S, local_http=False)
    assert e.value.message.startswith("The service shop.com")


def test_metadata_image_and_unknown_entries():
    png = base64.b64encode(b"\x89PNG....").decode()
    meta = json.dumps([["text/plain", "x"], ["image/png;base64", png], ["future/kind", {"a": 1}],
                       ["text/long-desc", "long\ntext"]])
    r = parse_pay_request(pay_reply(metadata=meta), S, local_http=False)
    assert r.metadata.image == b"\x89PNG...." and r.metadata.image_type == "image/png;base64"
    assert r.metadata.long_description == "long\ntext"


def test_honest_and_lying_withdraw_requests():
    w = parse_withdraw_request(withdraw_reply(), S, local_http=False)
    assert (w.k1, w.description, w.min_msat, w.max_msat) == ("abc", "refund", 1000, 20_000)
    assert parse_withdraw_request(withdraw_reply(minWithdrawable=0, defaultDescription=DROP),
                                  S, local_http=False).description == ""
    for changes, match in [
        ({"status": "ERROR", "reason": "Already claimed"}, '"Already claimed"'),
        ({"tag": "payRequest"}, "expected a withdrawRequest"),
        ({"k1": DROP}, "without a valid k1"),
        ({"k1": ""}, "without its k1"),
        ({"k1": "x" * 2000}, "k1 that is too long"),
        ({"minWithdrawable": 30_000}, "minimum .* is above its maximum"),
        ({"maxWithdrawable": 0}, "offers nothing"),
        ({"maxWithdrawable": "lots"}, "maxWithdrawable"),
        ({"defaultDescription": "é" * 400}, "too long for an invoice"),
        ({"callback": "ftp://shop.com/w"}, "does not hold a web address"),
    ]:
        with pytest.raises(LnurlError, match=match):
            parse_withdraw_request(withdraw_reply(**changes), S, local_http=False)


def test_status_replies():
    parse_status_reply({"status": "OK"}, S)
    parse_status_reply({"status": "ok"}, S)
    with pytest.raises(ServiceRefused, match='refused: "no"'):
        parse_status_reply({"status": "ERROR", "reason": "no"}, S)
    for reply in ({}, {"status": "maybe"}, {"status": 1}):
        with pytest.raises(LnurlError, match="did not confirm"):
            parse_status_reply(reply, S)
    long = ServiceRefused(S, "x" * 5000)
    assert len(long.reason) == 300


# -- success actions -----------------------------------------------------------------------

CB = "https://shop.com/cb"
PREIMAGE = bytes(range(32))
IV = bytes(range(15, -1, -1))


def test_lud10_aes_vector_from_openssl():
    # printf 'Secret data' | openssl enc -aes-256-cbc -K 0001..1f -iv 0f0e..00 | base64
    action = parse_success_action({"tag": "aes", "description": "Your code",
                                   "ciphertext": "ZSMwGMvNsnN0ZLNAX3oHvw==",
                                   "iv": "Dw4NDAsKCQgHBgUEAwIBAA=="}, S, callback=CB,
                                  local_http=False)
    assert decrypt(action, PREIMAGE) == "Secret data"
    assert encrypt("Secret data", PREIMAGE, IV)["ciphertext"] == "ZSMwGMvNsnN0ZLNAX3oHvw=="
    with pytest.raises(LnurlError, match="does not open"):
        decrypt(action, bytes(32))


def test_message_and_url_actions():
    m = parse_success_action({"tag": "message", "message": "Thanks!"}, S, callback=CB,
                             local_http=False)
    assert m.to_json_dict() == {"tag": "message", "message": "Thanks!"}
    u = parse_success_action({"tag": "url", "description": "Order", "url":
                              "https://shop.com/order/1"}, S, callback=CB, local_http=False)
    assert u.to_json_dict() == {"tag": "url", "description": "Order",
                                "url": "https://shop.com/order/1"}
    assert parse_success_action(None, S, callback=CB, local_http=False) is None


@pytest.mark.parametrize("action,match", [
    ("text", "cannot read"),
    ({"tag": "video"}, "kind of confirmation Kite cannot show"),
    ({}, "kind of confirmation"),
    ({"tag": "message"}, "without its message"),
    ({"tag": "message", "message": "x" * 145}, "too long"),
    ({"tag": "url", "description": "d", "url": "https://evil.com/x"}, "another site"),
    ({"tag": "url", "description": "d", "url": "http://shop.com/x"}, "will not open"),
    ({"tag": "url", "url": "https://shop.com/x"}, "without its description"),
    ({"tag": "aes", "description": "d", "ciphertext": "!!", "iv": "Dw4NDAsKCQgHBgUEAwIBAA=="},
     "cannot read"),
    ({"tag": "aes", "description": "d", "ciphertext": "QUFB", "iv": "Dw4NDAsKCQgHBgUEAwIBAA=="},
     "cannot read"),
    ({"tag": "aes", "description": "d", "ciphertext": "ZSMwGMvNsnN0ZLNAX3oHvw==", "iv": "QUFB"},
     "cannot read"),
    ({"tag": "aes", "description": "d", "ciphertext": "A" * 5000, "iv": "Dw4NDAsKCQgHBgUEAwIBAA=="},
     "too long"),
])
def test_lying_success_actions_stop_the_payment(action, match):
    with pytest.raises(LnurlError, match=match) as e:
        parse_success_action(action, S, callback=CB, local_http=False)
    assert "nothing was paid" in e.value.message


def test_invoice_reply():
    r = parse_invoice_reply({"pr": " lnbcrt1x ", "routes": []}, S, callback=CB,
                            local_http=False)
    assert (r.invoice, r.success_action) == ("lnbcrt1x", None)
    for reply, match in [({"status": "ERROR", "reason": "Amount too low"}, "Amount too low"),
                         ({}, "no invoice"), ({"pr": 5}, "no invoice"),
                         ({"pr": "ln" * 5000}, "too long"),
                         ({"pr": "lnbc1", "successAction": {"tag": "zap"}}, "cannot show")]:
        with pytest.raises(LnurlError, match=match):
            parse_invoice_reply(reply, S, callback=CB, local_http=False)


# -- the invoice a pay service sends ----------------------------------------------------------


def make_invoice(network=REGTEST, amount_msat=21_000, metadata=METADATA, timestamp=None,
                 expiry=3600, description=None) -> str:
    invoice = Invoice(network=network, amount_msat=amount_msat,
                      timestamp=int(time.time()) if timestamp is None else timestamp,
                      payment_hash=os.urandom(32), payment_secret=os.urandom(32),
                      payee=PrivateKey(PAYEE_KEY).public_key.format(), description_hash=sha256(metadata.encode()),
                      expiry=expiry, features=frozenset({8, 14}))
    if description is not None:
        invoice = dataclasses.replace(invoice, description_hash=None, description=description)
    return encode_invoice(invoice, PAYEE_KEY)


REQUEST = parse_pay_request(pay_reply(), S, local_http=False)


def test_honest_invoice_passes():
    inv = check_pay_invoice(make_invoice(), REQUEST, 21_000, REGTEST, time.time())
    assert inv.amount_msat == 21_000


@pytest.mark.parametrize("invoice,match", [
    (lambda: make_invoice(metadata=METADATA + " "), "does not match the description"),
    (lambda: make_invoice(description="A coffee"), "does not match the description"),
    (lambda: make_invoice(amount_msat=21_001), "invoice for 21,001 msat, but you chose 21 sat"),
    (lambda: make_invoice(amount_msat=2_100_000), "invoice for 2,100 sat"),
    (lambda: make_invoice(amount_msat=None), "invoice for no amount"),
    (lambda: make_invoice(network=TESTNET), "for testnet, but your wallet is on regtest"),
    (lambda: make_invoice(network=MAINNET), "for mainnet"),
    (lambda: make_invoice(timestamp=int(time.time()) - 7200), "already expired"),
    (lambda: make_invoice(expiry=0), "already expired"),
    (lambda: make_invoice()[:-3] + "qqq", "cannot read"),
    (lambda: "not an invoice", "cannot read"),
])
def test_lying_invoices_are_refused(invoice, match):
    with pytest.raises(LnurlError, match=match) as e:
        check_pay_invoice(invoice(), REQUEST, 21_000, REGTEST, time.time())
    assert e.value.message.endswith("nothing was paid.")


def test_receivable_estimate():
    normal = {"state": "Normal", "phase": "active", "receivable_msat": 39_000_000}
    assert receivable_msat([normal]) == 39_000_000
    assert receivable_msat([normal | {"phase": "opening"}]) == 0
    assert receivable_msat([normal | {"phase": "shutting_down"}]) == 0
    assert receivable_msat([normal | {"receivable_msat": 0}, normal]) == 39_000_000
    assert receivable_msat([normal, normal]) == 78_000_000
    assert receivable_msat([]) == 0
