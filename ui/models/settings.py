"""Display and Lightning settings (units, theme, trampoline peer, maximum Lightning fee),
kept in a small INI file between runs."""

from __future__ import annotations

from PySide6.QtCore import Property, QObject, QSettings, Signal, Slot

from ui.models.signals import emit
from ui.models.units import format_sat, parse_amount
from wallet.api import parse_peer
from wallet.errors import InputError

UNITS = ("sat", "btc")
THEMES = ("system", "light", "dark")
DEFAULT_MAX_LN_FEE_SAT = 1000  # the most a Lightning payment may pay in routing fees


class SettingsModel(QObject):
    """`unit` is "sat" or "btc"; `theme` is "system", "light" or "dark"."""

    changed = Signal()

    def __init__(self, settings: QSettings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        unit = str(settings.value("display/unit", "sat"))
        theme = str(settings.value("display/theme", "system"))
        self._unit = unit if unit in UNITS else "sat"
        self._theme = theme if theme in THEMES else "system"
        self._trampoline = str(settings.value("lightning/trampoline", "") or "")
        self._trampoline_error = ""
        try:
            fee = int(str(settings.value("lightning/max_fee_sat", DEFAULT_MAX_LN_FEE_SAT)))
        except ValueError:
            fee = DEFAULT_MAX_LN_FEE_SAT
        self._max_fee = fee if fee >= 0 else DEFAULT_MAX_LN_FEE_SAT

    def _get_unit(self) -> str:
        return self._unit

    def _set_unit(self, unit: str) -> None:
        if unit in UNITS and unit != self._unit:
            self._unit = unit
            self._settings.setValue("display/unit", unit)
            emit(self.changed)

    def _get_theme(self) -> str:
        return self._theme

    def _set_theme(self, theme: str) -> None:
        if theme in THEMES and theme != self._theme:
            self._theme = theme
            self._settings.setValue("display/theme", theme)
            emit(self.changed)

    def _get_trampoline(self) -> str:
        return self._trampoline

    def _set_trampoline(self, peer: str) -> None:
        """NODEID@HOST:PORT of the trampoline to open channels with ("" = the network's).
        Anything else is refused with `trampolineError` (the setting keeps its value)."""
        peer = peer.strip()
        error = ""
        if peer:
            try:
                parse_peer(peer)
            except InputError as e:
                error = str(e)[0].upper() + str(e)[1:] + "."
        if error != self._trampoline_error:
            self._trampoline_error = error
            emit(self.changed)
        if error:
            return
        if peer != self._trampoline:
            self._trampoline = peer
            self._settings.setValue("lightning/trampoline", peer)
            emit(self.changed)

    def _get_max_fee(self) -> int:
        return self._max_fee

    def _set_max_fee(self, sat: int) -> None:
        if int(sat) >= 0 and int(sat) != self._max_fee:
            self._max_fee = int(sat)
            self._settings.setValue("lightning/max_fee_sat", self._max_fee)
            emit(self.changed)

    @Property(str, notify=changed)
    def trampolineError(self) -> str:  # noqa: N802
        return self._trampoline_error

    unit = Property(str, _get_unit, _set_unit, notify=changed)
    trampolinePeer = Property(str, _get_trampoline, _set_trampoline, notify=changed)
    maxLightningFeeSat = Property("qlonglong", _get_max_fee, _set_max_fee, notify=changed)
    theme = Property(str, _get_theme, _set_theme, notify=changed)

    @Slot("qlonglong", result=str)
    def formatSat(self, sat: int) -> str:  # noqa: N802 - QML naming
        return format_sat(int(sat), self._unit)

    @Slot("qlonglong", result=str)
    def formatSigned(self, sat: int) -> str:  # noqa: N802
        return format_sat(int(sat), self._unit, signed=True)

    @Slot(str, result="qlonglong")
    def parseAmount(self, text: str) -> int:  # noqa: N802
        """Sats for text typed in the current unit, or -1 when it is not an amount."""
        sat = parse_amount(text, self._unit)
        return -1 if sat is None else sat

    @Slot(result=str)
    def unitLabel(self) -> str:  # noqa: N802
        return "BTC" if self._unit == "btc" else "sat"
