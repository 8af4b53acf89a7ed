"""`poll`: wait, in a test's thread, until a check of a daemon process holds."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from wallet.errors import KiteError


def poll(what: str, check: Callable[[], Any], timeout: float = 90.0, interval: float = 0.1,
         passing: tuple[type[BaseException], ...] = (KiteError,)) -> Any:
    """The first true value of `check()`; the errors in `passing` (a daemon starting, or
    killed a moment ago) count as not yet; an AssertionError naming `what` at `timeout`."""
    deadline = time.monotonic() + timeout
    last: BaseException | None = None
    while True:
        try:
            value = check()
            if value:
                return value
        except passing as e:
            last = e
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}" + (f" ({last})" if last else ""))
        time.sleep(interval)
