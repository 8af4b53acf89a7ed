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
from wallet.errors import InputError
from wallet.sentence import Sentence

POLL_WAIT = 20.0  # seconds one `events` request waits for news
CALL_DEADLINE = 600.0  # seconds an attached command may take (as the CLI's; a payment waits)
POLL_SLACK = 15.0  # seconds past POLL_WAIT before a silent daemon counts as gone


class NodeLink(Protocol):
    attached: bool

    async def call(self, command: str, /, **params: Any) -> Any:
        """The command `command` with keyword `params`; its errors raised as KiteErrors."""

    async def close(self) -> None:
        """Let go of the node (stopping it only if it is ours)."""


class InProcess:
    """The node runs here, on the facade's loop."""

    attached = False

    def __init__(self, service: NodeService) -> None:
        self.service = service

    async def call(self, command: str, /, **params: Any) -> Any:
        return await self.service.handlers[command](**params)

    async def close(self) -> None:
        await self.service.close()


class Attached:
    """The wallet's `kite daemon` runs the node; the window only asks it. Each command is
    one connection to the socket on the facade's loop (cancelled with it)."""

    attached = True

    def __init__(self, wallet_dir: Path) -> None:
        self.path = rpc.socket_path(wallet_dir)

    async def call(self, command: str, /, **params: Any) -> Any:
        deadline = POLL_WAIT + POLL_SLACK if command == "events" else CALL_DEADLINE
        try:
            async with asyncio.timeout(deadline):
                return await rpc.request_async(self.path, command, params)
        except TimeoutError:
            raise rpc.DaemonError(Sentence("the daemon did not answer %1 in time", command)) from None

    async def close(self) -> None:
        """The daemon runs on: it is not the window's to stop."""


class DaemonLightning:
    """What the LNURL flows need of the node (`lnurl_service.LightningNode`), asked of the
    daemon: a window attached to it runs the flows itself (the HTTP, the checks of what
    the service answers, the user's linking keys) and only pays and makes invoices there,
    so what is paid is the request the user was shown, never one fetched again."""

    def __init__(self, link: NodeLink) -> None:
        self.link = link

    async def pay(self, invoice_text: str, amount_msat: int | None = None, *,
                  max_fee_msat: int | None = None, timeout: float = 60.0) -> dict[str, Any]:
        if amount_msat is not None and amount_msat % 1000:
            raise InputError("an amount in whole sat is needed to pay through the daemon")
        return await self.link.call(
            "pay", invoice=invoice_text, timeout=timeout,
            amount_sat=None if amount_msat is None else amount_msat // 1000,
            max_fee_sat=None if max_fee_msat is None else max_fee_msat // 1000)

    async def create_invoice(self, amount_msat: int | None, description: str = "",
                             expiry: int = 3600) -> str:
        amount = {"amount_sat": 0} if amount_msat is None else {"amount_msat": amount_msat}
        made = await self.link.call("invoice", description=description, expiry=expiry,
                                    no_lsp=True, **amount)
        return str(made["invoice"])

    async def list_payments(self, limit: int | None = None) -> list[dict[str, Any]]:
        return list(await self.link.call("payments", limit=limit))

    async def list_channels(self) -> list[dict[str, Any]]:
        return list(await self.link.call("channel_list"))
