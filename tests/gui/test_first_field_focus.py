"""Every page with a field gives its first field the keyboard focus on arrival (so typing
or Ctrl+V goes there at once), through the real QML with real clicks where a user would
click. One test per page."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest

from tests.gui.conftest import PASSWORD, click, find_item, open_new_wallet, settle
from tests.gui.shots import shoot_sizes
from tests.support.lnurl_shop import shop_in_thread
from wallet.api import WalletApi
from wallet.networks import REGTEST


def focused(gui) -> str:
    item = gui.window.activeFocusItem()
    while item is not None and not item.objectName():
        item = item.parentItem()
    return item.objectName() if item is not None else ""


def pasted_into(qtbot, gui, name: str, text: str) -> bool:
    """Ctrl+V lands in the focused field."""
    QGuiApplication.clipboard().setText(text)
    QTest.keyClick(gui.window, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, gui)
    return find_item(gui, name).property("text") == text


@pytest.fixture
def wallet_gui(qtbot, make_gui):
    gui = make_gui()
    open_new_wallet(qtbot, gui)
    gui.window.requestActivate()
    return gui


def test_unlock_page(qtbot, make_gui, tmp_path):
    folder = tmp_path / "existing"
    api = WalletApi(folder, REGTEST)
    try:
        api.create(WalletApi.generate_mnemonic(), "", PASSWORD).result(timeout=60)
    finally:
        api.shutdown()
    gui = make_gui(wallet_dir=folder)
    gui.window.requestActivate()
    settle(qtbot, gui)
    assert gui.current_page() == "unlockPage"
    qtbot.waitUntil(lambda: focused(gui) == "unlockPassword", timeout=5000)
    assert pasted_into(qtbot, gui, "unlockPassword", "abc")


def test_restore_page(qtbot, make_gui):
    gui = make_gui()
    gui.window.requestActivate()
    click(qtbot, gui, "restoreButton")
    assert gui.current_page() == "restorePage"
    assert focused(gui) == "restoreWords"
    shoot_sizes(qtbot, gui, "focus-restore")
    assert pasted_into(qtbot, gui, "restoreWords", "abandon ability")


def test_check_words_and_password_pages(qtbot, make_gui):
    gui = make_gui()
    gui.window.requestActivate()
    click(qtbot, gui, "createButton")
    click(qtbot, gui, "wordsWrittenButton")
    assert gui.current_page() == "checkWordsPage"
    assert focused(gui) == "checkField0"
    words = gui.onboarding.property("words")
    for index, position in enumerate(gui.onboarding.property("checkPositions")):
        find_item(gui, f"checkField{index}").setProperty("text", words[position - 1])
    click(qtbot, gui, "checkContinueButton")
    assert gui.current_page() == "passwordPage"
    assert focused(gui) == "passwordField"


def test_settings_page(qtbot, wallet_gui):
    gui = wallet_gui
    click(qtbot, gui, "settingsButton")
    assert focused(gui) == "unitSat"  # the first control: the keyboard starts at the top
    shoot_sizes(qtbot, gui, "focus-settings")
    QTest.keyClick(gui.window, Qt.Key.Key_Tab)
    settle(qtbot, gui)
    assert focused(gui) == "unitBtc"


def test_servers_page(qtbot, wallet_gui):
    gui = wallet_gui
    click(qtbot, gui, "settingsButton")
    click(qtbot, gui, "serversButton")
    assert focused(gui) == "serverField"
    assert pasted_into(qtbot, gui, "serverField", "electrum.example.org:50002")


def test_open_channel_page(qtbot, wallet_gui):
    gui = wallet_gui
    click(qtbot, gui, "channelsButton")
    click(qtbot, gui, "openChannelButton")
    assert gui.current_page() == "openChannelPage"
    # regtest without a devnet has no default trampoline: the peer is the first to fill
    assert gui.channels.peer == ""
    assert focused(gui) == "channelPeer"


def test_open_channel_page_with_a_default_peer(qtbot, wallet_gui):
    gui = wallet_gui
    gui.settings.trampolinePeer = "02" + "ab" * 32 + "@127.0.0.1:9735"
    click(qtbot, gui, "channelsButton")
    click(qtbot, gui, "openChannelButton")
    assert gui.channels.peer == gui.settings.trampolinePeer
    # the peer is filled in: the amount is the first field left to fill
    assert focused(gui) == "channelAmount"
    shoot_sizes(qtbot, gui, "focus-open-channel")


def test_send_and_receive_pages(qtbot, wallet_gui):
    gui = wallet_gui
    click(qtbot, gui, "sendButton")
    assert focused(gui) == "sendInput"
    QTest.keyClick(gui.window, Qt.Key.Key_Escape)
    settle(qtbot, gui)
    click(qtbot, gui, "receiveButton")
    assert focused(gui) == "receiveAmount"


def test_lnurl_page_code_then_amount(qtbot, wallet_gui, tmp_path):
    gui = wallet_gui
    click(qtbot, gui, "receiveButton")
    click(qtbot, gui, "withdrawCodeButton")
    assert gui.current_page() == "lnurlPage"
    assert focused(gui) == "lnurlInput"
    (tmp_path / "shop").mkdir()
    with shop_in_thread(tmp_path / "shop") as shop:
        QTest.keyClick(gui.window, Qt.Key.Key_Escape)
        settle(qtbot, gui)
        QTest.keyClick(gui.window, Qt.Key.Key_Escape)
        settle(qtbot, gui)
        gui.send.parse(shop.address)  # a Lightning address: the pay stage
        qtbot.waitUntil(lambda: gui.lnurl.stage == "pay", timeout=20_000)
        settle(qtbot, gui)
        qtbot.waitUntil(lambda: focused(gui) == "lnurlAmount", timeout=5000)
