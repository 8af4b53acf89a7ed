"""The background tasks one component starts and must cancel when it stops.

The event loop keeps only weak references to tasks, so a component holds its own until
each one ends; stopping cancels whatever is still running."""
from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable


class BackgroundTasks:
    """A set of running tasks, each dropped from the set when it ends."""

    def __init__(self) -> None:
        self._tasks: set[asyncio.Task] = set()

    def spawn(self, coro: Awaitable, name: str) -> asyncio.Task:
        """Run `coro` on the running loop as a task named `name`, held until it ends."""
        task = asyncio.get_running_loop().create_task(coro, name=name)  # type: ignore[arg-type]
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    def cancel_all(self) -> list[asyncio.Task]:
        """Cancel every running task; returns them (for a caller that waits for them)."""
        tasks = list(self._tasks)
        for task in tasks:
            task.cancel()
        return tasks

    async def stop(self) -> None:
        """Cancel every running task and wait for each to end (whatever it raised)."""
        for task in self.cancel_all():
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task


class Periodic:
    """A step run every `interval` seconds while `when()` says so, until stopped; a failed
    step is logged and the next one comes (one bad round must not end the watch)."""

    def __init__(self, step: Callable[[], Awaitable[object]], when: Callable[[], bool],
                 name: str, log: logging.Logger) -> None:
        self._step, self._when, self._name, self._log = step, when, name, log
        self._task: asyncio.Task | None = None

    def start(self, interval: float) -> None:
        if self._task is None:
            self._task = asyncio.get_running_loop().create_task(self._run(interval),
                                                                name=self._name)

    async def _run(self, interval: float) -> None:
        while True:
            if self._when():
                try:
                    await self._step()
                except asyncio.CancelledError:
                    raise
                except Exception:
                    self._log.exception("%s: a round failed", self._name)
            await asyncio.sleep(interval)

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._task
            self._task = None
