"""Send pays a BOLT 12 offer (issue 15): the amount shown is the offer's (or the one typed
for an offer without one) and exactly that is what the facade's pay_offer is asked to pay;
offers Kite cannot show exactly (another currency, expired, another network) are refused
with one sentence and nothing is paid."""

from __future__ import annotations

import time

import pytest

from tests.gui.conftest import click, find_item, settle, type_text
from tests.gui.shots import shoot_sizes
from tests.gui.test_lightning_flows import _open
from wallet.ln.bolt12.message import chain_hash
from wallet.ln.bolt12.offer import Offer
from wallet.networks import MAINNET, REGTEST

ISSUER = bytes.fromhex("02eec7245d6b7d2ccb30380bfbe2a3648cd7a942653f5aa340edcea1f283686619")


def _offer(network=REGTEST, **fields) -> str:
    return Offer.build(chains=[chain_hash(network.genesis_hash)], issuer_id=ISSUER,
                       **fields).to_string()


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_fixed_amount_offer_pays_the_amount_shown(qtbot, tmp_path, theme):
    gui, api = _open(qtbot, tmp_path, theme=theme)
    offer = _offer(amount=21_000_000, description="Coffee", issuer="Shop")
    try:
        click(qtbot, gui, "sendButton")
        type_text(qtbot, gui, "sendInput", offer)
        click(qtbot, gui, "sendContinueButton")
        assert gui.send.stage == "confirm" and gui.send.lightning
        assert gui.send.error == ""
        assert find_item(gui, "confirmAmount").property("text") == "21\u202f000 sat"
        assert not gui.send.amountEditable
        assert (gui.send.recipient, gui.send.description) == ("Shop", "Coffee")
        assert gui.send.canSend and api.offers_paid == []
        shoot_sizes(qtbot, gui, "15a-send-offer-confirm")
        click(qtbot, gui, "confirmSendButton")
        qtbot.waitUntil(lambda: gui.send.stage == "done", timeout=5000)
        # the total shown, always given (the invoice must ask exactly it); the fee cap as
        # for invoices (1%)
        assert api.offers_paid == [(offer, 21_000, 210)]
        assert api.offer_extras == [{"quantity": None, "note": None, "bip353_name": None}]
        assert find_item(gui, "sentTitle").property("text") == "Paid"
    finally:
        gui.close()


def test_offer_without_amount_asks_for_one_and_pays_it(qtbot, tmp_path):
    gui, api = _open(qtbot, tmp_path)
    offer = _offer(description="Tips")
    try:
        assert gui.send.parse(f"bitcoin:?lno={offer}")
        gui.session.show_page("SendPage.qml")
        settle(qtbot, gui)
        assert gui.send.amountEditable and not gui.send.canSend
        assert gui.send.cannotSendReason == "Enter the amount to pay."
        type_text(qtbot, gui, "sendAmount", "777")
        assert gui.send.canSend
        click(qtbot, gui, "confirmSendButton")
        qtbot.waitUntil(lambda: gui.send.stage == "done", timeout=5000)
        assert api.offers_paid == [(offer, 777, gui.settings.feeCapSat(777))]  # the cap shown
    finally:
        gui.close()


@pytest.mark.parametrize("make, words", [
    (lambda: _offer(amount=5, currency="EUR", description="Tea"), "EUR"),
    (lambda: _offer(amount=1_000, description="Tea",
                    absolute_expiry=int(time.time()) - 60), "expired"),
    (lambda: _offer(amount=1_500, description="Tea"), "fraction of a sat"),
    (lambda: _offer(MAINNET, amount=1_000_000, description="Tea"), "another network"),
    (lambda: "lno1qqqq", "not valid"),
])
def test_offers_kite_cannot_show_exactly_are_refused(qtbot, tmp_path, make, words):
    gui, api = _open(qtbot, tmp_path)
    try:
        assert not gui.send.parse(make())
        assert words in gui.send.error
        assert gui.send.stage == "input" and api.offers_paid == []
    finally:
        gui.close()


def _confirm(qtbot, gui, text):
    click(qtbot, gui, "sendButton")
    type_text(qtbot, gui, "sendInput", text)
    click(qtbot, gui, "sendContinueButton")


def _shown_amount(gui) -> str:
    return find_item(gui, "confirmAmount").property("text")


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_quantity_times_price_is_the_amount_shown_and_paid(qtbot, tmp_path, theme):
    """The screen cannot lie: whatever quantity is typed, the big amount on screen, the
    amount handed to pay_offer and the invoice's total are price × quantity."""
    gui, api = _open(qtbot, tmp_path, theme=theme)
    offer = _offer(amount=7_000_000, description="Scarf", issuer="Shop", quantity_max=5)
    try:
        _confirm(qtbot, gui, offer)
        assert gui.send.quantityAllowed and gui.send.quantity == 1
        assert _shown_amount(gui) == "7\u202f000 sat" and gui.send.canSend
        type_text(qtbot, gui, "quantityField", "3")
        assert _shown_amount(gui) == "21\u202f000 sat"
        assert find_item(gui, "quantityText").property("text") == "3 × 7\u202f000 sat"
        type_text(qtbot, gui, "payerNoteField", "Blue one, please ☕")
        assert gui.send.canSend
        shoot_sizes(qtbot, gui, "15b-send-offer-quantity-note")
        for bad, words in (("6", "at most 5"), ("0", "at least 1"), ("x", "at least 1")):
            type_text(qtbot, gui, "quantityField", bad)
            assert words in gui.send.quantityError and not gui.send.canSend
            assert gui.send.cannotSendReason == gui.send.quantityError
        type_text(qtbot, gui, "quantityField", "2")
        assert _shown_amount(gui) == "14\u202f000 sat" and gui.send.canSend
        click(qtbot, gui, "confirmSendButton")
        qtbot.waitUntil(lambda: gui.send.stage == "done", timeout=5000)
        assert api.offers_paid == [(offer, 14_000, 140)]
        assert api.offer_extras == [{"quantity": 2, "note": "Blue one, please ☕",
                                     "bip353_name": None}]
    finally:
        gui.close()


def test_a_long_note_is_refused_and_a_single_item_offer_has_no_quantity(qtbot, tmp_path):
    gui, api = _open(qtbot, tmp_path)
    try:
        _confirm(qtbot, gui, _offer(amount=1_000_000, description="Tea"))
        assert not gui.send.quantityAllowed
        assert not find_item(gui, "quantityField").isVisible()
        gui.send.setQuantity("4")  # the offer sells one: nothing changes
        assert gui.send.quantity == 1 and _shown_amount(gui) == "1\u202f000 sat"
        type_text(qtbot, gui, "payerNoteField", "é" * 257)  # 514 bytes
        assert "512 bytes" in gui.send.noteError and not gui.send.canSend
        type_text(qtbot, gui, "payerNoteField", "é" * 256)
        assert gui.send.canSend
        click(qtbot, gui, "confirmSendButton")
        qtbot.waitUntil(lambda: gui.send.stage == "done", timeout=5000)
        assert api.offer_extras == [{"quantity": None, "note": "é" * 256, "bip353_name": None}]
    finally:
        gui.close()


def test_a_new_offer_starts_with_quantity_one_and_no_note(qtbot, tmp_path):
    gui, api = _open(qtbot, tmp_path)
    offer = _offer(amount=2_000_000, description="Tea", quantity_max=0)  # any number
    try:
        _confirm(qtbot, gui, offer)
        type_text(qtbot, gui, "quantityField", "40")
        type_text(qtbot, gui, "payerNoteField", "old")
        assert _shown_amount(gui) == "80\u202f000 sat"
        gui.send.reset()
        settle(qtbot, gui)
        assert gui.send.parse(offer)
        settle(qtbot, gui)
        assert find_item(gui, "quantityField").property("text") == "1"
        assert find_item(gui, "payerNoteField").property("text") == ""
        assert (gui.send.quantity, gui.send.note, _shown_amount(gui)) == (1, "", "2\u202f000 sat")
    finally:
        gui.close()
