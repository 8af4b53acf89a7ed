"""The fiat value of a history entry at its time, from the rates the wallet kept. Pure.

A rate counts for an entry when it was fetched within `MAX_DISTANCE` of the entry's time
(the nearest one wins); otherwise the value at that time is not known and stays empty,
never filled from today's price.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

from wallet.fiat.rates import CURRENCIES, SAT_PER_BTC, Rate

MAX_DISTANCE = 3600  # seconds between an entry and the rate that values it


class RateTimeline:
    """The kept rates of one currency, searchable by time."""

    def __init__(self, currency: str, rates: Iterable[Rate]) -> None:
        self.currency = currency
        self._rates = sorted((r for r in rates if r.currency == currency),
                             key=lambda r: r.fetched_at)
        self._times = [r.fetched_at for r in self._rates]

    def at(self, when: int) -> Rate | None:
        """The rate nearest to `when` within MAX_DISTANCE, or None."""
        i = bisect.bisect_left(self._times, when)
        near = [r for r in self._rates[max(0, i - 1):i + 1]
                if abs(r.fetched_at - when) <= MAX_DISTANCE]
        return min(near, key=lambda r: abs(r.fetched_at - when)) if near else None


def msat_to_fiat(msat: int, rate: Rate) -> Decimal:
    """The value of `msat` in the rate's currency, half up to its minor unit."""
    decimals = CURRENCIES[rate.currency][1]
    value = Decimal(int(msat)) * rate.price / (SAT_PER_BTC * 1000)
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def timeline_from(answer: object) -> RateTimeline | None:
    """The `fiat_rates` command's answer as a timeline (None when it holds no currency).
    Rows that are not rates of the currency named are skipped."""
    if not isinstance(answer, dict) or answer.get("currency") not in CURRENCIES:
        return None
    currency = str(answer["currency"])
    rates = []
    for row in answer.get("rates") or []:
        try:
            price = Decimal(str(row["price"]))
            rates.append(Rate(str(row["currency"]), price, int(row["fetched_at"]),
                              str(row.get("source") or "")))
        except (KeyError, TypeError, ValueError, ArithmeticError):
            continue
        if not price.is_finite() or price <= 0:
            rates.pop()
    return RateTimeline(currency, rates)
