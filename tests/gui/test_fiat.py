"""Amounts in the user's currency through the real QML, with rates from the devnet's rate
endpoint over real HTTP: asked once on Home, shown beside sat, typed on Send and Receive
(the sat figure written into the amount field is what is sent), the source down or silent
(never blocking a payment). Screenshots at phone and desktop sizes."""

from __future__ import annotations

import socket

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtTest import QTest

from tests.devnet.test_shop_lnurl import FakeShopDaemon
from tests.gui.conftest import SCREENSHOTS, click, find_item, settle, type_text
from tests.gui.test_money_correct import _confirm_onchain, _home, _wait_quoted
from wallet.devnet.shop_lnurl import ShopLnurl


@pytest.fixture
def rates():
    shop = ShopLnurl(FakeShopDaemon()).start()
    yield shop
    shop.stop()


def _keys(qtbot, gui, name: str, text: str) -> None:
    """Type into the named field with real key presses (as a user does)."""
    settle(qtbot, gui)
    item = find_item(gui, name)
    item.forceActiveFocus()
    item.setProperty("text", "")
    for char in text:
        QTest.keyClick(gui.window, char)
    qtbot.wait(20)


def _text(gui, name: str) -> str:
    return str(find_item(gui, name).property("text"))


def _choose_eur(qtbot, gui, api, base: str) -> None:
    api.rate_url = base
    qtbot.waitUntil(lambda: find_item(gui, "fiatAsk").isVisible())
    find_item(gui, "fiatAskCurrency").setProperty("currentIndex", gui.fiat.currencies.index("EUR"))
    click(qtbot, gui, "fiatAskYes")
    qtbot.waitUntil(lambda: gui.fiat.ready, timeout=10_000)
    settle(qtbot, gui)


def test_asked_once_then_shown_beside_sat(qtbot, tmp_path, rates):
    gui, api = _home(qtbot, tmp_path)
    try:
        _choose_eur(qtbot, gui, api, rates.lnurls.base)
        assert not find_item(gui, "fiatAsk").isVisible()
        assert gui.fiat.source == "devnet"
        # 1 250 000 sat at 60 000 EUR/BTC
        qtbot.waitUntil(lambda: _text(gui, "balanceFiat") == "≈ €750.00")
        assert "1 BTC = €60,000.00 at" in gui.fiat.rateText
    finally:
        gui.close()
    settings = QSettings(str(tmp_path / "gui-light.ini"), QSettings.Format.IniFormat)
    assert settings.value("fiat/currency") == "EUR" and settings.value("fiat/asked") == "true"


def test_no_thanks_is_remembered(qtbot, tmp_path, rates):
    gui, api = _home(qtbot, tmp_path)
    try:
        api.rate_url = rates.lnurls.base
        qtbot.waitUntil(lambda: find_item(gui, "fiatAsk").isVisible())
        click(qtbot, gui, "fiatAskNo")
        assert not find_item(gui, "fiatAsk").isVisible() and gui.fiat.asked
        assert _text(gui, "balanceFiat") == ""
    finally:
        gui.close()


@pytest.mark.parametrize("unit, typed_sat", [("sat", "8333"), ("btc", "0.00008333")])
def test_fiat_typed_on_send_becomes_the_sat_sent(qtbot, tmp_path, rates, unit, typed_sat):
    gui, api = _home(qtbot, tmp_path)
    try:
        _choose_eur(qtbot, gui, api, rates.lnurls.base)
        gui.settings.unit = unit
        _confirm_onchain(qtbot, gui)
        _keys(qtbot, gui, "fiatAmount", "5")  # 5 EUR / 60 000 EUR per BTC = 8 333.33 sat
        assert _text(gui, "sendAmount") == typed_sat
        _wait_quoted(qtbot, gui)
        assert gui.send.amountSat == 8_333
        assert "8\u202f333 sat at 1 BTC = €60,000.00" in _text(gui, "fiatAmountNote") \
            or "0.00008333" in _text(gui, "fiatAmountNote")
        assert _text(gui, "sendTotalFiat") == "≈ €5.08"  # 8 333 + 141 sat of fee
        click(qtbot, gui, "confirmSendButton")
        qtbot.waitUntil(lambda: len(api.sent) == 1)
        assert api.sent[0][1] == 8_333  # what the sat field said
    finally:
        gui.close()


def test_typing_sat_clears_the_fiat_field_and_bad_fiat_says_why(qtbot, tmp_path, rates):
    gui, api = _home(qtbot, tmp_path)
    try:
        _choose_eur(qtbot, gui, api, rates.lnurls.base)
        _confirm_onchain(qtbot, gui)
        _keys(qtbot, gui, "fiatAmount", "1.234")
        assert "2 decimals" in _text(gui, "fiatAmountNote")
        assert _text(gui, "sendAmount") == ""
        _keys(qtbot, gui, "fiatAmount", "1")
        assert _text(gui, "sendAmount") == "1667"
        _keys(qtbot, gui, "sendAmount", "5000")
        assert _text(gui, "fiatAmount") == ""
    finally:
        gui.close()


def test_fiat_typed_on_receive(qtbot, tmp_path, rates):
    gui, api = _home(qtbot, tmp_path)
    try:
        _choose_eur(qtbot, gui, api, rates.lnurls.base)
        click(qtbot, gui, "receiveButton")
        _keys(qtbot, gui, "fiatAmount", "12,50")
        assert _text(gui, "receiveAmount") == "20833"
        qtbot.waitUntil(lambda: gui.receive.amountSat == 20_833)
        assert _text(gui, "receiveAmountFiat") == "≈ €12.50"  # back from the sat requested
    finally:
        gui.close()


def test_a_silent_rate_source_never_blocks_a_payment(qtbot, tmp_path):
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(5)  # accepts connections, never answers
    gui, api = _home(qtbot, tmp_path)
    try:
        api.rate_url = f"http://127.0.0.1:{silent.getsockname()[1]}"
        qtbot.waitUntil(lambda: find_item(gui, "fiatAsk").isVisible())
        click(qtbot, gui, "fiatAskYes")  # the first source offered: the devnet one
        _confirm_onchain(qtbot, gui)
        assert not find_item(gui, "fiatAmountBox").isVisible()  # no rate: sat only
        type_text(qtbot, gui, "sendAmount", "50000")
        _wait_quoted(qtbot, gui)
        click(qtbot, gui, "confirmSendButton")
        qtbot.waitUntil(lambda: len(api.sent) == 1, timeout=5000)
        assert not gui.fiat.ready and api.sent[0][1] == 50_000
    finally:
        gui.close()
        silent.close()


def test_the_source_going_down_keeps_the_rate_and_says_so(qtbot, tmp_path, rates):
    gui, api = _home(qtbot, tmp_path)
    try:
        _choose_eur(qtbot, gui, api, rates.lnurls.base)
        rates.stop()
        api._rates.refresh_after = 0
        gui.fiat.refresh()
        qtbot.waitUntil(lambda: "could not be reached" in gui.fiat.error, timeout=10_000)
        assert gui.fiat.ready and _text(gui, "balanceFiat") == "≈ €750.00"
        click(qtbot, gui, "settingsButton")
        assert "could not be reached" in _text(gui, "fiatError")
    finally:
        gui.close()


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("size", [(400, 800), (1200, 900)])
def test_fiat_screenshots(qtbot, tmp_path, rates, monkeypatch, theme, size):
    gui, api = _home(qtbot, tmp_path, theme=theme)
    api.history_data = [
        {"kind": "onchain", "txid": "aa" * 32, "height": 90, "delta_sat": 70_000,
         "fee_sat": None, "timestamp": 1_700_000_000, "label": ""}]
    gui.wallet.refresh()
    gui.window.resize(*size)
    tag = f"{size[0]}x{size[1]}-{theme}"

    def shot(name: str) -> None:
        settle(qtbot, gui)
        qtbot.wait(100)
        assert gui.screenshot(SCREENSHOTS / "issue17" / f"{name}-{tag}.png")

    try:
        api.rate_url = rates.lnurls.base
        qtbot.waitUntil(lambda: find_item(gui, "fiatAsk").isVisible())
        find_item(gui, "fiatAskCurrency").setProperty("currentIndex", gui.fiat.currencies.index("EUR"))
        shot("90-home-fiat-question")
        click(qtbot, gui, "fiatAskYes")
        qtbot.waitUntil(lambda: gui.fiat.ready, timeout=10_000)
        shot("91-home-fiat")
        _confirm_onchain(qtbot, gui)
        _keys(qtbot, gui, "fiatAmount", "25")
        _wait_quoted(qtbot, gui)
        shot("92-send-fiat-typed")
        click(qtbot, gui, "backButton")
        click(qtbot, gui, "backButton")
        click(qtbot, gui, "receiveButton")
        _keys(qtbot, gui, "fiatAmount", "12.50")
        shot("93-receive-fiat-typed")
        click(qtbot, gui, "backButton")
        import wallet.fiat.rate_service as rs

        later = __import__("time").time() + 3600
        monkeypatch.setattr(rs.time, "time", lambda: later)
        rates.stop()
        api._rates.refresh_after = 0
        gui.fiat.refresh()
        qtbot.waitUntil(lambda: gui.fiat.stale and gui.fiat.error != "", timeout=10_000)
        click(qtbot, gui, "settingsButton")
        shot("94-settings-fiat-stale")
    finally:
        gui.close()
