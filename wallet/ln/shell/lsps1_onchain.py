"""The LSP's on-chain side of LSPS1 (bLIP-51 §3.3): the port to its on-chain wallet, the
watch of its orders' addresses, and refunds that survive a crash.

The provider (`lsps1_provider`) reserves an address per order through `ChainPort` and
asks `OnchainDesk.check` (at each wallet change, and every `POLL_SECONDS` for expiries)
what the coins at each order's address mean (`wallet.lsp.lsps1_onchain.decide`). Refunds
go through the wallet's own spend path, one at a time (`lock`: two refunds never select the
same coins), each step stored before the next: recorded (coins, amount, address), then
built and signed, the transaction stored, then broadcast. At start a refund stored with its
transaction but not confirmed is broadcast again, the same transaction (never a new one,
unless its coins were spent by another transaction `DEAD_DEPTH` deep: it can never
confirm, and the same refund is built again); one recorded without a transaction is built
then.

Not done yet: bLIP-51's fee bump of a refund not confirmed within 6 hours (an RBF of the
stored transaction, stored before it is broadcast, like the first).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from wallet.errors import KiteError
from wallet.ln.store.onchain_order_store import (
    BROADCAST,
    RECORDED,
    SIGNED,
    OnchainOrderStore,
    Refund,
)
from wallet.lsp.lsps1_onchain import dust_limit, refund_amount
from wallet.networks import Network
from wallet.onchain.addresses import AddressError, address_to_script

log = logging.getLogger("kite.lsp")

#: seconds between two looks at the orders when nothing wakes the watch (expiries)
POLL_SECONDS = 30.0
#: a refund transaction whose input another transaction spent this deep can never confirm:
#: only then is it built again (a reorg this deep is not expected; shallower, the old one
#: could still come back and the client be paid twice)
DEAD_DEPTH = 6

Output = tuple[str, int, int, int, int | None]  # txid, index, value, height, block time


@dataclass
class ChainPort:
    """What the provider needs of the LSP's on-chain wallet (the daemon gives `ChainNode`'s):
    `reserve_address()` -> (address, script), never handed out again, or None when no
    address can be handed out now (the on-chain option is then not offered);
    `outputs_to(scripts)` -> script -> the outputs paying it (`Ledger.outputs_to`);
    `tip_height()`; `fee_rate()` in sat/vB; `send(script, sat, rate)` builds and signs a
    payment -> (raw, txid), nothing published; `broadcast(raw)` publishes it;
    `tx_height(txid)`: our transaction's height (> 0 confirmed, 0 unconfirmed, None
    unknown); `dead(raw)`: another transaction spending one of its inputs is confirmed
    `DEAD_DEPTH` deep, so this one can never confirm."""

    network: Network
    reserve_address: Callable[[], tuple[str, bytes] | None]
    outputs_to: Callable[[set[bytes]], dict[bytes, list[Output]]]
    tip_height: Callable[[], int]
    fee_rate: Callable[[], Awaitable[float]]
    send: Callable[[bytes, int, float], Awaitable[tuple[bytes, str]]]
    broadcast: Callable[[bytes], Awaitable[str]]
    tx_height: Callable[[str], int | None]
    dead: Callable[[bytes], bool] = lambda raw: False


class Refunds:
    """Records and makes refunds, crash-safe and one at a time."""

    def __init__(self, store: OnchainOrderStore, port: ChainPort,
                 on_broadcast: Callable[[Refund], None]) -> None:
        self.store = store
        self.port = port
        self.on_broadcast = on_broadcast
        self.lock = asyncio.Lock()
        self._resent = False

    def record(self, order_id: str, address: str, owed: int, coins: tuple, feerate: float,
               now: datetime) -> int:
        """Record a refund of `owed` (less its fee at `feerate`) covering `coins`; one too
        small to relay is recorded as dust (never made)."""
        script = address_to_script(address, self.port.network)
        amount = refund_amount(owed, len(coins), script, feerate)
        dust = amount < dust_limit(script)
        refund_id = self.store.record_refund(order_id, address, max(amount, 0), coins, now,
                                             dust=dust)
        if dust:
            log.info("LSPS1 order %s: %d sat owed back is dust after the fee; not refunded",
                     order_id, owed)
        return refund_id

    async def run(self) -> None:
        """Make every refund not yet broadcast (and, once per run, publish again those
        broadcast before a restart and not confirmed: the same transactions)."""
        async with self.lock:
            states = (RECORDED, SIGNED) if self._resent else (RECORDED, SIGNED, BROADCAST)
            for r in self.store.refunds(states=states):
                try:
                    if r.state == RECORDED:
                        await self._build(r)
                    elif r.raw is not None and self._dead(r):
                        await self._build(r)  # the old transaction can never confirm
                    elif r.state == SIGNED:
                        await self._publish(r)
                    elif r.state == BROADCAST and r.txid is not None and r.raw is not None:
                        height = self.port.tx_height(r.txid)  # (only at the first run)
                        if height is None or height <= 0:
                            await self.port.broadcast(r.raw)
                except (KiteError, AddressError) as e:
                    log.info("LSPS1 refund %d (order %s) waits: %s", r.refund_id, r.order_id, e)
            self._resent = True

    def _dead(self, r: Refund) -> bool:
        """A stored refund transaction another one of the wallet's made impossible (its
        coins spent, `DEAD_DEPTH` deep): back to recorded, to be built again."""
        assert r.raw is not None
        height = self.port.tx_height(r.txid or "")
        if (height is not None and height > 0) or not self.port.dead(r.raw):
            return False
        log.warning("LSPS1 refund %d (order %s): its transaction %s can never confirm (its "
                    "coins were spent by another); built again", r.refund_id, r.order_id,
                    r.txid)
        self.store.unsign(r.refund_id)
        return True

    async def _build(self, r: Refund) -> None:
        script = address_to_script(r.address, self.port.network)
        raw, txid = await self.port.send(script, r.amount_sat, await self.port.fee_rate())
        self.store.signed(r.refund_id, raw, txid)  # stored before it leaves
        await self._publish(replace(r, state=SIGNED, raw=raw, txid=txid))

    async def _publish(self, r: Refund) -> None:
        assert r.raw is not None
        await self.port.broadcast(r.raw)
        self.store.broadcast(r.refund_id)
        log.info("LSPS1 order %s: refunded %d sat to %s (%s)", r.order_id, r.amount_sat,
                 r.address, r.txid)
        self.on_broadcast(r)


def first_seen(now: datetime, block_time: int | None) -> datetime:
    """When a coin is taken to have arrived: when we first see it, or its block's time if
    earlier (a coin that confirmed while the LSP was down arrived then, not at our start)."""
    if block_time is None:
        return now
    return min(now, datetime.fromtimestamp(block_time, UTC))
