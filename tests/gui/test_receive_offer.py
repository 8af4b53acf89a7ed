"""Receive's reusable offer (issue 15): the wallet's any-amount BOLT 12 offer from the node
(created once, then reused), shown as a QR that decodes to exactly that offer, copied as is;
a payment to it shows "Received" and is in the history. An answer the page cannot honestly
call "reusable, any amount" is refused with one sentence."""

from __future__ import annotations

import time

import pytest
from PySide6.QtGui import QGuiApplication

from tests.gui.conftest import click, find_item
from tests.gui.shots import shoot_sizes
from tests.gui.test_lightning_flows import _open
from tests.gui.test_receive_send import _qr_text_on_screen
from tests.gui.test_send_offer import _offer
from wallet.errors import InputError


def _offer_tab(qtbot, gui):
    click(qtbot, gui, "receiveButton")
    click(qtbot, gui, "offerTab")


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_offer_qr_is_the_wallets_offer_reused_and_copied(qtbot, tmp_path, theme):
    gui, api = _open(qtbot, tmp_path, theme=theme)
    api.new_offer = _offer()  # any amount, no description: what receive_offer makes
    try:
        _offer_tab(qtbot, gui)
        qtbot.waitUntil(lambda: gui.receive_offer.offer != "", timeout=5000)
        assert _qr_text_on_screen(qtbot, gui) == api.new_offer  # the QR holds exactly it
        assert find_item(gui, "receiveText").property("text") == api.new_offer
        assert find_item(gui, "offerHowText").isVisible()
        assert not find_item(gui, "receiveAmount").isVisible()  # the payer chooses
        shoot_sizes(qtbot, gui, "15e-receive-offer")
        click(qtbot, gui, "copyButton")
        assert QGuiApplication.clipboard().text() == api.new_offer
        assert gui.receive.suggestedImageUrl("offer").endswith("/kite-offer.png")
        window_stack_pop(qtbot, gui)
        _offer_tab(qtbot, gui)  # the next visit: the same offer, not a new one
        qtbot.waitUntil(lambda: gui.receive_offer.offer != "", timeout=5000)
        assert gui.receive_offer.offer == api.new_offer and len(api.offer_creates) == 1
    finally:
        gui.close()


def window_stack_pop(qtbot, gui):
    click(qtbot, gui, "backButton")
    qtbot.waitUntil(lambda: gui.current_page() == "homePage", timeout=5000)
    assert gui.receive_offer.offer == ""  # the next visit asks the node again


def test_a_payment_to_the_offer_shows_received_and_is_in_the_history(qtbot, tmp_path):
    gui, api = _open(qtbot, tmp_path)
    api.new_offer = _offer()
    try:
        _offer_tab(qtbot, gui)
        qtbot.waitUntil(lambda: gui.receive_offer.offer != "", timeout=5000)
        banner = find_item(gui, "receivedBanner")
        api.push("payment", payment_hash="00" * 32, status="paid", direction="in",
                 amount_msat=5_000_000, invoice="lnbcrt1someoneelse")  # a BOLT 11 invoice
        qtbot.wait(200)
        assert not banner.isVisible()
        api.push("payment", payment_hash="ab" * 32, status="paid", direction="in",
                 amount_msat=1_234_000, invoice="lni1qqqq")
        qtbot.waitUntil(banner.isVisible)
        assert find_item(gui, "receivedText").property("text") == "Received 1\u202f234 sat"
        now = int(time.time())
        api.history_data = [
            {"kind": "lightning", "payment_hash": "ab" * 32, "status": "paid", "direction": "in",
             "delta_sat": 1_234, "fee_sat": None, "timestamp": now, "description": "",
             "invoice": "lni1qqqq", "preimage": "cc" * 32},
            {"kind": "lightning", "payment_hash": "cd" * 32, "status": "paid", "direction": "in",
             "delta_sat": 56, "fee_sat": None, "timestamp": now - 60, "description": "",
             "invoice": "lni1qqqr", "preimage": "dd" * 32},
        ]
        api.push("history")
        qtbot.waitUntil(lambda: gui.wallet.history.rowCount() == 2)
        rows = [gui.wallet.history.get(i) for i in range(2)]
        assert [(r["deltaSat"], r["description"]) for r in rows] == [
            (1_234, "Received through your reusable offer"),
            (56, "Received through your reusable offer")]
    finally:
        gui.close()


@pytest.mark.parametrize("answer, words", [
    (lambda: {"offer": _offer(amount=1_000_000, description="x")}, "not a reusable one"),
    (lambda: {"offer": "lnbcrt1notanoffer"}, "did not give a BOLT 12 offer"),
    (lambda: {"offer": "lno1qqqq"}, "cannot be read"),
    (lambda: {}, "did not give a BOLT 12 offer"),
])
def test_an_answer_that_is_not_a_reusable_offer_is_not_shown(qtbot, tmp_path, answer, words):
    gui, api = _open(qtbot, tmp_path)
    api.own_offers = [answer()]
    try:
        _offer_tab(qtbot, gui)
        qtbot.waitUntil(lambda: gui.receive_offer.error != "", timeout=5000)
        assert words in gui.receive_offer.error and gui.receive_offer.offer == ""
        assert not find_item(gui, "qrCard").isVisible()
    finally:
        gui.close()


def test_no_trampoline_channel_is_one_sentence_and_try_again(qtbot, tmp_path):
    gui, api = _open(qtbot, tmp_path)
    api.offer_error = InputError("an offer needs a channel with a trampoline peer: payers "
                                 "reach this wallet through it")
    try:
        _offer_tab(qtbot, gui)
        qtbot.waitUntil(lambda: gui.receive_offer.error != "", timeout=5000)
        assert gui.receive_offer.error.startswith("An offer needs a channel with a trampoline")
        assert find_item(gui, "receiveEmptyText").property("text") == gui.receive_offer.error
        shoot_sizes(qtbot, gui, "15f-receive-offer-no-channel")
        api.offer_error = None
        api.new_offer = _offer()
        click(qtbot, gui, "receiveTryAgain")
        qtbot.waitUntil(lambda: gui.receive_offer.offer == api.new_offer, timeout=5000)
    finally:
        gui.close()
