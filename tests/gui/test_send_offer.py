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
        # the offer's own amount: none given on top; the fee cap as for invoices (1%)
        assert api.offers_paid == [(offer, None, 210)]
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
