"""A minimal blocking Electrum protocol client (newline-delimited JSON-RPC 2.0 over TCP).

The devnet uses it to see when ElectrumX is up and caught up, and tests use it to talk to
the server without Kite's own Electrum client in the way.
"""

from __future__ import annotations

import json
import socket
from typing import Any

from wallet.devnet.processes import DevnetError


class ElectrumRpcError(DevnetError):
    """The Electrum server answered a request with an error."""

    def __init__(self, method: str, code: int, message: str) -> None:
        super().__init__(f"{method}: {message} (code {code})")
        self.method = method
        self.code = code
        self.reason = message


class ElectrumProbe:
    """One connection; requests are answered in turn, notifications are kept in a list."""

    def __init__(self, host: str, port: int, *, timeout: float = 10.0) -> None:
        try:
            self._sock = socket.create_connection((host, port), timeout=timeout)
        except OSError as e:
            raise DevnetError(f"cannot connect to Electrum server {host}:{port}: {e}") from None
        self._file = self._sock.makefile("rb")
        self._ids = 0
        self.notifications: list[dict[str, Any]] = []

    def close(self) -> None:
        self._file.close()
        self._sock.close()

    def __enter__(self) -> ElectrumProbe:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def call(self, method: str, *params: Any) -> Any:
        self._ids += 1
        request_id = self._ids
        line = json.dumps({"jsonrpc": "2.0", "id": request_id, "method": method,
                           "params": list(params)})
        try:
            self._sock.sendall(line.encode() + b"\n")
            while True:
                raw = self._file.readline()
                if not raw:
                    raise DevnetError(f"{method}: Electrum server closed the connection")
                message = json.loads(raw)
                if message.get("id") is None:
                    self.notifications.append(message)
                    continue
                if message["id"] != request_id:
                    continue
                if message.get("error"):
                    err = message["error"]
                    raise ElectrumRpcError(method, int(err.get("code", 0)),
                                           str(err.get("message", "")))
                return message.get("result")
        except OSError as e:
            raise DevnetError(f"{method}: Electrum connection failed: {e}") from None
        except ValueError:
            raise DevnetError(f"{method}: Electrum server sent malformed JSON") from None
