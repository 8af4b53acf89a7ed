"""`Devnet`: start and stop a regtest chain (bcoin) and an Electrum server (ElectrumX) over it.

Nothing is installed here (scripts/setup_devnet.sh does that). Start-up: bcoin with the
devnet launcher (wallet/devnet/js/bcoin-devnet.js) on an in-memory chain, initial blocks
mined to the devnet's own address, then ElectrumX with a fresh database, ready once it
answers `server.version` at the node's height (a persistent devnet reopens both instead). Ports are picked free; logs stay in the
devnet's directory. Every process is stopped on close, on exception, at interpreter exit,
and by itself if this process dies (see wallet/devnet/processes.py).
"""

from __future__ import annotations

import importlib.util
import os
import secrets
import shutil
import sys
import tempfile
import time
from pathlib import Path

from wallet.devnet.chain import DevnetChain
from wallet.devnet.node_rpc import NodeRpc, NodeRpcError
from wallet.devnet.processes import Child, DevnetError, free_port, wait_until
from wallet.devnet.state import DevnetState

HERE = Path(__file__).resolve().parent
JS_DIR = HERE / "js"
LAUNCHER = JS_DIR / "bcoin-devnet.js"
ELECTRUMX_RUNNER = HERE / "electrumx_runner.py"
SETUP_HINT = "run scripts/setup_devnet.sh"


def check_installed() -> str:
    """The node binary, once everything the devnet needs is known to be installed."""
    node = shutil.which("node")
    if not node:
        raise DevnetError(f"Node.js (node) is not on PATH; {SETUP_HINT}")
    if not (JS_DIR / "node_modules" / "bcoin" / "package.json").is_file():
        raise DevnetError(f"bcoin is not installed in {JS_DIR}; {SETUP_HINT}")
    for module in ("electrumx", "plyvel"):
        if importlib.util.find_spec(module) is None:
            raise DevnetError(f"Python package {module!r} is missing; {SETUP_HINT}")
    return node


class Devnet(DevnetChain):
    """A running regtest chain and Electrum server; use as a context manager.

    directory: where logs and the ElectrumX database go (default: a new temporary folder,
    removed on a clean close unless keep_dir). initial_blocks: the chain's height at
    start-up, mined to the devnet's address (101 makes the first coinbase spendable).
    persistent: keep bcoin's chain and ElectrumX's database on disk in `directory` and
    reopen them on the next start (for benchmarks that need a long chain, mined once);
    by default both start empty. buried_deployments: CSV and segwit active from genesis, as
    in Bitcoin Core's regtest (for chains built elsewhere: lnprototest's block 1 carries a
    witness commitment); by default they activate at height 3 as everywhere else.
    """

    def __init__(self, directory: str | os.PathLike | None = None, *, initial_blocks: int = 101,
                 poll_ms: int = 100, startup_timeout: float = 60.0,
                 keep_dir: bool = False, persistent: bool = False,
                 buried_deployments: bool = False) -> None:
        if persistent and directory is None:
            raise DevnetError("a persistent devnet needs a directory to keep its chain in")
        self._own_dir = directory is None
        self.directory = Path(directory) if directory else Path(
            tempfile.mkdtemp(prefix="kite-devnet-"))
        self.initial_blocks = initial_blocks
        self.poll_ms = poll_ms
        self.startup_timeout = startup_timeout
        self.keep_dir = keep_dir or persistent
        self.persistent = persistent
        self.buried_deployments = buried_deployments
        self.bcoin: Child | None = None
        self.electrumx: Child | None = None
        self.startup_seconds: float | None = None
        node = NodeRpc("127.0.0.1", free_port(), "kite", secrets.token_hex(16))
        super().__init__(node, ("127.0.0.1", free_port()))

    # -- life cycle ---------------------------------------------------------------------------

    def __enter__(self) -> Devnet:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()

    def start(self) -> Devnet:
        began = time.monotonic()
        node_bin = check_installed()
        self.directory.mkdir(parents=True, exist_ok=True)
        try:
            self._start_bcoin(node_bin)
            if self.height() < self.initial_blocks:
                self.mine(self.initial_blocks - self.height(), wait=False)
            self._start_electrumx()
        except BaseException:
            self.close(failed=True)
            raise
        self.startup_seconds = time.monotonic() - began
        return self

    def close(self, *, failed: bool = False) -> None:
        """Stop ElectrumX, then bcoin; remove a temporary directory after a clean run."""
        if failed:
            self.keep_dir = True  # its logs explain the failure
        for child in (self.electrumx, self.bcoin):
            if child is not None:
                child.stop()
        self.electrumx = self.bcoin = None
        if self._own_dir and not self.keep_dir and not failed:
            shutil.rmtree(self.directory, ignore_errors=True)

    @property
    def pids(self) -> list[int]:
        """Process ids of the running children (for checks that nothing is left behind)."""
        return [c.pid for c in (self.bcoin, self.electrumx) if c is not None]

    def state(self) -> DevnetState:
        host, port = self.electrum_address
        return DevnetState(electrum_host=host, electrum_port=port, rpc_url=self.rpc_url,
                           directory=str(self.directory), pid=os.getpid())

    # -- the parts ----------------------------------------------------------------------------

    def _start_bcoin(self, node_bin: str) -> None:
        prefix = self.directory / "bcoin"
        prefix.mkdir(exist_ok=True)
        self.bcoin = Child(
            "bcoin",
            [node_bin, str(LAUNCHER), f"--prefix={prefix}", f"--http-port={self.node.port}",
             f"--api-key={self.node.password}",
             f"--memory={'false' if self.persistent else 'true'}"]
            + (["--buried-deployments"] if self.buried_deployments else []),
            log_path=self.directory / "bcoin.log", cwd=JS_DIR,
        )

        def answers() -> bool:
            try:
                return "txindex" in self.rpc("getindexinfo")
            except NodeRpcError as e:
                raise DevnetError(str(e)) from None

        self._wait("bcoin's RPC", answers, [self.bcoin])

    def _start_electrumx(self) -> None:
        db = self.directory / "electrumx-db"
        if not self.persistent:
            shutil.rmtree(db, ignore_errors=True)
        db.mkdir(exist_ok=True)
        host, port = self.electrum_address
        env = dict(os.environ)
        env.update({
            "COIN": "Bitcoin",
            "NET": "regtest",
            "DB_ENGINE": "leveldb",
            "DB_DIRECTORY": str(db),
            "DAEMON_URL": self.rpc_url,
            "SERVICES": f"tcp://{host}:{port}",
            "PEER_DISCOVERY": "off",
            "PEER_ANNOUNCE": "",
            "COST_SOFT_LIMIT": "100000000",
            "COST_HARD_LIMIT": "1000000000",
            "DAEMON_POLL_INTERVAL_BLOCKS": str(self.poll_ms),
            "DAEMON_POLL_INTERVAL_MEMPOOL": str(self.poll_ms),
            "CACHE_MB": "200",
            "ALLOW_ROOT": "1",
            "LOG_LEVEL": "info",
        })
        self.electrumx = Child(
            "ElectrumX", [sys.executable, str(ELECTRUMX_RUNNER)],
            log_path=self.directory / "electrumx.log", env=env, cwd=self.directory,
        )
        target = self.height()

        def caught_up() -> bool:
            return self.electrum_height() >= target

        self._wait("ElectrumX to serve the chain", caught_up, [self.bcoin, self.electrumx])

    def _wait(self, what: str, check, children: list[Child]) -> None:
        try:
            wait_until(what, check, timeout=self.startup_timeout, children=children)
        except DevnetError as e:
            tails = "\n".join(
                f"--- {c.log_path} (last lines) ---\n{c.log_tail()}" for c in children
            )
            raise DevnetError(f"{e}\n{tails}") from None

