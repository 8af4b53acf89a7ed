"""Issue 18, second part: errors stay with their page and attempt, plain sentences with the
code in Details, the keyboard, honest sync state, the demo's blocks, and "Save image".
Driven through the real QML (clicks and keys), checked against what is on screen and what
the facade was asked to do."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSettings

from tests.gui.conftest import PASSWORD, click, find_item, regtest_addresses, settle
from tests.gui.facade_double import ScriptedApi
from ui.app import build_gui
from wallet.networks import REGTEST


class FailingShop:
    """A demo merchant whose every answer fails (the devnet's shop went away)."""

    def __init__(self) -> None:
        self.mined: list[int] = []

    def shop_invoice(self, amount_sat: int, description: str = "") -> str:
        raise ConnectionRefusedError("shop daemon socket refused the connection")

    def shop_pay(self, invoice: str, timeout: float = 60.0) -> dict[str, Any]:
        raise ConnectionRefusedError("shop daemon socket refused the connection")

    def mine(self, blocks: int = 1) -> None:
        self.mined.append(blocks)


def open_gui(qtbot, tmp_path, *, theme: str = "light", merchant: Any = None,
             balance: dict[str, int] | None = None):
    """A window over the scripted facade, unlocked, on Home."""
    folder = tmp_path / "wallet"
    apis: list[ScriptedApi] = []

    def factory(network):
        api = ScriptedApi(folder, network)
        api.address = regtest_addresses()[0]
        if balance is not None:
            api.balance_data = balance
        apis.append(api)
        return api

    seed = ScriptedApi(folder, REGTEST)
    seed.create(ScriptedApi.generate_mnemonic(), "", PASSWORD).result(timeout=60)
    seed.shutdown()
    settings = QSettings(str(tmp_path / f"gui-{theme}.ini"), QSettings.Format.IniFormat)
    settings.setValue("display/theme", theme)
    gui = build_gui(factory, REGTEST, network_fixed=True, settings=settings,
                    demo=merchant is not None, merchant=merchant)
    qtbot.waitExposed(gui.window)
    gui.session.unlock(PASSWORD)
    qtbot.waitUntil(lambda: gui.current_page() == "homePage", timeout=10_000)
    settle(qtbot, gui)
    return gui, apis[0]


def shown_texts(gui) -> list[str]:
    """Every text on screen now (visible items of the current page and the window)."""
    from PySide6.QtQuick import QQuickItem

    texts, pending = [], [gui.window.contentItem()]
    while pending:
        item: QQuickItem = pending.pop()
        if not item.isVisible() or item.opacity() == 0:
            continue
        text = item.property("text")
        if isinstance(text, str) and text:
            texts.append(text)
        pending.extend(item.childItems())
    return texts


def on_screen(gui, words: str) -> bool:
    return any(words in t for t in shown_texts(gui))


def visible(gui, name: str) -> bool:
    try:
        return find_item(gui, name).isVisible()
    except LookupError:
        return False


# --- 1. errors belong to the page and the attempt ---------------------------------------


def test_a_send_page_failure_is_not_shown_on_receive_nor_on_the_next_send(qtbot, tmp_path):
    gui, _api = open_gui(qtbot, tmp_path, merchant=FailingShop())
    try:
        click(qtbot, gui, "sendButton")
        click(qtbot, gui, "demoShopInvoiceButton")
        qtbot.waitUntil(lambda: on_screen(gui, "Something went wrong"), timeout=5000)
        click(qtbot, gui, "backButton")
        click(qtbot, gui, "receiveButton")
        assert gui.current_page() == "receivePage"
        assert not on_screen(gui, "Something went wrong")
        click(qtbot, gui, "backButton")
        click(qtbot, gui, "sendButton")  # a fresh attempt starts clean
        assert gui.current_page() == "sendPage"
        assert not on_screen(gui, "Something went wrong")
    finally:
        gui.close()
