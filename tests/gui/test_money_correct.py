"""The screen says exactly what will happen (issue 18): driven through the real QML as a user
does (type, toggle, click), then checked against what the facade was asked to do."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF

from tests.gui.conftest import (
    PASSWORD,
    child_items,
    click,
    find_item,
    regtest_addresses,
    settle,
    type_text,
)
from tests.gui.test_node_flows import _gui

ADDRESS = regtest_addresses()[1]


def _home(qtbot, tmp_path, theme="light", **balance):
    gui, api = _gui(qtbot, tmp_path, theme=theme)
    api.balance_data = {"confirmed": 1_250_000, "unconfirmed": 0, "immature": 0,
                        "lightning": 0, "lightning_pending": 0} | balance
    gui.session.unlock(PASSWORD)
    qtbot.waitUntil(lambda: gui.current_page() == "homePage", timeout=10_000)
    qtbot.waitUntil(lambda: gui.wallet.hasBalance)
    api.push("sync", height=100, server_height=100, server="", connected=True)
    qtbot.waitUntil(lambda: gui.wallet.synced)
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


def _qr_on_screen(qtbot, gui) -> str:
    from tests.gui.test_receive_send import _qr_text_on_screen

    return _qr_text_on_screen(qtbot, gui)


def _back(qtbot, gui) -> None:
    click(qtbot, gui, "backButton")


def test_reopened_receive_shows_nothing_stale(qtbot, tmp_path):
    from wallet.ln.bolt11.invoice import decode_invoice
    from wallet.payment_request import parse_payment_text

    gui, api = _home(qtbot, tmp_path, lightning=600_000, lightning_receivable=390_000)
    api.channel_rows = [{"key_index": 0, "peer": "03" + "cd" * 32, "state": "Normal", "phase": "active",
                         "connected": True, "capacity_sat": 1_000_000,
                         "local_msat": 600_000_000, "remote_msat": 400_000_000}]
    try:
        click(qtbot, gui, "receiveButton")
        type_text(qtbot, gui, "receiveAmount", "21000")
        type_text(qtbot, gui, "receiveDescription", "Lunch")
        qtbot.waitUntil(lambda: gui.receive.invoice != "", timeout=5000)
        assert "amount=0.00021" in _qr_on_screen(qtbot, gui)
        gui.receive.saveImage(gui.receive.uri, str(tmp_path / "missing" / "x.png"))
        _back(qtbot, gui)
        assert gui.current_page() == "homePage"

        click(qtbot, gui, "receiveButton")
        assert find_item(gui, "receiveAmount").property("text") == ""
        assert find_item(gui, "receiveDescription").property("text") == ""
        qtbot.waitUntil(lambda: gui.receive.invoice != "", timeout=5000)
        shown = _qr_on_screen(qtbot, gui)
        assert find_item(gui, "receiveText").property("text") == shown
        request = parse_payment_text(shown, gui.session.api.network)
        assert request.amount_sat is None and not request.description
        assert decode_invoice(request.invoice_text).amount_msat is None
        assert gui.receive.error == "" and gui.receive.saveError == ""
        click(qtbot, gui, "copyButton")
        from PySide6.QtGui import QGuiApplication

        assert QGuiApplication.clipboard().text() == shown
    finally:
        gui.close()


def test_unified_qr_leaves_out_lightning_that_cannot_arrive(qtbot, tmp_path):
    from wallet.payment_request import parse_payment_text

    gui, api = _home(qtbot, tmp_path, lightning=0, lightning_receivable=0)
    try:
        click(qtbot, gui, "receiveButton")
        qtbot.waitUntil(lambda: gui.receive.address != "", timeout=5000)
        qtbot.wait(ReceiveDelay)
        shown = _qr_on_screen(qtbot, gui)
        assert "lightning=" not in shown.lower()  # no channel: an invoice nobody can pay
        assert shown == f"bitcoin:{gui.receive.address}"
        reason = find_item(gui, "lightningReason")
        assert reason.isVisible() and "cannot receive" in reason.property("text")
        find_item(gui, "receiveTabs").setProperty("currentIndex", 1)
        settle(qtbot, gui)
        assert not find_item(gui, "qrImage").isVisible()
        assert "cannot receive" in find_item(gui, "receiveEmptyText").property("text")
        find_item(gui, "receiveTabs").setProperty("currentIndex", 0)

        # 5 000 sat of room: a 21 000 sat request leaves Lightning out and says how much fits
        api.push("balance", confirmed=1_250_000, unconfirmed=0, immature=0, lightning=600_000,
                 lightning_receivable=5_000)
        type_text(qtbot, gui, "receiveAmount", "21000")
        qtbot.wait(ReceiveDelay)
        qtbot.waitUntil(lambda: "5\u202f000 sat" in find_item(gui, "lightningReason").property("text"))
        shown = _qr_on_screen(qtbot, gui)
        request = parse_payment_text(shown, gui.session.api.network)
        assert request.amount_sat == 21_000 and request.invoice is None

        # 2 000 sat fits: the invoice is in, and the room is said
        type_text(qtbot, gui, "receiveAmount", "2000")
        qtbot.waitUntil(lambda: gui.receive.invoice != "", timeout=5000)
        request = parse_payment_text(_qr_on_screen(qtbot, gui), gui.session.api.network)
        assert request.amount_sat == 2_000 and request.invoice is not None
        assert not find_item(gui, "lightningReason").isVisible()
        how = find_item(gui, "receiveHowText").property("text")
        assert "up to 5\u202f000 sat over Lightning" in how
    finally:
        gui.close()


ReceiveDelay = 600  # ms: past the Receive page's pause before it asks for an invoice


NORMAL = {"key_index": 0, "peer": "03" + "cd" * 32, "state": "Normal", "phase": "active", "connected": True,
          "capacity_sat": 1_000_000, "local_msat": 798_696_000, "remote_msat": 190_000_000,
          "sendable_msat": 788_156_000, "receivable_msat": 180_000_000, "reserve_sat": 10_000,
          "short_channel_id": "120x1x0", "funding_outpoint": "aa" * 32 + ":0"}


def test_lightning_balance_is_what_can_be_spent_and_too_much_cannot_be_paid(qtbot, tmp_path):
    from tests.gui.facade_double import shop_invoice

    gui, api = _home(qtbot, tmp_path, confirmed=0, lightning=788_156, lightning_reserve=10_540,
                     lightning_receivable=180_000)
    api.channel_rows = [dict(NORMAL)]
    try:
        assert find_item(gui, "lightningBalanceText").property("text") == "Lightning 788\u202f156 sat"
        assert find_item(gui, "balanceText").property("text") == "788\u202f156 sat"
        click(qtbot, gui, "channelsButton")
        qtbot.waitUntil(lambda: gui.channels.count == 1)
        settle(qtbot, gui)
        room = find_item(gui, "channelRoom0").property("text")
        assert "send 788\u202f156 sat" in room and "10\u202f540 sat of yours stays" in room
        assert "reserve" in room
        _back(qtbot, gui)

        click(qtbot, gui, "sendButton")
        type_text(qtbot, gui, "sendInput", shop_invoice(790_000, "Laptop"))
        click(qtbot, gui, "sendContinueButton")
        assert gui.send.stage == "confirm" and gui.send.lightning
        assert not find_item(gui, "confirmSendButton").property("enabled")
        reason = find_item(gui, "cannotSendReason").property("text")
        assert "at most 788\u202f156 sat" in reason
        gui.send.send()
        qtbot.wait(100)
        assert api.paid == []
    finally:
        gui.close()


def test_pending_funds_are_shown_as_the_users_with_their_state(qtbot, tmp_path):
    gui, api = _home(qtbot, tmp_path, confirmed=0, unconfirmed=48_000, lightning=0,
                     lightning_closing=790_000)
    try:
        assert find_item(gui, "balanceText").property("text") == "0 sat"  # nothing spendable
        qtbot.waitUntil(lambda: find_item(gui, "pendingText").isVisible())
        assert find_item(gui, "pendingText").property("text") == "+ 838\u202f000 sat yours, pending"
        parts = [find_item(gui, f"pendingPart{i}").property("text") for i in range(2)]
        assert parts[0].startswith("48\u202f000 sat arriving on-chain")
        assert parts[1].startswith("790\u202f000 sat coming back from closing channels")
    finally:
        gui.close()


def test_a_close_is_not_listed_as_received(qtbot, tmp_path):
    gui, api = _home(qtbot, tmp_path)
    try:
        api.history_data = [{"kind": "onchain", "txid": "cc" * 32, "height": 0,
                             "delta_sat": 789_000, "fee_sat": None, "timestamp": None,
                             "label": "Channel closed"}]
        api.push("history")
        qtbot.waitUntil(lambda: gui.wallet.history.rowCount() == 1)
        settle(qtbot, gui)
        row = find_item(gui, "historyRow0")
        texts = [c.property("text") for c in _labels(row)]
        assert "Channel closed" in texts and "Received" not in texts
    finally:
        gui.close()


def _labels(item):
    """The text items under `item` (a history row's words)."""
    pending, out = [item], []
    while pending:
        it = pending.pop()
        if "Label" in it.metaObject().className():
            out.append(it)
        pending.extend(child_items(it))
    return out


def test_cooperative_close_asks_first_and_says_where_the_money_goes(qtbot, tmp_path):
    gui, api = _home(qtbot, tmp_path, lightning=788_156)
    api.channel_rows = [dict(NORMAL)]
    try:
        click(qtbot, gui, "channelsButton")
        qtbot.waitUntil(lambda: gui.channels.count == 1)
        click(qtbot, gui, "closeChannel0")
        assert find_item(gui, "closeConfirm").isVisible()
        qtbot.wait(100)
        assert api.closed == []  # nothing happens on one click
        text = find_item(gui, "closeConfirmText").property("text")
        assert "798\u202f696 sat" in text and "on-chain balance" in text and "hour" in text
        click(qtbot, gui, "cancelClose")
        assert not find_item(gui, "closeConfirm").isVisible() and api.closed == []
        click(qtbot, gui, "closeChannel0")
        click(qtbot, gui, "confirmClose")
        qtbot.waitUntil(lambda: api.closed == [(0, False)])
    finally:
        gui.close()


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("size", [(400, 800), (1200, 900)])
def test_money_screens_screenshots(qtbot, tmp_path, theme, size):
    """The pages this issue changed, at phone and desktop sizes, to look at."""
    from tests.gui.conftest import SCREENSHOTS
    from tests.gui.facade_double import shop_invoice

    gui, api = _home(qtbot, tmp_path, theme=theme, confirmed=250_000, unconfirmed=48_000,
                     lightning=788_156, lightning_reserve=10_540, lightning_closing=120_000,
                     lightning_receivable=180_000)
    api.channel_rows = [dict(NORMAL)]
    gui.window.resize(*size)
    tag = f"{size[0]}x{size[1]}-{theme}"

    def shot(name: str) -> None:
        settle(qtbot, gui)
        qtbot.wait(100)
        assert gui.screenshot(SCREENSHOTS / "issue18" / f"{name}-{tag}.png")

    try:
        qtbot.waitUntil(lambda: find_item(gui, "pendingText").isVisible())
        shot("50-home-pending")
        click(qtbot, gui, "channelsButton")
        qtbot.waitUntil(lambda: gui.channels.count == 1)
        shot("51-channels-reserve")
        click(qtbot, gui, "closeChannel0")
        shot("52-close-confirm")
        click(qtbot, gui, "cancelClose")
        _back(qtbot, gui)
        _confirm_onchain(qtbot, gui)
        type_text(qtbot, gui, "sendAmount", "50000")
        _wait_quoted(qtbot, gui)
        shot("53-send-confirm-total")
        type_text(qtbot, gui, "sendAmount", "2000000")
        _wait_quoted(qtbot, gui)
        shot("54-send-not-enough")
        gui.send.reset()
        assert gui.send.parse(shop_invoice(790_000, "Laptop"))
        shot("55-pay-more-than-spendable")
        gui.send.reset()
        _back(qtbot, gui)
        click(qtbot, gui, "receiveButton")
        type_text(qtbot, gui, "receiveAmount", "250000")
        qtbot.waitUntil(lambda: find_item(gui, "lightningReason").isVisible(), timeout=5000)
        shot("56-receive-lightning-left-out")
        type_text(qtbot, gui, "receiveAmount", "21000")
        qtbot.waitUntil(lambda: gui.receive.invoice != "", timeout=5000)
        shot("57-receive-unified")
    finally:
        gui.close()


def test_lightning_fee_cap_is_a_share_and_the_fee_shown_is_the_fee_paid(qtbot, tmp_path):
    from tests.gui.facade_double import shop_invoice

    gui, api = _home(qtbot, tmp_path, lightning=600_000)
    api.pay_fee_msat = 1_302
    try:
        click(qtbot, gui, "sendButton")
        invoice = shop_invoice(2_100, "Coffee")
        type_text(qtbot, gui, "sendInput", invoice)
        click(qtbot, gui, "sendContinueButton")
        fee = _value(gui, "feeRow")
        assert fee == "At most 21 sat (1% of the amount, at least 10 sat; Settings)"
        click(qtbot, gui, "confirmSendButton")
        qtbot.waitUntil(lambda: gui.send.stage == "done", timeout=5000)
        assert api.paid == [(invoice, None, 21)]
        assert _value(gui, "paidFeeRow") == "1.302 sat"  # not rounded up to 2
        click(qtbot, gui, "doneButton")
        api.history_data = [{"kind": "lightning", "payment_hash": "bb" * 32, "status": "paid",
                             "direction": "out", "delta_sat": -2_100, "fee_sat": 2,
                             "fee_msat": 1_302, "timestamp": 1_790_000_000,
                             "description": "Coffee", "invoice": invoice, "preimage": "cc" * 32}]
        api.push("history")
        qtbot.waitUntil(lambda: gui.wallet.history.rowCount() == 1)
        click(qtbot, gui, "historyRow0")
        assert _value(gui, "detailFee") == "1.302 sat"
    finally:
        gui.close()


def test_tapping_the_balance_switches_home_to_btc_at_once(qtbot, tmp_path):
    gui, api = _home(qtbot, tmp_path, lightning=5_000, unconfirmed=2_000)
    try:
        api.history_data = [{"kind": "onchain", "txid": "aa" * 32, "height": 100,
                             "delta_sat": 70_000, "fee_sat": None, "timestamp": 1_790_000_000}]
        api.push("history")
        qtbot.waitUntil(lambda: gui.wallet.history.rowCount() == 1)
        settle(qtbot, gui)
        assert find_item(gui, "unitHint").property("text") == "Tap the amount for BTC"
        click(qtbot, gui, "balanceText")
        assert gui.settings.unit == "btc"
        assert find_item(gui, "balanceText").property("text") == "0.01255000 BTC"
        assert find_item(gui, "pendingText").property("text").startswith("+ 0.00002000 BTC")
        texts = [c.property("text") for c in _labels(find_item(gui, "historyRow0"))]
        assert "+0.00070000 BTC" in texts
        click(qtbot, gui, "balanceText")
        assert find_item(gui, "balanceText").property("text") == "1\u202f255\u202f000 sat"
    finally:
        gui.close()


def _running_spinners(gui) -> list:
    from PySide6.QtQuick import QQuickItem

    return [it for it in gui.window.findChildren(QQuickItem)
            if "BusyIndicator" in it.metaObject().className() and it.property("running")]


def test_an_idle_receive_page_runs_no_animation(qtbot, tmp_path):
    """A spinner left running re-renders the window every frame (a CPU core on a real
    display): once nothing is being made, none runs, whatever was typed."""
    gui, api = _home(qtbot, tmp_path, lightning=5_000, lightning_receivable=100_000)
    try:
        click(qtbot, gui, "receiveButton")
        qtbot.waitUntil(lambda: gui.receive.invoice != "", timeout=5000)
        for tab in (0, 1, 2):
            find_item(gui, "receiveTabs").setProperty("currentIndex", tab)
            settle(qtbot, gui)
            assert _running_spinners(gui) == []
        find_item(gui, "receiveTabs").setProperty("currentIndex", 1)
        type_text(qtbot, gui, "receiveAmount", "12.3.4")  # no invoice can be made for this
        qtbot.wait(ReceiveDelay)
        settle(qtbot, gui)
        assert not gui.receive.invoiceBusy and _running_spinners(gui) == []
        frames: list[int] = []
        gui.window.frameSwapped.connect(lambda: frames.append(1))
        qtbot.wait(500)
        assert len(frames) <= 3  # nothing animates (a spinner draws ~30 frames here)
    finally:
        gui.close()


def test_desktop_window_keeps_a_phone_column_and_a_sensible_qr(qtbot, tmp_path):
    from PySide6.QtCore import QRectF

    gui, api = _home(qtbot, tmp_path, lightning=5_000, lightning_receivable=100_000)
    try:
        gui.window.resize(1200, 900)
        click(qtbot, gui, "receiveButton")
        qtbot.waitUntil(lambda: gui.receive.invoice != "", timeout=5000)
        settle(qtbot, gui)
        column = find_item(gui, "pageColumn")
        left = column.mapToScene(QRectF(0, 0, 1, 1).topLeft()).x()
        assert column.width() <= 520 and abs(left - (1200 - column.width()) / 2) <= 1
        qr = find_item(gui, "qrCard")
        assert 200 <= qr.width() <= 360 and qr.height() == qr.width()
        assert _qr_on_screen(qtbot, gui) == gui.receive.uri
    finally:
        gui.close()


def test_funds_being_recovered_are_a_line_of_their_own_never_the_balance(qtbot, tmp_path):
    """After a restore, Home says what is being recovered from lost channels in plain words
    (from the facade's figures: how much, in the user's unit, when it should confirm, who
    has yet to close), and the balance shown stays what can be spent. Screenshots at phone
    and desktop sizes."""
    from tests.gui.shots import shoot_sizes

    gui, api = _home(qtbot, tmp_path, confirmed=40_000, recovering_sat=120_000,
                     recovering_channels=3, recovering_waiting=1, recovering_confirms_at=812)
    try:
        qtbot.waitUntil(lambda: find_item(gui, "recoveryText").isVisible())
        line = find_item(gui, "recoveryText")
        assert line.property("text") == (
            "Recovering 3 channels: 120\u202f000 sat on its way back (less the network fee), "
            "confirms around block 812; waiting for 1 peer to close")
        assert find_item(gui, "balanceText").property("text") == "40\u202f000 sat"
        assert not find_item(gui, "pendingText").isVisible()
        shoot_sizes(qtbot, gui, "home-recovering")
        # wrapped inside the page at a phone's width, never past its edge
        assert line.mapToScene(QPointF(line.width(), 0)).x() <= gui.window.width() - 16
        gui.settings.unit = "btc"  # the user's unit, as the balance
        qtbot.waitUntil(lambda: "0.00120000 BTC on its way" in line.property("text"))
        for waiting, text in ((3, "Recovering 3 channels: waiting for 3 peers to close"),
                              (0, "Recovering 3 channels: 0.00120000 BTC on its way back (less "
                                  "the network fee), confirms around block 812")):
            api.push("balance", **(api.balance_data | {"recovering_sat": 0 if waiting == 3
                                                       else 120_000,
                                                       "recovering_channels": 3,
                                                       "recovering_waiting": waiting,
                                                       "recovering_confirms_at": 812}))
            qtbot.waitUntil(lambda text=text: line.property("text") == text)
        api.push("balance", **(api.balance_data | {"recovering_sat": 0,
                                                   "recovering_channels": 0}))
        qtbot.waitUntil(lambda: not find_item(gui, "recoveryText").isVisible())
    finally:
        gui.close()


def test_recoverable_channels_is_a_setting_that_says_what_it_costs(qtbot, tmp_path):
    """Settings shows the wallet's setting (on by default) with its cost; turning it off
    asks the node, and the sentence then says the backup file is the only way."""
    gui, api = _home(qtbot, tmp_path)
    try:
        gui.session.show_page("SettingsPage.qml")
        settle(qtbot, gui)
        qtbot.waitUntil(lambda: find_item(gui, "recoverableText").property("text") != "")
        switch = find_item(gui, "recoverableSwitch")
        assert switch.property("checked")
        text = find_item(gui, "recoverableText").property("text")
        assert "81 sat more fee" in text and "seed words alone" in text
        click(qtbot, gui, "recoverableSwitch")
        qtbot.waitUntil(lambda: api.recoverable_set == [False])
        qtbot.waitUntil(lambda: "backup file" in find_item(gui, "recoverableText").property("text"))
        assert not find_item(gui, "recoverableSwitch").property("checked")
    finally:
        gui.close()
