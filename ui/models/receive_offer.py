"""Receive's reusable offer: the wallet's any-amount BOLT 12 offer (`WalletApi.receive_offer`,
the same one on every visit while its path still reaches us), as a QR and text to copy (the page's Copy and Save image buttons).

What the node hands back is read again before it is shown: it must be an offer for this
network that asks no amount and no currency, since the page says "any amount, reusable".
A payment to one of our offers (an incoming row whose invoice is a BOLT 12 `lni1…`) shows
"Received" while the offer is on screen; each one is in the history like any payment."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Property, QObject, Signal, Slot

from ui.i18n.wallet_sentences import said
from ui.i18n.words import fill, translate
from ui.models.bridge import when_done
from ui.models.qr import qr_source
from ui.models.session import Session
from ui.models.signals import emit
from wallet.api import WalletApi
from wallet.errors import InputError


class ReceiveOfferModel(QObject):
    changed = Signal()
    received = Signal("qlonglong")  # sat paid to one of our offers while it is shown

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._offer = ""
        self._busy = False
        self._error = ""
        self._error_detail = ""
        self._serial = 0
        self._showing = False
        session.eventReceived.connect(self._on_event)

    @Slot()
    def load(self) -> None:
        """Show the wallet's offer (asked of the node once per visit)."""
        self._showing = True
        if self._busy or self._offer:
            return
        if not self._session.can("receive_offer"):
            self._set_error(translate("ReceiveOffer", "A reusable offer needs the wallet to be open."), "")
            return
        self._serial += 1
        serial = self._serial
        self._busy = True
        self._error = self._error_detail = ""
        emit(self.changed)

        def ok(answer: dict[str, Any]) -> None:
            if serial != self._serial:
                return
            self._busy = False
            text = str((answer or {}).get("offer") or "")
            problem = self._problem(text)
            if problem:
                self._set_error(problem, text[:80])
                return
            self._offer = text
            emit(self.changed)

        def failed(message: str, detail: str) -> None:
            if serial != self._serial:
                return
            self._busy = False
            self._set_error(message, detail)

        when_done(self._session.poster, self._session.api.receive_offer(), ok, failed)

    def _problem(self, text: str) -> str:
        """Why `text` is not an offer this page may show as "any amount, reusable"."""
        try:
            offer = WalletApi.offer_to_pay(text, self._session.api.network) if text else None
        except InputError as e:
            return fill(translate("ReceiveOffer", "The wallet's offer cannot be read: %1"),
                        said(str(e)))
        if offer is None or offer["offer"] != text:
            return translate("ReceiveOffer", "The wallet did not give a BOLT 12 offer.")
        if offer["amount_msat"] is not None or offer["currency"] or offer["expired"]:
            return translate("ReceiveOffer",
                             "The wallet gave an offer with an amount or an expiry, not a reusable one.")
        return ""

    @Slot()
    def hide(self) -> None:
        """The page is gone: a payment no longer shows "Received" here; the next visit asks
        the node again (the offer changes when the trampoline peer does)."""
        self._showing = False
        self._serial += 1
        self._offer, self._busy = "", False
        self._error = self._error_detail = ""
        emit(self.changed)

    def _set_error(self, message: str, detail: str) -> None:
        self._error, self._error_detail = message, detail
        emit(self.changed)

    def _on_event(self, kind: str, data: dict[str, Any]) -> None:
        if (kind == "payment" and self._showing and self._offer
                and data.get("direction") == "in" and data.get("status") == "paid"
                and str(data.get("invoice") or "").startswith("lni1")):
            emit(self.received, int(data.get("amount_msat") or 0) // 1000)

    @Property(str, notify=changed)
    def offer(self) -> str:
        return self._offer

    @Property(str, notify=changed)
    def qr(self) -> str:
        return qr_source(self._offer)

    @Property(bool, notify=changed)
    def busy(self) -> bool:
        return self._busy

    @Property(str, notify=changed)
    def error(self) -> str:
        return self._error

    @Property(str, notify=changed)
    def errorDetail(self) -> str:  # noqa: N802
        return self._error_detail
