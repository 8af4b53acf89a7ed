"""The GUI over the facade's node calls (a scripted double): unlock, balance and history
from events on the node thread, receive from the node, send with a failure and a retry."""

from __future__ import annotations

import threading

from PySide6.QtCore import QSettings, QThread

from tests.gui.conftest import PASSWORD, click, find_item, regtest_addresses, shoot, type_text
from tests.gui.facade_double import ScriptedApi
from ui.app import build_gui
from ui.models.bridge import GuiPoster
from wallet.networks import REGTEST


def _gui(qtbot, tmp_path, theme="light", existing=True):
    folder = tmp_path / "wallet"
    apis: list[ScriptedApi] = []

    def factory(network):
        api = ScriptedApi(folder, network)
        api.address = regtest_addresses()[0]
        apis.append(api)
        return api

    if existing:
        seed = ScriptedApi(folder, REGTEST)
        seed.create(ScriptedApi.generate_mnemonic(), "", PASSWORD).result(timeout=60)
        seed.shutdown()
    settings = QSettings(str(tmp_path / f"gui-{theme}.ini"), QSettings.Format.IniFormat)
    settings.setValue("display/theme", theme)
    gui = build_gui(factory, REGTEST, network_fixed=True, settings=settings)
    qtbot.waitExposed(gui.window)
    return gui, apis[0]


def test_poster_runs_on_the_gui_thread(qtbot):
    poster = GuiPoster()
    ran_on: list[QThread] = []
    worker = threading.Thread(target=lambda: poster.post(lambda: ran_on.append(QThread.currentThread())))
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: len(ran_on) == 1)
    assert ran_on[0] is poster.thread()


def test_unlock_wrong_then_right_password_balance_and_history(qtbot, tmp_path):
    gui, api = _gui(qtbot, tmp_path)
    try:
        assert gui.current_page() == "unlockPage"
        type_text(qtbot, gui, "unlockPassword", "nope")
        click(qtbot, gui, "unlockButton")
        qtbot.waitUntil(lambda: gui.session.error != "")
        assert gui.session.state == "locked" and gui.current_page() == "unlockPage"
        assert gui.session.error == "Wrong password."

        type_text(qtbot, gui, "unlockPassword", PASSWORD)
        click(qtbot, gui, "unlockButton")
        qtbot.waitUntil(lambda: gui.current_page() == "homePage", timeout=10_000)
        assert gui.session.nodeId == api.node_id
        qtbot.waitUntil(lambda: gui.wallet.hasBalance)
        assert (gui.wallet.totalSat, gui.wallet.pendingSat) == (1_250_000, 30_000)
        assert "kite-node" in api.callback_threads

        # Events from the node thread reach the models (and the page) on the GUI thread.
        api.push("balance", confirmed=2_000_000, unconfirmed=0, immature=0, lightning=5_000)
        qtbot.waitUntil(lambda: gui.wallet.totalSat == 2_005_000)
        api.push("sync", height=150, server_height=150, server="127.0.0.1:50001", connected=True)
        qtbot.waitUntil(lambda: gui.wallet.connected)
        assert find_item(gui, "balanceText").property("text") == "2\u202f005\u202f000 sat"
        assert "Up to date" in find_item(gui, "syncText").property("text")
        api.history_data = [
            {"txid": "aa" * 32, "height": 140, "delta_sat": 70_000, "fee_sat": None,
             "timestamp": 1_790_000_000, "kind": "onchain"},
            {"txid": "bb" * 32, "height": 0, "delta_sat": -20_000, "fee_sat": 200,
             "timestamp": None, "kind": "onchain"},
        ]
        api.push("history")
        qtbot.waitUntil(lambda: gui.wallet.history.rowCount() == 2)
        first, second = gui.wallet.history.get(0), gui.wallet.history.get(1)
        assert (first["txid"], first["status"]) == ("bb" * 32, "Pending")  # pending first
        assert (second["status"], second["confirmations"]) == ("Confirmed", 11)
        api.push("error", message="The server went away.", detail="ConnectionResetError")
        qtbot.waitUntil(lambda: gui.session.error == "The server went away.")
        home_error = find_item(gui, "homeError")
        assert home_error.isVisible() and home_error.property("detail") == "ConnectionResetError"
        shoot(qtbot, gui, "21-home-connected")
    finally:
        gui.close()


def test_receive_from_node_and_send_fail_retry_succeed(qtbot, tmp_path):
    gui, api = _gui(qtbot, tmp_path, theme="dark")
    try:
        gui.session.unlock(PASSWORD)
        qtbot.waitUntil(lambda: gui.current_page() == "homePage", timeout=10_000)
        click(qtbot, gui, "receiveButton")
        qtbot.waitUntil(lambda: gui.receive.address == api.address)
        click(qtbot, gui, "copyButton")

        # A payment arriving while the page is open turns it into "Received N sat".
        assert not find_item(gui, "receivedBanner").isVisible()
        api.history_data = [{"txid": "cc" * 32, "height": 0, "delta_sat": 5_000,
                             "fee_sat": None, "timestamp": None, "kind": "onchain"}]
        api.push("history")
        qtbot.waitUntil(lambda: find_item(gui, "receivedBanner").isVisible())
        assert find_item(gui, "receivedText").property("text") == "Received 5\u202f000 sat"
        shoot(qtbot, gui, "27-receive-received")

        gui.session.show_page("home")
        qtbot.waitUntil(lambda: gui.current_page() == "homePage")
        click(qtbot, gui, "sendButton")
        type_text(qtbot, gui, "sendInput", regtest_addresses()[1])
        click(qtbot, gui, "sendContinueButton")
        assert gui.send.stage == "confirm"
        assert not gui.send.canSend  # no amount yet
        type_text(qtbot, gui, "sendAmount", "40000")
        qtbot.waitUntil(lambda: gui.send.feeSat == 141)
        assert gui.send.totalSat == 40_141
        shoot(qtbot, gui, "22-send-confirm-with-fee")

        api.send_failures = 1
        api.delay = 0.3
        click(qtbot, gui, "confirmSendButton")
        assert gui.send.stage == "sending"
        shoot(qtbot, gui, "23-send-progress")
        qtbot.waitUntil(lambda: gui.send.stage == "failed", timeout=10_000)
        assert gui.send.failure == "The server refused the transaction."
        shoot(qtbot, gui, "24-send-failed")
        click(qtbot, gui, "retryButton")
        qtbot.waitUntil(lambda: gui.send.canSend, timeout=10_000)
        click(qtbot, gui, "confirmSendButton")
        qtbot.waitUntil(lambda: gui.send.stage == "done", timeout=10_000)
        assert gui.send.txid == "ee" * 32
        assert api.sent == [(regtest_addresses()[1], 40_000, 1.0)] * 2
        shoot(qtbot, gui, "25-send-done")
    finally:
        gui.close()


def test_send_max_uses_the_quoted_amount(qtbot, tmp_path):
    gui, api = _gui(qtbot, tmp_path)
    try:
        gui.session.unlock(PASSWORD)
        qtbot.waitUntil(lambda: gui.current_page() == "homePage", timeout=10_000)
        assert gui.send.parse(regtest_addresses()[1])
        gui.send.setSendMax(True)
        qtbot.waitUntil(lambda: gui.send.amountSat == 1_250_000 - api.FEE)
        gui.send.send()
        qtbot.waitUntil(lambda: gui.send.stage == "done")
        assert api.sent == [(regtest_addresses()[1], None, 1.0)]
    finally:
        gui.close()


def test_high_fee_must_be_accepted_before_sending(qtbot, tmp_path):
    gui, api = _gui(qtbot, tmp_path)
    try:
        api.quote_high_fee = "the fee rate of 500 sat/vB is above 100 sat/vB (fee 70,500 sat)"
        gui.session.unlock(PASSWORD)
        qtbot.waitUntil(lambda: gui.current_page() == "homePage", timeout=10_000)
        click(qtbot, gui, "sendButton")
        type_text(qtbot, gui, "sendInput", regtest_addresses()[1])
        click(qtbot, gui, "sendContinueButton")
        type_text(qtbot, gui, "sendAmount", "40000")
        qtbot.waitUntil(lambda: gui.send.feeSat == 141)
        accept = find_item(gui, "acceptHighFee")
        qtbot.waitUntil(accept.isVisible)
        assert "500 sat/vB" in accept.property("text")
        assert not gui.send.canSend  # the Send button waits for the tick
        gui.send.send()
        assert api.sent == []
        click(qtbot, gui, "acceptHighFee")
        qtbot.waitUntil(lambda: gui.send.canSend)
        click(qtbot, gui, "confirmSendButton")
        qtbot.waitUntil(lambda: gui.send.stage == "done", timeout=10_000)
        assert api.confirmed_high_fee == [True]
    finally:
        gui.close()


def test_create_opens_the_new_wallet(qtbot, tmp_path):
    gui, api = _gui(qtbot, tmp_path, existing=False)
    try:
        assert gui.current_page() == "welcomePage"
        gui.onboarding.generate()
        gui.onboarding.create(PASSWORD, "")
        qtbot.waitUntil(lambda: gui.current_page() == "homePage", timeout=60_000)
        assert gui.session.state == "open" and gui.session.nodeId == api.node_id
    finally:
        gui.close()
