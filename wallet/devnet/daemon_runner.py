"""Run `kite` (a daemon) as a devnet child: it stops when the devnet's pipe closes.

Started as `python -m wallet.devnet.daemon_runner <kite arguments>` with stdin a pipe from
the devnet process: at end-of-file (the devnet closed it, exited, or was killed -9) the
daemon is asked to stop (SIGTERM, its own clean shutdown) and the process exits soon after
whatever happens, so a devnet's Kite nodes never outlive it.

A test may shorten a waiting interval of the daemon through the environment (devnet only;
a `kite daemon` started otherwise keeps its defaults): `KITE_DEVNET_RECOVERY_RETRY` (seconds
before a restored wallet asks a peer again to close a lost channel, `RETRY_SECONDS`).
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time

RECOVERY_RETRY_ENV = "KITE_DEVNET_RECOVERY_RETRY"


def _shorter_intervals() -> None:
    """The intervals this devnet node was asked to shorten (see the module's docstring)."""
    retry = os.environ.get(RECOVERY_RETRY_ENV)
    if retry:
        from wallet.daemon import restore_recovery

        restore_recovery.RETRY_SECONDS = float(retry)


def _watch_parent() -> None:
    try:
        while sys.stdin.buffer.read(4096):
            pass
    except OSError:
        pass
    os.kill(os.getpid(), signal.SIGTERM)
    time.sleep(15)
    os._exit(1)


def main() -> int:
    threading.Thread(target=_watch_parent, name="parent-watchdog", daemon=True).start()
    _shorter_intervals()
    from wallet.cli import main as kite_main

    return kite_main(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
