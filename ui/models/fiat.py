"""Amounts in the user's currency beside sat: the setting (currency and rate source, asked
once on Home), the current rate with its time (stale shown as stale), and fiat typed on
Send/Receive turned into the exact sat figure that is then shown and sent.

The rate is fetched by the facade (`wallet/fiat/`) off the GUI thread, every
`REFRESH_MS` while a currency is chosen; nothing else waits for it. The sat field stays the
truth: a fiat amount only writes sat into it.
"""

from __future__ import annotations

import time
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Property, QDateTime, QLocale, QObject, QSettings, QTimer, Signal, Slot

from ui.i18n.wallet_sentences import said
from ui.models.bridge import when_done
from ui.models.session import Session
from ui.models.signals import emit
from wallet.api import (
    CURRENCIES,
    DEFAULT_SOURCE,
    SAT_PER_BTC,
    Rate,
    fiat_to_sat,
    format_fiat,
    parse_fiat,
    sat_to_fiat,
)
from wallet.errors import InputError

REFRESH_MS = 60_000


def _local_currency() -> str:
    code = QLocale().currencySymbol(QLocale.CurrencySymbolFormat.CurrencyIsoCode)
    return code if code in CURRENCIES else "USD"


class FiatModel(QObject):
    changed = Signal()

    def __init__(self, session: Session, store: QSettings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._store = store
        currency = str(store.value("fiat/currency", "") or "")
        self._currency = currency if currency in CURRENCIES else ""
        self._source = str(store.value("fiat/source", DEFAULT_SOURCE) or DEFAULT_SOURCE)
        self._asked = str(store.value("fiat/asked", "false")).lower() == "true"
        self._rate: Rate | None = None
        self._stale = True
        self._error = ""
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        session.opened.connect(self._opened)
        if self._currency:
            self._timer.start()
            self.refresh()

    # --- the setting ---------------------------------------------------------------------

    @Slot(str, str)
    def choose(self, currency: str, source: str) -> None:
        """Show amounts in `currency` ("" for none) with rates from `source`."""
        currency = currency if currency in CURRENCIES else ""
        source = source if source in self._sources() else DEFAULT_SOURCE
        self._store.setValue("fiat/asked", "true")
        self._store.setValue("fiat/currency", currency)
        self._store.setValue("fiat/source", source)
        changed = (currency, source) != (self._currency, self._source)
        self._asked, self._currency, self._source = True, currency, source
        if changed:
            self._rate, self._error, self._stale = None, "", True
        emit(self.changed)
        self._tell_node()
        if currency:
            self._timer.start()
            self.refresh()
        else:
            self._timer.stop()

    def _opened(self) -> None:
        emit(self.changed)  # the sources offered may differ
        self._tell_node()
        self.refresh()

    def _tell_node(self) -> None:
        """The setting, once chosen, goes to the wallet's node too (in-process or the
        daemon): it fetches and keeps that currency's rates itself, window or not."""
        if not self._asked or not self._session.can("fiat_choose"):
            return
        when_done(self._session.poster, self._session.api.fiat_choose(self._currency, self._source),
                  lambda _r: None, lambda _m, _d: None)  # no wallet open yet: told on opening

    @Slot()
    def decline(self) -> None:
        """"No thanks" on Home's question: sat only (Settings can change it later)."""
        self.choose("", self._source)

    def _sources(self) -> dict[str, str]:
        api = self._session.api
        return api.rate_sources() if hasattr(api, "rate_sources") else {}

    @Slot()
    def refresh(self) -> None:
        if not self._currency or not self._session.can("fiat_rate"):
            return
        wanted = (self._currency, self._source)
        when_done(self._session.poster, self._session.api.fiat_rate(*wanted),
                  lambda r: self._set_rate(wanted, r),
                  lambda message, detail: self._set_error(wanted, message))

    def _set_rate(self, wanted: tuple[str, str], r: dict[str, Any]) -> None:
        if wanted != (self._currency, self._source):
            return  # an answer for a setting the user has since changed
        if r.get("price") is not None:
            self._rate = Rate(r["currency"], Decimal(r["price"]), int(r["fetched_at"]),
                              r["source"])
        self._stale, self._error = bool(r.get("stale")), str(r.get("error") or "")
        emit(self.changed)

    def _set_error(self, wanted: tuple[str, str], message: str) -> None:
        if wanted == (self._currency, self._source):
            self._error = message
            emit(self.changed)

    # --- what pages show -----------------------------------------------------------------

    @Slot("qlonglong", result=str)
    def fiatText(self, sat: int) -> str:  # noqa: N802
        """"≈ €12.34" for `sat` ("" without a rate); an old rate says so."""
        if self._rate is None or not self._currency:
            return ""
        text = "≈ " + format_fiat(sat_to_fiat(int(sat), self._rate), self._currency)
        return text + " " + self.tr("(old rate)") if self._stale else text

    @Slot(str, result="qlonglong")
    def satForFiat(self, text: str) -> int:  # noqa: N802
        """Whole sat for a typed fiat amount, -1 when it is not one (or there is no rate)."""
        if self._rate is None:
            return -1
        try:
            return fiat_to_sat(parse_fiat(text, self._currency), self._rate)
        except InputError:
            return -1

    @Slot(str, result=str)
    def fiatProblem(self, text: str) -> str:  # noqa: N802
        """Why a typed fiat amount cannot be used ("" when it can, or when empty)."""
        if not text.strip():
            return ""
        if self._rate is None:
            return self.tr("No exchange rate yet: type the amount in sat.")
        try:
            parse_fiat(text, self._currency)
        except InputError as e:
            text = said(str(e))
            return text[0].upper() + text[1:] + "."
        return ""

    @Slot("qlonglong", str, result=str)
    def amountText(self, sat: int, unit: str) -> str:  # noqa: N802
        """`sat` as typed in the sat field of `unit`: "12345" or "0.00012345" (exact)."""
        if unit == "btc":
            return f"{Decimal(int(sat)) / SAT_PER_BTC:.8f}".rstrip("0").rstrip(".")
        return str(int(sat))

    @Property(str, notify=changed)
    def rateText(self) -> str:  # noqa: N802
        """"1 BTC = €60,000.00 at 14:02" (and "old rate" when stale); "" without a rate."""
        if self._rate is None:
            return ""
        fetched = QDateTime.fromSecsSinceEpoch(int(self._rate.fetched_at))
        # the month's name in the language shown (strftime's is the C locale's, English)
        old = time.time() - self._rate.fetched_at > 20 * 3600
        when = QLocale().toString(fetched, "d MMM HH:mm" if old else "HH:mm")
        text = self.tr("1 BTC = %1 at %2").replace(
            "%1", format_fiat(self._rate.price, self._currency)).replace("%2", when)
        return text + (" · " + self.tr("old rate") if self._stale else "")

    @Property(bool, notify=changed)
    def ready(self) -> bool:
        """A currency is chosen and a rate is known (maybe stale)."""
        return bool(self._currency) and self._rate is not None

    @Property(bool, notify=changed)
    def stale(self) -> bool:
        return self._stale

    @Property(str, notify=changed)
    def error(self) -> str:
        return self._error

    @Property(str, notify=changed)
    def currency(self) -> str:
        return self._currency

    @Property(str, notify=changed)
    def source(self) -> str:
        return self._source

    @Property(bool, notify=changed)
    def asked(self) -> bool:
        return self._asked

    @Property(list, constant=True)
    def currencies(self) -> list[str]:
        return list(CURRENCIES)

    @Property(str, constant=True)
    def localCurrency(self) -> str:  # noqa: N802
        return _local_currency()

    @Property(list, notify=changed)
    def sources(self) -> list[list[str]]:
        """[[name, label], ...] this network offers."""
        return [[name, label] for name, label in self._sources().items()]
