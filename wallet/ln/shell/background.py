"""The background tasks one component starts and must cancel when it stops.

The event loop keeps only weak references to tasks, so a component holds its own until
each one ends; stopping cancels whatever is still running."""
from __future__ import annotations

import asyncio
from collections.abc import Awaitable


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
