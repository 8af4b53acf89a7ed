"""Run ElectrumX (configured by environment variables) until the parent's pipe closes.

Started by the devnet as `python electrumx_runner.py` with stdin a pipe from the parent:
when that pipe reaches end-of-file (the parent closed it, exited, or was killed -9),
ElectrumX is asked to stop (SIGTERM) and the process exits soon after whatever happens.
Imports nothing from Kite, so it runs as a plain script.

One setting has no environment variable: ElectrumX pads small replies against traffic
analysis and, once a session has received about 1 kB, holds them up to 1 s for more data
to share a packet. On localhost that only turns every request into a one-second wait,
so the devnet sends each reply at once (still padded).
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time


def _watch_parent() -> None:
    try:
        while sys.stdin.buffer.read(4096):
            pass
    except OSError:
        pass
    os.kill(os.getpid(), signal.SIGTERM)  # ElectrumX's own clean shutdown
    time.sleep(10)
    os._exit(1)


def main() -> None:
    threading.Thread(target=_watch_parent, name="parent-watchdog", daemon=True).start()
    from electrumx.cli.electrumx_server import main as electrumx_main
    from electrumx.server.transport import PaddedRSTransport

    PaddedRSTransport.WAIT_FOR_BUFFER_GROWTH_SECONDS = 0.0
    electrumx_main()


if __name__ == "__main__":
    main()
