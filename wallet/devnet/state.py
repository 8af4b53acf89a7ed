"""Where a running devnet says where it is, so `--network regtest` wallets and commands find it.

`kite devnet up` writes `<data dir>/regtest/devnet.json` (see `state_path()`) with its
Electrum server and node RPC endpoints and its process id, and removes it when it stops.
`read_devnet_state()` returns it only if that process is still alive.
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from wallet.devnet.processes import DevnetError, pid_alive
from wallet.paths import data_dir

STATE_FILE_NAME = "devnet.json"


@dataclass(frozen=True)
class DevnetState:
    electrum_host: str
    electrum_port: int
    rpc_url: str  # http://user:password@127.0.0.1:port/ (local, worthless credentials)
    directory: str  # where the devnet keeps its logs and ElectrumX's database
    pid: int  # the process running the devnet
    # the devnet world's Kite nodes (wallet/devnet/world.py): node_id, host, port, address
    # (NODEID@HOST:PORT), wallet, socket; None when only the chain runs
    tram: dict | None = None
    shop: dict | None = None
    # Shop's LNURL service (wallet/devnet/lnurl_codes.py `LnurlCodes.to_json`): base,
    # secret (to mint codes), pay_address, pay_lnurl; None when only the chain runs
    lnurl: dict | None = None
    # the devnet's BIP 353 zone (DevnetWorld.bip353): dns (HOST:PORT of its DNS server),
    # anchor ("ZONE DS", the regtest trust anchor), name (₿shop@kite.test); None without
    bip353: dict | None = None

    @property
    def electrum_server(self) -> str:
        """host:port:t, the form Electrum server lists use (t: plain TCP)."""
        return f"{self.electrum_host}:{self.electrum_port}:t"

    def to_json(self) -> dict:
        return {**asdict(self), "electrum_server": self.electrum_server}


def state_path(base: Path | None = None) -> Path:
    """The state file: `<base or the user's data dir>/regtest/devnet.json`."""
    return (base or data_dir()) / "regtest" / STATE_FILE_NAME


def write_devnet_state(state: DevnetState, path: Path | None = None) -> Path:
    """Write the state file atomically (readers never see half of it)."""
    path = path or state_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + f".{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)  # it holds the RPC password
    with os.fdopen(fd, "w") as f:
        f.write(json.dumps(state.to_json(), indent=2, sort_keys=True) + "\n")
    os.replace(tmp, path)
    return path


def remove_devnet_state(path: Path | None = None, *, pid: int | None = None) -> None:
    """Remove the state file (only if it is ours when pid is given)."""
    path = path or state_path()
    if pid is not None:
        try:
            if json.loads(path.read_text()).get("pid") != pid:
                return
        except (OSError, ValueError):
            return
    with contextlib.suppress(FileNotFoundError):
        path.unlink()


def read_devnet_state(path: Path | None = None) -> DevnetState | None:
    """The running devnet's endpoints, or None when no devnet is running.

    A state file left behind by a devnet that died without cleaning up is ignored.
    """
    path = path or state_path()
    try:
        raw = json.loads(path.read_text())
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as e:
        raise DevnetError(f"unreadable devnet state file {path}: {e}") from None
    try:
        state = DevnetState(
            electrum_host=str(raw["electrum_host"]),
            electrum_port=int(raw["electrum_port"]),
            rpc_url=str(raw["rpc_url"]),
            directory=str(raw["directory"]),
            pid=int(raw["pid"]),
            tram=_node_entry(raw.get("tram")),
            shop=_node_entry(raw.get("shop")),
            lnurl=_lnurl_entry(raw.get("lnurl")),
            bip353=_bip353_entry(raw.get("bip353")),
        )
    except (KeyError, TypeError, ValueError):
        raise DevnetError(f"malformed devnet state file {path}") from None
    if not pid_alive(state.pid):
        return None
    return state


def _node_entry(value: object) -> dict | None:
    if value is None:
        return None
    if not isinstance(value, dict) or not all(
            isinstance(value.get(k), str) for k in ("node_id", "host", "socket")) \
            or not isinstance(value.get("port"), int):
        raise ValueError("a devnet node entry needs node_id, host, port and socket")
    return dict(value)


def _lnurl_entry(value: object) -> dict | None:
    if value is None:
        return None
    if not isinstance(value, dict) or not all(
            isinstance(value.get(k), str) for k in ("base", "secret")):
        raise ValueError("a devnet LNURL entry needs base and secret")
    return dict(value)


def _bip353_entry(value: object) -> dict | None:
    if value is None:
        return None
    if not isinstance(value, dict) or not all(
            isinstance(value.get(k), str) for k in ("dns", "anchor", "name")):
        raise ValueError("a devnet BIP 353 entry needs dns, anchor and name")
    return dict(value)
