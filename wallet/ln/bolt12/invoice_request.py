"""BOLT 12 invoice requests: the payer's side (`build_invoice_request`: copy the offer,
choose amount and quantity, sign with a one-time payer key) and the issuer's side
(`InvoiceRequest.from_bytes` with the reader's checks, `check_against_offer`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import coincurve

from wallet.ln.bolt12 import merkle
from wallet.ln.bolt12.errors import Bolt12Error
from wallet.ln.bolt12.fields import (
    INVOICE_REQUEST,
    Bip353Name,
    decode_stream,
    encode_records,
    stream_bytes,
    unknown_even_bits,
)
from wallet.ln.bolt12.message import BITCOIN_CHAIN, Bolt12Message
from wallet.ln.bolt12.offer import OFFER_RANGES, Offer
from wallet.ln.bolt12.string_format import decode_bolt12
from wallet.sentence import Sentence

#: the fields an invoice copies from its request (signature excluded)
INVREQ_RANGES = ((0, 159), (1_000_000_000, 2_999_999_999))
MAX_PAYER_NOTE = 512


class InvoiceRequest(Bolt12Message):
    """A decoded invoice request whose signature checked out."""

    @classmethod
    def from_bytes(cls, data: bytes) -> InvoiceRequest:
        records, values = decode_stream(INVOICE_REQUEST, data)
        if "invreq_metadata" not in values:
            raise Bolt12Error("the invoice request has no invreq_metadata")
        if "invreq_payer_id" not in values:
            raise Bolt12Error("the invoice request has no payer id")
        bits = unknown_even_bits(values.get("invreq_features"))
        if bits:
            raise Bolt12Error(Sentence("the invoice request requires unknown feature bit %1", bits[0]))
        signature = values.get("signature")
        if signature is None or not merkle.verify(records, INVOICE_REQUEST.name, signature,
                                                   values["invreq_payer_id"]):
            raise Bolt12Error("the invoice request's signature is not valid")
        return cls(records, values)

    @property
    def payer_id(self) -> bytes:
        return self.values["invreq_payer_id"]

    @property
    def amount(self) -> int | None:
        return self.get("invreq_amount")

    @property
    def quantity(self) -> int | None:
        return self.get("invreq_quantity")

    @property
    def is_for_offer(self) -> bool:
        return "offer_issuer_id" in self.values or "offer_paths" in self.values

    def offer_part(self) -> dict[int, bytes]:
        return self.records_in(*OFFER_RANGES)

    def check_against_offer(self, offer: Offer, chain: bytes = BITCOIN_CHAIN) -> int:
        """The issuer's checks of a request for `offer`; returns the amount to invoice."""
        if self.offer_part() != dict(offer.records):
            raise Bolt12Error("the invoice request does not copy our offer exactly")
        if self.get("invreq_chain", BITCOIN_CHAIN) != chain or not offer.supports_chain(chain):
            raise Bolt12Error("the invoice request is for another chain")
        offer.check_quantity(self.quantity)
        expected = offer.expected_amount_msat(self.quantity)
        if self.amount is None:
            if expected is None:
                raise Bolt12Error("the invoice request names no amount for an any-amount offer")
            return expected
        if expected is not None and self.amount < expected:
            raise Bolt12Error(Sentence("the invoice request offers %1 msat, less than the %2 msat asked", self.amount, expected))
        return self.amount


def build_invoice_request(
    offer: Offer,
    payer_key: bytes,
    metadata: bytes,
    *,
    amount_msat: int | None = None,
    quantity: int | None = None,
    payer_note: str | None = None,
    chain: bytes = BITCOIN_CHAIN,
    bip353_name: Bip353Name | None = None,
) -> InvoiceRequest:
    """The signed request a payer sends for `offer` (the offer's every field copied)."""
    if not offer.supports_chain(chain):
        raise Bolt12Error("this offer is not for this network")
    offer.check_quantity(quantity)
    expected = offer.expected_amount_msat(quantity)
    if amount_msat is None and expected is None:
        raise Bolt12Error("this offer names no amount: choose one")
    if amount_msat is not None:
        if amount_msat <= 0:
            raise Bolt12Error("the amount must be more than zero")
        if expected is not None and amount_msat < expected:
            raise Bolt12Error(Sentence("the offer asks for %1 msat; %2 is less", expected, amount_msat))
    if payer_note is not None and len(payer_note.encode()) > MAX_PAYER_NOTE:
        raise Bolt12Error(Sentence("the payer note is over %1 bytes", MAX_PAYER_NOTE))
    if len(metadata) < 8:
        raise Bolt12Error("invreq_metadata must be at least 8 unpredictable bytes")
    payer_id = coincurve.PrivateKey(payer_key).public_key.format(compressed=True)
    values: dict[str, Any] = {
        "invreq_metadata": metadata,
        "invreq_chain": None if chain == BITCOIN_CHAIN else chain,
        "invreq_amount": amount_msat,
        "invreq_quantity": quantity,
        "invreq_payer_id": payer_id,
        "invreq_payer_note": payer_note,
        "invreq_bip_353_name": bip353_name,
    }
    records = encode_records(INVOICE_REQUEST, values, dict(offer.records))
    return sign_invoice_request(records, payer_key)


def sign_invoice_request(records: Mapping[int, bytes], payer_key: bytes) -> InvoiceRequest:
    """Sign the non-signature records with the payer key and decode the result (checked)."""
    unsigned = {t: v for t, v in records.items() if t not in merkle.SIGNATURE_TYPES}
    unsigned[240] = merkle.sign(unsigned, INVOICE_REQUEST.name, payer_key)
    return InvoiceRequest.from_bytes(stream_bytes(unsigned))


def decode_invoice_request(text: str) -> InvoiceRequest:
    """An `lnr1…` string (rare: requests normally travel in onion messages)."""
    return InvoiceRequest.from_bytes(decode_bolt12(text, "lnr"))

