"""Child processes of the devnet that cannot outlive it.

Each child runs in its own session (its own process group, out of reach of the terminal's
Ctrl-C, which the parent handles), and is killed as a group on close, at interpreter exit,
and by itself when the parent vanishes: the child's stdin is a pipe whose only writer is
this process, so it reads end-of-file when we exit or are killed -9, and the bcoin launcher
and the ElectrumX runner both shut down on that.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import signal
import socket
import subprocess
import threading
import time
import weakref
from pathlib import Path

from wallet.errors import KiteError


class DevnetError(KiteError):
    """The devnet could not start, or one of its parts failed or refused a request."""


_live: weakref.WeakSet[Child] = weakref.WeakSet()
_live_lock = threading.Lock()


def _kill_all_at_exit() -> None:
    with _live_lock:
        children = list(_live)
    for child in children:
        child.stop(timeout=2.0)


atexit.register(_kill_all_at_exit)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nobody listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pid_alive(pid: int) -> bool:
    """Whether a process exists and is not a zombie (read from /proc, else signal 0)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    except OSError:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True
    # The state letter follows the parenthesised command name.
    return stat.rsplit(")", 1)[1].split()[0] not in ("Z", "X")


class Child:
    """One long-running child process, its log file, and its process group."""

    def __init__(self, name: str, argv: list[str], *, log_path: Path,
                 env: dict[str, str] | None = None, cwd: Path | None = None) -> None:
        self.name = name
        self.log_path = log_path
        self._log = open(log_path, "ab")  # noqa: SIM115 - kept open for the child's life
        try:
            self.proc = subprocess.Popen(
                argv,
                stdin=subprocess.PIPE,  # the watchdog pipe: EOF means "your parent is gone"
                stdout=self._log,
                stderr=subprocess.STDOUT,
                env=env,
                cwd=cwd,
                start_new_session=True,
                close_fds=True,
            )
        except OSError as e:
            self._log.close()
            raise DevnetError(f"cannot start {name} ({argv[0]}): {e.strerror}") from None
        self.pid = self.proc.pid
        with _live_lock:
            _live.add(self)

    def running(self) -> bool:
        return self.proc.poll() is None

    def check_running(self) -> None:
        """Raise if the child has exited, pointing at its log."""
        if not self.running():
            raise DevnetError(
                f"{self.name} exited with code {self.proc.returncode}; see {self.log_path}"
            )

    def log_tail(self, lines: int = 20) -> str:
        try:
            text = self.log_path.read_text(errors="replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])

    def stop(self, timeout: float = 5.0) -> None:
        """Ask the child's group to stop (SIGTERM), then kill it (SIGKILL) after timeout."""
        if self.proc.stdin:
            with contextlib.suppress(OSError):
                self.proc.stdin.close()
        self._signal_group(signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.proc.wait(timeout)
        # Whatever the leader did, nothing of its group may survive.
        self._signal_group(signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.proc.wait(timeout)
        self._log.close()
        with _live_lock:
            _live.discard(self)

    def _signal_group(self, sig: int) -> None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.pid, sig)


def wait_until(what: str, check, *, timeout: float, children: list[Child],
               interval: float = 0.05):
    """Call check() until it returns a truthy value; fail early if a child dies."""
    deadline = time.monotonic() + timeout
    last_error: Exception | None = None
    while True:
        for child in children:
            child.check_running()
        try:
            result = check()
        except (OSError, DevnetError) as e:
            result, last_error = None, e
        if result:
            return result
        if time.monotonic() > deadline:
            why = f" (last error: {last_error})" if last_error else ""
            raise DevnetError(f"timed out after {timeout:.0f} s waiting for {what}{why}")
        time.sleep(interval)
