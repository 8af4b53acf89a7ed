"""The Receive page: an address from the node, an optional amount and note, the QR."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Property, QObject, QUrl, Signal, Slot
from PySide6.QtGui import QGuiApplication

from ui.models.bridge import when_done
from ui.models.qr import qr_source, save_qr_png
from ui.models.session import Session
from ui.models.settings import SettingsModel
from ui.models.signals import emit
from wallet.payment_request import PaymentRequestError, make_bip21


class ReceiveModel(QObject):
    changed = Signal()
    notice = Signal(str)  # short confirmations ("Copied") for a toast

    def __init__(self, session: Session, settings: SettingsModel,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._settings = settings
        self._address = ""
        self._amount_sat = 0
        self._amount_error = ""
        self._description = ""
        self._busy = False
        self._error = ""
        self._error_detail = ""

    @Slot()
    def refresh(self) -> None:
        """Ask the node for an unused receiving address."""
        api = self._session.api
        if not self._session.can("receive_address"):
            self._set_error("Receiving needs the wallet to be connected.",
                            "the facade has no receive_address() yet")
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
                self._amount_error = "That is not an amount."
            else:
                self._amount_sat, self._amount_error = sat, ""
        emit(self.changed)

    @Slot(str)
    def setDescription(self, text: str) -> None:  # noqa: N802
        self._description = text.strip()
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
        """The BIP 21 URI with amount and note (what the QR holds on the request tab)."""
        if not self._address:
            return ""
        try:
            return make_bip21(self._address, self._amount_sat or None,
                              message=self._description or None)
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
        emit(self.notice, "Copied")

    @Slot(str, str, result=bool)
    def saveImage(self, text: str, url: str) -> bool:  # noqa: N802
        """Save the QR of `text` as a PNG at a file URL (or path)."""
        path = QUrl(url).toLocalFile() if url.startswith("file:") else url
        if not path:
            return False
        if not path.lower().endswith(".png"):
            path += ".png"
        try:
            save_qr_png(text, path)
        except OSError as e:
            self._set_error("The image could not be saved there.", str(e))
            return False
        emit(self.notice, f"Saved {Path(path).name}")
        return True
