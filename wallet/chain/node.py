"""The on-chain half of the node: one server session at a time, headers, addresses, wallet.

Runs on the node's asyncio loop. A session subscribes to headers, catches up, subscribes
every address, then follows notifications. Anything a server says that fails verification
(proof of work, Merkle proof, status hash, txid) gets it banned, and the next session
starts with another server; verified state stays on disk, so nothing is lost or undone.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from wallet.chain.address_sync import AddressBook, AddressSync, HeadersBehind
from wallet.chain.chain_state import ChainUpdate, UpdateKind
from wallet.chain.electrum_client import (
    BroadcastRejected,
    CertificateRejected,
    ElectrumClient,
    ServerAddress,
    ServerError,
    ServerMisbehaved,
    ServerUnavailable,
    parse_header_notification,
)
from wallet.chain.fee_estimates import choose_feerate, ordered, to_sat_per_vb
from wallet.chain.header_store import HeaderStore
from wallet.chain.header_sync import HeaderSync, SyncProgress
from wallet.chain.headers import HeaderError
from wallet.chain.merkle import MerkleProofError
from wallet.chain.server_pool import NoServerAvailable, ServerPool
from wallet.chain.tls_pins import PINS_NAME, CertPins
from wallet.deadline import within
from wallet.errors import InputError, KiteError
from wallet.keys.wallet_keys import WalletKeys
from wallet.onchain.ledger import Balance, HistoryEntry, Ledger, WalletTx
from wallet.onchain.spend import SignedTx, Spender
from wallet.onchain.transactions import TxOutput
from wallet.sentence import Sentence
from wallet.storage.chain_store import ChainStore
from wallet.storage.database import Database

log = logging.getLogger(__name__)

Emit = Callable[[str, dict[str, Any]], None]
LIES = (ServerMisbehaved, HeaderError, MerkleProofError)
FEE_TARGET_BLOCKS = 2
#: blocks each fee level aims at ("normal" is the default of a send)
FEE_LEVEL_TARGETS = {"slow": 12, "normal": FEE_TARGET_BLOCKS, "fast": 1}
ESTIMATE_MAX_AGE = 1800.0  # seconds another server's fee estimate is used for the median
CROSS_CHECK_SERVERS = 2
CROSS_CHECK_INTERVAL = 600.0  # seconds between tip cross-checks
NO_SERVER_RETRY_START = 5.0  # seconds before asking the pool again when no server is usable
NO_SERVER_RETRY_MAX = 120.0
#: what the window says when no server is usable (the GUI translates it: ui/i18n/wallet_sentences.py)
NO_SERVER_MESSAGE = "Kite cannot reach the Bitcoin network: no usable server is set up."
MAX_LAG = 2  # blocks our main server may trail a verified longer chain
#: a session queue item (not from the server): script hashes newly inside the gap limit
SUBSCRIBE_NEW = "kite.subscribe_new"


async def _end(task: asyncio.Task[None]) -> None:
    """Cancel `task` and wait until it has ended. Cancelled again every second: on Python
    3.11 `asyncio.wait_for` can swallow a cancellation that meets its inner wait finishing,
    and the run would then go on."""
    while not task.done():
        task.cancel()
        await asyncio.wait({task}, timeout=1.0)
    if not task.cancelled():
        with contextlib.suppress(Exception):
            task.result()


class NotConnected(KiteError):
    """No Electrum server is connected right now."""


class FeeEstimateUnavailable(NotConnected):
    """No server gives a fee estimate we can believe (for fees, as good as not connected)."""


class ChainNode:
    def __init__(
        self,
        wallet_dir: Path,
        keys: WalletKeys,
        db: Database,
        pool: ServerPool,
        emit: Emit | None = None,
        *,
        gap_limit: int = 20,
        header_path: Path | None = None,
    ) -> None:
        self.network = keys.network
        self.keys = keys
        self.pool = pool
        self.emit = emit or (lambda kind, data: None)
        self.store = ChainStore(db)
        for server, reason in self.store.banned_servers().items():
            with contextlib.suppress(InputError):
                pool.banned[ServerAddress.parse(server)] = reason
        pool.on_ban = lambda s, r: self.store.ban_server(str(s), r, int(time.time()))
        pool.pins = CertPins(Path(wallet_dir) / PINS_NAME)
        pool.on_refused = lambda s, r: self.emit(
            "error", {"message": "A server's security certificate was refused.", "detail": r})
        pool.on_change = lambda: self.emit("servers", {"servers": pool.states()})
        path = header_path or Path(wallet_dir) / "headers" / f"{self.network.name}.headers"
        self.headers = HeaderStore(path, self.network.name)
        self.header_sync = HeaderSync(self.headers, self._on_progress)
        self.book = AddressBook(keys.account, gap_limit)
        self.book.used |= self.store.used()
        self.book.extend()
        self.ledger = Ledger(self.book.owner)
        for wtx in self.store.load_txs():
            self.ledger.add(wtx)
        self.address_sync = AddressSync(
            self.book, self.ledger, self.header_sync, self.store, on_change=self._on_wallet_change
        )
        self.spender = Spender(
            self.ledger, lambda p: keys.account.private_key(*p), self._next_change_script
        )
        self.client: ElectrumClient | None = None
        self.server_height = 0
        self.synced = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._retry = asyncio.Event()  # set by retry_now: stop waiting between attempts
        self._pausing = False
        self._persisted_used = set(self.book.used)
        #: called after each change of the wallet (a transaction seen, a block): e.g. the
        #: LSPS1 provider looking for payments to its orders' addresses
        self.wallet_listeners: list[Callable[[], None]] = []
        self._queue: asyncio.Queue | None = None  # the running session's notifications
        # other servers' estimates (sat/vB or None, monotonic time), gathered by cross-checks
        self.other_estimates: dict[ServerAddress, tuple[float | None, float]] = {}

    # -- lifecycle ---------------------------------------------------------------------

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="chain-node")

    async def stop(self) -> None:
        if self._task is not None:
            await _end(self._task)
        if self.client is not None:
            await self.client.close()
        self.headers.close()

    async def wait_synced(self, timeout: float) -> None:
        try:
            await within(timeout, self.synced.wait())
        except TimeoutError:
            raise NotConnected("not synchronised with an Electrum server yet") from None

    def retry_now(self) -> None:
        """The user asked to try again: end the wait between attempts at once (while
        servers are being tried, start the round again without its back-off)."""
        self._retry.set()
        task = self._task
        if self.client is None and task is not None and not task.done() and not self._pausing:
            task.cancel()
            self._task = asyncio.create_task(self._run(), name="chain-node")

    async def reconnect(self) -> None:
        """The server list changed: end the session (or the wait) and connect again from
        the new list. The old run is finished before the new one starts."""
        if self._task is not None:
            await _end(self._task)
        self._task = asyncio.create_task(self._run(), name="chain-node")

    async def _pause(self, seconds: float) -> None:
        self._retry.clear()
        self._pausing = True
        try:
            with contextlib.suppress(TimeoutError):
                await within(seconds, self._retry.wait())
        finally:
            self._pausing = False

    async def _run(self) -> None:
        no_server_said, retry_delay = False, NO_SERVER_RETRY_START
        while True:
            queue: asyncio.Queue = asyncio.Queue()
            self._queue = queue
            try:
                client = await self.pool.connect(queue)
            except NoServerAvailable as e:
                # said once; then asked again and again (a server may come up, a ban end)
                if not no_server_said:
                    self.emit("error", {"message": NO_SERVER_MESSAGE, "detail": str(e)})
                    no_server_said = True
                self._emit_sync(False)
                await self._pause(retry_delay)
                retry_delay = min(retry_delay * 2, NO_SERVER_RETRY_MAX)
                continue
            no_server_said, retry_delay = False, NO_SERVER_RETRY_START
            self.client = client
            lost = "the connection ended"
            try:
                await self._session(client, queue)
            except LIES as e:
                self.pool.ban(client.server, f"{type(e).__name__}: {e}")
                self.emit("error", {"message": "A server sent false data and was dropped.", "detail": str(e)})
            except ServerUnavailable as e:
                log.info("lost %s: %s", client.server, e)
                lost = str(e) or lost
                self.pool.note_failure(client.server)
            except asyncio.CancelledError:
                raise
            except Exception as e:  # a bug must not stop the node for good
                log.exception("chain session failed")
                self.emit("error", {"message": "Syncing stopped on an internal error.", "detail": repr(e)})
                await asyncio.sleep(2)
            finally:
                self.synced.clear()
                self.client = None
                self._queue = None  # the next session subscribes every address
                self.pool.note_lost(client.server, lost)
                await client.close()
                self._emit_sync(False)

    async def _session(self, client: ElectrumClient, queue: asyncio.Queue) -> None:
        height, _ = await client.headers_subscribe()
        await self._catch_up(client, height)
        while True:
            try:
                await self.address_sync.subscribe_all(client)
                break
            except HeadersBehind:
                height, _ = await client.headers_subscribe()
                await self._catch_up(client, height)
        self.synced.set()
        self._emit_sync(True)
        next_check = 0.0
        while True:
            if time.monotonic() >= next_check:
                await self._cross_check(client)
                next_check = time.monotonic() + CROSS_CHECK_INTERVAL
            try:
                method, args = await within(CROSS_CHECK_INTERVAL, queue.get())
            except TimeoutError:
                continue
            log.debug("notification %s", method)
            if method == "blockchain.headers.subscribe":
                height, _ = parse_header_notification(args)
                await self._catch_up(client, height)
            elif method == "blockchain.scripthash.subscribe":
                if len(args) != 2 or not isinstance(args[0], str):
                    raise ServerMisbehaved("malformed scripthash notification")
                await self._refresh(client, args[0], args[1], subscribe=False)
            elif method == SUBSCRIBE_NEW:  # scripts `reserve_receive_address` brought in
                for sh in args:
                    await self._refresh(client, sh)
            self._emit_sync(True)

    async def _cross_check(self, main: ElectrumClient) -> None:
        """Ask up to CROSS_CHECK_SERVERS other servers for their tip.

        A longer chain one of them shows is verified and, with more work, adopted by the
        header store like any other; if our main server then lags behind it, the session
        ends so that another server takes over. A server whose headers fail is banned.
        """
        others = [s for s in self.pool.usable() if s != main.server][:CROSS_CHECK_SERVERS]
        for server in others:
            client = self.pool.client(server, timeout=10)
            try:
                await client.connect()
                height, _ = await client.headers_subscribe()
                self.pool.note_answered(server)
                await self._note_estimate(client)
                if height > self.headers.tip_height:
                    # verified like any header; wallet proofs are redone through the main server
                    update = await self.header_sync.catch_up(client, height)
                    await self._after_header_update(main, update)
            except LIES as e:
                self.pool.ban(server, f"{type(e).__name__}: {e}")
            except CertificateRejected as e:
                if self.pool.on_refused is not None:
                    self.pool.on_refused(server, str(e))
            except ServerError:  # unavailable, or refused a request: not our main server
                continue
            finally:
                await client.close()
        if self.headers.tip_height > self.server_height + MAX_LAG:
            raise ServerUnavailable(
                Sentence("%1 is %2 blocks behind", main.server, self.headers.tip_height - self.server_height)
            )

    async def _note_estimate(self, client: ElectrumClient) -> None:
        """Remember another server's fee estimate, for the median `fee_rate` takes."""
        try:
            estimate = await client.estimate_fee(FEE_TARGET_BLOCKS)
        except ServerMisbehaved:
            raise
        except ServerError:  # a server without estimates is no liar
            return
        rate = None if estimate is None else to_sat_per_vb(estimate)
        self.other_estimates[client.server] = (rate, time.monotonic())

    async def _catch_up(self, client: ElectrumClient, height: int) -> None:
        """Headers up to the main server's `height`; after a reorg, re-prove what moved."""
        self.server_height = height
        update = await self.header_sync.catch_up(client, height)
        await self._after_header_update(client, update)

    async def _after_header_update(self, main: ElectrumClient, update: ChainUpdate) -> None:
        if update.kind is UpdateKind.REORG and update.fork_height is not None:
            log.info("reorg at height %s", update.fork_height)
            for sh in self.address_sync.forget_proofs_from(update.fork_height):
                await self._refresh(main, sh)
        if update.kind is not UpdateKind.UNCHANGED:
            self._on_wallet_change()  # confirmations and maturity moved

    async def _refresh(self, main: ElectrumClient, scripthash: str, status: object = None,
                       *, subscribe: bool = True) -> None:
        """Bring one script hash up to date through the main server; if a transaction is
        confirmed above our headers, catch the headers up once and try again."""
        for attempt in range(2):
            if subscribe:
                status = await main.scripthash_subscribe(scripthash)
            try:
                await self.address_sync.on_status(main, scripthash, status)
                return
            except HeadersBehind:
                if attempt:
                    raise
                height, _ = await main.headers_subscribe()
                self.server_height = height
                await self._after_header_update(main, await self.header_sync.catch_up(main, height))
                subscribe = True

    # -- events --------------------------------------------------------------------------

    def _on_progress(self, p: SyncProgress) -> None:
        self.emit("sync", {"height": p.height, "server_height": p.server_height,
                           "server": str(self.client.server) if self.client else None,
                           "connected": self.client is not None})

    def _emit_sync(self, connected: bool) -> None:
        self.emit("sync", {"height": self.headers.tip_height, "server_height": self.server_height,
                           "server": str(self.client.server) if self.client else None,
                           "connected": connected})

    def _on_wallet_change(self) -> None:
        new_used = self.book.used - self._persisted_used
        self.store.mark_all_used(sorted(new_used))
        self._persisted_used |= new_used
        b = self.balance()
        self.emit("balance", {"confirmed": b.confirmed, "unconfirmed": b.unconfirmed,
                              "immature": b.immature})
        self.emit("history", {})
        for listener in list(self.wallet_listeners):
            try:
                listener()
            except Exception:  # a listener's bug must not stop the sync
                log.exception("wallet listener failed")

    # -- queries -------------------------------------------------------------------------

    @property
    def tip_height(self) -> int:
        return self.headers.tip_height

    def balance(self) -> Balance:
        return self.ledger.balance(self.tip_height)

    def history(self) -> list[HistoryEntry]:
        return self.ledger.history()

    def receive_address(self) -> str:
        return self.keys.account.address(0, self.book.first_unused(0))

    def reserve_receive_address(self, keep_gap: int | None = None) -> tuple[str, bytes] | None:
        """A receive address handed out for good (address, script): marked used and
        persisted at once, so neither the wallet's own receive address nor another
        reservation is ever the same. The address that enters the gap limit because of it
        is subscribed by the running session (the next session subscribes every address).

        With `keep_gap`: None instead when the address would lie more than the gap limit
        less `keep_gap` past the last address any transaction paid. Reserved addresses that
        are never paid (an order paid another way) make a run of unused ones, and a
        restore from the seed stops looking after a gap-limit run: a payment beyond it
        would never be found again."""
        index = self.book.first_unused(0)
        if keep_gap is not None and \
                index - self.ledger.last_paid_index(0) > self.book.gap_limit - keep_gap:
            return None
        self._hand_out(0, index)
        new = self.book.extend()
        if new and self._queue is not None:
            self._queue.put_nowait((SUBSCRIBE_NEW, new))
        return (self.keys.account.address(0, index), self.keys.account.script_pubkey(0, index))

    def confirmations(self, height: int) -> int:
        return 0 if height <= 0 else max(0, self.tip_height - height + 1)

    def _next_change_script(self) -> bytes:
        index = self.book.first_unused(1)
        self._hand_out(1, index)  # never hand the same change address out twice
        return self.keys.account.script_pubkey(1, index)

    def _hand_out(self, change: int, index: int) -> None:
        """An address given away: used from now on, persisted at once."""
        self.book.used.add((change, index))
        self.store.mark_used(change, index)
        self._persisted_used.add((change, index))

    # -- spending ------------------------------------------------------------------------

    def _connected(self) -> ElectrumClient:
        if self.client is None or not self.synced.is_set():
            raise NotConnected("not connected to an Electrum server; try again in a moment")
        return self.client

    async def fee_rate(self, target_blocks: int = FEE_TARGET_BLOCKS) -> float:
        """A fee rate in sat/vB: the median of the believable estimates of the main server
        and of the other servers heard from recently, never below the main server's relay
        fee or 1 sat/vB. FeeEstimateUnavailable when the servers' figures are absurd."""
        client = self._connected()
        estimate = await client.estimate_fee(target_blocks)
        relay = await client.relay_fee()
        estimates = [None if estimate is None else to_sat_per_vb(estimate)]
        now = time.monotonic()
        estimates += [rate for server, (rate, when) in self.other_estimates.items()
                      if server != client.server and server not in self.pool.banned
                      and now - when <= ESTIMATE_MAX_AGE]
        choice = choose_feerate(estimates, to_sat_per_vb(relay))
        if choice.refused:
            log.warning("refused absurd fee estimates %s (sat/vB)", choice.refused)
        if choice.rate is None:
            raise FeeEstimateUnavailable(
                "the Electrum servers' fee estimates are not believable; give a fee rate"
            )
        return choice.rate

    async def fee_levels(self) -> dict[str, float]:
        """{slow, normal, fast} in sat/vB for `FEE_LEVEL_TARGETS` blocks: normal is
        `fee_rate()` (cross-checked), the others the main server's believable estimates at
        their targets, ordered so that slow <= normal <= fast (`fee_levels.ordered`)."""
        normal = await self.fee_rate()
        client = self._connected()
        relay = to_sat_per_vb(await client.relay_fee())
        levels = {"normal": normal}
        for name in ("slow", "fast"):
            estimate = await client.estimate_fee(FEE_LEVEL_TARGETS[name])
            # unknown or absurd: the normal rate (never the relay floor, which may not
            # confirm for days)
            choice = None if estimate is None else choose_feerate([to_sat_per_vb(estimate)],
                                                                  relay)
            levels[name] = normal if choice is None or choice.rate is None else choice.rate
        return ordered(levels)

    async def prepare_send(self, script: bytes, amount: int | None, feerate: float | None,
                           extra_outputs: Sequence[TxOutput] = ()) -> SignedTx:
        rate = feerate if feerate is not None else await self.fee_rate()
        return self.spender.send(script, amount, rate, self.tip_height,
                                 extra_outputs=extra_outputs)

    async def broadcast(self, signed: SignedTx) -> str:
        return await self.broadcast_raw(signed.raw)

    async def broadcast_raw(self, raw: bytes) -> str:
        """Broadcast a signed transaction of ours (again, e.g. one kept before it left) and
        add it to the wallet's history."""
        client = self._connected()
        try:
            txid = await client.broadcast(raw)
        except BroadcastRejected as e:
            raise BroadcastRejected(Sentence("the network refused the transaction: %1", e)) from None
        wtx = WalletTx(txid, raw, 0)
        self.store.save_tx(wtx)
        for gone in self.ledger.add(wtx):  # the transaction a fee bump replaces
            self.store.delete_tx(gone)
        self._on_wallet_change()
        return txid

    async def bump_fee(self, txid: str, feerate: float) -> SignedTx:
        return self.spender.bump_fee(txid, feerate, self.tip_height)

    async def cpfp(self, txid: str, feerate: float) -> SignedTx:
        return self.spender.cpfp(txid, feerate, self.tip_height)
