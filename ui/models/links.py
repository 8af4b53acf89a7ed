"""Payment links opened from outside (`kite LINK`, a click in a browser, a second launch):
each one becomes the Send page filled in from it.

A link never replaces a payment the user is confirming or sending: that one stays exactly
as it is on screen and the link is refused with a notice (otherwise a link arriving a moment
before a click could change what gets paid). While the wallet is locked or not yet created,
the last link waits and opens once the wallet is open.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Property, QObject, QTimer, Signal, Slot

from ui.i18n.words import translate
from ui.models.send import SendModel
from ui.models.session import Session
from ui.models.signals import emit

BUSY_STAGES = ("confirm", "sending")


class LinkModel(QObject):
    notice = Signal(str)  # a short sentence for the window's toast
    pendingChanged = Signal()

    def __init__(self, session: Session, send: SendModel, current_page: Callable[[], str],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._send = send
        self._current_page = current_page
        self._pending = ""
        session.opened.connect(self._open_pending)

    @Property(str, notify=pendingChanged)
    def pending(self) -> str:
        """A link waiting for the wallet to be opened ("" when none)."""
        return self._pending

    @Slot(str)
    def open(self, link: str) -> None:
        """Show `link` on Send now, or once the wallet is open."""
        if self._session.state != "open":
            self._pending = link
            emit(self.pendingChanged)
            emit(self.notice, translate("Links", "Open your wallet to pay this link."))
            return
        self._show(link)

    def _open_pending(self) -> None:
        if self._pending:
            # after the window has switched to Home for the opened wallet
            QTimer.singleShot(0, self._show_pending)

    def _show_pending(self) -> None:
        link, self._pending = self._pending, ""
        emit(self.pendingChanged)
        if link and self._session.state == "open":
            self._show(link)

    def _show(self, link: str) -> None:
        if self._send.stage in BUSY_STAGES:
            emit(self.notice, translate("Links", "A payment is already on screen: finish or "
                                        "cancel it, then open the link again."))
            return
        self._send.reset()
        self._send.parse(link)  # a bad link shows its error on the Send page
        if self._current_page() != "sendPage":
            self._session.show_page("SendPage.qml")
