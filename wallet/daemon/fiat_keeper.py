"""The node fetches and keeps exchange rates itself, window or not.

With a currency set (`fiat_setting`, the same setting the window's fiat display writes,
kept in the wallet: `storage/fiat_setting.py`), the node asks the chosen source every
`KEEP_EVERY` seconds (at once when the setting changes) through the one `RateService` of
the node (`fiat/rate_service.py`: real HTTP client, caps, cache), and each rate believed
is kept with its time (`storage/rate_store.py`, at most one per 10 minutes), so the export
of a daemon-only user carries fiat values. The window asks the node's service too
(`fiat_rate`), in-process or attached, so one cache serves both. A background task of its
own: nothing here is awaited by a payment, and a failing source only leaves a log line and
the reason in `fiat_rate`'s answer.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from wallet.deadline import within
from wallet.fiat.rate_service import RateService
from wallet.fiat.rates import CURRENCIES, RateError, check_currency
from wallet.fiat.sources import RateSource
from wallet.sentence import Sentence
from wallet.storage.fiat_setting import FiatSetting
from wallet.storage.rate_store import RateStore

log = logging.getLogger(__name__)

KEEP_EVERY = 300.0  # seconds between two rates fetched for keeping (the store keeps 1/600 s)


class FiatKeeper:
    def __init__(self, sources: dict[str, RateSource], setting: FiatSetting,
                 store: RateStore, *, keep_every: float | None = None) -> None:
        self.sources = sources
        self.setting = setting
        self.store = store
        self.keep_every = KEEP_EVERY if keep_every is None else keep_every
        self.rates = RateService(sources, on_rate=self._keep)
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.get_running_loop().create_task(self._run(), name="fiat-keeper")

    async def close(self) -> None:
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    @property
    def handlers(self) -> dict[str, Callable[..., Awaitable[Any]]]:
        return {"fiat_setting": self.cmd_setting, "fiat_rate": self.cmd_rate}

    async def cmd_setting(self, currency: Any = None, source: Any = None) -> dict[str, Any]:
        """{currency ("" none), source, sources {name: label}}; with `currency` ("" or
        "none": no fiat) the setting is saved first and a rate fetched at once."""
        if currency is not None:
            code = "" if str(currency).lower() in ("", "none", "off") else check_currency(currency)
            name = self.setting.get()[1] if source is None else str(source)
            if name not in self.sources:
                raise RateError(Sentence("Kite does not know the rate source %1.",
                                         repr(name[:20])))
            self.setting.put(code, name)
            self._wake.set()
        code, name = self.setting.get()
        return {"currency": code, "source": name,
                "sources": {n: s.label for n, s in self.sources.items()}}

    async def cmd_rate(self, currency: Any, source: Any) -> dict[str, Any]:
        """The current rate (`RateService.current`), from the node's cache."""
        return await self.rates.current(str(currency), str(source))

    def _keep(self, rate: Any) -> None:
        self.store.record(rate)

    async def _run(self) -> None:
        while True:
            self._wake.clear()  # a change from now on wakes the next wait
            currency, source = self.setting.get()
            if currency in CURRENCIES and source in self.sources:
                try:
                    answer = await self.rates.current(currency, source)
                    if answer.get("error"):
                        log.info("no new %s rate from %s: %s", currency, source, answer["error"])
                except Exception:  # the keeper must live on whatever a source does
                    log.exception("fetching the %s rate failed", currency)
            with contextlib.suppress(TimeoutError):
                await within(self.keep_every, self._wake.wait())
