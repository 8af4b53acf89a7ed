"""The devnet's rate endpoint (Shop's service) through the facade's rate source: up, down
(the last rate kept, with the reason), and stale with time."""

from __future__ import annotations

import time

from tests.devnet.test_shop_lnurl import FakeShopDaemon
from wallet.api import WalletApi
from wallet.devnet.shop_lnurl import ShopLnurl
from wallet.fiat import rate_service
from wallet.fiat.rates import STALE_AFTER
from wallet.networks import MAINNET, REGTEST


def test_the_devnet_rate_source_up_down_and_stale(tmp_path, monkeypatch):
    monkeypatch.setattr(rate_service, "REFRESH_AFTER", 0.0)
    shop = ShopLnurl(FakeShopDaemon()).start()
    api = WalletApi(tmp_path / "w", REGTEST)
    try:
        assert "devnet" not in api.rate_sources()  # no devnet known: not offered
        api.rate_url = shop.lnurls.base
        assert api.rate_sources()["devnet"] == "Devnet rates"
        up = api.fiat_rate("EUR", "devnet").result(timeout=20)
        assert (up["price"], up["stale"], up["error"]) == ("60000.00", False, "")
        unknown = api.fiat_rate("SEK", "devnet").result(timeout=20)
        assert unknown["price"] is None and "HTTP 404" in unknown["error"]

        shop.stop()  # down: the last good rate stays, with why the new one is missing
        down = api.fiat_rate("EUR", "devnet").result(timeout=20)
        assert down["price"] == "60000.00" and "could not be reached" in down["error"]
        later = time.time() + STALE_AFTER + 1
        monkeypatch.setattr(rate_service.time, "time", lambda: later)
        stale = api.fiat_rate("EUR", "devnet").result(timeout=20)
        assert stale["price"] == "60000.00" and stale["stale"]
    finally:
        api.shutdown()
        shop.stop()


def test_mainnet_offers_only_public_sources(tmp_path):
    api = WalletApi(tmp_path / "w", MAINNET)
    try:
        api.rate_url = "http://127.0.0.1:1"
        assert set(api.rate_sources()) == {"coinbase", "coingecko"}
    finally:
        api.shutdown()
