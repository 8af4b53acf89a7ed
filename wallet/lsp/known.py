"""The LSPs Kite knows of, shipped as data (`data/known_lsps.json`), per network: name,
node id, host, port. Suggestions only: none is required, none is used unless the user
chooses it (Settings, `kite daemon --lsp-peer`), and what each sells is asked of it
(`lsps0.list_protocols`) before use, never assumed from this list. An entry that does not
check (node id, host, port, name) is left out, so a bad edit of the file cannot reach a
connection."""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources

MAX_NAME = 64


@dataclass(frozen=True)
class KnownLsp:
    name: str
    node_id: str  # 33-byte compressed public key, hex
    host: str
    port: int

    @property
    def peer(self) -> str:
        """NODEID@HOST:PORT, what `--lsp-peer` and Settings take."""
        return f"{self.node_id}@{self.host}:{self.port}"


def known_lsps(network_name: str) -> list[KnownLsp]:
    text = resources.files("wallet.lsp.data").joinpath("known_lsps.json").read_text("utf-8")
    return parse_known(json.loads(text), network_name)


def parse_known(data: object, network_name: str) -> list[KnownLsp]:
    """The checked entries of `network_name` (unknown network: none)."""
    networks = data.get("networks") if isinstance(data, dict) else None
    entries = networks.get(network_name, []) if isinstance(networks, dict) else []
    out: list[KnownLsp] = []
    for e in entries if isinstance(entries, list) else []:
        lsp = _entry(e)
        if lsp is not None and all(lsp.node_id != o.node_id for o in out):
            out.append(lsp)
    return out


def _entry(e: object) -> KnownLsp | None:
    if not isinstance(e, dict):
        return None
    name, node_id, host, port = e.get("name"), e.get("node_id"), e.get("host"), e.get("port")
    if not (isinstance(name, str) and 0 < len(name) <= MAX_NAME and name.isprintable()):
        return None
    if not (isinstance(node_id, str) and len(node_id) == 66 and node_id[:2] in ("02", "03")):
        return None
    try:
        bytes.fromhex(node_id)
    except ValueError:
        return None
    if not (isinstance(host, str) and 0 < len(host) <= 255 and host.isascii()
            and not any(c.isspace() or c in "@/" for c in host)):
        return None
    if not (isinstance(port, int) and not isinstance(port, bool) and 0 < port < 65536):
        return None
    return KnownLsp(name, node_id.lower(), host, port)
