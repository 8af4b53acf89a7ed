"""The checks an LNURL-pay invoice must pass before Kite pays it (LUD-06 steps 6 and 7).

The service chooses the invoice, so it may lie: the invoice must commit to the metadata the
user was shown (description hash = SHA-256 of the metadata text, UTF-8), ask exactly the
amount the user chose, be for the wallet's network, and not have expired. Pure code.
"""

from __future__ import annotations

from wallet.errors import InputError
from wallet.hashes import sha256
from wallet.ln.bolt11.invoice import Invoice, decode_invoice
from wallet.lnurl.errors import LnurlError
from wallet.lnurl.responses import PayRequest
from wallet.networks import Network, pays_on
from wallet.sentence import Sentence


def _sat(msat: int) -> str:
    whole, rest = divmod(msat, 1000)
    return f"{whole:,} sat" if not rest else f"{msat:,} msat"


def check_pay_invoice(text: str, request: PayRequest, amount_msat: int, network: Network,
                      now: float) -> Invoice:
    """The decoded invoice if Kite may pay it for `request` and `amount_msat`; else one
    LnurlError saying which promise the service broke (nothing is paid)."""
    service = request.service
    try:
        invoice = decode_invoice(text)
    except InputError as e:
        raise LnurlError(Sentence("The service %1 sent an invoice Kite cannot read; nothing was paid.", service), str(e)) from None
    if not pays_on(invoice.network, network):
        raise LnurlError(Sentence("The service %1 sent an invoice for %2, but your wallet is on %3; nothing was paid.", service, invoice.network.name, network.name),
                         f"invoice network {invoice.network.name}")
    if invoice.amount_msat != amount_msat:
        asked = "no amount" if invoice.amount_msat is None else _sat(invoice.amount_msat)
        raise LnurlError(Sentence("The service %1 sent an invoice for %2, but you chose %3; nothing was paid.", service, asked, _sat(amount_msat)),
                         f"invoice amount {invoice.amount_msat} msat != {amount_msat} msat")
    expected = sha256(request.metadata_text.encode("utf-8"))
    if invoice.description_hash != expected:
        raise LnurlError(Sentence("The service %1 sent an invoice that does not match the description it showed; nothing was paid.", service),
                         "description hash != SHA-256 of the metadata")
    if invoice.is_expired(now):
        raise LnurlError(Sentence("The service %1 sent an invoice that has already expired; nothing was paid.", service), f"expired at {invoice.expires_at}")
    return invoice
