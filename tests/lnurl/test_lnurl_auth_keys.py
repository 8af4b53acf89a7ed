"""LNURL-auth: LUD-05 linking keys from the seed (LUD-05's vector), LUD-04 signatures (its
vector), and the login request read from the LNURL."""

from __future__ import annotations

import pytest
from coincurve import PrivateKey

from wallet.keys.bip32 import HARDENED, ExtendedKey, ExtendedKeyError
from wallet.keys.bip39 import mnemonic_to_seed
from wallet.keys.lnurl_auth import LinkingKeys, linking_key_path, normalise_domain, path_suffix
from wallet.keys.wallet_keys import WalletKeys
from wallet.lnurl.auth import (
    ACTIONS,
    parse_auth_request,
    sign_challenge,
    signed_url,
    verify_signature,
)
from wallet.lnurl.errors import LnurlError
from wallet.lnurl.recognise import encode_bech32_lnurl, recognise
from wallet.lnurl.urls import query_params
from wallet.networks import MAINNET, REGTEST

WORDS = "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about"
K1 = "e2af6254a8df433264fa23f67eb8188635d15ce883e8fc020989d5f82ae6f11e"


def test_lud05_vector():
    hashing = bytes.fromhex("7d417a6a5e9a6a4a879aeaba11a11838764c8fa2b959c242d43dea682b3e409b")
    assert path_suffix(hashing, "site.com") == (1588488367, 2659270754, 38110259, 4136336762)
    # the same domain however it is written in a URL
    assert path_suffix(hashing, "SITE.com.") == path_suffix(hashing, "site.com")
    assert linking_key_path(hashing, "site.com") == \
        f"m/138'/1588488367/{2659270754 - HARDENED}'/38110259/{4136336762 - HARDENED}'"


def test_linking_key_is_the_documented_path_of_the_seed():
    seed = mnemonic_to_seed(WORDS, "")
    root = ExtendedKey.from_seed(seed, MAINNET)
    hashing = root.derive_path("m/138'/0").private_key
    expected = root.derive_path(linking_key_path(hashing, "site.com"))
    keys = LinkingKeys(root)
    assert keys.private_key("site.com") == expected.private_key
    assert keys.public_key("site.com") == expected.public_key


def test_one_key_per_domain_same_after_restore_and_on_every_network():
    a = WalletKeys.from_mnemonic(WORDS, "", MAINNET).lnurl_auth
    b = WalletKeys.from_mnemonic(WORDS, "", REGTEST).lnurl_auth  # a restore, elsewhere
    other = WalletKeys.from_mnemonic(WORDS, "pass", MAINNET).lnurl_auth
    assert a.public_key("site.com") == b.public_key("site.com")
    assert a.public_key("site.com") != a.public_key("login.site.com")
    assert a.public_key("site.com") != other.public_key("site.com")
    assert PrivateKey(a.private_key("x.org")).public_key.format() == a.public_key("x.org")
    assert repr(a) == "LinkingKeys()"


def test_linking_keys_need_the_master_private_key():
    root = ExtendedKey.from_seed(bytes(32), MAINNET)
    with pytest.raises(ExtendedKeyError):
        LinkingKeys(root.derive(0))
    with pytest.raises(ExtendedKeyError):
        LinkingKeys(root.neuter())
    for bad in ("", ".", "é.com", "x" * 300):
        with pytest.raises(ExtendedKeyError):
            normalise_domain(bad)


def test_lud04_signature_vector():
    key = bytes.fromhex("02c3b844b8104f0c1b15c507774c9ba7fc609f58f343b9b149122e944dd20c9362")
    sig = bytes.fromhex("304402203767faf494f110b139293d9bab3c50e07b3bf33c463d4aa767256cd09132dc51"
                        "02205821f8efacdb5c595b92ada255876d9201e126e2f31a140d44561cc1f7e9e43d")
    assert verify_signature(bytes.fromhex(K1), key, sig)
    assert not verify_signature(bytes.fromhex(K1)[::-1], key, sig)
    assert not verify_signature(bytes.fromhex(K1), key, sig[:-1] + b"\x00")


def test_sign_challenge_signs_k1_itself():
    secret = bytes(range(1, 33))
    pub = PrivateKey(secret).public_key.format()
    sig = sign_challenge(bytes.fromhex(K1), secret)
    assert verify_signature(bytes.fromhex(K1), pub, sig)
    with pytest.raises(LnurlError):
        sign_challenge(b"short", secret)


def test_login_request_and_signed_url():
    url = f"https://auth.site.com/login?tag=login&k1={K1}&action=register"
    request = parse_auth_request(recognise(encode_bech32_lnurl(url)))
    assert (request.domain, request.action, request.k1.hex()) == ("auth.site.com", "register", K1)
    assert request.action_text == ACTIONS["register"]
    signed = signed_url(request, b"\x02" * 33, b"\x30\x01")
    params = query_params(signed)
    assert params["k1"] == K1 and params["sig"] == "3001" and params["key"] == "02" * 33
    assert parse_auth_request(recognise(f"keyauth://site.com/l?k1={K1}")).action == "login"


@pytest.mark.parametrize("query,match", [
    ("tag=login&k1=" + K1[:-2], "not 32 bytes"),
    ("tag=login&k1=" + K1 + "00", "not 32 bytes"),
    ("tag=login&k1=" + "zz" * 32, "not 32 bytes"),
    ("tag=login", "not 32 bytes"),
    ("tag=login&k1=" + K1 + "&action=steal", "action Kite does not know"),
    ("tag=login&k1=" + K1 + "&k1=" + K1, "same parameter twice"),
    ("tag=login&k1=" + K1 + "&sig=00&key=00", "already carries"),
])
def test_malformed_login_requests(query, match):
    target = recognise(encode_bech32_lnurl("https://site.com/l?" + query))
    with pytest.raises(LnurlError, match=match):
        parse_auth_request(target)
