"""BOLT 12 invoices: the payer's checks (`Invoice.from_bytes`: required fields, paths and
their payinfo, features, signature; `check_against_request`: every copied field exact, the
right signer, the amount asked; `check_expiry`) and the recipient's `build_invoice`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import coincurve

from wallet.ln.bolt12 import merkle
from wallet.ln.bolt12.errors import Bolt12Error
from wallet.ln.bolt12.fields import (
    INVOICE,
    decode_stream,
    encode_records,
    stream_bytes,
    unknown_even_bits,
)
from wallet.ln.bolt12.invoice_request import INVREQ_RANGES, InvoiceRequest
from wallet.ln.bolt12.message import Bolt12Message
from wallet.ln.bolt12.string_format import decode_bolt12
from wallet.ln.onion.blinded_path import BlindedPath, BlindedPayInfo
from wallet.sentence import Sentence

DEFAULT_RELATIVE_EXPIRY = 7200
#: invoice features we understand: basic MPP (16/17)
KNOWN_INVOICE_FEATURES = frozenset({16, 17})
_REQUIRED = (("invoice_amount", "amount"), ("invoice_created_at", "creation time"),
             ("invoice_payment_hash", "payment hash"), ("invoice_node_id", "node id"))


class Invoice(Bolt12Message):
    """A decoded invoice, signed by its `invoice_node_id`, with at least one usable path."""

    @classmethod
    def from_bytes(cls, data: bytes) -> Invoice:
        records, values = decode_stream(INVOICE, data)
        for name, label in _REQUIRED:
            if name not in values:
                raise Bolt12Error(Sentence("the invoice has no %1", label))
        bits = unknown_even_bits(values.get("invoice_features"), KNOWN_INVOICE_FEATURES)
        if bits:
            raise Bolt12Error(Sentence("the invoice requires unknown feature bit %1", bits[0]))
        paths = values.get("invoice_paths")
        if not paths:
            raise Bolt12Error("the invoice gives no path to pay it")
        payinfo = values.get("invoice_blindedpay")
        if payinfo is None or len(payinfo) != len(paths):
            raise Bolt12Error("the invoice does not give one payinfo per path")
        invoice = cls(records, values)
        if not invoice.usable_paths():
            raise Bolt12Error("every path of the invoice requires features Kite does not know")
        signature = values.get("signature")
        if signature is None or not merkle.verify(records, INVOICE.name, signature,
                                                   values["invoice_node_id"]):
            raise Bolt12Error("the invoice's signature is not valid")
        return invoice

    @property
    def amount(self) -> int:
        return self.values["invoice_amount"]

    @property
    def payment_hash(self) -> bytes:
        return self.values["invoice_payment_hash"]

    @property
    def node_id(self) -> bytes:
        return self.values["invoice_node_id"]

    @property
    def created_at(self) -> int:
        return self.values["invoice_created_at"]

    @property
    def expires_at(self) -> int:
        return self.created_at + self.get("invoice_relative_expiry", DEFAULT_RELATIVE_EXPIRY)

    def usable_paths(self) -> list[tuple[BlindedPath, BlindedPayInfo]]:
        """(path, payinfo) pairs in the invoice's order of preference, minus those whose
        payinfo requires features we do not know."""
        pairs = zip(self.values["invoice_paths"], self.values["invoice_blindedpay"], strict=True)
        return [(path, info) for path, info in pairs
                if not any(b % 2 == 0 for b in _bits(info.features))]

    def check_expiry(self, now: int) -> None:
        if now > self.expires_at:
            raise Bolt12Error("the invoice has expired")

    def check_against_request(self, request: InvoiceRequest,
                              sent_to: bytes | None = None) -> None:
        """The payer's checks of the invoice that answers `request` (sent to the blinded id
        `sent_to` when the offer had paths and no issuer id)."""
        if self.records_in(*INVREQ_RANGES) != request.records_in(*INVREQ_RANGES):
            raise Bolt12Error("the invoice does not repeat our invoice request exactly")
        issuer_id = request.get("offer_issuer_id")
        if issuer_id is not None:
            if self.node_id != issuer_id:
                raise Bolt12Error("the invoice is not signed by the offer's issuer")
        elif request.get("offer_paths") is not None and self.node_id != sent_to:
            raise Bolt12Error("the invoice is not signed by the node we asked")
        asked = request.amount
        if asked is None and request.get("offer_currency") is None:
            # no amount in the request: the offer's price times the quantity (BOLT 12), so
            # an issuer cannot name any amount it likes
            price = request.get("offer_amount")
            asked = None if price is None else price * (request.quantity or 1)
        if asked is None:
            raise Bolt12Error("neither our request nor the offer names an amount Kite can check")
        if self.amount != asked:
            raise Bolt12Error(Sentence("the invoice asks %1 msat; we requested %2 msat", self.amount, asked))


def _bits(features: bytes) -> list[int]:
    value = int.from_bytes(features, "big")
    return [i for i in range(value.bit_length()) if value >> i & 1]


def build_invoice(
    request: InvoiceRequest,
    node_key: bytes,
    *,
    paths: Sequence[BlindedPath],
    payinfo: Sequence[BlindedPayInfo],
    payment_hash: bytes,
    created_at: int,
    amount_msat: int,
    relative_expiry: int | None = None,
    features: Any = None,
) -> Invoice:
    """The recipient's signed invoice answering `request` (its non-signature fields copied)."""
    node_id = coincurve.PrivateKey(node_key).public_key.format(compressed=True)
    values = {
        "invoice_paths": tuple(paths),
        "invoice_blindedpay": tuple(payinfo),
        "invoice_created_at": created_at,
        "invoice_relative_expiry": relative_expiry,
        "invoice_payment_hash": payment_hash,
        "invoice_amount": amount_msat,
        "invoice_features": features,
        "invoice_node_id": node_id,
    }
    copied = {t: v for t, v in request.records.items() if t not in merkle.SIGNATURE_TYPES}
    records = encode_records(INVOICE, values, copied)
    records[240] = merkle.sign(records, INVOICE.name, node_key)
    return Invoice.from_bytes(stream_bytes(records))


def decode_invoice(text: str) -> Invoice:
    """An `lni1…` string."""
    return Invoice.from_bytes(decode_bolt12(text, "lni"))
