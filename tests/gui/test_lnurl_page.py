"""The LNURL page through the real QML, over a real facade (offline node, no channels) and a
real HTTP service: a Lightning address typed on Send opens the pay page with the service's
description and range; a payment goes to the node (which has no channel, so it fails with a
sentence); a login is signed only on its button; a withdrawal beyond what the channels can
receive cannot be confirmed. Screenshots at 400×800 in test-artifacts/screenshots/."""

from __future__ import annotations

import pytest

from tests.gui.conftest import click, find_item, open_new_wallet, settle, shoot, type_text
from tests.support.lnurl_shop import shop_in_thread


@pytest.fixture
def shop(tmp_path):
    with shop_in_thread(tmp_path) as s:
        yield s


def wait_stage(qtbot, gui, stage: str) -> None:
    qtbot.waitUntil(lambda: gui.lnurl.stage == stage, timeout=20_000)
    settle(qtbot, gui)


def test_pay_a_lightning_address_from_send(qtbot, make_gui, shop):
    gui = make_gui()
    open_new_wallet(qtbot, gui)
    gui.session.show_page("SendPage.qml")
    settle(qtbot, gui)
    type_text(qtbot, gui, "sendInput", shop.address)
    click(qtbot, gui, "sendContinueButton")
    wait_stage(qtbot, gui, "pay")
    assert gui.current_page() == "lnurlPage"
    assert find_item(gui, "lnurlDescription").property("value") == "A coffee"
    assert find_item(gui, "lnurlService").property("value") == \
        f"{shop.address} (127.0.0.1:{shop.port})"
    assert not find_item(gui, "lnurlConfirmButton").property("enabled")  # no amount yet
    type_text(qtbot, gui, "lnurlAmount", "0.5")
    assert gui.lnurl.amountError == "That is not an amount."
    type_text(qtbot, gui, "lnurlAmount", "60000")
    assert gui.lnurl.amountError == \
        f"Choose between {gui.settings.formatSat(1)} and {gui.settings.formatSat(50_000)}."
    type_text(qtbot, gui, "lnurlAmount", "21")
    type_text(qtbot, gui, "lnurlComment", "for the barista")
    assert find_item(gui, "lnurlConfirmButton").property("text") == "Pay 21 sat"
    shoot(qtbot, gui, "40-lnurl-pay")
    click(qtbot, gui, "lnurlConfirmButton")
    wait_stage(qtbot, gui, "failed")  # no channel: the node's own payment fails
    assert shop.comments == ["for the barista"] and len(shop.invoices) == 1
    assert gui.lnurl.error
    shoot(qtbot, gui, "41-lnurl-pay-failed")


def test_login_is_signed_only_on_the_button(qtbot, make_gui, shop):
    gui = make_gui()
    open_new_wallet(qtbot, gui)
    gui.send.parse(shop.login_lnurl("register"))
    wait_stage(qtbot, gui, "auth")
    qtbot.waitUntil(lambda: gui.lnurl.key != "", timeout=5_000)
    assert find_item(gui, "lnurlAction").property("value") == "create an account"
    assert find_item(gui, "lnurlConfirmButton").property("text") == "Create an account"
    shoot(qtbot, gui, "42-lnurl-login")
    assert shop.auth_keys == []
    click(qtbot, gui, "lnurlConfirmButton")
    wait_stage(qtbot, gui, "done")
    assert shop.auth_keys == [gui.lnurl.key]
    shoot(qtbot, gui, "43-lnurl-login-done")


def test_withdraw_needs_room_to_receive(qtbot, make_gui, shop):
    gui = make_gui()
    open_new_wallet(qtbot, gui)
    gui.session.show_page("ReceivePage.qml")
    click(qtbot, gui, "withdrawCodeButton")
    type_text(qtbot, gui, "lnurlInput", shop.lnurl("/withdraw"))
    click(qtbot, gui, "lnurlContinueButton")
    wait_stage(qtbot, gui, "withdraw")
    qtbot.waitUntil(lambda: gui.lnurl.receivableSat == 0, timeout=10_000)
    settle(qtbot, gui)
    assert gui.lnurl.amountError == "Your channels can receive about 0 sat now."
    assert not find_item(gui, "lnurlConfirmButton").property("enabled")
    shoot(qtbot, gui, "44-lnurl-withdraw-no-room")
    assert shop.withdraw_invoices == []
