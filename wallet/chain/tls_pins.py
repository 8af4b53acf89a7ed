"""Which TLS certificate each Electrum server showed us: trust on first use, per wallet.

A server whose certificate verifies against the system's certificate authorities is
remembered as `ca`: from then on it must keep verifying. A server with a self-signed
certificate (most Electrum servers) has its certificate's SHA-256 pinned the first time we
see it; a different certificate later is refused (unless it verifies against the CAs: an
operator moving to a CA-signed one). Pins live in the wallet folder, `server_certs.json`,
written atomically; an unreadable file is logged and read as empty.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from wallet.sentence import Sentence

log = logging.getLogger(__name__)

PINS_NAME = "server_certs.json"
MAX_FILE_BYTES = 1024 * 1024
KINDS = ("ca", "pinned")


@dataclass(frozen=True)
class Pin:
    kind: str  # "ca": must verify against the CAs; "pinned": must match `sha256`
    sha256: str | None = None


class CertPins:
    """Pins by "host:port"; in memory only when `path` is None."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path
        self._pins: dict[str, Pin] = self._load() if path is not None else {}

    def get(self, server: str) -> Pin | None:
        return self._pins.get(server)

    def set(self, server: str, pin: Pin) -> None:
        if pin.kind not in KINDS or (pin.kind == "pinned") != (pin.sha256 is not None):
            raise ValueError(Sentence("bad pin %1", repr(pin)))
        if self._pins.get(server) == pin:
            return
        self._pins[server] = pin
        self._save()

    def _load(self) -> dict[str, Pin]:
        assert self.path is not None
        try:
            if self.path.stat().st_size > MAX_FILE_BYTES:
                raise ValueError("too large")
            data = json.loads(self.path.read_text("utf-8"))
            return {str(k): Pin(v["kind"], v.get("sha256")) for k, v in data.items()
                    if isinstance(v, dict) and v.get("kind") in KINDS}
        except FileNotFoundError:
            return {}
        except (OSError, ValueError, AttributeError, TypeError) as e:
            log.warning("ignoring unreadable %s: %s", self.path, e)
            return {}

    def _save(self) -> None:
        if self.path is None:
            return
        data = {k: {"kind": p.kind} | ({"sha256": p.sha256} if p.sha256 else {})
                for k, p in sorted(self._pins.items())}
        tmp = self.path.with_name(self.path.name + ".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.write(fd, json.dumps(data, indent=1).encode())
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, self.path)
        with contextlib.suppress(OSError):  # the rename itself made durable
            dfd = os.open(self.path.parent, os.O_RDONLY)
            try:
                os.fsync(dfd)
            finally:
                os.close(dfd)
