"""The app's state machine over one `WalletApi`: new wallet, locked, opening, open.

It owns the facade, turns facade events (which arrive on the node's thread) into the
`eventReceived` signal on the GUI thread, and tells the QML which page to show. Models that
need the facade read `session.api` at call time, since choosing another network during
onboarding replaces it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Property, QObject, Signal, Slot

import wallet
from ui.i18n.words import QT_TRANSLATE_NOOP, translate
from ui.models.bridge import GuiPoster, when_done
from ui.models.plain_errors import plain_error
from ui.models.signals import emit
from wallet.api import Event, WalletApi, WalletInUse
from wallet.networks import NETWORKS, Network, get_network

log = logging.getLogger(__name__)

ApiFactory = Callable[[Network], WalletApi]
DAEMON_HOLDS_WALLET = QT_TRANSLATE_NOOP("Session", "This wallet is already open in the Kite "
                                        "daemon: stop the daemon (below, or with `kite stop`) "
                                        "to open it in this window.")


def facade_has(api: Any, name: str) -> bool:
    """Whether the facade offers `name` yet (controls stay disabled until it does)."""
    return api is not None and hasattr(api, name)


class Session(QObject):
    """`state`: "new" (no wallet), "locked", "opening", "open"."""

    stateChanged = Signal()
    networkChanged = Signal()
    errorChanged = Signal()
    nodeIdChanged = Signal()
    eventReceived = Signal(str, "QVariantMap")
    opened = Signal()
    navigate = Signal(str)  # ask the QML to show a page (by file name)

    def __init__(self, api_factory: ApiFactory, network: Network, *, demo: bool = False,
                 network_fixed: bool = False, parent: QObject | None = None,
                 lsp_peer: Callable[[], str | None] | None = None) -> None:
        super().__init__(parent)
        # the LSP setting, read at each open (a new choice is used from the next open)
        self._lsp_peer = lsp_peer
        self.poster = GuiPoster(self)
        self._factory = api_factory
        self._demo = demo
        self._network_fixed = network_fixed
        self._error = ""
        self._error_detail = ""
        self._node_id = ""
        self._unsubscribe: Callable[[], None] | None = None
        self._closed = False
        self._connected = False
        self._daemon_running = False  # a `kite daemon` holds the wallet (unlock refused)
        self._attached = False  # the wallet's node is a running `kite daemon` (see WalletApi)
        self.api: WalletApi = self._make_api(network)
        self._state = "locked" if self.api.wallet_exists() else "new"

    # --- facade -------------------------------------------------------------------------

    def _make_api(self, network: Network) -> WalletApi:
        api = self._factory(network)
        poster = self.poster

        def on_event(event: Event) -> None:  # node thread
            kind, data = event.kind, dict(event.data)
            poster.post(lambda: self._on_event(kind, data))

        self._unsubscribe = api.subscribe(on_event)
        return api

    def _on_event(self, kind: str, data: dict[str, Any]) -> None:
        if self._closed:
            return
        if kind == "sync":
            self._connected = bool(data.get("connected"))
        if kind == "error":
            self._set_error(*plain_error(str(data.get("message") or ""),
                                         str(data.get("detail") or "")))
        if kind == "state" and data.get("state") == "stopped" and self._attached:
            # the daemon this window was attached to went away: unlock again to open it here
            self._attached = False
            self._set_state("locked")
        emit(self.eventReceived, kind, data)

    @property
    def connected(self) -> bool:
        """Whether the node last said it reached a server."""
        return self._connected

    def can(self, name: str) -> bool:
        """Whether the facade offers `name` and the session is not shut down."""
        return not self._closed and facade_has(self.api, name)

    def shutdown(self) -> None:
        self._closed = True
        if self._unsubscribe is not None:
            self._unsubscribe()
        self.api.shutdown()

    # --- properties ----------------------------------------------------------------------

    def _set_state(self, state: str) -> None:
        if state != self._state:
            self._state = state
            emit(self.stateChanged)

    def _set_error(self, message: str, detail: str = "") -> None:
        self._error, self._error_detail = message, detail
        emit(self.errorChanged)

    @Property(str, notify=stateChanged)
    def state(self) -> str:
        return self._state

    @Property(str, notify=networkChanged)
    def network(self) -> str:
        return self.api.network.name

    @Property(list, constant=True)
    def networks(self) -> list[str]:
        return list(NETWORKS)

    @Property(bool, constant=True)
    def networkFixed(self) -> bool:  # noqa: N802
        return self._network_fixed

    @Property(bool, constant=True)
    def demo(self) -> bool:
        return self._demo

    @Property(str, constant=True)
    def version(self) -> str:
        return wallet.__version__

    @Property(str, notify=errorChanged)
    def error(self) -> str:
        return self._error

    @Property(str, notify=errorChanged)
    def errorDetail(self) -> str:  # noqa: N802
        return self._error_detail

    @Property(str, notify=nodeIdChanged)
    def nodeId(self) -> str:  # noqa: N802
        return self._node_id

    @Property(bool, notify=stateChanged)
    def canOpen(self) -> bool:  # noqa: N802
        return facade_has(self.api, "open")

    @Property(str, constant=True)
    def walletPath(self) -> str:  # noqa: N802
        return str(Path(self.api.wallet_dir))

    # --- actions -------------------------------------------------------------------------

    @Slot(str)
    def setNetwork(self, name: str) -> None:  # noqa: N802
        """Onboarding only: use another network (and its wallet folder)."""
        if self._network_fixed or self._state != "new" or name == self.network:
            return
        network = get_network(name)
        if self._unsubscribe is not None:
            self._unsubscribe()
        self.api.shutdown()
        self.api = self._make_api(network)
        emit(self.networkChanged)
        if self.api.wallet_exists():
            self._set_state("locked")

    def show_page(self, page: str) -> None:
        """Ask the window to show a page (a QML file name, or "home")."""
        emit(self.navigate, page)

    @Slot()
    def clearError(self) -> None:  # noqa: N802
        self._set_error("", "")

    @Slot(str)
    def unlock(self, password: str) -> None:
        """Open the wallet (start the node) with its password."""
        if not facade_has(self.api, "open"):
            return  # the Unlock button stays disabled until the facade can open a wallet
        self._set_state("opening")
        self.clearError()

        def ok(_: Any) -> None:
            self._after_open()

        def failed(message: str, detail: str) -> None:
            self._set_state("locked")
            self._set_error(message, detail)

        def refused_by_lock(f: Any) -> None:  # node thread: is it the daemon that holds it?
            if not f.cancelled() and isinstance(f.exception(), WalletInUse) \
                    and facade_has(self.api, "daemon_running"):
                when_done(self.poster, self.api.daemon_running(), self._daemon_seen,
                          lambda _m, _d: None)

        self._daemon_running = False
        if self._lsp_peer is not None:
            self.api.lsp_peer = self._lsp_peer()
        future = self.api.open(password)
        future.add_done_callback(refused_by_lock)
        when_done(self.poster, future, ok, failed)

    def _daemon_seen(self, running: bool) -> None:
        """The unlock was refused by the wallet lock while a daemon answers (the facade
        attaches to a daemon that answers when it unlocks, so this is one that started
        in between): say so, offer to stop it. One node per wallet stays."""
        self._daemon_running = bool(running)
        if running:
            self._set_error(translate("Session", DAEMON_HOLDS_WALLET), self._error_detail)
        emit(self.stateChanged)

    @Property(bool, notify=stateChanged)
    def attached(self) -> bool:
        """The window shows a running `kite daemon`'s wallet (it started no node)."""
        return self._attached

    @Property(bool, notify=stateChanged)
    def daemonRunning(self) -> bool:  # noqa: N802
        return self._daemon_running

    @Slot(str)
    def stopDaemonAndOpen(self, password: str) -> None:  # noqa: N802
        """Stop the wallet's daemon (asked for by the user), then open it here."""
        if not facade_has(self.api, "stop_daemon") or self._state == "opening":
            return
        self._set_state("opening")
        self.clearError()

        def failed(message: str, detail: str) -> None:
            self._set_state("locked")
            self._set_error(message, detail)

        when_done(self.poster, self.api.stop_daemon(), lambda _r: self.unlock(password), failed)

    def wallet_created(self, password: str | None = None) -> None:
        """Onboarding finished: open the new wallet when the facade can, else show home."""
        if password is not None and facade_has(self.api, "open"):
            self.unlock(password)
            return
        self._after_open()

    def _after_open(self) -> None:
        try:
            node_id = getattr(self.api, "node_id", "")
        except Exception:  # the facade may refuse while the node starts
            node_id = ""
        self._node_id = node_id.hex() if isinstance(node_id, bytes) else str(node_id or "")
        emit(self.nodeIdChanged)
        attached = bool(getattr(self.api, "attached", False))
        changed = attached != self._attached and self._state == "open"
        self._attached = attached
        self._set_state("open")
        if changed:
            emit(self.stateChanged)
        emit(self.opened)
