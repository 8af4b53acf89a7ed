"""Screenshots of every page at 400×800, light and dark, for people to look at.

Written to test-artifacts/screenshots/ (git-ignored). Each shot also checks that the page
it meant to show is the one on screen and that the image is the phone size.
"""

from __future__ import annotations

import pytest
from PySide6.QtGui import QImage

from tests.gui.conftest import (
    PASSWORD,
    click,
    find_item,
    open_new_wallet,
    regtest_addresses,
    shoot,
    type_text,
)
from wallet.api import WalletApi
from wallet.networks import REGTEST


def _check(path, gui, page: str) -> None:
    assert gui.current_page() == page
    image = QImage(str(path))
    assert (image.width(), image.height()) == (400, 800)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_onboarding_pages(qtbot, make_gui, theme):
    gui = make_gui(theme=theme)
    _check(shoot(qtbot, gui, "01-welcome"), gui, "welcomePage")
    click(qtbot, gui, "createButton")
    _check(shoot(qtbot, gui, "02-create-words"), gui, "createWordsPage")
    click(qtbot, gui, "wordsWrittenButton")
    type_text(qtbot, gui, "checkField0", "wrong")
    click(qtbot, gui, "checkContinueButton")
    _check(shoot(qtbot, gui, "03-check-words-error"), gui, "checkWordsPage")
    for i, p in enumerate(gui.onboarding.checkPositions):
        type_text(qtbot, gui, f"checkField{i}", gui.onboarding.words[p - 1])
    click(qtbot, gui, "checkContinueButton")
    type_text(qtbot, gui, "passwordField", PASSWORD)
    _check(shoot(qtbot, gui, "04-password"), gui, "passwordPage")
    gui.session.show_page("RestorePage.qml")
    type_text(qtbot, gui, "restoreWords", "abandon abandon abandonn ")
    _check(shoot(qtbot, gui, "05-restore-unknown-word"), gui, "restorePage")
    type_text(qtbot, gui, "restoreWords", "abandon " * 11 + "aba")
    _check(shoot(qtbot, gui, "06-restore-typing"), gui, "restorePage")
    type_text(qtbot, gui, "restoreWords", "abandon " * 12)
    _check(shoot(qtbot, gui, "07-restore-checksum"), gui, "restorePage")


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_wallet_pages(qtbot, make_gui, tmp_path, theme):
    gui = make_gui(theme=theme)
    open_new_wallet(qtbot, gui)
    qtbot.waitUntil(lambda: gui.wallet.syncText != "Not connected")
    _check(shoot(qtbot, gui, "10-home-not-connected"), gui, "homePage")

    click(qtbot, gui, "receiveButton")
    qtbot.waitUntil(lambda: gui.receive.address != "", timeout=20_000)
    type_text(qtbot, gui, "receiveAmount", "25000")
    type_text(qtbot, gui, "receiveDescription", "Pizza")
    # no channel: the request is on-chain only, and says why
    qtbot.waitUntil(lambda: find_item(gui, "lightningReason").isVisible(), timeout=10_000)
    _check(shoot(qtbot, gui, "12-receive-request"), gui, "receivePage")
    find_item(gui, "receiveTabs").setProperty("currentIndex", 1)
    _check(shoot(qtbot, gui, "13a-receive-lightning-no-channel"), gui, "receivePage")
    find_item(gui, "receiveTabs").setProperty("currentIndex", 2)
    _check(shoot(qtbot, gui, "13-receive-address"), gui, "receivePage")

    gui.session.show_page("SendPage.qml")
    gui.send.reset()
    type_text(qtbot, gui, "sendInput", "hello")
    click(qtbot, gui, "sendContinueButton")
    _check(shoot(qtbot, gui, "14-send-error"), gui, "sendPage")
    gui.send.parse(regtest_addresses()[1])
    _check(shoot(qtbot, gui, "15-send-confirm-open-amount"), gui, "sendPage")
    gui.send.parse(f"bitcoin:{regtest_addresses()[1]}?amount=0.0005&message=Invoice%2042")
    _check(shoot(qtbot, gui, "16-send-confirm-fixed-amount"), gui, "sendPage")

    gui.session.show_page("SettingsPage.qml")
    _check(shoot(qtbot, gui, "17-settings"), gui, "settingsPage")

    gui.wallet.history.set_items([
        {"txid": "ab" * 32, "height": 0, "delta_sat": 25_000, "fee_sat": None,
         "timestamp": None, "kind": "onchain"},
        {"txid": "cd" * 32, "height": 120, "delta_sat": -10_500, "fee_sat": 141,
         "timestamp": 1_790_000_000, "kind": "onchain"},
        {"txid": "ef" * 32, "height": 101, "delta_sat": 150_000, "fee_sat": None,
         "timestamp": 1_789_000_000, "kind": "onchain"},
    ])
    gui.wallet.history.set_tip(130)
    gui.session.show_page("home")
    _check(shoot(qtbot, gui, "18-home-with-history"), gui, "homePage")
    click(qtbot, gui, "historyRow1")
    _check(shoot(qtbot, gui, "19-payment-detail"), gui, "paymentDetailPage")
    gui.settings.unit = "btc"
    gui.session.show_page("home")
    _check(shoot(qtbot, gui, "20-home-btc"), gui, "homePage")


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_unlock_page(qtbot, make_gui, tmp_path, theme):
    folder = tmp_path / "existing"
    api = WalletApi(folder, REGTEST)
    try:
        api.create(WalletApi.generate_mnemonic(), "", PASSWORD).result(timeout=60)
    finally:
        api.shutdown()
    gui = make_gui(theme=theme, wallet_dir=folder)
    _check(shoot(qtbot, gui, "09-unlock"), gui, "unlockPage")
