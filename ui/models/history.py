"""The payment history as a list model, newest first (pending on top)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QDateTime,
    QLocale,
    QModelIndex,
    QObject,
    Qt,
    Slot,
)

from ui.i18n.words import QT_TRANSLATE_NOOP, translate
from ui.models.plain_errors import plain_error
from ui.models.signals import emit

ROLES = ("txid", "height", "deltaSat", "feeSat", "timestamp", "kind", "status", "statusText",
         "confirmations", "dateText", "feeMsat", "paymentHash", "preimage", "invoice", "description", "label", "failure",
         "failureDetail", "note", "payerNote", "labelText")

OFFER_PAYMENT = QT_TRANSLATE_NOOP("History", "Received through your reusable offer")

# an on-chain row's `label` from the node (`wallet_view.wallet_onchain`): the QML compares
# `label`, and shows `labelText`, the label in words
LABEL_WORDS = {"Channel opened": QT_TRANSLATE_NOOP("History", "Channel opened"),
               "Channel closed": QT_TRANSLATE_NOOP("History", "Channel closed")}

# "unconfirmed": received over a zero-conf JIT channel whose funding is not mined yet;
# "lost": its funding was double-spent (the channel, and the payment, never existed).
# `status` is this English name (the QML compares it); `statusText` is it in words.
LIGHTNING_STATUS = {"paid": "Complete", "pending": "Pending",  # not-words: status codes
                    "failed": "Failed", "unconfirmed": "Pending",  # not-words: status codes
                    "lost": "Lost"}  # not-words: status codes
STATUS_WORDS = {"Complete": QT_TRANSLATE_NOOP("History", "Complete"),
                "Pending": QT_TRANSLATE_NOOP("History", "Pending"),
                "Failed": QT_TRANSLATE_NOOP("History", "Failed"),
                "Lost": QT_TRANSLATE_NOOP("History", "Lost"),
                "Confirmed": QT_TRANSLATE_NOOP("History", "Confirmed")}


def _sort_key(item: dict[str, Any]) -> tuple[int, int, int]:
    """Newest first; unconfirmed on-chain payments (no block time yet) on top."""
    height = int(item.get("height") or 0)
    pending_onchain = item.get("kind", "onchain") == "onchain" and height <= 0
    return (0 if pending_onchain else 1, -int(item.get("timestamp") or 0), -height)


def date_text(timestamp: int | None) -> str:
    if not timestamp:
        return ""
    # the month's name in the language shown (strftime's %b is the C locale's, English)
    when = QDateTime.fromSecsSinceEpoch(int(timestamp))
    return QLocale().toString(when, "d MMM yyyy, HH:mm")


class HistoryModel(QAbstractListModel):
    """Rows from `api.history()`; `tip` (the chain height) gives confirmations."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._items: list[dict[str, Any]] = []
        self._tip = 0

    def roleNames(self) -> dict[int, QByteArray]:  # noqa: N802
        return {Qt.ItemDataRole.UserRole + i: QByteArray(name.encode()) for i, name in enumerate(ROLES)}

    def rowCount(self, parent: QModelIndex | None = None) -> int:  # noqa: N802
        if parent is not None and parent.isValid():
            return 0
        return len(self._items)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        i = role - Qt.ItemDataRole.UserRole
        if not 0 <= i < len(ROLES):
            return None
        return self._value(self._items[index.row()], ROLES[i])

    def _value(self, item: dict[str, Any], name: str) -> Any:
        height = int(item.get("height") or 0)
        if name == "labelText":
            label = str(item.get("label") or "")
            return translate("History", LABEL_WORDS[label]) if label in LABEL_WORDS else label
        if name == "statusText":
            status = str(self._value(item, "status"))
            return translate("History", STATUS_WORDS[status]) if status in STATUS_WORDS else status
        if item.get("kind") == "lightning":
            if name == "status":
                return LIGHTNING_STATUS.get(str(item.get("status")), str(item.get("status") or ""))
            if name in ("confirmations", "height"):
                return 0
            if name == "paymentHash":
                return str(item.get("payment_hash") or "")
            if (name == "description" and not item.get("description")
                    and item.get("direction") == "in"
                    and str(item.get("invoice") or "").startswith("lni1")):
                # a BOLT 12 invoice we issued: paid to one of our offers
                return translate("History", OFFER_PAYMENT)
        if name == "paymentHash":
            return str(item.get("payment_hash") or "")
        if name == "confirmations":
            return max(0, self._tip - height + 1) if height > 0 and self._tip else 0
        if name == "status":
            if height <= 0:
                return "Pending"  # not-words: a status code (statusText is it in words)
            confirmations = self._value(item, "confirmations")
            confirmed = confirmations >= 1 or not self._tip
            return "Confirmed" if confirmed else "Pending"  # not-words: status codes
        if name == "dateText":
            return date_text(item.get("timestamp"))
        if name == "deltaSat":
            return int(item.get("delta_sat") or 0)
        if name == "feeSat":
            fee = item.get("fee_sat")
            return -1 if fee is None else int(fee)
        if name == "feeMsat":  # exact: Lightning fees are paid in msat
            if item.get("fee_msat") is not None:
                return int(item["fee_msat"])
            fee = item.get("fee_sat")
            return -1 if fee is None else int(fee) * 1000
        if name == "failure":  # a sentence; the node's words (codes, ids) are the detail
            return plain_error(str(item.get("failure") or ""))[0]
        if name == "failureDetail":
            return plain_error(str(item.get("failure") or ""))[1]
        if name == "payerNote":  # a BOLT 12 payer's note, made safe by the node
            return str(item.get("payer_note") or "")
        if name == "timestamp":
            return int(item.get("timestamp") or 0)
        if name == "height":
            return height
        return str(item.get(name) or "")

    def set_items(self, items: list[dict[str, Any]]) -> None:
        self.beginResetModel()
        self._items = sorted((dict(i) for i in items), key=_sort_key)
        self.endResetModel()

    def set_tip(self, tip: int) -> None:
        if tip != self._tip:
            self._tip = tip
            if self._items:
                emit(self.dataChanged, self.index(0), self.index(len(self._items) - 1))

    @Slot()
    def redisplay(self) -> None:
        """Every row shows again (the display unit changed)."""
        if self._items:
            emit(self.dataChanged, self.index(0), self.index(len(self._items) - 1))

    @Slot(int, result="QVariantMap")
    def get(self, row: int) -> dict[str, Any]:
        """One row as a map (for the detail page)."""
        if not 0 <= row < len(self._items):
            return {}
        return {name: self._value(self._items[row], name) for name in ROLES}
