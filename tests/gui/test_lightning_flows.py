"""The Lightning parts of the GUI over the facade's Lightning calls (a scripted double with
real signed invoices): channels with balance bars, open to the default trampoline, close
(force only after a warning), the invoice QR and "Received" on the payment event, paying an
invoice with a failure and a retry, Lightning history rows and their detail."""

from __future__ import annotations

import time

import pytest

from tests.gui.conftest import PASSWORD, click, find_item, settle, shoot, type_text
from tests.gui.facade_double import shop_invoice
from tests.gui.test_node_flows import _gui
from wallet.ln.bolt11.invoice import decode_invoice

NORMAL = {"key_index": 0, "peer": "03" + "cd" * 32, "state": "Normal", "phase": "active", "connected": True,
          "capacity_sat": 1_000_000, "local_msat": 600_000_000, "remote_msat": 390_000_000,
          "short_channel_id": "120x1x0"}


def _open(qtbot, tmp_path, theme="light"):
    gui, api = _gui(qtbot, tmp_path, theme=theme)
    api.balance_data = {"confirmed": 1_250_000, "unconfirmed": 0, "immature": 0,
                        "lightning": 600_000, "lightning_pending": 0,
                        "lightning_receivable": 400_000}  # the node's room (receive_quote)
    api.channel_rows = [dict(NORMAL)]
    gui.session.unlock(PASSWORD)
    qtbot.waitUntil(lambda: gui.current_page() == "homePage", timeout=10_000)
    qtbot.waitUntil(lambda: gui.wallet.lightningSat == 600_000)
    return gui, api


def test_home_shows_lightning_and_onchain(qtbot, tmp_path):
    gui, api = _open(qtbot, tmp_path)
    try:
        assert gui.wallet.totalSat == 1_850_000
        assert find_item(gui, "lightningBalanceText").property("text") == "Lightning 600\u202f000 sat"
        assert find_item(gui, "onchainBalanceText").property("text") == "On-chain 1\u202f250\u202f000 sat"
        api.push("balance", confirmed=1_250_000, unconfirmed=0, immature=0, lightning=600_000,
                 lightning_pending=200_000)
        qtbot.waitUntil(lambda: gui.wallet.pendingSat == 200_000)
    finally:
        gui.close()


def test_channels_open_to_the_trampoline_and_close(qtbot, tmp_path):
    gui, api = _open(qtbot, tmp_path)
    try:
        click(qtbot, gui, "channelsButton")
        assert gui.current_page() == "channelsPage"
        qtbot.waitUntil(lambda: gui.channels.count == 1)
        settle(qtbot, gui)
        assert find_item(gui, "channelState0").property("text") == "Active"
        bar = find_item(gui, "balanceBar0")
        ours = bar.childItems()[0]
        assert abs(ours.width() / bar.width() - 0.6) < 0.02  # 600k of 1M is ours

        click(qtbot, gui, "openChannelButton")
        assert gui.current_page() == "openChannelPage"
        assert find_item(gui, "channelPeer").property("text") == api.trampoline
        assert not gui.channels.canOpen  # no amount yet
        type_text(qtbot, gui, "channelAmount", "200000")
        qtbot.waitUntil(lambda: gui.channels.feeText.startswith("153"))
        click(qtbot, gui, "confirmOpenChannel")
        qtbot.waitUntil(lambda: gui.current_page() == "channelsPage")
        assert api.opened == [(api.trampoline, 200_000)]
        qtbot.waitUntil(lambda: gui.channels.count == 2)

        # A force close asks first, and says why it is the last resort.
        warning = find_item(gui, "forceCloseWarning")
        assert not warning.isVisible()
        click(qtbot, gui, "forceCloseChannel0")
        assert warning.isVisible() and api.closed == []
        click(qtbot, gui, "confirmForceClose")
        qtbot.waitUntil(lambda: api.closed == [(0, True)])
        assert not warning.isVisible()
        click(qtbot, gui, "closeChannel0")
        click(qtbot, gui, "confirmClose")  # a cooperative close asks too
        qtbot.waitUntil(lambda: api.closed == [(0, True), (0, False)])
    finally:
        gui.close()


def test_settings_trampoline_is_the_default_peer(qtbot, tmp_path):
    gui, api = _open(qtbot, tmp_path)
    try:
        assert gui.channels.defaultPeer == api.trampoline
        mine = "02" + "ef" * 32 + "@10.0.0.2:9735"
        gui.settings.trampolinePeer = mine
        gui.channels.startOpen()
        assert gui.channels.peer == mine
        gui.settings.trampolinePeer = "nonsense"  # refused, said why, the setting unchanged
        assert gui.settings.trampolinePeer == mine
        assert gui.settings.trampolineError == "Give the peer as NODEID@HOST:PORT."
        gui.settings.trampolinePeer = ""  # back to the network's
        assert gui.settings.trampolineError == "" and gui.channels.defaultPeer == api.trampoline
        gui.settings.maxFeeFloorSat = 50
        assert gui.send.parse(shop_invoice(2_100))
        assert gui.send.feeText == "At most 50 sat (1% of the amount, at least 50 sat; Settings)"
    finally:
        gui.close()


def test_receive_invoice_then_received_on_the_payment_event(qtbot, tmp_path):
    gui, api = _open(qtbot, tmp_path)
    try:
        click(qtbot, gui, "receiveButton")
        type_text(qtbot, gui, "receiveAmount", "21000")
        type_text(qtbot, gui, "receiveDescription", "Lunch")
        qtbot.waitUntil(lambda: gui.receive.invoice != "", timeout=5000)
        assert api.invoices[-1] == (21_000, "Lunch")
        assert decode_invoice(gui.receive.invoice).amount_msat == 21_000_000
        assert "lightning=" + gui.receive.invoice in gui.receive.uri

        banner = find_item(gui, "receivedBanner")
        api.push("payment", payment_hash="00" * 32, status="paid", direction="in",
                 amount_msat=5_000)
        qtbot.wait(200)
        assert not banner.isVisible()  # someone else's invoice
        api.push("payment", payment_hash=gui.receive.paymentHash, status="paid",
                 direction="in", amount_msat=21_000_000)
        qtbot.waitUntil(banner.isVisible)
        assert find_item(gui, "receivedText").property("text") == "Received 21\u202f000 sat"
    finally:
        gui.close()


def test_pay_invoice_fails_then_retry_pays_with_proof(qtbot, tmp_path):
    gui, api = _open(qtbot, tmp_path, theme="dark")
    try:
        click(qtbot, gui, "sendButton")
        invoice = shop_invoice(2_100, "One coffee", expiry=600)
        type_text(qtbot, gui, "sendInput", invoice)
        click(qtbot, gui, "sendContinueButton")
        assert gui.send.stage == "confirm" and gui.send.lightning
        assert (gui.send.amountSat, gui.send.description) == (2_100, "One coffee")
        assert not gui.send.amountEditable
        assert gui.send.recipient == decode_invoice(invoice).payee.hex()
        expiry = find_item(gui, "expiryRow").property("value")
        assert expiry.startswith("Expires in 9:") or expiry == "Expires in 10:00"
        assert gui.send.canSend

        api.pay_failures, api.delay = 1, 0.3
        click(qtbot, gui, "confirmSendButton")
        assert gui.send.stage == "sending"
        qtbot.waitUntil(lambda: gui.send.stage == "failed", timeout=5000)
        assert gui.send.failure == "No route to the payee."
        click(qtbot, gui, "retryButton")
        assert gui.send.stage == "confirm"
        click(qtbot, gui, "confirmSendButton")
        qtbot.waitUntil(lambda: gui.send.stage == "done", timeout=5000)
        assert find_item(gui, "sentTitle").property("text") == "Paid"
        assert find_item(gui, "proofRow").property("value") == "5a" * 32
        assert gui.send.feeSat == 3
        assert api.paid == [(invoice, None, 21)] * 2  # 1% of 2 100 sat
    finally:
        gui.close()


def test_open_amount_invoice_takes_the_typed_amount(qtbot, tmp_path):
    gui, api = _open(qtbot, tmp_path)
    try:
        assert gui.send.parse("lightning:" + shop_invoice(None, "Tip jar"))
        assert gui.send.amountEditable and not gui.send.canSend
        gui.session.show_page("SendPage.qml")
        settle(qtbot, gui)
        type_text(qtbot, gui, "sendAmount", "777")
        assert gui.send.canSend
        gui.send.send()
        qtbot.waitUntil(lambda: gui.send.stage == "done")
        assert api.paid[0][1:] == (777, 10)  # 1% is below the 10 sat floor
    finally:
        gui.close()


def test_unified_request_pays_over_lightning_when_it_can(qtbot, tmp_path):
    from tests.gui.conftest import regtest_addresses
    from wallet.payment_request import make_bip21

    gui, api = _open(qtbot, tmp_path)
    try:
        address = regtest_addresses()[1]
        assert gui.send.parse(make_bip21(address, 2_100, lightning=shop_invoice(2_100)))
        assert gui.send.canChooseMethod and gui.send.lightning  # 600k over Lightning covers it
        gui.send.setMethod("onchain")
        assert not gui.send.lightning and gui.send.recipient == address
        gui.send.setMethod("lightning")
        gui.send.send()
        qtbot.waitUntil(lambda: gui.send.stage == "done")
        assert len(api.paid) == 1 and api.sent == []
        # too big for the channels: on-chain by default
        assert gui.send.parse(make_bip21(address, 900_000, lightning=shop_invoice(900_000)))
        assert not gui.send.lightning
    finally:
        gui.close()


def test_lightning_history_rows_and_detail(qtbot, tmp_path):
    gui, api = _open(qtbot, tmp_path)
    try:
        now = int(time.time())
        api.history_data = [
            {"kind": "onchain", "txid": "aa" * 32, "height": 100, "delta_sat": 70_000,
             "fee_sat": None, "timestamp": now - 3600},
            {"kind": "lightning", "payment_hash": "bb" * 32, "status": "paid", "direction": "out",
             "delta_sat": -2_100, "fee_sat": 3, "timestamp": now - 60, "description": "Coffee",
             "invoice": "lnbcrt1...", "preimage": "cc" * 32},
            {"kind": "lightning", "payment_hash": "dd" * 32, "status": "failed",
             "direction": "out", "delta_sat": -9_000, "fee_sat": None, "timestamp": now - 30,
             "description": "", "invoice": "lnbcrt1...", "preimage": ""},
        ]
        api.push("history")
        qtbot.waitUntil(lambda: gui.wallet.history.rowCount() == 3)
        rows = [gui.wallet.history.get(i) for i in range(3)]
        assert [(r["kind"], r["status"]) for r in rows] == [
            ("lightning", "Failed"), ("lightning", "Complete"), ("onchain", "Confirmed")]
        settle(qtbot, gui)
        click(qtbot, gui, "historyRow1")
        assert gui.current_page() == "paymentDetailPage"
        assert find_item(gui, "detailHash").property("value") == "bb" * 32
        assert find_item(gui, "detailPreimage").property("value") == "cc" * 32
        assert find_item(gui, "detailStatus").property("value") == "Complete"
    finally:
        gui.close()


def test_no_camera_no_scan_button(qtbot, tmp_path):
    gui, api = _open(qtbot, tmp_path)
    try:
        click(qtbot, gui, "sendButton")
        assert not find_item(gui, "scanButton").isVisible()
        assert find_item(gui, "openImageButton").isVisible()
        assert not find_item(gui, "demoShopInvoiceButton").isVisible()  # not a demo
    finally:
        gui.close()


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_lightning_screenshots(qtbot, tmp_path, theme):
    gui, api = _open(qtbot, tmp_path, theme=theme)
    try:
        closing = dict(NORMAL, key_index=1, state="Closing", local_msat=250_000_000,
                       remote_msat=0, capacity_sat=250_000)
        api.channel_rows = [dict(NORMAL), closing]
        now = int(time.time())
        api.history_data = [
            {"kind": "lightning", "payment_hash": "bb" * 32, "status": "paid", "direction": "out",
             "delta_sat": -2_100, "fee_sat": 3, "timestamp": now - 60, "description": "Coffee",
             "invoice": shop_invoice(2_100), "preimage": "cc" * 32},
            {"kind": "lightning", "payment_hash": "ee" * 32, "status": "paid", "direction": "in",
             "delta_sat": 21_000, "fee_sat": None, "timestamp": now - 600,
             "description": "Lunch", "invoice": "", "preimage": "ff" * 32},
            {"kind": "onchain", "txid": "aa" * 32, "height": 100, "delta_sat": 1_250_000,
             "fee_sat": None, "timestamp": now - 7200},
        ]
        api.push("history")
        qtbot.waitUntil(lambda: gui.wallet.history.rowCount() == 3)
        shoot(qtbot, gui, "30-home-lightning")
        click(qtbot, gui, "historyRow0")
        shoot(qtbot, gui, "31-payment-detail-lightning")
        gui.session.show_page("home")
        qtbot.waitUntil(lambda: gui.current_page() == "homePage")
        click(qtbot, gui, "channelsButton")
        qtbot.waitUntil(lambda: gui.channels.count == 2)
        shoot(qtbot, gui, "32-channels")
        click(qtbot, gui, "forceCloseChannel0")
        shoot(qtbot, gui, "33-force-close-warning")
        gui.session.show_page("OpenChannelPage.qml")
        gui.channels.startOpen()
        type_text(qtbot, gui, "channelAmount", "200000")
        qtbot.waitUntil(lambda: gui.channels.feeText.startswith("153"))
        shoot(qtbot, gui, "34-open-channel")

        gui.session.show_page("home")
        click(qtbot, gui, "receiveButton")
        type_text(qtbot, gui, "receiveAmount", "21000")
        qtbot.waitUntil(lambda: gui.receive.invoice != "", timeout=5000)
        shoot(qtbot, gui, "35-receive-unified")
        find_item(gui, "receiveTabs").setProperty("currentIndex", 1)
        shoot(qtbot, gui, "36-receive-lightning")
        api.push("payment", payment_hash=gui.receive.paymentHash, status="paid",
                 direction="in", amount_msat=21_000_000)
        qtbot.waitUntil(find_item(gui, "receivedBanner").isVisible)
        shoot(qtbot, gui, "37-receive-received-lightning")

        gui.session.show_page("home")
        click(qtbot, gui, "sendButton")
        gui.send.parse(shop_invoice(2_100, "One coffee", expiry=600))
        shoot(qtbot, gui, "38-send-lightning-confirm")
        api.pay_failures, api.delay = 1, 0.5
        gui.send.send()
        assert gui.send.stage == "sending"
        shoot(qtbot, gui, "38b-send-lightning-progress")
        qtbot.waitUntil(lambda: gui.send.stage == "failed")
        api.delay = 0
        shoot(qtbot, gui, "39-send-lightning-failed")
        gui.send.retry()
        gui.send.send()
        qtbot.waitUntil(lambda: gui.send.stage == "done")
        shoot(qtbot, gui, "40-send-lightning-paid")
        gui.session.show_page("SettingsPage.qml")
        shoot(qtbot, gui, "41-settings-lightning")
    finally:
        gui.close()


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_demo_start_page(qtbot, tmp_path, theme):
    from PySide6.QtCore import QSettings

    from ui.app import build_gui
    from wallet.api import WalletApi
    from wallet.networks import REGTEST

    settings = QSettings(str(tmp_path / "gui.ini"), QSettings.Format.IniFormat)
    settings.setValue("display/theme", theme)
    gui = build_gui(lambda n: WalletApi(tmp_path / "wallet", n), REGTEST, demo=True,
                    network_fixed=True, settings=settings)
    try:
        qtbot.waitExposed(gui.window)
        assert gui.current_page() == "demoStartPage"
        assert not gui.demo.enabled  # no merchant until the world is up
        gui.demo.set_setup_status("Starting the devnet: chain, Electrum server, trampoline and shop…")
        shoot(qtbot, gui, "42-demo-starting")
        gui.demo.set_setup_error("bcoin exited")
        assert find_item(gui, "demoStartError").isVisible()
        assert gui.demo.setupError == "The demo network could not start: bcoin exited"
        shoot(qtbot, gui, "43-demo-failed")
    finally:
        gui.close()


def test_recovered_channels_say_what_happens_to_the_money(qtbot, tmp_path):
    """Channels found by a restore (as `channel list` gives them: phase "recovering", a
    `recovery` field, no balance) show their state in words, no balance bar and no close
    button; one still open beside them looks as before. Screenshots at both sizes."""
    from PySide6.QtCore import QPointF

    from tests.gui.shots import shoot_sizes

    gui, api = _open(qtbot, tmp_path)
    base = {"peer": "02" + "ab" * 32, "connected": False, "capacity_sat": 500_000,
            "funding_outpoint": "ef" * 32 + ":0", "sweep_txid": None}
    api.channel_rows = [dict(NORMAL),
                        base | {"key_index": 1, "phase": "recovering", "recovery": "closing",
                                "state": "recovery:closing", "amount_sat": 120_000,
                                "confirms_at": 812},
                        base | {"key_index": 2, "phase": "recovering",
                                "recovery": "close_requested", "state": "recovery:close_requested",
                                "amount_sat": None, "confirms_at": None}]
    try:
        click(qtbot, gui, "channelsButton")
        qtbot.waitUntil(lambda: gui.channels.count == 3)
        settle(qtbot, gui)
        states = [find_item(gui, f"channelState{i}").property("text") for i in range(3)]
        assert states == ["Active", "Recovering", "Recovering"]
        assert find_item(gui, "channelRecovery1").property("text") == (
            "Your 120\u202f000 sat are on the way to your on-chain balance (less the network fee), "
            "confirming around block 812.")
        assert "its peer is asked to close it" in find_item(gui, "channelRecovery2").property("text")
        assert not find_item(gui, "channelRecovery0").isVisible()
        for i in (1, 2):
            assert not find_item(gui, f"balanceBar{i}").isVisible()
            assert not find_item(gui, f"closeChannel{i}").isVisible()
        assert find_item(gui, "balanceBar0").isVisible()
        shoot_sizes(qtbot, gui, "channels-recovered")
        label = find_item(gui, "channelRecovery1")
        assert label.mapToScene(QPointF(label.width(), 0)).x() <= gui.window.width() - 16
    finally:
        gui.close()
