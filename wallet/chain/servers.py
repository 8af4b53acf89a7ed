"""Where to find Electrum servers: the user's choice, the devnet, or the network defaults."""

from __future__ import annotations

import json
from importlib import resources

from wallet.chain.electrum_client import ServerAddress
from wallet.errors import InputError
from wallet.networks import Network
from wallet.sentence import Sentence


class NoServerConfigured(InputError):
    """No server was given and the network has no default."""


def default_servers(network: Network) -> list[ServerAddress]:
    """Public servers shipped with Kite (TLS where offered)."""
    data = json.loads(
        resources.files("wallet.chain.data").joinpath("network_defaults.json").read_text("utf-8")
    )
    entries = data.get("networks", {}).get(network.name, {}).get("electrum_servers", [])
    out = []
    for e in entries:
        if e.get("ssl"):
            out.append(ServerAddress(e["host"], int(e["ssl"]), True))
        elif e.get("tcp"):
            out.append(ServerAddress(e["host"], int(e["tcp"]), False))
    return out


def resolve_servers(network: Network, server: str | None) -> tuple[list[ServerAddress], bool]:
    """(candidates, fixed): `--server` wins; regtest uses a running devnet; else defaults."""
    if server:
        return [ServerAddress.parse(server, network.default_electrum_port)], True
    if network.name == "regtest":
        from wallet.devnet.state import read_devnet_state

        state = read_devnet_state()
        if state is None:
            raise NoServerConfigured(
                "no devnet is running (start one with `kite devnet up`) and no --server given"
            )
        host, port = state.electrum_host, state.electrum_port
        return [ServerAddress(host, port, False)], True
    servers = default_servers(network)
    if not servers:
        raise NoServerConfigured(Sentence("%1 has no default Electrum server; use --server", network.name))
    return servers, False
