"""The LSP side of LSPS2 (bLIP-52): `lsps2.get_info` (a fee menu of promised offers) and
`lsps2.buy` (a JIT scid for a checked offer), over the node's LSPS0 transport.

Promises are HMACs under a key derived from the node key (`promise_secret`), so a menu
stays valid across a restart and nothing is stored until a buy. Sales are kept in memory
until their offer's `valid_until` (bLIP-52: the scid is an alias for the client until
then); each client may hold `MAX_SALES_PER_CLIENT` unexpired ones, and `MAX_SALES` in all,
so no client can fill the LSP's memory.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from wallet.ln.shell.lsps0 import Lsps0, RequestContext, list_protocols_method
from wallet.lsp import lsps2
from wallet.lsp.jsonrpc import INVALID_PARAMS, Router, RpcError

log = logging.getLogger("kite.lsp")

MAX_SALES_PER_CLIENT = 5
MAX_SALES = 10_000
DEFAULT_CLTV_EXPIRY_DELTA = 144


def promise_secret(node_secret: bytes) -> bytes:
    """The LSP's promise key: a function of the node key, never the node key itself."""
    return hmac.new(node_secret, b"kite lsps2 promise key", hashlib.sha256).digest()


@dataclass(frozen=True)
class Sale:
    """A JIT channel sold: who may receive through `scid`, on what terms, until when."""

    client_id: bytes
    scid: int
    purchase: lsps2.Purchase

    @property
    def valid_until(self) -> datetime:
        return self.purchase.params.valid_until


class Lsps2Provider:
    """Serves LSPS2 on `lsps0` with the given offers (cheapest first)."""

    def __init__(self, lsps0: Lsps0, offers: list[lsps2.FeeOffer], secret: bytes, *,
                 cltv_expiry_delta: int = DEFAULT_CLTV_EXPIRY_DELTA) -> None:
        self.offers = list(offers)
        self.secret = secret
        self.cltv_expiry_delta = cltv_expiry_delta
        self.sales: dict[int, Sale] = {}
        router = lsps0.router or Router()
        lsps0.router = router
        list_protocols_method(router, [2])
        router.add("lsps2.get_info", {"token"}, self._get_info)
        router.add("lsps2.buy", {"opening_fee_params", "payment_size_msat"}, self._buy)

    def sale_for(self, scid: int, now: datetime) -> Sale | None:
        """The unexpired sale this scid names, if any."""
        self._expire(now)
        return self.sales.get(scid)

    def _expire(self, now: datetime) -> None:
        for scid in [s for s, sale in self.sales.items() if sale.valid_until <= now]:
            del self.sales[scid]

    def _get_info(self, params: dict[str, Any], ctx: RequestContext) -> dict[str, Any]:
        if "token" in params:
            if not isinstance(params["token"], str):
                raise RpcError(INVALID_PARAMS, "token must be text")
            raise RpcError(lsps2.UNRECOGNIZED_OR_STALE_TOKEN, "unrecognized_or_stale_token")
        return lsps2.make_menu(self.offers, self.secret, ctx.now)

    def _buy(self, params: dict[str, Any], ctx: RequestContext) -> dict[str, Any]:
        purchase = lsps2.check_buy(params, self.secret, ctx.now)
        self._expire(ctx.now)
        mine = sum(1 for s in self.sales.values() if s.client_id == ctx.peer_id)
        if mine >= MAX_SALES_PER_CLIENT or len(self.sales) >= MAX_SALES:
            raise lsps2.client_rejected("too many JIT channels pending; try later")
        scid = self._new_scid()
        self.sales[scid] = Sale(ctx.peer_id, scid, purchase)
        log.info("sold JIT channel %s to %s (size %s, fee %s msat)", lsps2.format_scid(scid),
                 ctx.peer_id.hex()[:16], purchase.payment_size_msat, purchase.opening_fee_msat)
        return {"jit_channel_scid": lsps2.format_scid(scid),
                "lsp_cltv_expiry_delta": self.cltv_expiry_delta, "client_trusts_lsp": False}

    def _new_scid(self) -> int:
        while True:
            scid = int.from_bytes(os.urandom(8), "big")
            if scid not in self.sales:
                return scid
