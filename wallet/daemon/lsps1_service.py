"""Buying inbound capacity in advance from the LSP (LSPS1, bLIP-51), the daemon's commands.

`lsp_buy(amount_sat)` asks the LSP's options and creates an order (checked: it repeats what
was asked, its fee adds up, its invoice asks exactly the fee and pays the LSP); nothing is
paid, the user sees the fee first; the order is kept in SQLite. `lsp_order_pay(order_id)`
pays that order's invoice (checked again; never twice: the payment log is asked first), also
after a restart, and follows the order until its channel is published (or `wait` seconds).
Once COMPLETED, the channel the LSP names must be one of ours, from it, as large as ordered
(`delivered`; a `warning` says what is wrong otherwise). `lsp_order(order_id)` asks the LSP
how the order stands. The channel the LSP opens is a
normal one (never zero-conf), accepted like any inbound channel.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from wallet.daemon.lsp_service import LspService
from wallet.errors import InputError
from wallet.ln.bolt11.invoice import decode_invoice
from wallet.ln.channel.params import LARGE_CHANNEL_SAT
from wallet.ln.shell.lsps0 import Lsps0Error
from wallet.ln.shell.lsps1_client import check_order_invoice
from wallet.ln.store.payment_rows import PAID, PENDING
from wallet.lsp import lsps1
from wallet.sentence import Sentence, template

#: how long `lsp_order_pay` follows the order after paying, and how often it asks
DEFAULT_WAIT = 120.0
POLL_SECONDS = 1.0
#: how long a COMPLETED order's channel may take to appear among ours
DELIVERY_WAIT = 10.0


def describe_order(order: lsps1.Order, lsp_id: bytes) -> dict[str, Any]:
    b = order.bolt11
    return {"order_id": order.order_id, "lsp": lsp_id.hex(), "state": order.order_state,
            "lsp_balance_sat": order.request.lsp_balance_sat,
            "channel_expiry_blocks": order.request.channel_expiry_blocks,
            "fee_sat": None if b is None else b.fee_total_sat,
            "total_sat": None if b is None else b.order_total_sat,
            "payment_state": None if b is None else b.state,
            "invoice": None if b is None else b.invoice,
            "expires_at": None if b is None else lsps1.format_datetime(b.expires_at),
            "channel": None if order.channel is None else order.channel.to_json()}


class ChannelPurchase:
    def __init__(self, lsp: LspService, refund_address: Callable[[], str]) -> None:
        self.lsp = lsp
        self.refund_address = refund_address

    @property
    def handlers(self) -> dict[str, Any]:
        return {"lsp_buy": self.buy, "lsp_order_pay": self.pay, "lsp_order": self.order}

    async def buy(self, amount_sat: Any, max_fee_sat: Any = None) -> dict[str, Any]:
        amount = _positive(amount_sat, INBOUND_NOT_POSITIVE)
        max_fee = None if max_fee_sat is None else _positive(max_fee_sat, MAX_FEE_NOT_POSITIVE)
        node = self.lsp.node
        lsp_id = await self.lsp._connect()
        self._check_size(amount, lsp_id)
        protocols = await node.lsps2.protocols(lsp_id)
        if 1 not in protocols:
            raise lsps1.Lsps1Error("the LSP does not sell channels in advance (LSPS1)")
        options = await node.lsps1.get_info(lsp_id)
        asked = lsps1.inbound_request(options, amount, refund_address=self.refund_address())
        placed = await node.lsps1.create_order(lsp_id, asked, max_fee_sat=max_fee)
        return describe_order(placed.order, lsp_id)

    def _check_size(self, amount: int, lsp_id: bytes) -> None:
        """A channel our own node would refuse is never ordered (its fee would be lost
        time): below our minimum, or 2^24 sat or more without large channels on both sides."""
        policy = self.lsp.node.policy
        if amount < policy.min_funding_sat:
            raise InputError(Sentence("this wallet takes channels of %1 sat or more", format(policy.min_funding_sat, ',')))
        features = self.lsp.node.peer_features(lsp_id)
        large = policy.support_large_channel and features is not None and features.supports(
            "option_support_large_channel")
        if amount >= LARGE_CHANNEL_SAT and not large:
            raise InputError(Sentence("channels of %1 sat or more need large channels on both sides; order less", format(LARGE_CHANNEL_SAT, ',')))

    async def pay(self, order_id: Any, wait: Any = DEFAULT_WAIT) -> dict[str, Any]:
        node = self.lsp.node
        placed = node.lsps1.placed(str(order_id))
        if placed is None:
            raise InputError("no order with this id was made by this wallet; "
                             "buy again (kite lsp buy-inbound)")
        payment = placed.order.bolt11
        assert payment is not None
        paid_before = node.payment_log.get(decode_invoice(payment.invoice).payment_hash)
        if paid_before is not None and paid_before.status == PAID:
            raise InputError("this order is paid already: not paid again")
        if paid_before is not None and paid_before.status == PENDING:
            raise InputError("this order's payment is under way: not paid again")
        check_order_invoice(payment, placed.lsp_id, datetime.now(UTC))  # not expired since
        if self.lsp.peer is not None and self.lsp.peer[0] == placed.lsp_id:
            await self.lsp._connect()  # after a restart the LSP may not be connected yet
        order = await node.lsps1.get_order(placed.lsp_id, placed.order.order_id)
        if order.order_state != lsps1.CREATED or (
                order.bolt11 is not None and order.bolt11.state != lsps1.EXPECT_PAYMENT):
            if order.bolt11 is None:
                raise InputError(Sentence("the order is %1 and its payment is gone: not paid "
                                          "again", order.order_state))
            raise InputError(Sentence("the order is %1, its payment %2: not paid again",
                                      order.order_state, order.bolt11.state))
        paid = await node.pay(payment.invoice, max_fee_msat=None)
        followed = await self._follow(placed.lsp_id, order.order_id, float(wait or 0))
        if followed is None:  # paid, but the LSP no longer answers: say so, do not fail
            return describe_order(order, placed.lsp_id) | {
                "payment": paid, "warning": f"the order is paid but the LSP did not say how it "
                                            f"stands; ask again: kite lsp order {order.order_id}"}
        order = followed
        out = describe_order(order, placed.lsp_id) | {"payment": paid}
        if order.order_state == lsps1.COMPLETED:
            problem = await self._delivery(order, placed.lsp_id)
            out["delivered"] = problem is None
            if problem is not None:
                out["warning"] = problem
        return out

    async def _delivery(self, order: lsps1.Order, lsp_id: bytes) -> str | None:
        """Is the channel the LSP names ours, from it, as large as ordered? (It appears here
        once the LSP sent funding_created; a few seconds are allowed for that.)"""
        deadline = time.monotonic() + DELIVERY_WAIT
        while True:
            problem = lsps1.delivery_problem(order, lsp_id, self._channels())
            if problem is None or time.monotonic() >= deadline:
                return problem
            await asyncio.sleep(0.2)

    def _channels(self) -> list[tuple[bytes, tuple[str, int], int]]:
        out = []
        for ch in self.lsp.node.channels.values():
            commitments = getattr(ch.inner, "commitments", None)
            if commitments is None:
                continue
            p = commitments.params
            out.append((ch.peer_id, (p.funding_txid[::-1].hex(), p.funding_output_index),
                        p.funding_sat))
        return out

    async def _follow(self, lsp_id: bytes, order_id: str, wait: float) -> lsps1.Order | None:
        """The order once COMPLETED or FAILED, or as it stands after `wait` seconds; None if
        the LSP gave no answer in that time (silent, slow, disconnected). A lie is raised."""
        deadline = time.monotonic() + max(0.0, min(wait, 3600.0))
        last: lsps1.Order | None = None
        while True:
            # a timeout or a dropped connection: asked again until the deadline
            with contextlib.suppress(Lsps0Error):
                last = await self.lsp.node.lsps1.get_order(
                    lsp_id, order_id, timeout=max(1.0, deadline - time.monotonic()))
            if (last is not None and last.order_state != lsps1.CREATED) \
                    or time.monotonic() >= deadline:
                return last
            await asyncio.sleep(POLL_SECONDS)

    async def order(self, order_id: Any) -> dict[str, Any]:
        if not isinstance(order_id, str) or not 0 < len(order_id) <= lsps1.MAX_ORDER_ID:
            raise InputError("give an order id (at most 64 characters)")
        lsp_id = await self.lsp._connect()
        order = await self.lsp.node.lsps1.get_order(lsp_id, order_id)
        return describe_order(order, lsp_id)


#: _positive's refusal for each parameter, whole
INBOUND_NOT_POSITIVE = template("the inbound capacity (sat) must be a positive whole number")
MAX_FEE_NOT_POSITIVE = template("the maximum fee (sat) must be a positive whole number")


def _positive(value: Any, refused: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise InputError(Sentence(refused))
    return value
