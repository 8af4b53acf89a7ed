"""How the facade reaches the wallet's node: one in this process, or a running `kite daemon`.

Both answer the same command table (`NodeService.handlers`), so the facade (`wallet/api.py`) is one
client of it either way: in-process a command is a call of the service's function; attached,
the same name and parameters go over the daemon's socket (`rpc.py`) and the reply
comes back as JSON. Events come from the service's callback in-process and from the
daemon's `events` long poll when attached (`event_log.py`).
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any, Protocol

from wallet.daemon import rpc
from wallet.daemon.service import NodeService

POLL_WAIT = 20.0  # seconds one `events` request waits for news
CALL_DEADLINE = 600.0  # seconds an attached command may take (as the CLI's; a payment waits)
POLL_SLACK = 15.0  # seconds past POLL_WAIT before a silent daemon counts as gone


class NodeLink(Protocol):
    attached: bool

    async def call(self, name: str, **params: Any) -> Any:
        """The command `name` with keyword `params`; its errors raised as KiteErrors."""

    async def close(self) -> None:
        """Let go of the node (stopping it only if it is ours)."""


class InProcess:
    """The node runs here, on the facade's loop."""

    attached = False

    def __init__(self, service: NodeService) -> None:
        self.service = service

    async def call(self, name: str, **params: Any) -> Any:
        return await self.service.handlers[name](**params)

    async def close(self) -> None:
        await self.service.close()


class Attached:
    """The wallet's `kite daemon` runs the node; the window only asks it. Each command is
    one connection to the socket on the facade's loop (cancelled with it)."""

    attached = True

    def __init__(self, wallet_dir: Path) -> None:
        self.path = rpc.socket_path(wallet_dir)

    async def call(self, name: str, **params: Any) -> Any:
        deadline = POLL_WAIT + POLL_SLACK if name == "events" else CALL_DEADLINE
        try:
            async with asyncio.timeout(deadline):
                return await rpc.request_async(self.path, name, params)
        except TimeoutError:
            raise rpc.DaemonError(f"the daemon did not answer {name} in time") from None

    async def close(self) -> None:
        """The daemon runs on: it is not the window's to stop."""
