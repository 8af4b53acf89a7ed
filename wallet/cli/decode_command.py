"""`kite decode`: check a Lightning invoice and show what it asks for, without paying it.

Works offline and without a wallet. Invalid invoices are reported by the CLI framework as
one line on stderr with exit code 2 (InvoiceError is an InputError).
"""

from __future__ import annotations

import argparse
import time
import unicodedata
from datetime import UTC, datetime
from decimal import Decimal

from wallet.cli.common import print_json
from wallet.cli.decode_bolt12 import decode_bolt12_text, is_bolt12_text
from wallet.cli.decode_bolt12 import render as render_bolt12
from wallet.ln.bolt11.invoice import Invoice, decode_invoice, format_short_channel_id
from wallet.ln.bolt12.describe import to_json_dict
from wallet.ln.features import BY_BIT


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "decode",
        help="decode and check a Lightning invoice (BOLT 11) or a BOLT 12 offer or invoice",
        description="Decode a Lightning invoice (BOLT 11), or a BOLT 12 offer (lno1), invoice "
        "request (lnr1) or invoice (lni1); check it and show it. A 'lightning:' prefix is "
        "accepted.",
    )
    parser.add_argument("invoice", metavar="INVOICE", help="the invoice text")
    parser.add_argument("--json", action="store_true", help="print a JSON object instead")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if is_bolt12_text(args.invoice):  # an offer, invoice request or BOLT 12 invoice
        message = decode_bolt12_text(args.invoice)
        if args.json:
            print_json(to_json_dict(message))
        else:
            print(render_bolt12(message, safe_text))
        return 0
    invoice = decode_invoice(args.invoice)
    if args.json:
        print_json(invoice.to_json_dict())
    else:
        print(render_summary(invoice, now=time.time()))
    return 0


def safe_text(text: str) -> str:
    """Printable text: control and formatting characters (terminal escapes, bidi overrides,
    newlines) from a payee-chosen description are shown as \\u escapes."""
    return "".join(
        f"\\u{ord(c):04x}" if unicodedata.category(c).startswith("C") else c for c in text
    )


def _format_time(ts: int) -> str:
    try:
        return datetime.fromtimestamp(ts, tz=UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
    except (OverflowError, ValueError, OSError):
        return "beyond the year 9999"


def _format_btc(msat: int) -> str:
    btc = (Decimal(msat) / Decimal(10**11)).normalize()
    return f"{btc:f} BTC"


def _format_features(bits: frozenset[int]) -> str:
    """Each bit with its BOLT 9 name: "payment_secret (14, required)"."""
    if not bits:
        return "none"
    return ", ".join(
        f"{BY_BIT[bit].name if bit in BY_BIT else 'unknown'} "
        f"({bit}, {'required' if bit % 2 == 0 else 'optional'})"
        for bit in sorted(bits)
    )


def render_summary(invoice: Invoice, now: float) -> str:
    """A human-readable, multi-line description of the invoice."""
    rows: list[tuple[str, str]] = [("network", invoice.network.name)]
    if invoice.amount_msat is None:
        rows.append(("amount", "not specified (the payer chooses)"))
    else:
        rows.append(("amount", f"{invoice.amount_msat} msat ({_format_btc(invoice.amount_msat)})"))
    if invoice.description is not None:
        rows.append(("description", safe_text(invoice.description)))
    else:
        assert invoice.description_hash is not None
        rows.append(("description hash", invoice.description_hash.hex()))
    rows += [
        ("payment hash", invoice.payment_hash.hex()),
        ("payment secret", invoice.payment_secret.hex()),
        ("payee", invoice.payee.hex()),
        ("created", _format_time(invoice.timestamp)),
    ]
    status = "EXPIRED" if invoice.is_expired(now) else "not expired"
    rows.append(
        ("expires", f"{_format_time(invoice.expires_at)} ({invoice.expiry} s after creation; "
                    f"{status})")
    )
    rows.append(("min final CLTV", f"{invoice.min_final_cltv_expiry_delta} blocks"))
    rows.append(("features", _format_features(invoice.features)))
    if invoice.metadata is not None:
        rows.append(("payment metadata", invoice.metadata.hex() or "(empty)"))
    for address in invoice.fallback_addresses:
        rows.append(("fallback address", address))
    for n, route in enumerate(invoice.route_hints, 1):
        for i, hop in enumerate(route):
            rows.append((
                f"route hint {n}" if i == 0 else "",
                f"from {hop.pubkey.hex()} via {format_short_channel_id(hop.short_channel_id)}: "
                f"fee {hop.fee_base_msat} msat + {hop.fee_proportional_millionths} ppm, "
                f"cltv delta {hop.cltv_expiry_delta}",
            ))
    if invoice.ignored_fields:
        rows.append((
            "ignored fields",
            ", ".join(f"'{f.tag}' ({f.data_length} chars)" for f in invoice.ignored_fields),
        ))
    width = max(len(label) for label, _ in rows)
    return "Lightning invoice (BOLT 11)\n" + "\n".join(
        f"  {label:<{width}}  {value}" for label, value in rows
    )
