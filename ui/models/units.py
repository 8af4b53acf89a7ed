"""Amounts as people read and type them: sats with thin-space groups, or BTC."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

SAT_PER_BTC = 100_000_000
MAX_SAT = 21_000_000 * SAT_PER_BTC
_THIN = "\u202f"  # narrow no-break space between groups of three digits


def format_sat(sat: int, unit: str = "sat", *, signed: bool = False) -> str:
    """'12 345 sat' or '0.00012345 BTC'; a leading '+' or '−' when `signed`."""
    sign = ""
    if sat < 0:
        sign = "\u2212"
    elif signed and sat > 0:
        sign = "+"
    sat = abs(sat)
    if unit == "btc":
        whole, frac = divmod(sat, SAT_PER_BTC)
        return f"{sign}{whole}.{frac:08d} BTC"
    return f"{sign}{sat:,}".replace(",", _THIN) + " sat"


def format_msat(msat: int, unit: str = "sat") -> str:
    """Like `format_sat`, exact to the millisatoshi: '1.302 sat' (fees are paid in msat)."""
    sat, rest = divmod(abs(int(msat)), 1000)
    sign = "\u2212" if msat < 0 else ""
    if rest == 0:
        return sign + format_sat(sat, unit)
    frac = f"{rest:03d}".rstrip("0")
    if unit == "btc":
        whole, sats = divmod(sat, SAT_PER_BTC)
        return f"{sign}{whole}.{sats:08d}{frac} BTC"
    return sign + format_sat(sat, unit).removesuffix(" sat") + "." + frac + " sat"


def parse_amount(text: str, unit: str = "sat") -> int | None:
    """Typed amount in `unit` to sats; None when it is not a valid positive amount."""
    cleaned = text.strip().replace(_THIN, "").replace(" ", "").replace(",", "")
    for suffix in ("sats", "sat", "btc"):
        if cleaned.lower().endswith(suffix):
            cleaned = cleaned[: -len(suffix)]
            break
    if not cleaned or not all(c.isdigit() or c == "." for c in cleaned) or cleaned.count(".") > 1:
        return None
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        return None
    sat = value * SAT_PER_BTC if unit == "btc" else value
    if sat != sat.to_integral_value() or not 0 < sat <= MAX_SAT:
        return None
    return int(sat)
