"""The facade attaches to a running `kite daemon` (a real process) instead of starting a
second node: the password is still checked against the wallet file, the daemon's figures
and invoices come over its socket, its events arrive by the long poll, the lock still
refuses a second node, and closing the window leaves the daemon running."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import threading
import time

import pytest

from tests.conftest import ROOT
from tests.support.electrum_thread import ElectrumThread
from wallet.api import DAEMON_GONE, Event, WalletApi
from wallet.daemon import rpc
from wallet.daemon.node_config import NodeConfig
from wallet.daemon.service import NodeService
from wallet.errors import KiteError
from wallet.keys.bip39 import generate_mnemonic
from wallet.ln.bolt11.invoice import decode_invoice
from wallet.networks import REGTEST
from wallet.storage.wallet_file import create_wallet, open_wallet
from wallet.storage.wallet_lock import WalletInUse

PASSWORD = "pw"


@pytest.fixture
def electrum():
    server = ElectrumThread().start()
    yield server
    server.stop()


@pytest.fixture
def daemon(tmp_path, monkeypatch, electrum):
    monkeypatch.setenv("KITE_INSECURE_FAST_KDF", "1")
    folder = tmp_path / "w"
    create_wallet(folder, REGTEST, generate_mnemonic(12), "", PASSWORD)
    env = dict(os.environ, KITE_PASSWORD=PASSWORD, PYTHONPATH=str(ROOT),
               XDG_DATA_HOME=str(tmp_path / "xdg"))
    proc = subprocess.Popen(
        [sys.executable, "-m", "wallet", "--network", "regtest", "--wallet", str(folder),
         "daemon", "--server", electrum.address, "--log-level", "WARNING"],
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
        text=True)
    line = proc.stdout.readline()
    assert line.strip() == "daemon ready", (line, proc.poll())
    yield folder, proc
    if proc.poll() is None:
        proc.terminate()
        proc.wait(20)


class Events:
    """What the facade tells its subscriber, with the time each arrived."""

    def __init__(self, api: WalletApi) -> None:
        self.seen: list[tuple[float, Event]] = []
        self.cond = threading.Condition()
        api.subscribe(self.on_event)

    def on_event(self, event: Event) -> None:
        with self.cond:
            self.seen.append((time.monotonic(), event))
            self.cond.notify_all()

    def wait_for(self, test, timeout: float = 30.0) -> tuple[float, Event]:
        with self.cond:
            assert self.cond.wait_for(
                lambda: any(test(e) for _, e in self.seen), timeout), [e for _, e in self.seen]
            return next((t, e) for t, e in self.seen if test(e))


def test_the_window_attaches_reads_invoices_follows_and_leaves_the_daemon_running(
        daemon, electrum):
    folder, proc = daemon
    api = WalletApi(folder, REGTEST)
    events = Events(api)
    try:
        with pytest.raises(KiteError, match="(?i)password"):  # no figure without the password
            api.open("wrong").result(30)
        assert not api.attached
        with pytest.raises(KiteError, match="not open"):
            api.balance().result(10)

        api.open(PASSWORD).result(30)
        assert api.attached
        events.wait_for(lambda e: e.kind == "state" and e.data.get("attached"))
        wallet_node_id = open_wallet(folder, PASSWORD, network=REGTEST).keys.node_id.hex()
        assert api.node_id == wallet_node_id

        balance = api.balance().result(10)
        assert (balance["confirmed"], balance["unconfirmed"], balance["lightning"]) == (0, 0, 0)
        assert api.history().result(10) == []

        invoice = api.create_invoice(2_000, "Soup").result(30)
        decoded = decode_invoice(invoice)
        assert decoded.amount_msat == 2_000_000 and decoded.payee.hex() == wallet_node_id
        # the daemon made it: its own payment log has it, read by the CLI's way too
        assert [p["payment_hash"] for p in api.payments().result(10)] == [
            decoded.payment_hash.hex()]
        assert any(p["payment_hash"] == decoded.payment_hash.hex()
                   for p in rpc.call(rpc.socket_path(folder), "payments", 10))

        # one node per wallet: a node of our own is refused, naming the daemon
        wallet = open_wallet(folder, PASSWORD, network=REGTEST)
        try:
            with pytest.raises(WalletInUse, match="kite daemon"):
                NodeService(wallet, NodeConfig(server=electrum.address))
        finally:
            wallet.close()

        # the daemon's events come over the socket: a new block is a "sync" event here
        events.wait_for(lambda e: e.kind == "sync" and e.data.get("height") == 5)
        mined_at = time.monotonic()
        height = electrum.mine(1)
        arrived, _ = events.wait_for(lambda e: e.kind == "sync"
                                     and e.data.get("height") == height)
        print(f"block told to the attached window after {1000 * (arrived - mined_at):.1f} ms")
    finally:
        api.shutdown()
    assert proc.poll() is None  # the window's end is not the daemon's
    assert rpc.call(rpc.socket_path(folder), "getinfo", 10)["node_id"] == wallet_node_id


def test_the_window_is_told_when_the_daemon_stops(daemon):
    folder, proc = daemon
    api = WalletApi(folder, REGTEST)
    events = Events(api)
    try:
        api.open(PASSWORD).result(30)
        assert api.attached
        rpc.call(rpc.socket_path(folder), "stop", 10)
        assert proc.wait(30) == 0
        _, error = events.wait_for(lambda e: e.kind == "error")
        assert error.data["message"] == DAEMON_GONE
        events.wait_for(lambda e: e.kind == "state" and e.data["state"] == "stopped")
        assert not api.attached
        with pytest.raises(KiteError, match="not open"):
            api.balance().result(10)
    finally:
        api.shutdown()


class LyingDaemon:
    """A real RPC server on the wallet's socket that answers as told (each field wrong)."""

    def __init__(self, folder, answers: dict) -> None:
        self.loop = asyncio.new_event_loop()
        self.answers = answers
        handlers = {name: self._handler(name) for name in answers}
        self.server = rpc.RpcServer(rpc.socket_path(folder), handlers)
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        asyncio.run_coroutine_threadsafe(self.server.start(), self.loop).result(10)

    def _handler(self, name):
        async def answer(**params):
            value = self.answers[name]
            return value(**params) if callable(value) else value
        return answer

    def close(self) -> None:
        asyncio.run_coroutine_threadsafe(self.server.close(), self.loop).result(10)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)


@pytest.fixture
def wallet_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("KITE_INSECURE_FAST_KDF", "1")
    folder = tmp_path / "w"
    create_wallet(folder, REGTEST, generate_mnemonic(12), "", PASSWORD)
    return folder


def _info(folder, **changes) -> dict:
    node_id = open_wallet(folder, PASSWORD, network=REGTEST).keys.node_id.hex()
    return {"network": "regtest", "node_id": node_id, "height": 5, "server_height": 5,
            "server": None, "synced": False} | changes


EMPTY = {"seq": 0, "events": [], "missed": False}


@pytest.mark.parametrize("lie, sentence", [
    ({"getinfo": {"node_id": "02" + "11" * 32}}, "runs another wallet"),
    ({"getinfo": {"network": "testnet"}}, "runs another wallet"),
    ({"events": None}, "cannot attach to"),  # an older daemon: no `events`
    ({"events": {"seq": "7", "events": [], "missed": False}}, "cannot attach to"),
    ({"events": {"seq": 1, "events": [{"kind": "x"}], "missed": False}}, "cannot attach to"),
])
def test_a_daemon_that_is_not_this_wallets_is_not_attached(wallet_folder, lie, sentence):
    answers = {"getinfo": _info(wallet_folder, **lie.get("getinfo", {})),
               "events": lie.get("events", EMPTY), "wallet_balance": {"confirmed": 1}}
    if "events" in lie and lie["events"] is None:
        del answers["events"]
    daemon = LyingDaemon(wallet_folder, answers)
    api = WalletApi(wallet_folder, REGTEST)
    try:
        with pytest.raises(KiteError, match=sentence):
            api.open(PASSWORD).result(30)
        assert not api.attached
        with pytest.raises(KiteError, match="not open"):
            api.balance().result(10)
    finally:
        api.shutdown()
        daemon.close()


def test_a_daemon_whose_events_turn_to_garbage_counts_as_gone(wallet_folder):
    replies = iter([EMPTY] + [{"seq": -1, "events": [], "missed": False}] * 10)
    daemon = LyingDaemon(wallet_folder, {
        "getinfo": _info(wallet_folder), "events": lambda **_: next(replies),
        "wallet_balance": {"confirmed": 0, "unconfirmed": 0, "immature": 0}})
    api = WalletApi(wallet_folder, REGTEST)
    events = Events(api)
    try:
        api.open(PASSWORD).result(30)
        assert api.attached
        _, error = events.wait_for(lambda e: e.kind == "error")
        assert error.data == {"message": DAEMON_GONE,
                              "detail": "the daemon's events reply is malformed"}
        assert not api.attached
    finally:
        api.shutdown()
        daemon.close()
