"""Exchange rates as checked facts, and exact conversions between sat and a currency. Pure.

A rate is the price of 1 BTC in a currency, as a `Decimal` (never a float: the amount
typed in euros must become the same sat every time). A source's answer is believed only
when it is a finite positive number within `MIN_PRICE`..`MAX_PRICE`, for the currency asked;
a new rate more than `MAX_JUMP` away from a recent one is refused as a lie or a glitch
(the recent one stays). A rate older than `STALE_AFTER` is shown as stale, with its time.

Conversions: sat -> fiat rounds to the currency's minor unit (half up); fiat -> sat rounds
to the nearest whole sat. The sat figure is what is sent and is always shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from wallet.errors import InputError
from wallet.sentence import Sentence

SAT_PER_BTC = 100_000_000
STALE_AFTER = 15 * 60  # seconds: older rates are shown as stale
JUMP_WINDOW = 3600  # seconds: a rate this recent is compared with the next one
MAX_JUMP = Decimal("0.5")  # a change above 50% within JUMP_WINDOW is refused
MIN_PRICE = Decimal("0.01")
MAX_PRICE = Decimal("1e12")
MAX_FIAT_TEXT = 40  # characters of a typed fiat amount

# ISO 4217 code: (symbol, decimals of its minor unit)
CURRENCIES: dict[str, tuple[str, int]] = {
    "USD": ("$", 2), "EUR": ("€", 2), "GBP": ("£", 2), "CHF": ("CHF", 2), "JPY": ("¥", 0),
    "CAD": ("CA$", 2), "AUD": ("A$", 2), "SEK": ("kr", 2), "NOK": ("kr", 2),
    "DKK": ("kr", 2), "PLN": ("zł", 2), "CZK": ("Kč", 2), "BRL": ("R$", 2), "INR": ("₹", 2),
}


class RateError(InputError):
    """A rate source's answer that is not believable, or a rate that cannot be used."""


@dataclass(frozen=True)
class Rate:
    currency: str
    price: Decimal  # of 1 BTC, in `currency`
    fetched_at: int  # Unix seconds, when this machine received it
    source: str

    def stale(self, now: float) -> bool:
        return now - self.fetched_at > STALE_AFTER

    def to_dict(self) -> dict[str, object]:
        return {"currency": self.currency, "price": str(self.price),
                "fetched_at": self.fetched_at, "source": self.source}


def check_currency(code: object) -> str:
    if not isinstance(code, str) or code.upper() not in CURRENCIES:
        raise RateError(Sentence("Kite does not know the currency %1", repr(str(code)[:8])))
    return code.upper()


def check_price(value: object, currency: str, source: str) -> Decimal:
    """A source's price of 1 BTC, believed only when it is a sane number."""
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise RateError(Sentence("The rate source %1 sent no price for %2.", source, currency))
    if isinstance(value, str) and len(value) > 40:
        raise RateError(Sentence("The rate source %1 sent an unreadable price.", source))
    try:
        price = Decimal(str(value))
    except InvalidOperation:
        raise RateError(Sentence("The rate source %1 sent an unreadable price.", source)) from None
    if not price.is_finite() or not MIN_PRICE <= price <= MAX_PRICE:
        raise RateError(Sentence("The rate source %1 sent a price for %2 that cannot be right.", source, currency))
    return price


def plausible_after(previous: Rate | None, new: Rate) -> bool:
    """Whether `new` may follow `previous` (a jump above MAX_JUMP within JUMP_WINDOW is not)."""
    if previous is None or previous.currency != new.currency:
        return True
    if new.fetched_at - previous.fetched_at > JUMP_WINDOW:
        return True
    change = abs(new.price - previous.price) / previous.price
    return change <= MAX_JUMP


def sat_to_fiat(sat: int, rate: Rate) -> Decimal:
    """The value of `sat` in the rate's currency, rounded to its minor unit."""
    decimals = CURRENCIES[rate.currency][1]
    value = Decimal(int(sat)) * rate.price / SAT_PER_BTC
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def fiat_to_sat(amount: Decimal, rate: Rate) -> int:
    """Whole sat for a fiat amount (nearest)."""
    sat = (amount * SAT_PER_BTC / rate.price).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return int(sat)


def parse_fiat(text: str, currency: str) -> Decimal:
    """A typed fiat amount: digits with one "." or "," for decimals, no more decimals than
    the currency has, positive. InputError says what is wrong."""
    if not isinstance(text, str) or len(text) > MAX_FIAT_TEXT:
        raise InputError("that is not an amount")
    cleaned = text.strip().replace("\u202f", "").replace(" ", "").replace(",", ".")
    if not cleaned or cleaned.count(".") > 1 or not cleaned.replace(".", "").isdigit() \
            or not cleaned.replace(".", "").isascii():
        raise InputError("that is not an amount")
    amount = Decimal(cleaned)
    decimals = CURRENCIES[check_currency(currency)][1]
    if -amount.as_tuple().exponent > decimals:  # type: ignore[operator]
        raise InputError(Sentence("%1 has %2 decimals at most", currency, decimals))
    if amount <= 0:
        raise InputError("the amount must be more than zero")
    return amount


def format_fiat(value: Decimal, currency: str) -> str:
    """12345.6 EUR -> "€12,345.60" (grouped, the currency's decimals)."""
    symbol, decimals = CURRENCIES[currency]
    text = f"{value:,.{decimals}f}"
    return f"{symbol}{text}" if len(symbol) <= 2 else f"{text} {symbol}"
