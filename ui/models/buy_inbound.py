"""The Channels page's "Buy inbound capacity" (LSPS1, bLIP-51): the user types how much the
wallet should be able to receive, sees the LSP's fee for a channel of that size (an order
made and checked by the node, nothing paid), chooses how to pay it, and pays only by
pressing the button.

Two ways, each with its own figures: over Lightning (the LSP's fee, paid now), or on-chain
(the order's total plus the network fee, priced by the node as it will be sent; the
channel opens after the confirmations the LSP asks). On-chain is offered only when the LSP
offers it, and is disabled with a sentence when the wallet cannot pay it (its on-chain
balance, the anchor reserve). What is paid is what is shown: the on-chain payment goes
with the quote's fee rate and fee (another fee is refused by the node), a high fee only
once the user accepted it, and a new amount drops the order and its quote."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Property, QObject, Signal, Slot

from ui.i18n.words import fill, translate
from ui.models.bridge import when_done
from ui.models.session import Session
from ui.models.settings import SettingsModel
from ui.models.signals import emit

LIGHTNING, ONCHAIN = "lightning", "onchain"


def _blocks(n: int) -> str:
    return f"{n:,}".replace(",", "\u202f")


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
        self._clear_quote()

    def _clear_quote(self) -> None:
        self._way = ""
        self._quote: dict[str, Any] | None = None  # the on-chain payment priced
        self._quoting = False
        self._onchain_note = ""  # why on-chain cannot be chosen
        self._high_fee_accepted = False

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
        self._clear_quote()
        self._error = translate("BuyInbound", "That is not an amount.") if sat < 0 else ""
        self._error_detail = ""
        emit(self.changed)

    @Slot()
    def quote(self) -> None:
        """Ask the LSP for an order of this size: its fee is shown, nothing is paid; when it
        can be paid on-chain, that payment is priced too."""
        if not self.canQuote:
            return
        self._busy, self._error, self._error_detail = True, "", ""
        self._serial += 1
        serial = self._serial
        emit(self.changed)

        def ok(order: dict[str, Any]) -> None:
            if serial != self._serial:
                return
            self._busy, self._order = False, dict(order)
            ways = self._ways()
            self._way = ways[0] if ways else ""
            if ONCHAIN in ways:
                self._price_onchain(serial)
            emit(self.changed)

        when_done(self._session.poster, self._session.api.buy_inbound(self._amount_sat), ok,
                  self._failed(serial))

    def _ways(self) -> list[str]:
        return [] if self._order is None else [
            w for w in self._order.get("pay_with") or [] if w in (LIGHTNING, ONCHAIN)]

    def _price_onchain(self, serial: int) -> None:
        assert self._order is not None
        self._quoting = True

        def ok(answer: dict[str, Any]) -> None:
            if serial != self._serial:
                return
            self._quoting = False
            if answer.get("onchain_quote") is not None:
                self._quote = dict(answer["onchain_quote"])
            else:  # the wallet's coins cannot pay it
                total = self._order["onchain"]["total_sat"] if self._order else 0
                self._cannot_choose_onchain(fill(
                    translate("BuyInbound", "Not on-chain: the wallet's spendable on-chain "
                                            "balance cannot pay %1 plus the network fee."),
                    self._settings.formatSat(int(total))))
            emit(self.changed)

        def failed(message: str, detail: str) -> None:
            if serial == self._serial:
                self._quoting = False
                self._cannot_choose_onchain(fill(translate("BuyInbound", "Not on-chain: %1"),
                                                 message))
                emit(self.changed)

        when_done(self._session.poster,
                  self._session.api.inbound_onchain_quote(str(self._order["order_id"])), ok,
                  failed)

    def _cannot_choose_onchain(self, why: str) -> None:
        self._onchain_note = why
        if self._way == ONCHAIN:
            self._way = LIGHTNING if LIGHTNING in self._ways() else ""

    @Slot(str)
    def choose(self, way: str) -> None:
        """Pay over Lightning or on-chain (only a way that can be taken now)."""
        if way == LIGHTNING and self.lightningPossible or way == ONCHAIN and self.onchainPossible:
            self._way = way
            emit(self.changed)

    @Slot(bool)
    def acceptHighFee(self, on: bool) -> None:  # noqa: N802
        self._high_fee_accepted = bool(on)
        emit(self.changed)

    @Slot()
    def buy(self) -> None:
        """Pay the order shown, the way chosen, for the figures shown."""
        if not self.canBuy or self._order is None:
            return
        self._busy, self._error, self._error_detail = True, "", ""
        serial = self._serial
        emit(self.changed)

        def ok(order: dict[str, Any]) -> None:
            if serial == self._serial:
                self._busy, self._done = False, dict(order)
                emit(self.changed)

        order_id = str(self._order["order_id"])
        api = self._session.api
        if self._way == ONCHAIN and self._quote is not None:
            q = self._quote
            paying = api.pay_inbound_order(
                order_id, onchain=True, fee_rate=float(q["target_feerate"]),
                expected_fee_sat=int(q["network_fee_sat"]),
                confirm_high_fee=bool(q.get("high_fee")) and self._high_fee_accepted)
        else:
            paying = api.pay_inbound_order(order_id)
        when_done(self._session.poster, paying, ok, self._failed(serial))

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
        if not (self._session.can("pay_inbound_order") and not self._busy
                and self._order is not None and self._done is None):
            return False
        if self._way == LIGHTNING:
            return self.lightningPossible
        if self._way == ONCHAIN:
            return self.onchainPossible and (not self.highFeeWarning or self._high_fee_accepted)
        return False

    @Property(str, notify=changed)
    def offerText(self) -> str:  # noqa: N802
        """The order's terms in a sentence ("" before the LSP answered)."""
        o = self._order
        if o is None:
            return ""
        return fill(translate("BuyInbound", "The LSP opens a channel of %1 to this wallet, "
                                            "kept open at least %2 blocks."),
                    self._settings.formatSat(int(o["lsp_balance_sat"])),
                    _blocks(int(o["channel_expiry_blocks"])))

    @Property(str, notify=changed)
    def way(self) -> str:
        return self._way

    @Property(bool, notify=changed)
    def lightningOffered(self) -> bool:  # noqa: N802
        return self._order is not None and self._order.get("fee_sat") is not None

    @Property(bool, notify=changed)
    def lightningPossible(self) -> bool:  # noqa: N802
        return LIGHTNING in self._ways()

    @Property(bool, notify=changed)
    def onchainOffered(self) -> bool:  # noqa: N802
        return self._order is not None and self._order.get("onchain") is not None

    @Property(bool, notify=changed)
    def onchainPossible(self) -> bool:  # noqa: N802
        return ONCHAIN in self._ways() and self._quote is not None and not self._onchain_note

    @Property(str, notify=changed)
    def feeSat(self) -> str:  # noqa: N802
        """The LSP's Lightning fee ("" without a Lightning way)."""
        if not self.lightningOffered:
            return ""
        assert self._order is not None
        return self._settings.formatSat(int(self._order["fee_sat"]))

    @Property(str, notify=changed)
    def lightningText(self) -> str:  # noqa: N802
        if not self.lightningOffered:
            return ""
        return fill(translate("BuyInbound", "The LSP's fee of %1, paid now over Lightning. "
                                            "The channel opens at once."), self.feeSat)

    @Property(str, notify=changed)
    def onchainText(self) -> str:  # noqa: N802
        """The on-chain payment in plain numbers (the order's total, the network fee, both)
        and when the channel opens; while it is priced, a sentence saying so."""
        if not self.onchainOffered:
            return ""
        if self._quote is None:
            return (translate("BuyInbound", "Pricing the on-chain payment…")
                    if self._quoting else "")
        q, fmt = self._quote, self._settings.formatSat
        n = int(q["confirmations"])
        opens = (translate("BuyInbound", "The channel opens after 1 confirmation of the "
                                         "payment.") if n == 1 else
                 fill(translate("BuyInbound", "The channel opens after %1 confirmations of "
                                              "the payment."), _blocks(n)))
        return fill(translate("BuyInbound", "%1 to the LSP (its fee) plus a network fee of "
                                            "%2: %3 leave this wallet."),
                    fmt(int(q["order_total_sat"])), fmt(int(q["network_fee_sat"])),
                    fmt(int(q["total_sat"]))) + " " + opens

    @Property(str, notify=changed)
    def onchainNote(self) -> str:  # noqa: N802
        """Why on-chain cannot be chosen ("" when it can, or is not offered)."""
        return self._onchain_note

    @Property(str, notify=changed)
    def highFeeWarning(self) -> str:  # noqa: N802
        if self._way != ONCHAIN or self._quote is None or not self._quote.get("high_fee"):
            return ""
        return fill(translate("BuyInbound", "High network fee: %1."), self._quote["high_fee"])

    @Property(bool, notify=changed)
    def highFeeAccepted(self) -> bool:  # noqa: N802
        return self._high_fee_accepted

    @Property(str, notify=changed)
    def buyText(self) -> str:  # noqa: N802
        """The button: what leaves the wallet, the way chosen."""
        if self._way == ONCHAIN and self._quote is not None:
            return fill(translate("BuyInbound", "Pay %1 on-chain"),
                        self._settings.formatSat(int(self._quote["total_sat"])))
        if self._way == LIGHTNING and self.lightningOffered:
            return fill(translate("BuyInbound", "Buy for %1"), self.feeSat)
        return translate("BuyInbound", "Buy")

    @Property(str, notify=changed)
    def resultText(self) -> str:  # noqa: N802
        d = self._done
        if d is None:
            return ""
        if d.get("paid_onchain"):
            return self._onchain_result(d)
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

    def _onchain_result(self, d: dict[str, Any]) -> str:
        onchain = d.get("onchain") or {}
        if onchain.get("state") == "REFUNDED":
            return translate("BuyInbound", "The LSP could not open the channel and sent the "
                                           "payment back to this wallet; it shows in the "
                                           "on-chain balance.")
        if d.get("state") == "FAILED":
            return translate("BuyInbound", "The LSP could not open the channel; it must send "
                                           "the payment back to this wallet.")
        n = int(onchain.get("confirmations") or 1)
        if n == 1:
            return translate("BuyInbound", "Paid on-chain. The LSP opens the channel after 1 "
                                           "confirmation of the payment; it appears in the "
                                           "list when it does.")
        return fill(translate("BuyInbound", "Paid on-chain. The LSP opens the channel after "
                                            "%1 confirmations of the payment; it appears in "
                                            "the list when it does."), _blocks(n))

    @Property(str, notify=changed)
    def error(self) -> str:
        return self._error

    @Property(str, notify=changed)
    def errorDetail(self) -> str:  # noqa: N802
        return self._error_detail
