"""The on-chain fee choice on Send and the speed-up on the payment page, through the real
QML: the rate chosen is the rate quoted and sent; a speed-up is sent at the fee shown."""

from __future__ import annotations

import pytest

from tests.gui.conftest import SCREENSHOTS, click, find_item, settle, type_text
from tests.gui.test_money_correct import _confirm_onchain, _home, _value, _wait_quoted

PENDING_OUT = {"kind": "onchain", "txid": "cc" * 32, "height": 0, "delta_sat": -50_141,
               "fee_sat": 141, "timestamp": None, "label": ""}
# our channel's funding: it goes out, yet is never replaced (a new txid breaks the channel)
PENDING_FUNDING = dict(PENDING_OUT, txid="ee" * 32, label="Channel opened")
PENDING_IN = {"kind": "onchain", "txid": "dd" * 32, "height": 0, "delta_sat": 80_000,
              "fee_sat": None, "timestamp": None, "label": ""}


def test_the_fee_level_chosen_is_quoted_and_sent(qtbot, tmp_path):
    gui, api = _home(qtbot, tmp_path)
    try:
        _confirm_onchain(qtbot, gui)
        type_text(qtbot, gui, "sendAmount", "50000")
        _wait_quoted(qtbot, gui)
        assert api.quotes[-1][2] is None  # normal: the node's own rate
        qtbot.waitUntil(lambda: "25 sat/vB" in str(gui.fee_levels.levels))
        click(qtbot, gui, "feeLevel_fast")
        _wait_quoted(qtbot, gui)
        assert api.quotes[-1] == (api.quotes[-1][0], 50_000, 25.0)
        assert "(25.0 sat/vB)" in _value(gui, "feeRow")
        click(qtbot, gui, "feeLevel_custom")
        type_text(qtbot, gui, "customFeerate", "0.5")
        gui.fee_levels.chooseCustom("0.5")
        assert "between 1 and 2000" in find_item(gui, "feeChoiceError").property("text")
        assert api.quotes[-1][2] == 25.0  # a refused rate changes nothing
        gui.fee_levels.chooseCustom("12")
        _wait_quoted(qtbot, gui)
        assert api.quotes[-1][2] == 12.0
        click(qtbot, gui, "confirmSendButton")
        qtbot.waitUntil(lambda: len(api.sent) == 1)
        assert api.sent[0][2] == 12.0
    finally:
        gui.close()


@pytest.mark.parametrize("row, method", [(PENDING_OUT, "rbf"), (PENDING_IN, "cpfp"),
                                         (PENDING_FUNDING, "cpfp")])
def test_speed_up_from_the_payment_page(qtbot, tmp_path, row, method):
    gui, api = _home(qtbot, tmp_path)
    api.history_data = [dict(row)]
    gui.wallet.refresh()
    try:
        qtbot.waitUntil(lambda: gui.wallet.history.rowCount() == 1)
        click(qtbot, gui, "historyRow0")
        assert find_item(gui, "speedUpBox").isVisible()
        qtbot.waitUntil(lambda: gui.speed_up.quoted, timeout=5000)  # at the fast level
        assert gui.speed_up.method == method
        if row is PENDING_FUNDING:
            assert "opens a Lightning channel" in find_item(gui, "speedUpExplain").property("text")
        assert "3\u202f525 sat" in find_item(gui, "speedUpFee").property("text")  # 141 vB x 25
        type_text(qtbot, gui, "speedUpRate", "abc")
        assert not find_item(gui, "speedUpButton").property("enabled")
        type_text(qtbot, gui, "speedUpRate", "10")
        qtbot.waitUntil(lambda: gui.speed_up.feeSat == 1_410)
        click(qtbot, gui, "speedUpButton")
        qtbot.waitUntil(lambda: gui.speed_up.doneTxid != "")
        assert api.sped_up == [(row["txid"], method, 10.0, 1_410)]  # at the fee shown
    finally:
        gui.close()


def test_no_speed_up_for_confirmed_or_lightning(qtbot, tmp_path):
    gui, api = _home(qtbot, tmp_path)
    api.history_data = [dict(PENDING_OUT, height=90, timestamp=1_700_000_000)]
    gui.wallet.refresh()
    try:
        qtbot.waitUntil(lambda: gui.wallet.history.rowCount() == 1)
        click(qtbot, gui, "historyRow0")
        assert not find_item(gui, "speedUpBox").isVisible()
    finally:
        gui.close()


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("size", [(400, 800), (1200, 900)])
def test_fee_screenshots(qtbot, tmp_path, theme, size):
    gui, api = _home(qtbot, tmp_path, theme=theme)
    api.history_data = [dict(PENDING_OUT)]
    gui.window.resize(*size)
    gui.wallet.refresh()
    tag = f"{size[0]}x{size[1]}-{theme}"

    def shot(name: str) -> None:
        settle(qtbot, gui)
        qtbot.wait(100)
        assert gui.screenshot(SCREENSHOTS / "issue17" / f"{name}-{tag}.png")

    try:
        _confirm_onchain(qtbot, gui)
        type_text(qtbot, gui, "sendAmount", "50000")
        qtbot.waitUntil(lambda: "25 sat/vB" in str(gui.fee_levels.levels))
        click(qtbot, gui, "feeLevel_fast")
        _wait_quoted(qtbot, gui)
        shot("95-send-fee-fast")
        click(qtbot, gui, "feeLevel_custom")
        gui.fee_levels.chooseCustom("0.5")
        shot("96-send-fee-custom-refused")
        click(qtbot, gui, "backButton")
        click(qtbot, gui, "backButton")
        qtbot.waitUntil(lambda: gui.current_page() == "homePage")
        click(qtbot, gui, "historyRow0")
        qtbot.waitUntil(lambda: gui.speed_up.quoted, timeout=5000)
        shot("97-detail-speed-up")
    finally:
        gui.close()
