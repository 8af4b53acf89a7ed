"""The Channels page's "Buy inbound capacity" (LSPS1, bLIP-51): the user types how much the
wallet should be able to receive, sees the LSP's fee for a channel of that size (an order
made and checked by the node, nothing paid), and pays it only by pressing Buy. Once paid,
the LSP opens the channel; it is usable after its funding confirms."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Property, QObject, Signal, Slot

from ui.i18n.words import fill, translate
from ui.models.bridge import when_done
from ui.models.session import Session
from ui.models.settings import SettingsModel
from ui.models.signals import emit


class BuyInboundModel(QObject):
    changed = Signal()

    def __init__(self, session: Session, settings: SettingsModel,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._settings = settings
        self._reset()

    def _reset(self) -> None:
        self._amount_sat = 0
        self._order: dict[str, Any] | None = None
        self._busy = False
        self._done: dict[str, Any] | None = None
        self._error = self._error_detail = ""
        self._serial = 0

    @Slot()
    def start(self) -> None:
        self._reset()
        emit(self.changed)

    @Slot(str)
    def setAmount(self, text: str) -> None:  # noqa: N802
        sat = self._settings.parseAmount(text) if text.strip() else 0
        self._serial += 1  # an order for another amount no longer applies
        self._amount_sat = max(0, sat)
        self._order = self._done = None
        self._error = translate("BuyInbound", "That is not an amount.") if sat < 0 else ""
        self._error_detail = ""
        emit(self.changed)

    @Slot()
    def quote(self) -> None:
        """Ask the LSP for an order of this size: its fee is shown, nothing is paid."""
        if not self.canQuote:
            return
        self._busy, self._error, self._error_detail = True, "", ""
        self._serial += 1
        serial = self._serial
        emit(self.changed)

        def ok(order: dict[str, Any]) -> None:
            if serial == self._serial:
                self._busy, self._order = False, dict(order)
                emit(self.changed)

        when_done(self._session.poster, self._session.api.buy_inbound(self._amount_sat), ok,
                  self._failed(serial))

    @Slot()
    def buy(self) -> None:
        """Pay the order shown (its fee) and wait until the LSP has published the channel."""
        if not self.canBuy or self._order is None:
            return
        self._busy, self._error, self._error_detail = True, "", ""
        serial = self._serial
        emit(self.changed)

        def ok(order: dict[str, Any]) -> None:
            if serial == self._serial:
                self._busy, self._done = False, dict(order)
                emit(self.changed)

        when_done(self._session.poster,
                  self._session.api.pay_inbound_order(str(self._order["order_id"])), ok,
                  self._failed(serial))

    def _failed(self, serial: int):
        def failed(message: str, detail: str) -> None:
            if serial == self._serial:
                self._busy, self._error, self._error_detail = False, message, detail
                emit(self.changed)
        return failed

    @Property("qlonglong", notify=changed)
    def amountSat(self) -> int:  # noqa: N802
        return self._amount_sat

    @Property(bool, notify=changed)
    def busy(self) -> bool:
        return self._busy

    @Property(bool, notify=changed)
    def canQuote(self) -> bool:  # noqa: N802
        return (self._session.can("buy_inbound") and not self._busy and self._amount_sat > 0
                and self._order is None and self._done is None)

    @Property(bool, notify=changed)
    def canBuy(self) -> bool:  # noqa: N802
        return (self._session.can("pay_inbound_order") and not self._busy
                and self._order is not None and self._done is None)

    @Property(str, notify=changed)
    def offerText(self) -> str:  # noqa: N802
        """The order's terms in a sentence ("" before the LSP answered)."""
        o = self._order
        if o is None:
            return ""
        return fill(translate("BuyInbound", "The LSP opens a channel of %1 to this wallet, "
                                            "kept open at least %2 blocks, for a fee of %3 "
                                            "paid now over Lightning."),
                    self._settings.formatSat(int(o["lsp_balance_sat"])),
                    f"{int(o['channel_expiry_blocks']):,}".replace(",", "\u202f"),
                    self._settings.formatSat(int(o["fee_sat"])))

    @Property(str, notify=changed)
    def feeSat(self) -> str:  # noqa: N802
        return "" if self._order is None else self._settings.formatSat(int(self._order["fee_sat"]))

    @Property(str, notify=changed)
    def resultText(self) -> str:  # noqa: N802
        d = self._done
        if d is None:
            return ""
        if d.get("state") == "COMPLETED" and d.get("delivered") is False:
            return translate("BuyInbound", "Paid, but the channel the LSP says it opened is "
                                           "not in this wallet as ordered. Check the "
                                           "Channels page; contact the LSP if it does not "
                                           "appear.")
        if d.get("state") == "COMPLETED":
            return translate("BuyInbound", "Paid. The LSP has published the channel; it can "
                                           "receive once its funding transaction confirms.")
        if d.get("state") == "FAILED":
            return translate("BuyInbound", "The LSP could not open the channel; the fee was "
                                           "refunded.")
        return translate("BuyInbound", "Paid. The LSP has not opened the channel yet; it "
                                       "appears in the list when it does.")

    @Property(str, notify=changed)
    def error(self) -> str:
        return self._error

    @Property(str, notify=changed)
    def errorDetail(self) -> str:  # noqa: N802
        return self._error_detail
