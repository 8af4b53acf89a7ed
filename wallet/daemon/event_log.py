"""The node's recent events, numbered, for a window attached to the daemon over its socket.

The socket carries requests and replies only, so an attached window asks `events` with the
number of the last event it saw and waits (a long poll): the reply comes as soon as there
is a newer event, or after `wait` seconds with none. Each reply holds what the in-process
window would have been told, in order. Only the last `KEPT` events are kept: a reader that
fell further behind is told (`missed`) and reloads what it shows.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from typing import Any

from wallet.errors import InputError

KEPT = 256  # events kept for readers that are behind
MAX_WAIT = 30.0  # seconds one `events` request may wait


class EventLog:
    def __init__(self, kept: int = KEPT) -> None:
        self._events: deque[tuple[int, str, dict[str, Any]]] = deque(maxlen=kept)
        self._seq = 0
        self._changed: asyncio.Event | None = None  # made on the node's loop, when first needed
        self._last_read = float("-inf")  # monotonic time of the last `events` request

    def listening(self) -> bool:
        """Whether a window has asked lately: a daemon nobody watches skips the work of
        completing events for windows (a new reader starts from the current number)."""
        return time.monotonic() - self._last_read < 2 * MAX_WAIT

    def record(self, kind: str, data: dict[str, Any]) -> None:
        """Remember one event (on the node's loop) and wake the readers waiting."""
        self._seq += 1
        self._events.append((self._seq, kind, dict(data)))
        if self._changed is not None:
            self._changed.set()
            self._changed = None

    async def events(self, since: Any = None, wait: Any = 0) -> dict[str, Any]:
        """{seq, events: [{seq, kind, data}], missed}: the events after `since` (None: none,
        only the current number), waiting up to `wait` seconds (at most MAX_WAIT) for one."""
        if since is not None and (isinstance(since, bool) or not isinstance(since, int)
                                  or since < 0):
            raise InputError("since must be a non-negative whole number")
        try:
            wait_s = min(max(float(wait), 0.0), MAX_WAIT)
        except (TypeError, ValueError):
            raise InputError("wait must be a number of seconds") from None
        self._last_read = time.monotonic()
        if since is not None and since >= self._seq and wait_s > 0:
            if self._changed is None:
                self._changed = asyncio.Event()
            changed = self._changed
            try:
                async with asyncio.timeout(wait_s):
                    await changed.wait()
            except TimeoutError:
                pass
        self._last_read = time.monotonic()
        return self._after(since)

    def _after(self, since: int | None) -> dict[str, Any]:
        if since is None or since > self._seq:  # a new reader, or another run of the node
            return {"seq": self._seq, "events": [], "missed": since is not None}
        oldest = self._events[0][0] if self._events else self._seq + 1
        return {"seq": self._seq, "missed": since + 1 < oldest,
                "events": [{"seq": s, "kind": k, "data": d}
                           for s, k, d in self._events if s > since]}
