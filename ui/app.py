"""Start Kite's GUI: a Qt Quick (Material) window over the wallet facade.

`main()` is what `kite gui` and `kite --demo` call. `build_gui()` wires models and QML
without running the event loop, for tests and benchmarks. With `screenshot` and
`quit_after`, the window renders, a PNG of it is saved and the app exits (works headless
with QT_QPA_PLATFORM=offscreen).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, QTimer, QUrl
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtQml import QQmlApplicationEngine
from PySide6.QtQuick import QQuickWindow, QSGRendererInterface
from PySide6.QtQuickControls2 import QQuickStyle

from ui import qt_messages
from ui.i18n import translations
from ui.models.backup_file import BackupFileModel
from ui.models.buy_inbound import BuyInboundModel
from ui.models.channels import ChannelsModel
from ui.models.demo import DemoModel, Merchant
from ui.models.fee_choice import FeeLevels, SpeedUp
from ui.models.fiat import FiatModel
from ui.models.history_tools import HistoryTools
from ui.models.links import LinkModel
from ui.models.lnurl import LnurlModel
from ui.models.onboarding import OnboardingModel
from ui.models.qr import QrImageProvider
from ui.models.receive import ReceiveModel
from ui.models.receive_offer import ReceiveOfferModel
from ui.models.scanner import ScannerModel
from ui.models.seed import SeedModel
from ui.models.send import SendModel
from ui.models.servers import ServersModel
from ui.models.session import ApiFactory, Session
from ui.models.settings import SettingsModel, stored_language
from ui.models.wallet_model import WalletModel
from ui.single_instance import SingleInstance, instance_key
from wallet.api import WalletApi, default_wallet_path, known_lsps, wallet_exists
from wallet.errors import KiteError
from wallet.networks import MAINNET, NETWORKS, Network, get_network

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[1]
QML_DIR = Path(__file__).resolve().parent / "qml"


def _icons_dir() -> Path:
    """resources/icons beside ui/ (a checkout, the bundle), else the copy a wheel installs
    (pipx) under <prefix>/share/kite/icons (pyproject.toml's data-files)."""
    here = ROOT / "resources" / "icons"
    installed = Path(sys.prefix) / "share" / "kite" / "icons"
    return installed if not here.is_dir() and installed.is_dir() else here


ICONS_DIR = _icons_dir()
APP_ID = "org.kitewallet.Kite"  # packaging/linux/: the .desktop entry and AppStream id
SETTINGS_ENV = "KITE_GUI_SETTINGS"  # an INI file for the display settings (tests use it)


@dataclass
class KiteGui:
    """Everything one window needs; keep it alive as long as the window."""

    app: QGuiApplication
    engine: QQmlApplicationEngine
    session: Session
    settings: SettingsModel
    onboarding: OnboardingModel
    wallet: WalletModel
    receive: ReceiveModel
    send: SendModel
    channels: ChannelsModel
    demo: DemoModel
    window: QQuickWindow
    lnurl: LnurlModel | None = None
    links: LinkModel | None = None
    servers: ServersModel | None = None
    history_tools: HistoryTools | None = None
    seed: SeedModel | None = None
    fiat: FiatModel | None = None
    fee_levels: FeeLevels | None = None
    speed_up: SpeedUp | None = None
    backup_file: BackupFileModel | None = None
    receive_offer: ReceiveOfferModel | None = None
    buy_inbound: BuyInboundModel | None = None
    closed: bool = False

    def current_page(self) -> str:
        return str(self.window.property("currentPage") or "")

    def screenshot(self, path: str | Path) -> bool:
        """Save what the window shows now as a PNG."""
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        return self.window.grabWindow().save(str(path), "PNG")

    def close(self) -> None:
        """Close the window, then stop the facade (its node thread). Once."""
        if self.closed:
            return
        self.closed = True
        self.window.close()
        self.engine.clearComponentCache()
        self.engine.deleteLater()
        self.demo.shutdown()
        self.session.shutdown()


_prepared = False


def prepare_qt() -> None:
    """Process-wide Qt choices; call before the first QGuiApplication and QML load."""
    global _prepared
    if _prepared:
        return
    _prepared = True
    QQuickStyle.setStyle("Material")
    if os.environ.get("QT_QPA_PLATFORM", "").startswith("offscreen"):
        # Deterministic headless rendering; KiteButton copes with its missing elevation.
        QQuickWindow.setSceneGraphBackend("software")


def _application(argv: list[str]) -> QGuiApplication:
    existing = QGuiApplication.instance()
    if isinstance(existing, QGuiApplication):
        return existing
    app = QGuiApplication(argv)
    app.setApplicationName("Kite")
    app.setOrganizationName("Kite")
    app.setDesktopFileName(APP_ID)  # the desktop finds the window's icon and entry by it
    app.setWindowIcon(QIcon(str(ICONS_DIR / "kite.svg")))
    return app


def _settings_store() -> QSettings:
    path = os.environ.get(SETTINGS_ENV)
    if path:
        return QSettings(path, QSettings.Format.IniFormat)
    return QSettings("Kite", "Kite")


def build_gui(
    api_factory: ApiFactory,
    network: Network,
    *,
    demo: bool = False,
    network_fixed: bool = False,
    settings: QSettings | None = None,
    argv: list[str] | None = None,
    merchant: Merchant | None = None,
) -> KiteGui:
    """Create the models and load the QML window (the event loop is the caller's)."""
    prepare_qt()
    app = _application(argv or [sys.argv[0] if sys.argv else "kite"])
    store = settings or _settings_store()
    # before the QML loads (its qsTr() texts are looked up then) and before the models
    # make their first texts
    shown = translations.install(app, translations.wanted_language(stored_language(store)))
    qt_messages.started()
    settings_model = SettingsModel(store, language_shown=shown)
    settings_model.set_known_lsps(known_lsps(network.name))
    session = Session(api_factory, network, demo=demo, network_fixed=network_fixed,
                      lsp_peer=settings_model.lsp_peer_option)
    onboarding = OnboardingModel(session)
    wallet_model = WalletModel(session)
    receive = ReceiveModel(session, settings_model, lightning_receivable=wallet_model.receivable)
    wallet_model.balanceChanged.connect(receive.receivableChanged)
    receive_offer = ReceiveOfferModel(session)
    lnurl = LnurlModel(session, settings_model)
    send = SendModel(session, settings_model, lightning_sat=lambda: wallet_model.lightningSat,
                     lnurl=lnurl)
    wallet_model.balanceChanged.connect(send.changed)  # what can be paid follows the balance
    # sat <-> BTC: Home (which stays alive under other pages) shows the new unit at once
    settings_model.changed.connect(wallet_model.balanceChanged)
    settings_model.changed.connect(wallet_model.history.redisplay)
    channels = ChannelsModel(session, settings_model)
    buy_inbound = BuyInboundModel(session, settings_model)
    demo_model = DemoModel(session, merchant)
    servers = ServersModel(session)
    history_tools = HistoryTools(session)
    backup_file = BackupFileModel(session)
    seed = SeedModel(session)
    fiat = FiatModel(session, store)
    fee_levels, speed_up = FeeLevels(session, send), SpeedUp(session)
    window_ref: list[QQuickWindow] = []
    links = LinkModel(session, send, lambda: str(window_ref[0].property("currentPage") or "")
                      if window_ref else "")

    engine = QQmlApplicationEngine()
    engine.addImageProvider("qr", QrImageProvider())
    context = engine.rootContext()
    software = (QQuickWindow.sceneGraphBackend() == "software"
                or QQuickWindow.graphicsApi() == QSGRendererInterface.GraphicsApi.Software)
    objects: dict[str, QObject] = {
        "session": session, "settings": settings_model, "onboarding": onboarding,
        "walletModel": wallet_model, "receive": receive, "send": send,
        "channels": channels, "demo": demo_model, "scanner": ScannerModel(), "lnurl": lnurl,
        "links": links, "servers": servers, "historyTools": history_tools,
        "seed": seed, "fiat": fiat, "feeLevels": fee_levels, "speedUp": speed_up,
        "backupFile": backup_file,
        "receiveOffer": receive_offer, "buyInbound": buy_inbound,
    }
    for name, obj in objects.items():
        obj.setParent(engine)  # destroyed after the engine's QML, never before it
        context.setContextProperty(name, obj)
    context.setContextProperty("kiteSoftware", software)
    context.setContextProperty("iconsDir", QUrl.fromLocalFile(str(ICONS_DIR) + "/").toString())
    engine.load(QUrl.fromLocalFile(str(QML_DIR / "Main.qml")))
    roots = engine.rootObjects()
    if not roots or not isinstance(roots[0], QQuickWindow):
        session.shutdown()
        raise RuntimeError("could not load the QML user interface (see the messages above)")
    window_ref.append(roots[0])
    gui = KiteGui(app, engine, session, settings_model, onboarding, wallet_model, receive, send,
                  channels, demo_model, roots[0], lnurl, links, servers, history_tools, seed,
                  fiat, fee_levels, speed_up, backup_file, receive_offer, buy_inbound)
    if session.state == "open":
        wallet_model.refresh()
        seed.refresh()
        channels.refresh()
        servers.refresh()
    return gui


def _default_network() -> Network:
    """The network of an existing wallet in the default place, else mainnet."""
    for network in NETWORKS.values():
        if wallet_exists(default_wallet_path(network)):
            return network
    return MAINNET


def _wallet_dir(wallet_dir: Path | None, network: Network) -> Path:
    """The wallet folder the window opens: the one given, else the network's default."""
    return wallet_dir if wallet_dir is not None else default_wallet_path(network)


def _api_factory(wallet_dir: Path | None, server: str | None) -> Callable[[Network], WalletApi]:
    def make(network: Network) -> WalletApi:
        return WalletApi(_wallet_dir(wallet_dir, network), network, server)

    return make


def serve_links(gui: KiteGui, instance: SingleInstance) -> None:
    """Links handed over by later launches for this wallet: raise the window, open Send."""

    def received(link: str) -> None:
        gui.window.show()
        gui.window.raise_()
        gui.window.requestActivate()
        if link:
            gui.links.open(link)

    instance.linkReceived.connect(received)


def _hand_over_or_serve(wallet_dir: Path, link: str | None,
                        argv: list[str]) -> tuple[bool, SingleInstance | None]:
    """(whether to open a window, this wallet's window lock). No window when one is already
    open for the wallet: it got `link`. KiteError when it would not take it."""
    prepare_qt()
    _application(argv)
    try:
        instance = SingleInstance(instance_key(wallet_dir))
    except KiteError as e:  # no private runtime folder: windows are not kept to one
        log.warning("%s", e)
        return True, None
    if instance.try_primary():
        return True, instance
    instance.hand_over(link)
    print("kite: " + ("the link was handed to the Kite window already open for this wallet"
                      if link else "Kite is already open for this wallet"), flush=True)
    return False, None


def _parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="kite gui", description="Kite's window.")
    parser.add_argument("--network", choices=list(NETWORKS))
    parser.add_argument("--wallet-dir", type=Path)
    parser.add_argument("--server", help="Electrum server host:port (default: automatic)")
    parser.add_argument("--screenshot", help="save a PNG of the window, then exit")
    parser.add_argument("--quit-after", type=float, help="seconds before exiting")
    args, _qt_args = parser.parse_known_args(argv)
    return args


def main(
    argv: list[str] | None = None,
    *,
    wallet_dir: str | Path | None = None,
    network: Network | str | None = None,
    screenshot: str | None = None,
    quit_after: float | None = None,
    demo: bool = False,
    server: str | None = None,
    link: str | None = None,
) -> int:
    """Run the GUI until its window closes; the exit code. With `link` (a bitcoin: or
    lightning: URI) the window opens Send filled in from it; when a window is already open
    for the wallet, the link goes to it and this returns 0 at once."""
    argv = list(sys.argv[1:] if argv is None else argv)
    args = _parse_args(argv)
    wallet_dir = Path(wallet_dir) if wallet_dir is not None else args.wallet_dir
    network = network if network is not None else args.network
    screenshot = screenshot or args.screenshot
    quit_after = quit_after if quit_after is not None else args.quit_after
    server = server or args.server
    fixed = network is not None
    if isinstance(network, str):
        network = get_network(network)
    if network is None:
        network = MAINNET if wallet_dir is not None else _default_network()

    started = time.perf_counter()
    qt_messages.install()  # a window that cannot open says so in one sentence
    qt_argv = [sys.argv[0] if sys.argv else "kite", *argv]
    instance: SingleInstance | None = None
    if not demo:
        go_on, instance = _hand_over_or_serve(_wallet_dir(wallet_dir, network), link, qt_argv)
        if not go_on:
            return 0
    gui = build_gui(_api_factory(wallet_dir, server), network, demo=demo, network_fixed=fixed,
                    argv=qt_argv)
    window = gui.window
    if instance is not None:
        serve_links(gui, instance)
    if link:
        gui.links.open(link)
    if os.environ.get("KITE_GUI_TIMING"):
        def first_frame() -> None:
            print(f"first-frame {time.perf_counter() - started:.4f} {gui.current_page()}",
                  flush=True)
            window.frameSwapped.disconnect(first_frame)
        window.frameSwapped.connect(first_frame)

    if quit_after is not None or screenshot:
        def finish() -> None:
            if screenshot and not gui.screenshot(screenshot):
                log.error("could not write the screenshot %s", screenshot)
                gui.app.exit(1)
                return
            gui.app.quit()

        QTimer.singleShot(int(max(0.0, quit_after or 1.0) * 1000), finish)
    try:
        return gui.app.exec()
    finally:
        gui.close()
        if instance is not None:
            instance.close()


if __name__ == "__main__":
    sys.exit(main())
