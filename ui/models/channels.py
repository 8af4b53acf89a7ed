"""The Channels page: every channel with its balance split, opening one (to the trampoline by
default, from the on-chain balance, with the funding fee shown) and closing one."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    Property,
    QAbstractListModel,
    QByteArray,
    QModelIndex,
    QObject,
    Qt,
    Signal,
    Slot,
)

from ui.i18n.wallet_sentences import shown
from ui.i18n.words import QT_TRANSLATE_NOOP, fill, translate
from ui.models.bridge import when_done
from ui.models.plain_errors import plain_error
from ui.models.session import Session
from ui.models.settings import SettingsModel
from ui.models.signals import emit

ROLES = ("keyIndex", "peer", "state", "stateText", "capacitySat", "localSat", "remoteSat",
         "connected", "shortChannelId", "closedReason", "active", "canClose", "sendableSat",
         "reserveSat", "receivableSat", "recovered", "recoveryStatus", "recoveryAmountSat",
         "recoveryBlock")


#: a channel found by a restore (we hold no state of it), by its `recovery` (short: the
#: card's state line; `recovery_text` says the rest)
RECOVERY_TEXT = {
    "found": QT_TRANSLATE_NOOP("Channels", "Recovering"),
    "close_requested": QT_TRANSLATE_NOOP("Channels", "Recovering"),
    "closing": QT_TRANSLATE_NOOP("Channels", "Recovering"),
    "swept": QT_TRANSLATE_NOOP("Channels", "Recovered"),
    "nothing": QT_TRANSLATE_NOOP("Channels", "Closed"),
}


def recovered(row: dict[str, Any]) -> bool:
    """A channel found by a restore whose state we do not hold (no balance of it is known)."""
    return bool(row.get("recovery")) and row.get("local_msat") is None


def state_text(row: dict[str, Any]) -> str:
    """The channel's state in words, from its phase (the machine's names are for logs)."""
    phase = str(row.get("phase") or "")
    if recovered(row) and row["recovery"] in RECOVERY_TEXT:
        return translate("Channels", RECOVERY_TEXT[str(row["recovery"])])
    if phase == "closed":
        return translate("Channels", "Closed")
    if phase in ("shutting_down", "closing", "awaiting_peer_close"):
        return translate("Channels", "Closing")
    if phase == "opening":
        return (translate("Channels", "Opening: waiting for confirmation")
                if row.get("funding_outpoint") else translate("Channels", "Opening"))
    if phase == "active":
        return (translate("Channels", "Active") if row.get("connected")
                else translate("Channels", "Offline"))
    return phase or translate("Channels", "Unknown")


class ChannelListModel(QAbstractListModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[dict[str, Any]] = []

    def roleNames(self) -> dict[int, QByteArray]:  # noqa: N802
        return {Qt.ItemDataRole.UserRole + i: QByteArray(n.encode()) for i, n in enumerate(ROLES)}

    def rowCount(self, parent: QModelIndex | None = None) -> int:  # noqa: N802
        return 0 if parent is not None and parent.isValid() else len(self._rows)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        i = role - Qt.ItemDataRole.UserRole
        if not index.isValid() or not 0 <= index.row() < len(self._rows) or not 0 <= i < len(ROLES):
            return None
        return self._value(self._rows[index.row()], ROLES[i])

    @staticmethod
    def _value(row: dict[str, Any], name: str) -> Any:
        phase = str(row.get("phase") or "")
        if name == "keyIndex":
            return int(row.get("key_index") or 0)
        if name == "capacitySat":
            return int(row.get("capacity_sat") or 0)
        if name == "localSat":
            return int(row.get("local_msat") or 0) // 1000
        if name == "remoteSat":
            return int(row.get("remote_msat") or 0) // 1000
        if name == "sendableSat":
            sendable = row.get("sendable_msat")
            return -1 if sendable is None else int(sendable) // 1000
        if name == "receivableSat":
            receivable = row.get("receivable_msat")
            return -1 if receivable is None else int(receivable) // 1000
        if name == "reserveSat":
            return int(row.get("reserve_sat") or 0)
        if name == "connected":
            return bool(row.get("connected"))
        if name == "stateText":
            return state_text(row)
        if name == "recovered":
            return recovered(row)
        if name == "recoveryStatus":  # the card's sentence is composed in the QML
            return str(row.get("recovery") or "") if recovered(row) else ""
        if name == "recoveryAmountSat":
            amount = row.get("amount_sat")
            return -1 if amount is None else int(amount)
        if name == "recoveryBlock":
            block = row.get("confirms_at")
            return -1 if block is None else int(block)
        if name == "active":
            return phase == "active" and bool(row.get("connected"))
        if name == "canClose":
            return phase in ("opening", "active", "shutting_down")
        if name == "shortChannelId":
            return str(row.get("short_channel_id") or "")
        if name == "closedReason":
            reason = str(row.get("closed_reason") or row.get("error") or "")
            if not reason and phase in ("closing", "awaiting_peer_close"):
                return translate("Channels", "Your side returns to the on-chain balance once the "
                                 "closing transaction confirms.")
            return plain_error(reason)[0]
        return str(row.get(name) or "")

    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        self.beginResetModel()
        # open channels first, then by age (key index)
        self._rows = sorted((dict(r) for r in rows),
                            key=lambda r: (r.get("phase") == "closed",
                                           int(r.get("key_index") or 0)))
        self.endResetModel()

    def rows(self) -> list[dict[str, Any]]:
        return list(self._rows)


class ChannelsModel(QObject):
    changed = Signal()
    notice = Signal(str)

    def __init__(self, session: Session, settings: SettingsModel,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._settings = settings
        self._list = ChannelListModel(self)
        self._error = self._error_detail = ""
        self._opening = False
        self._open_error = self._open_error_detail = ""
        self._peer = ""
        self._amount_sat = 0
        self._fee: dict[str, Any] | None = None
        self._fee_error = ""
        self._quote_serial = 0
        self._closing: set[int] = set()
        self._recoverable: dict[str, Any] = {}  # the wallet's setting, once the node said
        session.eventReceived.connect(self._on_event)
        session.opened.connect(self.refresh)
        session.opened.connect(self._load_recoverable)

    # --- list ---------------------------------------------------------------------------

    @Slot()
    def refresh(self) -> None:
        if not self._session.can("channels") or self._session.state != "open":
            return
        when_done(self._session.poster, self._session.api.channels(), self._set_rows,
                  self._set_error)

    def _set_rows(self, rows: list[dict[str, Any]]) -> None:
        self._list.set_rows(rows)
        emit(self.changed)

    def _on_event(self, kind: str, data: dict[str, Any]) -> None:
        if kind in ("channel", "payment", "recovery", "recovery_progress"):
            self.refresh()

    def _set_error(self, message: str, detail: str) -> None:
        self._error, self._error_detail = message, detail
        emit(self.changed)

    @Property(QObject, constant=True)
    def list(self) -> ChannelListModel:
        return self._list

    @Property(int, notify=changed)
    def count(self) -> int:
        return self._list.rowCount()

    @Property(str, notify=changed)
    def error(self) -> str:
        return self._error

    @Property(str, notify=changed)
    def errorDetail(self) -> str:  # noqa: N802
        return self._error_detail

    @Slot()
    def clearError(self) -> None:  # noqa: N802
        self._set_error("", "")

    # --- the "recoverable channels" setting (per wallet, kept by the node) ----------------

    def _load_recoverable(self) -> None:
        if self._session.can("recoverable_channels"):
            when_done(self._session.poster, self._session.api.recoverable_channels(),
                      self._set_recoverable, self._set_error)

    def _set_recoverable(self, answer: dict[str, Any]) -> None:
        self._recoverable = dict(answer)
        emit(self.changed)

    @Property(bool, notify=changed)
    def recoverable(self) -> bool:
        """On unless the node said it is off."""
        return bool(self._recoverable.get("on", True))

    @Property(str, notify=changed)
    def recoverableText(self) -> str:  # noqa: N802
        """What the setting means now, and what it costs ("" before the node answered)."""
        if not self._recoverable:
            return ""
        return (f"{shown(str(self._recoverable['means']))} "
                f"{shown(str(self._recoverable['cost']))}")

    @Slot(bool)
    def setRecoverable(self, on: bool) -> None:  # noqa: N802
        if self._session.can("recoverable_channels"):
            when_done(self._session.poster, self._session.api.recoverable_channels(bool(on)),
                      self._set_recoverable, self._set_error)

    # --- open ---------------------------------------------------------------------------

    @Property(str, notify=changed)
    def defaultPeer(self) -> str:  # noqa: N802
        """The settings' trampoline, else the network's."""
        chosen = self._settings.trampolinePeer
        if chosen:
            return chosen
        api = self._session.api
        return api.default_trampoline() if hasattr(api, "default_trampoline") else ""

    @Slot()
    def startOpen(self) -> None:  # noqa: N802
        """Reset the open form (peer = the default)."""
        self._peer = self.defaultPeer
        self._amount_sat = 0
        self._fee = None
        self._fee_error = self._open_error = self._open_error_detail = ""
        emit(self.changed)

    @Slot(str)
    def setPeer(self, text: str) -> None:  # noqa: N802
        self._peer = text.strip()
        emit(self.changed)

    @Slot(str)
    def setAmount(self, text: str) -> None:  # noqa: N802
        sat = self._settings.parseAmount(text) if text.strip() else 0
        self._amount_sat = max(0, sat)
        self._fee_error = translate("Channels", "That is not an amount.") if sat < 0 else ""
        self._fee = None
        emit(self.changed)
        self._quote()

    def _quote(self) -> None:
        self._quote_serial += 1
        serial = self._quote_serial
        if not self._amount_sat or not self._session.can("channel_fee_quote"):
            return

        def ok(quote: dict[str, Any]) -> None:
            if serial == self._quote_serial:
                self._fee, self._fee_error = dict(quote), ""
                emit(self.changed)

        def failed(message: str, _detail: str) -> None:
            if serial == self._quote_serial:
                self._fee, self._fee_error = None, message
                emit(self.changed)

        when_done(self._session.poster, self._session.api.channel_fee_quote(self._amount_sat),
                  ok, failed)

    @Property(str, notify=changed)
    def peer(self) -> str:
        return self._peer

    @Property("qlonglong", notify=changed)
    def amountSat(self) -> int:  # noqa: N802
        return self._amount_sat

    @Property(str, notify=changed)
    def feeText(self) -> str:  # noqa: N802
        if self._fee_error:
            return self._fee_error
        if not self._amount_sat:
            return translate("Channels", "Enter an amount to see the fee")
        if self._fee is None:
            return translate("Channels", "Estimating…")
        rate = self._fee.get("feerate")
        fee = self._settings.formatSat(int(self._fee.get("fee_sat") or 0))
        if not rate:
            return fee
        return fill(translate("Channels", "%1 (%2 sat/vB)"), fee, f"{float(rate):.1f}")

    @Property(bool, notify=changed)
    def opening(self) -> bool:
        return self._opening

    @Property(str, notify=changed)
    def openError(self) -> str:  # noqa: N802
        return self._open_error

    @Property(str, notify=changed)
    def openErrorDetail(self) -> str:  # noqa: N802
        return self._open_error_detail

    @Property(bool, notify=changed)
    def canOpen(self) -> bool:  # noqa: N802
        return (self._session.can("open_channel") and not self._opening and bool(self._peer)
                and self._amount_sat > 0 and not self._fee_error)

    @Slot(result=bool)
    def openChannel(self) -> bool:  # noqa: N802
        if not self.canOpen:
            return False
        self._opening = True
        self._open_error = self._open_error_detail = ""
        emit(self.changed)

        def ok(_row: dict[str, Any]) -> None:
            self._opening = False
            emit(self.changed)
            emit(self.notice, translate("Channels", "Channel opening"))
            self.refresh()

        def failed(message: str, detail: str) -> None:
            self._opening = False
            self._open_error, self._open_error_detail = message, detail
            emit(self.changed)

        when_done(self._session.poster,
                  self._session.api.open_channel(self._peer, self._amount_sat), ok, failed)
        return True

    # --- close --------------------------------------------------------------------------

    @Slot(int, bool)
    def closeChannel(self, key_index: int, force: bool) -> None:  # noqa: N802
        """Cooperative close, or force close (our commitment; funds wait the delay)."""
        if not self._session.can("close_channel") or key_index in self._closing:
            return
        self._closing.add(key_index)

        def ok(_row: dict[str, Any]) -> None:
            self._closing.discard(key_index)
            emit(self.notice, translate("Channels", "Force-closing") if force
                 else translate("Channels", "Closing"))
            self.refresh()

        def failed(message: str, detail: str) -> None:
            self._closing.discard(key_index)
            self._set_error(message, detail)

        when_done(self._session.poster,
                  self._session.api.close_channel(key_index, force), ok, failed)
