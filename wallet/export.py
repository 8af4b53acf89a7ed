"""History as CSV or JSON for spreadsheets and accounting: `kite history --csv`,
`kite payments --csv`, `kite export`, and the GUI's Export page.

One row per movement of money: date (UTC, ISO 8601; empty while unconfirmed), direction,
amount and fee in sat (exact: Lightning's millisatoshis as decimals, "1234.567"), kind,
status, description, the user's note ("label"), and the txid or payment hash. The amount is what went to or came from
the other side; the fee is what this wallet paid on top (empty when another party paid it).
Lightning payments that moved nothing (failed ones, invoices never paid) are left out.

The amount's fiat value at the entry's time, when a rate for that time is known (a rate
the wallet kept within an hour of it: `fiat/at_time.py`): currency, the price of 1 BTC
used, when that price was seen, and the value (exact decimal, the currency's minor unit).
The four are empty when no rate for that time is known, or while the entry has no date.

Descriptions come from other people's invoices: in the CSV, a text a spreadsheet would run as
a formula (starting with = + - @ or a tab/carriage return) gets a leading apostrophe (the
JSON keeps texts as they are). Pure code.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from wallet.fiat.at_time import RateTimeline, msat_to_fiat
from wallet.sentence import Sentence

COLUMNS = ("date", "direction", "amount_sat", "fee_sat", "kind", "status", "description",
           "label", "id", "fiat_currency", "fiat_rate", "fiat_rate_date", "fiat_value")
_NO_FIAT = {"fiat_currency": "", "fiat_rate": "", "fiat_rate_date": "", "fiat_value": ""}
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def sat_text(msat: int) -> str:
    """Millisatoshis as an exact decimal number of satoshis: 1234000 -> "1234", 1 -> "0.001"."""
    sign = "-" if msat < 0 else ""
    whole, frac = divmod(abs(int(msat)), 1000)
    return f"{sign}{whole}" + (f".{frac:03d}".rstrip("0") if frac else "")


def spreadsheet_safe(text: str | None) -> str:
    """Text a spreadsheet shows as text, never evaluates."""
    text = text or ""
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def _date(timestamp: Any) -> str:
    if not timestamp:
        return ""
    return datetime.fromtimestamp(int(timestamp), UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _fiat(amount_msat: int | None, when: Any, rates: RateTimeline | None) -> dict[str, str]:
    """The fiat columns of an amount at `when` (empty when no rate for that time is known)."""
    if rates is None or amount_msat is None or not when:
        return dict(_NO_FIAT)
    rate = rates.at(int(when))
    if rate is None:
        return dict(_NO_FIAT)
    return {"fiat_currency": rate.currency, "fiat_rate": str(rate.price),
            "fiat_rate_date": _date(rate.fetched_at),
            "fiat_value": str(msat_to_fiat(amount_msat, rate))}


def onchain_rows(history: Iterable[dict[str, Any]], rates: RateTimeline | None = None
                 ) -> list[dict[str, str]]:
    """Rows for the daemon's on-chain history ({txid, delta_sat, fee_sat, confirmations,
    timestamp, label (what the wallet knows: "Channel opened"), note (the user's)}), valued
    in fiat with `rates` when given."""
    rows = []
    for t in history:
        delta, fee = int(t["delta_sat"]), t.get("fee_sat")
        outgoing = delta < 0
        if outgoing and fee is not None:
            amount, fee_text = -delta - int(fee), sat_text(int(fee) * 1000)
        else:  # incoming: the sender paid the fee
            amount, fee_text = abs(delta), ""
        rows.append({
            "date": _date(t.get("timestamp")) if t.get("confirmations") else "",
            "direction": "out" if outgoing else "in",
            "amount_sat": sat_text(amount * 1000),
            "fee_sat": fee_text,
            "kind": "onchain",
            "status": "confirmed" if t.get("confirmations") else "unconfirmed",
            "description": str(t.get("label") or ""),
            "label": str(t.get("note") or ""),
            "id": str(t["txid"]),
            **_fiat(amount * 1000, t.get("timestamp") if t.get("confirmations") else None,
                    rates),
        })
    return rows


def lightning_rows(payments: Iterable[dict[str, Any]], rates: RateTimeline | None = None
                   ) -> list[dict[str, str]]:
    """Rows for the payment log ({payment_hash, direction, status, amount_msat, fee_msat,
    description, created_at, completed_at, note}): sent (paid or in flight) and received (paid)."""
    rows = []
    for p in payments:
        status, direction = p["status"], p["direction"]
        if status == "failed" or (direction == "in" and status != "paid"):
            continue
        amount, fee = p.get("amount_msat"), p.get("fee_msat")
        rows.append({
            "date": _date(p.get("completed_at") or p.get("created_at")),
            "direction": direction,
            "amount_sat": "" if amount is None else sat_text(int(amount)),
            "fee_sat": "" if fee is None or direction == "in" else sat_text(int(fee)),
            "kind": "lightning",
            "status": status,
            "description": str(p.get("description") or ""),
            "label": str(p.get("note") or ""),
            "id": str(p["payment_hash"]),
            **_fiat(None if amount is None else int(amount),
                    p.get("completed_at") or p.get("created_at"), rates),
        })
    return rows


def newest_first(rows: Iterable[dict[str, str]]) -> list[dict[str, str]]:
    """Both kinds together: undated (unconfirmed) rows on top, then newest first."""
    rows = list(rows)
    dated = sorted((r for r in rows if r["date"]), key=lambda r: r["date"], reverse=True)
    return [r for r in rows if not r["date"]] + dated


def to_json(rows: Iterable[dict[str, str]]) -> str:
    """The same rows as a JSON list of objects with the CSV's columns. Amounts stay exact
    decimal strings (a JSON number would become a float); texts are exactly as written
    (no spreadsheet apostrophe: JSON is not opened by a spreadsheet)."""
    return json.dumps([{c: r.get(c, "") for c in COLUMNS} for r in rows], indent=1,
                      ensure_ascii=False) + "\n"


def to_csv(rows: Iterable[dict[str, str]]) -> str:
    """The CSV text: a header row, then one line per row (RFC 4180 quoting); description
    and label made formula-safe."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows({**r, "description": spreadsheet_safe(r.get("description")),
                      "label": spreadsheet_safe(r.get("label"))} for r in rows)
    return out.getvalue()


FORMATS = ("csv", "json")


def export_rows(onchain: Iterable[dict[str, Any]], payments: Iterable[dict[str, Any]],
                rates: RateTimeline | None = None) -> list[dict[str, str]]:
    """The whole history's rows: on-chain and Lightning together, newest first."""
    return newest_first(onchain_rows(onchain, rates) + lightning_rows(payments, rates))


def export_text(onchain: Iterable[dict[str, Any]], payments: Iterable[dict[str, Any]],
                fmt: str, rates: RateTimeline | None = None) -> str:
    """The whole history as `fmt` ("csv" or "json")."""
    if fmt not in FORMATS:
        raise ValueError(Sentence("unknown export format %1", repr(fmt)))
    rows = export_rows(onchain, payments, rates)
    return to_csv(rows) if fmt == "csv" else to_json(rows)
