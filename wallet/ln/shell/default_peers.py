"""The trampoline node a network suggests for the first channel (from network_defaults.json,
or the running devnet's trampoline on regtest). Data only: nothing here connects."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from wallet.errors import KiteError
from wallet.networks import Network


def shipped_trampolines(network: Network) -> list[dict[str, Any]]:
    """[{name, node_id, host, port}] shipped for `network` (empty: none)."""
    data = json.loads(
        resources.files("wallet.chain.data").joinpath("network_defaults.json").read_text("utf-8")
    )
    return list(data.get("networks", {}).get(network.name, {}).get("trampolines", []))


def peer_text(entry: dict[str, Any]) -> str:
    """NODEID@HOST:PORT, the form `channel_open` takes."""
    return f"{entry['node_id']}@{entry['host']}:{int(entry['port'])}"


def default_trampoline(network: Network) -> str:
    """NODEID@HOST:PORT of the network's first trampoline, or "" when it has none. On
    regtest, the devnet's trampoline when a devnet that runs one has written its state."""
    if network.name == "regtest":
        from wallet.devnet.state import read_devnet_state

        try:
            state = read_devnet_state()
        except KiteError:  # a broken state file: no default, the user types one
            return ""
        tram = getattr(state, "tram", None) if state is not None else None
        if isinstance(tram, dict) and tram.get("node_id") and tram.get("port"):
            return peer_text(tram)
        return ""
    entries = shipped_trampolines(network)
    return peer_text(entries[0]) if entries else ""
