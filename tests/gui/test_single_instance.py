"""One window per wallet: a second launch hands its link over the local socket and exits.

The socket's other end is treated as a liar: garbage, oversize, never-finished and flooding
connections are cut off with a reason and never reach the window; a first window that does
not answer makes the second launch fail with a sentence, not hang.
"""

from __future__ import annotations

import fcntl
import os
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtNetwork import QLocalSocket

from tests.conftest import ROOT
from tests.gui.conftest import open_new_wallet, regtest_addresses, settle
from ui.app import serve_links
from ui.single_instance import (
    ACK,
    HEADER,
    MAX_CONNECTIONS,
    MAX_MESSAGE,
    HandOverError,
    SingleInstance,
    decode_hand_over,
    encode_hand_over,
    instance_key,
    runtime_dir,
)
from wallet.errors import KiteError

LINK = f"bitcoin:{regtest_addresses()[0]}?amount=0.0005"


# --- the message ------------------------------------------------------------------------

def test_message_round_trip():
    assert decode_hand_over(encode_hand_over(LINK)) == LINK
    assert decode_hand_over(encode_hand_over(None)) is None  # "show the window"


@pytest.mark.parametrize("data, why", [
    (b"", "not a Kite link message"),
    (b"GET / HTTP/1.1\r\n\r\n", "not a Kite link message"),
    (b"kite-link/2\n" + LINK.encode() + b"\n", "not a Kite link message"),
    (HEADER + LINK.encode(), "one line"),                        # unfinished
    (HEADER + LINK.encode() + b"\nmore\n", "one line"),           # two links
    (HEADER + b"\xff\xfe\n", "UTF-8"),
    (HEADER + b"bitcoin:x\x07y\n", "control characters"),
    (HEADER + b"bitcoin:x\ry\n", "control characters"),
    (HEADER + b"javascript:alert(1)\n", "only bitcoin: and lightning:"),
    (HEADER + b"file:///etc/passwd\n", "only bitcoin: and lightning:"),
    (HEADER + b"bitcoin:" + b"a" * MAX_MESSAGE + b"\n", "over"),
])
def test_lying_messages_are_refused(data, why):
    with pytest.raises(HandOverError, match=why):
        decode_hand_over(data)


def test_a_launch_will_not_send_what_is_not_a_link():
    for bad in ("javascript:alert(1)", "bitcoin:a\nb", "bitcoin:" + "a" * MAX_MESSAGE):
        with pytest.raises(HandOverError):
            encode_hand_over(bad)


def test_key_is_per_wallet_folder(tmp_path):
    assert instance_key(tmp_path / "a") == instance_key(tmp_path / "b" / ".." / "a")
    assert instance_key(tmp_path / "a") != instance_key(tmp_path / "b")


def test_runtime_dir_must_be_private(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    folder = runtime_dir()
    assert folder == tmp_path / "kite" and (folder.stat().st_mode & 0o777) == 0o700
    folder.chmod(0o777)
    with pytest.raises(KiteError, match="not private"):
        runtime_dir()


# --- the socket ---------------------------------------------------------------------------

@pytest.fixture
def primary(qapp, tmp_path):
    instance = SingleInstance("gui-test", tmp_path)
    assert instance.try_primary()
    yield instance
    instance.close()


def _client(qtbot, instance: SingleInstance, data: bytes | None) -> QLocalSocket:
    sock = QLocalSocket()
    sock.connectToServer(instance.socket_path)
    assert sock.waitForConnected(2000)
    if data:
        sock.write(data)
        sock.flush()
    return sock


def _reply(qtbot, sock: QLocalSocket) -> bytes:
    received = bytearray()

    def done() -> bool:
        received.extend(bytes(sock.readAll().data()))
        return sock.state() == QLocalSocket.LocalSocketState.UnconnectedState

    qtbot.waitUntil(done, timeout=5000)
    received.extend(bytes(sock.readAll().data()))
    return bytes(received)


def test_second_instance_of_the_same_key_is_not_primary(primary, tmp_path):
    other = SingleInstance("gui-test", tmp_path)
    assert not other.try_primary()
    assert SingleInstance("gui-other", tmp_path).try_primary()


def test_good_hand_over_reaches_the_window(qtbot, primary):
    with qtbot.waitSignal(primary.linkReceived, timeout=5000) as got:
        sock = _client(qtbot, primary, encode_hand_over(LINK))
    assert got.args == [LINK]
    assert _reply(qtbot, sock) == ACK


@pytest.mark.parametrize("data, why", [
    (b"hello there\n\n", b"not a Kite link message"),
    (HEADER + b"javascript:alert(1)\n", b"only bitcoin"),
    (HEADER + b"bitcoin:" + b"a" * (MAX_MESSAGE + 10), b"too long"),
])
def test_lying_clients_are_cut_off(qtbot, primary, data, why):
    received: list[str] = []
    primary.linkReceived.connect(received.append)
    sock = _client(qtbot, primary, data)
    reply = _reply(qtbot, sock)
    assert reply.startswith(b"refused: ") and why in reply
    assert received == []


def test_a_client_that_never_finishes_is_cut_off(qtbot, primary):
    primary.read_timeout = 0.3
    received: list[str] = []
    primary.linkReceived.connect(received.append)
    sock = _client(qtbot, primary, HEADER + b"bitcoin:")  # and then nothing
    assert _reply(qtbot, sock) == b"refused: too slow\n"
    assert received == []


def test_a_flood_of_connections_is_capped_and_the_window_still_answers(qtbot, primary):
    primary.read_timeout = 3.0
    idle = [_client(qtbot, primary, None) for _ in range(MAX_CONNECTIONS + 3)]

    def cut() -> int:
        for sock in idle:
            sock.readAll()
        return sum(s.state() == QLocalSocket.LocalSocketState.UnconnectedState for s in idle)

    # the ones over the cap are closed at once ...
    qtbot.waitUntil(lambda: cut() == 3, timeout=2000)
    assert len(primary._clients) == MAX_CONNECTIONS
    # ... the others when they time out; then the window answers again
    qtbot.waitUntil(lambda: cut() == len(idle), timeout=10_000)
    assert not primary._clients
    with qtbot.waitSignal(primary.linkReceived, timeout=5000):
        sock = _client(qtbot, primary, encode_hand_over(LINK))
    assert _reply(qtbot, sock) == ACK


def test_a_crashed_windows_leftovers_do_not_block_the_next(qapp, tmp_path):
    (tmp_path / "gui-test.lock").write_text("")  # no process holds its lock any more
    (tmp_path / "gui-test.sock").write_text("")  # and a socket file nobody listens on
    instance = SingleInstance("gui-test", tmp_path)
    try:
        assert instance.try_primary()
    finally:
        instance.close()


def test_a_first_window_that_does_not_answer_fails_the_second_launch(qapp, tmp_path):
    """The lock is held and the socket accepts, but nothing ever comes back."""
    lock = os.open(tmp_path / "gui-test.lock", os.O_RDWR | os.O_CREAT, 0o600)
    fcntl.flock(lock, fcntl.LOCK_EX)
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(tmp_path / "gui-test.sock"))
    server.listen(1)
    accepted: list[socket.socket] = []
    thread = threading.Thread(target=lambda: accepted.append(server.accept()[0]), daemon=True)
    thread.start()
    try:
        second = SingleInstance("gui-test", tmp_path)
        assert not second.try_primary()
        with pytest.raises(KiteError, match="did not take the link"):
            second.hand_over(LINK, timeout=1.0)
    finally:
        for conn in accepted:
            conn.close()
        server.close()
        os.close(lock)


# --- two real launches ----------------------------------------------------------------------

def test_second_launch_hands_its_link_to_the_open_window(qtbot, make_gui, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path / "run"))
    wallet_dir = tmp_path / "wallet"
    gui = make_gui(wallet_dir=wallet_dir)
    open_new_wallet(qtbot, gui)
    instance = SingleInstance(instance_key(wallet_dir))
    assert instance.try_primary()
    serve_links(gui, instance)
    try:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
        launch = subprocess.Popen(
            [sys.executable, "-m", "wallet", "--network", "regtest", "--wallet", str(wallet_dir),
             LINK], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        qtbot.waitUntil(lambda: launch.poll() is not None, timeout=60_000)
        out, err = launch.communicate()
        assert launch.returncode == 0, err[-2000:]
        assert "handed to the Kite window already open" in out
        qtbot.waitUntil(lambda: gui.current_page() == "sendPage", timeout=10_000)
        settle(qtbot, gui)
        assert gui.send.stage == "confirm"
        assert gui.send.recipient == regtest_addresses()[0] and gui.send.amountSat == 50_000
    finally:
        instance.close()
    assert not Path(instance.socket_path).exists()
