"""A test double of the facade's node-side calls, for GUI tests only.

It extends the real `WalletApi` (real loop thread, real event stream, real `create`) with
the calls the GUI codes against and the coordinator is still adding (`open`, `balance`,
`history`, `receive_address`, `fee_quote`, `send_onchain`, `node_id`) answering from data
the test sets instead of a node, so flows that need a funded, synced wallet (send with
a failure and a retry, incoming payments) run in a second. Answers come back on the node thread, as the real ones will, so the tests
check that the models marshal them to the GUI thread.
"""

from __future__ import annotations

import asyncio
import threading
from typing import Any

from wallet.api import Event, WalletApi
from wallet.errors import KiteError


class SendFailed(KiteError):
    pass


class ScriptedApi(WalletApi):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.password = "correct horse"
        self.balance_data = {"confirmed": 1_250_000, "unconfirmed": 30_000, "immature": 0,
                             "lightning": 0}
        self.history_data: list[dict[str, Any]] = []
        self.address = ""
        self.send_failures = 0  # how many sends fail before one succeeds
        self.sent: list[tuple[str, int | None, float | None]] = []
        self.callback_threads: set[str] = set()
        self.delay = 0.0

    NODE_ID = "02" + "ab" * 32

    def _answer(self, value: Any = None, error: Exception | None = None):
        async def run() -> Any:
            self.callback_threads.add(threading.current_thread().name)
            if self.delay:
                await asyncio.sleep(self.delay)
            if error is not None:
                raise error
            return value

        return self._loop.submit(run())

    def push(self, kind: str, **data: Any) -> None:
        """Emit an event from the node thread, as the node does."""
        self._loop.loop.call_soon_threadsafe(self.emit, Event(kind, data))

    def open(self, password: str):
        if password != self.password:
            return self._answer(error=KiteError("wrong password"))
        self.node_id = self.NODE_ID
        return self._answer()

    def balance(self):
        return self._answer(dict(self.balance_data))

    def history(self):
        return self._answer([dict(h) for h in self.history_data])

    def receive_address(self):
        return self._answer(self.address)

    def fee_quote(self, address: str, amount_sat: int | None, feerate: float | None):
        amount = 1_000_000 if amount_sat is None else amount_sat
        return self._answer({"fee_sat": 141, "feerate": 1.0, "amount_sat": amount})

    def send_onchain(self, address: str, amount_sat: int | None, feerate: float | None):
        self.sent.append((address, amount_sat, feerate))
        if self.send_failures > 0:
            self.send_failures -= 1
            return self._answer(error=SendFailed("the server refused the transaction"))
        return self._answer("ee" * 32)
