"""The LSP side of LSPS1 (bLIP-51): sell channels in advance over the node's LSPS0 transport.

`lsps1.create_order` checks the request against the options, prices it (`lsps1.Price`),
makes a hold invoice for the fee and stores the order (SQLite, `OrderStore`) before the
answer leaves. When the payment is complete it is held (payment HOLD, stored), the channel
of `lsp_balance_sat` opened to the client (a normal channel, private; its key index stored
with the order before open_channel leaves); once its funding is published the order is
COMPLETED with its channel (stored), then the preimage is released. An open that fails
makes the order FAILED and the payment REFUNDED (stored), and the parts are failed back:
the payer keeps the money. A restart mid-open completes the order if its recorded channel
was funded (the client has it: the payment is taken), else fails it the same way.

Paid on-chain (bLIP-51 §3.3, when the provider has a `ChainPort` and the client gave a
refund address of our network): each order gets a fresh address of the LSP's wallet, the
same price, `ONCHAIN_SECONDS` to pay (a day: an on-chain payment may wait blocks for its
fee, and the client's wallet may be offline), `min_onchain_payment_confirmations` from
`onchain_confirmations` (1 by default, never zero-conf). The watch (`check_onchain`, at each
wallet change and every `POLL_SECONDS`) follows `lsps1_onchain.decide`: PAID (the coins
credited, the Lightning invoice cancelled: failed in the payment log and its hold refusing,
stored) then the channel opened as for a Lightning payment; a failed open is FAILED and the
coins refunded (payment REFUNDED once broadcast); coins not needed are refunded. A
restart finds an order PAID on-chain whose recorded channel was funded COMPLETED; one with
no funded channel tries the open again (the client has `CONNECT_WAIT` to connect), else
fails and refunds.

Caps: `MAX_UNPAID_PER_CLIENT` orders waiting for payment per client, `MAX_UNPAID` in all
(an on-chain order counts until its on-chain expiry), `MAX_UNPAID_ONCHAIN` of them with an
address (each address is one more for the wallet to follow; beyond it only Lightning);
an order's invoice lives `ORDER_SECONDS`; one never paid is FAILED then, and deleted a day
later (`expire`, at each new order). Only the client who made an order can read it
(`lsps1.get_order` of another's id: not found).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

from wallet.deadline import within
from wallet.errors import KiteError
from wallet.ln.shell.background import BackgroundTasks
from wallet.ln.shell.lsps0 import Lsps0, RequestContext, list_protocols_method
from wallet.ln.shell.lsps1_onchain import POLL_SECONDS, ChainPort, Refunds, first_seen
from wallet.ln.store.onchain_order_store import OnchainOrder, OnchainOrderStore, Refund
from wallet.ln.store.order_store import OrderStore
from wallet.lsp import lsps1
from wallet.lsp.jsonrpc import CLIENT_REJECTED, INVALID_PARAMS, Router, RpcError
from wallet.lsp.lsps1_onchain import decide
from wallet.networks import Network

log = logging.getLogger("kite.lsp")

MAX_UNPAID_PER_CLIENT = 5
MAX_UNPAID = 1000
ORDER_SECONDS = 3600
#: blocks per day, for the channel's `expires_at` (bLIP-51: the earliest the LSP may close)
BLOCK_SECONDS = 600
#: how long a held payment waits for the client to connect before it is failed back
CONNECT_WAIT = 60.0
#: orders never paid are deleted this long after their invoice expired
FORGET_UNPAID_AFTER = 86_400
#: how long an order may be paid on-chain: a day (a payment may wait blocks for its fee,
#: and the client's wallet may be offline meanwhile)
ONCHAIN_SECONDS = 86_400
#: orders waiting for an on-chain payment in all (each reserved one address)
MAX_UNPAID_ONCHAIN = 200
#: bLIP-51 asks an LSP to take a payment after 6 confirmations at the latest
MAX_ONCHAIN_CONFIRMATIONS = 6

DEFAULT_OPTIONS = lsps1.Options(
    min_required_channel_confirmations=1, min_funding_confirms_within_blocks=6,
    supports_zero_channel_reserve=False, max_channel_expiry_blocks=13_140,
    min_initial_client_balance_sat=0, max_initial_client_balance_sat=0,
    min_initial_lsp_balance_sat=20_000, max_initial_lsp_balance_sat=5_000_000,
    min_channel_balance_sat=20_000, max_channel_balance_sat=5_000_000)
DEFAULT_PRICE = lsps1.Price(base_sat=1_000, ppm=10_000)

#: (client, sat, record) -> (key_index, funding txid hex, output index) once the funding is
#: published; `record(key_index)` is called before open_channel leaves
OpenChannel = Callable[[bytes, int, Callable[[int], None]], Awaitable[tuple[int, str, int]]]
#: (key_index, client, sat) -> the funding outpoint (txid hex, index) if that channel is ours
#: to this client, of this size, and its funding was published; else None
FundedChannel = Callable[[int, bytes, int], tuple[str, int] | None]
MakeInvoice = Callable[[int, str, int], tuple[str, bytes]]
#: a payment hash -> the invoice cancelled for good (an order paid on-chain)
CancelInvoice = Callable[[bytes], None]


class Lsps1Provider:
    """Serves LSPS1 on `lsps0`. `make_invoice(amount_msat, description, expiry)` -> (text,
    payment hash); `holds`: the payments' hold-invoice table; `open_channel` opens and
    funds the channel (raises KiteError when it cannot). At start, `funded_channel` says
    whether the channel an interrupted open recorded was funded, and `settle_held(payment
    hash)` marks the held payment of an order so completed to be settled. With `chain`
    (the LSP's on-chain wallet) and `network`, orders may be paid on-chain too;
    `cancel_invoice` then cancels the invoice of an order so paid; `start_watching`
    starts the watch of their addresses."""

    def __init__(self, lsps0: Lsps0, store: OrderStore, make_invoice: MakeInvoice,
                 holds: dict[bytes, Callable[[bytes, int], Awaitable[bool]]],
                 open_channel: OpenChannel, is_connected: Callable[[bytes], bool], *,
                 funded_channel: FundedChannel, settle_held: Callable[[bytes], None],
                 options: lsps1.Options = DEFAULT_OPTIONS,
                 price: lsps1.Price = DEFAULT_PRICE, order_seconds: int = ORDER_SECONDS,
                 protocols: list[int] | None = None, network: Network | None = None,
                 chain: ChainPort | None = None,
                 cancel_invoice: CancelInvoice | None = None,
                 onchain_seconds: int = ONCHAIN_SECONDS,
                 onchain_confirmations: int = 1) -> None:
        if not 1 <= onchain_confirmations <= MAX_ONCHAIN_CONFIRMATIONS:
            raise ValueError("on-chain confirmations must be 1 to 6 (no zero-conf)")
        self.store = store
        self.make_invoice = make_invoice
        self.holds = holds
        self.open_channel = open_channel
        self.is_connected = is_connected
        self.funded_channel = funded_channel
        self.settle_held = settle_held
        self.options = options
        self.price = price
        self.order_seconds = order_seconds
        self.chain = chain
        #: refund addresses must be of this network (the chain's when given)
        self.network: Network | None = chain.network if chain is not None else network
        self.cancel_invoice = cancel_invoice or (lambda payment_hash: None)
        self.onchain_seconds = onchain_seconds
        self.onchain_confirmations = onchain_confirmations
        self.onchain = OnchainOrderStore(store.db)
        self.refunds = None if chain is None else Refunds(self.onchain, chain,
                                                          self._refund_broadcast)
        self.tasks = BackgroundTasks()
        self._wake = asyncio.Event()
        self._watch: asyncio.Task | None = None
        router = lsps0.router or Router()
        lsps0.router = router
        list_protocols_method(router, sorted({1, *(protocols or [])}))
        router.add("lsps1.get_info", set(), self._get_info)
        router.add("lsps1.create_order", set(lsps1.REQUEST_FIELDS), self._create_order)
        router.add("lsps1.get_order", {"order_id"}, self._get_order)
        self._reopen: list[str] = []  # orders paid on-chain whose open a restart cut
        for client, payment_hash, order in store.open_orders():
            self._recover(client, payment_hash, order)

    def _recover(self, client: bytes, payment_hash: bytes, order: lsps1.Order) -> None:
        """At start: an order left HOLD by a restart whose recorded channel was funded is
        COMPLETED with it (stored), then its payment marked to be settled (its HTLCs, left
        undecided, are fulfilled at the reconnection): the LSP paid for the channel. Any
        other order left HOLD failed its open: FAILED, and its HTLC is failed back at the
        reconnection (held by a hook that refuses, so the payments never settle it by
        themselves). One waiting for payment waits again."""
        assert order.bolt11 is not None
        key_index = self.store.key_index(order.order_id)
        if order.paid_onchain:
            self.holds[payment_hash] = _refuse  # its invoice was cancelled
            outpoint = None if key_index is None else \
                self.funded_channel(key_index, client, order.request.lsp_balance_sat)
            if key_index is not None and outpoint is not None:
                self._complete(order, key_index, *outpoint)
            else:  # tried again once the watch starts (the client may connect)
                self._reopen.append(order.order_id)
            return
        outpoint = None if key_index is None or order.bolt11.state != lsps1.HOLD else \
            self.funded_channel(key_index, client, order.request.lsp_balance_sat)
        if outpoint is not None:
            assert key_index is not None
            self._complete(order, key_index, *outpoint)
            self.settle_held(payment_hash)
        elif order.bolt11.state == lsps1.HOLD:
            self.store.update(order.with_states(lsps1.FAILED, lsps1.REFUNDED))
            self.holds[payment_hash] = _refuse
            log.info("LSPS1 order %s failed: a restart interrupted its open", order.order_id)
        elif order.bolt11.state == lsps1.EXPECT_PAYMENT:
            self.holds[payment_hash] = self._on_paid

    # -- requests -------------------------------------------------------------------------------

    def _get_info(self, params: dict[str, Any], ctx: RequestContext) -> dict[str, Any]:
        return self.options.to_json()

    def _create_order(self, params: dict[str, Any], ctx: RequestContext) -> dict[str, Any]:
        request = lsps1.check_request(params, self.options, self.network)
        if request.token:
            raise RpcError(lsps1.UNRECOGNIZED_OR_STALE_TOKEN, "Unrecognized or stale token", {})
        self.expire(ctx.now)
        if (self.store.unpaid(ctx.peer_id, ctx.now) >= MAX_UNPAID_PER_CLIENT
                or self.store.unpaid(None, ctx.now) >= MAX_UNPAID):
            raise RpcError(CLIENT_REJECTED, "Client rejected",
                           {"message": "too many unpaid orders; pay or wait for one to expire"})
        if not self.is_connected(ctx.peer_id):
            raise RpcError(CLIENT_REJECTED, "Client rejected", {"message": "not connected"})
        fee = self.price.fee_for(request.lsp_balance_sat)
        total = fee + request.client_balance_sat
        order_id = str(uuid.uuid4())
        invoice, payment_hash = self.make_invoice(
            total * 1000, f"LSPS1 order {order_id}: {request.lsp_balance_sat} sat channel",
            self.order_seconds)
        now = ctx.now.replace(microsecond=ctx.now.microsecond // 1000 * 1000)
        onchain, reserved = None, None
        refund = request.refund_onchain_address
        fresh = self.chain.reserve_address() if (
            self.chain is not None and refund is not None and total > 0
            and self.onchain.unpaid(ctx.now) < MAX_UNPAID_ONCHAIN) else None
        if fresh is not None:  # None: no address the seed alone would find again
            address, script = fresh
            reserved = OnchainOrder(order_id, address, script, refund)
            onchain = lsps1.OnchainPayment(
                lsps1.EXPECT_PAYMENT, now + timedelta(seconds=self.onchain_seconds), fee,
                total, address, self.onchain_confirmations, None, refund)
        order = lsps1.Order(
            order_id=order_id, request=replace(request, refund_onchain_address=None),
            created_at=now, order_state=lsps1.CREATED,
            bolt11=lsps1.Bolt11Payment(lsps1.EXPECT_PAYMENT,
                                       now + timedelta(seconds=self.order_seconds),
                                       fee, total, invoice),
            onchain=onchain, channel=None)
        with self.store.db.transaction():  # durable before the answer
            self.store.add(ctx.peer_id, payment_hash, order)
            if reserved is not None:
                self.onchain.add(reserved)
        self.holds[payment_hash] = self._on_paid
        log.info("LSPS1 order %s from %s: %d sat channel for %d sat", order_id,
                 ctx.peer_id.hex()[:16], request.lsp_balance_sat, fee)
        return order.to_json()

    def _get_order(self, params: dict[str, Any], ctx: RequestContext) -> dict[str, Any]:
        order_id = params.get("order_id")
        if not isinstance(order_id, str) or len(order_id) > lsps1.MAX_ORDER_ID:
            raise RpcError(INVALID_PARAMS, "Invalid params",
                           {"property": "order_id", "message": "not an order id"})
        found = self.store.get(order_id)
        if found is None or found[0] != ctx.peer_id:  # another client's orders stay hidden
            raise RpcError(lsps1.ORDER_NOT_FOUND, "Not found", {})
        order = self._expired(found[1], found[2], ctx.now)
        return order.to_json()

    def expire(self, now: datetime) -> None:
        """Orders never paid before their invoice expired: FAILED, their hold dropped; a
        day later forgotten (nothing was owed on them), so rows do not pile up."""
        for payment_hash, order in self.store.expired_unpaid(now):
            self._expired(payment_hash, order, now)
        self.store.forget_unpaid(now - timedelta(seconds=FORGET_UNPAID_AFTER))

    def _expired(self, payment_hash: bytes, order: lsps1.Order, now: datetime) -> lsps1.Order:
        """An order never paid past its payment's expiry is FAILED (one payable on-chain
        is the watch's to decide: coins may be on their way)."""
        b = order.bolt11
        if (order.order_state == lsps1.CREATED and b is not None and order.onchain is None
                and b.state == lsps1.EXPECT_PAYMENT and b.expires_at <= now):
            order = order.with_states(lsps1.FAILED, lsps1.EXPECT_PAYMENT)
            self.store.update(order)
            self.holds.pop(payment_hash, None)
        return order

    # -- the payment ------------------------------------------------------------------------------

    async def _connected_within(self, client: bytes, seconds: float) -> bool:
        """bLIP-51: the LSP waits for the client's connection before the open (the payment,
        maybe made by another node, stays held meanwhile)."""
        deadline = time.monotonic() + seconds
        while not self.is_connected(client):
            if time.monotonic() >= deadline:
                return False
            await asyncio.sleep(0.2)
        return True

    async def _on_paid(self, payment_hash: bytes, received_msat: int) -> bool:
        """The order's payment is complete and held: open its channel, then settle (True);
        fail it back if the channel cannot be opened (False)."""
        self.holds.pop(payment_hash, None)
        order_id = self.store.by_payment_hash(payment_hash)
        found = None if order_id is None else self.store.get(order_id)
        if found is None:
            return False
        client, _, order = found
        if order.order_state != lsps1.CREATED or order.bolt11 is None or \
                order.bolt11.state != lsps1.EXPECT_PAYMENT or \
                received_msat < order.bolt11.order_total_sat * 1000:
            return False  # (an order paid on-chain meanwhile: failed back)
        order = order.with_states(lsps1.CREATED, lsps1.HOLD)
        self.store.update(order)  # held, durably, before the open
        opened = await self._open(client, order)
        if opened is None:
            self.store.update(order.with_states(lsps1.FAILED, lsps1.REFUNDED))
            self._wake.set()  # coins that came meanwhile go back
            return False
        self._complete(order, *opened)
        return True

    async def _open(self, client: bytes, order: lsps1.Order) -> tuple[int, str, int] | None:
        """bLIP-51 §4.1: wait for the client, open (the key index stored with the order
        before open_channel leaves); (key index, funding txid, index), None if it failed."""
        try:
            if not await self._connected_within(client, CONNECT_WAIT):
                raise KiteError("the client did not connect")
            return await self.open_channel(
                client, order.request.lsp_balance_sat,
                lambda key_index: self.store.update(order, key_index))  # before it leaves
        except KiteError as e:
            log.info("LSPS1 order %s failed: %s", order.order_id, e)
            return None

    def _complete(self, order: lsps1.Order, key_index: int, txid: str, index: int) -> None:
        """COMPLETED with its channel, stored (before the preimage is released). Paid over
        Lightning: its payment PAID; paid on-chain: the states stay (PAID, invoice REFUNDED)."""
        now = datetime.now(UTC).replace(microsecond=0)
        channel = lsps1.ChannelInfo(now, (txid, index), now + timedelta(
            seconds=order.request.channel_expiry_blocks * BLOCK_SECONDS))
        payment = None if order.paid_onchain else lsps1.PAID
        self.store.update(order.with_states(lsps1.COMPLETED, payment, channel), key_index)
        self._wake.set()  # an overpayment's excess goes back
        log.info("LSPS1 order %s completed: channel %d (%s:%d)", order.order_id, key_index,
                 txid, index)

    # -- paid on-chain --------------------------------------------------------------------------

    def start_watching(self) -> None:
        """Start the watch of the orders' addresses (on the running loop; with a chain)."""
        if self.chain is None or self._watch is not None:
            return
        for order_id in self._reopen:
            self.tasks.spawn(self._open_onchain(order_id), f"lsps1-open-{order_id[:8]}")
        self._reopen.clear()
        self._watch = self.tasks.spawn(self._watching(), "lsps1-onchain-watch")

    def poke(self) -> None:
        """The wallet changed (a coin, a block): look at the orders now."""
        self._wake.set()

    async def stop(self) -> None:
        await self.tasks.stop()
        self._watch = None

    async def _watching(self) -> None:
        while True:
            self._wake.clear()
            try:
                await self.check_onchain(datetime.now(UTC))
            except asyncio.CancelledError:
                raise
            except Exception:  # one bad round must not end the watch
                log.exception("LSPS1 on-chain watch: a round failed")
            with contextlib.suppress(TimeoutError):
                await within(POLL_SECONDS, self._wake.wait())

    async def check_onchain(self, now: datetime) -> None:
        """One look at every on-chain order: coins seen recorded, then each order's
        decision acted on (stored first), then the refunds made. The fee rate is asked of
        the servers only when a refund is to be recorded (then the orders are looked at
        again: the decisions are made and acted on with no await between them)."""
        chain, refunds = self.chain, self.refunds
        if chain is None or refunds is None:
            return
        if self._look(now, None):
            try:
                rate = await chain.fee_rate()
            except KiteError as e:  # no fee rate: refunds are recorded at a later round
                log.info("LSPS1 on-chain watch: no fee rate (%s)", e)
            else:
                self._look(now, rate)
        await refunds.run()

    def _look(self, now: datetime, rate: float | None) -> bool:
        """Record the coins seen and act on each order's decision, refunds only with a
        `rate`; whether a refund waits for one. Synchronous: no Lightning payment (nor
        another look) interleaves."""
        chain, refunds = self.chain, self.refunds
        assert chain is not None and refunds is not None
        orders = self.onchain.orders()
        outputs = chain.outputs_to({o.script for o in orders})
        tip = chain.tip_height()
        waiting = False
        for oc in orders:
            found = self.store.get(oc.order_id)
            if found is None:
                continue
            client, payment_hash, order = found
            if order.onchain is None:
                continue
            here = outputs.get(oc.script, [])
            seen = self.onchain.coins(oc.order_id)
            known = {c.outpoint: c for c in seen}
            changed = False
            for txid, n, value, height, block_time in here:
                old = known.get((txid, n))
                if old is None or old.height != height:
                    self.onchain.see(oc.order_id, (txid, n), value,
                                     first_seen(now, block_time), height)
                    changed = True
            if changed:  # read back as stored (a coin seen again keeps its first sight)
                seen = self.onchain.coins(oc.order_id)
            present = {(t, n) for t, n, *_ in here}
            coins = [c for c in seen if c.outpoint in present]
            d = decide(order, coins, now, tip)
            if d.nothing:
                continue
            if d.paid:
                order = self._paid_onchain(order, payment_hash, d.paid)
                self.tasks.spawn(self._open_onchain(order.order_id),
                                 f"lsps1-open-{order.order_id[:8]}")
            if d.fail:
                order = order.with_states(lsps1.FAILED)
                self.store.update(order)
                self.holds[payment_hash] = _refuse
                log.info("LSPS1 order %s failed: not paid on-chain in time", order.order_id)
            if d.refund and rate is None:
                waiting = True
            elif d.refund and rate is not None:
                refunds.record(order.order_id, oc.refund_address, d.refund_sat, d.refund,
                               rate, now)
        return waiting

    def _paid_onchain(self, order: lsps1.Order, payment_hash: bytes,
                      coins: tuple) -> lsps1.Order:
        """PAID, the coins credited and the invoice cancelled (stored together), before
        the open."""
        order = order.with_states(lsps1.CREATED, lsps1.REFUNDED, onchain_state=lsps1.PAID)
        with self.store.db.transaction():
            self.onchain.credit(coins)
            self.store.update(order)
        self.holds[payment_hash] = _refuse  # an HTLC completing now is failed back
        self.cancel_invoice(payment_hash)
        log.info("LSPS1 order %s paid on-chain (%d coins)", order.order_id, len(coins))
        return order

    async def _open_onchain(self, order_id: str) -> None:
        found = self.store.get(order_id)
        if found is None:
            return
        client, _, order = found
        if order.order_state != lsps1.CREATED or not order.paid_onchain:
            return
        opened = await self._open(client, order)
        if opened is None:
            self.store.update(order.with_states(lsps1.FAILED))  # the coins go back
            self._wake.set()
            return
        self._complete(order, *opened)

    def _refund_broadcast(self, refund: Refund) -> None:
        """A FAILED order's refund is out: its on-chain payment REFUNDED (bLIP-51)."""
        found = self.store.get(refund.order_id)
        if found is None or not refund.coins:
            return
        order = found[2]
        if order.order_state == lsps1.FAILED and order.onchain is not None and \
                order.onchain.state != lsps1.REFUNDED:
            self.store.update(order.with_states(lsps1.FAILED, onchain_state=lsps1.REFUNDED))


async def _refuse(payment_hash: bytes, received_msat: int) -> bool:
    return False
