"""What a user pastes or scans on the Send page, turned into one `PaymentRequest`.

Accepts a BOLT 11 invoice (bare or as a `lightning:` URI), a BIP 21 `bitcoin:` URI (with or
without a `lightning=` invoice: a "unified" request), and a plain Bitcoin address. A BOLT 12
offer, alone or in a URI (`lno=`), is recognised and refused until Kite pays offers. Every
problem raises `PaymentRequestError` whose message is a sentence for people; the technical
reason, when there is one, is in `.detail`. `make_bip21` builds the URI the Receive page
shows as a QR code. Pure code: no I/O, no Qt.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from urllib.parse import quote, unquote

from wallet.errors import InputError
from wallet.ln.bolt11.invoice import Invoice, decode_invoice
from wallet.ln.bolt12.message import chain_hash
from wallet.ln.bolt12.offer_text import OfferTextError, refuse_offer
from wallet.networks import NETWORKS, Network, pays_on
from wallet.onchain.addresses import address_to_script
from wallet.sentence import Sentence

SAT_PER_BTC = 100_000_000
MAX_SAT = 21_000_000 * SAT_PER_BTC
MAX_TEXT_LENGTH = 8000  # far above any real invoice or URI; stops pathological pastes
_AMOUNT_RE = re.compile(r"[0-9]*\.?[0-9]*")
KNOWN_BIP21_KEYS = ("amount", "label", "message", "lightning")

NOT_RECOGNISED = "That does not look like a Bitcoin address or a Lightning invoice."


class PaymentRequestError(InputError):
    """Pasted or scanned text is not something Kite can pay. `.detail` is the technical why."""

    def __init__(self, message: str, detail: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail


@dataclass(frozen=True)
class PaymentRequest:
    """A parsed request to pay.

    kind: "bolt11" (a Lightning invoice only), "onchain" (an address, perhaps with an amount)
    or "unified" (a BIP 21 URI that also carries a Lightning invoice).
    `amount_sat` is the amount asked for in whole satoshis (None: the payer chooses);
    `amount_msat` is the invoice's exact amount when there is an invoice.
    """

    kind: str
    address: str | None = None
    amount_sat: int | None = None
    amount_msat: int | None = None
    label: str | None = None
    message: str | None = None
    invoice: Invoice | None = None
    invoice_text: str | None = None

    @property
    def description(self) -> str | None:
        """What the recipient says the payment is for, if anything."""
        if self.invoice is not None and self.invoice.description:
            return self.invoice.description
        return self.message or self.label


def _short(text: str, limit: int = 24) -> str:
    return repr(text if len(text) <= limit else text[:limit] + "...")


def _network_phrase(network: Network) -> str:
    return Sentence("mainnet (real bitcoin)") if network.name == "mainnet" else network.name


def _wrong_network(what: str, other: Network, ours: Network) -> PaymentRequestError:
    """"This is a testnet address, but your wallet is on mainnet (real bitcoin)." (the
    thing as one translatable phrase: the article goes with the network's name)"""
    vowel = other.name[0] in "aeiou"
    if what == "address" and vowel:
        thing = Sentence("an %1 address", other.name)
    elif what == "address":
        thing = Sentence("a %1 address", other.name)
    elif vowel:
        thing = Sentence("an %1 Lightning invoice", other.name)
    else:
        thing = Sentence("a %1 Lightning invoice", other.name)
    return PaymentRequestError(
        Sentence("This is %1, but your wallet is on %2.", thing, _network_phrase(ours)),
        f"{what} for network {other.name}",
    )


def _parse_address(text: str, network: Network) -> str:
    """The address, normalised (bech32 in lower case), if valid on `network`."""
    try:
        address_to_script(text, network)
    except InputError as ours:
        for other in NETWORKS.values():
            if other is network:
                continue
            try:
                address_to_script(text, other)
            except InputError:
                continue
            raise _wrong_network("address", other, network) from None
        if text.lower().startswith(network.bech32_hrp + "1") or _looks_like_base58_address(text):
            raise PaymentRequestError(
                "This Bitcoin address is not valid: check it for a typo.", str(ours)
            ) from None
        raise PaymentRequestError(NOT_RECOGNISED, str(ours)) from None
    if text.lower().startswith(network.bech32_hrp + "1"):
        return text.lower()
    return text


def _looks_like_base58_address(text: str) -> bool:
    return 25 <= len(text) <= 36 and text[0] in "123mn" and text.isalnum()


def _parse_invoice(text: str, network: Network) -> Invoice:
    try:
        invoice = decode_invoice(text)
    except InputError as e:
        raise PaymentRequestError(
            "This Lightning invoice is not valid: it may be incomplete or damaged.", str(e)
        ) from None
    if not pays_on(invoice.network, network):
        raise _wrong_network("Lightning invoice", invoice.network, network)
    return invoice


def _parse_btc_amount(text: str) -> int:
    """A BIP 21 amount (decimal bitcoin, '.' separator) in satoshis, exactly."""
    if not text or _AMOUNT_RE.fullmatch(text) is None or text == ".":
        raise PaymentRequestError(
            "The amount in this payment request is not a number.",
            f"amount={_short(text)} is not a decimal number of bitcoin",
        )
    whole, _, fraction = text.partition(".")
    if len(fraction.rstrip("0")) > 8:
        raise PaymentRequestError(
            "The amount in this payment request is smaller than one satoshi.",
            f"amount={_short(text)} has more than 8 decimal places",
        )
    if len(whole.lstrip("0")) > 8:
        raise PaymentRequestError(
            "The amount in this payment request is more than all the bitcoin there is.",
            f"amount={_short(text)} is too large",
        )
    try:
        sat = int(Decimal(text) * SAT_PER_BTC)
    except InvalidOperation:  # the regex already rules this out; stay typed regardless
        raise PaymentRequestError(
            "The amount in this payment request is not a number.", f"amount={_short(text)}"
        ) from None
    if sat <= 0:
        raise PaymentRequestError(
            "The amount in this payment request is zero.", f"amount={_short(text)}"
        )
    if sat > MAX_SAT:
        raise PaymentRequestError(
            "The amount in this payment request is more than all the bitcoin there is.",
            f"amount={_short(text)} is more than 21 million bitcoin",
        )
    return sat


def _decode_component(text: str, what: str) -> str:
    try:
        return unquote(text, errors="strict")
    except UnicodeDecodeError:
        raise PaymentRequestError(
            "This payment request is damaged: some of its text cannot be read.",
            f"the {what} is not valid percent-encoded UTF-8",
        ) from None


def _parse_bip21(text: str, network: Network) -> PaymentRequest:
    body = text[len("bitcoin:"):]
    address_part, _, query = body.partition("?")
    address_part = _decode_component(address_part, "address")
    params: dict[str, str] = {}
    for pair in query.split("&") if query else ():
        if not pair:
            continue
        key, sep, value = pair.partition("=")
        key = _decode_component(key, "parameter name").lower()
        if key in params:
            raise PaymentRequestError(
                "This payment request is ambiguous: it gives the same detail twice.",
                f"parameter {_short(key)} appears more than once",
            )
        if key.startswith("req-"):
            raise PaymentRequestError(
                "This payment request needs something Kite does not support yet.",
                f"unknown required parameter {_short(key)} (BIP 21)",
            )
        params[key] = _decode_component(value, f"{_short(key)} parameter") if sep else ""

    amount_sat = _parse_btc_amount(params["amount"]) if "amount" in params else None
    invoice = invoice_text = None
    if params.get("lightning"):
        invoice_text = params["lightning"].strip()
        invoice = _parse_invoice(invoice_text, network)
        if invoice.amount_msat is not None and amount_sat is not None and (
            invoice.amount_msat != amount_sat * 1000
        ):
            raise PaymentRequestError(
                "The Lightning and on-chain amounts in this payment request differ.",
                f"amount={amount_sat} sat but the invoice asks {invoice.amount_msat} msat",
            )
    address = _parse_address(address_part.strip(), network) if address_part.strip() else None
    if address is None and invoice is None:
        raise PaymentRequestError(
            "This payment request has no address to pay.", "bitcoin: URI without an address"
        )
    if invoice is not None and amount_sat is None and invoice.amount_msat is not None:
        amount_sat = -(-invoice.amount_msat // 1000)
    return PaymentRequest(
        kind="onchain" if invoice is None else ("unified" if address else "bolt11"),
        address=address,
        amount_sat=amount_sat,
        amount_msat=invoice.amount_msat if invoice is not None else None,
        label=params.get("label") or None,
        message=params.get("message") or None,
        invoice=invoice,
        invoice_text=invoice_text,
    )


def _bolt11_request(text: str, network: Network) -> PaymentRequest:
    invoice = _parse_invoice(text, network)
    amount_sat = None if invoice.amount_msat is None else -(-invoice.amount_msat // 1000)
    return PaymentRequest(
        kind="bolt11", amount_sat=amount_sat, amount_msat=invoice.amount_msat,
        invoice=invoice, invoice_text=text,
    )


#: the URI schemes Kite registers as the handler of: BIP 21, BOLT 11, and LUD-17's LNURL
#: schemes (pay, withdraw, login), which Send hands to the LNURL page
LINK_SCHEMES = ("bitcoin", "lightning", "lnurlp", "lnurlw", "keyauth")


def is_payment_link(text: str) -> bool:
    """Whether `text` is a link Kite opens (`bitcoin:` BIP 21, `lightning:`, or LUD-17's
    `lnurlp:`/`lnurlw:`/`keyauth:`), by its
    scheme only; `parse_payment_text` checks the rest."""
    scheme, colon, _rest = text.partition(":")
    return bool(colon) and scheme.lower() in LINK_SCHEMES


def parse_payment_text(text: str, network: Network) -> PaymentRequest:
    """Parse what the user pasted or scanned; PaymentRequestError says what is wrong."""
    if not isinstance(text, str):
        raise PaymentRequestError(NOT_RECOGNISED, "expected text")
    if len(text) > MAX_TEXT_LENGTH:  # before any work on it
        raise PaymentRequestError(
            "This text is too long to be a Bitcoin address or a Lightning invoice.",
            f"{len(text):,} characters; at most {MAX_TEXT_LENGTH:,} are read",
        )
    text = text.strip()
    if not text:
        raise PaymentRequestError("Paste or scan a Bitcoin address or a Lightning invoice.")
    try:  # an offer, alone or in a BIP 21 URI, never falls through to on-chain
        refuse_offer(text, chain_hash(network.genesis_hash))
    except OfferTextError as e:
        raise PaymentRequestError(e.message, e.detail) from None
    lower = text.lower()
    if lower.startswith("lightning:"):
        return _bolt11_request(text[len("lightning:"):].strip(), network)
    if lower.startswith("bitcoin:"):
        return _parse_bip21(text, network)
    if lower.startswith("ln"):
        return _bolt11_request(text, network)
    if any(c.isspace() for c in text):
        raise PaymentRequestError(NOT_RECOGNISED, "contains spaces")
    return PaymentRequest(kind="onchain", address=_parse_address(text, network))


def format_btc(sat: int) -> str:
    """Satoshis as the shortest exact decimal bitcoin text ('0.0015', '2')."""
    whole, frac = divmod(sat, SAT_PER_BTC)
    text = f"{whole}.{frac:08d}".rstrip("0").rstrip(".")
    return text


def make_bip21(
    address: str,
    amount_sat: int | None = None,
    label: str | None = None,
    lightning: str | None = None,
    message: str | None = None,
) -> str:
    """A BIP 21 URI: `bitcoin:ADDR?amount=…&label=…&message=…&lightning=…`."""
    if not address:
        raise PaymentRequestError("There is no address to put in the payment request.")
    params = []
    if amount_sat is not None:
        if isinstance(amount_sat, bool) or not isinstance(amount_sat, int) or not (
            0 < amount_sat <= MAX_SAT
        ):
            raise PaymentRequestError(
                "The amount must be a whole number of satoshis above zero.",
                f"amount_sat={amount_sat!r}",
            )
        params.append("amount=" + format_btc(amount_sat))
    if label:
        params.append("label=" + quote(label, safe=""))
    if message:
        params.append("message=" + quote(message, safe=""))
    if lightning:
        params.append("lightning=" + quote(lightning, safe=""))
    return f"bitcoin:{address}" + ("?" + "&".join(params) if params else "")
