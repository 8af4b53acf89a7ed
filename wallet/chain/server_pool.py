"""Which Electrum server we talk to: candidates, reconnection with backoff, and bans.

A server caught lying (bad proof of work, false Merkle proof, a transaction that is not
what it claims) is banned for the rest of the session and recorded through `on_ban` so the
wallet can remember it. With a fixed server (`--server`) the pool never switches, but it
still refuses a banned one rather than keep trusting it.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from wallet.chain.electrum_client import (
    CertificateRejected,
    ElectrumClient,
    ServerAddress,
    ServerError,
    ServerMisbehaved,
)
from wallet.chain.tls_pins import CertPins
from wallet.errors import KiteError
from wallet.sentence import Sentence

log = logging.getLogger(__name__)


class NoServerAvailable(KiteError):
    """Every candidate server is banned."""


@dataclass
class ServerPool:
    candidates: list[ServerAddress]
    fixed: bool = False
    timeout: float = 20.0
    banned: dict[ServerAddress, str] = field(default_factory=dict)
    on_ban: Callable[[ServerAddress, str], None] | None = None
    backoff_start: float = 0.5
    backoff_max: float = 30.0
    pins: CertPins = field(default_factory=CertPins)  # the wallet's TLS pins
    cafile: str | None = None  # certificate authorities instead of the system's (tests)
    #: told when a server's TLS certificate is refused (changed pin...): (server, why)
    on_refused: Callable[[ServerAddress, str], None] | None = None
    #: told whenever a server's state (see `states`) changes
    on_change: Callable[[], None] | None = None
    _rng: random.Random = field(default_factory=random.SystemRandom)
    _failures: dict[ServerAddress, int] = field(default_factory=dict)
    #: this run's last word on each server tried: (state, reason); see `states`
    _tried: dict[ServerAddress, tuple[str, str]] = field(default_factory=dict)

    def _note(self, server: ServerAddress, state: str, reason: str = "") -> None:
        if self._tried.get(server) != (state, reason):
            self._tried[server] = (state, reason)
            if self.on_change is not None:
                self.on_change()

    def states(self) -> list[dict[str, str]]:
        """Each candidate with `state`: "connected" (in use), "answered" (reachable, not in
        use), "failed" (did not answer, or the connection was lost: `reason`), "banned"
        (caught lying, or its certificate refused: `reason`) or "untried"."""
        out = []
        for server in self.candidates:
            if server in self.banned:
                state, reason = "banned", self.banned[server]
            else:
                state, reason = self._tried.get(server, ("untried", ""))
            out.append({"server": str(server), "state": state, "reason": reason})
        return out

    def replace(self, candidates: list[ServerAddress], fixed: bool) -> None:
        """Use another list of servers (the user changed it); what was learnt is kept."""
        self.candidates, self.fixed = list(candidates), fixed
        self._failures.clear()
        if self.on_change is not None:
            self.on_change()

    def note_lost(self, server: ServerAddress, reason: str) -> None:
        """The session with `server` ended (dropped, lagging, or we moved on)."""
        if self._tried.get(server, ("",))[0] == "connected":
            self._note(server, "failed", reason)

    def note_answered(self, server: ServerAddress) -> None:
        """`server` answered a side question (a cross-check): it is reachable."""
        if self._tried.get(server, ("",))[0] != "connected":
            self._note(server, "answered")

    def usable(self) -> list[ServerAddress]:
        return [s for s in self.candidates if s not in self.banned]

    def ban(self, server: ServerAddress, reason: str) -> None:
        log.warning("banning server %s: %s", server, reason)
        self.banned[server] = reason
        if self.on_ban is not None:
            self.on_ban(server, reason)
        if self.on_change is not None:
            self.on_change()

    def note_failure(self, server: ServerAddress) -> None:
        """A server failed us after connecting (lagging, dropped): prefer others next."""
        self._failures[server] = self._failures.get(server, 0) + 1

    def _order(self) -> list[ServerAddress]:
        usable = self.usable()
        if self.fixed:
            return usable[:1]
        # fewest recent failures first, random among equals: spreads load, avoids a dead one
        self._rng.shuffle(usable)
        return sorted(usable, key=lambda s: self._failures.get(s, 0))

    def client(self, server: ServerAddress, *, timeout: float | None = None,
               on_notification: Any = None) -> ElectrumClient:
        """A client for `server` with the pool's TLS pins and settings (not connected)."""
        return ElectrumClient(server, timeout=self.timeout if timeout is None else timeout,
                              on_notification=on_notification, pins=self.pins,
                              cafile=self.cafile)

    async def connect(self, notifications: asyncio.Queue | None = None) -> ElectrumClient:
        """A connected client, retrying with exponential backoff until one answers."""
        delay = self.backoff_start
        while True:
            order = self._order()
            if not order:
                reasons = "; ".join(f"{s}: {r}" for s, r in self.banned.items())
                if not reasons:
                    raise NoServerAvailable("no usable Electrum server: none is configured")
                raise NoServerAvailable(Sentence("no usable Electrum server (%1)", reasons))
            for server in order:
                client = self.client(
                    server,
                    on_notification=(lambda m, a: notifications.put_nowait((m, a)))
                    if notifications is not None
                    else None,
                )
                try:
                    await client.connect()
                except CertificateRejected as e:
                    self._failures[server] = self._failures.get(server, 0) + 1
                    log.warning("%s", e)
                    self._note(server, "failed", str(e))
                    if self.on_refused is not None:
                        self.on_refused(server, str(e))
                    continue
                except ServerMisbehaved as e:
                    self.ban(server, str(e))
                    continue
                except ServerError as e:
                    self._failures[server] = self._failures.get(server, 0) + 1
                    log.info("server %s unavailable: %s", server, e)
                    self._note(server, "failed", str(e) or type(e).__name__)
                    continue
                self._failures[server] = 0
                self._note(server, "connected")
                log.info("connected to %s (%s)", server, client.server_software)
                return client
            await asyncio.sleep(delay * (0.5 + self._rng.random()))
            delay = min(delay * 2, self.backoff_max)
