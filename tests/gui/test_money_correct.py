"""The screen says exactly what will happen (issue 18): driven through the real QML as a user
does (type, toggle, click), then checked against what the facade was asked to do."""

from __future__ import annotations

from tests.gui.conftest import PASSWORD, click, find_item, regtest_addresses, settle, type_text
from tests.gui.test_node_flows import _gui

ADDRESS = regtest_addresses()[1]


def _home(qtbot, tmp_path, theme="light", **balance):
    gui, api = _gui(qtbot, tmp_path, theme=theme)
    api.balance_data = {"confirmed": 1_250_000, "unconfirmed": 0, "immature": 0,
                        "lightning": 0, "lightning_pending": 0} | balance
    gui.session.unlock(PASSWORD)
    qtbot.waitUntil(lambda: gui.current_page() == "homePage", timeout=10_000)
    qtbot.waitUntil(lambda: gui.wallet.hasBalance)
    return gui, api


def _confirm_onchain(qtbot, gui) -> None:
    click(qtbot, gui, "sendButton")
    type_text(qtbot, gui, "sendInput", ADDRESS)
    click(qtbot, gui, "sendContinueButton")
    assert gui.send.stage == "confirm"


def _value(gui, name: str) -> str:
    return str(find_item(gui, name).property("value"))


def _wait_quoted(qtbot, gui) -> None:
    qtbot.waitUntil(lambda: not gui.send.property("quoting"), timeout=5000)
    settle(qtbot, gui)


def test_send_everything_switched_off_sends_the_amount_shown(qtbot, tmp_path):
    gui, api = _home(qtbot, tmp_path)
    try:
        _confirm_onchain(qtbot, gui)
        type_text(qtbot, gui, "sendAmount", "50000")
        _wait_quoted(qtbot, gui)
        assert _value(gui, "totalRow") == "50\u202f141 sat"
        click(qtbot, gui, "sendMaxSwitch")
        _wait_quoted(qtbot, gui)
        assert _value(gui, "totalRow") == "1\u202f250\u202f000 sat"  # everything, fee included
        click(qtbot, gui, "sendMaxSwitch")
        _wait_quoted(qtbot, gui)
        assert find_item(gui, "sendAmount").property("text") == "50000"
        assert _value(gui, "totalRow") == "50\u202f141 sat"  # amount + fee, as shown
        click(qtbot, gui, "confirmSendButton")
        qtbot.waitUntil(lambda: gui.send.stage == "done", timeout=5000)
        assert api.sent == [(ADDRESS, 50_000, 1.0)]
    finally:
        gui.close()


def test_more_than_the_balance_then_everything_then_off_cannot_send(qtbot, tmp_path):
    gui, api = _home(qtbot, tmp_path)
    try:
        _confirm_onchain(qtbot, gui)
        type_text(qtbot, gui, "sendAmount", "2000000")
        _wait_quoted(qtbot, gui)
        assert not find_item(gui, "confirmSendButton").property("enabled")
        reason = find_item(gui, "cannotSendReason")
        assert reason.isVisible() and "Not enough funds" in reason.property("text")
        assert "enough" not in _value(gui, "feeRow")  # the reason is not a fee
        assert _value(gui, "totalRow") == ""
        click(qtbot, gui, "sendMaxSwitch")
        _wait_quoted(qtbot, gui)
        assert find_item(gui, "confirmSendButton").property("enabled")
        click(qtbot, gui, "sendMaxSwitch")
        _wait_quoted(qtbot, gui)
        assert find_item(gui, "sendAmount").property("text") == "2000000"
        assert not find_item(gui, "confirmSendButton").property("enabled")
        gui.send.send()  # even asked directly, nothing leaves
        qtbot.wait(100)
        assert api.sent == []
    finally:
        gui.close()


def test_send_button_waits_for_the_fee_of_the_amount_shown(qtbot, tmp_path):
    gui, api = _home(qtbot, tmp_path)
    try:
        _confirm_onchain(qtbot, gui)
        assert not find_item(gui, "confirmSendButton").property("enabled")
        assert "Enter the amount" in find_item(gui, "cannotSendReason").property("text")
        api.delay = 0.3
        type_text(qtbot, gui, "sendAmount", "70000")
        assert not find_item(gui, "confirmSendButton").property("enabled")  # no fee yet
        _wait_quoted(qtbot, gui)
        assert _value(gui, "totalRow") == "70\u202f141 sat"
        api.delay = 0
        click(qtbot, gui, "confirmSendButton")
        qtbot.waitUntil(lambda: gui.send.stage == "done", timeout=5000)
        assert api.sent == [(ADDRESS, 70_000, 1.0)]
    finally:
        gui.close()
