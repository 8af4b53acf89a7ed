"""A Kite node of the devnet: a real `kite daemon` with its own regtest wallet, as a child.

The wallet (new seed words, a fixed worthless password) lives in the node's folder under
the devnet's directory; the daemon listens for Lightning peers on a free local port and
answers its JSON-RPC socket (`call`). It is stopped with the devnet (see
wallet/devnet/daemon_runner.py for why it cannot outlive it).
"""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path
from typing import Any

from wallet.daemon import rpc
from wallet.devnet.processes import Child, DevnetError, free_port, wait_until
from wallet.errors import KiteError

PASSWORD = "devnet"  # devnet wallets hold worthless regtest coins (and use a cheap KDF)


class DevnetKiteNode:
    """One Kite daemon on the devnet (`name` is what logs and errors call it)."""

    def __init__(self, name: str, directory: Path, electrum: tuple[str, int], *,
                 daemon_options: list[str] | None = None, env: dict[str, str] | None = None,
                 startup_timeout: float = 60.0) -> None:
        """`daemon_options`: more `kite daemon` options (e.g. ["--trampoline"]); `env`: more
        of the process's environment (e.g. XDG_DATA_HOME), never the node's options."""
        self.name = name
        self.directory = Path(directory)
        self.wallet_dir = self.directory / "wallet"
        self.electrum = electrum
        self.daemon_options = list(daemon_options or [])
        self.extra_env = dict(env or {})
        self.startup_timeout = startup_timeout
        self.host = "127.0.0.1"
        self.port = free_port()
        self.child: Child | None = None
        self.node_id: str | None = None

    @property
    def socket(self) -> Path:
        return rpc.socket_path(self.wallet_dir)

    @property
    def address(self) -> str:
        """NODEID@HOST:PORT, what `kite channel open` takes."""
        return f"{self.node_id}@{self.host}:{self.port}"

    def start(self) -> DevnetKiteNode:
        """Create the wallet (first time), start the daemon, wait until it answers."""
        self.launch()
        return self.wait_ready()

    def launch(self) -> None:
        """Create the wallet (first time) and start the daemon (without waiting for it)."""
        from wallet.keys.bip39 import generate_mnemonic
        from wallet.networks import REGTEST
        from wallet.storage.secrets import INSECURE_TEST_COST
        from wallet.storage.wallet_file import create_wallet, wallet_exists

        self.directory.mkdir(parents=True, exist_ok=True)
        env = dict(os.environ, KITE_PASSWORD=PASSWORD, **self.extra_env)
        if not wallet_exists(self.wallet_dir):
            create_wallet(self.wallet_dir, REGTEST, generate_mnemonic(), "", PASSWORD,
                          cost=INSECURE_TEST_COST)
        host, port = self.electrum
        self.child = Child(
            f"Kite node {self.name}",
            [sys.executable, "-m", "wallet.devnet.daemon_runner", "--network", "regtest",
             "--wallet", str(self.wallet_dir), "daemon", "--server", f"{host}:{port}:t",
             "--ln-port", str(self.port), *self.daemon_options],
            log_path=self.directory / "daemon.log", env=env,
            cwd=Path(__file__).resolve().parents[2],
        )

    def wait_ready(self) -> DevnetKiteNode:
        """Wait until the daemon answers; learn its node id."""
        if self.child is None:
            raise DevnetError(f"{self.name} was not launched")

        def answers() -> dict | None:
            try:
                return self.call("lninfo", rpc_timeout=5)
            except rpc.DaemonNotRunning:
                return None

        try:
            info = wait_until(f"{self.name}'s daemon", answers, timeout=self.startup_timeout,
                              children=[self.child])
        except DevnetError as e:
            raise DevnetError(f"{e}\n--- {self.child.log_path} (last lines) ---\n"
                              f"{self.child.log_tail()}") from None
        self.node_id = info["node_id"]
        if info.get("listen_port") != self.port:
            raise DevnetError(f"{self.name} does not listen on port {self.port}")
        return self

    def kill(self) -> None:
        """SIGKILL the daemon (a crash, for tests): nothing of it runs its shutdown. Its
        wallet stays; `start()` runs the node again from it."""
        if self.child is not None:
            self.child._signal_group(signal.SIGKILL)
            self.child.proc.wait(10)
            self.child.stop(timeout=1.0)
            self.child = None

    def stop(self) -> None:
        if self.child is not None:
            self.child.stop(timeout=10.0)
            self.child = None

    def call(self, method: str, /, rpc_timeout: float = 120.0, **params: Any) -> Any:
        """A command of the daemon's table (as `kite` sends it); its errors as KiteError."""
        return rpc.request(self.socket, method, params, rpc_timeout)

    def wait(self, what: str, check, timeout: float = 60.0) -> Any:
        """Poll check() (KiteErrors count as 'not yet') until it returns a truthy value."""
        deadline = time.monotonic() + timeout
        last: Exception | None = None
        while True:
            if self.child is not None:
                self.child.check_running()
            try:
                value = check()
                if value:
                    return value
            except KiteError as e:
                last = e
            if time.monotonic() > deadline:
                why = f" (last error: {last})" if last else ""
                raise DevnetError(f"timed out after {timeout:.0f} s waiting for {what}{why}")
            time.sleep(0.2)

    def info(self) -> dict[str, Any]:
        return {"node_id": self.node_id, "host": self.host, "port": self.port,
                "address": self.address, "wallet": str(self.wallet_dir),
                "socket": str(self.socket)}
