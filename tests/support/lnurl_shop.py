"""A real LNURL service for tests: aiohttp.web on 127.0.0.1 over a real Lightning node (a
`ChannelManager`), honest by default, told to lie field by field through `shop.lie`.

Endpoints: /.well-known/lnurlp/<user> and /pay (payRequest), /cb (its invoices, with a
description hash, re-signed by the node when a lie changes them), /withdraw and /wcb
(withdrawRequest: pays the wallet's invoice from the node), /auth (LUD-04: checks the
signature, records the keys it saw), /raw/<name> (HTTP-level misbehaviour: oversized, slow,
redirects, HTML, ...).
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import gzip
import json
import os
import threading
import time
from typing import Any

from aiohttp import web

from tests.support.nodes import FakeChain, make_node
from wallet.hashes import sha256
from wallet.ln.bolt11.encode import encode_invoice
from wallet.ln.bolt11.invoice import decode_invoice
from wallet.lnurl.auth import verify_signature
from wallet.lnurl.recognise import encode_bech32_lnurl
from wallet.lnurl.success_action import encrypt
from wallet.networks import TESTNET


class Shop:
    def __init__(self, node: Any) -> None:
        self.node = node
        self.base = ""
        self._runner: web.AppRunner | None = None
        self._closing = asyncio.Event()
        self.reset()

    def reset(self) -> None:
        self.lie: dict[str, Any] = {}
        self.metadata = json.dumps([["text/plain", "A coffee"],
                                    ["text/identifier", "coffee@127.0.0.1"]])
        self.success_action: str | None = None
        self.comments: list[str] = []
        self.invoices: list[str] = []  # every invoice handed out by /cb
        self.withdraw_invoices: list[str] = []
        self.auth_keys: list[str] = []
        self.k1s: set[str] = set()
        self.withdraw_k1 = os.urandom(16).hex()
        self.pay_tasks: list[asyncio.Task] = []

    # -- life cycle --------------------------------------------------------------------------

    async def start(self) -> str:
        app = web.Application()
        app.router.add_get("/.well-known/lnurlp/{user}", self.pay_request)
        app.router.add_get("/pay", self.pay_request)
        app.router.add_get("/cb", self.invoice)
        app.router.add_get("/withdraw", self.withdraw_request)
        app.router.add_get("/wcb", self.withdraw_callback)
        app.router.add_get("/auth", self.auth)
        app.router.add_get("/raw/{name}", self.raw)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.port = port
        self.base = f"http://127.0.0.1:{port}"
        return self.base

    async def stop(self) -> None:
        self._closing.set()  # a slow answer ends now
        for task in self.pay_tasks:
            task.cancel()
        if self._runner is not None:
            await self._runner.cleanup()

    # -- what the wallet is given ------------------------------------------------------------

    @property
    def address(self) -> str:
        return f"coffee@127.0.0.1:{self.port}"

    def lnurl(self, path: str) -> str:
        return encode_bech32_lnurl(self.base + path)

    def login_lnurl(self, action: str | None = "login") -> str:
        k1 = os.urandom(32).hex()
        self.k1s.add(k1)
        extra = f"&action={action}" if action else ""
        return self.lnurl(f"/auth?tag=login&k1={k1}{extra}")

    # -- handlers ---------------------------------------------------------------------------

    async def pay_request(self, request: web.Request) -> web.Response:
        return web.json_response(self._pay_body())

    def _pay_body(self) -> dict[str, Any]:
        body = {"tag": "payRequest", "callback": f"{self.base}/cb", "minSendable": 1_000,
                "maxSendable": 50_000_000, "metadata": self.metadata, "commentAllowed": 50}
        body.update(self.lie.get("pay_request", {}))
        return {k: v for k, v in body.items() if v is not None}

    async def invoice(self, request: web.Request) -> web.Response:
        if "invoice_reply" in self.lie:
            return web.json_response(self.lie["invoice_reply"])
        amount = int(request.query["amount"])
        self.comments.append(request.query.get("comment", ""))
        text = self.node.create_invoice(amount, "", 3600)
        invoice = decode_invoice(text)
        changes: dict[str, Any] = {"description": None,
                                   "description_hash": sha256(self.metadata.encode())}
        lie = self.lie.get("invoice")
        if lie == "hash":
            changes["description_hash"] = sha256(self.metadata.encode() + b" ")
        elif lie == "description":  # the text itself instead of its hash
            changes = {"description": self.metadata[:500]}
        elif lie == "amount":
            changes["amount_msat"] = amount + 1_000
        elif lie == "no_amount":
            changes["amount_msat"] = None
        elif lie == "network":
            changes["network"] = TESTNET
        elif lie == "expired":
            changes |= {"timestamp": int(time.time()) - 7200, "expiry": 600}
        pr = encode_invoice(dataclasses.replace(invoice, **changes),
                            self.node.lightning.node_private_key)
        self.invoices.append(pr)
        reply: dict[str, Any] = {"pr": pr, "routes": []}
        action = self.success_action
        if action == "message":
            reply["successAction"] = {"tag": "message", "message": "Thanks for the coffee!"}
        elif action == "url":
            reply["successAction"] = {"tag": "url", "description": "Your receipt",
                                      "url": f"{self.base}/receipt/1"}
        elif action == "aes":
            preimage = self.node.payments.payment_log.get(invoice.payment_hash).preimage
            reply["successAction"] = {"description": "Your voucher code"} | encrypt(
                "VOUCHER-1234", preimage, os.urandom(16))
        elif action is not None:
            reply["successAction"] = action
        return web.json_response(reply)

    async def withdraw_request(self, request: web.Request) -> web.Response:
        body = {"tag": "withdrawRequest", "callback": f"{self.base}/wcb", "k1": self.withdraw_k1,
                "defaultDescription": "Withdrawal from the test shop",
                "minWithdrawable": 1_000, "maxWithdrawable": 30_000_000}
        body.update(self.lie.get("withdraw_request", {}))
        return web.json_response(body)

    async def withdraw_callback(self, request: web.Request) -> web.Response:
        if request.query.get("k1") != self.withdraw_k1:
            return web.json_response({"status": "ERROR", "reason": "unknown k1"})
        if "withdraw_reply" in self.lie:
            return web.json_response(self.lie["withdraw_reply"])
        pr = request.query["pr"]
        self.withdraw_invoices.append(pr)
        if not self.lie.get("withdraw_never_pays"):
            self.pay_tasks.append(asyncio.get_running_loop().create_task(self.node.pay(pr)))
        return web.json_response({"status": "OK"})

    async def auth(self, request: web.Request) -> web.Response:
        q = request.query
        k1 = q.get("k1", "")
        if k1 not in self.k1s:
            return web.json_response({"status": "ERROR", "reason": "unknown k1"})
        if not verify_signature(bytes.fromhex(k1), bytes.fromhex(q.get("key", "")),
                                bytes.fromhex(q.get("sig", ""))):
            return web.json_response({"status": "ERROR", "reason": "bad signature"})
        self.k1s.discard(k1)
        self.auth_keys.append(q["key"])
        return web.json_response(self.lie.get("auth_reply", {"status": "OK"}))

    async def raw(self, request: web.Request) -> web.StreamResponse:
        name = request.match_info["name"]
        if name == "big":  # a valid JSON object, far too large
            return web.json_response({"tag": "payRequest", "pad": "x" * 400_000})
        if name == "big-stream":  # no Content-Length, and no end: only a read cap stops it
            response = web.StreamResponse()
            response.enable_chunked_encoding()
            await response.prepare(request)
            with contextlib.suppress(ConnectionError):
                while not self._closing.is_set():
                    await response.write(b" " * 16_384)
                    await asyncio.sleep(0.001)
            return response
        if name == "slow":
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._closing.wait(), 30)
            return web.json_response({})
        if name == "loop":
            raise web.HTTPFound(f"{self.base}/raw/loop")
        if name == "ping":
            raise web.HTTPFound(f"{self.base}/raw/pong")
        if name == "pong":
            raise web.HTTPFound(f"{self.base}/raw/ping")
        if name.startswith("chain"):
            n = int(name[5:] or 0)
            raise web.HTTPFound(f"{self.base}/raw/chain{n + 1}")
        if name == "elsewhere":
            raise web.HTTPFound(f"http://localhost:{self.port}/pay")
        if name == "redirect-ok":
            raise web.HTTPFound("/pay")
        if name == "html":
            return web.Response(text="<html>Not found</html>", status=404,
                                content_type="text/html")
        if name == "error":
            return web.json_response({"status": "ERROR", "reason": "Service under maintenance"},
                                     status=500)
        if name == "status-teapot":  # status codes mean nothing (LUD-01)
            return web.json_response(self._pay_body(), status=418)
        if name == "channel":
            return web.json_response({"tag": "channelRequest", "uri": "x@y:1", "k1": "a",
                                      "callback": f"{self.base}/c"})
        if name == "gzip":
            return web.Response(body=gzip.compress(b"{}" + b" " * 10_000_000),
                                headers={"Content-Encoding": "gzip",
                                         "Content-Type": "application/json"})
        raise web.HTTPNotFound()


@contextlib.contextmanager
def shop_in_thread(folder: Any):
    """A `Shop` on its own event loop and thread (for tests whose wallet runs elsewhere),
    over an offline node that only issues invoices."""
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    shop = Shop(make_node(folder, "shop", FakeChain(), os.urandom(32)))
    asyncio.run_coroutine_threadsafe(shop.start(), loop).result(10)
    try:
        yield shop
    finally:
        asyncio.run_coroutine_threadsafe(shop.stop(), loop).result(10)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(5)
