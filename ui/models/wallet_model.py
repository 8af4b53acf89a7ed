"""Balance, sync state and history of the open wallet, kept fresh from facade events."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Property, QObject, QTimer, Signal, Slot

from ui.i18n.words import fill, translate
from ui.models.bridge import when_done
from ui.models.history import HistoryModel
from ui.models.session import Session
from ui.models.signals import emit

NO_RECOVERY = {"channels": 0, "amountSat": 0, "waiting": 0, "confirmsAt": -1}


def recovery_of(data: dict[str, Any]) -> dict[str, int]:
    """The facade's `recovering_*` keys of a balance, as Home reads them."""
    block = data.get("recovering_confirms_at")
    return {"channels": int(data.get("recovering_channels") or 0),
            "amountSat": int(data.get("recovering_sat") or 0),
            "waiting": int(data.get("recovering_waiting") or 0),
            "confirmsAt": -1 if block is None else int(block)}


class WalletModel(QObject):
    """`synced` stays False until a server has been heard and the headers caught up: until
    then the balance is "not synced yet", never a "0 sat" that only means "not asked"."""

    OFFLINE_GRACE_MS = 15_000  # without a server this long: say so, and offer to try again

    balanceChanged = Signal()
    received = Signal("qlonglong")  # a new incoming payment appeared (sat), after the first load
    syncChanged = Signal()
    errorChanged = Signal()
    offlineWarningChanged = Signal()

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._history = HistoryModel(self)
        self._balance: dict[str, int] | None = None
        self._receivable: int | None = None  # None: the node did not say
        # channels being recovered after a restore: {channels, amountSat, waiting, confirmsAt}
        self._recovery: dict[str, int] = dict(NO_RECOVERY)
        self._sync: dict[str, Any] = {}
        self._error = ""
        self._error_detail = ""
        self._seen_txids: set[str] | None = None  # None until the first history arrives
        self._synced = False
        self._offline_long = False
        self._offline_warning = ""  # the punishment-window warning (None from the node: "")
        self._offline_warning_dismissed = False
        self._reserve: dict[str, int] = {}  # the anchor reserve when short, else {}
        self._offline_timer = QTimer(self)
        self._offline_timer.setSingleShot(True)
        self._offline_timer.timeout.connect(self._offline_too_long)
        session.eventReceived.connect(self._on_event)
        session.opened.connect(self.refresh)
        session.opened.connect(self._start_offline_timer)

    def _start_offline_timer(self) -> None:
        if not self.connected:
            self._offline_timer.start(self.OFFLINE_GRACE_MS)

    def _offline_too_long(self) -> None:
        if not self.connected:
            self._offline_long = True
            emit(self.syncChanged)

    # --- facade -----------------------------------------------------------------------

    @Slot()
    def refresh(self) -> None:
        """Ask the node for balance and history (no-op for what it cannot do yet)."""
        api, poster = self._session.api, self._session.poster
        if self._session.can("balance"):
            when_done(poster, api.balance(), self._set_balance, self._set_error)
        if self._session.can("history"):
            when_done(poster, api.history(), self._set_history, self._set_error)

    def _on_event(self, kind: str, data: dict[str, Any]) -> None:
        if kind == "balance":
            self._set_balance(data)
            if self._synced:
                self.refreshReserve()  # confirmed coins moved: the reserve may be short now
        elif kind == "history" and self._session.can("history"):
            api = self._session.api
            when_done(self._session.poster, api.history(), self._set_history, self._set_error)
        elif kind == "sync":
            was_connected = self.connected
            self._sync = dict(data)
            self._history.set_tip(int(data.get("height") or 0))
            if self.connected:
                self._offline_timer.stop()
                self._offline_long = False
                height = int(data.get("height") or 0)
                if height >= int(data.get("server_height") or 0) and not self._synced:
                    self._synced = True
                    emit(self.balanceChanged)
                    self.refreshOfflineWarning()  # known once the chain has caught up
                    self.refreshReserve()
            elif (was_connected or not self._offline_timer.isActive()) and not self._offline_long:
                self._offline_timer.start(self.OFFLINE_GRACE_MS)
            emit(self.syncChanged)
        elif kind == "channel" and self._synced:
            self.refreshOfflineWarning()  # a channel with our money opened, or closed
            self.refreshReserve()
        elif kind == "state":
            self._sync = dict(self._sync, state=data.get("state"))
            emit(self.syncChanged)

    @Slot()
    def refreshOfflineWarning(self) -> None:  # noqa: N802
        """Ask the node whether the app was closed for too much of the punishment window."""
        if self._session.can("offline_warning"):
            when_done(self._session.poster, self._session.api.offline_warning(),
                      self._set_offline_warning, lambda _m, _d: None)

    def _set_offline_warning(self, warning: dict[str, Any] | None) -> None:
        text = str((warning or {}).get("message") or "")
        if text != self._offline_warning:
            self._offline_warning = text
            emit(self.offlineWarningChanged)

    @Slot()
    def refreshReserve(self) -> None:  # noqa: N802
        """Ask the node whether the on-chain reserve for anchor channels is short."""
        if self._session.can("anchor_reserve"):
            when_done(self._session.poster, self._session.api.anchor_reserve(),
                      self._set_reserve, lambda _m, _d: None)

    def _set_reserve(self, data: dict[str, Any]) -> None:
        short = int(data.get("short_sat") or 0)
        reserve = {} if short <= 0 or int(data.get("reserve_sat") or 0) <= 0 else {
            "short": short, "reserve": int(data["reserve_sat"]),
            "onchain": int(data.get("onchain_sat") or 0)}
        if reserve != self._reserve:
            self._reserve = reserve
            emit(self.offlineWarningChanged)

    @Property("QVariantMap", notify=offlineWarningChanged)
    def reserveShort(self) -> dict[str, int]:  # noqa: N802
        """{short, reserve, onchain} in sat when anchor channels lack the confirmed on-chain
        coins a force close needs for its fees; {} when the reserve is kept or not needed."""
        return dict(self._reserve)

    @Property(str, notify=offlineWarningChanged)
    def offlineWarning(self) -> str:  # noqa: N802
        """The node's sentence when the app was closed for half the punishment window or
        more on a channel with our money ("" otherwise, or once dismissed)."""
        return "" if self._offline_warning_dismissed else self._offline_warning

    @Slot()
    def dismissOfflineWarning(self) -> None:  # noqa: N802
        self._offline_warning_dismissed = True
        emit(self.offlineWarningChanged)

    def _set_history(self, items: list[dict[str, Any]]) -> None:
        self._history.set_items(items)
        # on-chain only: a Lightning payment is announced by the Receive page's invoice
        onchain = [i for i in items if i.get("kind", "onchain") == "onchain"]
        txids = {str(i.get("txid")) for i in onchain}
        if self._seen_txids is not None:
            new = sum(int(i.get("delta_sat") or 0) for i in onchain
                      if str(i.get("txid")) not in self._seen_txids)
            if new > 0:
                emit(self.received, new)
        self._seen_txids = txids

    def _set_balance(self, data: dict[str, Any]) -> None:
        self._balance = {k: int(data.get(k) or 0)
                         for k in ("confirmed", "unconfirmed", "immature", "lightning",
                                   "lightning_pending", "lightning_closing",
                                   "lightning_reserve")}
        self._recovery = recovery_of(data)
        receivable = data.get("lightning_receivable")
        self._receivable = None if receivable is None else max(0, int(receivable))
        emit(self.balanceChanged)

    def _set_error(self, message: str, detail: str) -> None:
        self._error, self._error_detail = message, detail
        emit(self.errorChanged)

    # --- properties -----------------------------------------------------------------------

    @Property(bool, notify=balanceChanged)
    def hasBalance(self) -> bool:  # noqa: N802
        return self._balance is not None

    def _part(self, key: str) -> int:
        return 0 if self._balance is None else self._balance[key]

    @Property("qlonglong", notify=balanceChanged)
    def totalSat(self) -> int:  # noqa: N802
        return self._part("confirmed") + self._part("lightning")

    @Property("qlonglong", notify=balanceChanged)
    def onchainSat(self) -> int:  # noqa: N802
        return self._part("confirmed")

    @Property("qlonglong", notify=balanceChanged)
    def lightningSat(self) -> int:  # noqa: N802
        return self._part("lightning")

    def receivable(self) -> int | None:
        """How much the channels can take in now (sat), None when not known."""
        return self._receivable

    @Property("qlonglong", notify=balanceChanged)
    def pendingSat(self) -> int:  # noqa: N802
        """The user's money that cannot be spent yet (on its way, in a close, opening)."""
        return (self._part("unconfirmed") + self._part("immature")
                + self._part("lightning_pending") + self._part("lightning_closing"))

    @Property("QVariantList", notify=balanceChanged)
    def pendingParts(self) -> list[dict[str, Any]]:  # noqa: N802
        """[{sat, text}]: each pending amount with its state and when it should be usable."""
        parts = [
            ("unconfirmed", translate("Wallet", "arriving on-chain: usable once its transaction "
                                      "confirms, usually within the hour")),
            ("lightning_closing", translate("Wallet", "coming back from closing channels: on-chain once "
                                            "the closing transaction confirms (a force close "
                                            "waits longer, see Channels)")),
            ("lightning_pending", translate("Wallet", "in channels being opened: usable once the funding "
                                            "transaction confirms")),
            ("immature", translate("Wallet", "mined: usable after 100 blocks")),
        ]
        return [{"sat": self._part(key), "text": text} for key, text in parts
                if self._part(key) > 0]

    @Property("QVariantMap", notify=balanceChanged)
    def recovery(self) -> dict[str, int]:
        """Channels being recovered after a restore (`channels` 0 when none): never in the
        balance, never spendable until the sweep pays the wallet. Home says it in words
        (`HomePage.qml`, in the user's unit and language); `confirmsAt` -1: not known."""
        return dict(self._recovery)

    @Property("qlonglong", notify=balanceChanged)
    def reserveSat(self) -> int:  # noqa: N802
        """Ours in usable channels that payments cannot use (the channel reserve)."""
        return self._part("lightning_reserve")

    @Property(bool, notify=syncChanged)
    def connected(self) -> bool:
        return bool(self._sync.get("connected"))

    @Property(bool, notify=balanceChanged)
    def synced(self) -> bool:
        """A server has been heard and the headers caught up, at least once."""
        return self._synced

    @Property(bool, notify=syncChanged)
    def offlineProblem(self) -> bool:  # noqa: N802
        """No server has answered for a while: the page names it and offers to retry."""
        return self._offline_long and not self.connected

    @Slot()
    def retryConnection(self) -> None:  # noqa: N802
        """Try the servers again now."""
        if not self._session.can("retry_connection"):
            return
        self._offline_long = False
        emit(self.syncChanged)
        self._offline_timer.start(self.OFFLINE_GRACE_MS)
        when_done(self._session.poster, self._session.api.retry_connection(),
                  lambda _r: None, self._set_error)

    @Property(str, notify=syncChanged)
    def syncText(self) -> str:  # noqa: N802
        """One line: connected/not, and how far the headers are."""
        if self._offline_long and not self.connected:
            return translate("Wallet", "No server answers: check the internet connection. Kite keeps "
                             "trying.")
        if not self._sync:
            return translate("Wallet", "Not connected · trying to reach a server")
        height = int(self._sync.get("height") or 0)
        server_height = int(self._sync.get("server_height") or 0)
        if not self._sync.get("connected"):
            return translate("Wallet", "Not connected · trying to reach a server")
        if server_height and height < server_height:
            pct = 100 * height // server_height if server_height else 0
            return fill(translate("Wallet", "Syncing headers · %1 of %2 (%3%)"), f"{height:,}",
                        f"{server_height:,}", pct)
        # the server's address is in Settings
        return fill(translate("Wallet", "Up to date · block %1"), f"{height:,}")

    @Property(str, notify=syncChanged)
    def server(self) -> str:
        """The Electrum server in use ("" when none): a technical detail, for Settings."""
        return str(self._sync.get("server") or "") if self._sync.get("connected") else ""

    @Property(QObject, constant=True)
    def history(self) -> HistoryModel:
        return self._history

    @Property(str, notify=errorChanged)
    def error(self) -> str:
        return self._error

    @Property(str, notify=errorChanged)
    def errorDetail(self) -> str:  # noqa: N802
        return self._error_detail

    @Slot()
    def clearError(self) -> None:  # noqa: N802
        self._set_error("", "")
