"""GUI test helpers: an offscreen Kite window over a real WalletApi in a temporary folder."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["KITE_LANG"] = "en"  # the tests read English texts, whatever the machine's language

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import QPointF, QSettings, Qt  # noqa: E402
from PySide6.QtQuick import QQuickItem  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

from tests.conftest import ROOT, load_vector  # noqa: E402
from ui.app import KiteGui, build_gui  # noqa: E402
from wallet.api import WalletApi  # noqa: E402
from wallet.bech32 import encode_segwit_address  # noqa: E402
from wallet.hashes import hash160  # noqa: E402
from wallet.networks import REGTEST, Network  # noqa: E402

SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
PASSWORD = "correct horse"


def regtest_addresses() -> list[str]:
    """The BIP 84 vector keys' P2WPKH addresses, on regtest."""
    return [
        encode_segwit_address(REGTEST.bech32_hrp, 0, hash160(bytes.fromhex(a["pubkey"])))
        for a in load_vector("bip84.json")["addresses"]
    ]


def find_item(gui: KiteGui, name: str) -> QQuickItem:
    """The item with this objectName, preferring one that is visible (pages under the
    current one stay alive on the StackView)."""
    found = [i for i in gui.window.findChildren(QQuickItem, name) if isinstance(i, QQuickItem)] \
        or _walk(gui.window.contentItem(), name)
    if not found:
        raise LookupError(f"no item named {name!r} on page {gui.current_page()!r}")
    visible = [item for item in found if item.isVisible()]
    return (visible or found)[0]


def child_items(item: QQuickItem) -> list[QQuickItem]:
    """`item.childItems()`, live items only: PySide now and then hands back a wrapper of
    the wrong type (a QMetaObject) for a child being destroyed; nothing to look at."""
    return [c for c in item.childItems() if isinstance(c, QQuickItem)]


def _walk(root: QQuickItem, name: str) -> list[QQuickItem]:
    """Search the visual tree (Repeater delegates are not QObject children of the page)."""
    pending, hits = [root], []
    while pending:
        item = pending.pop()
        if item.objectName() == name:
            hits.append(item)
        pending.extend(child_items(item))
    return hits


def settle(qtbot, gui: KiteGui) -> None:
    """Wait for page transitions to finish and a frame to render."""
    qtbot.waitUntil(lambda: not gui.window.property("stackBusy"), timeout=5000)
    qtbot.wait(50)


def scroll_into_view(qtbot, gui: KiteGui, item) -> None:
    """Scroll the page that holds `item` until the item is in the window, as a user would
    before clicking it (a long page at 400×800 has items below the fold)."""
    flick = item.parentItem()
    while flick is not None and flick.property("contentY") is None:
        flick = flick.parentItem()
    if flick is None:
        return
    top = item.mapToItem(flick, QPointF(0, 0)).y()
    height = flick.height()
    if top >= 0 and top + item.height() <= height:
        return
    content_y = flick.property("contentY") + top - (height - item.height()) / 2
    most = max(0.0, flick.property("contentHeight") - height)
    flick.setProperty("contentY", min(max(0.0, content_y), most))
    settle(qtbot, gui)


def click(qtbot, gui: KiteGui, name: str) -> None:
    """A real mouse click in the middle of the named item (scrolled into view first)."""
    settle(qtbot, gui)
    item = find_item(gui, name)
    assert item.isVisible(), f"{name} is not visible"
    assert item.property("enabled"), f"{name} is disabled"
    scroll_into_view(qtbot, gui, item)
    centre = item.mapToScene(QPointF(item.width() / 2, item.height() / 2)).toPoint()
    QTest.mouseClick(gui.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre)
    settle(qtbot, gui)


def type_text(qtbot, gui: KiteGui, name: str, text: str) -> None:
    find_item(gui, name).setProperty("text", text)
    qtbot.wait(10)


@pytest.fixture
def make_gui(qtbot, tmp_path: Path):
    """`make_gui(network=REGTEST, theme="light")` → a shown KiteGui; closed after the test."""
    made: list[KiteGui] = []

    def make(network: Network = REGTEST, theme: str = "light",
             wallet_dir: Path | None = None) -> KiteGui:
        folder = wallet_dir or tmp_path / "wallet"
        settings = QSettings(str(tmp_path / "gui.ini"), QSettings.Format.IniFormat)
        settings.setValue("display/theme", theme)
        gui = build_gui(lambda n: WalletApi(folder, n), network, network_fixed=True,
                        settings=settings)
        made.append(gui)
        qtbot.waitExposed(gui.window)
        settle(qtbot, gui)
        return gui

    yield make
    for gui in made:
        gui.close()
    qtbot.wait(20)


def open_new_wallet(qtbot, gui: KiteGui) -> None:
    """Create a wallet through the onboarding model and wait for Home (the facade opens it:
    a real node with no server configured, so it stays "not connected")."""
    gui.onboarding.generate()
    gui.onboarding.create(PASSWORD, "")
    qtbot.waitUntil(lambda: gui.current_page() == "homePage", timeout=60_000)
    settle(qtbot, gui)


def shoot(qtbot, gui: KiteGui, name: str) -> Path:
    """Save a screenshot of the window under test-artifacts/screenshots/."""
    settle(qtbot, gui)
    qtbot.wait(100)
    path = SCREENSHOTS / f"{name}-{gui.settings.theme}.png"
    assert gui.screenshot(path), f"could not write {path}"
    return path
