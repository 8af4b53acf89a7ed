"""The window and a running `kite daemon` (a real process) on one wallet: the window does
not start a second node; it says so in one sentence and, when asked, stops the daemon and
opens the wallet itself."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT
from tests.gui.conftest import click, find_item, settle, type_text
from tests.gui.shots import shoot_sizes
from ui.models.session import DAEMON_HOLDS_WALLET
from wallet.keys.bip39 import generate_mnemonic
from wallet.networks import REGTEST
from wallet.storage.wallet_file import create_wallet

PASSWORD = "pw"
SERVER = "127.0.0.1:9:t"  # nothing answers: the daemon runs offline, which is enough here


@pytest.fixture
def daemon(tmp_path, monkeypatch):
    monkeypatch.setenv("KITE_INSECURE_FAST_KDF", "1")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    folder = tmp_path / "w"
    create_wallet(folder, REGTEST, generate_mnemonic(12), "", PASSWORD)
    env = dict(os.environ, KITE_PASSWORD=PASSWORD, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen(
        [sys.executable, "-m", "wallet", "--network", "regtest", "--wallet", str(folder),
         "daemon", "--server", SERVER, "--log-level", "WARNING"],
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
        text=True)
    line = proc.stdout.readline()
    assert line.strip() == "daemon ready", (line, proc.poll())
    yield folder, proc
    if proc.poll() is None:
        proc.terminate()
        proc.wait(20)


def test_window_refuses_with_a_sentence_then_stops_the_daemon_and_opens(qtbot, make_gui, daemon):
    folder, proc = daemon
    gui = make_gui(wallet_dir=folder)
    assert gui.current_page() == "unlockPage"
    # a wrong password is said as such, daemon or not
    type_text(qtbot, gui, "unlockPassword", "wrong")
    click(qtbot, gui, "unlockButton")
    qtbot.waitUntil(lambda: gui.session.error != "", timeout=30_000)
    qtbot.wait(300)
    assert "password" in gui.session.error.lower() and not gui.session.daemonRunning
    assert not find_item(gui, "stopDaemonButton").isVisible()
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

    click(qtbot, gui, "stopDaemonButton")
    assert proc.wait(30) == 0  # stopped cleanly, on request
    qtbot.waitUntil(lambda: gui.current_page() == "homePage", timeout=60_000)
    assert gui.session.state == "open" and not gui.session.daemonRunning
