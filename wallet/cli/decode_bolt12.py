"""`kite decode` for BOLT 12 strings (`lno1…` offers, `lnr1…` invoice requests, `lni1…`
invoices): checked as a payer would check them, then shown field by field."""

from __future__ import annotations

from typing import Any

from wallet.ln.bolt12.describe import to_json_dict
from wallet.ln.bolt12.invoice import Invoice
from wallet.ln.bolt12.invoice_request import InvoiceRequest
from wallet.ln.bolt12.message import Bolt12Message
from wallet.ln.bolt12.offer import Offer
from wallet.ln.bolt12.string_format import split_bolt12

_READERS = {"lno": Offer.from_bytes, "lnr": InvoiceRequest.from_bytes, "lni": Invoice.from_bytes}
_TITLES = {"offer": "BOLT 12 offer (reusable)", "invoice_request": "BOLT 12 invoice request",
           "invoice": "BOLT 12 invoice"}


def is_bolt12_text(text: str) -> bool:
    body = text.strip()
    if body.lower().startswith("lightning:"):
        body = body[len("lightning:"):].strip()
    head = "".join(c for c in body[:32] if c != "+" and not c.isspace()).lower()
    return head.startswith(("lno1", "lnr1", "lni1"))


def decode_bolt12_text(text: str) -> Bolt12Message:
    """The checked message (Bolt12Error, an InputError, if anything is wrong)."""
    body = text.strip()
    if body.lower().startswith("lightning:"):
        body = body[len("lightning:"):].strip()
    prefix, payload = split_bolt12(body)
    return _READERS[prefix](payload)


def render(message: Bolt12Message, safe_text: Any) -> str:
    data = to_json_dict(message)
    title = _TITLES[data.pop("type")]
    rows: list[tuple[str, str]] = []
    for name, value in data.items():
        items = value if isinstance(value, list) and value and isinstance(value[0], dict) \
            else [value]
        for index, item in enumerate(items):
            rows.append((name if index == 0 else "", _text(item, safe_text)))
    width = max(len(label) for label, _ in rows)
    return title + "\n" + "\n".join(f"  {label:<{width}}  {value}" for label, value in rows)


def _text(value: Any, safe_text: Any) -> str:
    if isinstance(value, str):
        return safe_text(value)
    if isinstance(value, dict):
        return ", ".join(f"{k} {_text(v, safe_text)}" for k, v in value.items())
    if isinstance(value, list):
        return ", ".join(_text(v, safe_text) for v in value) or "none"
    return str(value)
