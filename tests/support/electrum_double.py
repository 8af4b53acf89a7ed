"""A scriptable Electrum server for tests: honest by default, told how to lie per method.

Real sockets, real aiorpcx framing; the replies come from a dict of handlers so a test can
make the server lie in one specific way.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

import aiorpcx


class FakeElectrumServer:
    def __init__(self, handlers: dict[str, Callable[..., Any]] | None = None) -> None:
        self.handlers: dict[str, Callable[..., Any]] = {
            "server.version": lambda client, versions: ["FakeX 1.0", "1.4"],
            "server.ping": lambda: None,
        }
        self.handlers.update(handlers or {})
        self.calls: list[tuple[str, tuple]] = []
        self.sessions: list[aiorpcx.RPCSession] = []
        self._server = None
        self.port = 0

    async def start(self, ssl_context: Any = None, port: int = 0) -> None:
        """Listen on 127.0.0.1 (`port` 0: any free one), over TLS with `ssl_context`."""
        outer = self

        class Session(aiorpcx.RPCSession):
            async def handle_request(self, request: Any) -> Any:
                outer.calls.append((request.method, tuple(request.args)))
                handler = outer.handlers.get(request.method)
                if handler is None:
                    raise aiorpcx.RPCError(-32601, f"unknown method {request.method}")
                result = handler(*request.args)
                if inspect.isawaitable(result):
                    result = await result
                return result

            async def connection_lost(self) -> None:
                await super().connection_lost()

        def factory(transport: Any) -> Session:
            s = Session(transport)
            outer.sessions.append(s)
            return s

        self._server = await aiorpcx.serve_rs(factory, "127.0.0.1", port, ssl=ssl_context)
        self.port = self._server.sockets[0].getsockname()[1]

    async def notify(self, method: str, *args: Any) -> None:
        for s in self.sessions:
            if not s.is_closing():
                await s.send_notification(method, args)

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()
        for s in self.sessions:
            await s.close(force_after=1)
