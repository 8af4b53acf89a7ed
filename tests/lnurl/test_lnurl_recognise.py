"""Recognising LNURLs in every written form (LUD-01, LUD-16, LUD-17), and the address policy."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wallet.errors import InputError
from wallet.lnurl.errors import LnurlError
from wallet.lnurl.recognise import (
    NotAnLnurl,
    decode_bech32_lnurl,
    encode_bech32_lnurl,
    looks_like_lnurl,
    recognise,
)
from wallet.lnurl.urls import check_url, query_params, with_query

# LUD-01's example
LUD01 = ("LNURL1DP68GURN8GHJ7UM9WFMXJCM99E3K7MF0V9CXJ0M385EKVCENXC6R2C35XVUKXEFCV5MKVV34X5EKZD3EV"
         "56NYD3HXQURZEPEXEJXXEPNXSCRVWFNV9NXZCN9XQ6XYEFHVGCXXCMYXYMNSERXFQ5FNS")
LUD01_URL = "https://service.com/api?q=3fc3645b439ce8e7f2553a69e5267081d96dcd340693afabe04be7b0ccd178df"


def test_lud01_example_decodes_in_either_case_and_round_trips():
    assert decode_bech32_lnurl(LUD01) == LUD01_URL
    assert decode_bech32_lnurl(LUD01.lower()) == LUD01_URL
    assert encode_bech32_lnurl(LUD01_URL) == LUD01
    t = recognise(LUD01)
    assert (t.url, t.service, t.domain, t.kind, t.address) == (
        LUD01_URL, "service.com", "service.com", None, None)


@pytest.mark.parametrize("text", [
    LUD01, LUD01.lower(), "lightning:" + LUD01, "LIGHTNING:" + LUD01, "  lightning:" + LUD01 + "\n",
    "bitcoin:bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq?amount=0.001&lightning=" + LUD01,
    "bitcoin:?lightning=" + LUD01.lower(),
    "https://service.com/giftcard/redeem?id=123&lightning=" + LUD01,
])
def test_bech32_lnurl_in_every_wrapper(text):
    assert looks_like_lnurl(text)
    assert recognise(text).url == LUD01_URL


def test_mixed_case_and_damaged_bech32_are_refused_with_a_sentence():
    mixed = LUD01[:10] + LUD01[10:].lower()
    for text in (mixed, LUD01[:-1] + ("Q" if LUD01[-1] != "Q" else "P"), LUD01[:40]):
        with pytest.raises(LnurlError, match="This LNURL is damaged"):
            recognise(text)


def test_bech32_of_something_that_is_not_a_web_address():
    for inner in ("ftp://x.com/a", "hello", "https://user:pw@x.com/a", "http://x.com/a",
                  "https://exa mple.com/"):
        with pytest.raises(LnurlError) as e:
            recognise(encode_bech32_lnurl(inner))
        assert not isinstance(e.value, NotAnLnurl)
        assert e.value.message.endswith(".")


def test_lud17_schemes():
    assert recognise("lnurlp://shop.com/p/1").to_json_dict() == {
        "url": "https://shop.com/p/1", "service": "shop.com", "domain": "shop.com",
        "kind": "pay", "address": None}
    assert recognise("LNURLW://shop.com:8443/w?x=1").url == "https://shop.com:8443/w?x=1"
    assert recognise("lnurlw://shop.com/w").kind == "withdraw"
    assert recognise("lnurlp://abcdefgh.onion/p").url == "http://abcdefgh.onion/p"
    t = recognise("keyauth://auth.site.com/l?tag=login&k1=" + "00" * 32)
    assert (t.kind, t.domain) == ("auth", "auth.site.com")
    with pytest.raises(LnurlError, match="channel request"):
        recognise("lnurlc://shop.com/c")
    with pytest.raises(LnurlError, match="valid host"):
        recognise("lnurlp:///nohost")


def test_login_is_known_from_the_lnurl_itself():
    t = recognise(encode_bech32_lnurl("https://a.b.site.com./x?tag=login&k1=" + "ab" * 32))
    assert (t.kind, t.domain, t.service) == ("auth", "a.b.site.com", "a.b.site.com")


@pytest.mark.parametrize("text,url", [
    ("satoshi@bitcoin.org", "https://bitcoin.org/.well-known/lnurlp/satoshi"),
    ("lightning:Satoshi@Bitcoin.org", "https://bitcoin.org/.well-known/lnurlp/satoshi"),
    ("a.b-c_d@x.y.z", "https://x.y.z/.well-known/lnurlp/a.b-c_d"),
    ("tip@abcdefgh.onion", "http://abcdefgh.onion/.well-known/lnurlp/tip"),
    ("tip@shop.com:8443", "https://shop.com:8443/.well-known/lnurlp/tip"),
])
def test_lightning_addresses(text, url):
    assert looks_like_lnurl(text)
    t = recognise(text)
    assert (t.url, t.kind) == (url, "pay")
    assert t.address == text.lower().removeprefix("lightning:")


def test_local_addresses_use_http_only_when_allowed():
    assert recognise("coffee@127.0.0.1:8080", local_http=True).url == \
        "http://127.0.0.1:8080/.well-known/lnurlp/coffee"
    # on other networks a local address is still https (and the devnet's http is refused)
    assert recognise("coffee@127.0.0.1:8080").url.startswith("https://")
    with pytest.raises(LnurlError, match="unencrypted"):
        recognise(encode_bech32_lnurl("http://127.0.0.1:8080/p"))
    assert recognise(encode_bech32_lnurl("http://127.0.0.1:8080/p"), local_http=True).service \
        == "127.0.0.1:8080"
    assert recognise(encode_bech32_lnurl("http://localhost/p"), local_http=True).domain \
        == "localhost"


@pytest.mark.parametrize("text,match", [
    ("₿satoshi@bitcoin.org", "BIP 353"),
    ("lightning:₿satoshi@bitcoin.org", "BIP 353"),
    ("Sat oshi@bitcoin.org", "not an LNURL"),
    ("sat!oshi@bitcoin.org", "only a-z"),
    ("satoshi@bitcoin", "no valid domain"),
    ("satoshi@bit_coin.org", "no valid domain"),
    ("satoshi@bitcoin.org:99999", "no valid domain"),
    ("@bitcoin.org", "not an LNURL"),
    ("x" * 65 + "@bitcoin.org", "only a-z"),
])
def test_bad_lightning_addresses(text, match):
    with pytest.raises(LnurlError, match=match):
        recognise(text)


def test_bip353_sentence_names_bolt12():
    with pytest.raises(LnurlError) as e:
        recognise("₿bob@example.com")
    assert "BOLT 12" in e.value.message


@pytest.mark.parametrize("text", [
    "lnbc1500n1ps...", "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq", "bitcoin:bc1q?amount=1",
    "hello world", "", "   ", "https://example.com/", "x" * 9000,
])
def test_other_things_are_not_lnurls(text):
    assert not looks_like_lnurl(text) or "@" in text
    with pytest.raises(NotAnLnurl):
        recognise(text)


def test_url_policy():
    assert check_url("https://x.com", local_http=False).url == "https://x.com/"
    assert check_url("https://x.com/a#frag", local_http=False).url == "https://x.com/a"
    assert check_url("https://[::1]:8/a", local_http=False).service == "[::1]:8"
    for bad in ("https://x.com:99999/", "https://-x.com/", "https://x..com/", "https://é.com/",
                "javascript:alert(1)", "https://x.com/" + "a" * 3000, "https://u@x.com/",
                "https://x.com/\n"):
        with pytest.raises(LnurlError):
            check_url(bad, local_http=False)


def test_query_helpers():
    assert with_query("https://x.com/cb", [("amount", "1000")]) == "https://x.com/cb?amount=1000"
    assert with_query("https://x.com/cb?id=7", [("amount", "1"), ("comment", "a b&c")]) == \
        "https://x.com/cb?id=7&amount=1&comment=a+b%26c"
    with pytest.raises(LnurlError, match="same parameter twice"):
        query_params("https://x.com/?k1=1&K1=2")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_random_text_never_crashes_the_recogniser(text):
    looks_like_lnurl(text)
    try:
        recognise(text)
    except InputError as e:
        assert str(e)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="lnurl1qpzry9x8gf2tvdw0s3jn54khce6mua7@.:/?&=₿LNURLPW", max_size=200))
def test_random_lnurlish_text_never_crashes_the_recogniser(text):
    for prefix in ("", "lightning:", "lnurlp://", "bitcoin:?lightning="):
        try:
            recognise(prefix + text, local_http=True)
        except InputError as e:
            assert str(e)
