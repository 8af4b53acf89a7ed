"""The node's Electrum server list: which servers, their state, and the user's changes.

The list is the network's shipped servers (the devnet's on regtest) plus the ones the user
added (`server_choice`); a server picked by the user is used alone. A server given on the
command line (`--server`) is used alone until the user changes the list. Every change is
saved first, then the chain node reconnects from the new list.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from wallet.chain.electrum_client import ServerAddress
from wallet.chain.node import ChainNode
from wallet.chain.server_choice import (
    ServerChoice,
    load_choice,
    save_choice,
    with_added,
    with_chosen,
    with_removed,
)
from wallet.chain.servers import NoServerConfigured, resolve_servers
from wallet.chain.tls_pins import Pin
from wallet.networks import Network


def shipped_servers(network: Network) -> list[ServerAddress]:
    """The network's own servers (the running devnet's on regtest; none when there is none)."""
    try:
        return resolve_servers(network, None)[0]
    except NoServerConfigured:
        return []


def server_list(network: Network, choice: ServerChoice, explicit: str | None
                ) -> tuple[list[ServerAddress], bool]:
    """(candidates, fixed) for the pool: `explicit` alone, the chosen one alone, or all."""
    if explicit:
        return resolve_servers(network, explicit)
    if choice.chosen is not None:
        return [ServerAddress.parse(choice.chosen)], True
    known = shipped_servers(network)
    known += [s for s in map(ServerAddress.parse, choice.added) if s not in known]
    return known, False


class ServerService:
    """Commands `servers`, `server_add`, `server_remove`, `server_choose`."""

    def __init__(self, wallet_dir: Path, network: Network, chain: ChainNode,
                 explicit: str | None) -> None:
        self.wallet_dir = Path(wallet_dir)
        self.network = network
        self.chain = chain
        self.explicit = explicit
        self.choice = load_choice(self.wallet_dir)

    @property
    def handlers(self) -> dict[str, Callable[..., Awaitable[Any]]]:
        return {"servers": self.servers, "server_add": self.server_add,
                "server_remove": self.server_remove, "server_choose": self.server_choose}

    def known(self) -> list[ServerAddress]:
        """Every server the user can pick: shipped, added, and one given on the command line."""
        out = shipped_servers(self.network)
        extra = list(map(ServerAddress.parse, self.choice.added))
        if self.explicit:
            extra.append(ServerAddress.parse(self.explicit, self.network.default_electrum_port))
        return out + [s for s in extra if s not in out]

    async def servers(self) -> dict[str, Any]:
        """{servers: [{server, state, reason, added, chosen, in_use}], automatic}: every known
        server, with the state the pool has for it ("untried" when it is not a candidate)."""
        states = {row["server"]: row for row in self.chain.pool.states()}
        added = set(self.choice.added)
        chosen = self.choice.chosen or (
            str(self.chain.pool.candidates[0]) if self.explicit and self.chain.pool.candidates
            else None)
        rows = []
        for server in self.known():
            key = str(server)
            row = states.get(key, {"state": "untried", "reason": ""})
            rows.append({"server": key, "state": row["state"], "reason": row["reason"],
                         "added": key in added, "chosen": key == chosen,
                         "in_use": key in states})
        return {"servers": rows, "automatic": chosen is None}

    async def _apply(self, choice: ServerChoice) -> dict[str, Any]:
        save_choice(self.wallet_dir, choice)
        self.choice, self.explicit = choice, None
        candidates, fixed = server_list(self.network, choice, None)
        self.chain.pool.replace(candidates, fixed)
        await self.chain.reconnect()
        return await self.servers()

    async def server_add(self, server: str, fingerprint: str = "") -> dict[str, Any]:
        """Add a server (HOST:PORT[:s|t]); with a fingerprint, its certificate is pinned."""
        choice, address, pin = with_added(self.choice, self.known(), str(server),
                                          str(fingerprint or ""))
        if pin is not None:
            self.chain.pool.pins.set(f"{address.host}:{address.port}", Pin("pinned", pin))
        return await self._apply(choice)

    async def server_remove(self, server: str) -> dict[str, Any]:
        return await self._apply(with_removed(self.choice, str(server)))

    async def server_choose(self, server: str = "") -> dict[str, Any]:
        """Use this one server only; "" (or nothing) goes back to automatic."""
        return await self._apply(with_chosen(self.choice, self.known(), str(server or "")))
