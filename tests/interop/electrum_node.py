"""An Electrum regtest daemon beside the devnet: the independent Lightning node that the
interop tests pit Kite against. Two builds (`ElectrumBuild`): 4.3.4 (below) and 4.8.1, which
requires anchor channels, from ../shared/peers/electrum-4.8.1 unmodified, run by the Python
of its own venv (.venv-electrum48, scripts/setup_electrum48.sh) with its folder first on the
path; the same life cycle and commands apply to both (`add_request` differs, see there).

Electrum comes from Debian (`python3-electrum`, see scripts/setup_electrum.sh) and runs on the
system Python. The package ships no `electrum` executable (that is Debian's `electrum`
package, which drags in Qt), only the launcher script inside the package directory
(`.../dist-packages/electrum/electrum`), which we run with `runpy`.

Life cycle (what `ElectrumNode.start()` does; the CLI equivalents are in the comments):

1. `electrum --regtest -D DIR --offline create`                   -> a fresh wallet (seed)
2. config (DIR/regtest/config, the same keys as `--offline setconfig KEY VALUE`):
   server 127.0.0.1:PORT:t, oneserver true, auto_connect false (talk to the devnet's
   ElectrumX only), lightning_listen 127.0.0.1:LNPORT, rpcport/rpcuser/rpcpassword
   (a TCP JSON-RPC endpoint, so commands don't pay for a Python start-up each)
3. `electrum --regtest -D DIR daemon` in the foreground, as our child process (its stdin is
   a pipe: if this process dies, a watchdog thread in the launcher exits the daemon)
4. `load_wallet`, then wait until `getinfo` reports the devnet's tip and the wallet is
   synchronized. Regtest has no checkpoints and Electrum skips proof-of-work checks on test
   networks, so it trusts the devnet's chain from genesis (same genesis as bcoin's regtest).

Commands go to the daemon's JSON-RPC (`call`), or through the real CLI (`cli`, slower:
about 0.7 s per call). Checked with 4.3.4: `getinfo`, `is_synchronized`, `nodeid` (answers
NODEID@HOST:PORT once the wallet is loaded: lightning_listen binds only then),
`getunusedaddress`, `getbalance` (BTC strings), `add_peer NODEID@HOST:PORT`, `list_peers`
(its "features" is Electrum's own vector after negotiation), `open_channel NODEID@HOST:PORT
AMOUNT_BTC` (Electrum without gossip opens channels only to peers advertising trampoline
bit 148/149 or 150/151), `add_request AMOUNT_BTC --memo M` (its "lightning_invoice" is the
BOLT 11 invoice; without `force` it returns false when no unused address is left),
`list_channels`. `daemon -d` (detached) and `stop` work too; we run the daemon in the
foreground so that it is our child. `stop()` sends `stop`, waits for the process, then kills its process
group whatever happened, so nothing outlives a test.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import json
import os
import secrets
import shutil
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from wallet.devnet.processes import Child, free_port, pid_alive
from wallet.devnet.stack import DevnetError, check_installed

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("KITE_SHARED", ROOT.parent / "shared"))


@dataclass(frozen=True)
class ElectrumBuild:
    """One Electrum version: the Python that runs it, and where its code is (`source`: a
    folder holding `run_electrum` and `electrum/`, put first on that Python's path; None:
    the installed package, whose launcher is `electrum/electrum`). `server_fee_estimate`
    (sat/vB): what the devnet's server must answer to `estimatefee` while this build runs,
    None for no estimate (Electrum 4.8 without estimates closes channels at no less than
    150 sat/vB, see test_electrum_v48_channels.py)."""

    version: str
    python: str
    source: Path | None
    setup_script: str
    server_fee_estimate: int | None = None

    def run_code(self) -> str:
        """`python -c` code that runs the `electrum` command line with the given arguments."""
        if self.source is None:
            return ("import os, runpy, electrum; "
                    "runpy.run_path(os.path.join(os.path.dirname(electrum.__file__), "
                    "'electrum'), run_name='__main__')")
        return (f"import sys, runpy; sys.path.insert(0, {str(self.source)!r}); "
                f"runpy.run_path({str(self.source / 'run_electrum')!r}, run_name='__main__')")

    def daemon_code(self) -> str:
        """The same, and the process exits when our end of its stdin closes (we exited or
        were killed)."""
        return ("import os, sys, threading\n"
                "def _watchdog():\n"
                "    sys.stdin.buffer.read()\n"
                "    os._exit(3)\n"
                "threading.Thread(target=_watchdog, daemon=True).start()\n" + self.run_code())

    def installed_version(self) -> str | None:
        """The version this build's Python finds, or None."""
        code = ("import electrum.version as v; print(v.ELECTRUM_VERSION)" if self.source is None
                else f"import sys; sys.path.insert(0, {str(self.source)!r}); "
                     "import electrum.version as v; print(v.ELECTRUM_VERSION)")
        try:
            out = subprocess.run([self.python, "-c", code], capture_output=True, text=True,
                                 timeout=30)
        except (OSError, subprocess.TimeoutExpired):
            return None
        return out.stdout.strip() or None if out.returncode == 0 else None


#: Debian's python3-electrum (scripts/setup_electrum.sh)
ELECTRUM_4_3 = ElectrumBuild("4.3.4", "/usr/bin/python3", None, "scripts/setup_electrum.sh")
#: ../shared/peers/electrum-4.8.1 in its own venv (scripts/setup_electrum48.sh): anchors only
ELECTRUM_4_8 = ElectrumBuild("4.8.1", str(ROOT / ".venv-electrum48" / "bin" / "python"),
                             SHARED / "peers" / "electrum-4.8.1", "scripts/setup_electrum48.sh",
                             server_fee_estimate=5)

PYTHON = ELECTRUM_4_3.python
WANTED_VERSION = ELECTRUM_4_3.version


class ElectrumError(Exception):
    """Electrum refused a command, or the daemon did not start / answer in time."""


def electrum_version(build: ElectrumBuild = ELECTRUM_4_3) -> str | None:
    """The Electrum version installed for `build`, or None."""
    return build.installed_version()


def interop_marks(build: ElectrumBuild = ELECTRUM_4_3) -> list[pytest.MarkDecorator]:
    """An interop test module's `pytestmark`: slow, and skipped (saying which setup script to
    run) when the devnet or this Electrum build is not installed."""
    try:
        check_installed()
        devnet_missing = None
    except DevnetError as e:
        devnet_missing = str(e)
    version = electrum_version(build)
    return [
        pytest.mark.slow,
        pytest.mark.skipif(devnet_missing is not None, reason=f"devnet: {devnet_missing}"),
        pytest.mark.skipif(version != build.version,
                           reason=f"Electrum {build.version} not installed (found {version}); "
                                  f"run {build.setup_script}"),
    ]


async def until(check, what: str, timeout: float = 60.0, interval: float = 0.2):
    """Wait (polling every `interval` s) until `check()` (sync or async) is truthy; returns its value."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if asyncio.iscoroutine(value):
            value = await value
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(interval)


def btc_to_sat(value: str | int | float | Decimal) -> int:
    return int((Decimal(str(value)) * 100_000_000).to_integral_value())


def sat_to_btc(sat: int) -> str:
    return str(Decimal(sat) / 100_000_000)


class ElectrumNode:
    """One Electrum regtest daemon with one wallet; use as a context manager."""

    def __init__(self, electrum_server: tuple[str, int], directory: str | Path | None = None,
                 *, lightning_port: int | None = None, startup_timeout: float = 60.0,
                 call_timeout: float = 60.0, keep_dir: bool = False,
                 build: ElectrumBuild = ELECTRUM_4_3) -> None:
        self.build = build
        self.server = electrum_server
        self._own_dir = directory is None
        self.directory = Path(directory or tempfile.mkdtemp(prefix="kite-electrum-"))
        self.lightning_port = lightning_port or free_port()
        self.rpc_port = free_port()
        self._rpc_auth = "Basic " + base64.b64encode(
            f"kite:x{secrets.token_hex(16)}".encode()).decode()
        self.startup_timeout = startup_timeout
        self.call_timeout = call_timeout
        self.keep_dir = keep_dir
        self.daemon: Child | None = None
        self.seed: str | None = None
        self.startup_seconds: float | None = None
        self._node_id: bytes | None = None

    # -- life cycle ---------------------------------------------------------------------------

    def __enter__(self) -> ElectrumNode:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def start(self, *, sync_height: int | None = None) -> ElectrumNode:
        """Create the wallet, configure, start the daemon, load the wallet; with sync_height,
        wait until Electrum has verified headers up to it and synchronized the wallet."""
        began = time.monotonic()
        self.directory.mkdir(parents=True, exist_ok=True)
        try:
            if not self.wallet_path.exists():
                created = self.cli("create", offline=True)
                self.seed = created.get("seed") if isinstance(created, dict) else None
            self._write_config()
            self.daemon = Child(
                f"Electrum {self.build.version}",
                [self.build.python, "-c", self.build.daemon_code(), "--regtest", "-D",
                 str(self.directory), "-v", "daemon"],
                log_path=self.directory / "electrum.log", cwd=self.directory)
            self._wait("the daemon's RPC", lambda: self.call("ping") is True)
            self.call("load_wallet")
            if sync_height is not None:
                self.wait_synced(sync_height)
        except BaseException:
            self.stop(failed=True)
            raise
        self.startup_seconds = time.monotonic() - began
        return self

    def stop(self, *, failed: bool = False) -> None:
        """Stop the daemon cleanly (`stop`), then make sure its whole process group is gone."""
        if self.daemon is not None:
            if self.daemon.running():
                with contextlib.suppress(ElectrumError, OSError):
                    self.call("stop", http_timeout=10)
                with contextlib.suppress(subprocess.TimeoutExpired):
                    self.daemon.proc.wait(10)
            self.daemon.stop(timeout=5)
            self.daemon = None
        if failed:
            self.keep_dir = True
        if self._own_dir and not self.keep_dir:
            shutil.rmtree(self.directory, ignore_errors=True)

    @property
    def wallet_path(self) -> Path:
        return self.directory / "regtest" / "wallets" / "default_wallet"

    def restart(self, *, sync_height: int | None = None,
                while_stopped: Callable[[Path], None] | None = None) -> ElectrumNode:
        """Stop the daemon and start it again on the same wallet (its channels reload from
        the wallet file and reconnect to their peers). `while_stopped(wallet_path)` runs
        in between (to save a copy of the wallet, or put an old copy back)."""
        own, self._own_dir = self._own_dir, False
        try:
            self.stop()
        finally:
            self._own_dir = own
        if while_stopped is not None:
            while_stopped(self.wallet_path)
        return self.start(sync_height=sync_height)

    @property
    def pid(self) -> int | None:
        return self.daemon.pid if self.daemon is not None else None

    def alive(self) -> bool:
        return self.daemon is not None and pid_alive(self.daemon.pid)

    def log_tail(self, lines: int = 40) -> str:
        return self.daemon.log_tail(lines) if self.daemon else ""

    def _write_config(self) -> None:
        """The same keys `electrum --regtest -D DIR --offline setconfig KEY VALUE` would set."""
        path = self.directory / "regtest" / "config"
        config = json.loads(path.read_text()) if path.exists() else {}
        user, password = base64.b64decode(self._rpc_auth.split()[1]).decode().split(":", 1)
        host, port = self.server
        config.update({
            # without the current version, Electrum "upgrades" the file: :t becomes :s (SSL)
            "config_version": 3,
            "server": f"{host}:{port}:t",
            "oneserver": True,
            "auto_connect": False,
            "lightning_listen": f"127.0.0.1:{self.lightning_port}",
            "rpchost": "127.0.0.1",
            "rpcport": self.rpc_port,
            "rpcuser": user,
            "rpcpassword": password,
            "log_to_file": False,
        })
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(config, indent=2))

    def _wait(self, what: str, check, timeout: float | None = None, interval: float = 0.1):
        deadline = time.monotonic() + (timeout or self.startup_timeout)
        last: Exception | None = None
        while True:
            if self.daemon is not None and not self.daemon.running():
                raise ElectrumError(f"Electrum exited while waiting for {what}:\n{self.log_tail()}")
            try:
                result = check()
                if result:
                    return result
            except (ElectrumError, OSError) as e:
                last = e
            if time.monotonic() > deadline:
                raise ElectrumError(f"timed out waiting for {what} (last error: {last})\n"
                                    f"{self.log_tail()}")
            time.sleep(interval)

    # -- talking to it ------------------------------------------------------------------------

    def cli(self, *args: str, offline: bool = False, timeout: float | None = None) -> Any:
        """Run the real `electrum` command line (JSON output decoded when it is JSON)."""
        argv = [self.build.python, "-c", self.build.run_code(), "--regtest", "-D",
                str(self.directory)]
        if offline:
            argv.append("--offline")
        try:
            out = subprocess.run(argv + list(args), capture_output=True, text=True,
                                 timeout=timeout or self.call_timeout, cwd=self.directory,
                                 stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            raise ElectrumError(f"electrum {args[0]} timed out") from None
        if out.returncode != 0:
            raise ElectrumError(f"electrum {' '.join(args)}: exit {out.returncode}: "
                                f"{(out.stderr or out.stdout).strip()[-2000:]}")
        try:
            return json.loads(out.stdout)
        except json.JSONDecodeError:
            return out.stdout.strip()

    def call(self, method: str, *, http_timeout: float | None = None, **params: Any) -> Any:
        """One command through the daemon's JSON-RPC (what the CLI does, minus start-up).
        `params` are the command's named arguments, as in `electrum help COMMAND`."""
        body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": method,
                           "params": params}).encode()
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.rpc_port}/", data=body,
            headers={"Content-Type": "application/json", "Authorization": self._rpc_auth})
        try:
            with urllib.request.urlopen(request, timeout=http_timeout or self.call_timeout) as resp:
                reply = json.loads(resp.read())
        except urllib.error.HTTPError as e:
            raise ElectrumError(f"electrum {method}: HTTP {e.code}") from None
        except (urllib.error.URLError, TimeoutError, ConnectionError) as e:
            raise ElectrumError(f"electrum {method}: {getattr(e, 'reason', e)}") from None
        if reply.get("error"):
            err = reply["error"]
            raise ElectrumError(f"electrum {method}: {err.get('message', err)}")
        return reply.get("result")

    # -- wallet and chain ---------------------------------------------------------------------

    def getinfo(self) -> dict:
        return self.call("getinfo")

    def wait_synced(self, height: int, timeout: float | None = None) -> dict:
        """Wait until Electrum has verified headers to `height` and the wallet is synced."""
        def synced():
            info = self.getinfo()
            return (info if info.get("connected") and info.get("blockchain_height", -1) >= height
                    and self.call("is_synchronized") else None)
        return self._wait(f"Electrum to sync to height {height}", synced, timeout)

    def address(self) -> str:
        return self.call("getunusedaddress")

    def balance(self) -> dict[str, int]:
        """{"confirmed": sat, "unconfirmed": sat, ...} (Electrum reports BTC strings)."""
        return {k: btc_to_sat(v) for k, v in self.call("getbalance").items()}

    def wait_balance(self, confirmed_sat: int, timeout: float | None = None) -> dict[str, int]:
        return self._wait(f"a confirmed balance of {confirmed_sat} sat",
                          lambda: (b := self.balance()).get("confirmed", 0) >= confirmed_sat and b,
                          timeout)

    # -- Lightning ----------------------------------------------------------------------------

    @property
    def node_id(self) -> bytes:
        """Electrum's node id (`nodeid` answers NODEID@HOST:PORT when listening)."""
        if self._node_id is None:
            self._node_id = bytes.fromhex(self.call("nodeid").split("@")[0])
        return self._node_id

    @property
    def lightning_address(self) -> tuple[str, int]:
        return ("127.0.0.1", self.lightning_port)

    def add_peer(self, node_id: bytes, host: str, port: int, timeout: float = 20) -> bool:
        return self.call("add_peer", connection_string=f"{node_id.hex()}@{host}:{port}",
                         timeout=timeout, http_timeout=timeout + 5)

    def list_peers(self) -> list[dict]:
        return self.call("list_peers")

    def peer(self, node_id: bytes) -> dict | None:
        return next((p for p in self.list_peers() if p["node_id"] == node_id.hex()), None)

    def open_channel(self, node_id: bytes, host: str, port: int, amount_sat: int,
                     push_sat: int = 0) -> str:
        """Returns the funding outpoint "txid:index" (Electrum's channel point)."""
        return self.call("open_channel", connection_string=f"{node_id.hex()}@{host}:{port}",
                         amount=sat_to_btc(amount_sat), push_amount=sat_to_btc(push_sat))

    def list_channels(self) -> list[dict]:
        return self.call("list_channels")

    def add_request(self, amount_sat: int, memo: str = "", expiration: int = 3600) -> dict:
        """A payment request; its "lightning_invoice" is the BOLT 11 invoice. Electrum 4.3.4
        needs an unused address for it (`force` makes a new one); 4.8 calls the expiry
        `expiry` and makes a Lightning-only request (no address) with `lightning`."""
        if self.build.version.startswith("4.3"):
            return self.call("add_request", amount=sat_to_btc(amount_sat), memo=memo,
                             expiration=expiration, force=True)
        return self.call("add_request", amount=sat_to_btc(amount_sat), memo=memo,
                         expiry=expiration, lightning=True)

    def lnpay(self, invoice: str, timeout: float = 120) -> dict:
        return self.call("lnpay", invoice=invoice, timeout=timeout, http_timeout=timeout + 10)

    def close_channel(self, channel_point: str, force: bool = False) -> str:
        """Returns the closing transaction id."""
        return self.call("close_channel", channel_point=channel_point, force=force)
