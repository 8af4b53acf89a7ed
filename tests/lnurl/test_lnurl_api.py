"""The facade's LNURL calls over a real (offline, channel-less) node and a real HTTP service
(tests/helpers/lnurl_shop.py on its own loop): the request the user is shown is the one the
next call uses; a payment goes through the node's normal `pay` (and its log); a withdrawal
with no room to receive is refused before anything is handed over; a login is signed with
the seed's key for the domain."""

from __future__ import annotations

import pytest

from tests.support.lnurl_shop import shop_in_thread
from wallet.api import WalletApi
from wallet.keys.bip32 import ExtendedKey
from wallet.keys.bip39 import mnemonic_to_seed
from wallet.keys.lnurl_auth import LinkingKeys
from wallet.ln.shell.payments import PaymentFailed
from wallet.lnurl.auth import AuthRequest
from wallet.lnurl.errors import LnurlError
from wallet.lnurl.responses import PayRequest, WithdrawRequest
from wallet.networks import REGTEST

PASSWORD = "pw"


@pytest.fixture
def shop(tmp_path):
    with shop_in_thread(tmp_path) as s:
        yield s


@pytest.fixture
def api(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    a = WalletApi(tmp_path / "wallet", REGTEST)
    words = WalletApi.generate_mnemonic()
    a.create(words, "", PASSWORD).result(timeout=60)
    a.open(PASSWORD).result(timeout=60)
    a.words = words
    yield a
    a.shutdown()


def test_pay_goes_through_the_nodes_payment_path(api, shop):
    assert api.looks_like_lnurl(shop.address) and not api.looks_like_lnurl("lnbcrt1xyz")
    request = api.lnurl_fetch(shop.address).result(timeout=10)
    assert isinstance(request, PayRequest) and request.metadata.description == "A coffee"
    with pytest.raises(PaymentFailed):  # no channel: the node's own pay says so
        api.lnurl_pay(request, 21_000, "hi", timeout=2).result(timeout=30)
    assert shop.comments == ["hi"]
    [row] = [p for p in api.payments().result(timeout=10) if p["direction"] == "out"]
    assert row["invoice"] == shop.invoices[0] and row["status"] == "failed"


def test_a_lying_invoice_never_reaches_the_node(api, shop):
    shop.lie["invoice"] = "amount"
    request = api.lnurl_fetch(shop.lnurl("/pay")).result(timeout=10)
    with pytest.raises(LnurlError, match="nothing was paid"):
        api.lnurl_pay(request, 21_000).result(timeout=30)
    assert [p for p in api.payments().result(timeout=10) if p["direction"] == "out"] == []


def test_withdraw_without_room_to_receive_is_refused(api, shop):
    request = api.lnurl_fetch(shop.lnurl("/withdraw")).result(timeout=10)
    assert isinstance(request, WithdrawRequest)
    assert api.lnurl_receivable_sat().result(timeout=10) == 0
    with pytest.raises(LnurlError, match="cannot receive over Lightning now"):
        api.lnurl_withdraw(request, 5_000).result(timeout=10)
    assert shop.withdraw_invoices == []
    assert api.payments().result(timeout=10) == []  # not even an invoice was made


def test_login_uses_the_seeds_key_for_the_domain(api, shop):
    request = api.lnurl_fetch(shop.login_lnurl()).result(timeout=10)
    assert isinstance(request, AuthRequest) and shop.auth_keys == []
    key = api.lnurl_linking_key(request).result(timeout=10)
    expected = LinkingKeys(ExtendedKey.from_seed(mnemonic_to_seed(api.words, ""), REGTEST))
    assert key == expected.public_key("127.0.0.1").hex()
    result = api.lnurl_auth(request).result(timeout=10)
    assert result["status"] == "OK" and shop.auth_keys == [key]
