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
from wallet.sentence import Sentence, sentence_of
from wallet.untrusted_text import quote_untrusted

log = logging.getLogger(__name__)

SOCKET_NAME = "daemon.sock"
MAX_LINE = 1024 * 1024  # bytes of one request; the largest real one is a few KB
# JSON-RPC 2.0 error codes; handlers' KiteErrors carry their exit code (1 or 2) instead
PARSE_ERROR, INVALID_REQUEST, METHOD_NOT_FOUND, INTERNAL_ERROR = -32700, -32600, -32601, -32603
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


def daemon_answers(wallet_dir: Path) -> bool:
    """Whether a `kite daemon` listens on the wallet's socket right now."""
    return _socket_is_live(socket_path(wallet_dir))


class RpcServer:
    """Serves `handlers` (name -> async function of keyword params) on a Unix socket."""

    def __init__(self, path: Path, handlers: dict[str, Handler]) -> None:
        self.path = Path(path)
        self.handlers = handlers
        self._server: asyncio.AbstractServer | None = None

    async def start(self) -> None:
        if self.path.exists():
            if _socket_is_live(self.path):
                raise KiteError(Sentence("a daemon is already running for this wallet (%1)", self.path))
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
        """Every line gets one reply; a line over MAX_LINE gets an error and the end."""
        try:
            while True:
                try:
                    line = await reader.readline()
                except (ValueError, asyncio.LimitOverrunError):  # over the limit
                    writer.write(_encode(_error(None, INVALID_REQUEST,
                                                f"request larger than {MAX_LINE:,} bytes")))
                    await writer.drain()
                    return
                if not line:
                    return
                writer.write(await self._answer(line))
                await writer.drain()
        except ConnectionError:
            pass
        finally:
            writer.close()

    async def _answer(self, line: bytes) -> bytes:
        """The encoded reply to one request line; never raises (but for cancellation)."""
        try:
            reply = await self._dispatch(line)
        except Exception:  # a bug in the dispatcher: the caller still gets an answer
            log.exception("daemon request failed")
            reply = _error(None, INTERNAL_ERROR, "internal error (see the log)")
        try:
            return _encode(reply)
        except (TypeError, ValueError, RecursionError) as e:  # a result JSON cannot carry
            log.error("daemon reply could not be encoded: %s", type(e).__name__)
            return _encode(_error(reply.get("id"), INTERNAL_ERROR,
                                  "the result could not be encoded (see the log)"))

    async def _dispatch(self, line: bytes) -> dict[str, Any]:
        req_id = None
        try:
            req = json.loads(line)
        except (ValueError, RecursionError):  # RecursionError: nesting too deep
            return _error(None, PARSE_ERROR, "request is not valid JSON (or nested too deeply)")
        if not isinstance(req, dict):
            return _error(None, INVALID_REQUEST, "invalid request: not a JSON object")
        req_id = req.get("id")
        if not (req_id is None or isinstance(req_id, str | int) and not isinstance(req_id, bool)):
            req_id = None
        method, params = req.get("method"), req.get("params")
        if not isinstance(method, str):
            return _error(req_id, INVALID_REQUEST, "invalid request: method must be text")
        if params is None:
            params = {}
        if not isinstance(params, dict):
            return _error(req_id, INVALID_REQUEST, "invalid request: params must be an object")
        handler = self.handlers.get(method)
        if handler is None:
            return _error(req_id, METHOD_NOT_FOUND, f"unknown method {quote_untrusted(method, 64)}")
        try:
            result = await handler(**params)
        except KiteError as e:
            return _error(req_id, e.exit_code, str(e), kind=type(e).__name__,
                          sentence=sentence_of(e))
        except TypeError as e:
            return _error(req_id, 2, f"bad parameters: {quote_untrusted(e)}")
        except Exception:
            log.exception("daemon command %s failed", method)
            return _error(req_id, 1, f"{method} failed (see the log)")
        return {"id": req_id, "result": result}


def _error(req_id: Any, code: int, message: str, kind: str | None = None,
           sentence: Sentence | None = None) -> dict[str, Any]:
    """A JSON-RPC error; `data.type` names the KiteError class, so a window attached to the
    daemon can tell one failure from another as it does in-process; a `Sentence`'s template
    and values ride along (`sentence`), so it can say it in its language."""
    error: dict[str, Any] = {"code": code, "message": message}
    if kind is not None:
        error["data"] = {"type": kind}
    if sentence is not None:
        error["sentence"] = sentence.to_json()
    return {"id": req_id, "error": error}


_TYPED: dict[tuple[str, int], type[KiteError]] = {}


def _kite_error_classes() -> list[type[KiteError]]:
    found, todo = [], [KiteError]
    while todo:
        cls = todo.pop()
        found.append(cls)
        todo.extend(cls.__subclasses__())
    return found


def error_class(kind: Any, code: Any) -> type[KiteError]:
    """The class to raise for a daemon's error reply: the daemon's own error type when this
    process knows exactly one KiteError class of that name with the reply's exit code and a
    plain constructor, joined to DaemonError/DaemonInputError (so callers catching either
    still do); those alone otherwise. A lying daemon can only pick among our own errors."""
    base: type[KiteError] = DaemonInputError if code == 2 else DaemonError
    if not isinstance(kind, str) or len(kind) > 64:
        return base
    key = (kind, 2 if code == 2 else 1)
    if key not in _TYPED:
        named = [c for c in _kite_error_classes()
                 if c.__name__ == kind and c.exit_code == key[1]
                 and c.__init__ is Exception.__init__ and c not in (DaemonError, DaemonInputError)]
        if len(named) != 1:
            return base
        if issubclass(named[0], base) or named[0] in (KiteError, InputError):
            return base
        _TYPED[key] = type(kind, (named[0], base), {"__module__": named[0].__module__})
    return _TYPED[key]


def _encode(reply: dict[str, Any]) -> bytes:
    """One reply line; strict JSON (no NaN/Infinity, which other readers refuse)."""
    return json.dumps(reply, allow_nan=False).encode() + b"\n"


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
        raise DaemonError(Sentence("the daemon did not answer %1 in time", method)) from None
    finally:
        s.close()
    return _result(bytes(buf))


MAX_REPLY = 64 * 1024 * 1024  # bytes of one reply an asyncio client reads (a long history)


async def request_async(path: Path, method: str, params: dict[str, Any]) -> Any:
    """`request` on the caller's loop (the window attached to a daemon): cancelling it
    closes the connection, so nothing is left waiting on a thread."""
    try:
        reader, writer = await asyncio.open_unix_connection(str(path), limit=MAX_REPLY)
    except OSError:
        raise DaemonNotRunning(
            "no daemon is running for this wallet; start one with `kite daemon`") from None
    try:
        writer.write(json.dumps({"id": 1, "method": method, "params": params}).encode() + b"\n")
        await writer.drain()
        line = await reader.readline()
    except (OSError, ValueError, asyncio.LimitOverrunError):
        raise DaemonError("the daemon closed the connection") from None
    finally:
        writer.close()
    if not line.endswith(b"\n"):
        raise DaemonError("the daemon closed the connection")
    return _result(line)


def _result(line: bytes) -> Any:
    """The result of one reply line, or its error raised as a KiteError."""
    try:
        reply = json.loads(line)
    except ValueError:
        raise DaemonError("the daemon's reply is not JSON") from None
    if not isinstance(reply, dict):
        raise DaemonError("the daemon's reply is not a JSON object")
    if "error" in reply:
        err = reply["error"] if isinstance(reply["error"], dict) else {}
        data = err.get("data") if isinstance(err.get("data"), dict) else {}
        cls = error_class(data.get("type"), err.get("code"))
        message = str(err.get("message", "unknown error"))
        sentence = Sentence.from_json(err.get("sentence"))
        raise cls(sentence if sentence is not None and sentence == message else message)
    return reply.get("result")
