"""`kite --demo`: the devnet world (chain, Electrum server, trampoline, merchant) in the
background, a throw-away demo wallet funded on-chain with a channel to the trampoline, and
the window on it with a "Demo network" banner and the merchant's buttons.

The window opens at once and shows the set-up steps; a worker thread starts the world and
prepares the wallet through the facade. Closing the window (or Ctrl-C) stops the node, the
world's processes and removes the demo's temporary folder. With `quit_after`, the app
exits that many seconds after the demo is ready (or failed), first saving `screenshot`:
that is how it runs headless (QT_QPA_PLATFORM=offscreen).
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import signal
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, QTimer

from ui import qt_messages
from ui.app import KiteGui, _settings_store, build_gui
from wallet.api import WalletApi
from wallet.networks import REGTEST

log = logging.getLogger(__name__)

DEMO_PASSWORD = "kite demo"  # a throw-away wallet in a temporary folder


def _say(text: str) -> None:
    if text:
        print(f"kite demo: {text}", flush=True)


class DemoRun:
    """One `kite --demo`: owns the temporary folder, the world and the set-up thread."""

    def __init__(self, base: Path | None = None) -> None:
        from wallet.devnet.world import DevnetWorld

        self.base = base or Path(tempfile.mkdtemp(prefix="kite-demo-"))
        self.world = DevnetWorld(self.base / "world")
        self.api: WalletApi | None = None
        self.gui: KiteGui | None = None
        self.failed: str | None = None
        self.finished = threading.Event()
        self._stopping = False
        self._thread = threading.Thread(target=self._setup, name="kite-demo-setup", daemon=True)

    def make_api(self, network: Any) -> WalletApi:
        self.api = WalletApi(self.base / "wallet", REGTEST)
        return self.api

    def settings(self) -> QSettings:
        """The demo's own settings file, with the user's display choices."""
        mine = QSettings(str(self.base / "gui.ini"), QSettings.Format.IniFormat)
        user = _settings_store()
        for key in ("display/unit", "display/theme"):
            if user.contains(key):
                mine.setValue(key, user.value(key))
        return mine

    def start(self, gui: KiteGui) -> None:
        self.gui = gui
        _say(f"files in {self.base} (removed at the end)")
        self._thread.start()

    def _post(self, fn) -> None:
        if self.gui is not None:
            self.gui.session.poster.post(fn)

    def _status(self, text: str) -> None:
        _say(text)
        demo = self.gui.demo if self.gui is not None else None
        if demo is not None:
            self._post(lambda: demo.set_setup_status(text))

    def _setup(self) -> None:
        from wallet.devnet.demo_wallet import PUSH_SAT, fund_and_open_channel

        assert self.gui is not None and self.api is not None
        gui, api = self.gui, self.api
        try:
            self._status("Starting the devnet: chain, Electrum server, trampoline and shop…")
            self.world.start()
            if self._stopping:
                return
            api.server = self.world.electrum_server
            api.trampoline = self.world.tram_address
            if self.world.lnurl is not None:  # the devnet's rate source
                api.rate_url = self.world.lnurl.lnurls.base
            # ₿shop@kite.test: the devnet's DNS server and its zone's (public) trust anchor
            os.environ.update(self.world.bip353_environment())
            self._status("Creating the demo wallet…")
            api.create(WalletApi.generate_mnemonic(), "", DEMO_PASSWORD,
                       backup_checked=True).result(timeout=120)  # play money
            api.open(DEMO_PASSWORD).result(timeout=120)
            self._post(lambda: gui.session.wallet_created())
            fund_and_open_channel(api, self.world, self._status)

            def ready() -> None:
                gui.demo.set_merchant(self.world)
                gui.demo.set_pushed_sat(PUSH_SAT)
                gui.demo.set_ready()
                gui.wallet.refresh()
                gui.channels.refresh()

            self._post(ready)
            _say("ready: the wallet has coins on-chain and a channel to the trampoline")
            _say(f"the shop's reusable offer by name: {self.world.shop_name} (paste it on the Send page)")
        except BaseException as e:  # noqa: BLE001 - shown in the window and on stderr
            if not self._stopping:
                self.failed = f"{type(e).__name__}: {e}"
                print(f"kite demo: failed: {self.failed}", file=sys.stderr, flush=True)
                message = str(e) or type(e).__name__
                self._post(lambda: gui.demo.set_setup_error(message))
        finally:
            self.finished.set()

    def stop(self) -> None:
        """Stop everything the demo started (the window's node first)."""
        self._stopping = True
        if self.gui is not None:
            self.gui.close()
        with contextlib.suppress(Exception):
            self.world.close(failed=self.failed is not None)
        if self._thread.is_alive():
            # still starting the world: it fails fast now that the chain is gone; a node it
            # launched meanwhile is stopped by the second close
            self._thread.join(timeout=5)
            with contextlib.suppress(Exception):
                self.world.close(failed=self.failed is not None)
        if self.failed is None:
            shutil.rmtree(self.base, ignore_errors=True)
        else:
            print(f"kite demo: logs kept in {self.base}", file=sys.stderr, flush=True)


def run_demo(*, quit_after: float | None = None, screenshot: str | None = None,
             argv: list[str] | None = None) -> int:
    """Run `kite --demo` until its window closes (or `quit_after`); the exit code."""
    os.environ.setdefault("KITE_INSECURE_FAST_KDF", "1")  # the wallet is thrown away
    qt_messages.install()  # a window that cannot open says so in one sentence
    run = DemoRun()
    qt_messages.on_failed_start(lambda: shutil.rmtree(run.base, ignore_errors=True))
    gui = build_gui(run.make_api, REGTEST, demo=True, network_fixed=True,
                    settings=run.settings(), argv=argv or [sys.argv[0] if sys.argv else "kite"])
    exit_code = 0

    def finish() -> None:
        nonlocal exit_code
        if screenshot and not gui.screenshot(screenshot):
            print(f"kite demo: could not write the screenshot {screenshot}", file=sys.stderr)
            exit_code = 1
        if run.failed is not None:
            exit_code = 1
        gui.app.quit()

    if quit_after is not None or screenshot:
        delay = int(max(0.0, quit_after if quit_after is not None else 1.0) * 1000)
        armed = False

        def arm() -> None:  # quit_after counts from the moment the demo is ready (or failed)
            nonlocal armed
            if not armed and run.finished.is_set():
                armed = True
                QTimer.singleShot(delay, finish)

        waiter = QTimer(gui.app)
        waiter.timeout.connect(arm)
        waiter.start(200)

    # Ctrl-C / SIGTERM close the window (Python handles signals between Qt events)
    def on_signal(_signum: int, _frame: Any) -> None:
        gui.app.quit()

    previous = {s: signal.signal(s, on_signal) for s in (signal.SIGINT, signal.SIGTERM)}
    ticker = QTimer(gui.app)
    ticker.timeout.connect(lambda: None)
    ticker.start(250)

    run.start(gui)
    try:
        code = gui.app.exec()
        return code or exit_code
    finally:
        run.stop()
        for s, handler in previous.items():
            signal.signal(s, handler)
