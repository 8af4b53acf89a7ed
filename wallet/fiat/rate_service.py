"""Fetching rates over HTTP (aiohttp), with a cache that remembers each rate's time.

- one deadline per fetch (`timeout`), no redirects, no decompression, no cookies or proxy
  from the environment, at most `MAX_RATE_BYTES` read (a longer answer is refused);
- https only, except plain http to this machine (the devnet, tests);
- a rate is fetched again after `REFRESH_AFTER` at the earliest (callers may ask often:
  one fetch serves them all, and concurrent askers share one request);
- a failed fetch keeps the last good rate, which then shows as stale with its time, and
  says why the new one is missing. Nothing here is ever awaited by a payment;
- each rate believed is handed to `on_rate` (the facade keeps it with its time, for the
  export's fiat values: `storage/rate_store.py`).
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

import aiohttp

from wallet.fiat.rates import Rate, RateError, check_currency, plausible_after
from wallet.fiat.sources import MAX_RATE_BYTES, RateSource
from wallet.sentence import Sentence
from wallet.untrusted_text import quote_untrusted

log = logging.getLogger(__name__)

REFRESH_AFTER = 60.0  # seconds a fetched rate is served without asking again
DEFAULT_TIMEOUT = 10.0
_HEADERS = {"Accept": "application/json", "Accept-Encoding": "identity", "User-Agent": "Kite"}
_LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


def check_rate_url(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme == "https" or (parts.scheme == "http" and parts.hostname in _LOCAL_HOSTS):
        return url
    raise RateError("A rate source must be reached over https.")


class RateService:
    def __init__(self, sources: dict[str, RateSource], *, timeout: float = DEFAULT_TIMEOUT,
                 refresh_after: float | None = None,
                 on_rate: Callable[[Rate], None] | None = None) -> None:
        self.sources = sources
        self.on_rate = on_rate
        self.timeout = timeout
        self.refresh_after = REFRESH_AFTER if refresh_after is None else refresh_after
        self._rates: dict[tuple[str, str], Rate] = {}
        self._errors: dict[tuple[str, str], str] = {}
        self._asked_at: dict[tuple[str, str], float] = {}
        self._pending: dict[tuple[str, str], asyncio.Task[None]] = {}

    async def current(self, currency: str, source: str) -> dict[str, Any]:
        """{currency, source, price (str, or None: no rate yet), fetched_at, stale, error}."""
        currency = check_currency(currency)
        if source not in self.sources:
            raise RateError(Sentence("Kite does not know the rate source %1.", repr(source[:20])))
        key = (currency, source)
        if time.monotonic() - self._asked_at.get(key, -1e9) >= self.refresh_after:
            task = self._pending.get(key)
            if task is None:
                task = asyncio.ensure_future(self._refresh(key))
                self._pending[key] = task
                task.add_done_callback(lambda _t: self._pending.pop(key, None))
            await asyncio.shield(task)
        rate, now = self._rates.get(key), time.time()
        return {"currency": currency, "source": source,
                "price": None if rate is None else str(rate.price),
                "fetched_at": None if rate is None else rate.fetched_at,
                "stale": rate is None or rate.stale(now),
                "error": self._errors.get(key, "")}

    async def _refresh(self, key: tuple[str, str]) -> None:
        self._asked_at[key] = time.monotonic()
        currency, name = key
        source = self.sources[name]
        try:
            body = await self._get_json(source.url(currency), source.label)
            rate = Rate(currency, source.parse(body, currency, source.label), int(time.time()),
                        name)
            if not plausible_after(self._rates.get(key), rate):
                raise RateError(Sentence("The rate source %1 sent a price far from the last one; the last one is kept.", source.label))
        except RateError as e:
            self._errors[key] = str(e)
            log.info("rate from %s refused: %s", name, e)
            return
        self._rates[key] = rate
        self._errors.pop(key, None)
        if self.on_rate is not None:
            try:
                self.on_rate(rate)
            except Exception:  # keeping it is a nicety: the rate is shown all the same
                log.exception("could not keep the rate from %s", name)

    async def _get_json(self, url: str, label: str) -> Any:
        check_rate_url(url)
        try:
            async with asyncio.timeout(self.timeout):
                async with aiohttp.ClientSession(
                        headers=_HEADERS, cookie_jar=aiohttp.DummyCookieJar(),
                        auto_decompress=False, trust_env=False) as session, \
                        session.get(url, allow_redirects=False) as response:
                    if response.status != 200:
                        raise RateError(Sentence("The rate source %1 answered with an error (HTTP %2).", label, response.status))
                    body = await _read_capped(response, label)
        except TimeoutError:
            raise RateError(Sentence("The rate source %1 did not answer within %2 seconds.", label, format(self.timeout, "g"))) from None
        except (aiohttp.ClientError, OSError) as e:
            log.info("rate source %s unreachable: %s", label, quote_untrusted(str(e), 200))
            raise RateError(Sentence("The rate source %1 could not be reached.", label)) from None
        try:
            return json.loads(body)
        except (ValueError, RecursionError):
            raise RateError(Sentence("The rate source %1 answered something that is not JSON.", label)) from None


async def _read_capped(response: aiohttp.ClientResponse, label: str) -> bytes:
    too_big = RateError(Sentence("The rate source %1 answered with too much data.", label))
    if response.content_length is not None and response.content_length > MAX_RATE_BYTES:
        raise too_big
    chunks, size = [], 0
    async for chunk in response.content.iter_chunked(4096):
        size += len(chunk)
        if size > MAX_RATE_BYTES:
            raise too_big
        chunks.append(chunk)
    return b"".join(chunks)
