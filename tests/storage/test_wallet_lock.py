"""One process per wallet, with real processes: a second node on a wallet (another
`kite daemon`, the window's node) refuses with one sentence naming the first; the lock
goes with its process however it ends (SIGKILL included)."""

from __future__ import annotations

import fcntl
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from wallet.api import WalletApi
from wallet.keys.bip39 import generate_mnemonic
from wallet.networks import REGTEST
from wallet.storage.wallet_file import create_wallet
from wallet.storage.wallet_lock import WalletInUse, WalletLock

ROOT = Path(__file__).resolve().parents[1]
SERVER = "127.0.0.1:9:t"  # nothing answers: the node runs offline, which is enough here


@pytest.fixture
def env(monkeypatch):
    monkeypatch.setenv("KITE_INSECURE_FAST_KDF", "1")
    return dict(os.environ, KITE_PASSWORD="pw", KITE_INSECURE_FAST_KDF="1",
                PYTHONPATH=str(ROOT))


@pytest.fixture
def folder(tmp_path, env):
    folder = tmp_path / "w"
    create_wallet(folder, REGTEST, generate_mnemonic(12), "", "pw")
    return folder


def _daemon(folder: Path, env: dict) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "wallet", "--network", "regtest", "--wallet", str(folder),
         "daemon", "--server", SERVER, "--log-level", "WARNING"],
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
        text=True)


def _wait_ready(proc: subprocess.Popen) -> None:
    line = proc.stdout.readline()
    assert line.strip() == "daemon ready", (line, proc.poll())


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def test_a_second_daemon_and_the_window_refuse_while_one_runs(folder, env):
    first = _daemon(folder, env)
    try:
        _wait_ready(first)
        second = _daemon(folder, env)
        out, err = second.communicate(timeout=60)
        assert second.returncode == 1
        assert err.strip() == (
            f"kite: This wallet is already open in another Kite process (kite daemon, pid "
            f"{first.pid}): close that one first (`kite stop` stops a daemon).")
        assert first.poll() is None  # the first one is untouched

        # the window does not run a second node: it attaches to the daemon (issue 12)
        api = WalletApi(folder, REGTEST, server=SERVER)
        try:
            api.open("pw").result(timeout=60)
            assert api.attached and api._service is None
        finally:
            api.shutdown()
        assert first.poll() is None  # and leaves it running
    finally:
        _stop(first)


def test_the_lock_goes_with_a_killed_process(folder, env):
    first = _daemon(folder, env)
    try:
        _wait_ready(first)
        first.send_signal(signal.SIGKILL)
        first.wait(10)
    finally:
        _stop(first)
    # no clean-up ran, yet the wallet opens at once
    api = WalletApi(folder, REGTEST, server=SERVER)
    try:
        api.open("pw").result(timeout=60)
        second = _daemon(folder, env)  # and now the window holds it
        _, err = second.communicate(timeout=60)
        assert second.returncode == 1
        assert f"(the Kite window, pid {os.getpid()})" in err
    finally:
        api.shutdown()
    third = _daemon(folder, env)  # the window closed: free again
    try:
        _wait_ready(third)
    finally:
        _stop(third)


def test_a_lock_held_without_a_readable_holder_still_refuses_in_one_sentence(tmp_path):
    (tmp_path / "wallet.lock").write_bytes(b"\x00garbage")
    fd = os.open(tmp_path / "wallet.lock", os.O_RDWR)
    fcntl.flock(fd, fcntl.LOCK_EX)  # some holder that wrote nothing we can read
    try:
        with pytest.raises(WalletInUse) as e:
            WalletLock(tmp_path, "y").acquire()
        assert str(e.value) == ("This wallet is already open in another Kite process: close "
                                "that one first (`kite stop` stops a daemon).")
    finally:
        os.close(fd)
    with WalletLock(tmp_path, "y") as lock:  # released: free again
        assert lock.held
