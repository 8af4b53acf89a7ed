"""One process per wallet: an OS file lock on the wallet folder, held while a node runs.

Two nodes on one channel database could sign or broadcast a revoked state. Whoever runs the
wallet as a node (the daemon, the window's node, the demo) takes an exclusive `flock` on
`<wallet>/wallet.lock` for as long as the node lives; the OS drops it when the process
ends, however it ends, so a crash never leaves the wallet locked. The file holds the
holder's pid and what it is, so a second node can say which process to close.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
from pathlib import Path

from wallet.errors import KiteError
from wallet.sentence import Sentence

LOCK_NAME = "wallet.lock"
_MAX_READ = 1024


class WalletInUse(KiteError):
    """Another process runs this wallet as a node."""


class WalletLock:
    """The exclusive lock of one wallet folder; `acquire` once, `release` when done."""

    def __init__(self, folder: str | Path, holder: str) -> None:
        self.path = Path(folder) / LOCK_NAME
        self.holder = holder
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> None:
        """Take the lock or raise WalletInUse naming the process that holds it."""
        if self._fd is not None:
            return
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            other = _describe(os.pread(fd, _MAX_READ, 0))
            os.close(fd)
            raise WalletInUse(
                Sentence("This wallet is already open in another Kite process%1: close that one first (`kite stop` stops a daemon).", other)
            ) from None
        except BaseException:
            os.close(fd)
            raise
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps({"pid": os.getpid(), "holder": self.holder}).encode(), 0)
        self._fd = fd

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is not None:
            with contextlib.suppress(OSError):
                os.ftruncate(fd, 0)
            os.close(fd)  # closing drops the flock

    def __enter__(self) -> WalletLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def _describe(raw: bytes) -> str:
    """' (kite daemon, pid 1234)' from the lock file, or '' when it says nothing usable."""
    try:
        info = json.loads(raw)
        pid, holder = int(info["pid"]), str(info["holder"])[:60]
    except (ValueError, TypeError, KeyError):
        return ""
    holder = "".join(c for c in holder if c.isprintable())
    return f" ({holder}, pid {pid})"
