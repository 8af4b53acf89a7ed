"""The Receive page: an address and a Lightning invoice from the node, an optional amount and
description, and QR codes of the BIP 21 unified request (default), the invoice alone and
the address alone. The page learns of the payment from the node's "payment" event.

Before an invoice is made the node is asked whether the channels can receive the amount
(`receive_quote`). When they cannot and an LSP sells a just-in-time channel, the page shows
what the payer pays, what the channel costs and what the user gets, and makes the invoice
(which buys the channel) only once the user confirms, or at once when the fee (rounded up
to whole sat) is within Settings' "accept a channel fee without asking" (the invoice is then
asked for with that setting as its most, so an LSP charging more is refused by the node);
with no LSP it says why Lightning is left out."""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import Property, QObject, QStandardPaths, QTimer, QUrl, Signal, Slot
from PySide6.QtGui import QGuiApplication

from ui.i18n.words import fill, translate
from ui.models.bridge import when_done
from ui.models.qr import qr_source, save_qr_png
from ui.models.session import Session
from ui.models.settings import SettingsModel
from ui.models.signals import emit
from wallet.api import invoice_payment_hash
from wallet.payment_request import PaymentRequestError, make_bip21


def _readable_time(text: str) -> str:
    """The LSP's ISO 8601 deadline as "2030-01-01 00:00 UTC" (as given if it is not one)."""
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        return text
    if when.tzinfo is None:
        return text
    return when.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


class ReceiveModel(QObject):
    changed = Signal()
    notice = Signal(str)  # short confirmations ("Copied") for a toast
    received = Signal("qlonglong")  # the shown invoice was paid (sat)

    INVOICE_DELAY_MS = 400  # typing an amount makes one invoice, not one per keystroke

    def __init__(self, session: Session, settings: SettingsModel,
                 parent: QObject | None = None,
                 lightning_receivable: Callable[[], int | None] | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._settings = settings
        # what the channels can take in now (sat); None: not known (no Lightning figures)
        self._receivable = lightning_receivable or (lambda: None)
        self._save_error = ""
        self._address = ""
        self._amount_sat = 0
        self._amount_error = ""
        self._description = ""
        self._busy = False
        self._error = ""
        self._error_detail = ""
        self._invoice = ""
        self._invoice_hash = ""
        self._invoice_for: tuple[int, str] | None = None
        self._invoice_busy = False
        self._invoice_error = ""
        self._invoice_serial = 0
        # receive_quote's answer for (amount, description): a JIT channel offer waiting for
        # the user's yes, or why the channels cannot receive it
        self._jit_offer: dict[str, Any] | None = None
        self._jit_bought: dict[str, Any] | None = None  # the shown invoice's new channel
        self._jit_bought_auto = False  # ...bought without asking (Settings' fee limit)
        # while a JIT invoice is made without asking: the most it may cost (sat)
        self._jit_auto_cap_sat: int | None = None
        self._quote_reason = ""
        self._quoted_room_msat = -1
        self._quote_for: tuple[int, str] | None = None
        self._invoice_timer = QTimer(self)
        self._invoice_timer.setSingleShot(True)
        self._invoice_timer.setInterval(self.INVOICE_DELAY_MS)
        self._invoice_timer.timeout.connect(self.makeInvoice)
        session.eventReceived.connect(self._on_event)

    # --- Lightning invoice ------------------------------------------------------------

    @Slot()
    def makeInvoice(self) -> None:  # noqa: N802
        """Ask the node for an invoice for the current amount and description (first, when
        the facade can say it, whether the channels can receive it: see the module)."""
        self._invoice_timer.stop()
        quoting = self._session.can("receive_quote") and self._session.can("receive_invoice")
        if (not (quoting or self._session.can("create_invoice"))) or self._amount_error:
            self._invoice_serial += 1  # an answer on its way is for another amount
            self._clear_quote()
            if self._invoice_busy:
                self._invoice_busy = False  # nothing is being made: no spinner
            emit(self.changed)
            return
        self._invoice_serial += 1
        serial, wanted = self._invoice_serial, (self._amount_sat, self._description)
        self._invoice_busy = True
        self._invoice_error = ""
        self._clear_quote()
        emit(self.changed)
        api = self._session.api
        if not quoting:
            when_done(self._session.poster,
                      api.create_invoice(self._amount_sat or None, self._description),
                      lambda text: self._show_invoice(serial, wanted, {"invoice": text}),
                      lambda message, _d: self._invoice_failed(serial, message))
            return

        def quoted(quote: dict[str, Any]) -> None:
            if serial != self._invoice_serial:
                return
            self._quote_for = wanted
            self._quoted_room_msat = int(quote.get("receivable_msat") or 0)
            jit = quote.get("jit_channel")
            if (jit is not None or quote.get("warning")) and self._no_lsp_chosen():
                # Settings say "None": never a channel bought, even from a node still
                # running with the LSP chosen before (the choice reaches it at the next open)
                self._invoice_busy = False
                self._quote_reason = self._none_chosen_reason()
                emit(self.changed)
                return
            if isinstance(jit, dict) and self._amount_sat > 0 \
                    and isinstance(jit.get("opening_fee_msat"), int) \
                    and jit["opening_fee_msat"] >= self._amount_sat * 1000:
                self._invoice_busy = False  # nothing would be left for the user
                self._quote_reason = fill(translate("Receive",
                    "This payment cannot be received over Lightning: a new channel from "
                    "your LSP would cost %1, all of this amount. The on-chain part of the "
                    "request still works."), self._format_msat(jit['opening_fee_msat']))
                emit(self.changed)
                return
            if isinstance(jit, dict) and self._amount_sat > 0 \
                    and isinstance(jit.get("opening_fee_msat"), int):
                self._jit_offer = dict(jit)  # nothing is bought until confirmJit...
                fee_sat = math.ceil(jit["opening_fee_msat"] / 1000)
                cap = int(self._settings.lspAutoFeeSat)
                if cap > 0 and fee_sat <= cap:
                    # ...unless Settings accept this fee without asking: bought at once,
                    # at most the setting (a higher fee at buying is refused by the node)
                    self._buy_jit(serial, wanted, cap, auto=True)
                    return
                self._invoice_busy = False
                emit(self.changed)
                return
            if isinstance(jit, dict):  # the payer chooses the amount: the fee depends on it
                self._invoice_busy = False
                self._quote_reason = translate("Receive",
                    "Lightning is left out of this request: your channels cannot receive "
                    "anything now. Type an amount to see what a new channel from your LSP "
                    "would cost.")
                emit(self.changed)
                return
            if quote.get("warning"):
                self._invoice_busy = False
                self._quote_reason = self._no_lsp_reason(str(quote["warning"]))
                emit(self.changed)
                return
            when_done(self._session.poster,
                      api.receive_invoice(self._amount_sat or None, self._description,
                                          use_lsp=False),
                      lambda made: self._show_invoice(serial, wanted, made),
                      lambda message, _d: self._invoice_failed(serial, message))

        when_done(self._session.poster, api.receive_quote(self._amount_sat or None), quoted,
                  lambda message, _d: self._invoice_failed(serial, message))

    def _no_lsp_chosen(self) -> bool:
        """The user chose no LSP (Settings: "None"), for this window's own node (a daemon
        keeps the LSP of its command line, and its warning says why)."""
        return bool(self._settings.lspNone) and not self._session.attached

    def _none_chosen_reason(self) -> str:
        if self._amount_sat:
            return fill(translate("Receive",
                "This payment cannot be received over Lightning: your channels can receive "
                "at most %1 now, less than this amount, and you chose no liquidity provider "
                "(LSP) in Settings, so no new channel is opened for it. To receive it, "
                "choose an LSP in Settings, or have it paid on-chain: the on-chain part of "
                "the request still works."),
                self._settings.formatSat(self._quoted_room_msat // 1000))
        return translate("Receive",
            "Lightning is left out of this request: your channels cannot receive anything "
            "now, and you chose no liquidity provider (LSP) in Settings, so no new channel "
            "is opened. Choose an LSP in Settings, or have it paid on-chain: the on-chain "
            "part of the request still works.")

    def _no_lsp_reason(self, warning: str) -> str:
        room = self._settings.formatSat(self._quoted_room_msat // 1000)
        # the node's warning (English, like every message from wallet/) ends the sentence
        if warning.startswith("the LSP cannot open a channel") and self._amount_sat:
            return fill(translate("Receive", "This payment cannot be received over Lightning: your channels "
                        "can receive at most %1 now, and %2. The on-chain part of the "
                        "request still works."), room, warning)
        if warning.startswith("the LSP cannot open a channel"):
            return fill(translate("Receive", "This payment cannot be received over Lightning: your channels "
                        "cannot receive anything now, and %1. The on-chain part of the "
                        "request still works."), warning)
        if self._amount_sat:
            return fill(translate("Receive", "This payment cannot be received over Lightning: your channels "
                        "can receive at most %1 now, less than this amount, and no LSP is "
                        "set up to open a new channel for it. The on-chain part of the "
                        "request still works."), room)
        return translate("Receive", "This payment cannot be received over Lightning: your channels cannot "
                         "receive anything now, and no LSP is set up to open a new channel. "
                         "The on-chain part of the request still works.")

    def _clear_quote(self) -> None:
        self._jit_offer = None
        self._jit_auto_cap_sat = None
        self._quote_reason = ""
        self._quote_for = None

    def _show_invoice(self, serial: int, wanted: tuple[int, str], made: dict[str, Any]
                      ) -> None:
        if serial != self._invoice_serial:
            return
        self._invoice_busy = False
        jit = made.get("jit_channel")
        offered = self._jit_offer
        # the most the user agreed to: the fee shown (asked), or the setting (not asked)
        limit = None if offered is None else (
            self._jit_auto_cap_sat * 1000 if self._jit_auto_cap_sat is not None
            else int(offered["opening_fee_msat"]))
        if isinstance(jit, dict) and (
                limit is None or int(jit.get("opening_fee_msat") or 0) > limit):
            # a channel costlier than the one agreed to: never shown, asked again
            self._jit_offer = dict(jit)
            self._jit_auto_cap_sat = None
            self._invoice_error = translate("Receive", "The LSP's fee changed. Check the new figures and "
                                            "confirm again.")
            emit(self.changed)
            return
        self._invoice, self._invoice_for = str(made["invoice"]), wanted
        self._invoice_hash = invoice_payment_hash(self._invoice)
        self._jit_bought = dict(jit) if isinstance(jit, dict) else None
        self._jit_bought_auto = self._jit_bought is not None and self._jit_auto_cap_sat is not None
        self._jit_offer = None
        self._jit_auto_cap_sat = None
        emit(self.changed)

    def _invoice_failed(self, serial: int, message: str) -> None:
        if serial != self._invoice_serial:
            return
        self._invoice_busy = False
        self._invoice_error = message
        self._jit_auto_cap_sat = None  # not bought without asking: the card asks now
        emit(self.changed)

    @Slot()
    def confirmJit(self) -> None:  # noqa: N802
        """The user agreed to the channel fee shown: make the invoice through the LSP,
        at most that fee."""
        offer = self._jit_offer
        if offer is None or self._invoice_busy or self._quote_for != (
                self._amount_sat, self._description):
            return
        self._invoice_serial += 1
        serial, wanted = self._invoice_serial, (self._amount_sat, self._description)
        self._buy_jit(serial, wanted, math.ceil(int(offer["opening_fee_msat"]) / 1000),
                      auto=False)

    def _buy_jit(self, serial: int, wanted: tuple[int, str], max_fee_sat: int, *,
                 auto: bool) -> None:
        """Make the invoice through the LSP, its fee at most `max_fee_sat` (the node refuses
        a higher one); `auto`: the setting accepted it, the user was not asked."""
        self._invoice_busy = True
        self._invoice_error = ""
        self._jit_auto_cap_sat = max_fee_sat if auto else None
        emit(self.changed)
        when_done(self._session.poster,
                  self._session.api.receive_invoice(wanted[0], wanted[1],
                                                    use_lsp=True, max_lsp_fee_sat=max_fee_sat),
                  lambda made: self._show_invoice(serial, wanted, made),
                  lambda message, _d: self._invoice_failed(serial, message))

    @property
    def _jit_auto_buying(self) -> bool:
        return self._jit_auto_cap_sat is not None and self._invoice_busy

    def _jit_figures(self, jit: dict[str, Any] | None) -> dict[str, Any]:
        if not jit:
            return {}
        fee = int(jit.get("opening_fee_msat") or 0)
        pays = self._amount_sat * 1000
        gets = jit.get("you_receive_msat")
        gets = pays - fee if not isinstance(gets, int) else gets
        return {"payerPays": self._settings.formatSat(pays // 1000),
                "fee": self._format_msat(fee), "youReceive": self._format_msat(gets),
                "validUntil": _readable_time(str(jit.get("valid_until") or ""))}

    def _format_msat(self, msat: int) -> str:
        """Whole sat as the settings show them; a fraction of a sat is never rounded away."""
        if msat % 1000 == 0:
            return self._settings.formatSat(msat // 1000)
        return f"{msat / 1000:,.3f} sat".replace(",", "\u202f")

    @Property("QVariantMap", notify=changed)
    def jitOffer(self) -> dict[str, Any]:  # noqa: N802
        """The new channel the amount needs, waiting for the user's yes ({} when none):
        payerPays, fee, youReceive (formatted), validUntil."""
        current = self._quote_for == (self._amount_sat, self._description) \
            and not self._amount_error and not self._jit_auto_buying
        return self._jit_figures(self._jit_offer) if current else {}

    @Property("QVariantMap", notify=changed)
    def jitBought(self) -> dict[str, Any]:  # noqa: N802
        """The new channel the shown invoice goes through ({} when none)."""
        return self._jit_figures(self._jit_bought) if self._invoice_current else {}

    @Property(str, notify=changed)
    def jitBoughtNote(self) -> str:  # noqa: N802
        """Why the user was not asked about the shown invoice's channel fee ("" if asked)."""
        if not (self._jit_bought_auto and self._invoice_current and self._jit_bought):
            return ""
        return fill(translate("Receive", "Accepted without asking: your settings accept a "
                                         "channel fee up to %1."),
                    self._settings.formatSat(self._settings.lspAutoFeeSat))

    def _invoice_later(self) -> None:
        if self.canInvoice and not self._amount_error:
            self._invoice_busy = True
            self._invoice_timer.start()
        else:
            self.makeInvoice()  # ends a wait that can no longer give an invoice

    def _on_event(self, kind: str, data: dict[str, Any]) -> None:
        if (kind == "payment" and data.get("direction") == "in" and data.get("status") == "paid"
                and self._invoice_hash and data.get("payment_hash") == self._invoice_hash):
            emit(self.received, int(data.get("amount_msat") or 0) // 1000)

    @property
    def _invoice_current(self) -> bool:
        """The invoice is for the amount and description shown, and can arrive."""
        return (bool(self._invoice) and self._invoice_for == (self._amount_sat, self._description)
                and not self.lightningReason and not self._amount_error)

    @Property(str, notify=changed)
    def invoice(self) -> str:
        """The BOLT 11 invoice for the current amount and description ("" while making it)."""
        return self._invoice if self._invoice_current else ""

    @Property(str, notify=changed)
    def invoiceQr(self) -> str:  # noqa: N802
        return qr_source(self.invoice)

    @Property(str, notify=changed)
    def paymentHash(self) -> str:  # noqa: N802
        return self._invoice_hash if self._invoice_current else ""

    @Property(bool, notify=changed)
    def invoiceBusy(self) -> bool:  # noqa: N802
        return self._invoice_busy

    @Property(str, notify=changed)
    def invoiceError(self) -> str:  # noqa: N802
        return self._invoice_error

    @Property(bool, notify=changed)
    def canInvoice(self) -> bool:  # noqa: N802
        return self._session.can("create_invoice") or self._session.can("receive_invoice")

    # --- Lightning room ---------------------------------------------------------------------

    @Slot()
    def receivableChanged(self) -> None:  # noqa: N802
        """The channels changed: what the QR offers may change with them (a request
        Lightning was left out of, or waiting on a new channel, is asked again)."""
        room = self._receivable()
        if (room is not None and self._quote_for is not None and not self._invoice_busy
                and (self._quote_reason or self._jit_offer is not None)
                and int(room) * 1000 != self._quoted_room_msat):
            self._invoice_later()
        emit(self.changed)

    @Property("qlonglong", notify=changed)
    def receivableSat(self) -> int:  # noqa: N802
        """How much can arrive over Lightning now (-1: not known)."""
        room = self._receivable()
        return -1 if room is None else max(0, int(room))

    @Property(str, notify=changed)
    def lightningReason(self) -> str:  # noqa: N802
        """Why the request leaves Lightning out ("" when it is in)."""
        if self._session.can("receive_quote") and self._session.can("receive_invoice"):
            if self._quote_for != (self._amount_sat, self._description):
                return ""
            if self._jit_offer is not None and not self._jit_auto_buying:
                return translate("Receive", "Lightning needs a new channel for this amount: the invoice "
                                 "is made once you accept its cost.")
            return self._quote_reason
        room = self._receivable()
        if room is None or not self._session.can("create_invoice"):
            return ""
        if room <= 0:
            return translate("Receive", "Lightning is left out of this request: your channels cannot "
                             "receive anything now. Open a channel (Channels, the lightning "
                             "button on Home) to be paid over Lightning.")
        if self._amount_sat > room:
            return fill(translate("Receive", "Lightning is left out of this request: your channels can "
                                  "receive at most %1 now, less than this amount."),
                        self._settings.formatSat(room))
        return ""

    # --- address ------------------------------------------------------------------------

    @Slot()
    def reset(self) -> None:
        """A fresh page: no amount, description, request, error or old address."""
        self._invoice_timer.stop()
        self._invoice_serial += 1  # an answer still on its way is for the old request
        self._amount_sat, self._amount_error, self._description = 0, "", ""
        self._invoice, self._invoice_hash, self._invoice_for = "", "", None
        self._invoice_busy, self._invoice_error = False, ""
        self._clear_quote()
        self._jit_bought, self._jit_bought_auto, self._jit_auto_cap_sat = None, False, None
        self._address = ""
        self._error = self._error_detail = self._save_error = ""
        emit(self.changed)

    @Slot()
    def refresh(self) -> None:
        """Ask the node for an unused receiving address and a fresh invoice."""
        self.makeInvoice()
        api = self._session.api
        if not self._session.can("receive_address"):
            self._set_error(translate("Receive", "Receiving needs the wallet to be connected."),
                            "the facade has no receive_address() yet")  # not-words: a detail
            return
        self._busy = True
        self._error = self._error_detail = ""
        emit(self.changed)

        def ok(address: str) -> None:
            self._busy = False
            self._address = str(address)
            emit(self.changed)

        def failed(message: str, detail: str) -> None:
            self._busy = False
            self._set_error(message, detail)

        when_done(self._session.poster, api.receive_address(), ok, failed)

    def set_address(self, address: str) -> None:
        """For the node-less screens and tests: show this address."""
        self._address = address
        emit(self.changed)

    def _set_error(self, message: str, detail: str) -> None:
        self._error, self._error_detail = message, detail
        emit(self.changed)

    @Slot(str)
    def setAmount(self, text: str) -> None:  # noqa: N802
        if not text.strip():
            self._amount_sat, self._amount_error = 0, ""
        else:
            sat = self._settings.parseAmount(text)
            if sat < 0:
                self._amount_error = translate("Receive", "That is not an amount.")
            else:
                self._amount_sat, self._amount_error = sat, ""
        self._invoice_later()
        emit(self.changed)

    @Slot(str)
    def setDescription(self, text: str) -> None:  # noqa: N802
        if text.strip() != self._description:
            self._description = text.strip()
            self._invoice_later()
        emit(self.changed)

    @Property(str, notify=changed)
    def address(self) -> str:
        return self._address

    @Property("qlonglong", notify=changed)
    def amountSat(self) -> int:  # noqa: N802
        return self._amount_sat

    @Property(str, notify=changed)
    def amountError(self) -> str:  # noqa: N802
        return self._amount_error

    @Property(str, notify=changed)
    def description(self) -> str:
        return self._description

    @Property(str, notify=changed)
    def uri(self) -> str:
        """The BIP 21 unified request: address, amount, note and (once made) the Lightning
        invoice as `lightning=` (what the QR holds on the default tab)."""
        if not self._address or self._amount_error:
            return ""  # never a request for another amount than the field's
        try:
            return make_bip21(self._address, self._amount_sat or None,
                              message=self._description or None,
                              lightning=self.invoice or None)
        except PaymentRequestError:
            return ""

    @Property(str, notify=changed)
    def uriQr(self) -> str:  # noqa: N802
        return qr_source(self.uri)

    @Property(str, notify=changed)
    def addressQr(self) -> str:  # noqa: N802
        return qr_source(self._address)

    @Property(bool, notify=changed)
    def busy(self) -> bool:
        return self._busy

    @Property(str, notify=changed)
    def error(self) -> str:
        return self._error

    @Property(str, notify=changed)
    def errorDetail(self) -> str:  # noqa: N802
        return self._error_detail

    @Property(bool, notify=changed)
    def canReceive(self) -> bool:  # noqa: N802
        return self._session.can("receive_address")

    @Slot(str)
    def copy(self, text: str) -> None:
        QGuiApplication.clipboard().setText(text)
        emit(self.notice, translate("Receive", "Copied"))

    @staticmethod
    def image_folder() -> Path:
        """Where pictures go: the user's Pictures folder when it exists, else home."""
        pictures = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.PicturesLocation)
        if pictures and Path(pictures).is_dir():
            return Path(pictures)
        return Path.home()

    @Slot(str, result=str)
    def suggestedImageUrl(self, kind: str) -> str:  # noqa: N802
        """A file URL in `image_folder` for the QR being saved: "kite-request-25000sat.png",
        "kite-invoice.png", "kite-address.png", "kite-offer.png"; never an existing file's name."""
        kind = kind if kind in ("request", "invoice", "address", "offer") else "request"
        amount = f"-{self._amount_sat}sat" if self._amount_sat > 0 and kind in (
            "request", "invoice") else ""
        folder = self.image_folder()
        path = folder / f"kite-{kind}{amount}.png"
        n = 2
        while path.exists():
            path = folder / f"kite-{kind}{amount}-{n}.png"
            n += 1
        return QUrl.fromLocalFile(str(path)).toString()

    @Slot(result=str)
    def imageFolderUrl(self) -> str:  # noqa: N802
        return QUrl.fromLocalFile(str(self.image_folder())).toString()

    @Slot(str, str, result=bool)
    def saveImage(self, text: str, url: str) -> bool:  # noqa: N802
        """Save the QR of `text` as a PNG at a file URL (or path)."""
        path = QUrl(url).toLocalFile() if url.startswith("file:") else url
        if not path or not text:
            self._save_error = (translate("Receive", "Nothing was saved: choose a file name.") if text
                                else translate("Receive", "Nothing was saved: there is no code to save yet."))
            emit(self.changed)
            return False
        if not path.lower().endswith(".png"):
            path += ".png"
        try:
            save_qr_png(text, path)
        except OSError as e:
            self._save_error = fill(translate("Receive", "The image could not be saved there (%1)."),
                                    e.strerror or e)
            emit(self.changed)
            return False
        self._save_error = ""
        emit(self.changed)
        emit(self.notice, fill(translate("Receive", "Saved %1"), Path(path).name))
        return True

    @Property(str, notify=changed)
    def saveError(self) -> str:  # noqa: N802
        return self._save_error
