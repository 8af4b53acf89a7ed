"""The devnet Shop's LNURL service against lying and careless wallets (fast: no devnet).

The service runs for real (aiohttp on 127.0.0.1, its own thread); Shop's daemon is a
stand-in that records each call and issues real signed regtest invoices. Every bad request
gets LUD-01's ERROR status and Shop is asked for nothing; a code or login is used once.
"""

from __future__ import annotations

import dataclasses
import json
import os
import time
import urllib.request
from urllib.parse import urlencode

import pytest
from coincurve import PrivateKey

from wallet.devnet.lnurl_codes import LnurlCodes
from wallet.devnet.shop_lnurl import COMMENT_ALLOWED, ShopLnurl
from wallet.errors import KiteError
from wallet.hashes import sha256
from wallet.ln.bolt11.encode import encode_invoice
from wallet.ln.bolt11.invoice import Invoice, decode_invoice
from wallet.lnurl.auth import sign_challenge
from wallet.lnurl.recognise import recognise
from wallet.networks import REGTEST, TESTNET

KEY = os.urandom(32)


def make_invoice(amount_msat: int | None = 5_000_000, network=REGTEST, *,
                 description_hash: bytes | None = None, age: int = 0,
                 expiry: int = 600) -> str:
    described = ({"description_hash": description_hash} if description_hash is not None
                 else {"description": "withdrawal"})
    return encode_invoice(Invoice(
        network=network, amount_msat=amount_msat, timestamp=int(time.time()) - age,
        payment_hash=os.urandom(32), payment_secret=os.urandom(32),
        payee=PrivateKey(KEY).public_key.format(), expiry=expiry, **described), KEY)


class FakeShopDaemon:
    """Shop's daemon as the service sees it: `call(method, **params)`."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, dict]] = []
        self.refuse: str | None = None

    def __call__(self, method: str, **params):
        self.calls.append((method, params))
        if self.refuse:
            raise KiteError(self.refuse)
        if method == "invoice":
            return {"invoice": make_invoice(
                params["amount_msat"],
                description_hash=bytes.fromhex(params["description_hash"]))}
        return {"status": "paid"}


@pytest.fixture(scope="module")
def service():
    shop = ShopLnurl(FakeShopDaemon()).start()
    yield shop
    shop.stop()


@pytest.fixture
def daemon(service):
    service.call = FakeShopDaemon()
    return service.call


def get(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=10) as reply:
        return json.loads(reply.read())


def url_of(lnurl: str) -> str:
    return recognise(lnurl, local_http=True).url


def refused(reply: dict, words: str) -> None:
    assert reply["status"] == "ERROR", reply
    assert words in reply["reason"]


# -- the codes ----------------------------------------------------------------------------------

def test_codes_are_minted_by_the_secret_for_one_kind():
    codes = LnurlCodes("http://127.0.0.1:1", os.urandom(32))
    k1 = codes.fresh_k1("withdraw")
    assert codes.minted("withdraw", k1)
    assert not codes.minted("auth", k1)
    assert not LnurlCodes(codes.base, os.urandom(32)).minted("withdraw", k1)
    altered = k1[:10] + ("0" if k1[10] != "0" else "1") + k1[11:]
    assert not codes.minted("withdraw", altered)
    for bad in ("", "zz" * 32, k1[:-2], k1 + "00", os.urandom(32).hex()):
        assert not codes.minted("withdraw", bad)
    assert codes.fresh_k1("auth") != codes.fresh_k1("auth")
    assert LnurlCodes.from_json(json.loads(json.dumps(codes.to_json()))) == codes


# -- LNURL-pay ------------------------------------------------------------------------------------

def test_pay_by_address_and_lnurl_gives_invoices_committing_to_the_metadata(service, daemon):
    codes = service.lnurls
    by_address = get(recognise(codes.pay_address(), local_http=True).url)
    by_lnurl = get(url_of(codes.pay_lnurl()))
    assert by_address["tag"] == by_lnurl["tag"] == "payRequest"
    assert dict(json.loads(by_address["metadata"]))["text/identifier"] == codes.pay_address()
    assert by_lnurl["commentAllowed"] == COMMENT_ALLOWED
    reply = get(by_lnurl["callback"] + "?" + urlencode({"amount": 1_500, "comment": "hi"}))
    invoice = decode_invoice(reply["pr"])
    assert invoice.amount_msat == 1_500
    assert invoice.description_hash == sha256(by_lnurl["metadata"].encode())
    assert reply["successAction"]["tag"] == "url"
    assert daemon.calls == [("invoice", {"amount_msat": 1_500, "expiry": 600,
                                         "description_hash": invoice.description_hash.hex()})]
    assert service.sales[-1].comment == "hi"
    reply = get(by_address["callback"] + "?amount=2000")
    assert reply["successAction"] == {"tag": "message", "message": "Thanks for the coffee!"}


@pytest.mark.parametrize("query, words", [
    ({}, "whole number"), ({"amount": "abc"}, "whole number"), ({"amount": "-5"}, "whole number"),
    ({"amount": "1.5"}, "whole number"), ({"amount": "9" * 40}, "whole number"),
    ({"amount": "999"}, "must be"), ({"amount": "10000001"}, "must be"),
    ({"amount": "2000", "comment": "x" * (COMMENT_ALLOWED + 1)}, "comment"),
])
def test_pay_callback_refuses_bad_amounts_and_comments(service, daemon, query, words):
    refused(get(f"{service.lnurls.base}/lnurlp/coffee/callback?{urlencode(query)}"), words)
    assert daemon.calls == []


def test_unknown_items_and_shop_refusals(service, daemon):
    refused(get(f"{service.lnurls.base}/lnurlp/cake"), "no 'cake'")
    refused(get(f"{service.lnurls.base}/lnurlp/cake/callback?amount=2000"), "no 'cake'")
    assert daemon.calls == []
    daemon.refuse = "no route"
    refused(get(f"{service.lnurls.base}/lnurlp/tea/callback?amount=2000"), "no route")


# -- LNURL-withdraw -----------------------------------------------------------------------------

def test_withdraw_code_pays_one_checked_invoice_once(service, daemon):
    offer = get(url_of(service.lnurls.withdraw_lnurl()))
    assert offer["tag"] == "withdrawRequest"
    callback = offer["callback"] + "?"
    bad = [
        (make_invoice(network=TESTNET), "not regtest"),
        (make_invoice(None), "no amount"),
        (make_invoice(999), "must be"),
        (make_invoice(10_000_001), "must be"),
        (make_invoice(age=700), "expired"),
        ("lnbcrt1garbage", "not valid"),
        ("", "no invoice"),
        (make_invoice() + "q" * 5_000, "too long"),
    ]
    for pr, words in bad:
        refused(get(callback + urlencode({"k1": offer["k1"], "pr": pr})), words)
    forged = os.urandom(32).hex()
    refused(get(callback + urlencode({"k1": forged, "pr": make_invoice()})), "unknown")
    login_k1 = service.lnurls.fresh_k1("auth")  # a login's challenge is no withdraw code
    refused(get(callback + urlencode({"k1": login_k1, "pr": make_invoice()})), "unknown")
    assert daemon.calls == []

    pr = make_invoice(4_000_000)
    assert get(callback + urlencode({"k1": offer["k1"], "pr": pr})) == {"status": "OK"}
    deadline = time.monotonic() + 10
    while service.withdrawals[-1].status == "paying" and time.monotonic() < deadline:
        time.sleep(0.02)
    assert service.withdrawals[-1].status == "paid"
    assert [c for c in daemon.calls if c[0] == "pay"][0][1]["invoice"] == pr
    refused(get(callback + urlencode({"k1": offer["k1"], "pr": make_invoice()})), "already used")
    refused(get(f"{service.lnurls.base}/withdraw?k1={offer['k1']}"), "already used")
    assert len(daemon.calls) == 1


def test_a_withdrawal_shop_cannot_pay_is_recorded_failed(service, daemon):
    daemon.refuse = "no route to the wallet"
    k1 = service.lnurls.fresh_k1("withdraw")
    url = f"{service.lnurls.base}/withdraw/callback?" + urlencode({"k1": k1, "pr": make_invoice()})
    assert get(url) == {"status": "OK"}
    deadline = time.monotonic() + 10
    while service.withdrawals[-1].status == "paying" and time.monotonic() < deadline:
        time.sleep(0.02)
    assert service.withdrawals[-1].status == "failed"
    assert "no route to the wallet" in service.withdrawals[-1].error


# -- LNURL-auth ---------------------------------------------------------------------------------

def signed(url: str, key: bytes, k1: bytes | None = None, public: bytes | None = None) -> str:
    k1_hex = dict(p.split("=") for p in url.split("?")[1].split("&"))["k1"]
    sig = sign_challenge(k1 or bytes.fromhex(k1_hex), key)
    public = public or PrivateKey(key).public_key.format()
    return f"{url}&{urlencode({'sig': sig.hex(), 'key': public.hex()})}"


def test_login_checks_the_signature_and_records_the_key_once(service, daemon):
    count = len(service.logins)
    url = url_of(service.lnurls.auth_lnurl())
    key, other = os.urandom(32), os.urandom(32)
    refused(get(signed(url, key, k1=os.urandom(32))), "does not match")  # signs another k1
    refused(get(signed(url, key, public=PrivateKey(other).public_key.format())),
            "does not match")  # someone else's key
    refused(get(url + "&sig=zz&key=02"), "not hexadecimal")
    refused(get(url + "&sig=3006&key=02"), "wrong length")
    refused(get(url), "wrong length")  # no signature at all
    refused(get(signed(url.replace("tag=login", "tag=withdraw"), key)), "not a login")
    forged = dataclasses.replace(service.lnurls, secret=os.urandom(32)).auth_lnurl()
    refused(get(signed(url_of(forged), key)), "unknown")
    assert len(service.logins) == count

    assert get(signed(url, key)) == {"status": "OK"}
    assert service.logins[-1]["key"] == PrivateKey(key).public_key.format().hex()
    refused(get(signed(url, key)), "already used")
    assert len(service.logins) == count + 1
    assert daemon.calls == []
