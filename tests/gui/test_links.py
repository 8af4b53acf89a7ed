"""Payment links opened from outside land on Send, filled in, through the real QML; they
wait while the wallet is locked and never replace a payment on screen."""

from __future__ import annotations

from tests.gui.conftest import PASSWORD, open_new_wallet, regtest_addresses, settle, shoot

ADDRESS = regtest_addresses()[0]
LINK = f"bitcoin:{ADDRESS}?amount=0.00123&label=Corner%20shop"


def _wait_send(qtbot, gui) -> None:
    qtbot.waitUntil(lambda: gui.current_page() == "sendPage", timeout=10_000)
    settle(qtbot, gui)


def test_link_opens_send_filled_in(qtbot, make_gui):
    gui = make_gui()
    open_new_wallet(qtbot, gui)
    gui.links.open(LINK)
    _wait_send(qtbot, gui)
    assert gui.send.stage == "confirm"
    assert gui.send.recipient == ADDRESS
    assert gui.send.amountSat == 123_000
    assert gui.send.description == "Corner shop"
    shoot(qtbot, gui, "send-from-link")


def test_link_never_replaces_a_payment_on_screen(qtbot, make_gui):
    gui = make_gui()
    open_new_wallet(qtbot, gui)
    gui.links.open(LINK)
    _wait_send(qtbot, gui)
    other = f"bitcoin:{regtest_addresses()[1]}?amount=5"
    with qtbot.waitSignal(gui.links.notice, timeout=2000) as notice:
        gui.links.open(other)
    assert "already on screen" in notice.args[0]
    settle(qtbot, gui)
    assert gui.send.stage == "confirm" and gui.send.recipient == ADDRESS
    assert gui.send.amountSat == 123_000

    # once the user went back (the header's back button resets the confirmation), the next
    # link is shown
    gui.send.reset()
    settle(qtbot, gui)
    gui.links.open(other)
    _wait_send(qtbot, gui)
    assert gui.send.recipient == regtest_addresses()[1] and gui.send.amountSat == 500_000_000


def test_bad_link_shows_its_error_on_send(qtbot, make_gui):
    gui = make_gui()
    open_new_wallet(qtbot, gui)
    gui.links.open("bitcoin:" + ADDRESS.replace("bcrt1", "bc1") + "?amount=1")
    _wait_send(qtbot, gui)
    assert gui.send.stage == "input" and gui.send.recipient == ""
    assert gui.send.error


def test_link_waits_until_the_wallet_is_open(qtbot, make_gui):
    gui = make_gui()
    assert gui.session.state == "new"
    with qtbot.waitSignal(gui.links.notice, timeout=2000):
        gui.links.open(LINK)
    assert gui.links.pending == LINK
    settle(qtbot, gui)
    assert gui.current_page() != "sendPage"
    gui.onboarding.generate()
    gui.onboarding.create(PASSWORD, "")
    _wait_send(qtbot, gui)
    assert gui.links.pending == ""
    assert gui.send.stage == "confirm" and gui.send.recipient == ADDRESS
