"""Rates and conversions: exact, rounded the documented way, lies refused."""

from __future__ import annotations

from decimal import Decimal

import pytest

from wallet.errors import InputError
from wallet.fiat.rates import (
    STALE_AFTER,
    Rate,
    RateError,
    check_price,
    fiat_to_sat,
    format_fiat,
    parse_fiat,
    plausible_after,
    sat_to_fiat,
)
from wallet.fiat.sources import parse_coinbase, parse_coingecko

EUR = Rate("EUR", Decimal("61234.56"), 1_000_000, "test")


def test_conversions_are_exact_and_round_as_documented():
    assert sat_to_fiat(100_000_000, EUR) == Decimal("61234.56")
    assert sat_to_fiat(1, EUR) == Decimal("0.00")
    assert sat_to_fiat(10_000, EUR) == Decimal("6.12")  # 6.123456 -> 6.12
    assert sat_to_fiat(8_166, EUR) == Decimal("5.00")  # 5.0004... half up
    assert fiat_to_sat(Decimal("5"), EUR) == 8_165  # 8165.3... nearest
    assert fiat_to_sat(Decimal("61234.56"), EUR) == 100_000_000
    jpy = Rate("JPY", Decimal("9000000"), 0, "t")
    assert sat_to_fiat(12_345, jpy) == Decimal("1111")
    # the round trip a user sees: typed euros -> sat -> shown euros within one cent
    for cents in range(1, 5000, 37):
        amount = Decimal(cents) / 100
        assert abs(sat_to_fiat(fiat_to_sat(amount, EUR), EUR) - amount) <= Decimal("0.01")


@pytest.mark.parametrize("text, value", [("5", "5"), ("5.5", "5.5"), ("5,25", "5.25"),
                                         (" 1 000.10 ", "1000.10"), ("0.01", "0.01")])
def test_typed_fiat(text, value):
    assert parse_fiat(text, "EUR") == Decimal(value)


@pytest.mark.parametrize("text", ["", "abc", "1.2.3", "-5", "0", "0.00", "1.234", "1e3",
                                  "٣", "NaN", "Infinity", "5" * 41, "1,000.5"])
def test_bad_typed_fiat(text):
    with pytest.raises(InputError):
        parse_fiat(text, "EUR")


def test_yen_has_no_decimals():
    with pytest.raises(InputError, match="0 decimals"):
        parse_fiat("1.5", "JPY")


@pytest.mark.parametrize("value", [0, -1, "0", "NaN", "Infinity", "-Infinity", "1e400",
                                   1e13, "", "12,3", None, True, [], {}, "9" * 41])
def test_unbelievable_prices(value):
    with pytest.raises(RateError):
        check_price(value, "EUR", "test")


def test_source_formats_and_their_lies():
    good = {"data": {"base": "BTC", "currency": "EUR", "amount": "61234.56"}}
    assert parse_coinbase(good, "EUR", "x") == Decimal("61234.56")
    for lie in ({"data": {"base": "BTC", "currency": "USD", "amount": "1"}},
                {"data": {"base": "ETH", "currency": "EUR", "amount": "1"}},
                {"data": "61234"}, [], "61234", {"data": {"currency": "EUR"}}):
        with pytest.raises(RateError):
            parse_coinbase(lie, "EUR", "x")
    assert parse_coingecko({"bitcoin": {"eur": 61234.5}}, "EUR", "x") == Decimal("61234.5")
    for lie in ({"bitcoin": {"usd": 1}}, {"bitcoin": {"eur": "NaN"}}, {"ethereum": {"eur": 1}}):
        with pytest.raises(RateError):
            parse_coingecko(lie, "EUR", "x")


def test_staleness_and_jumps():
    assert not EUR.stale(EUR.fetched_at + STALE_AFTER) and EUR.stale(EUR.fetched_at + STALE_AFTER + 1)
    doubled = Rate("EUR", EUR.price * 2, EUR.fetched_at + 60, "test")
    assert not plausible_after(EUR, doubled)
    assert plausible_after(EUR, Rate("EUR", EUR.price * Decimal("1.1"), EUR.fetched_at + 60, "t"))
    assert plausible_after(EUR, Rate("EUR", EUR.price * 2, EUR.fetched_at + 7200, "t"))
    assert plausible_after(None, doubled)


def test_formatting():
    assert format_fiat(Decimal("61234.5"), "EUR") == "€61,234.50"
    assert format_fiat(Decimal("1111"), "JPY") == "¥1,111"
    assert format_fiat(Decimal("3.2"), "CHF") == "3.20 CHF"
