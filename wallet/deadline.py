"""`within(seconds, awaitable)`: an awaitable with a deadline that never loses a cancellation.

Python 3.11's `asyncio.wait_for` runs its awaitable in a task of its own; when a
cancellation from outside meets that inner task finishing, wait_for returns the result
and the cancellation is lost (CPython gh-86296, fixed in 3.12). A loop around such a call
then runs on after its owner cancelled it, and whoever waits for it hangs. `asyncio.timeout`
cancels the current task itself and tells its own cancellation from anyone else's, so
every shell awaits with a deadline through this one function.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import TypeVar

T = TypeVar("T")


async def within(seconds: float | None, awaitable: Awaitable[T]) -> T:
    """Await `awaitable`, raising TimeoutError after `seconds` (None: no deadline)."""
    async with asyncio.timeout(seconds):
        return await awaitable
