"""Where an offer hides in what a user pastes or scans: `lno1…` (either case, `+` joins),
`lightning:lno1…`, and a BIP 21 URI's `lno=` parameter (or an `lno1…` in its `lightning=`).

The Send page and `kite pay` read an offer first (`offer_in_text`, `read_offer`) and pay it
as an offer. Everything else goes through `payment_request.parse_payment_text`, which
refuses an offer with one sentence (`refuse_offer`), and a BIP 21 URI that carries one
whole: it must never quietly become an on-chain payment to its fallback address. Pure code.
"""

from __future__ import annotations

from urllib.parse import unquote

from wallet.ln.bolt12.errors import Bolt12Error
from wallet.ln.bolt12.offer import Offer, decode_offer

NOT_PAYABLE_YET = ("This is a BOLT 12 offer, a reusable Lightning payment code: it is paid as "
                   "an offer (the Send page, kite pay), never to its on-chain address instead.")
DAMAGED = "This BOLT 12 offer is not valid: it may be incomplete or damaged."
OTHER_NETWORK = "This BOLT 12 offer is for another network than your wallet's."


class OfferTextError(Bolt12Error):
    """An offer was found in the text; `message` is the sentence, `detail` the why."""

    def __init__(self, message: str, detail: str | None = None,
                 offer: Offer | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail
        self.offer = offer


def _bip21_offer(uri: str) -> str | None:
    _, _, query = uri.partition("?")
    found = None
    for pair in query.split("&"):
        key, _, value = pair.partition("=")
        key = key.lower()
        try:
            value = unquote(value, errors="strict").strip()
        except UnicodeDecodeError:
            if key in ("lno", "lightning"):
                raise OfferTextError(DAMAGED, f"the {key}= parameter is not valid "
                                              "percent-encoded UTF-8") from None
            continue
        if key == "lno" or (key == "lightning" and value.lower().startswith("lno1")):
            if found is not None:
                raise OfferTextError("This payment request carries more than one offer.",
                                     "lno= given twice")
            found = value
    return found


def offer_in_text(text: str) -> str | None:
    """The offer string `text` carries, or None when it carries none (it may be something
    else Kite can pay). Raises OfferTextError when an offer is there but unreadable."""
    body = text.strip()
    if body.lower().startswith("lightning:"):
        body = body[len("lightning:"):].removeprefix("//").strip()
    if body.lower().startswith("lno1"):
        return body
    if body.lower().startswith("bitcoin:"):
        return _bip21_offer(body)
    return None


def read_offer(offer_text: str, chain: bytes) -> Offer:
    """The checked offer, for this network's chain; OfferTextError with one sentence."""
    if not offer_text:
        raise OfferTextError(DAMAGED, "the lno= parameter is empty")
    try:
        offer = decode_offer(offer_text)
    except Bolt12Error as exc:
        raise OfferTextError(DAMAGED, str(exc)) from None
    if not offer.supports_chain(chain):
        raise OfferTextError(OTHER_NETWORK, "offer_chains does not name this network", offer)
    return offer


def refuse_offer(text: str, chain: bytes) -> None:
    """Raise OfferTextError if `text` carries an offer (valid or not); else return."""
    offer_text = offer_in_text(text)
    if offer_text is None:
        return
    offer = read_offer(offer_text, chain)
    what = [f"issuer {offer.issuer!r}" if offer.issuer else "",
            f"description {offer.description!r}" if offer.description else ""]
    raise OfferTextError(NOT_PAYABLE_YET, "; ".join(w for w in what if w) or "BOLT 12 offer",
                         offer)
