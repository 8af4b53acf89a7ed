"""BOLT 12 offers (`lno1…`): decoding with every reader check, writing, and what a payer
asks of one (chain, expiry, amount for a quantity).

A currency offer (`offer_currency`) is read and shown, but an amount in msat for it needs an
exchange rate; `expected_amount_msat` refuses it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from wallet.ln.bolt12.errors import Bolt12Error
from wallet.ln.bolt12.fields import (
    OFFER,
    decode_stream,
    encode_records,
    stream_bytes,
    unknown_even_bits,
)
from wallet.ln.bolt12.message import BITCOIN_CHAIN, Bolt12Message
from wallet.ln.bolt12.string_format import decode_bolt12, encode_bolt12
from wallet.ln.onion.blinded_path import BlindedPath
from wallet.sentence import Sentence

#: offers may only use these types (the rest belongs to requests and invoices)
OFFER_RANGES = OFFER.ranges


def check_offer_fields(values: Mapping[str, Any]) -> None:
    """The reader's rules of an offer's fields (BOLT 12 "A reader of an offer")."""
    if "offer_chains" in values and not values["offer_chains"]:
        raise Bolt12Error("the offer lists offer_chains but names no chain")
    amount = values.get("offer_amount")
    if amount is not None and amount == 0:
        raise Bolt12Error("the offer asks for an amount of zero")
    if amount is not None and "offer_description" not in values:
        raise Bolt12Error("the offer asks for an amount without saying what it is for")
    currency = values.get("offer_currency")
    if currency is not None:
        if amount is None:
            raise Bolt12Error("the offer names a currency but no amount")
        if not (len(currency) == 3 and currency.isascii() and currency.isalpha()):
            raise Bolt12Error("the offer's currency is not a three-letter ISO 4217 code")
    bits = unknown_even_bits(values.get("offer_features"))
    if bits:
        raise Bolt12Error(Sentence("the offer requires features Kite does not know (bit %1)", bits[0]))
    if "offer_issuer_id" not in values and "offer_paths" not in values:
        raise Bolt12Error("the offer names neither its issuer nor a path to it")


class Offer(Bolt12Message):
    """A decoded, checked offer."""

    @classmethod
    def from_bytes(cls, data: bytes) -> Offer:
        records, values = decode_stream(OFFER, data)
        check_offer_fields(values)
        return cls(records, values)

    @classmethod
    def build(cls, *, extra: Mapping[int, bytes] | None = None, **fields: Any) -> Offer:
        """An offer of the given fields (names without the `offer_` prefix), checked as a
        reader would check it."""
        values = {f"offer_{name}": value for name, value in fields.items()}
        return cls.from_bytes(stream_bytes(encode_records(OFFER, values, extra)))

    def to_string(self) -> str:
        return encode_bolt12("lno", self.to_bytes())

    # -- what the offer says ----------------------------------------------------------------

    @property
    def offer_id(self) -> bytes:
        return self.merkle_root

    @property
    def chains(self) -> tuple[bytes, ...]:
        return self.get("offer_chains") or (BITCOIN_CHAIN,)

    @property
    def amount(self) -> int | None:
        return self.get("offer_amount")

    @property
    def currency(self) -> str | None:
        return self.get("offer_currency")

    @property
    def description(self) -> str | None:
        return self.get("offer_description")

    @property
    def issuer(self) -> str | None:
        return self.get("offer_issuer")

    @property
    def issuer_id(self) -> bytes | None:
        return self.get("offer_issuer_id")

    @property
    def paths(self) -> tuple[BlindedPath, ...]:
        return self.get("offer_paths") or ()

    @property
    def quantity_max(self) -> int | None:
        return self.get("offer_quantity_max")

    @property
    def absolute_expiry(self) -> int | None:
        return self.get("offer_absolute_expiry")

    def supports_chain(self, chain: bytes) -> bool:
        return chain in self.chains

    def is_expired(self, now: int) -> bool:
        expiry = self.absolute_expiry
        return expiry is not None and now > expiry

    def check_quantity(self, quantity: int | None) -> None:
        """A request's quantity against `offer_quantity_max` (0: any number)."""
        limit = self.quantity_max
        if limit is None:
            if quantity is not None:
                raise Bolt12Error("this offer sells a single item: no quantity can be chosen")
            return
        if quantity is None or quantity <= 0:
            raise Bolt12Error("this offer needs a quantity of at least 1")
        if limit and quantity > limit:
            raise Bolt12Error(Sentence("this offer sells at most %1 at once", limit))

    def expected_amount_msat(self, quantity: int | None = None) -> int | None:
        """msat the offer asks for (times the quantity); None when it names no amount."""
        if self.amount is None:
            return None
        if self.currency is not None:
            raise Bolt12Error(Sentence("this offer is priced in %1; Kite has no exchange rate to turn that into bitcoin", self.currency))
        return self.amount * (quantity or 1)


def decode_offer(text: str) -> Offer:
    """Read an `lno1…` string (one sentence of Bolt12Error if it is not a valid offer)."""
    return Offer.from_bytes(decode_bolt12(text, "lno"))

