"""The on-chain fee choice on Send (slow / normal / fast from the servers' estimates, or a
custom rate) and the speed-up of an unconfirmed transaction on the payment page (RBF for
our own sends, CPFP for what we receive): priced first, sent only at the fee shown."""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import Property, QCoreApplication, QObject, Signal, Slot

from ui.models.bridge import when_done
from ui.models.session import Session
from ui.models.signals import emit
from wallet.api import MAX_FEERATE, MIN_FEERATE

LEVEL_NAMES = ("slow", "normal", "fast")
MINUTES_PER_BLOCK = 10


def custom_rate_problem(text: str) -> str:
    """Why a typed fee rate cannot be used ("" when it can)."""
    try:
        rate = float(text.strip().replace(",", "."))
    except ValueError:
        return QCoreApplication.translate("FeeLevels", "Type a fee rate in sat/vB, like 12 or 3.5.")
    if not math.isfinite(rate) or not MIN_FEERATE <= rate <= MAX_FEERATE:
        return QCoreApplication.translate("FeeLevels", "A fee rate is between %1 and %2 sat/vB.").replace(
            "%1", f"{MIN_FEERATE:g}").replace("%2", f"{MAX_FEERATE:g}")
    return ""


def _wait_text(blocks: int) -> str:
    minutes = blocks * MINUTES_PER_BLOCK
    if minutes < 120:
        return QCoreApplication.translate("FeeLevels", "~%1 min").replace("%1", str(minutes))
    return QCoreApplication.translate("FeeLevels", "~%1 h").replace("%1", str(minutes // 60))


class FeeLevels(QObject):
    """The levels (fetched when Send asks) and the user's choice, handed to `send`."""

    changed = Signal()

    def __init__(self, session: Session, send: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session, self._send = session, send
        self._levels: dict[str, Any] = {}
        self._choice = "normal"
        self._custom_error = ""
        self._error = ""

    @Slot()
    def refresh(self) -> None:
        self._choice, self._custom_error, self._error = "normal", "", ""
        emit(self.changed)
        if self._session.can("fee_levels"):
            when_done(self._session.poster, self._session.api.fee_levels(),
                      self._set_levels, self._set_error)

    def _set_levels(self, levels: dict[str, Any]) -> None:
        self._levels = dict(levels)
        emit(self.changed)

    def _set_error(self, message: str, detail: str) -> None:
        self._error = message
        emit(self.changed)

    @Slot(str)
    def choose(self, name: str) -> None:
        """"slow", "normal" or "fast" (the rate of the levels shown)."""
        if name not in LEVEL_NAMES or (name != "normal" and name not in self._levels):
            return
        self._choice, self._custom_error = name, ""
        emit(self.changed)
        self._send.setFeerate(0.0 if name == "normal" else float(self._levels[name]))

    @Slot(str)
    def chooseCustom(self, text: str) -> None:  # noqa: N802
        self._choice = "custom"
        self._custom_error = custom_rate_problem(text)
        emit(self.changed)
        if not self._custom_error:
            self._send.setFeerate(float(text.strip().replace(",", ".")))

    @Property(list, notify=changed)
    def levels(self) -> list[dict[str, Any]]:
        """[{name, title, rate, wait}] (rate "" until the servers answered)."""
        titles = {"slow": QCoreApplication.translate("FeeLevels", "Slow"),
                  "normal": QCoreApplication.translate("FeeLevels", "Normal"),
                  "fast": QCoreApplication.translate("FeeLevels", "Fast")}
        targets = self._levels.get("targets") or {"slow": 12, "normal": 2, "fast": 1}
        return [{"name": n, "title": titles[n],
                 "rate": f"{float(self._levels[n]):g} sat/vB" if n in self._levels else "",
                 "wait": _wait_text(int(targets[n]))} for n in LEVEL_NAMES]

    @Property(str, notify=changed)
    def choice(self) -> str:
        return self._choice

    @Property(str, notify=changed)
    def customError(self) -> str:  # noqa: N802
        return self._custom_error

    @Property(str, notify=changed)
    def error(self) -> str:
        return self._error


class SpeedUp(QObject):
    """Speed up one unconfirmed transaction: `prepare(txid, outgoing)`, `quote(rate text)`,
    then `confirm()` sends exactly the replacement or child that was quoted."""

    changed = Signal()
    suggestedChanged = Signal()

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._txid = ""
        self._method = "rbf"
        self._quote: dict[str, Any] | None = None
        self._rate = 0.0
        self._busy = False
        self._error = ""
        self._done_txid = ""
        self._suggested = ""
        self._serial = 0  # quotes answered after a newer request are dropped

    @Slot(str, bool)
    def prepare(self, txid: str, outgoing: bool) -> None:
        self._serial += 1
        self._txid, self._method = txid, "rbf" if outgoing else "cpfp"
        self._quote, self._error, self._done_txid, self._busy = None, "", "", False
        emit(self.changed)
        if self._session.can("fee_levels"):
            when_done(self._session.poster, self._session.api.fee_levels(),
                      self._suggest, lambda message, detail: None)

    def _suggest(self, levels: dict[str, Any]) -> None:
        self._suggested = f"{float(levels['fast']):g}"
        emit(self.suggestedChanged)

    @Slot(str)
    def quote(self, text: str) -> None:
        self._serial += 1
        serial = self._serial
        problem = custom_rate_problem(text)
        self._quote, self._error = None, problem
        emit(self.changed)
        if problem or not self._session.can("speed_up"):
            return
        self._rate = float(text.strip().replace(",", "."))

        def quoted(quote: dict[str, Any]) -> None:
            if serial == self._serial:
                self._quote = dict(quote)

        self._run(self._session.api.speed_up(self._txid, self._method, self._rate,
                                             dry_run=True), quoted)

    @Slot()
    def confirm(self) -> None:
        if self._quote is None or self._busy:
            return
        future = self._session.api.speed_up(self._txid, self._method, self._rate,
                                            expected_fee_sat=int(self._quote["fee_sat"]))
        self._run(future, lambda r: setattr(self, "_done_txid", str(r["txid"])))

    def _run(self, future: Any, on_result: Any) -> None:
        self._busy = True
        emit(self.changed)

        def ok(result: Any) -> None:
            self._busy = False
            on_result(result)
            emit(self.changed)

        def failed(message: str, detail: str) -> None:
            self._busy, self._error = False, message
            emit(self.changed)

        when_done(self._session.poster, future, ok, failed)

    @Property(str, notify=changed)
    def method(self) -> str:
        return self._method

    @Property(str, notify=suggestedChanged)
    def suggestedRate(self) -> str:  # noqa: N802
        """The fast level's rate, to start from (its own signal: typing never resets it)."""
        return self._suggested

    @Property(bool, notify=changed)
    def quoted(self) -> bool:
        return self._quote is not None

    @Property("qlonglong", notify=changed)
    def feeSat(self) -> int:  # noqa: N802
        """The fee of the replacement (RBF) or of the child (CPFP) quoted; -1 before."""
        return -1 if self._quote is None else int(self._quote["fee_sat"])

    @Property(bool, notify=changed)
    def busy(self) -> bool:
        return self._busy

    @Property(str, notify=changed)
    def error(self) -> str:
        return self._error

    @Property(str, notify=changed)
    def doneTxid(self) -> str:  # noqa: N802
        return self._done_txid
