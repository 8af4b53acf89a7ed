"""`kite --demo` in the window: the set-up progress (`setupStatus`, `setupError`, `ready`)
and the merchant buttons: the devnet's Shop offers an invoice to pay (Send page) and pays
the invoice the Receive page shows. The Shop is another process reached over its daemon
socket, so calls run on a worker thread and answers come back on the GUI thread."""

from __future__ import annotations

import concurrent.futures
from typing import Any, Protocol

from PySide6.QtCore import Property, QObject, QTimer, Signal, Slot

from ui.i18n.words import QT_TRANSLATE_NOOP, fill, translate
from ui.models.bridge import when_done
from ui.models.session import Session
from ui.models.signals import emit

DEMO_INVOICE_SAT = 2_100
DEMO_INVOICE_DESCRIPTION = QT_TRANSLATE_NOOP("Demo", "Kite demo shop: one coffee")
# the set-up's steps as ui/demo_app.py and wallet/devnet/demo_wallet.py say them (English,
# also on the terminal); the window shows them translated (tests/gui/test_translations.py
# checks these are the sentences those modules say)
SETUP_STEPS = (
    QT_TRANSLATE_NOOP("Demo", "Starting the devnet: chain, Electrum server, trampoline and shop…"),
    QT_TRANSLATE_NOOP("Demo", "Creating the demo wallet…"),
    QT_TRANSLATE_NOOP("Demo", "The devnet pays the demo wallet…"),
    QT_TRANSLATE_NOOP("Demo", "Opening a channel to the trampoline…"),
)
MINE_INTERVAL_MS = 20_000  # the demo chain gets a block this often: sends and closes finish


class Merchant(Protocol):
    def shop_invoice(self, amount_sat: int, description: str = "") -> str: ...

    def shop_pay(self, invoice: str, timeout: float = 60.0) -> dict[str, Any]: ...

    def mine(self, n: int) -> list[str]: ...


class DemoModel(QObject):
    changed = Signal()
    invoiceReady = Signal(str)  # the Shop's invoice, for the Send page to parse

    def __init__(self, session: Session, merchant: Merchant | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._merchant = merchant
        self._pool = concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="kite-demo")
        self._busy = False
        self._status = ""
        self._error = ""
        self._error_page = ""  # the page whose button caused `_error`: "send" or "receive"
        self._ready = merchant is not None  # a merchant given up front: nothing to set up
        self._setup_status = ""
        self._setup_error = ""
        self._pushed_sat = 0  # what the demo channel gave Tram when it opened
        self._blocks_mined = 0
        self._mining = False
        self._mine_timer = QTimer(self)
        self._mine_timer.setInterval(MINE_INTERVAL_MS)
        self._mine_timer.timeout.connect(self.mineBlock)
        if self._ready and merchant is not None:
            self._mine_timer.start()

    def shutdown(self) -> None:
        self._mine_timer.stop()
        self._pool.shutdown(wait=False, cancel_futures=True)

    # --- blocks: the demo chain has no miners of its own -------------------------------

    @Slot()
    def mineBlock(self) -> None:  # noqa: N802
        """Mine one block on the demo chain (the timer does this every 20 s too)."""
        merchant = self._merchant
        if merchant is None or not self._ready or self._mining:
            return
        self._mining = True
        emit(self.changed)

        def ok(_hashes: Any) -> None:
            self._mining = False
            self._blocks_mined += 1
            emit(self.changed)

        def failed(message: str, _detail: str) -> None:
            self._mining = False
            emit(self.changed)

        when_done(self._session.poster, self._pool.submit(merchant.mine, 1), ok, failed)

    @Property(bool, notify=changed)
    def mining(self) -> bool:
        return self._mining

    @Property(int, notify=changed)
    def blocksMined(self) -> int:  # noqa: N802
        return self._blocks_mined

    def set_pushed_sat(self, sat: int) -> None:
        self._pushed_sat = int(sat)
        emit(self.changed)

    @Property(str, notify=changed)
    def channelText(self) -> str:  # noqa: N802
        """Why the demo wallet holds less than it was funded with."""
        if self._pushed_sat <= 0:
            return ""
        sat = f"{self._pushed_sat:,}".replace(",", "\u202f")
        return fill(translate("Demo", "When your demo channel to Tram (the demo's trampoline) "
                              "opened, %1 sat of your demo coins were given to Tram's side of "
                              "it. A new channel holds all its coins on the opener's side; "
                              "with these, Tram can forward the shop's payments to you at "
                              "once. They are Tram's now, which is why your balance is lower."),
                    sat)

    @Property(int, constant=True)
    def mineIntervalSeconds(self) -> int:  # noqa: N802
        return MINE_INTERVAL_MS // 1000

    # --- set-up (driven by ui/demo_app.py from its worker thread, through the poster) ---

    def set_merchant(self, merchant: Merchant) -> None:
        self._merchant = merchant
        emit(self.changed)

    def set_setup_status(self, text: str) -> None:
        self._setup_status = translate("Demo", text) if text in SETUP_STEPS else text
        emit(self.changed)

    def set_setup_error(self, reason: str) -> None:
        """The demo world could not start: `reason` (the error's own words)."""
        self._setup_error = fill(translate("Demo", "The demo network could not start: %1"),
                                 reason)
        self._setup_status = ""
        emit(self.changed)

    def set_ready(self) -> None:
        self._ready, self._setup_status = True, ""
        self._mine_timer.start()
        emit(self.changed)

    @Property(bool, constant=True)
    def active(self) -> bool:
        """This window is `kite --demo`'s (even before the merchant is up)."""
        return self._session.demo

    @Property(bool, notify=changed)
    def ready(self) -> bool:
        return self._ready

    @Property(str, notify=changed)
    def setupStatus(self) -> str:  # noqa: N802
        return self._setup_status

    @Property(str, notify=changed)
    def setupError(self) -> str:  # noqa: N802
        return self._setup_error

    # --- merchant -------------------------------------------------------------------------

    @Property(bool, notify=changed)
    def enabled(self) -> bool:
        """The merchant buttons are shown (the demo is set up)."""
        return self._merchant is not None and self._ready

    @Property(bool, notify=changed)
    def busy(self) -> bool:
        return self._busy

    @Property(str, notify=changed)
    def status(self) -> str:
        return self._status

    @Property(str, notify=changed)
    def sendError(self) -> str:  # noqa: N802
        """The last failure of the Send page's shop button ("" once that page is left)."""
        return self._error if self._error_page == "send" else ""

    @Property(str, notify=changed)
    def receiveError(self) -> str:  # noqa: N802
        """The last failure of the Receive page's shop button."""
        return self._error if self._error_page == "receive" else ""

    @Slot()
    def clearError(self) -> None:  # noqa: N802
        """A page was opened afresh: an earlier attempt's failure is not about it."""
        if self._error:
            self._error, self._error_page = "", ""
            emit(self.changed)

    def _start(self, status: str, page: str) -> bool:
        if self._merchant is None or self._busy:
            return False
        self._busy, self._status, self._error, self._error_page = True, status, "", page
        emit(self.changed)
        return True

    def _failed(self, message: str, _detail: str) -> None:
        self._busy, self._status, self._error = False, "", message
        emit(self.changed)

    @Slot()
    def requestInvoice(self) -> None:  # noqa: N802
        """Ask the Shop for an invoice; `invoiceReady` carries it."""
        if not self._start(translate("Demo", "Asking the demo shop for an invoice…"), "send"):
            return
        merchant = self._merchant
        assert merchant is not None

        def ok(invoice: str) -> None:
            self._busy, self._status = False, ""
            emit(self.changed)
            emit(self.invoiceReady, str(invoice))

        future = self._pool.submit(merchant.shop_invoice, DEMO_INVOICE_SAT,
                                   translate("Demo", DEMO_INVOICE_DESCRIPTION))
        when_done(self._session.poster, future, ok, self._failed)

    @Slot(str)
    def payInvoice(self, invoice: str) -> None:  # noqa: N802
        """Have the Shop pay `invoice` (the Receive page turns into "Received")."""
        if not invoice or not self._start(translate("Demo", "The demo shop is paying…"), "receive"):
            return
        merchant = self._merchant
        assert merchant is not None

        def ok(_result: dict[str, Any]) -> None:
            self._busy, self._status = False, ""
            emit(self.changed)

        when_done(self._session.poster, self._pool.submit(merchant.shop_pay, invoice), ok,
                  self._failed)
