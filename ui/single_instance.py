"""One window per wallet: a second `kite` for the same wallet hands its link to the first.

The first window of a wallet takes an exclusive lock (flock, released by the kernel when the
process dies, so a crash leaves nothing stale) and listens on a local socket (QLocalServer)
in a private runtime folder. A later launch finds the lock taken, connects, sends its link
(or nothing: "show yourself") and exits once the window acknowledged it.

The socket's peer is another local process and is treated as untrusted: one short message
per connection (`kite-link/1`, then one line), at most `MAX_MESSAGE` bytes, finished within
`read_timeout` seconds, at most `MAX_CONNECTIONS` at once; anything else is closed with one
line saying why and never reaches the window.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import logging
import os
import tempfile
import time
import unicodedata
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from ui.models.signals import emit
from wallet.errors import InputError, KiteError
from wallet.payment_request import MAX_TEXT_LENGTH, is_payment_link

log = logging.getLogger(__name__)

HEADER = b"kite-link/1\n"
MAX_MESSAGE = len(HEADER) + MAX_TEXT_LENGTH + 1
MAX_CONNECTIONS = 4
ACK = b"ok\n"


class HandOverError(InputError):
    """A message on the window's socket that is not a well-formed link hand-over."""


def encode_hand_over(link: str | None) -> bytes:
    """The message a second launch sends: the header, then the link (empty: just show)."""
    text = link or ""
    if text and not is_payment_link(text):
        raise HandOverError("Only bitcoin: and lightning: links can be opened in Kite.")
    data = text.encode("utf-8")
    if len(data) > MAX_TEXT_LENGTH or any(unicodedata.category(c) == "Cc" for c in text):
        raise HandOverError("That link is too long or contains control characters.")
    return HEADER + data + b"\n"


def decode_hand_over(data: bytes) -> str | None:
    """The link in a complete message (None: show the window), or HandOverError."""
    if len(data) > MAX_MESSAGE:
        raise HandOverError(f"message of {len(data)} bytes is over {MAX_MESSAGE}")
    if not data.startswith(HEADER):
        raise HandOverError("not a Kite link message")
    body = data[len(HEADER):]
    if not body.endswith(b"\n") or b"\n" in body[:-1]:
        raise HandOverError("the link must be one line")
    try:
        text = body[:-1].decode("utf-8")
    except UnicodeDecodeError as e:
        raise HandOverError("the link is not UTF-8 text") from e
    if any(unicodedata.category(c) == "Cc" for c in text):
        raise HandOverError("the link contains control characters")
    if not text:
        return None
    if not is_payment_link(text):
        raise HandOverError("only bitcoin: and lightning: links are accepted")
    return text


def message_complete(data: bytes) -> bool:
    """Whether `data` holds the header line and the link line."""
    return data.count(b"\n") >= 2 or (not HEADER.startswith(data[: len(HEADER)]))


def runtime_dir() -> Path:
    """A folder only this user can enter: $XDG_RUNTIME_DIR/kite, else one in the temp dir."""
    base = os.environ.get("XDG_RUNTIME_DIR")
    folder = Path(base) / "kite" if base else Path(tempfile.gettempdir()) / f"kite-{os.getuid()}"
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    info = folder.stat()
    if info.st_uid != os.getuid() or info.st_mode & 0o077:
        raise KiteError(f"{folder} is not private to this user; Kite will not use it.")
    return folder


def instance_key(wallet_dir: Path) -> str:
    """The name shared by every launch for one wallet folder."""
    digest = hashlib.sha256(str(Path(wallet_dir).expanduser().resolve()).encode()).hexdigest()
    return f"gui-{digest[:24]}"


class _Client:
    """One connection to the window's socket, until its message is read or it is cut off."""

    def __init__(self, owner: SingleInstance, socket: QLocalSocket) -> None:
        self.owner, self.socket, self.data, self.done = owner, socket, b"", False
        self.timer = QTimer(socket)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(lambda: self.refuse("too slow"))
        self.timer.start(int(owner.read_timeout * 1000))
        socket.readyRead.connect(self.read)
        socket.disconnected.connect(self.drop)

    def read(self) -> None:
        if self.done:
            return
        self.data += bytes(self.socket.read(MAX_MESSAGE + 1 - len(self.data)).data())
        if len(self.data) > MAX_MESSAGE:
            self.refuse("too long")
        elif message_complete(self.data):
            try:
                link = decode_hand_over(self.data)
            except HandOverError as e:
                self.refuse(str(e))
                return
            self.answer(ACK)
            emit(self.owner.linkReceived, link or "")

    def refuse(self, why: str) -> None:
        log.warning("refused a message on the window's socket: %s", why)
        self.answer(b"refused: " + why.encode("utf-8", "replace")[:200] + b"\n")

    def answer(self, reply: bytes) -> None:
        if self.done:
            return
        self.timer.stop()
        if self.socket.state() == QLocalSocket.LocalSocketState.ConnectedState:
            self.socket.write(reply)
            self.socket.flush()
            self.socket.disconnectFromServer()
        self.drop()

    def drop(self) -> None:
        if self.done:
            return
        self.done = True
        self.timer.stop()
        self.owner._clients.discard(self)
        with contextlib.suppress(RuntimeError):
            self.socket.readyRead.disconnect(self.read)
            self.socket.disconnected.disconnect(self.drop)
        self.socket.deleteLater()


class SingleInstance(QObject):
    """The lock and the socket of one wallet's window."""

    linkReceived = Signal(str)  # "" when a second launch had no link: show the window

    def __init__(self, key: str, folder: Path | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        folder = folder or runtime_dir()
        self.socket_path = str(folder / f"{key}.sock")
        self._lock_path = folder / f"{key}.lock"
        self._lock_fd: int | None = None
        self._server: QLocalServer | None = None
        self._clients: set[_Client] = set()
        self.read_timeout = 3.0

    def try_primary(self) -> bool:
        """Take the lock and listen (True), or find another window holding it (False)."""
        fd = os.open(self._lock_path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return False
        self._lock_fd = fd
        QLocalServer.removeServer(self.socket_path)  # a crashed window's leftover
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.socket_path):
            self.close()
            raise KiteError(f"Kite could not listen for links on {self.socket_path}: "
                            f"{server.errorString()}")
        server.newConnection.connect(self._accept)
        self._server = server
        return True

    def _accept(self) -> None:
        server = self._server
        while server is not None and server.hasPendingConnections():
            socket = server.nextPendingConnection()
            if len(self._clients) >= MAX_CONNECTIONS:
                socket.abort()
                socket.deleteLater()
                continue
            self._clients.add(_Client(self, socket))

    def hand_over(self, link: str | None, timeout: float = 10.0) -> None:
        """Give `link` to the window that holds the lock; KiteError if it does not take it."""
        message = encode_hand_over(link)
        socket = QLocalSocket()
        deadline = time.monotonic() + timeout
        while True:  # the other window may have taken the lock and not be listening yet
            socket.connectToServer(self.socket_path)
            if socket.waitForConnected(500):
                break
            if time.monotonic() > deadline:
                raise KiteError("Kite is already open for this wallet but does not answer; "
                                "close it and try again.")
            time.sleep(0.1)
        socket.write(message)
        socket.waitForBytesWritten(int(timeout * 1000))
        reply = b""
        while not reply.endswith(b"\n") and time.monotonic() < deadline:
            if socket.bytesAvailable() or socket.waitForReadyRead(250):
                reply += bytes(socket.readAll().data())
            elif socket.state() != QLocalSocket.LocalSocketState.ConnectedState:
                break
        socket.abort()
        if reply != ACK:
            why = reply.decode("utf-8", "replace").strip() or "no answer"
            raise KiteError(f"The Kite window already open for this wallet did not take the "
                            f"link ({why}).")

    def close(self) -> None:
        """Stop listening and release the lock (the kernel also does on exit)."""
        for client in list(self._clients):
            client.socket.abort()
            client.drop()
        if self._server is not None:
            self._server.close()
            self._server = None
        if self._lock_fd is not None:
            os.close(self._lock_fd)
            self._lock_fd = None
