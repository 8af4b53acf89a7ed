"""BOLT 12 messages as plain data for people and JSON (`kite decode`): every field we know
by its spec name, unknown ones by number. Pure code."""

from __future__ import annotations

from typing import Any

from wallet.ln.bolt12.fields import INVOICE, INVOICE_REQUEST, OFFER, StreamSpec
from wallet.ln.bolt12.invoice import Invoice
from wallet.ln.bolt12.invoice_request import InvoiceRequest
from wallet.ln.bolt12.message import BITCOIN_CHAIN, Bolt12Message
from wallet.ln.bolt12.offer import Offer
from wallet.ln.features import Features
from wallet.ln.onion.blinded_path import BlindedPath, BlindedPayInfo, SciddirNode
from wallet.sentence import Sentence


def _spec(message: Bolt12Message) -> tuple[str, StreamSpec]:
    if isinstance(message, Offer):
        return "offer", OFFER
    if isinstance(message, InvoiceRequest):
        return "invoice_request", INVOICE_REQUEST
    if isinstance(message, Invoice):
        return "invoice", INVOICE
    raise TypeError(Sentence("not a BOLT 12 offer, request or invoice: %1", type(message).__name__))


def _value(value: Any) -> Any:
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, Features):
        return sorted(value.bits)
    if isinstance(value, SciddirNode):
        return f"{value.scid} (direction {value.direction})"
    if isinstance(value, BlindedPath):
        return {"introduction_node": _value(value.first_node_id), "hops": len(value.hops),
                "final_blinded_node_id": value.final_node_id.hex()}
    if isinstance(value, BlindedPayInfo):
        return {"fee_base_msat": value.fee_base_msat,
                "fee_proportional_millionths": value.fee_proportional_millionths,
                "cltv_expiry_delta": value.cltv_expiry_delta,
                "htlc_minimum_msat": value.htlc_minimum_msat,
                "htlc_maximum_msat": value.htlc_maximum_msat,
                "features": value.features.hex()}
    if isinstance(value, tuple | list):
        return [_value(v) for v in value]
    if hasattr(value, "__dataclass_fields__"):
        return {k: _value(getattr(value, k)) for k in value.__dataclass_fields__}
    return value


def to_json_dict(message: Bolt12Message) -> dict[str, Any]:
    """{"type": …, field name: value…, "unknown_fields": {number: hex}} in field order."""
    kind, spec = _spec(message)
    out: dict[str, Any] = {"type": kind}
    if isinstance(message, Offer):
        out["offer_id"] = message.offer_id.hex()
        out["chains"] = ["bitcoin" if c == BITCOIN_CHAIN else c.hex() for c in message.chains]
    unknown: dict[str, str] = {}
    for tlv_type, raw in message.records.items():
        known = spec.fields.get(tlv_type)
        if known is None:
            unknown[str(tlv_type)] = raw.hex()
        elif known[0] != "offer_chains" or not isinstance(message, Offer):
            out[known[0]] = _value(message.values[known[0]])
    if unknown:
        out["unknown_fields"] = unknown
    return out
