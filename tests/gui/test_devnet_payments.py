"""End to end on the devnet world: the GUI over a real node with a channel to the trampoline
(Tram) pays the devnet merchant (Shop) from a pasted invoice and from a QR image file, is
paid by the merchant on the Receive page, and the history shows every payment."""

from __future__ import annotations

import concurrent.futures
import hashlib

import pytest
import segno
from PySide6.QtCore import QSettings

from tests.gui.conftest import click, find_item, settle, shoot, type_text
from ui.app import build_gui
from wallet.api import WalletApi
from wallet.devnet.demo_wallet import fund_and_open_channel
from wallet.networks import REGTEST

pytestmark = pytest.mark.slow
PASSWORD = "correct horse"


def _world_gui(qtbot, tmp_path, world, *, demo: bool = False, theme: str = "light"):
    """A GUI over a new wallet with a channel to Tram (as `kite --demo` sets it up)."""
    folder = tmp_path / "wallet"
    apis: list[WalletApi] = []

    def factory(network):
        api = WalletApi(folder, REGTEST, world.electrum_server, trampoline=world.tram_address)
        apis.append(api)
        return api

    settings = QSettings(str(tmp_path / "gui.ini"), QSettings.Format.IniFormat)
    settings.setValue("display/theme", theme)
    gui = build_gui(factory, REGTEST, network_fixed=True, settings=settings, demo=demo,
                    merchant=world if demo else None)
    qtbot.waitExposed(gui.window)
    gui.onboarding.generate()
    gui.onboarding.create(PASSWORD, "")
    qtbot.waitUntil(lambda: gui.current_page() == "homePage", timeout=60_000)
    pool = concurrent.futures.ThreadPoolExecutor(1)
    setup = pool.submit(fund_and_open_channel, apis[0], world)
    qtbot.waitUntil(setup.done, timeout=180_000)
    setup.result()
    qtbot.waitUntil(lambda: gui.wallet.lightningSat > 0, timeout=30_000)
    return gui, apis[0], pool


@pytest.fixture
def world_gui(qtbot, tmp_path, shared_world):
    gui, api, pool = _world_gui(qtbot, tmp_path, shared_world)
    yield gui, api, shared_world, pool
    pool.shutdown()
    gui.close()


def _pay_on_confirm(qtbot, gui, amount_sat: int) -> str:
    assert gui.send.stage == "confirm" and gui.send.lightning
    assert gui.send.amountSat == amount_sat and gui.send.canSend, gui.send.cannotSendReason
    click(qtbot, gui, "confirmSendButton")
    qtbot.waitUntil(lambda: gui.send.stage in ("done", "failed"), timeout=90_000)
    assert gui.send.stage == "done", gui.send.failureDetail
    preimage = gui.send.preimage
    assert hashlib.sha256(bytes.fromhex(preimage)).hexdigest() == gui.send.paymentHash
    return gui.send.paymentHash


def _history_row(gui, payment_hash: str) -> dict:
    for i in range(gui.wallet.history.rowCount()):
        row = gui.wallet.history.get(i)
        if row["paymentHash"] == payment_hash:
            return row
    return {}


def test_pay_the_merchant_pasted_and_from_a_qr_file_and_be_paid(qtbot, tmp_path, world_gui):
    gui, api, world, pool = world_gui
    lightning_before = gui.wallet.lightningSat
    # our side after the push that gave Tram coins to forward to us: what can be spent shown
    # as the balance, the channel reserve and the commitment's fees shown apart
    assert lightning_before + gui.wallet.reserveSat == 1_000_000 - 200_000
    assert 0 < gui.wallet.reserveSat < 50_000

    # 1. a pasted invoice
    click(qtbot, gui, "sendButton")
    invoice = world.shop_invoice(2_100, "Coffee")
    type_text(qtbot, gui, "sendInput", invoice)
    click(qtbot, gui, "sendContinueButton")
    assert gui.send.description == "Coffee"
    first = _pay_on_confirm(qtbot, gui, 2_100)
    qtbot.waitUntil(lambda: _history_row(gui, first).get("status") == "Complete", timeout=10_000)
    assert _history_row(gui, first)["deltaSat"] == -2_100
    shoot(qtbot, gui, "50-devnet-paid-merchant")

    # 2. a QR code in an image file
    gui.send.reset()
    path = tmp_path / "shop-qr.png"
    segno.make(world.shop_invoice(1_500, "Croissant"), error="m").save(str(path), scale=5)
    assert gui.send.openImage(str(path))
    second = _pay_on_confirm(qtbot, gui, 1_500)
    qtbot.waitUntil(lambda: _history_row(gui, second).get("status") == "Complete", timeout=10_000)
    qtbot.waitUntil(lambda: gui.wallet.lightningSat <= lightning_before - 3_600, timeout=10_000)

    # 3. the merchant pays our invoice: the Receive page says so at once
    gui.session.show_page("home")
    qtbot.waitUntil(lambda: gui.current_page() == "homePage")
    click(qtbot, gui, "receiveButton")
    type_text(qtbot, gui, "receiveAmount", "3000")
    type_text(qtbot, gui, "receiveDescription", "Refund")
    qtbot.waitUntil(lambda: gui.receive.invoice != "", timeout=10_000)
    paying = pool.submit(world.shop_pay, gui.receive.invoice)
    banner = find_item(gui, "receivedBanner")
    qtbot.waitUntil(banner.isVisible, timeout=90_000)
    assert find_item(gui, "receivedText").property("text") == "Received 3\u202f000 sat"
    assert paying.result(timeout=60)["status"] == "paid"
    shoot(qtbot, gui, "51-devnet-received-from-merchant")
    received = gui.receive.paymentHash
    qtbot.waitUntil(lambda: _history_row(gui, received).get("deltaSat") == 3_000, timeout=10_000)
    # the balance follows the channel: 800k - 3 600 sent - fees + 3 000 received
    fees = _history_row(gui, first)["feeSat"] + _history_row(gui, second)["feeSat"]

    def ours() -> int:
        return api.channels().result(timeout=10)[0]["local_msat"] // 1000

    # what can be spent is our side less the reserve (shown apart)
    qtbot.waitUntil(lambda: gui.wallet.lightningSat + gui.wallet.reserveSat == ours(),
                    timeout=10_000)
    assert 0 <= ours() - (800_000 - 3_600 - fees + 3_000) <= 2  # fees rounded up

    # the history lists them newest first (devnet block times run ahead of the clock, so
    # the on-chain rows' places among them are not checked)
    gui.session.show_page("home")
    settle(qtbot, gui)
    rows = [gui.wallet.history.get(i) for i in range(gui.wallet.history.rowCount())]
    assert [r["paymentHash"] for r in rows if r["kind"] == "lightning"] == [received, second, first]
    assert sum(r["kind"] == "onchain" for r in rows) == 2  # the devnet's coins, the funding
    shoot(qtbot, gui, "52-devnet-home-history")
    click(qtbot, gui, "channelsButton")
    qtbot.waitUntil(lambda: gui.channels.count == 1)
    settle(qtbot, gui)
    assert find_item(gui, "channelState0").property("text") == "Active"
    shoot(qtbot, gui, "53-devnet-channels")


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_demo_merchant_buttons(qtbot, tmp_path, shared_world, theme):
    gui, api, pool = _world_gui(qtbot, tmp_path, shared_world, demo=True, theme=theme)
    try:
        assert gui.demo.enabled
        click(qtbot, gui, "sendButton")
        shoot(qtbot, gui, "54-demo-send")
        click(qtbot, gui, "demoShopInvoiceButton")
        qtbot.waitUntil(lambda: gui.send.stage == "confirm", timeout=30_000)
        assert gui.send.lightning and gui.send.description.startswith("Kite demo shop")
        shoot(qtbot, gui, "55-demo-send-confirm")
        _pay_on_confirm(qtbot, gui, gui.send.amountSat)

        gui.session.show_page("home")
        qtbot.waitUntil(lambda: gui.current_page() == "homePage")
        click(qtbot, gui, "receiveButton")
        qtbot.waitUntil(lambda: gui.receive.invoice != "", timeout=10_000)
        type_text(qtbot, gui, "receiveAmount", "5000")
        qtbot.waitUntil(lambda: "lightning=" in gui.receive.uri, timeout=10_000)
        shoot(qtbot, gui, "56-demo-receive")
        click(qtbot, gui, "demoShopPaysButton")
        qtbot.waitUntil(find_item(gui, "receivedBanner").isVisible, timeout=90_000)
        assert find_item(gui, "receivedText").property("text") == "Received 5 000 sat"
        gui.session.show_page("home")
        qtbot.waitUntil(lambda: gui.current_page() == "homePage")
        qtbot.waitUntil(lambda: gui.wallet.history.rowCount() == 4, timeout=10_000)
        shoot(qtbot, gui, "57-demo-home")
    finally:
        pool.shutdown()
        gui.close()
