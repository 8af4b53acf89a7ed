"""Issue 18, second part: errors stay with their page and attempt, plain sentences with the
code in Details, the keyboard, honest sync state, the demo's blocks, and "Save image".
Driven through the real QML (clicks and keys), checked against what is on screen and what
the facade was asked to do."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QSettings

from tests.gui.conftest import PASSWORD, child_items, click, find_item, regtest_addresses, settle
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
        pending.extend(child_items(item))
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


# --- 2. plain sentences; the code in Details; "Try again" only when it can change --------


def test_home_says_plain_sentences_and_keeps_the_code_in_details(qtbot, tmp_path):
    gui, api = open_gui(qtbot, tmp_path)
    try:
        api.push("sync", height=120, server_height=120, server="127.0.0.1:40825:t",
                 connected=True)
        qtbot.waitUntil(lambda: on_screen(gui, "Up to date"))
        assert not on_screen(gui, "127.0.0.1:40825")
        api.push("error", message="Payment failed: the next node is unknown "
                 "(unknown_next_peer), from our peer 02ae" + "cd" * 20,
                 detail="")
        qtbot.waitUntil(lambda: visible(gui, "homeError"))
        assert on_screen(gui, "the next node is unknown")
        assert not on_screen(gui, "unknown_next_peer") and not on_screen(gui, "02aecdcd")
        click(qtbot, gui, "errorDetailsLink")
        assert on_screen(gui, "(unknown_next_peer), from our peer 02ae")  # the code, in Details
        api.push("error", message="Channel refused: to_self_delay 5000 is unreasonably large",
                 detail="ChannelError: to_self_delay 5000 is unreasonably large")
        qtbot.waitUntil(lambda: not on_screen(gui, "the next node is unknown"))
        assert not on_screen(gui, "to_self_delay")
        assert on_screen(gui, "unreasonably large")
    finally:
        gui.close()


def test_details_never_repeat_the_message(qtbot, tmp_path):
    gui, api = open_gui(qtbot, tmp_path)
    try:
        api.push("error", message="No usable channel to pay through.",
                 detail="PaymentFailed: no usable channel to pay through")
        qtbot.waitUntil(lambda: visible(gui, "homeError"))
        assert "Details" not in shown_texts(gui)
    finally:
        gui.close()


def _pay_and_fail(qtbot, gui, api, invoice: str, failure: str) -> None:
    from tests.gui.conftest import type_text

    api.pay_failures, api.pay_failure_message = 1, failure
    click(qtbot, gui, "sendButton")
    type_text(qtbot, gui, "sendInput", invoice)
    click(qtbot, gui, "sendContinueButton")
    click(qtbot, gui, "confirmSendButton")
    qtbot.waitUntil(lambda: gui.send.stage == "failed", timeout=5000)
    settle(qtbot, gui)


def test_try_again_only_for_failures_that_can_change(qtbot, tmp_path):
    from tests.gui.facade_double import shop_invoice

    balance = {"confirmed": 1_250_000, "unconfirmed": 0, "immature": 0, "lightning": 500_000}
    gui, api = open_gui(qtbot, tmp_path, balance=balance)
    try:
        qtbot.waitUntil(lambda: gui.wallet.lightningSat == 500_000)
        _pay_and_fail(qtbot, gui, api, shop_invoice(2_100), "no route to the payee")
        assert visible(gui, "retryButton")  # a route may appear: worth another try
        click(qtbot, gui, "backButton")
        click(qtbot, gui, "backButton")
        _pay_and_fail(qtbot, gui, api, shop_invoice(2_100),
                      "payment failed: the recipient does not know this payment "
                      "(incorrect_or_unknown_payment_details)")
        assert not visible(gui, "retryButton")  # the same invoice fails the same way
        assert "Close" in shown_texts(gui)  # the way out is the main button
    finally:
        gui.close()


# --- 6. "Save image" --------------------------------------------------------------------


def test_save_image_opens_in_pictures_with_a_file_name(qtbot, tmp_path, monkeypatch):
    from pathlib import Path

    from PySide6.QtCore import QObject, QUrl

    from tests.gui.conftest import type_text

    home = tmp_path / "home"
    (home / "Pictures").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_PICTURES_DIR", str(home / "Pictures"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    gui, _api = open_gui(qtbot, tmp_path)
    try:
        click(qtbot, gui, "receiveButton")
        qtbot.waitUntil(lambda: gui.receive.address != "", timeout=5000)
        type_text(qtbot, gui, "receiveAmount", "25000")
        find_item(gui, "receiveTabs").setProperty("currentIndex", 2)
        settle(qtbot, gui)
        click(qtbot, gui, "saveImageButton")
        dialog = gui.window.findChild(QObject, "saveImageDialog")
        folder = Path(QUrl(dialog.property("currentFolder")).toLocalFile())
        chosen = Path(QUrl(dialog.property("selectedFile")).toLocalFile())
        assert folder == home / "Pictures"
        assert chosen == home / "Pictures" / "kite-address.png"
        dialog.setProperty("selectedFile", QUrl.fromLocalFile(str(chosen)))
        dialog.accept()
        qtbot.waitUntil(chosen.exists, timeout=5000)
        find_item(gui, "receiveTabs").setProperty("currentIndex", 0)
        settle(qtbot, gui)
        click(qtbot, gui, "saveImageButton")
        chosen = Path(QUrl(dialog.property("selectedFile")).toLocalFile())
        assert chosen.name == "kite-request-25000sat.png"
        dialog.reject()
    finally:
        gui.close()


# --- 3. the keyboard ----------------------------------------------------------------------


def _key(qtbot, gui, key, modifier=None) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    QTest.keyClick(gui.window, key, modifier or Qt.KeyboardModifier.NoModifier)
    settle(qtbot, gui)


def _focused(gui) -> str:
    item = gui.window.activeFocusItem()
    while item is not None and not item.objectName():
        item = item.parentItem()
    return item.objectName() if item is not None else ""


def test_keyboard_paste_enter_send_escape(qtbot, tmp_path):
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtTest import QTest

    address = regtest_addresses()[1]
    gui, api = open_gui(qtbot, tmp_path)
    try:
        gui.window.requestActivate()
        click(qtbot, gui, "sendButton")
        assert _focused(gui) == "sendInput"  # the first field has the focus on arrival
        QGuiApplication.clipboard().setText(address)
        _key(qtbot, gui, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
        assert find_item(gui, "sendInput").property("text") == address
        _key(qtbot, gui, Qt.Key.Key_Return)  # Enter continues
        assert gui.send.stage == "confirm"
        assert _focused(gui) == "sendAmount"
        for digit in "50000":
            QTest.keyClick(gui.window, Qt.Key(ord(digit)))
        qtbot.waitUntil(lambda: gui.send.canSend, timeout=5000)
        _key(qtbot, gui, Qt.Key.Key_Return)  # Enter in the amount: to the Send button
        assert _focused(gui) == "confirmSendButton" and api.sent == []
        assert _rings(find_item(gui, "confirmSendButton"))[0].isVisible()  # seen
        _key(qtbot, gui, Qt.Key.Key_Return)  # Enter on the focused button sends
        qtbot.waitUntil(lambda: gui.send.stage == "done", timeout=5000)
        assert api.sent == [(address, 50_000, 1.0)]
        _key(qtbot, gui, Qt.Key.Key_Escape)  # Escape goes back
        qtbot.waitUntil(lambda: gui.current_page() == "homePage", timeout=5000)
    finally:
        gui.close()


def _rings(item):
    from tests.gui.conftest import _walk

    return _walk(item, "focusRing")


def test_tab_follows_the_page_and_escape_leaves_the_confirmation(qtbot, tmp_path):
    from PySide6.QtCore import Qt

    gui, _api = open_gui(qtbot, tmp_path)
    try:
        gui.window.requestActivate()
        click(qtbot, gui, "sendButton")
        assert _focused(gui) == "sendInput"
        _key(qtbot, gui, Qt.Key.Key_Tab)
        assert _focused(gui) == "pasteButton"  # Tab moves on, it types no tab character
        assert find_item(gui, "sendInput").property("text") == ""
        _key(qtbot, gui, Qt.Key.Key_Tab)
        assert _focused(gui) == "openImageButton"
        gui.send.parse(regtest_addresses()[1])
        settle(qtbot, gui)
        _key(qtbot, gui, Qt.Key.Key_Escape)  # confirmation → back to the input
        assert gui.send.stage == "input" and gui.current_page() == "sendPage"
        _key(qtbot, gui, Qt.Key.Key_Escape)
        assert gui.current_page() == "homePage"
    finally:
        gui.close()


# --- 4. offline and sync honesty ------------------------------------------------------------


def test_not_synced_yet_then_the_problem_named_with_a_retry(qtbot, tmp_path, monkeypatch):
    from ui.models.wallet_model import WalletModel

    monkeypatch.setattr(WalletModel, "OFFLINE_GRACE_MS", 300, raising=False)
    empty = {"confirmed": 0, "unconfirmed": 0, "immature": 0, "lightning": 0}
    gui, api = open_gui(qtbot, tmp_path, balance=empty)
    try:
        qtbot.waitUntil(lambda: gui.wallet.hasBalance)
        settle(qtbot, gui)
        balance = find_item(gui, "balanceText").property("text")
        assert balance == "Not synced yet"  # not "0 sat": nobody has been asked yet
        assert not on_screen(gui, "0 sat")
        qtbot.waitUntil(lambda: visible(gui, "retryConnectionButton"), timeout=5000)
        assert on_screen(gui, "No server answers")
        click(qtbot, gui, "retryConnectionButton")
        qtbot.waitUntil(lambda: getattr(api, "retries", 0) == 1)
        assert not visible(gui, "retryConnectionButton")  # trying again now
        api.push("sync", height=100, server_height=100, server="", connected=True)
        qtbot.waitUntil(lambda: gui.wallet.synced)
        settle(qtbot, gui)
        assert find_item(gui, "balanceText").property("text") == "0 sat"  # now a fact
        assert on_screen(gui, "Up to date")
    finally:
        gui.close()


# --- 5. the demo's blocks ---------------------------------------------------------------------


class MiningShop(FailingShop):
    def mine(self, n: int) -> list[str]:
        self.mined.append(n)
        return ["00" * 32] * n


def test_demo_mines_on_a_timer_and_on_the_banner_button(qtbot, tmp_path, monkeypatch):
    from ui.models import demo as demo_module

    monkeypatch.setattr(demo_module, "MINE_INTERVAL_MS", 200, raising=False)
    shop = MiningShop()
    gui, _api = open_gui(qtbot, tmp_path, merchant=shop)
    try:
        qtbot.waitUntil(lambda: len(shop.mined) >= 1, timeout=5000)  # the timer
        before = len(shop.mined)
        click(qtbot, gui, "mineBlockButton")  # the banner's button
        qtbot.waitUntil(lambda: len(shop.mined) > before, timeout=5000)
        assert set(shop.mined) == {1}
        gui.demo.set_pushed_sat(200_000)
        settle(qtbot, gui)
        assert on_screen(gui, "200\u202f000 sat of your demo coins were given to Tram")
    finally:
        gui.close()


# --- screenshots of the changed pages, phone and desktop sizes, light and dark ----------------


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("size", [(400, 800), (1200, 900)])
def test_screenshots_of_the_changed_pages(qtbot, tmp_path, monkeypatch, theme, size):
    from PySide6.QtGui import QImage

    from tests.gui.conftest import shoot
    from tests.gui.facade_double import shop_invoice
    from ui.models.wallet_model import WalletModel

    monkeypatch.setattr(WalletModel, "OFFLINE_GRACE_MS", 200)
    balance = {"confirmed": 1_250_000, "unconfirmed": 0, "immature": 0, "lightning": 500_000}
    gui, api = open_gui(qtbot, tmp_path, theme=theme, merchant=MiningShop(), balance=balance)
    tag = f"{size[0]}x{size[1]}"
    try:
        gui.window.resize(*size)
        gui.demo.set_pushed_sat(200_000)
        qtbot.waitUntil(lambda: gui.wallet.offlineProblem, timeout=5000)
        shots = [shoot(qtbot, gui, f"60-home-not-synced-offline-{tag}")]
        api.push("sync", height=120, server_height=120, server="127.0.0.1:40825:t",
                 connected=True)
        api.push("error", message="Payment failed: the next node is unknown "
                 "(unknown_next_peer), from our peer 02ae" + "cd" * 20)
        qtbot.waitUntil(lambda: gui.wallet.synced and visible(gui, "homeError"))
        click(qtbot, gui, "errorDetailsLink")
        shots.append(shoot(qtbot, gui, f"61-home-plain-error-details-{tag}"))
        _pay_and_fail(qtbot, gui, api, shop_invoice(2_100),
                      "payment failed: the recipient does not know this payment "
                      "(incorrect_or_unknown_payment_details)")
        shots.append(shoot(qtbot, gui, f"62-send-failed-no-retry-{tag}"))
        click(qtbot, gui, "backButton")
        gui.send.parse(regtest_addresses()[1])
        settle(qtbot, gui)
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        for digit in "50000":
            QTest.keyClick(gui.window, Qt.Key(ord(digit)))
        qtbot.waitUntil(lambda: gui.send.canSend, timeout=5000)
        _key(qtbot, gui, Qt.Key.Key_Return)
        shots.append(shoot(qtbot, gui, f"63-send-confirm-focus-ring-{tag}"))
        _key(qtbot, gui, Qt.Key.Key_Escape)
        _key(qtbot, gui, Qt.Key.Key_Escape)
        gui.session.show_page("SettingsPage.qml")
        settle(qtbot, gui)
        find_item(gui, "serverRow")
        shots.append(shoot(qtbot, gui, f"64-settings-server-{tag}"))
        for path in shots:
            image = QImage(str(path))
            assert (image.width(), image.height()) == size
    finally:
        gui.close()
