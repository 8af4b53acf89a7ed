"""`KiteRunner`: lnprototest's scripts played against a real `kite daemon`.

lnprototest (Core Lightning's protocol test framework) drives an implementation through a
*runner*. This one runs inside the framework's own virtualenv (scripts/conformance.sh makes
it) and never imports Kite: Kite runs as child processes started with Kite's virtualenv.

- The chain: `tests.conformance.chain_host` (bcoin + ElectrumX of the devnet, CSV and segwit
  buried at genesis as in Core's regtest) is started once per pytest session and shared.
  Each script starts from lnprototest's chain: its block 1 (whose coinbase pays the keys of
  its `tx_spendable`), then 100 blocks, height 101 and an empty mempool; a script that left
  it elsewhere is cut back to block 101 (bcoin's invalidateblock also empties the mempool).
- The node: `tests.conformance.kite_host`, a fresh wallet and daemon per run of a script
  (every branch of a `TryAll` runs against a new node, as lnprototest expects).
- The framework's side of each connection is pyln's BOLT 8 client; a reader thread per
  connection queues what Kite sends, so a timed-out wait never leaves a stray reader behind.
"""

from __future__ import annotations

import atexit
import base64
import contextlib
import hashlib
import json
import logging
import os
import queue
import shutil
import socket
import struct
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pyln.proto.wire
from chain_data import BLOCK_1
from lnprototest import (
    Conn,
    Event,
    EventError,
    ExpectDisconnect,
    KeySet,
    MustNotMsg,
    Runner,
    SpecFileError,
    namespace,
)

log = logging.getLogger("kite.conformance")

KITE_ROOT = Path(__file__).resolve().parents[2]
KITE_PYTHON = os.environ.get("KITE_PYTHON", str(KITE_ROOT / ".venv" / "bin" / "python"))
#: seconds to wait for a message Kite should send, or for the chain and Kite to catch up
TIMEOUT = float(os.environ.get("KITE_CONFORMANCE_TIMEOUT", "30"))
#: where the blocks the scripts ask for are mined to: P2WSH of OP_TRUE (no key, nobody's)
BURN_ADDRESS = "bcrt1qft5p2uhsdcdc3l2ua4ap5qqfg4pjaqlp250x7us7a8qqhrxrxfsqseac85"
START_HEIGHT = 101
#: the chain's fee estimate: 1 sat/vB is 250 sat/kw, below BOLT 2's 253 floor, so Kite
#: offers the floor as its commitment feerate, as the scripts' own messages do
FEERATE_SAT_VB = 1.0


def _wait(what: str, check: Any, timeout: float = TIMEOUT) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(0.05)


class _Chain:
    """The shared bcoin + ElectrumX pair (one per pytest session) and its RPC."""

    def __init__(self) -> None:
        self.directory = Path(os.environ.get("KITE_CONFORMANCE_DIR") or
                              Path(os.environ.get("TMPDIR", "/tmp")) / f"kite-lnpt-{os.getpid()}")
        shutil.rmtree(self.directory, ignore_errors=True)
        self.directory.mkdir(parents=True)
        self.log_path = self.directory / "chain_host.log"
        with open(self.log_path, "wb") as log_file:  # the child keeps its own descriptor
            self.proc = subprocess.Popen(
                [KITE_PYTHON, "-m", "tests.conformance.chain_host", str(self.directory)],
                cwd=KITE_ROOT, stdin=subprocess.PIPE, stdout=log_file,
                stderr=subprocess.STDOUT, env=dict(os.environ, PYTHONPATH=str(KITE_ROOT)),
                start_new_session=True)
        state_file = self.directory / "chain.json"

        def ready() -> bool:
            if self.proc.poll() is not None:
                raise RuntimeError(f"the chain host exited; see {self.log_path}")
            return state_file.exists()

        _wait("the devnet chain", ready, timeout=120)
        self.state = json.loads(state_file.read_text())
        token = f"{self.state['rpc_user']}:{self.state['rpc_password']}".encode()
        self._auth = "Basic " + base64.b64encode(token).decode()
        self._url = f"http://{self.state['rpc_host']}:{self.state['rpc_port']}/"
        self.electrum = (self.state["electrum_host"], int(self.state["electrum_port"]))

    def close(self) -> None:
        if self.proc.stdin is not None and not self.proc.stdin.closed and self.proc.poll() is None:
            self.proc.stdin.close()
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, 9)
                self.proc.wait()
            shutil.rmtree(self.directory, ignore_errors=True)

    def rpc(self, method: str, *params: Any) -> Any:
        body = json.dumps({"id": 1, "method": method, "params": list(params)}).encode()
        request = urllib.request.Request(self._url, body, {
            "Authorization": self._auth, "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=60) as reply:
                answer = json.loads(reply.read())
        except urllib.error.HTTPError as e:  # bcoin answers RPC errors with HTTP 500 too
            answer = json.loads(e.read())
        if answer.get("error"):
            raise RuntimeError(f"{method}: {answer['error'].get('message')}")
        return answer["result"]

    def height(self) -> int:
        return int(self.rpc("getblockcount"))

    def electrum_tip(self) -> str:
        """The block hash the Electrum server calls its tip."""
        with socket.create_connection(self.electrum, timeout=10) as s:
            f = s.makefile("rwb")
            for i, (method, params) in enumerate((("server.version", ["lnpt", "1.4"]),
                                                  ("blockchain.headers.subscribe", []))):
                f.write(json.dumps({"id": i, "method": method, "params": params}).encode()
                        + b"\n")
                f.flush()
                answer = json.loads(f.readline())
            header = bytes.fromhex(answer["result"]["hex"])
        return hashlib.sha256(hashlib.sha256(header).digest()).digest()[::-1].hex()

    def wait_for_electrum(self) -> None:
        tip = self.rpc("getbestblockhash")
        _wait(f"the Electrum server to reach block {tip}", lambda: self.electrum_tip() == tip)

    def is_fresh(self) -> bool:
        """Still lnprototest's starting chain (nothing mined or sent since `prepare`)."""
        return (self.height() == START_HEIGHT and not self.rpc("getrawmempool")
                and self.rpc("getbestblockhash") == self.start_tip)

    def prepare(self) -> None:
        """Build lnprototest's starting chain: its block 1, 100 more, an empty mempool."""
        if self.rpc("submitblock", BLOCK_1) is not None:
            raise RuntimeError("bcoin refused lnprototest's block 1")
        # block 2's coinbase is Kite's coin (mature from block 102: it opens channels)
        self.rpc("generatetoaddress", 1, kite_address())
        self.rpc("generatetoaddress", START_HEIGHT - 2, BURN_ADDRESS)
        self.rpc("setfeeestimate", FEERATE_SAT_VB)
        self.start_tip = self.rpc("getbestblockhash")
        self.wait_for_electrum()


_chain: _Chain | None = None


def fresh_chain() -> _Chain:
    """The shared chain at lnprototest's start; a used one is replaced by a new one.

    (Cutting blocks off is no way back: ElectrumX notices a reorganisation only when the
    node's chain grows past its own tip, so it would keep serving the cut blocks.)
    """
    global _chain
    if _chain is not None and not _chain.is_fresh():
        _chain.close()
        _chain = None
    if _chain is None:
        _chain = _Chain()
        atexit.register(_chain.close)
        _chain.prepare()
    return _chain


def shared_chain() -> _Chain:
    if _chain is None:
        raise RuntimeError("no chain: the runner has not started")
    return _chain





_stopping: list[subprocess.Popen] = []  # daemons asked to stop, not yet exited


def _reap(wait: bool = False) -> None:
    """Collect the daemons that have exited (with wait: all of them, killing any that
    takes more than 20 s)."""
    for proc in list(_stopping):
        if wait:
            try:
                proc.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, 9)
                proc.wait()
        if proc.poll() is not None:
            proc.stdin.close()
            _stopping.remove(proc)


atexit.register(_reap, wait=True)

_kite_features: dict[str, str] | None = None
_kite_address: str | None = None


def kite_address() -> str:
    """The conformance wallet's first receiving address (its seed words are fixed)."""
    global _kite_address
    if _kite_address is None:
        out = subprocess.run([KITE_PYTHON, "-m", "tests.conformance.kite_host", "--address"],
                             cwd=KITE_ROOT, check=True, capture_output=True,
                             env=dict(os.environ, PYTHONPATH=str(KITE_ROOT)))
        _kite_address = out.stdout.decode().strip()
    return _kite_address


def kite_features() -> dict[str, str]:
    """Feature name -> "even"/"odd", as Kite advertises them in `init` (asked once)."""
    global _kite_features
    if _kite_features is None:
        code = ("import json; from wallet.ln.shell.peer import DEFAULT_FEATURES as F; "
                "from wallet.ln.features import BY_BIT; "
                "print(json.dumps({BY_BIT[b].name: 'even' if b % 2 == 0 else 'odd' "
                "for b in sorted(F.bits) if b in BY_BIT}))")
        out = subprocess.run([KITE_PYTHON, "-c", code], cwd=KITE_ROOT, check=True,
                             capture_output=True, env=dict(os.environ, PYTHONPATH=str(KITE_ROOT)))
        _kite_features = json.loads(out.stdout)
    return _kite_features


class KiteConn(Conn):
    """One connection of the framework's side to Kite, with a thread reading it."""

    def __init__(self, connprivkey: str, node_id: bytes, port: int):
        super().__init__(connprivkey)
        self.connection = pyln.proto.wire.connect(
            pyln.proto.wire.PrivateKey(bytes.fromhex(self.connprivkey.to_hex())),
            pyln.proto.wire.PublicKey(node_id), "127.0.0.1", port)
        self.inbox: queue.Queue[bytes | None] = queue.Queue()
        self.closed = False  # Kite closed it (or it broke): nothing more will arrive
        threading.Thread(target=self._read, name=f"lnpt-conn-{connprivkey}",
                         daemon=True).start()

    def _read(self) -> None:
        try:
            while True:
                msg = self.connection.read_message()
                if msg is None:
                    break
                self.inbox.put(bytes(msg))
        except Exception:
            pass
        self.inbox.put(None)

    def next_message(self, timeout: float) -> bytes | None:
        """The next message Kite sent, or None (closed, or nothing within timeout)."""
        if self.closed:
            return None
        try:
            msg = self.inbox.get(timeout=timeout)
        except queue.Empty:
            return None
        if msg is None:
            self.closed = True
        return msg

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.connection.connection.close()


class KiteRunner(Runner):
    """lnprototest's `Runner` over a `kite daemon` (see the module's docstring)."""

    def __init__(self, config: Any):
        super().__init__(config)
        self.running = False
        self.proc: subprocess.Popen | None = None
        self.node_id: bytes | None = None
        self.ln_port = 0
        self.runs = 0
        self.opening: threading.Thread | None = None
        self.features = kite_features()

    # -- the node's life ------------------------------------------------------------------

    def is_running(self) -> bool:
        return self.running

    def start(self) -> None:
        _reap()
        chain = fresh_chain()
        self.runs += 1
        self.node_dir = Path(self.directory) / f"kite-{self.runs}"
        self.node_dir.mkdir()
        self.wallet_dir = self.node_dir / "wallet"
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.ln_port = s.getsockname()[1]
        host, port = chain.electrum
        with open(self.node_dir / "daemon.log", "wb") as log_file:
            self.proc = subprocess.Popen(
                [KITE_PYTHON, "-m", "tests.conformance.kite_host", str(self.wallet_dir),
                 f"{host}:{port}", str(self.ln_port)],
                cwd=KITE_ROOT, stdin=subprocess.PIPE, stdout=log_file,
                stderr=subprocess.STDOUT, start_new_session=True,
                env=dict(os.environ, PYTHONPATH=str(KITE_ROOT)))
        self.running = True
        info = _wait("Kite's daemon", lambda: self._try_rpc("lninfo"), timeout=60)
        self.node_id = bytes.fromhex(info["node_id"])
        self.wait_for_kite_height(chain.height())

    def _try_rpc(self, method: str, **params: Any) -> Any:
        if self.proc is not None and self.proc.poll() is not None:
            raise RuntimeError(f"Kite's daemon exited; see {self.node_dir / 'daemon.log'}")
        try:
            return self.rpc(method, timeout=5, **params)
        except (OSError, ConnectionError):
            return None

    def rpc(self, method: str, timeout: float = 60, **params: Any) -> Any:
        """One call of the daemon's JSON-RPC (what `kite` sends over daemon.sock)."""
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
            s.settimeout(timeout)
            s.connect(str(self.wallet_dir / "daemon.sock"))
            s.sendall(json.dumps({"id": 1, "method": method, "params": params}).encode()
                      + b"\n")
            buf = b""
            while not buf.endswith(b"\n"):
                chunk = s.recv(65536)
                if not chunk:
                    raise ConnectionError("the daemon closed the connection")
                buf += chunk
        reply = json.loads(buf)
        if "error" in reply:
            raise RuntimeError(f"kite {method}: {reply['error'].get('message')}")
        return reply.get("result")

    def wait_for_kite_height(self, height: int) -> None:
        def there() -> bool:
            info = self._try_rpc("getinfo")
            return bool(info) and info.get("height") == height
        _wait(f"Kite to reach height {height}", there)

    def stop(self, print_logs: bool = False) -> None:
        """Ask the daemon to stop (its own clean shutdown); it finishes in the background
        while the next run starts (`_reap`), unless its log is wanted now."""
        for conn in self.conns.values():
            conn.close()
        if self.proc is not None:
            if self.proc.poll() is None:
                try:
                    self.rpc("stop", timeout=10)
                except Exception:
                    self.proc.terminate()
            _stopping.append(self.proc)
            if print_logs:
                _reap(wait=True)
                text = (self.node_dir / "daemon.log").read_text(errors="replace")
                print(f"---------- kite daemon log ({self.node_dir}) ----------\n{text}",
                      file=sys.stderr)
            self.proc = None
        self.running = False

    def teardown(self) -> None:
        """Remove the runs' folders (a daemon still shutting down loses nothing it needs)."""
        _reap()
        shutil.rmtree(self.directory, ignore_errors=True)

    def restart(self) -> None:
        self.stop()
        super().restart()
        self.start()

    # -- connections ----------------------------------------------------------------------

    def connect(self, event: Event, connprivkey: str) -> None:
        assert self.node_id is not None
        self.add_conn(KiteConn(connprivkey, self.node_id, self.ln_port))

    def recv(self, event: Event, conn: Conn, outbuf: bytes) -> None:
        try:
            conn.connection.send_message(outbuf)
        except (BrokenPipeError, ConnectionError) as e:
            msg = conn.next_message(1)
            raise EventError(event, f"Kite closed the connection ({e}); its last message: "
                             f"{msg.hex() if msg else 'none'}") from None

    def get_output_message(self, conn: Conn, event: Event) -> bytes | None:
        return conn.next_message(TIMEOUT)

    def check_error(self, event: Event, conn: Conn) -> str | None:
        """For ExpectError: the hex of Kite's next `error` (or of whatever else it sent).

        For ExpectDisconnect: None once Kite has closed the connection (an `error` or
        `warning` before the close is allowed: BOLT 1 "fail the connection" does not forbid
        saying why), else the hex of the first other message it sent meanwhile.
        """
        super().check_error(event, conn)
        error_type = namespace().get_msgtype("error").number
        warning_type = namespace().get_msgtype("warning").number
        if isinstance(event, ExpectDisconnect):
            other = None
            while True:
                msg = conn.next_message(TIMEOUT)
                if msg is None:
                    if not conn.closed:
                        return other.hex() if other else "00"  # still open: no disconnect
                    return None
                kind = struct.unpack(">H", msg[:2])[0]
                if kind not in (error_type, warning_type) and other is None:
                    other = msg
        msg = conn.next_message(TIMEOUT)
        return None if msg is None else msg.hex()

    def check_final_error(self, event: Event, conn: Conn, expected: bool,
                          must_not_events: list[MustNotMsg]) -> None:
        """At a script's end: no `error`, nor a banned message, among what Kite still sends.

        Garbage on the wire (18 zero bytes: not a valid BOLT 8 frame) makes Kite hang up
        once it has processed everything before it, so we read until then.
        """
        if not expected and not conn.closed:
            with contextlib.suppress(OSError):
                conn.connection.connection.send(bytes(18))
            error_type = namespace().get_msgtype("error").number
            while True:
                msg = conn.next_message(TIMEOUT)
                if msg is None:
                    break
                for e in must_not_events:
                    if e.matches(msg):
                        raise EventError(event, f"Got msg banned by {e}: {msg.hex()}")
                if struct.unpack(">H", msg[:2])[0] == error_type:
                    raise EventError(event, f"Got error msg: {msg.hex()}")
        conn.close()

    # -- the chain ------------------------------------------------------------------------

    def getblockheight(self) -> int:
        return shared_chain().height()

    def trim_blocks(self, newheight: int) -> None:
        chain = shared_chain()
        chain.rpc("invalidateblock", chain.rpc("getblockhash", newheight + 1))

    def add_blocks(self, event: Event, txs: list[str], n: int) -> None:
        chain = shared_chain()
        for tx in txs:
            chain.rpc("sendrawtransaction", tx)
        chain.rpc("generatetoaddress", n, BURN_ADDRESS)
        chain.wait_for_electrum()
        if self.running:
            self.wait_for_kite_height(chain.height())

    def expect_tx(self, event: Event, txid: str) -> None:
        txid = bytes.fromhex(txid)[::-1].hex()  # wire order to the usual display order
        chain = shared_chain()
        try:
            _wait(f"transaction {txid} in the mempool",
                  lambda: txid in chain.rpc("getrawmempool"))
        except TimeoutError:
            raise EventError(event, f"Kite did not broadcast {txid}; the mempool holds "
                             f"{chain.rpc('getrawmempool')}") from None

    # -- what the scripts ask of the node -------------------------------------------------

    def has_option(self, optname: str) -> str | None:
        if optname == "supports_open_accept_channel_type":
            return "true" if "option_channel_type" in self.features else None
        return self.features.get(optname)

    def add_startup_flag(self, flag: str) -> None:
        raise SpecFileError(None, f"Kite has no start-up flag {flag!r}")

    # the secrets tests/conformance/kite_host.py forces on Kite's channels and node
    def get_keyset(self) -> KeySet:
        return KeySet(revocation_base_secret="11", payment_base_secret="12",
                      delayed_payment_base_secret="13", htlc_base_secret="14",
                      shachain_seed="ff" * 32)

    def get_node_privkey(self) -> str:
        return "01"

    def get_node_bitcoinkey(self) -> str:
        return "10"

    def invoice(self, event: Event, amount: int, preimage: str) -> None:
        raise SpecFileError(event, "KiteRunner: invoice not mapped yet")

    def accept_add_fund(self, event: Event) -> None:
        raise SpecFileError(event, "Kite does not implement dual funding (option_dual_fund)")

    def fundchannel(self, event: Event, conn: Conn, amount: int, feerate: int = 0,
                    expect_fail: bool = False) -> None:
        """`kite channel open` to the connected peer, in the background: the script plays
        the peer's side of the open meanwhile. (Kite picks the commitment feerate itself.)"""
        if self.opening is not None and self.opening.is_alive():
            raise SpecFileError(event, "fundchannel while another open is under way")
        node_id = conn.pubkey.format().hex()
        peer = f"{node_id}@127.0.0.1:9735"  # connected: the address is unused
        # the script sent its init just now: wait until Kite has it (else Kite would dial)
        _wait(f"Kite to list peer {node_id}",
              lambda: node_id in (self._try_rpc("lninfo") or {}).get("peers", []))

        def run() -> None:
            try:
                self.rpc("channel_open", timeout=TIMEOUT * 4, peer=peer, amount_sat=amount)
            except Exception as e:
                if not expect_fail:
                    log.error("channel_open failed: %s", e)
                    self.open_error = e

        self.open_error: Exception | None = None
        self.opening = threading.Thread(target=run, name="lnpt-fundchannel", daemon=True)
        self.opening.start()

    def init_rbf(self, event: Event, conn: Conn, channel_id: str, amount: int,
                 utxo_txid: str, utxo_outnum: int, feerate: int) -> None:
        raise SpecFileError(event, "Kite does not implement dual funding (option_dual_fund)")

    def addhtlc(self, event: Event, conn: Conn, amount: int, preimage: str) -> None:
        raise SpecFileError(event, "KiteRunner: addhtlc not mapped yet")

    def close_channel(self, channel_id: str) -> None:
        raise SpecFileError(None, "KiteRunner: close_channel not mapped yet")
