"""The LSP side of LSPS2 (bLIP-52): `lsps2.get_info` (a fee menu of promised offers) and
`lsps2.buy` (a JIT scid for a checked offer), over the node's LSPS0 transport.

Promises are HMACs under a key derived from the node key (`promise_secret`), so a menu
stays valid across a restart and nothing is stored until a buy. A sale is written to SQLite
(`SaleStore`) before the buy's answer leaves, and reloaded at start: the scid is the
client's until its offer's `valid_until` (bLIP-52), restart or not. Each client may hold
`MAX_SALES_PER_CLIENT` unexpired sales, and `MAX_SALES` in all, so no client can fill the
LSP's memory or disk.

A sale is used once: `take` (its HTLC came: state opening), `funded` (the channel's
key_index), `used` (forwarded). A restart during an open puts the sale back on sale with
the channel it funded, if any: the payer's retry then uses that channel instead of a new one.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from wallet.ln.features import Features
from wallet.ln.shell.lsps0 import Lsps0, RequestContext, list_protocols_method
from wallet.ln.store.sale_store import OPENING, SOLD, USED, SaleStore
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
    """A JIT channel sold: who may receive through `scid`, on what terms, until when;
    `key_index`: the channel an interrupted open already funded for it."""

    client_id: bytes
    scid: int
    purchase: lsps2.Purchase
    key_index: int | None = None

    @property
    def valid_until(self) -> datetime:
        return self.purchase.params.valid_until


class Lsps2Provider:
    """Serves LSPS2 on `lsps0` with the given offers (cheapest first); sales in `store`."""

    def __init__(self, lsps0: Lsps0, offers: list[lsps2.FeeOffer], secret: bytes,
                 store: SaleStore, peer_features: Callable[[bytes], Features | None], *,
                 cltv_expiry_delta: int = DEFAULT_CLTV_EXPIRY_DELTA,
                 now: datetime | None = None) -> None:
        """`peer_features(node_id)`: what a connected peer offered in its init (None if
        not connected)."""
        self.offers = list(offers)
        self.peer_features = peer_features
        self.secret = secret
        self.store = store
        self.cltv_expiry_delta = cltv_expiry_delta
        self.sales: dict[int, Sale] = {}  # on sale: waiting for their HTLC
        #: channels funded for sales not used up yet (key_index -> scid): kept for their
        #: sale's payment, which pays the opening fee (`withheld_channels`)
        self._withheld: dict[int, int] = {}
        self._load(now or datetime.now(UTC))
        router = lsps0.router or Router()
        lsps0.router = router
        list_protocols_method(router, [2])
        router.add("lsps2.get_info", {"token"}, self._get_info)
        router.add("lsps2.buy", {"opening_fee_params", "payment_size_msat"}, self._buy)

    def _load(self, now: datetime) -> None:
        for row in self.store.load(now):
            if row.state == USED:
                continue
            if row.state == OPENING:  # a restart interrupted its open: on sale again
                self.store.set_state(row.scid, SOLD)
                log.info("JIT sale %s back on sale after a restart (channel %s)",
                         lsps2.format_scid(row.scid), row.key_index)
            self.sales[row.scid] = Sale(row.client_id, row.scid, row.purchase, row.key_index)
            if row.key_index is not None:
                self._withheld[row.key_index] = row.scid

    def sale_for(self, scid: int, now: datetime) -> Sale | None:
        """The unexpired sale this scid names, if any."""
        self._expire(now)
        return self.sales.get(scid)

    def take(self, sale: Sale) -> None:
        """Its HTLC came: off sale (one channel per sale), durably, before the open."""
        self.store.set_state(sale.scid, OPENING)
        self.sales.pop(sale.scid, None)

    def funded(self, sale: Sale, key_index: int) -> None:
        """The channel opened for it: recorded as it is created, before open_channel leaves
        (a restart then finds it for the retry), and withheld from other forwards."""
        self.store.set_state(sale.scid, OPENING, key_index)
        self._withheld[key_index] = sale.scid

    def used(self, sale: Sale) -> None:
        """Forwarded, or refused by its client: never honoured again."""
        self.store.set_state(sale.scid, USED)
        for key_index in [k for k, scid in self._withheld.items() if scid == sale.scid]:
            del self._withheld[key_index]

    def withheld_channels(self) -> set[int]:
        """Channels funded for a sale whose payment has not gone through yet: nothing else
        is forwarded over them (a payment to the client routed another way, e.g. by
        trampoline, would take the channel without its opening fee). Released when the
        sale is used or expires."""
        return set(self._withheld)

    def give_back(self, sale: Sale, key_index: int | None) -> None:
        """An open that failed for a while (the client went away): on sale again, with the
        channel it funded, for the payer's retry (until valid_until, as before)."""
        self.store.set_state(sale.scid, SOLD, key_index)
        self.sales[sale.scid] = replace(sale, key_index=key_index or sale.key_index)

    def _expire(self, now: datetime) -> None:
        expired = [s for s, sale in self.sales.items() if sale.valid_until <= now]
        for scid in expired:
            del self.sales[scid]
        for key_index in [k for k, scid in self._withheld.items() if scid in expired]:
            del self._withheld[key_index]
        if expired:
            self.store.expire(now)

    def _get_info(self, params: dict[str, Any], ctx: RequestContext) -> dict[str, Any]:
        if "token" in params:
            if not isinstance(params["token"], str):
                raise RpcError(INVALID_PARAMS, "token must be text")
            raise RpcError(lsps2.UNRECOGNIZED_OR_STALE_TOKEN, "unrecognized_or_stale_token")
        return lsps2.make_menu(self.offers, self.secret, ctx.now)

    def _buy(self, params: dict[str, Any], ctx: RequestContext) -> dict[str, Any]:
        purchase = lsps2.check_buy(params, self.secret, ctx.now)
        why = self.cannot_take_jit(ctx.peer_id)
        if why is not None:
            raise lsps2.client_rejected(why)
        self._expire(ctx.now)
        self.store.expire(ctx.now)
        if (self.store.pending(ctx.peer_id) >= MAX_SALES_PER_CLIENT
                or self.store.pending() >= MAX_SALES):
            raise lsps2.client_rejected("too many JIT channels pending; try later")
        scid = self._new_scid()
        self.store.add(ctx.peer_id, scid, purchase)  # durable before the client holds it
        self.sales[scid] = Sale(ctx.peer_id, scid, purchase)
        log.info("sold JIT channel %s to %s (size %s, fee %s msat)", lsps2.format_scid(scid),
                 ctx.peer_id.hex()[:16], purchase.payment_size_msat, purchase.opening_fee_msat)
        return {"jit_channel_scid": lsps2.format_scid(scid),
                "lsp_cltv_expiry_delta": self.cltv_expiry_delta, "client_trusts_lsp": False}

    def cannot_take_jit(self, client_id: bytes) -> str | None:
        """Why this client cannot be sold a JIT channel (None: it can). The channel is
        option_scid_alias + option_zeroconf: a client whose init does not offer both
        would refuse the open (LND, CLN), so it is told at once, before it makes an
        invoice no one can pay."""
        features = self.peer_features(client_id)
        missing = [name for name in ("option_scid_alias", "option_zeroconf")
                   if features is None or not features.supports(name)]
        if missing:
            return (f"a JIT channel is option_scid_alias + option_zeroconf; your node's "
                    f"init does not offer {' and '.join(missing)}")
        return None

    def _new_scid(self) -> int:
        while True:
            scid = int.from_bytes(os.urandom(8), "big")
            if scid not in self.sales and not self.store.taken(scid):
                return scid
