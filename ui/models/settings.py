"""Display and Lightning settings (units, theme, language, trampoline peer, maximum
Lightning fee, the LSP and the channel fee accepted without asking), kept in a small INI
file between runs. The LSP is handed to the node when the wallet opens (`lsp_peer_option`),
so a new choice is used from the next open, and the page says so.

The language is installed before the QML loads (`ui/i18n/translations.py`), and the texts
the view-models made are already on screen: a new choice shows at the next start, and the
page says so (`languageNote`) rather than show half the window in each language."""

from __future__ import annotations

from PySide6.QtCore import Property, QLocale, QObject, QSettings, Signal, Slot

from ui.i18n import translations
from ui.i18n.wallet_sentences import said
from ui.i18n.words import fill, translate
from ui.models.signals import emit
from ui.models.units import format_msat, format_sat, parse_amount
from wallet.api import parse_peer
from wallet.errors import InputError

UNITS = ("sat", "btc")
THEMES = ("system", "light", "dark")
# The most a Lightning payment may pay in routing fees: a share of the amount, with a floor
# (a flat cap is half of a small payment, or too little for a large one).
DEFAULT_FEE_PERCENT = 1.0
DEFAULT_FEE_FLOOR_SAT = 10
MAX_FEE_PERCENT = 10.0
MAX_LSP_AUTO_FEE_SAT = 1_000_000  # a JIT channel fee accepted without asking: at most this
NO_LSP = "none"  # the stored LSP choice "None", as `--lsp-peer none` says it to the node


class SettingsModel(QObject):
    """`unit` is "sat" or "btc"; `theme` is "system", "light" or "dark"."""

    changed = Signal()

    def __init__(self, settings: QSettings, parent: QObject | None = None,
                 language_shown: str = "en") -> None:
        super().__init__(parent)
        self._settings = settings
        self._language_shown = language_shown
        self._language = stored_language(settings)
        unit = str(settings.value("display/unit", "sat"))
        theme = str(settings.value("display/theme", "system"))
        self._unit = unit if unit in UNITS else "sat"
        self._theme = theme if theme in THEMES else "system"
        self._trampoline = str(settings.value("lightning/trampoline", "") or "")
        self._trampoline_error = ""
        self._fee_percent = _number(settings.value("lightning/max_fee_percent"),
                                    DEFAULT_FEE_PERCENT, 0.0, MAX_FEE_PERCENT)
        self._fee_floor = int(_number(settings.value("lightning/max_fee_floor_sat"),
                                      DEFAULT_FEE_FLOOR_SAT, 0, 1_000_000))
        stored_lsp = str(settings.value("lightning/lsp_peer", "") or "")
        self._lsp_none = stored_lsp.strip().lower() == NO_LSP
        self._lsp = "" if self._lsp_none else stored_lsp
        self._lsp_error = ""
        self._known_lsps: list[dict] = []
        self._lsp_auto_fee = int(_number(settings.value("lightning/lsp_auto_fee_sat"), 0, 0,
                                         MAX_LSP_AUTO_FEE_SAT))

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
                error = said(str(e))
                error = error[0].upper() + error[1:] + "."
        if error != self._trampoline_error:
            self._trampoline_error = error
            emit(self.changed)
        if error:
            return
        if peer != self._trampoline:
            self._trampoline = peer
            self._settings.setValue("lightning/trampoline", peer)
            emit(self.changed)

    def _get_lsp(self) -> str:
        return self._lsp

    def _set_lsp(self, peer: str) -> None:
        """NODEID@HOST:PORT of the LSP to buy JIT channels from ("" = automatic: the
        network's trampoline when it sells them). Anything else is refused with `lspError`
        (the setting keeps its value)."""
        peer = peer.strip()
        error = ""
        if peer:
            try:
                parse_peer(peer)
            except InputError:
                error = translate("Settings", "Type the LSP as NODEID@HOST:PORT: its node id "
                                              "(66 hexadecimal characters), @, then its "
                                              "address and port.")
        if error != self._lsp_error:
            self._lsp_error = error
            emit(self.changed)
        if error:
            return
        if peer != self._lsp or self._lsp_none:
            self._lsp, self._lsp_none = peer, False
            self._settings.setValue("lightning/lsp_peer", peer)
            emit(self.changed)

    def _get_lsp_none(self) -> bool:
        return self._lsp_none

    def _set_lsp_none(self, none: bool) -> None:
        """True: no LSP at all (Receive never buys a channel; an amount beyond the
        channels' inbound room is refused over Lightning, with why). False: automatic."""
        if bool(none) == self._lsp_none:
            return
        self._lsp, self._lsp_none = "", bool(none)
        self._lsp_error = ""
        self._settings.setValue("lightning/lsp_peer", NO_LSP if none else "")
        emit(self.changed)

    def lsp_peer_option(self) -> str | None:
        """The LSP for `NodeConfig.lsp_peer` (None: automatic; "none": no LSP, which the
        node reads as `--lsp-peer none`)."""
        return NO_LSP if self._lsp_none else (self._lsp or None)

    def _get_lsp_auto_fee(self) -> int:
        return self._lsp_auto_fee

    def _set_lsp_auto_fee(self, sat: int) -> None:
        if 0 <= int(sat) <= MAX_LSP_AUTO_FEE_SAT and int(sat) != self._lsp_auto_fee:
            self._lsp_auto_fee = int(sat)
            self._settings.setValue("lightning/lsp_auto_fee_sat", self._lsp_auto_fee)
            emit(self.changed)

    @Property(str, notify=changed)
    def lspError(self) -> str:  # noqa: N802
        """Why the LSP typed was not saved ("" when it was)."""
        return self._lsp_error

    def set_known_lsps(self, known: list[dict]) -> None:
        """The LSPs Kite knows of on the wallet's network (`wallet.api.known_lsps`): shown
        as suggestions under "A node I choose"; none is used unless the user picks it."""
        self._known_lsps = [{"name": str(k["name"]), "peer": str(k["peer"])} for k in known]
        emit(self.changed)

    @Property("QVariantList", notify=changed)
    def knownLsps(self) -> list:  # noqa: N802
        """[{name, peer}] suggested LSPs (empty: none known on this network)."""
        return list(self._known_lsps)

    def _get_fee_percent(self) -> float:
        return self._fee_percent

    def _set_fee_percent(self, percent: float) -> None:
        if 0 <= float(percent) <= MAX_FEE_PERCENT and float(percent) != self._fee_percent:
            self._fee_percent = float(percent)
            self._settings.setValue("lightning/max_fee_percent", self._fee_percent)
            emit(self.changed)

    def _get_fee_floor(self) -> int:
        return self._fee_floor

    def _set_fee_floor(self, sat: int) -> None:
        if int(sat) >= 0 and int(sat) != self._fee_floor:
            self._fee_floor = int(sat)
            self._settings.setValue("lightning/max_fee_floor_sat", self._fee_floor)
            emit(self.changed)

    def _get_language(self) -> str:
        return self._language

    def _set_language(self, language: str) -> None:
        """"system", or a language Kite ships ("en", "de", ...): used from the next start."""
        if language in language_choices() and language != self._language:
            self._language = language
            self._settings.setValue("display/language", language)
            emit(self.changed)

    @Property("QVariantList", constant=True)
    def languages(self) -> list[list[str]]:
        """[[code, name]]: "system" first, then each language in its own words."""
        return [[code, language_name(code)] for code in language_choices()]

    @Property(str, notify=changed)
    def languageNote(self) -> str:  # noqa: N802
        """Why the language chosen is not the one shown ("" when it is)."""
        if translations.env_chooses():
            return translate("Settings", "The KITE_LANG environment variable chooses the "
                                         "language while it is set.")
        if translations.shown_language(self._language) != self._language_shown:
            return translate("Settings", "Kite shows the new language when it next starts.")
        return ""

    @Slot("qlonglong", result="qlonglong")
    def feeCapSat(self, amount_sat: int) -> int:  # noqa: N802
        """The most a payment of `amount_sat` may pay in Lightning fees."""
        share = int(amount_sat) * round(self._fee_percent * 10_000) // 1_000_000
        return max(self._fee_floor, share)

    @Property(str, notify=changed)
    def feeCapRule(self) -> str:  # noqa: N802
        """The cap in words: "1% of the amount, at least 10 sat"."""
        return fill(translate("Settings", "%1% of the amount, at least %2"),
                    f"{self._fee_percent:g}", format_sat(self._fee_floor, self._unit))

    @Property(str, notify=changed)
    def trampolineError(self) -> str:  # noqa: N802
        return self._trampoline_error

    unit = Property(str, _get_unit, _set_unit, notify=changed)
    trampolinePeer = Property(str, _get_trampoline, _set_trampoline, notify=changed)
    lspPeer = Property(str, _get_lsp, _set_lsp, notify=changed)
    lspNone = Property(bool, _get_lsp_none, _set_lsp_none, notify=changed)
    lspAutoFeeSat = Property("qlonglong", _get_lsp_auto_fee, _set_lsp_auto_fee, notify=changed)
    maxFeePercent = Property(float, _get_fee_percent, _set_fee_percent, notify=changed)
    maxFeeFloorSat = Property("qlonglong", _get_fee_floor, _set_fee_floor, notify=changed)
    theme = Property(str, _get_theme, _set_theme, notify=changed)
    language = Property(str, _get_language, _set_language, notify=changed)

    @Slot("qlonglong", result=str)
    def formatSat(self, sat: int) -> str:  # noqa: N802 - QML naming
        return format_sat(int(sat), self._unit)

    @Slot("qlonglong", result=str)
    def formatMsat(self, msat: int) -> str:  # noqa: N802
        return format_msat(int(msat), self._unit)

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


def language_choices() -> list[str]:
    """"system", English (the source language) and every language Kite ships."""
    return [translations.SYSTEM, "en", *(c for c in translations.available_languages()
                                         if c != "en")]


def stored_language(settings: QSettings) -> str:
    """The language setting ("system" when unset or not one Kite ships)."""
    value = str(settings.value("display/language", translations.SYSTEM) or "")
    return value if value in language_choices() else translations.SYSTEM


def language_name(code: str) -> str:
    """A language in its own words ("Deutsch"); "system" in the language shown."""
    if code == translations.SYSTEM:
        return translate("Settings", "Follow the system")
    if code == "en":  # nativeLanguageName() would say "American English"
        return QLocale.languageToString(QLocale.Language.English)
    name = QLocale(code).nativeLanguageName()
    return name[:1].upper() + name[1:]


def _number(value: object, default: float, low: float, high: float) -> float:
    """A stored number within [low, high], else the default."""
    try:
        number = float(str(value))
    except ValueError:
        return default
    return number if low <= number <= high else default
