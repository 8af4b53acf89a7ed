"""The facade the GUI and the CLI use: thread-safe calls into the node, and an event stream.

The node runs on its own asyncio loop in a worker thread. Every call here is safe from any
thread and returns a `concurrent.futures.Future` (never blocks on the network or disk).
Events (sync progress, balance, history, errors, later payments and channels) are
delivered to subscribers on the node's thread: a GUI must marshal them to its own thread.
This module never imports Qt.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import logging
import threading
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from wallet.daemon.service import NodeService
from wallet.errors import KiteError
from wallet.keys import bip39
from wallet.networks import Network
from wallet.storage import wallet_file

log = logging.getLogger(__name__)
T = TypeVar("T")
FAIL_FAST = 5.0  # seconds a GUI send waits for a server before saying it is not connected


@dataclass(frozen=True)
class Event:
    """Something the GUI may want to show. `kind` is one of:

    - "sync": data {height, server_height, server, connected}
    - "balance": data {confirmed, unconfirmed, immature, lightning} in sat
    - "history": data {} (history changed: call history())
    - "error": data {message, detail} (a sentence for people, then the technical detail)
    - "state": data {state}: "stopped" | "starting" | "running"
    """

    kind: str
    data: dict[str, Any] = field(default_factory=dict)


class NodeNotRunning(KiteError):
    """The wallet is not open."""


class _LoopThread:
    """One asyncio loop on a daemon thread, for the node."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._run, name="kite-node", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        asyncio.set_event_loop(self.loop)
        self.loop.run_forever()

    def submit(self, coro: Coroutine[Any, Any, T]) -> concurrent.futures.Future[T]:
        return asyncio.run_coroutine_threadsafe(coro, self.loop)

    def stop(self, timeout: float = 10.0) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(timeout)


class WalletApi:
    """One wallet folder on one network."""

    def __init__(self, wallet_dir: str | Path, network: Network, server: str | None = None) -> None:
        self.wallet_dir = Path(wallet_dir)
        self.network = network
        self.server = server
        self._subscribers: list[Callable[[Event], None]] = []
        self._lock = threading.Lock()
        self._loop = _LoopThread()
        self._service: NodeService | None = None
        self._wallet: Any = None
        self.node_id: str | None = None

    # --- helpers that need no open wallet -----------------------------------------------

    @staticmethod
    def generate_mnemonic(words: int = 12) -> str:
        return bip39.generate_mnemonic(words)

    @staticmethod
    def validate_mnemonic(text: str) -> str:
        """Normalized words, or a MnemonicError (UnknownWordError, ChecksumError, ...)."""
        return bip39.validate_mnemonic(text)

    @staticmethod
    def suggest_words(prefix: str, limit: int = 6) -> list[str]:
        return bip39.suggest(prefix, limit=limit)

    def wallet_exists(self) -> bool:
        return wallet_file.wallet_exists(self.wallet_dir)

    # --- events ---------------------------------------------------------------------------

    def subscribe(self, callback: Callable[[Event], None]) -> Callable[[], None]:
        """Call `callback(event)` for every event (on the node thread) until unsubscribed."""
        with self._lock:
            self._subscribers.append(callback)

        def unsubscribe() -> None:
            with self._lock:
                if callback in self._subscribers:
                    self._subscribers.remove(callback)

        return unsubscribe

    def emit(self, event: Event) -> None:
        with self._lock:
            subscribers = list(self._subscribers)
        for cb in subscribers:
            try:
                cb(event)
            except Exception:  # a subscriber's bug must not stop the node
                log.exception("event subscriber failed on %s", event.kind)

    # --- wallet lifecycle ---------------------------------------------------------------

    def create(self, mnemonic: str, passphrase: str, password: str) -> concurrent.futures.Future[None]:
        """Create (or restore) the wallet from seed words. Off the caller's thread."""

        async def run() -> None:
            await asyncio.to_thread(
                wallet_file.create_wallet,
                self.wallet_dir, self.network, mnemonic, passphrase, password,
            )

        return self._loop.submit(run())

    def open(self, password: str) -> concurrent.futures.Future[None]:
        """Unlock the wallet and start the node (chain sync) on the worker thread."""

        async def run() -> None:
            if self._service is not None:
                return
            self.emit(Event("state", {"state": "starting"}))
            wallet = await asyncio.to_thread(
                wallet_file.open_wallet, self.wallet_dir, password, network=self.network
            )
            try:
                service = NodeService(wallet, self.server, emit=self._emit_kind)
            except BaseException:
                wallet.close()
                raise
            self._wallet, self._service = wallet, service
            self.node_id = wallet.keys.node_id.hex()
            service.start()
            self.emit(Event("state", {"state": "running"}))

        return self._loop.submit(run())

    def _emit_kind(self, kind: str, data: dict[str, Any]) -> None:
        self.emit(Event(kind, data))

    def _call(self, name: str, **params: Any) -> concurrent.futures.Future[Any]:
        async def run() -> Any:
            if self._service is None:
                raise NodeNotRunning("the wallet is not open")
            return await self._service.handlers[name](**params)

        return self._loop.submit(run())

    def balance(self) -> concurrent.futures.Future[dict[str, int]]:
        """{confirmed, unconfirmed, immature, lightning} in sat, and `synced` (False: the
        figures are what was stored, not yet confirmed by a server). Never waits."""

        async def run() -> dict[str, int]:
            if self._service is None:
                raise NodeNotRunning("the wallet is not open")
            b = await self._service.balance(wait=0)
            return {"confirmed": b["confirmed"], "unconfirmed": b["unconfirmed"],
                    "immature": b["immature"], "lightning": 0, "synced": b["synced"]}

        return self._loop.submit(run())

    def history(self) -> concurrent.futures.Future[list[dict[str, Any]]]:
        """Newest first; each {txid, height, delta_sat, fee_sat, timestamp, kind}."""

        async def run() -> list[dict[str, Any]]:
            if self._service is None:
                raise NodeNotRunning("the wallet is not open")
            rows = await self._service.history(wait=0)
            return [r | {"kind": "onchain"} for r in rows]

        return self._loop.submit(run())

    def receive_address(self) -> concurrent.futures.Future[str]:
        async def run() -> str:
            if self._service is None:
                raise NodeNotRunning("the wallet is not open")
            return (await self._service.address())["address"]

        return self._loop.submit(run())

    def fee_quote(
        self, address: str, amount_sat: int | None, feerate: float | None = None
    ) -> concurrent.futures.Future[dict[str, Any]]:
        """What sending would cost: {fee_sat, feerate, amount_sat}; nothing is broadcast."""
        amount = "max" if amount_sat is None else amount_sat

        async def run() -> dict[str, Any]:
            if self._service is None:
                raise NodeNotRunning("the wallet is not open")
            r = await self._service.send(address, amount, feerate, dry_run=True, wait=FAIL_FAST)
            return {"fee_sat": r["fee_sat"], "feerate": r["feerate"], "amount_sat": r["amount_sat"]}

        return self._loop.submit(run())

    def send_onchain(
        self, address: str, amount_sat: int | None, feerate: float | None = None
    ) -> concurrent.futures.Future[str]:
        """Sign and broadcast; the txid. amount_sat None sends everything."""
        amount = "max" if amount_sat is None else amount_sat

        async def run() -> str:
            if self._service is None:
                raise NodeNotRunning("the wallet is not open")
            return (await self._service.send(address, amount, feerate, wait=FAIL_FAST))["txid"]

        return self._loop.submit(run())

    def close(self) -> None:
        """Stop the node and lock the wallet (blocks briefly)."""

        async def run() -> None:
            service, wallet = self._service, self._wallet
            self._service = self._wallet = None
            if service is not None:
                await service.close()
            if wallet is not None:
                wallet.close()
            self.emit(Event("state", {"state": "stopped"}))

        with contextlib.suppress(Exception):
            self._loop.submit(run()).result(timeout=15)

    def shutdown(self) -> None:
        """Stop the node (if open) and the worker thread."""
        self.close()
        self._loop.stop()
