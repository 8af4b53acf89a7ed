"""Qt's start-up failures as one sentence a person can act on.

When the platform plugin (xcb on an X11 desktop) cannot load, Qt prints several technical
lines and aborts the process. `install()` turns that into one sentence naming what to do,
and exits with status 1 without a core dump. Other Qt messages pass through unchanged.
Install it only in a process's entry point (tests keep pytest-qt's own handler).
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

#: the Debian packages Qt's xcb plugin needs beyond what offscreen rendering needs
XCB_PACKAGES = ("libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1", "libxcb-image0",
                "libxcb-render-util0", "libxkbcommon-x11-0")

_seen: list[str] = []  # Qt's messages while the application starts (shown once it has)
_cleanups: list[Callable[[], None]] = []
_starting = False


def start_failure_sentence(messages: list[str], display: str | None) -> str:
    """The one sentence for a platform plugin that did not load, from Qt's messages."""
    text = "\n".join(messages)
    if "could not connect to display" in text:
        where = f" {display}" if display else ""
        return (f"Kite cannot open its window: the X display{where} cannot be reached "
                "(start Kite from the desktop session, or set DISPLAY).")
    if "xcb-cursor0" in text or "xcb" in text:
        return ("Kite cannot open its window: Qt's X11 plugin is missing system libraries; "
                f"install them with `sudo apt-get install {' '.join(XCB_PACKAGES)}` "
                "(or run scripts/setup.sh).")
    return ("Kite cannot open its window: no Qt display plugin could start (set "
            "QT_QPA_PLATFORM, for example to xcb or wayland).")


def on_failed_start(cleanup: Callable[[], None]) -> None:
    """Run `cleanup` if the window cannot start (before the process exits)."""
    _cleanups.append(cleanup)


def _handler(kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
    if kind != QtMsgType.QtFatalMsg:
        if _starting:
            _seen.append(message)
            del _seen[:-50]
        else:
            print(message, file=sys.stderr, flush=True)
        return
    if "platform plugin" not in message:
        print(message, file=sys.stderr, flush=True)
        os._exit(134)
    for cleanup in _cleanups:
        with contextlib.suppress(Exception):  # exiting anyway; the sentence matters more
            cleanup()
    print(start_failure_sentence([*_seen, message], os.environ.get("DISPLAY")),
          file=sys.stderr, flush=True)
    os._exit(1)


def install() -> None:
    """Hold Qt's messages until `started()`; a fatal platform failure becomes one sentence."""
    global _starting
    _starting = True
    qInstallMessageHandler(_handler)


def started() -> None:
    """The application object exists: print what Qt said meanwhile, then pass through."""
    global _starting
    if _starting:
        _starting = False
        for message in _seen:
            print(message, file=sys.stderr, flush=True)
        _seen.clear()
