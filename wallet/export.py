"""History as CSV for spreadsheets and accounting: `kite history --csv`, `kite payments --csv`.

One row per movement of money: date (UTC, ISO 8601; empty while unconfirmed), direction,
amount and fee in sat (exact: Lightning's millisatoshis as decimals, "1234.567"), kind,
status, description, and the txid or payment hash. The amount is what went to or came from
the other side; the fee is what this wallet paid on top (empty when another party paid it).
Lightning payments that moved nothing (failed ones, invoices never paid) are left out.

Descriptions come from other people's invoices: a text a spreadsheet would run as a formula
(starting with = + - @ or a tab/carriage return) gets a leading apostrophe. Pure code.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

COLUMNS = ("date", "direction", "amount_sat", "fee_sat", "kind", "status", "description", "id")
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


def onchain_rows(history: Iterable[dict[str, Any]]) -> list[dict[str, str]]:
    """Rows for the daemon's on-chain history ({txid, delta_sat, fee_sat, confirmations,
    timestamp})."""
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
            "description": spreadsheet_safe(t.get("label")),
            "id": str(t["txid"]),
        })
    return rows


def lightning_rows(payments: Iterable[dict[str, Any]]) -> list[dict[str, str]]:
    """Rows for the payment log ({payment_hash, direction, status, amount_msat, fee_msat,
    description, created_at, completed_at}): sent (paid or in flight) and received (paid)."""
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
            "description": spreadsheet_safe(p.get("description")),
            "id": str(p["payment_hash"]),
        })
    return rows


def to_csv(rows: Iterable[dict[str, str]]) -> str:
    """The CSV text: a header row, then one line per row (RFC 4180 quoting)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()
