"""The window and a running `kite daemon` (a real process) on one wallet: the window does
not start a second node; after the password it attaches to the daemon, shows its wallet
and says so in plain words; when the daemon stops it says that too and, unlocked again,
opens the wallet itself. A daemon that holds the lock before it answers is still refused
with a sentence and the offer to stop it."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT
from tests.gui.conftest import click, find_item, settle, type_text
from tests.gui.shots import shoot_sizes
from tests.support.electrum_thread import ElectrumThread
from ui.models.session import DAEMON_HOLDS_WALLET
from wallet.api import DAEMON_GONE
from wallet.daemon import rpc
from wallet.keys.bip39 import generate_mnemonic
from wallet.networks import REGTEST
from wallet.storage.wallet_file import create_wallet

PASSWORD = "pw"


@pytest.fixture
def daemon(tmp_path, monkeypatch):
    electrum = ElectrumThread().start()  # a small honest regtest server for the daemon
    monkeypatch.setenv("KITE_INSECURE_FAST_KDF", "1")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    folder = tmp_path / "w"
    create_wallet(folder, REGTEST, generate_mnemonic(12), "", PASSWORD)
    env = dict(os.environ, KITE_PASSWORD=PASSWORD, PYTHONPATH=str(ROOT))
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
    electrum.stop()


def test_window_attaches_to_the_daemon_and_says_so(qtbot, make_gui, daemon):
    folder, proc = daemon
    gui = make_gui(wallet_dir=folder)
    assert gui.current_page() == "unlockPage"
    # a wrong password is said as such, daemon or not: nothing shown without it
    type_text(qtbot, gui, "unlockPassword", "wrong")
    click(qtbot, gui, "unlockButton")
    qtbot.waitUntil(lambda: gui.session.error != "", timeout=30_000)
    qtbot.wait(300)
    assert "password" in gui.session.error.lower() and not gui.session.attached
    assert gui.current_page() == "unlockPage"
    type_text(qtbot, gui, "unlockPassword", PASSWORD)
    click(qtbot, gui, "unlockButton")
    qtbot.waitUntil(lambda: gui.current_page() == "homePage", timeout=30_000)
    settle(qtbot, gui)
    assert gui.session.state == "open" and gui.session.attached
    attached = find_item(gui, "attachedText")
    assert attached.isVisible() and attached.property("text") == (
        "Attached to the Kite daemon running this wallet: it keeps running when this "
        "window closes.")
    assert gui.session.nodeId == gui.session.api.node_id  # the daemon's node is this wallet's
    qtbot.waitUntil(lambda: gui.wallet.synced, timeout=30_000)  # the daemon's sync, told here
    assert find_item(gui, "syncText").property("text") != ""
    shoot_sizes(qtbot, gui, "home-attached-to-daemon")

    # the daemon stops (`kite stop`): the window says so and goes back to the lock
    rpc.call(rpc.socket_path(folder), "stop", 10)
    assert proc.wait(30) == 0
    qtbot.waitUntil(lambda: gui.current_page() == "unlockPage", timeout=30_000)
    settle(qtbot, gui)
    assert gui.session.error == DAEMON_GONE and not gui.session.attached
    shoot_sizes(qtbot, gui, "unlock-daemon-stopped")
    # unlocked again, the window runs the wallet itself
    type_text(qtbot, gui, "unlockPassword", PASSWORD)
    click(qtbot, gui, "unlockButton")
    qtbot.waitUntil(lambda: gui.current_page() == "homePage", timeout=60_000)
    assert gui.session.state == "open" and not gui.session.attached
    assert not find_item(gui, "attachedText").isVisible()


def test_a_daemon_holding_the_lock_before_it_answers_is_refused_then_stopped(
        qtbot, make_gui, daemon, monkeypatch):
    """The lock is taken before the socket answers: an unlock in between is refused with
    the sentence and the offer to stop the daemon (simulated: the facade is told nobody
    answers while it opens)."""
    folder, proc = daemon
    gui = make_gui(wallet_dir=folder)
    answers = rpc.daemon_answers
    not_yet = {"on": True}
    monkeypatch.setattr(rpc, "daemon_answers", lambda d: False if not_yet["on"] else answers(d))
    api = gui.session.api
    api.daemon_running = lambda: api._loop.submit(_after_a_moment(True))
    type_text(qtbot, gui, "unlockPassword", PASSWORD)
    click(qtbot, gui, "unlockButton")
    qtbot.waitUntil(lambda: gui.session.daemonRunning, timeout=30_000)
    settle(qtbot, gui)
    assert gui.session.state == "locked"
    assert gui.session.error == DAEMON_HOLDS_WALLET
    assert find_item(gui, "errorMessage").property("text") == DAEMON_HOLDS_WALLET
    assert find_item(gui, "stopDaemonButton").isVisible()
    assert proc.poll() is None  # the daemon runs on, untouched
    shoot_sizes(qtbot, gui, "unlock-daemon-running")

    not_yet["on"] = False
    click(qtbot, gui, "stopDaemonButton")
    assert proc.wait(30) == 0  # stopped cleanly, on request
    qtbot.waitUntil(lambda: gui.current_page() == "homePage", timeout=60_000)
    assert gui.session.state == "open" and not gui.session.daemonRunning
    assert not gui.session.attached


async def _after_a_moment(value):
    """As the real check, which asks the socket: the answer comes after the refusal."""
    await asyncio.sleep(0.2)
    return value
