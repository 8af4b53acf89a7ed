"""The Send page: pasted, typed or scanned text → a confirmation → sending → the result.

On-chain requests are sent with a fee quote; BOLT 11 invoices (and unified BIP 21 requests,
whose payer may choose) are paid over Lightning, with the routing fee capped by the
settings' maximum, and the preimage shown as the proof of payment.

BOLT 12 offers are paid through the facade's pay_offer, always with the total shown (the
offer's price × the quantity chosen, or the amount typed), so the issuer's invoice must ask
exactly that; a payer note goes as typed. A BIP 353 name (`₿user@domain`, or a bare
`user@domain`) is first looked up by the node over DNSSEC, and the page shows the name and
that its proof checked. Order, as Phoenix and LDK do: a `₿` name is only ever BIP 353; a bare
user@domain is tried as BIP 353 first (DNSSEC-proven, and it may give an offer), and only a
name that publishes nothing or that DNS never answered about (`NoInstructions`: no record,
a timeout, an unreachable resolver) goes on to the LNURL page as a Lightning address; an
answer that fails the DNSSEC checks stops with its sentence (someone lied).

A bad input only sets `error` (with the technical `errorDetail`); the request being
confirmed, if any, is left exactly as it was. Fee quotes and sends go to the facade off the
GUI thread; a quote that comes back after the user changed the amount is dropped.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import zxingcpp
from PySide6.QtCore import Property, QObject, QUrl, Signal, Slot
from PySide6.QtGui import QGuiApplication, QImage

from ui.i18n.wallet_sentences import said
from ui.i18n.words import fill, translate
from ui.models.bridge import when_done
from ui.models.glyphs import BITCOIN_SIGN, can_draw_bitcoin_sign, shown_name
from ui.models.lnurl import LnurlModel
from ui.models.session import Session
from ui.models.settings import SettingsModel
from ui.models.signals import emit
from wallet.api import WalletApi, looks_like_lnurl
from wallet.errors import InputError
from wallet.payment_request import PaymentRequest, PaymentRequestError, parse_payment_text

STAGES = ("input", "confirm", "sending", "done", "failed")
MAX_SAT = 21_000_000 * 100_000_000  # no total above all the bitcoin there is

# failures the same request meets again, however often it is tried
# (needles in the node's English failure texts: matched, never shown)
PERMANENT_FAILURE_WORDS = ("expired", "already paid", "another network",  # not-words: needles
                           "wrong network", "incorrect_or_unknown_payment_details",  # not-words
                           "unknown payment")  # not-words: a needle


def decode_qr(image: QImage) -> str | None:
    """The text of the first QR code in `image`, or None."""
    if image.isNull():
        return None
    gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
    found = zxingcpp.read_barcodes(gray, formats=zxingcpp.BarcodeFormat.QRCode)
    return found[0].text if found else None


class SendModel(QObject):
    changed = Signal()
    errorChanged = Signal()

    def __init__(self, session: Session, settings: SettingsModel,
                 parent: QObject | None = None,
                 lightning_sat: Callable[[], int] | None = None,
                 lnurl: LnurlModel | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._lnurl = lnurl  # LNURLs and Lightning addresses go to the LNURL page
        self._settings = settings
        self._lightning_sat = lightning_sat or (lambda: 0)
        self._method = "onchain"
        self._preimage = ""
        self._payment_hash = ""
        self._paid_fee_msat = -1
        self._request: PaymentRequest | None = None
        self._stage = "input"
        self._offer: dict[str, Any] | None = None  # the BOLT 12 offer being paid, if any
        self._quantity = 1  # of the offer's item, when the offer lets the payer choose
        self._quantity_error = ""
        self._note = ""  # the payer note, sent exactly as held here
        self._name = ""  # the BIP 353 name the request was resolved from ("₿user@domain")
        self._resolving = ""  # the name being looked up now
        self._resolve_serial = 0
        self._amount_sat = 0
        self._amount_error = ""
        self._typed: tuple[int, str] = (0, "")  # (sat, error) of what the amount field holds
        self._send_max = False
        self._fee: dict[str, Any] | None = None
        self._high_fee_accepted = False  # the user ticked "I accept this fee" for this quote
        self._quote_error = ""
        self._quoting = False
        self._quote_serial = 0
        self._chosen_feerate: float | None = None  # sat/vB; None: the node's normal rate
        self._txid = ""
        self._failure = ""
        self._failure_detail = ""
        self._error = ""
        self._error_detail = ""

    # --- input ------------------------------------------------------------------------

    @Slot(str, result=bool)
    def parse(self, text: str) -> bool:
        """Take pasted or typed text; on success show the confirmation (an LNURL or a
        Lightning address: the LNURL page; a BIP 353 name: once the node has resolved it)."""
        if self._resolving:
            return False
        name = self._name_in(text)
        if name is not None:
            if not name:
                return False  # a ₿name that cannot be one: `error` says why
            self._resolve(name, text)
            return True
        return self._show(text, "")

    def _name_in(self, text: str) -> str | None:
        """The BIP 353 name `text` is ("" when it has the ₿ but no valid name, the error
        set), or None when it is not one (or the facade cannot resolve names)."""
        if not isinstance(text, str) or not self._session.can("resolve_name"):
            return None
        body = text.strip()
        explicit = body.startswith("₿")
        if not explicit and (body.count("@") != 1 or ":" in body or "/" in body
                             or any(c.isspace() for c in body)):
            return None
        try:
            return WalletApi.bip353_name(body)
        except InputError as e:
            if explicit:
                self._set_error(said(str(e)), "")
                return ""
            return None  # not a name: perhaps a Lightning address the LNURL page reads

    def _resolve(self, name: str, text: str) -> None:
        """Ask the node for the name's DNSSEC-proven instructions, then show them."""
        self._resolve_serial += 1
        serial = self._resolve_serial
        self._resolving = name
        self._set_error("", "")
        emit(self.changed)
        future = self._session.api.resolve_name(name)

        def ok(found: dict[str, Any]) -> None:
            if serial != self._resolve_serial:
                return  # the user went back meanwhile
            self._resolving = ""
            emit(self.changed)
            if not found.get("dnssec") or str(found.get("name")) != name:
                self._set_error(fill(translate("Send", "The answer about %1 was not proven, so "
                                               "Kite does not use it."), shown_name(name)),
                                str(found.get("name") or ""))
                return
            self._show(str(found.get("uri") or ""), name)

        def failed(message: str, detail: str) -> None:
            if serial != self._resolve_serial:
                return
            self._resolving = ""
            emit(self.changed)
            unpublished = future.done() and not future.cancelled() and isinstance(
                future.exception(), WalletApi.NoInstructions)  # none, or DNS never answered
            if unpublished and not text.strip().startswith("₿") and self._lnurl is not None:
                self._show(text, "")  # a bare user@domain: a Lightning address, then
                return
            self._set_error(message, detail)

        when_done(self._session.poster, future, ok, failed)

    def _show(self, text: str, name: str) -> bool:
        """Show the confirmation of `text` (resolved from the ₿name `name`, if any)."""
        if not name and self._lnurl is not None and looks_like_lnurl(text):
            self._set_error("", "")
            self._lnurl.start(text)
            emit(self._session.navigate, "LnurlPage.qml")
            return True
        offer = None
        try:
            if self._session.can("pay_offer"):
                offer = self._read_offer(text)
            request = offer[0] if offer is not None else parse_payment_text(
                text, self._session.api.network)
        except PaymentRequestError as e:
            self._set_error(said(e.message), e.detail or "")
            return False
        self._set_error("", "")
        self._offer = None if offer is None else offer[1]
        self._name = name
        self._quantity, self._quantity_error, self._note = 1, "", ""
        self._request = request
        self._amount_sat = request.amount_sat or 0
        self._amount_error = ""
        self._typed = (0, "")
        self._send_max = False
        self._fee = None
        self._quote_error = ""
        self._txid = self._failure = self._failure_detail = ""
        self._preimage = self._payment_hash = ""
        self._paid_fee_msat = -1
        self._method = self._default_method(request)
        self._stage = "confirm"
        emit(self.changed)
        self.quoteFee()
        return True

    # --- BOLT 12: quantity and payer note ---------------------------------------------------

    def _price_sat(self) -> int | None:
        """The offer's price of one item in sat (None: an offer without an amount)."""
        offer = self._offer
        if offer is None or offer["amount_msat"] is None:
            return None
        return int(offer["amount_msat"]) // 1000

    @Slot(str)
    def setQuantity(self, text: str) -> None:  # noqa: N802
        """How many of the offer's item (1 when the text is not a count); a priced offer's
        total becomes price × quantity, the amount shown and paid."""
        if self._stage != "confirm" or not self.quantityAllowed:
            return
        limit = int(self._offer["quantity_max"] or 0)  # 0: any number
        body = text.strip() if isinstance(text, str) else ""
        count = int(body) if body.isdigit() and len(body) <= 16 else 0
        price = self._price_sat()
        if count <= 0:
            self._quantity_error = translate("Send", "The quantity is a whole number of at least 1.")
            self._quantity = 1
        elif limit and count > limit:
            self._quantity_error = fill(translate("Send", "This offer sells at most %1 at once."),
                                        str(limit))
            self._quantity = 1
        elif price is not None and price * count > MAX_SAT:
            self._quantity_error = translate("Send", "That is more than all the bitcoin there is.")
            self._quantity = 1
        else:
            self._quantity, self._quantity_error = count, ""
        if price is not None:
            self._amount_sat = price * self._quantity
        emit(self.changed)

    @Slot(str)
    def setNote(self, text: str) -> None:  # noqa: N802
        """The payer note for an offer's issuer, kept and sent exactly as typed."""
        if self._stage != "confirm" or self._offer is None or not isinstance(text, str):
            return
        self._note = text
        emit(self.changed)

    def _read_offer(self, text: str) -> tuple[PaymentRequest, dict[str, Any]] | None:
        """A BOLT 12 offer as a request to pay over Lightning (None: `text` holds none)."""
        if not isinstance(text, str) or len(text) > 8000:
            return None  # parse_payment_text says why
        try:
            offer = WalletApi.offer_to_pay(text.strip(), self._session.api.network)
        except InputError as e:
            raise PaymentRequestError(str(e)) from None
        if offer is None:
            return None
        if offer["currency"]:
            raise PaymentRequestError(fill(translate("Send",
                "This offer asks for an amount in %1: Kite pays offers in bitcoin only."),
                offer["currency"]))
        if offer["expired"]:
            raise PaymentRequestError(translate("Send",
                "This offer has expired: ask the recipient for a new one."))
        amount = offer["amount_msat"]
        if amount is not None and amount % 1000:
            raise PaymentRequestError(translate("Send",
                "This offer asks for a fraction of a sat, which Kite cannot show exactly."))
        request = PaymentRequest(kind="offer", amount_sat=None if amount is None else amount // 1000,
                                 amount_msat=amount, message=offer["description"] or None)
        return request, offer

    def _default_method(self, request: PaymentRequest) -> str:
        """Lightning when it is the only way, or when the Lightning balance covers a
        unified request; else on-chain."""
        if request.address is None:
            return "lightning"
        if request.invoice is None or not self._session.can("pay_invoice"):
            return "onchain"
        need = request.amount_sat or 0
        return "lightning" if need and self._lightning_sat() >= need else "onchain"

    @Slot(str)
    def setMethod(self, method: str) -> None:  # noqa: N802
        """"lightning" or "onchain", for requests that offer both."""
        if not self.canChooseMethod or method not in ("lightning", "onchain"):
            return
        if method != self._method:
            self._method = method
            self._fee = None
            self._send_max = False
            emit(self.changed)
            self.quoteFee()

    @Slot(result=bool)
    def pasteClipboard(self) -> bool:  # noqa: N802
        """Use the clipboard: a QR image is decoded, text is parsed."""
        clipboard = QGuiApplication.clipboard()
        mime = clipboard.mimeData()
        if mime is not None and mime.hasImage():
            return self.useImage(clipboard.image(), "the clipboard image")  # not-words: a detail
        text = clipboard.text()
        if not text.strip():
            self._set_error(translate("Send", "The clipboard is empty: copy an address or invoice first."), "")
            return False
        return self.parse(text)

    @Slot(str, result=bool)
    def openImage(self, url: str) -> bool:  # noqa: N802
        """Decode a QR code from an image file (a file URL or a path)."""
        path = QUrl(url).toLocalFile() if url.startswith("file:") else url
        image = QImage(path)
        if image.isNull():
            self._set_error(translate("Send", "That file could not be opened as an image."), path)
            return False
        return self.useImage(image, path)

    def useImage(self, image: QImage, where: str) -> bool:  # noqa: N802
        text = decode_qr(image)
        if text is None:
            self._set_error(translate("Send", "No QR code was found in that picture."),
                            f"no QR code in {where}")  # not-words: a detail
            return False
        return self.parse(text)

    def _set_error(self, message: str, detail: str) -> None:
        self._error, self._error_detail = message, detail
        emit(self.errorChanged)

    @Slot()
    def clearError(self) -> None:  # noqa: N802
        self._set_error("", "")

    # --- confirmation -------------------------------------------------------------------

    @Slot(str)
    def setAmount(self, text: str) -> None:  # noqa: N802
        if not self.amountEditable:
            return
        sat = self._settings.parseAmount(text)
        if sat < 0:
            self._typed = (0, translate("Send", "That is not an amount.") if text.strip() else "")
        else:
            self._typed = (sat, "")
        if self._send_max:
            return  # the field is hidden: what it holds comes back when the switch goes off
        self._amount_sat, self._amount_error = self._typed
        self._fee = None
        emit(self.changed)
        self.quoteFee()

    @Slot(bool)
    def setSendMax(self, on: bool) -> None:  # noqa: N802
        if not self.amountEditable or on == self._send_max:
            return
        self._send_max = on
        self._fee = None
        self._quote_error = ""
        if not on:  # back to the amount in the field, never the "everything" of the quote
            self._amount_sat, self._amount_error = self._typed
        emit(self.changed)
        self.quoteFee()

    @Slot()
    def quoteFee(self) -> None:  # noqa: N802
        api = self._session.api
        request = self._request
        self._quote_serial += 1
        serial = self._quote_serial
        if (request is None or request.address is None or not self._session.can("fee_quote")
                or self._method == "lightning" or not (self._send_max or self._amount_sat)):
            self._quoting = False
            emit(self.changed)
            return
        self._quoting = True
        self._quote_error = ""
        emit(self.changed)

        def ok(quote: dict[str, Any]) -> None:
            if serial != self._quote_serial:
                return
            self._quoting = False
            if self._send_max:
                self._amount_sat = int(quote.get("amount_sat") or 0)
            elif int(quote.get("amount_sat") or 0) != self._amount_sat:
                self._quote_error = translate("Send", "The fee estimate did not match the amount: try again.")
                emit(self.changed)
                return
            self._fee = dict(quote)
            self._high_fee_accepted = False
            emit(self.changed)

        def failed(message: str, detail: str) -> None:
            if serial != self._quote_serial:
                return
            self._quoting = False
            if "not enough funds" in message.lower() or "InsufficientFunds" in detail:
                message = translate("Send", "Not enough funds: the amount and its fee come to more than "
                                    "your on-chain balance.")
            self._quote_error = message
            emit(self.changed)

        amount = None if self._send_max else self._amount_sat
        when_done(self._session.poster,
                  api.fee_quote(request.address, amount, self._chosen_feerate), ok, failed)

    @Slot(float)
    def setFeerate(self, rate: float) -> None:  # noqa: N802
        """The on-chain fee rate chosen (sat/vB; 0: the normal rate); the fee is quoted
        again, and the send pays exactly the rate of that quote."""
        chosen = float(rate) if rate and rate > 0 else None
        if chosen == self._chosen_feerate:
            return
        self._chosen_feerate = chosen
        self._fee = None
        emit(self.changed)
        self.quoteFee()

    # --- sending ------------------------------------------------------------------------

    @Slot()
    def send(self) -> None:
        if not self.canSend:
            return
        if self._method == "lightning":
            self._pay_lightning()
            return
        request = self._request
        assert request is not None and request.address is not None
        api = self._session.api
        self._stage = "sending"
        self._failure = self._failure_detail = ""
        emit(self.changed)

        def ok(txid: str) -> None:
            self._txid = str(txid)
            self._stage = "done"
            emit(self.changed)

        def failed(message: str, detail: str) -> None:
            self._failure, self._failure_detail = message, detail
            self._stage = "failed"
            emit(self.changed)

        amount = None if self._send_max else self._amount_sat
        feerate = self._fee.get("feerate") if self._fee is not None else None
        confirmed = bool(self.highFeeWarning) and self._high_fee_accepted
        when_done(self._session.poster,
                  api.send_onchain(request.address, amount, feerate, confirm_high_fee=confirmed),
                  ok, failed)

    def _pay_lightning(self) -> None:
        request = self._request
        assert request is not None and (request.invoice_text is not None
                                        or self._offer is not None)
        self._stage = "sending"
        self._failure = self._failure_detail = ""
        emit(self.changed)

        def ok(result: dict[str, Any]) -> None:
            self._preimage = str(result.get("preimage") or "")
            self._payment_hash = str(result.get("payment_hash") or "")
            fee = result.get("fee_msat")
            self._paid_fee_msat = -1 if fee is None else int(fee)
            self._stage = "done"
            emit(self.changed)

        def failed(message: str, detail: str) -> None:
            self._failure, self._failure_detail = message, detail
            self._stage = "failed"
            emit(self.changed)

        amount = self._amount_sat if request.amount_msat is None else None
        cap = self._settings.feeCapSat(self._amount_sat)
        if self._offer is not None:  # always the total shown: the invoice must ask exactly it
            future = self._session.api.pay_offer(
                self._offer["offer"], self._amount_sat, cap,
                quantity=self._quantity if self.quantityAllowed else None,
                note=self._note or None, bip353_name=self._name or None)
        else:
            future = self._session.api.pay_invoice(request.invoice_text, amount, cap)
        when_done(self._session.poster, future, ok, failed)

    @Slot()
    def retry(self) -> None:
        if self._stage == "failed":
            self._stage = "confirm"
            emit(self.changed)
            self.quoteFee()

    @Slot()
    def reset(self) -> None:
        self._request = None
        self._offer = None
        self._name = ""
        self._resolving = ""
        self._resolve_serial += 1  # an answer still on its way is dropped
        self._quantity, self._quantity_error, self._note = 1, "", ""
        self._stage = "input"
        self._amount_sat = 0
        self._amount_error = ""
        self._typed = (0, "")
        self._send_max = False
        self._fee = None
        self._chosen_feerate = None
        self._txid = self._failure = self._failure_detail = ""
        self._preimage = self._payment_hash = ""
        self._paid_fee_msat = -1
        self._method = "onchain"
        self._set_error("", "")
        emit(self.changed)

    # --- properties ------------------------------------------------------------------------

    @Property(str, notify=changed)
    def stage(self) -> str:
        return self._stage

    @Property(str, notify=errorChanged)
    def error(self) -> str:
        return self._error

    @Property(str, notify=errorChanged)
    def errorDetail(self) -> str:  # noqa: N802
        return self._error_detail

    @Property(str, notify=changed)
    def kind(self) -> str:
        return "" if self._request is None else self._request.kind

    @Property(bool, notify=changed)
    def lightning(self) -> bool:
        """This request is being paid over Lightning."""
        return self._request is not None and self._method == "lightning"

    @Property(bool, notify=changed)
    def canChooseMethod(self) -> bool:  # noqa: N802
        """The request offers both an address and an invoice, and Kite can pay both."""
        r = self._request
        return (r is not None and r.address is not None and r.invoice is not None
                and self._stage == "confirm" and self._session.can("pay_invoice"))

    @Property(str, notify=changed)
    def methodText(self) -> str:  # noqa: N802
        if self._request is None:
            return ""
        if self._method == "lightning":
            return (translate("Send", "Lightning (a BOLT 12 offer)") if self._offer is not None
                    else translate("Send", "Lightning"))
        if self._request.kind == "unified":
            return translate("Send", "On-chain (this request also offers Lightning)")
        return translate("Send", "On-chain")

    @Property(str, notify=changed)
    def recipient(self) -> str:
        request = self._request
        if request is None:
            return ""
        if self._method == "onchain" and request.address is not None:
            return request.address
        if self._offer is not None:
            return self._offer["issuer"] or self._offer["issuer_id"] or translate("Send", "A BOLT 12 offer")
        return request.invoice.payee.hex() if request.invoice is not None else ""

    @Property(str, notify=changed)
    def description(self) -> str:
        return "" if self._request is None else (self._request.description or "")

    @Property("qlonglong", notify=changed)
    def expiresAt(self) -> int:  # noqa: N802
        request = self._request
        if request is None or request.invoice is None:
            return 0
        return request.invoice.expires_at

    @Property(str, notify=changed)
    def resolving(self) -> str:
        """The BIP 353 name being looked up now ("" when none)."""
        return self._resolving

    @Property(str, notify=changed)
    def resolvingShown(self) -> str:  # noqa: N802
        return shown_name(self._resolving)

    @Property(str, notify=changed)
    def bip353Name(self) -> str:  # noqa: N802
        """The ₿name this request was resolved from, its DNSSEC proof checked ("" if none)."""
        return self._name

    @Property(str, notify=changed)
    def bip353NameShown(self) -> str:  # noqa: N802
        """`bip353Name` as this computer can draw it (no ₿ where no font has one)."""
        return shown_name(self._name)

    @Property(str, constant=True)
    def bitcoinSign(self) -> str:  # noqa: N802
        """"₿" where a font can draw it, else "" (names are then shown without it)."""
        return BITCOIN_SIGN if can_draw_bitcoin_sign() else ""

    @Property(bool, notify=changed)
    def quantityAllowed(self) -> bool:  # noqa: N802
        """The offer lets the payer choose how many (BOLT 12 offer_quantity_max)."""
        return self._offer is not None and self._offer.get("quantity_max") is not None

    @Property("qlonglong", notify=changed)
    def quantity(self) -> int:
        return self._quantity

    @Property(str, notify=changed)
    def quantityError(self) -> str:  # noqa: N802
        return self._quantity_error

    @Property(str, notify=changed)
    def quantityText(self) -> str:  # noqa: N802
        """"3 × 7 000 sat" for a priced offer bought several times ("" otherwise)."""
        price = self._price_sat()
        if not self.quantityAllowed or price is None or self._quantity_error:
            return ""
        return f"{self._quantity} × {self._settings.formatSat(price)}"

    @Property(str, notify=changed)
    def note(self) -> str:
        return self._note

    @Property(str, notify=changed)
    def noteError(self) -> str:  # noqa: N802
        if len(self._note.encode()) > WalletApi.MAX_PAYER_NOTE:
            return fill(translate("Send", "A note can be at most %1 bytes long."),
                        str(WalletApi.MAX_PAYER_NOTE))
        return ""

    @Property(bool, notify=changed)
    def amountEditable(self) -> bool:  # noqa: N802
        return self._request is not None and self._request.amount_sat is None

    @Property("qlonglong", notify=changed)
    def amountSat(self) -> int:  # noqa: N802
        return self._amount_sat

    @Property(str, notify=changed)
    def amountError(self) -> str:  # noqa: N802
        return self._amount_error

    @Property(bool, notify=changed)
    def sendMax(self) -> bool:  # noqa: N802
        return self._send_max

    @Property("qlonglong", notify=changed)
    def feeMsat(self) -> int:  # noqa: N802
        """The fee paid (Lightning) or quoted (on-chain), in msat; -1 while not known."""
        if self._method == "lightning":
            return self._paid_fee_msat
        return -1 if self._fee is None else int(self._fee.get("fee_sat") or 0) * 1000

    @Property("qlonglong", notify=changed)
    def feeSat(self) -> int:  # noqa: N802
        """`feeMsat` in whole sat, rounded up (for totals); -1 while not known."""
        fee = self.feeMsat
        return -1 if fee < 0 else -(-fee // 1000)

    @Property(str, notify=changed)
    def feeText(self) -> str:  # noqa: N802
        if self.lightning:
            if self._paid_fee_msat >= 0:
                return self._settings.formatMsat(self._paid_fee_msat)  # exactly what was paid
            rule = self._settings.feeCapRule
            if self._amount_sat <= 0:
                return fill(translate("Send", "At most %1 (Settings)"), rule)
            cap = self._settings.feeCapSat(self._amount_sat)
            return fill(translate("Send", "At most %1 (%2; Settings)"), self._settings.formatSat(cap), rule)
        if self._quoting:
            if not self._session.connected:
                return translate("Send", "Waiting for a connection to the network to estimate the fee…")
            return translate("Send", "Estimating…")
        if self._quote_error:
            return "—"
        if self._fee is None:
            if not self._session.can("fee_quote"):
                return translate("Send", "Shown once the wallet is connected")
            return translate("Send", "Enter an amount to see the fee")
        rate = self._fee.get("feerate")
        fee = self._settings.formatSat(int(self._fee.get("fee_sat") or 0))
        if not rate:
            return fee
        return fill(translate("Send", "%1 (%2 sat/vB)"), fee, f"{float(rate):.1f}")

    @Property("qlonglong", notify=changed)
    def totalSat(self) -> int:  # noqa: N802
        return self._amount_sat + max(0, self.feeSat)

    @Property(str, notify=changed)
    def totalText(self) -> str:  # noqa: N802
        if self._amount_sat <= 0:
            return ""
        if self.lightning:
            if self._paid_fee_msat < 0:
                return ""
            return self._settings.formatMsat(self._amount_sat * 1000 + self._paid_fee_msat)
        return self._settings.formatSat(self.totalSat) if self._fee_is_current() else ""

    @Property(bool, notify=changed)
    def quoting(self) -> bool:
        return self._quoting

    def _lightning_short(self) -> bool:
        """The amount is more than the channels can send now."""
        return self._amount_sat > self._lightning_sat()

    @Property(bool, notify=changed)
    def canSend(self) -> bool:  # noqa: N802
        request = self._request
        if request is not None and self._method == "lightning":
            return (self._stage == "confirm" and self._session.can("pay_invoice")
                    and self._amount_sat > 0 and not self._amount_error
                    and (self._offer_ready() if self._offer is not None else (
                        request.invoice is not None
                        and not request.invoice.is_expired(time.time())))
                    and not self._lightning_short())
        return (
            request is not None
            and request.address is not None
            and self._stage == "confirm"
            and self._session.can("send_onchain")
            and (self._send_max or self._amount_sat > 0)
            and not self._amount_error
            and not self._quoting
            and not self._quote_error
            and self._fee_is_current()
            and (not self.highFeeWarning or self._high_fee_accepted)
        )

    def _offer_ready(self) -> bool:
        """The quantity and note are valid, and a priced offer's total is price × quantity."""
        price = self._price_sat()
        return (not self._quantity_error and not self.noteError
                and (price is None or self._amount_sat == price * self._quantity))

    def _fee_is_current(self) -> bool:
        """A fee quote for exactly the amount shown (on-chain): the total is amount + fee."""
        fee = self._fee
        return fee is not None and int(fee.get("amount_sat") or -1) == self._amount_sat

    @Property(str, notify=changed)
    def highFeeWarning(self) -> str:  # noqa: N802
        """Why the quoted on-chain fee is high ("" when it is not): it must be accepted."""
        if self.lightning or self._fee is None or not self._fee.get("high_fee"):
            return ""
        return fill(translate("Send", "High fee: %1."), self._fee["high_fee"])

    @Property(bool, notify=changed)
    def highFeeAccepted(self) -> bool:  # noqa: N802
        return self._high_fee_accepted

    @Slot(bool)
    def setHighFeeAccepted(self, on: bool) -> None:  # noqa: N802
        self._high_fee_accepted = bool(on)
        emit(self.changed)

    @Property(str, notify=changed)
    def cannotSendReason(self) -> str:  # noqa: N802
        request = self._request
        if request is None or self._stage != "confirm":
            return ""
        if self._method == "lightning":
            if not self._session.can("pay_invoice"):
                return translate("Send", "Paying needs the wallet to be open.")
            if request.invoice is not None and request.invoice.is_expired(time.time()):
                return translate("Send", "This invoice has expired: ask the recipient for a new one.")
            if self._amount_sat <= 0:
                return translate("Send", "Enter the amount to pay.")
            if self._quantity_error or self.noteError:
                return self._quantity_error or self.noteError
            if self._lightning_short():
                can = self._lightning_sat()
                if can <= 0:
                    return translate("Send", "You have nothing to spend over Lightning yet: open a "
                                     "channel first (the lightning button on Home).")
                return fill(translate("Send", "You can send at most %1 over Lightning now (what stays in a "
                                      "channel as its reserve cannot be spent)."),
                            self._settings.formatSat(can))
            return ""
        if request.address is None:
            return translate("Send", "Paying Lightning invoices arrives with Lightning payments in Kite.")
        if not self._session.can("send_onchain"):
            return translate("Send", "Sending needs the wallet to be connected.")
        if not (self._send_max or self._amount_sat > 0):
            return translate("Send", "Enter the amount to send.")
        if self._quote_error:
            return self._quote_error
        return ""

    @Property(str, notify=changed)
    def txid(self) -> str:
        return self._txid

    @Property(str, notify=changed)
    def preimage(self) -> str:
        """The proof of a Lightning payment (its hash is the invoice's payment hash)."""
        return self._preimage

    @Property(str, notify=changed)
    def paymentHash(self) -> str:  # noqa: N802
        return self._payment_hash

    @Property(bool, notify=changed)
    def canRetry(self) -> bool:  # noqa: N802
        """Trying again could end differently: not for an expired invoice, one already
        paid, or one for another network (the same request fails the same way)."""
        if self._stage != "failed":
            return False
        request = self._request
        if (self._method == "lightning" and request is not None and request.invoice is not None
                and request.invoice.is_expired(time.time())):
            return False
        text = f"{self._failure} {self._failure_detail}".lower()
        return not any(word in text for word in PERMANENT_FAILURE_WORDS)

    @Property(str, notify=changed)
    def failure(self) -> str:
        return self._failure

    @Property(str, notify=changed)
    def failureDetail(self) -> str:  # noqa: N802
        return self._failure_detail
