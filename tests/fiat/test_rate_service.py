"""Rates over real HTTP from a local aiohttp rate server, honest and lying: wrong currency,
absurd or unreadable prices, an oversized or endless answer, a slow one, errors, redirects,
the server down. Each lie leaves the last good rate (shown as stale when old) and a
sentence; nothing is fetched more often than the cache allows."""

from __future__ import annotations

import asyncio
import time

import pytest
from aiohttp import web

from wallet.fiat import rate_service as rate_service_module
from wallet.fiat.rate_service import RateService, check_rate_url
from wallet.fiat.rates import STALE_AFTER, RateError
from wallet.fiat.sources import coinbase_format


class RateServer:
    """GET /v2/prices/BTC-{currency}/spot in the coinbase format; `mode` picks the lie."""

    def __init__(self) -> None:
        self.mode = "honest"
        self.price = "61234.56"
        self.hits = 0

    async def spot(self, request: web.Request) -> web.StreamResponse:
        self.hits += 1
        currency = request.match_info["currency"]
        data = {"base": "BTC", "currency": currency, "amount": self.price}
        mode = self.mode
        if mode == "honest":
            return web.json_response({"data": data})
        if mode == "other_currency":
            return web.json_response({"data": data | {"currency": "USD"}})
        if mode in ("negative", "nan", "huge_number", "text"):
            amount = {"negative": "-5", "nan": "NaN", "huge_number": "1e400",
                      "text": "sixty thousand"}[mode]
            return web.json_response({"data": data | {"amount": amount}})
        if mode == "oversized":
            return web.json_response({"data": data, "pad": "x" * 100_000})
        if mode == "endless":  # no Content-Length, never ends
            response = web.StreamResponse()
            await response.prepare(request)
            while True:
                await response.write(b" " * 4096)
        if mode == "slow":
            await asyncio.sleep(3)
        if mode == "error":
            return web.Response(status=503, text="busy")
        if mode == "redirect":
            raise web.HTTPFound("http://127.0.0.1:1/elsewhere")
        if mode == "not_json":
            return web.Response(text="<html>rate limited</html>")
        if mode == "deep":
            return web.Response(text="[" * 5000 + "]" * 5000)
        raise AssertionError(mode)


@pytest.fixture
def served():
    """(the RateServer, run(coro) on one loop with the server up, its base URL)."""
    loop = asyncio.new_event_loop()
    server = RateServer()
    app = web.Application()
    app.router.add_get("/v2/prices/BTC-{currency}/spot", server.spot)
    runner = web.AppRunner(app, access_log=None)
    loop.run_until_complete(runner.setup())
    site = web.TCPSite(runner, "127.0.0.1", 0)
    loop.run_until_complete(site.start())
    base = f"http://127.0.0.1:{runner.addresses[0][1]}"
    yield server, loop.run_until_complete, base
    loop.run_until_complete(runner.cleanup())
    loop.close()


def _service(base: str, **kwargs) -> RateService:
    return RateService({"local": coinbase_format(base, "local", "Local rates")}, **kwargs)


def test_an_honest_rate_is_cached_with_its_time(served):
    server, run, base = served
    svc = _service(base)
    before = time.time()
    r = run(svc.current("eur", "local"))
    assert (r["currency"], r["price"], r["stale"], r["error"]) == ("EUR", "61234.56", False, "")
    assert before - 1 <= r["fetched_at"] <= time.time()
    for _ in range(5):  # within the cache time: no new request
        run(svc.current("EUR", "local"))
    assert server.hits == 1


def test_concurrent_askers_share_one_request(served):
    server, run, base = served
    svc = _service(base)

    async def many():
        return await asyncio.gather(*(svc.current("EUR", "local") for _ in range(20)))

    assert {r["price"] for r in run(many())} == {"61234.56"}
    assert server.hits == 1


@pytest.mark.parametrize("mode, words", [
    ("other_currency", "another currency"), ("negative", "cannot be right"),
    ("nan", "cannot be right"), ("huge_number", "cannot be right"),
    ("text", "unreadable"), ("oversized", "too much data"), ("endless", "too much data"),
    ("slow", "did not answer within 1 seconds"), ("error", "HTTP 503"),
    ("redirect", "HTTP 302"), ("not_json", "not JSON"), ("deep", "not JSON"),
])
def test_a_lie_keeps_the_last_good_rate_and_says_why(served, mode, words):
    server, run, base = served
    svc = _service(base, timeout=1.0, refresh_after=0)
    assert run(svc.current("EUR", "local"))["price"] == "61234.56"
    server.mode = mode
    r = run(svc.current("EUR", "local"))
    assert r["price"] == "61234.56" and words in r["error"]
    # and with no good rate before it: no price at all, never a made-up one
    fresh = _service(base, timeout=1.0)
    r = run(fresh.current("EUR", "local"))
    assert r["price"] is None and r["stale"] and words in r["error"]


def test_a_jump_is_refused_then_believed_when_it_lasts(served, monkeypatch):
    server, run, base = served
    svc = _service(base, refresh_after=0)
    run(svc.current("EUR", "local"))
    server.price = "6123456"  # x100 a minute later: refused
    r = run(svc.current("EUR", "local"))
    assert r["price"] == "61234.56" and "far from the last one" in r["error"]
    # an hour and more later, the last good rate is stale and the new one is believed
    later = time.time() + 2 * 3600
    monkeypatch.setattr(rate_service_module.time, "time", lambda: later)
    r = run(svc.current("EUR", "local"))
    assert r["price"] == "6123456" and not r["stale"] and r["error"] == ""


def test_a_rate_gets_stale_with_time(served, monkeypatch):
    server, run, base = served
    svc = _service(base)
    first = run(svc.current("EUR", "local"))
    later = first["fetched_at"] + STALE_AFTER + 5
    monkeypatch.setattr(rate_service_module.time, "time", lambda: later)
    server.mode = "error"
    r = run(svc.current("EUR", "local"))  # within the cache time: not even asked
    assert r["price"] == "61234.56" and r["stale"] and server.hits == 1


def test_the_source_down(served):
    _server, run, _base = served
    svc = _service("http://127.0.0.1:1", timeout=2.0)
    r = run(svc.current("EUR", "local"))
    assert r["price"] is None and "could not be reached" in r["error"]


def test_unknown_currency_or_source_and_plain_http_elsewhere(served):
    _server, run, base = served
    svc = _service(base)
    with pytest.raises(RateError, match="currency"):
        run(svc.current("XXX", "local"))
    with pytest.raises(RateError, match="source"):
        run(svc.current("EUR", "nowhere"))
    with pytest.raises(RateError, match="https"):
        check_rate_url("http://rates.example/v2")
    assert check_rate_url("https://rates.example/v2")


def test_only_believed_rates_are_handed_on_to_be_kept(served):
    server, run, base = served
    kept = []
    svc = _service(base, refresh_after=0, on_rate=kept.append)
    run(svc.current("EUR", "local"))
    server.mode = "negative"
    run(svc.current("EUR", "local"))
    assert [(r.currency, str(r.price)) for r in kept] == [("EUR", "61234.56")]

    def broken(_rate):
        raise OSError("disk full")

    server.mode = "honest"  # a rate that cannot be kept is still shown
    assert run(_service(base, on_rate=broken).current("EUR", "local"))["price"] == "61234.56"
