"""Amounts as shown and typed: sats with thin-space groups, or BTC."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ui.models.units import MAX_SAT, format_sat, parse_amount

THIN = "\u202f"


@pytest.mark.parametrize(
    "sat, unit, signed, text",
    [(0, "sat", False, "0 sat"), (1234567, "sat", False, f"1{THIN}234{THIN}567 sat"),
     (-10500, "sat", True, f"\u221210{THIN}500 sat"), (25000, "sat", True, f"+25{THIN}000 sat"),
     (150_000, "btc", False, "0.00150000 BTC"), (2_100_000_000_000_000, "btc", False,
                                                  "21000000.00000000 BTC")],
)
def test_format(sat, unit, signed, text):
    assert format_sat(sat, unit, signed=signed) == text


@pytest.mark.parametrize(
    "text, unit, sat",
    [("12345", "sat", 12345), (f"12{THIN}345 sat", "sat", 12345), ("1,000", "sat", 1000),
     ("0.001", "btc", 100_000), ("0.00000001 BTC", "btc", 1), ("21000000", "btc", MAX_SAT)],
)
def test_parse(text, unit, sat):
    assert parse_amount(text, unit) == sat


@pytest.mark.parametrize(
    "text, unit",
    [("", "sat"), ("0", "sat"), ("1.5", "sat"), ("-3", "sat"), ("abc", "sat"), ("1e3", "sat"),
     ("0.000000001", "btc"), ("21000000.00000001", "btc"), ("1.2.3", "btc"), (".", "btc")],
)
def test_parse_rejects(text, unit):
    assert parse_amount(text, unit) is None


@settings(max_examples=300, deadline=None)
@given(st.integers(1, MAX_SAT), st.sampled_from(["sat", "btc"]))
def test_format_then_parse_round_trip(sat, unit):
    assert parse_amount(format_sat(sat, unit), unit) == sat


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=30), st.sampled_from(["sat", "btc"]))
def test_parse_never_raises(text, unit):
    sat = parse_amount(text, unit)
    assert sat is None or 0 < sat <= MAX_SAT


def test_format_msat_is_exact():
    from ui.models.units import format_msat

    assert format_msat(1_302) == "1.302 sat"
    assert format_msat(1_000) == "1 sat"
    assert format_msat(1_234_567_890) == f"1{THIN}234{THIN}567.89 sat"
    assert format_msat(1_302, "btc") == "0.00000001302 BTC"
    assert format_msat(-500) == "\u22120.5 sat"
