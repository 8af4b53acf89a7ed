"""Buying inbound capacity in advance from the LSP (LSPS1, bLIP-51), the daemon's commands.

`lsp_buy(amount_sat)` asks the LSP's options and creates an order (checked: it repeats what
was asked, its fee adds up, its invoice asks exactly the fee and pays the LSP, its on-chain
address is of our network); nothing is paid, the user sees the fee first; the order is kept
in SQLite. `lsp_order_pay(order_id)` pays that order's invoice (checked again; never twice:
the payment log is asked first), also after a restart, and follows the order until its
channel is published (or `wait` seconds). `lsp_order_pay(order_id, onchain=True)` pays it
on-chain instead (bLIP-51 3.3): the order asked again (CREATED, its on-chain payment
expected, unexpired, the same terms and address), exactly `order_total_sat` to its address
by the wallet's own on-chain rules (`OnchainSend`: anchor reserve kept, the fee rate given
or estimated, a high fee only with the user's yes; `dry_run` prices it), the signed
transaction kept with the order BEFORE it is broadcast: a second call or a restart sends
that same transaction again, never another. An order paid one way is never paid the other.
Once COMPLETED, the channel the LSP names must be one of ours, from it, as large as ordered
(`delivered`; a `warning` says what is wrong otherwise). `lsp_order(order_id)` asks the LSP
how the order stands (with our on-chain payment's depth). The channel the LSP opens is a
normal one (never zero-conf), accepted like any inbound channel.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from wallet.daemon.lsp_service import LspService
from wallet.daemon.onchain_send import OnchainSend, confirm_fee, feerate_param, same_fee
from wallet.errors import InputError, KiteError
from wallet.ln.bolt11.invoice import decode_invoice
from wallet.ln.channel.params import LARGE_CHANNEL_SAT
from wallet.ln.shell.lsps0 import Lsps0Error
from wallet.ln.shell.lsps1_client import PlacedOrder, check_order_invoice
from wallet.ln.store.payment_rows import PAID, PENDING
from wallet.lsp import lsps1
from wallet.onchain.addresses import address_to_script
from wallet.onchain.transactions import txid as txid_of
from wallet.sentence import Sentence, template

#: how long `lsp_order_pay` follows the order after paying, and how often it asks
DEFAULT_WAIT = 120.0
POLL_SECONDS = 1.0
#: an order's on-chain payment is not made this close to its expiry (seconds): a
#: transaction takes a while to reach the LSP, and one arriving late is only refunded,
#: less a fee
ONCHAIN_PAY_MARGIN = 1800
#: how long a COMPLETED order's channel may take to appear among ours
DELIVERY_WAIT = 10.0

LIGHTNING, ONCHAIN = "lightning", "onchain"


def payable_ways(order: lsps1.Order, now: datetime) -> list[str]:
    """How the order can still be paid: its Lightning and on-chain options that expect a
    payment and have not expired, while it is CREATED."""
    if order.order_state != lsps1.CREATED:
        return []
    ways = []
    for way, option in ((LIGHTNING, order.bolt11), (ONCHAIN, order.onchain)):
        if option is not None and option.state == lsps1.EXPECT_PAYMENT \
                and option.expires_at > now:
            ways.append(way)
    return ways


def describe_order(order: lsps1.Order, lsp_id: bytes,
                   now: datetime | None = None) -> dict[str, Any]:
    """The order for the CLI and GUI: `fee_sat`, `total_sat`, `payment_state`, `invoice`,
    `expires_at` of its Lightning payment (None without one), `onchain` (its on-chain
    payment: fee, total, address, the confirmations the LSP waits for, state, refund
    address; None without one) and `pay_with` (the ways it can still be paid)."""
    b, o = order.bolt11, order.onchain
    return {"order_id": order.order_id, "lsp": lsp_id.hex(), "state": order.order_state,
            "lsp_balance_sat": order.request.lsp_balance_sat,
            "channel_expiry_blocks": order.request.channel_expiry_blocks,
            "fee_sat": None if b is None else b.fee_total_sat,
            "total_sat": None if b is None else b.order_total_sat,
            "payment_state": None if b is None else b.state,
            "invoice": None if b is None else b.invoice,
            "expires_at": None if b is None else lsps1.format_datetime(b.expires_at),
            "onchain": None if o is None else {
                "state": o.state, "fee_sat": o.fee_total_sat, "total_sat": o.order_total_sat,
                "address": o.address, "confirmations": o.min_onchain_payment_confirmations,
                "expires_at": lsps1.format_datetime(o.expires_at),
                "refund_address": o.refund_onchain_address},
            "pay_with": payable_ways(order, now or datetime.now(UTC)),
            "channel": None if order.channel is None else order.channel.to_json()}


class ChannelPurchase:
    def __init__(self, lsp: LspService, refund_address: Callable[[], str],
                 onchain: OnchainSend | None = None) -> None:
        """`onchain`: the wallet's on-chain payments (None: orders are paid over
        Lightning only)."""
        self.lsp = lsp
        self.refund_address = refund_address
        self.onchain = onchain
        self._paying = asyncio.Lock()  # one payment of an order at a time

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
        return self._describe(placed.order, lsp_id)

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

    def _describe(self, order: lsps1.Order, lsp_id: bytes) -> dict[str, Any]:
        """`describe_order`, plus our on-chain payment of it (`onchain_payment`: txid, its
        depth, None while the wallet has not seen it) and no way left to pay once paid."""
        out = describe_order(order, lsp_id)
        kept = self._paid_onchain(order.order_id)
        if kept is not None:
            txid = kept[0]
            depth = self.onchain.confirmations(txid) if self.onchain is not None else None
            out["onchain_payment"] = {"txid": txid, "confirmations": depth}
            out["pay_with"] = []
        elif out["pay_with"] and self._lightning_status(order) in (PAID, PENDING):
            out["pay_with"] = []
        return out

    def _lightning_status(self, order: lsps1.Order) -> str | None:
        """Our payment log's status of the order's invoice (None: never tried)."""
        if order.bolt11 is None:
            return None
        row = self.lsp.node.payment_log.get(decode_invoice(order.bolt11.invoice).payment_hash)
        return None if row is None else row.status

    async def pay(self, order_id: Any, wait: Any = DEFAULT_WAIT, onchain: Any = False,
                  fee_rate: Any = None, dry_run: Any = False, confirm_high_fee: Any = False,
                  expected_fee_sat: Any = None) -> dict[str, Any]:
        """Pay the order over Lightning, or `onchain` (`fee_rate` sat/vB, else the servers'
        estimate; `dry_run`: only price it; `expected_fee_sat`: the network fee the user
        was shown, another one is refused; `confirm_high_fee`: the user's yes to a fee
        above the warning threshold)."""
        if not isinstance(onchain, bool) or not isinstance(dry_run, bool):
            raise InputError("onchain and dry_run are true or false")
        if dry_run and not onchain:  # never a payment for a caller who asked for a price
            raise InputError("only an on-chain payment is priced (dry_run needs onchain)")
        placed = self.lsp.node.lsps1.placed(str(order_id))
        if placed is None:
            raise InputError("no order with this id was made by this wallet; "
                             "buy again (kite lsp buy-inbound)")
        if onchain:
            async with self._paying:
                return await self._pay_onchain(placed, feerate_param(fee_rate), dry_run,
                                               confirm_high_fee, expected_fee_sat)
        return await self._pay_lightning(placed, wait)

    async def _current(self, placed: PlacedOrder) -> lsps1.Order:
        """The order as the LSP has it now (compared with the first answer)."""
        if self.lsp.peer is not None and self.lsp.peer[0] == placed.lsp_id:
            await self.lsp._connect()  # after a restart the LSP may not be connected yet
        return await self.lsp.node.lsps1.get_order(placed.lsp_id, placed.order.order_id)

    def _paid_onchain(self, order_id: str) -> tuple[str, bytes] | None:
        store = self.lsp.node.lsps1.store
        return store.onchain_payment(order_id) if store is not None else None

    async def _pay_lightning(self, placed: PlacedOrder, wait: Any) -> dict[str, Any]:
        async with self._paying:  # the checks and the payment; not the following
            order, paid = await self._lightning_payment(placed)
        followed = await self._follow(placed.lsp_id, order.order_id, float(wait or 0))
        if followed is None:  # paid, but the LSP no longer answers: say so, do not fail
            return self._describe(order, placed.lsp_id) | {
                "payment": paid, "warning": f"the order is paid but the LSP did not say how it "
                                            f"stands; ask again: kite lsp order {order.order_id}"}
        order = followed
        out = self._describe(order, placed.lsp_id) | {"payment": paid}
        return out | await self._delivered(order, placed.lsp_id)

    async def _lightning_payment(self, placed: PlacedOrder) -> tuple[lsps1.Order, Any]:
        node = self.lsp.node
        payment = placed.order.bolt11
        if payment is None:
            raise InputError("the LSP offers this order on-chain only: pay it on-chain")
        if self._paid_onchain(placed.order.order_id) is not None:
            raise InputError("this order is paid on-chain already: not paid over Lightning")
        status = self._lightning_status(placed.order)
        if status == PAID:
            raise InputError("this order is paid already: not paid again")
        if status == PENDING:
            raise InputError("this order's payment is under way: not paid again")
        check_order_invoice(payment, placed.lsp_id, datetime.now(UTC))  # not expired since
        order = await self._current(placed)
        if order.order_state != lsps1.CREATED or (
                order.bolt11 is not None and order.bolt11.state != lsps1.EXPECT_PAYMENT):
            if order.bolt11 is None:
                raise InputError(Sentence("the order is %1 and its payment is gone: not paid "
                                          "again", order.order_state))
            raise InputError(Sentence("the order is %1, its payment %2: not paid again",
                                      order.order_state, order.bolt11.state))
        if order.onchain is not None and order.onchain.state != lsps1.EXPECT_PAYMENT:
            raise InputError(Sentence("the order's on-chain payment is %1: not paid over "
                                      "Lightning", order.onchain.state))
        return order, await node.pay(payment.invoice, max_fee_msat=None)

    async def _pay_onchain(self, placed: PlacedOrder, rate: float | None, dry_run: bool,
                           confirm_high_fee: Any, expected_fee_sat: Any) -> dict[str, Any]:
        if self.onchain is None:
            raise InputError("this wallet pays orders over Lightning only here")
        order_id = placed.order.order_id
        if placed.order.onchain is None:
            raise InputError("the LSP offers no on-chain payment for this order; pay it over "
                             "Lightning")
        kept = self._paid_onchain(order_id)
        if kept is not None:
            return await self._send_again(placed, *kept, dry_run=dry_run)
        status = self._lightning_status(placed.order)
        if status == PAID:
            raise InputError("this order is paid over Lightning already: not paid on-chain")
        if status == PENDING:
            raise InputError("this order's Lightning payment is under way: not paid on-chain")
        order = await self._payable_onchain(placed)
        o = order.onchain
        assert o is not None
        network = self.lsp.node.network
        priced = await self.onchain.price(address_to_script(o.address, network),
                                          o.order_total_sat, rate)
        if priced.signed.amount != o.order_total_sat:
            raise KiteError("the payment built does not pay the order's total")
        quote = {"address": o.address, "order_total_sat": o.order_total_sat,
                 "network_fee_sat": priced.signed.fee,
                 "total_sat": o.order_total_sat + priced.signed.fee,
                 "feerate": round(priced.signed.fee / priced.signed.vsize, 2),
                 "target_feerate": priced.rate, "high_fee": priced.high_fee,
                 "confirmations": o.min_onchain_payment_confirmations}
        if dry_run:
            return self._describe(order, placed.lsp_id) | {"onchain_quote": quote}
        same_fee(priced.signed, expected_fee_sat)
        confirm_fee(priced, confirm_high_fee)
        store = self.lsp.node.lsps1.store
        if store is None:
            raise InputError("this wallet keeps no orders: it does not pay them on-chain")
        # kept BEFORE it leaves: after a crash the same transaction goes out again
        if not store.pay_onchain(order_id, priced.signed.txid, priced.signed.raw):
            raise InputError("this order is paid on-chain already: not paid again")
        txid = await self.onchain.broadcast(priced.signed.raw)
        return self._describe(order, placed.lsp_id) | {"onchain_quote": quote,
                                                        "paid_onchain": txid}

    async def _payable_onchain(self, placed: PlacedOrder) -> lsps1.Order:
        """The order as the LSP has it now, refused unless it still expects our on-chain
        payment: CREATED, its on-chain payment EXPECT_PAYMENT, its Lightning one untaken,
        unexpired, an address of our network, the terms as first answered (check_update)."""
        order = await self._current(placed)
        o = order.onchain
        assert o is not None  # check_update keeps both ways of paying
        if order.order_state != lsps1.CREATED or o.state != lsps1.EXPECT_PAYMENT:
            raise InputError(Sentence("the order is %1, its on-chain payment %2: not paid",
                                      order.order_state, o.state))
        if order.bolt11 is not None and order.bolt11.state != lsps1.EXPECT_PAYMENT:
            raise InputError(Sentence("the order's Lightning payment is %1: not paid on-chain",
                                      order.bolt11.state))
        now = datetime.now(UTC)
        lsps1.check_onchain_option(o, order.request, now, None, self.lsp.node.network,
                                   placed.asked.refund_onchain_address or "")
        if o.expires_at - now < timedelta(seconds=ONCHAIN_PAY_MARGIN):
            raise InputError("the order's on-chain payment expires in less than 30 minutes: "
                             "a payment now could arrive too late; buy again")
        return order

    async def _send_again(self, placed: PlacedOrder, txid: str, raw: bytes, *,
                          dry_run: bool) -> dict[str, Any]:
        """The order has a payment kept: seen by the wallet, it is not paid again; else
        (a crash before it left) that same transaction is broadcast again, if the order
        still expects it (an order the LSP says paid, or expired, gets nothing more)."""
        assert self.onchain is not None
        if txid_of(raw) != txid:
            raise KiteError("the kept on-chain payment of this order is damaged")
        if self.onchain.confirmations(txid) is not None:
            raise InputError(Sentence("this order is paid on-chain already (transaction %1): "
                                      "not paid again", txid))
        if dry_run:
            raise InputError(Sentence("this order's on-chain payment (transaction %1) was made "
                                      "but may not have left: paying it again sends that same "
                                      "transaction", txid))
        order = await self._payable_onchain(placed)
        sent = await self.onchain.broadcast(raw)
        return self._describe(order, placed.lsp_id) | {"paid_onchain": sent,
                                                        "sent_again": True}

    async def _delivered(self, order: lsps1.Order, lsp_id: bytes) -> dict[str, Any]:
        """A COMPLETED order: `delivered`, and a `warning` when its channel is not ours
        as ordered. Nothing for an order not completed."""
        if order.order_state != lsps1.COMPLETED:
            return {}
        problem = await self._delivery(order, lsp_id)
        return {"delivered": problem is None} | ({} if problem is None
                                                  else {"warning": problem})

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
        """How the order stands at the LSP (an order of ours: asked of the LSP it was made
        with), with our on-chain payment's depth and, once COMPLETED, whether its channel
        is ours as ordered (`delivered`)."""
        if not isinstance(order_id, str) or not 0 < len(order_id) <= lsps1.MAX_ORDER_ID:
            raise InputError("give an order id (at most 64 characters)")
        placed = self.lsp.node.lsps1.placed(order_id)
        if placed is not None:
            order, lsp_id = await self._current(placed), placed.lsp_id
        else:
            lsp_id = await self.lsp._connect()
            order = await self.lsp.node.lsps1.get_order(lsp_id, order_id)
        return self._describe(order, lsp_id) | await self._delivered(order, lsp_id)


#: _positive's refusal for each parameter, whole
INBOUND_NOT_POSITIVE = template("the inbound capacity (sat) must be a positive whole number")
MAX_FEE_NOT_POSITIVE = template("the maximum fee (sat) must be a positive whole number")


def _positive(value: Any, refused: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise InputError(Sentence(refused))
    return value
