"""Where rates come from: each source is a URL per currency and a parser of its JSON. Pure.

- "coinbase": GET /v2/prices/BTC-EUR/spot -> {"data": {"base": "BTC", "currency": "EUR",
  "amount": "61234.56"}} (the currency in the answer must be the one asked);
- "coingecko": GET /api/v3/simple/price?ids=bitcoin&vs_currencies=eur ->
  {"bitcoin": {"eur": 61234.56}};
- "devnet": the coinbase format, served by the devnet on this machine (regtest only; its
  address comes from the devnet, `WalletApi.rate_url`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from wallet.fiat.rates import RateError, check_price
from wallet.sentence import Sentence

MAX_RATE_BYTES = 16_384  # a price fits in far less; more is refused unread


@dataclass(frozen=True)
class RateSource:
    name: str
    label: str  # what the settings page shows
    url: Callable[[str], str]  # currency (ISO code) -> the address to GET
    parse: Callable[[Any, str, str], Decimal]  # (json, currency, name) -> price of 1 BTC


def parse_coinbase(body: Any, currency: str, name: str) -> Decimal:
    data = body.get("data") if isinstance(body, dict) else None
    if not isinstance(data, dict):
        raise RateError(Sentence("The rate source %1 answered something that is not a price.", name))
    if data.get("currency") != currency or data.get("base", "BTC") != "BTC":
        raise RateError(Sentence("The rate source %1 answered for another currency than %2.", name, currency))
    return check_price(data.get("amount"), currency, name)


def parse_coingecko(body: Any, currency: str, name: str) -> Decimal:
    prices = body.get("bitcoin") if isinstance(body, dict) else None
    if not isinstance(prices, dict) or currency.lower() not in prices:
        raise RateError(Sentence("The rate source %1 answered something that is not a price in %2.", name, currency))
    return check_price(prices[currency.lower()], currency, name)


def coinbase_format(base_url: str, name: str, label: str) -> RateSource:
    """A source answering in the coinbase format under `base_url` (the devnet, tests)."""
    base = base_url.rstrip("/")
    return RateSource(name, label, lambda c: f"{base}/v2/prices/BTC-{c}/spot", parse_coinbase)


PUBLIC_SOURCES: dict[str, RateSource] = {
    "coinbase": coinbase_format("https://api.coinbase.com", "coinbase", "Coinbase"),
    "coingecko": RateSource(
        "coingecko", "CoinGecko",
        lambda c: f"https://api.coingecko.com/api/v3/simple/price?ids=bitcoin&vs_currencies={c.lower()}",
        parse_coingecko),
}
DEFAULT_SOURCE = "coinbase"


def sources_for(network_name: str, rate_url: str | None) -> dict[str, RateSource]:
    """The sources a wallet on `network_name` offers: the public ones, and on regtest the
    devnet's rate server first when its address is known (the window and the node alike)."""
    sources: dict[str, RateSource] = {}
    if network_name == "regtest" and rate_url:
        sources["devnet"] = coinbase_format(rate_url, "devnet", "Devnet rates")
    return sources | PUBLIC_SOURCES
