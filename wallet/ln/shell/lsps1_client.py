"""The client side of LSPS1 (bLIP-51): ask an LSP for its options, order inbound capacity,
check the order and its invoice before anything is paid, and follow the order. Every answer
goes through `wallet.lsp.lsps1`'s checks; the orders made are kept (in SQLite when a store
is given, so a restart finds them; the last `MAX_ORDERS` also in memory) so that each later
answer is compared with the first (`check_update`) and an order can be paid later."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime

from wallet.errors import InputError
from wallet.ln.bolt11.invoice import decode_invoice
from wallet.ln.shell.lsps0 import Lsps0
from wallet.ln.store.bought_order_store import BoughtOrderStore
from wallet.lsp import lsps1
from wallet.lsp.jsonrpc import CLIENT_REJECTED, INVALID_PARAMS, RpcError
from wallet.networks import Network
from wallet.sentence import Sentence
from wallet.untrusted_text import quote_untrusted

MAX_ORDERS = 50

_ERRORS = {
    lsps1.OPTION_MISMATCH: "the LSP says the order does not match its options",
    lsps1.ORDER_NOT_FOUND: "the LSP knows no such order",
    lsps1.UNRECOGNIZED_OR_STALE_TOKEN: "the LSP does not accept the token",
    CLIENT_REJECTED: "the LSP refused to serve this wallet",
    INVALID_PARAMS: "the LSP says the order is invalid",
}


def _say(e: RpcError, what: str) -> lsps1.Lsps1Error:
    known = _ERRORS.get(e.code)
    if known is None:
        return lsps1.Lsps1Error(Sentence("the LSP could not answer %1 (error %2)", what, e.code))
    data = e.data if isinstance(e.data, dict) else {}
    detail = [quote_untrusted(str(data[k])[:100]) for k in ("property", "message")
              if isinstance(data.get(k), str) and data[k]]
    return lsps1.Lsps1Error(known + (f" ({'; '.join(detail)})" if detail else ""))


@dataclass(frozen=True)
class PlacedOrder:
    """An order we made: with whom, what we asked, the order as first answered."""

    lsp_id: bytes
    asked: lsps1.OrderRequest
    order: lsps1.Order


class Lsps1Client:
    def __init__(self, lsps0: Lsps0, store: BoughtOrderStore | None = None,
                 network: Network | None = None) -> None:
        """`network`: the one the LSP's on-chain payment address must be of."""
        self.lsps0 = lsps0
        self.store = store
        self.network = network
        self.orders: dict[str, PlacedOrder] = {}

    def placed(self, order_id: str) -> PlacedOrder | None:
        """An order we made: in this run, or (with a store) in an earlier one."""
        found = self.orders.get(order_id)
        if found is None and self.store is not None:
            kept = self.store.get(order_id)
            if kept is not None:
                lsp_id, order, refund = kept
                found = PlacedOrder(lsp_id, replace(order.request,
                                                    refund_onchain_address=refund), order)
        return found

    async def get_info(self, lsp_id: bytes) -> lsps1.Options:
        try:
            result = await self.lsps0.request(lsp_id, "lsps1.get_info", {})
        except RpcError as e:
            raise _say(e, "lsps1.get_info") from None
        return lsps1.parse_options(result)

    async def create_order(self, lsp_id: bytes, asked: lsps1.OrderRequest, *,
                           max_fee_sat: int | None = None) -> PlacedOrder:
        """Order, and check the order before it is shown or paid: its invoice (amount = the
        order's total, payee = the LSP, unexpired) when it offers one, its on-chain option
        (an address of our network, ...) when it offers that. Orders of earlier days never
        paid are forgotten first (`BoughtOrderStore.forget_unpaid`)."""
        try:
            result = await self.lsps0.request(lsp_id, "lsps1.create_order", asked.to_json())
        except RpcError as e:
            raise _say(e, "lsps1.create_order") from None
        order = lsps1.parse_order(result)
        now = datetime.now(UTC)
        payment = lsps1.check_new_order(order, asked, now, max_fee_sat, self.network)
        if payment is not None:
            check_order_invoice(payment, lsp_id, now)
        if self.store is not None:
            self.store.forget_unpaid(now.timestamp())
        if self.placed(order.order_id) is not None:
            raise lsps1.Lsps1Error("the LSP gave an order id it gave before")
        placed = PlacedOrder(lsp_id, asked, order)
        if self.store is not None:
            self.store.add(lsp_id, order, asked.refund_onchain_address,
                           None if payment is None
                           else decode_invoice(payment.invoice).payment_hash)
        self.orders[order.order_id] = placed
        while len(self.orders) > MAX_ORDERS:
            del self.orders[next(iter(self.orders))]
        return placed

    async def get_order(self, lsp_id: bytes, order_id: str,
                        timeout: float | None = None) -> lsps1.Order:
        """The order now; compared with the one first answered when we made it here."""
        try:
            result = await self.lsps0.request(lsp_id, "lsps1.get_order", {"order_id": order_id},
                                              timeout)
        except RpcError as e:
            raise _say(e, "lsps1.get_order") from None
        order = lsps1.parse_order(result)
        if order.order_id != order_id:
            raise lsps1.Lsps1Error("the LSP answered with another order")
        placed = self.placed(order_id)
        if placed is not None:
            if placed.lsp_id != lsp_id:
                raise lsps1.Lsps1Error("this order was made with another LSP")
            lsps1.check_update(placed.order, order)
        else:
            lsps1.check_consistent(order)
        return order


def check_order_invoice(payment: lsps1.Bolt11Payment, lsp_id: bytes, now: datetime) -> None:
    try:
        invoice = decode_invoice(payment.invoice)
    except InputError as e:
        raise lsps1.Lsps1Error(Sentence("the order's invoice cannot be read: %1", e)) from None
    lsps1.check_invoice(payment, invoice.amount_msat, invoice.payee, lsp_id,
                        invoice.is_expired(now.timestamp()))
