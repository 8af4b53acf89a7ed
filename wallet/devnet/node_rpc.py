"""A small blocking client for the devnet node's JSON-RPC and REST endpoints (bcoin)."""

from __future__ import annotations

import base64
import json
import urllib.error
import urllib.request
from typing import Any

from wallet.devnet.processes import DevnetError


class NodeRpcError(DevnetError):
    """The node answered a call with a JSON-RPC error (code and message as it sent them)."""

    def __init__(self, method: str, code: int, message: str) -> None:
        super().__init__(f"{method}: {message} (code {code})")
        self.method = method
        self.code = code
        self.reason = message


class NodeRpc:
    """JSON-RPC 1.0 over HTTP with basic auth, as Bitcoin Core and bcoin speak it."""

    def __init__(self, host: str, port: int, user: str, password: str, *,
                 timeout: float = 60.0) -> None:
        self.host, self.port = host, port
        self.user, self.password = user, password
        self.timeout = timeout
        token = base64.b64encode(f"{user}:{password}".encode()).decode()
        self._auth = f"Basic {token}"
        self._ids = 0

    @property
    def url(self) -> str:
        """The endpoint with its credentials, in the form ElectrumX's DAEMON_URL takes."""
        return f"http://{self.user}:{self.password}@{self.host}:{self.port}/"

    def _request(self, path: str, body: bytes | None) -> Any:
        req = urllib.request.Request(
            f"http://{self.host}:{self.port}{path}", data=body,
            headers={"Authorization": self._auth, "Content-Type": "application/json"},
            method="POST" if body is not None else "GET",
        )
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                raw = resp.read()
        except urllib.error.HTTPError as e:
            raw = e.read()  # JSON-RPC errors may come with a non-200 status
            if not raw:
                raise DevnetError(f"node HTTP {path}: {e.code} {e.reason}") from None
        except urllib.error.URLError as e:
            raise DevnetError(f"node at {self.host}:{self.port} unreachable: {e.reason}") from None
        try:
            return json.loads(raw)
        except ValueError:
            raise DevnetError(f"node HTTP {path}: reply is not JSON") from None

    def call(self, method: str, *params: Any) -> Any:
        """Call one method; a JSON-RPC error becomes NodeRpcError."""
        self._ids += 1
        body = json.dumps({"jsonrpc": "1.0", "id": self._ids, "method": method,
                           "params": list(params)}).encode()
        reply = self._request("/", body)
        if not isinstance(reply, dict):
            raise DevnetError(f"{method}: malformed JSON-RPC reply")
        error = reply.get("error")
        if error:
            raise NodeRpcError(method, int(error.get("code", -1)), str(error.get("message", "")))
        return reply.get("result")

    def get(self, path: str) -> Any:
        """GET one of bcoin's REST endpoints (e.g. /coin/address/ADDR)."""
        return self._request(path, None)
