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
import logging
import threading
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from wallet.errors import KiteError
from wallet.keys import bip39
from wallet.networks import Network
from wallet.storage import wallet_file

log = logging.getLogger(__name__)
T = TypeVar("T")


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
        self._node: Any = None

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

    def shutdown(self) -> None:
        """Stop the node (if open) and the worker thread."""
        self._loop.stop()
