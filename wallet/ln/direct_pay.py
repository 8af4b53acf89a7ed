"""Single-hop payments to a channel peer: the payer's one-hop onion, and the payee's decision
on an incoming HTLC (fulfill with the invoice's preimage, or fail with the BOLT 4 failure
the spec names). Pure: the channel shell feeds it and carries out the answer.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from wallet.ln.invoice import Invoice
from wallet.ln.onion import (
    BadOnionError,
    HopPayload,
    InvalidOnionHmac,
    InvalidOnionKey,
    InvalidOnionPayload,
    InvalidOnionVersion,
    OnionError,
    build_onion,
    peel_onion,
    sha256_of_onion,
)
from wallet.ln.onion_failures import FailureCode, FailureMessage, create_error_packet

#: blocks added to the invoice's min_final_cltv_expiry_delta, so that a block found while
#: the HTLC travels does not make it too soon for the payee
CLTV_MARGIN = 3


@dataclass(frozen=True)
class OutgoingHtlc:
    """What the payer adds to the channel, and the secret it keeps to read a failure."""

    amount_msat: int
    payment_hash: bytes
    cltv_expiry: int
    onion: bytes = field(repr=False)
    shared_secrets: tuple[bytes, ...] = field(repr=False)


def direct_htlc(invoice: Invoice, amount_msat: int, tip_height: int,
                session_key: bytes | None = None) -> OutgoingHtlc:
    """The HTLC paying `invoice` to its payee, our direct peer (a one-hop onion)."""
    cltv = tip_height + invoice.min_final_cltv_expiry_delta + CLTV_MARGIN
    payload = HopPayload.final(amount_msat, cltv, payment_secret=invoice.payment_secret,
                               total_msat=amount_msat, payment_metadata=invoice.metadata)
    built = build_onion([invoice.payee], [payload.encode()], session_key or os.urandom(32),
                        associated_data=invoice.payment_hash)
    return OutgoingHtlc(amount_msat, invoice.payment_hash, cltv, built.packet,
                        built.shared_secrets)


@dataclass(frozen=True)
class IssuedInvoice:
    """What the payee remembers of an invoice it issued."""

    payment_hash: bytes
    preimage: bytes = field(repr=False)
    payment_secret: bytes = field(repr=False)
    amount_msat: int | None
    min_final_cltv_expiry_delta: int


@dataclass(frozen=True)
class Fulfill:
    preimage: bytes = field(repr=False)


@dataclass(frozen=True)
class Fail:
    """Fail with `reason` (an error packet for the payer), or as malformed when the onion
    itself is bad (`failure_code` with BADONION and `sha256_of_onion`)."""

    reason: bytes | None = field(default=None, repr=False)
    failure_code: int | None = None
    sha256_of_onion: bytes | None = None
    why: str = ""


def decide_incoming(
    *, amount_msat: int, payment_hash: bytes, cltv_expiry: int, onion: bytes,
    node_private_key: bytes, tip_height: int, invoice: IssuedInvoice | None,
) -> Fulfill | Fail:
    """BOLT 4 final-node checks of an incoming HTLC against the invoice we issued."""
    try:
        peeled = peel_onion(onion, node_private_key, payment_hash)
    except BadOnionError as e:
        code = (FailureCode.INVALID_ONION_HMAC if isinstance(e, InvalidOnionHmac) else
                FailureCode.INVALID_ONION_KEY if isinstance(e, InvalidOnionKey) else
                FailureCode.INVALID_ONION_VERSION if isinstance(e, InvalidOnionVersion) else
                FailureCode.INVALID_ONION_HMAC)
        return Fail(failure_code=int(code), sha256_of_onion=sha256_of_onion(onion), why=str(e))
    except OnionError as e:  # a payload we cannot frame: we have no secret to answer with
        return Fail(failure_code=int(FailureCode.INVALID_ONION_HMAC),
                    sha256_of_onion=sha256_of_onion(onion), why=str(e))

    def fail(code: FailureCode, why: str, **fields: int | bytes) -> Fail:
        packet = create_error_packet(peeled.shared_secret, FailureMessage.make(int(code), **fields))
        return Fail(reason=packet, why=why)

    def unknown(why: str) -> Fail:
        return fail(FailureCode.INCORRECT_OR_UNKNOWN_PAYMENT_DETAILS, why,
                    htlc_msat=amount_msat, height=tip_height)

    if not peeled.is_final:
        # we do not forward (yet): to the payer this is an unknown next peer
        return fail(FailureCode.UNKNOWN_NEXT_PEER, "the onion asks us to forward")
    try:
        payload = HopPayload.decode(peeled.payload)
        payload.validate_final()
    except InvalidOnionPayload as e:
        return fail(FailureCode.INVALID_ONION_PAYLOAD, str(e), type=e.tlv_type, offset=e.offset)
    except OnionError as e:
        return fail(FailureCode.INVALID_ONION_PAYLOAD, str(e), type=0, offset=0)
    if payload.amt_to_forward is None or payload.amt_to_forward > amount_msat:
        return fail(FailureCode.FINAL_INCORRECT_HTLC_AMOUNT, "HTLC pays less than the onion says",
                    incoming_htlc_amt=amount_msat)
    if payload.outgoing_cltv_value is None or payload.outgoing_cltv_value > cltv_expiry:
        return fail(FailureCode.FINAL_INCORRECT_CLTV_EXPIRY, "HTLC expiry below the onion's",
                    cltv_expiry=cltv_expiry)
    if invoice is None:
        return unknown("no invoice with this payment hash")
    if payload.payment_secret != invoice.payment_secret:
        return unknown("wrong payment secret")
    total = payload.total_msat if payload.total_msat is not None else payload.amt_to_forward
    if total > amount_msat:
        return unknown("multi-part payments are not accepted here")
    if invoice.amount_msat is not None and not (
            invoice.amount_msat <= amount_msat <= 2 * invoice.amount_msat):
        return unknown("amount does not match the invoice")
    if cltv_expiry < tip_height + invoice.min_final_cltv_expiry_delta:
        return unknown("HTLC expires too soon")
    return Fulfill(invoice.preimage)
