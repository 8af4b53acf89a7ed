"""The devnet Shop's LNURL service: aiohttp.web on 127.0.0.1, run by the devnet world.

It has no keys or channels of its own: it asks Shop's `kite daemon` over its RPC socket
(`call`, e.g. `DevnetKiteNode.call`) for invoices and payments, as a merchant's web server
asks its Lightning node. It serves, on its own event loop and thread:

- LNURL-pay (LUD-06/12/16/09): `/.well-known/lnurlp/<item>` (the Lightning address
  `coffee@127.0.0.1:PORT`) and `/lnurlp/<item>` (a bech32 LNURL); the callback asks Shop
  for an invoice of the amount whose description hash is the SHA-256 of the item's
  metadata, keeps the comment, and answers with the item's success action (a message for
  coffee, a receipt link for tea);
- LNURL-withdraw (LUD-03): `/withdraw?k1=…`, one payment per code: the callback checks the
  wallet's invoice (network, amount in range, not expired) and has Shop pay it;
- LNURL-auth (LUD-04): `/auth?tag=login&k1=…`: checks the signature of the challenge and
  records the linking keys it saw (`logins`);
- the devnet's exchange rates: `/v2/prices/BTC-<CUR>/spot` (the coinbase format, fixed
  `DEVNET_PRICES`), the "devnet" rate source of regtest wallets.

Codes and challenges are minted by `LnurlCodes` (wallet/devnet/lnurl_codes.py) and used once.
Every request is checked; a bad one gets `{"status": "ERROR", "reason": …}` (LUD-01).
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from wallet.devnet.lnurl_codes import SECRET_BYTES, LnurlCodes
from wallet.errors import KiteError
from wallet.hashes import sha256
from wallet.ln.bolt11.invoice import InvoiceError, decode_invoice
from wallet.lnurl.auth import verify_signature
from wallet.networks import REGTEST

log = logging.getLogger(__name__)

MIN_SENDABLE_MSAT = 1_000
MAX_SENDABLE_MSAT = 10_000_000  # 10,000 sat
MIN_WITHDRAWABLE_MSAT = 1_000
MAX_WITHDRAWABLE_MSAT = 10_000_000
COMMENT_ALLOWED = 140
INVOICE_EXPIRY = 600
MAX_INVOICE_CHARS = 4_000  # a withdrawal invoice handed in
PAY_TIMEOUT = 60.0  # seconds Shop tries to pay a withdrawal
RECORDS = 1_000  # the most payments, withdrawals and logins remembered (oldest forgotten)

#: what Shop sells: its description and the success action shown after paying
ITEMS = {"coffee": "A coffee from the devnet Shop", "tea": "A pot of tea from the devnet Shop"}


class _Refused(Exception):
    """A request the service turns down: LUD-01's ERROR status, with this reason."""


# the devnet's exchange rates (play money): 1 BTC in each currency
DEVNET_PRICES = {"USD": "65000.00", "EUR": "60000.00", "GBP": "51000.00", "CHF": "57000.00",
                 "JPY": "9800000"}


def _error(reason: str) -> web.Response:
    return web.json_response({"status": "ERROR", "reason": reason})


@dataclass(frozen=True)
class Sale:
    item: str
    amount_msat: int
    comment: str
    invoice: str


@dataclass
class Withdrawal:
    k1: str
    invoice: str
    amount_msat: int
    status: str = "paying"  # then "paid" or "failed"
    error: str = ""


class ShopLnurl:
    """The service; `start()` it (it binds a free port), `stop()` it. `call(method, **params)`
    reaches Shop's daemon (blocking; run on worker threads)."""

    def __init__(self, call: Callable[..., Any], *, host: str = "127.0.0.1",
                 secret: bytes | None = None) -> None:
        self.call = call
        self.host = host
        self.secret = secret or os.urandom(SECRET_BYTES)
        self.codes: LnurlCodes | None = None
        self.sales: deque[Sale] = deque(maxlen=RECORDS)
        self.withdrawals: deque[Withdrawal] = deque(maxlen=RECORDS)
        self.logins: deque[dict[str, str]] = deque(maxlen=RECORDS)
        self._used: set[str] = set()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._runner: web.AppRunner | None = None
        self._tasks: set[asyncio.Task] = set()

    # -- life cycle ---------------------------------------------------------------------------

    def start(self) -> ShopLnurl:
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="shop-lnurl",
                                        daemon=True)
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._serve(), self._loop).result(30)
        return self

    def stop(self) -> None:
        if self._loop is None:
            return
        try:
            asyncio.run_coroutine_threadsafe(self._close(), self._loop).result(30)
        finally:
            self._loop.call_soon_threadsafe(self._loop.stop)
            if self._thread is not None:
                self._thread.join(10)
            self._loop.close()
            self._loop = None

    async def _serve(self) -> None:
        app = web.Application(client_max_size=16_384)
        app.router.add_get("/.well-known/lnurlp/{item}", self.pay_request)
        app.router.add_get("/lnurlp/{item}", self.pay_request)
        app.router.add_get("/lnurlp/{item}/callback", self.pay_callback)
        app.router.add_get("/receipt/{item}", self.receipt)
        app.router.add_get("/withdraw", self.withdraw_request)
        app.router.add_get("/withdraw/callback", self.withdraw_callback)
        app.router.add_get("/auth", self.auth)
        # the devnet's rate source (the coinbase format, `wallet/fiat/sources.py`)
        app.router.add_get("/v2/prices/BTC-{currency}/spot", self.rate)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, 0)
        await site.start()
        port = self._runner.addresses[0][1]
        self.codes = LnurlCodes(f"http://{self.host}:{port}", self.secret)

    async def _close(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def lnurls(self) -> LnurlCodes:
        if self.codes is None:
            raise RuntimeError("the Shop's LNURL service is not running")
        return self.codes

    # -- LNURL-pay ------------------------------------------------------------------------------

    def metadata(self, item: str) -> str:
        """The item's LUD-06 metadata text (its SHA-256 is the invoices' description hash)."""
        return json.dumps([["text/plain", ITEMS[item]],
                           ["text/identifier", self.lnurls.pay_address(item)]])

    def _item(self, request: web.Request) -> str:
        item = request.match_info["item"]
        if item not in ITEMS:
            raise _Refused(f"the Shop sells no {item[:40]!r}")
        return item

    async def rate(self, request: web.Request) -> web.Response:
        """The price of 1 BTC in a currency, fixed play-money figures (404 for others)."""
        currency = request.match_info["currency"]
        price = DEVNET_PRICES.get(currency)
        if price is None:
            return web.json_response({"errors": [{"message": "unknown currency"}]}, status=404)
        return web.json_response({"data": {"base": "BTC", "currency": currency,
                                           "amount": price}})

    async def pay_request(self, request: web.Request) -> web.Response:
        try:
            item = self._item(request)
        except _Refused as e:
            return _error(str(e))
        return web.json_response({
            "tag": "payRequest", "callback": f"{self.lnurls.base}/lnurlp/{item}/callback",
            "minSendable": MIN_SENDABLE_MSAT, "maxSendable": MAX_SENDABLE_MSAT,
            "metadata": self.metadata(item), "commentAllowed": COMMENT_ALLOWED})

    async def pay_callback(self, request: web.Request) -> web.Response:
        try:
            item = self._item(request)
            amount = _whole(request.query.get("amount", ""), "amount")
            if not MIN_SENDABLE_MSAT <= amount <= MAX_SENDABLE_MSAT:
                raise _Refused(f"the amount must be {MIN_SENDABLE_MSAT} to "
                               f"{MAX_SENDABLE_MSAT} msat")
            comment = request.query.get("comment", "")
            if len(comment) > COMMENT_ALLOWED:
                raise _Refused(f"a comment has at most {COMMENT_ALLOWED} characters")
            reply = await self._shop("invoice", amount_msat=amount, expiry=INVOICE_EXPIRY,
                                     description_hash=sha256(self.metadata(item).encode()).hex())
        except _Refused as e:
            return _error(str(e))
        invoice = str(reply["invoice"])
        self.sales.append(Sale(item, amount, comment, invoice))
        log.info("LNURL-pay: %s for %d msat, comment %r", item, amount, comment)
        if item == "coffee":
            action = {"tag": "message", "message": "Thanks for the coffee!"}
        else:
            action = {"tag": "url", "description": "Your receipt",
                      "url": f"{self.lnurls.base}/receipt/{item}"}
        return web.json_response({"pr": invoice, "routes": [], "successAction": action})

    async def receipt(self, request: web.Request) -> web.Response:
        try:
            item = self._item(request)
        except _Refused as e:
            return _error(str(e))
        return web.Response(text=f"Receipt: {ITEMS[item]}, paid. Thank you!\n")

    # -- LNURL-withdraw -----------------------------------------------------------------------

    def _unused(self, kind: str, k1: str) -> str:
        if not self.lnurls.minted(kind, k1):
            raise _Refused(f"unknown {kind} code")
        if k1 in self._used:
            raise _Refused(f"this {kind} code was already used")
        return k1

    async def withdraw_request(self, request: web.Request) -> web.Response:
        try:
            k1 = self._unused("withdraw", request.query.get("k1", ""))
        except _Refused as e:
            return _error(str(e))
        return web.json_response({
            "tag": "withdrawRequest", "callback": f"{self.lnurls.base}/withdraw/callback",
            "k1": k1, "defaultDescription": "Withdrawal from the devnet Shop",
            "minWithdrawable": MIN_WITHDRAWABLE_MSAT, "maxWithdrawable": MAX_WITHDRAWABLE_MSAT})

    async def withdraw_callback(self, request: web.Request) -> web.Response:
        try:
            k1 = self._unused("withdraw", request.query.get("k1", ""))
            invoice_text = request.query.get("pr", "")
            amount = _withdrawal_amount(invoice_text, time.time())
            self._used.add(k1)  # before the payment starts: a code pays once
        except _Refused as e:
            return _error(str(e))
        withdrawal = Withdrawal(k1, invoice_text, amount)
        self.withdrawals.append(withdrawal)
        task = asyncio.get_running_loop().create_task(self._pay(withdrawal))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return web.json_response({"status": "OK"})

    async def _pay(self, withdrawal: Withdrawal) -> None:
        try:
            result = await self._shop("pay", invoice=withdrawal.invoice, timeout=PAY_TIMEOUT,
                                      rpc_timeout=PAY_TIMEOUT + 30)
            withdrawal.status = "paid" if result.get("status") == "paid" else "failed"
        except _Refused as e:
            withdrawal.status, withdrawal.error = "failed", str(e)
        except Exception as e:  # whatever it is, the withdrawal did not pay
            withdrawal.status, withdrawal.error = "failed", repr(e)
        log.info("LNURL-withdraw of %d msat: %s %s", withdrawal.amount_msat, withdrawal.status,
                 withdrawal.error)

    # -- LNURL-auth ---------------------------------------------------------------------------

    async def auth(self, request: web.Request) -> web.Response:
        q = request.query
        try:
            if q.get("tag", "login") != "login":
                raise _Refused("not a login")
            k1 = self._unused("auth", q.get("k1", ""))
            key, sig = _hex(q.get("key", ""), "key"), _hex(q.get("sig", ""), "sig")
            if len(key) != 33 or len(sig) > 80:
                raise _Refused("key or sig has the wrong length")
            if not verify_signature(bytes.fromhex(k1), key, sig):
                raise _Refused("the signature does not match the key")
        except _Refused as e:
            return _error(str(e))
        self._used.add(k1)
        self.logins.append({"k1": k1, "key": key.hex(), "action": q.get("action", "login")})
        log.info("LNURL-auth: login by %s", key.hex())
        return web.json_response({"status": "OK"})

    # -- Shop's daemon -----------------------------------------------------------------------

    async def _shop(self, method: str, **params: Any) -> dict[str, Any]:
        """One RPC call to Shop (on a worker thread); its error becomes the refusal."""
        try:
            return await asyncio.to_thread(self.call, method, **params)
        except KiteError as e:
            raise _Refused(f"Shop could not do it: {e}") from None


def _whole(text: str, what: str) -> int:
    if not text.isdigit() or len(text) > 18:
        raise _Refused(f"{what} must be a whole number")
    return int(text)


def _hex(text: str, what: str) -> bytes:
    try:
        return bytes.fromhex(text)
    except ValueError:
        raise _Refused(f"{what} is not hexadecimal") from None


def _withdrawal_amount(invoice_text: str, now: float) -> int:
    """The amount of a withdrawal invoice once it is one Shop will pay."""
    if not invoice_text or len(invoice_text) > MAX_INVOICE_CHARS:
        raise _Refused("no invoice (pr) given, or one too long")
    try:
        invoice = decode_invoice(invoice_text)
    except InvoiceError as e:
        raise _Refused(f"the invoice is not valid: {e}") from None
    if invoice.network.name != REGTEST.name:
        raise _Refused(f"the invoice is for {invoice.network.name}, not regtest")
    if invoice.amount_msat is None:
        raise _Refused("the invoice has no amount")
    if not MIN_WITHDRAWABLE_MSAT <= invoice.amount_msat <= MAX_WITHDRAWABLE_MSAT:
        raise _Refused(f"the amount must be {MIN_WITHDRAWABLE_MSAT} to "
                       f"{MAX_WITHDRAWABLE_MSAT} msat")
    if invoice.is_expired(now):
        raise _Refused("the invoice has expired")
    return invoice.amount_msat
