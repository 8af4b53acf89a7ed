"""The BOLT 12 exchange over onion messages: a payer asks an offer's issuer for an invoice
(`OfferClient.fetch_invoice`), an issuer answers requests for its offers (`OfferIssuer`).

Payer: the offer is checked (network, expiry, amount and quantity), an invoice request is
signed with a one-time key and sent along one of the offer's paths (or to its issuer id),
with a reply path through our peer; the answer must come back on that reply path within the
deadline, and must be an invoice that repeats our request exactly, signed by the offer's
issuer (or the path's last blinded id), for the amount asked, not expired; an
`invoice_error` is shown quoted. Each fault is one `OfferError` sentence.

Issuer: a request is matched to one of our offers by its copied offer fields and checked
against it (`InvoiceRequest.check_against_offer`); the invoice (paths, payinfo, payment hash)
comes from the `make_invoice` callback; a request we refuse gets an `invoice_error`.
Paying the invoice over its blinded paths is not part of this module.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from wallet.deadline import within
from wallet.errors import InputError
from wallet.ln.bolt12.errors import Bolt12Error
from wallet.ln.bolt12.fields import Bip353Name
from wallet.ln.bolt12.invoice import Invoice
from wallet.ln.bolt12.invoice_error import InvoiceError
from wallet.ln.bolt12.invoice_request import InvoiceRequest, build_invoice_request
from wallet.ln.bolt12.merkle import merkle_root
from wallet.ln.bolt12.offer import Offer
from wallet.ln.onion.blinded_path import BlindedPath
from wallet.ln.onion.onion_message import (
    INVOICE,
    INVOICE_ERROR,
    INVOICE_REQUEST,
    REPLY_PATH,
    Receive,
)
from wallet.ln.onion.route_blinding import RecipientData, build_blinded_path
from wallet.ln.shell.onion_messenger import OnionMessageSendError, OnionMessenger
from wallet.ln.shell.peer import PeerError
from wallet.sentence import Sentence
from wallet.untrusted_text import quote_untrusted

log = logging.getLogger(__name__)
FETCH_TIMEOUT = 30.0


class OfferError(InputError):
    """Asking an offer for an invoice failed; the message says why in one sentence."""


@dataclass(frozen=True)
class FetchedInvoice:
    request: InvoiceRequest
    invoice: Invoice


def _destinations(offer: Offer) -> list[BlindedPath]:
    """Where an invoice request for `offer` may go: its paths, else its issuer id."""
    if offer.paths:
        return list(offer.paths)
    issuer = offer.issuer_id
    if issuer is None:  # Offer.from_bytes refuses such an offer; stay safe regardless
        raise OfferError("This offer names neither its issuer nor a path to it.")
    return [build_blinded_path(os.urandom(32), [issuer], [RecipientData()])]


class OfferClient:
    """The payer's side: fetch a checked invoice for an offer."""

    def __init__(self, messenger: OnionMessenger, chain: bytes,
                 clock: Callable[[], float] = time.time) -> None:
        self.messenger = messenger
        self.chain = chain
        self.clock = clock

    async def fetch_invoice(self, offer: Offer, *, via: bytes, amount_msat: int | None = None,
                            quantity: int | None = None, payer_note: str | None = None,
                            bip353_name: Bip353Name | None = None,
                            timeout: float = FETCH_TIMEOUT) -> FetchedInvoice:
        if offer.is_expired(int(self.clock())):
            raise OfferError("This offer has expired.")
        try:
            request = build_invoice_request(
                offer, os.urandom(32), os.urandom(16), amount_msat=amount_msat,
                quantity=quantity, payer_note=payer_note, chain=self.chain,
                bip353_name=bip353_name)
        except Bolt12Error as exc:
            raise OfferError(str(exc)) from None  # the window capitalises it
        reply, path_id = self.messenger.reply_path(via)
        content = {INVOICE_REQUEST: request.to_bytes(), REPLY_PATH: reply.to_bytes()}
        answer = self.messenger.expect(path_id)
        sent_to = None
        try:
            for path in _destinations(offer):
                try:
                    await self.messenger.send(path, content, via=via)
                    sent_to = path
                    break
                except (OnionMessageSendError, PeerError) as exc:
                    log.info("invoice request not sent along one path: %s", exc)
            if sent_to is None:
                raise OfferError("Kite could not send the invoice request: no connected peer "
                                 "leads to the offer.")
            got: Receive = await within(timeout, answer)
        except TimeoutError:
            raise OfferError(Sentence("The offer's issuer sent no invoice within %1 seconds.", format(timeout, "g"))) from None
        finally:
            answer.cancel()
        return FetchedInvoice(request, self._check(got, request, sent_to))

    def _check(self, got: Receive, request: InvoiceRequest, sent_to: BlindedPath) -> Invoice:
        if got.get(INVOICE_ERROR) is not None:
            try:
                text = InvoiceError.from_bytes(got.get(INVOICE_ERROR)).text
            except Bolt12Error as exc:
                raise OfferError(Sentence("The offer's issuer refused, with an unreadable reason (%1).", exc)) from None
            raise OfferError(Sentence("The offer's issuer refused: %1.", quote_untrusted(text)))
        raw = got.get(INVOICE)
        if raw is None:
            raise OfferError("The offer's issuer answered with neither an invoice nor an error.")
        try:
            invoice = Invoice.from_bytes(raw)
            invoice.check_against_request(request, sent_to=sent_to.final_node_id)
            invoice.check_expiry(int(self.clock()))
        except Bolt12Error as exc:
            raise OfferError(Sentence("The offer's issuer sent an invoice Kite cannot accept: %1.", exc)) \
                from None
        return invoice


MakeInvoice = Callable[[Offer, InvoiceRequest, int], Awaitable[Invoice]]


class OfferIssuer:
    """The issuer's side: answer invoice requests for our offers."""

    def __init__(self, messenger: OnionMessenger, chain: bytes, make_invoice: MakeInvoice) -> None:
        self.messenger = messenger
        self.chain = chain
        self.make_invoice = make_invoice
        self.offers: dict[bytes, Offer] = {}
        self.paths: dict[bytes, frozenset[bytes]] = {}
        self.answered = 0
        self.refused = 0

    def add(self, offer: Offer, path_ids: frozenset[bytes] = frozenset()) -> None:
        """Answer requests for `offer`; when it has paths, only those that came by one of
        them (their `path_id`s): asked directly, we do not reveal that it is ours."""
        self.offers[offer.offer_id] = offer
        self.paths[offer.offer_id] = path_ids

    async def on_receive(self, peer: object, got: Receive) -> None:
        raw = got.get(INVOICE_REQUEST)
        if raw is None or got.reply_path is None:
            return  # nothing we answer, or nowhere to answer: dropped
        try:
            request = InvoiceRequest.from_bytes(raw)
            fields = request.offer_part()
            offer = self.offers.get(merkle_root(fields)) if fields else None
            if offer is None:
                raise Bolt12Error("this request is for no offer of ours")
            if offer.paths and got.path_id not in self.paths[offer.offer_id]:
                return  # not by the offer's paths: ignored (BOLT 12), as a stranger would
            amount = request.check_against_offer(offer, self.chain)
            invoice = await self.make_invoice(offer, request, amount)
            reply = {INVOICE: invoice.to_bytes()}
            self.answered += 1
        except Bolt12Error as exc:
            reply = {INVOICE_ERROR: InvoiceError.build(str(exc)).to_bytes()}
            self.refused += 1
        try:
            await self.messenger.send(got.reply_path, reply)
        except (OnionMessageSendError, PeerError) as exc:
            log.info("answer to an invoice request not sent: %s", exc)
