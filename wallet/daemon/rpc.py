"""Local JSON-RPC between the CLI and a running `kite daemon`, over a Unix socket.

The socket lives in the wallet folder with mode 0600: only the wallet's owner can talk to
the node. One JSON object per line, JSON-RPC 2.0 shaped. Errors raised by handlers as
`KiteError` travel back with their exit code, so the CLI shows the same one-line message
and exit status whether a command ran locally or in the daemon.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import socket
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from wallet.errors import InputError, KiteError

log = logging.getLogger(__name__)

SOCKET_NAME = "daemon.sock"
MAX_LINE = 16 * 1024 * 1024
Handler = Callable[..., Awaitable[Any]]


class DaemonNotRunning(KiteError):
    """No daemon answers on the wallet's socket."""


class DaemonError(KiteError):
    """The daemon reported a failure (its message is passed on)."""


class DaemonInputError(InputError):
    """The daemon rejected the input (its message is passed on)."""


def socket_path(wallet_dir: Path) -> Path:
    return Path(wallet_dir) / SOCKET_NAME


def _socket_is_live(path: Path) -> bool:
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        s.settimeout(1.0)
        s.connect(str(path))
        return True
    except OSError:
        return False
    finally:
        s.close()


class RpcServer:
    """Serves `handlers` (name -> async function of keyword params) on a Unix socket."""

    def __init__(self, path: Path, handlers: dict[str, Handler]) -> None:
        self.path = Path(path)
        self.handlers = handlers
        self._server: asyncio.AbstractServer | None = None

    async def start(self) -> None:
        if self.path.exists():
            if _socket_is_live(self.path):
                raise KiteError(f"a daemon is already running for this wallet ({self.path})")
            self.path.unlink()  # left behind by a crashed daemon
        old_umask = os.umask(0o177)
        try:
            self._server = await asyncio.start_unix_server(
                self._serve_client, path=str(self.path), limit=MAX_LINE
            )
        finally:
            os.umask(old_umask)
        os.chmod(self.path, 0o600)

    async def close(self) -> None:
        if self._server is not None:
            self._server.close()
            with contextlib.suppress(Exception):
                await self._server.wait_closed()
            self._server = None
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()

    async def _serve_client(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while line := await reader.readline():
                reply = await self._dispatch(line)
                writer.write(json.dumps(reply).encode() + b"\n")
                await writer.drain()
        except (ConnectionError, asyncio.LimitOverrunError, ValueError):
            pass
        finally:
            writer.close()

    async def _dispatch(self, line: bytes) -> dict[str, Any]:
        req_id = None
        try:
            req = json.loads(line)
            req_id = req.get("id")
            method, params = req["method"], req.get("params") or {}
            if not isinstance(params, dict):
                raise ValueError("params must be an object")
        except (ValueError, KeyError, TypeError, AttributeError):
            return {"id": req_id, "error": {"code": -32600, "message": "invalid request"}}
        handler = self.handlers.get(method)
        if handler is None:
            return {"id": req_id, "error": {"code": -32601, "message": f"unknown method {method}"}}
        try:
            result = await handler(**params)
        except KiteError as e:
            return {"id": req_id, "error": {"code": e.exit_code, "message": str(e)}}
        except TypeError as e:
            return {"id": req_id, "error": {"code": 2, "message": f"bad parameters: {e}"}}
        except Exception:
            log.exception("daemon command %s failed", method)
            return {"id": req_id, "error": {"code": 1, "message": f"{method} failed (see the log)"}}
        return {"id": req_id, "result": result}


def call(path: Path, method: str, timeout: float | None = 600.0, **params: Any) -> Any:
    """Call the daemon synchronously (for the CLI); raise its error as a KiteError."""
    return request(path, method, params, timeout)


def request(path: Path, method: str, params: dict[str, Any],
            timeout: float | None = 600.0) -> Any:
    """`call` with the parameters as a dict (one may be named `timeout`)."""
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(timeout)
    try:
        try:
            s.connect(str(path))
        except OSError:
            raise DaemonNotRunning(
                "no daemon is running for this wallet; start one with `kite daemon`"
            ) from None
        s.sendall(json.dumps({"id": 1, "method": method, "params": params}).encode() + b"\n")
        buf = bytearray()
        while not buf.endswith(b"\n"):
            chunk = s.recv(65536)
            if not chunk:
                raise DaemonError("the daemon closed the connection")
            buf += chunk
    except TimeoutError:
        raise DaemonError(f"the daemon did not answer {method} in time") from None
    finally:
        s.close()
    reply = json.loads(buf)
    if "error" in reply:
        err = reply["error"]
        cls = DaemonInputError if err.get("code") == 2 else DaemonError
        raise cls(err.get("message", "unknown error"))
    return reply.get("result")
