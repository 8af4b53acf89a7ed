"""Receive when the channels cannot take the amount (issue 16): the page shows the LSP's
price for a new channel in plain numbers (the payer pays X, the channel costs F, you
receive X - F) and makes the invoice, which buys the channel, only after the user accepts;
with no LSP it says Lightning cannot receive it and keeps the on-chain request."""

from __future__ import annotations

import pytest

from tests.gui.conftest import click, find_item, scroll_into_view, settle, type_text
from tests.gui.shots import shoot_sizes
from tests.gui.test_money_correct import ReceiveDelay, _home, _qr_on_screen
from wallet.ln.bolt11.invoice import decode_invoice
from wallet.payment_request import parse_payment_text


def _qr(qtbot, gui) -> str:
    """The QR as rendered, scrolled into view (the channel's card can sit above it)."""
    scroll_into_view(qtbot, gui, find_item(gui, "qrImage"))
    return _qr_on_screen(qtbot, gui)


def _value(gui, name: str) -> str:
    return str(find_item(gui, name).property("value"))


def _receive(qtbot, gui, amount: str) -> None:
    click(qtbot, gui, "receiveButton")
    qtbot.waitUntil(lambda: gui.receive.address != "", timeout=5000)
    type_text(qtbot, gui, "receiveAmount", amount)
    qtbot.wait(ReceiveDelay)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_jit_channel_fee_is_shown_and_nothing_is_bought_before_the_yes(qtbot, tmp_path, theme):
    gui, api = _home(qtbot, tmp_path, theme=theme, lightning=0, lightning_receivable=5_000)
    api.pushed_receivable = 5_000
    api.lsp_fee_msat = 2_500_500  # 2 500.5 sat: a fraction of a sat is shown, not rounded
    try:
        _receive(qtbot, gui, "50000")
        card = find_item(gui, "jitOfferCard")
        qtbot.waitUntil(card.isVisible, timeout=5000)
        assert api.receive_quotes[-1] == 50_000
        # the figures are the facade's: payer pays the invoice amount, you get it less the fee
        assert _value(gui, "jitPayerPays") == "50\u202f000 sat"
        assert _value(gui, "jitFee") == "2\u202f500.500 sat"
        assert _value(gui, "jitYouReceive") == "47\u202f499.500 sat"
        assert _value(gui, "jitValidUntil") == "2030-01-01 00:00 UTC"
        # nothing bought, no invoice anywhere: the QR is the on-chain request alone
        assert api.jit_bought == [] and (50_000, "") not in api.invoices
        assert gui.receive.invoice == ""
        shoot_sizes(qtbot, gui, "16a-receive-jit-offer")
        shown = _qr(qtbot, gui)
        request = parse_payment_text(shown, gui.session.api.network)
        assert request.amount_sat == 50_000 and request.invoice is None

        click(qtbot, gui, "jitConfirmButton")
        qtbot.waitUntil(lambda: gui.receive.invoice != "", timeout=5000)
        # bought once, for this amount, at most the fee shown (rounded up to whole sat)
        assert api.jit_bought == [(50_000, 2_501)]
        assert decode_invoice(gui.receive.invoice).amount_msat == 50_000_000
        assert not card.isVisible()
        said = find_item(gui, "jitBoughtText").property("text")
        assert "pays 50\u202f000 sat" in said and "costs 2\u202f500.500 sat" in said
        assert "receive 47\u202f499.500 sat" in said
        request = parse_payment_text(_qr(qtbot, gui), gui.session.api.network)
        assert request.amount_sat == 50_000 and request.invoice_text == gui.receive.invoice
        find_item(gui, "receiveTabs").setProperty("currentIndex", 1)
        assert _qr(qtbot, gui) == gui.receive.invoice
        shoot_sizes(qtbot, gui, "16b-receive-jit-invoice")
    finally:
        gui.close()


def test_a_fee_higher_at_buying_is_never_shown_as_an_invoice(qtbot, tmp_path):
    gui, api = _home(qtbot, tmp_path, lightning=0, lightning_receivable=0)
    api.pushed_receivable = 0
    api.lsp_fee_msat = 2_000_000
    api.lsp_buy_fee_msat = 3_000_000  # the LSP's price went up between quote and buy
    try:
        _receive(qtbot, gui, "40000")
        qtbot.waitUntil(find_item(gui, "jitOfferCard").isVisible, timeout=5000)
        click(qtbot, gui, "jitConfirmButton")
        qtbot.waitUntil(lambda: gui.receive.invoiceError != "", timeout=5000)
        assert api.jit_bought == []  # the facade refused a fee above the one accepted
        assert gui.receive.invoice == ""
        assert find_item(gui, "jitError").isVisible()
        assert _value(gui, "jitFee") == "2\u202f000 sat"  # still the accepted price
    finally:
        gui.close()


def test_no_lsp_says_lightning_cannot_receive_it_and_keeps_on_chain(qtbot, tmp_path):
    gui, api = _home(qtbot, tmp_path, lightning=0, lightning_receivable=5_000)
    api.pushed_receivable = 5_000
    try:
        _receive(qtbot, gui, "21000")
        reason = find_item(gui, "lightningReason")
        qtbot.waitUntil(reason.isVisible, timeout=5000)
        text = reason.property("text")
        assert "cannot be received over Lightning" in text
        assert "at most 5\u202f000 sat" in text and "no LSP" in text
        assert "on-chain part" in text
        assert not find_item(gui, "jitOfferCard").isVisible()
        assert api.jit_bought == [] and (21_000, "") not in api.invoices
        request = parse_payment_text(_qr(qtbot, gui), gui.session.api.network)
        assert request.amount_sat == 21_000 and request.invoice is None
        settle(qtbot, gui)
        shoot_sizes(qtbot, gui, "16c-receive-no-lsp")
        # an amount that fits: a plain invoice, no channel bought
        type_text(qtbot, gui, "receiveAmount", "2000")
        qtbot.waitUntil(lambda: gui.receive.invoice != "", timeout=5000)
        assert api.invoices[-1] == (2_000, "") and api.jit_bought == []
        assert not find_item(gui, "jitBoughtText").isVisible()
    finally:
        gui.close()


def test_a_fee_that_eats_the_whole_amount_is_no_offer(qtbot, tmp_path):
    gui, api = _home(qtbot, tmp_path, lightning=0, lightning_receivable=0)
    api.pushed_receivable = 0
    api.lsp_fee_msat = 3_000_000  # 3 000 sat for a 3 000 sat payment: nothing left
    try:
        _receive(qtbot, gui, "3000")
        reason = find_item(gui, "lightningReason")
        qtbot.waitUntil(reason.isVisible, timeout=5000)
        assert "cost 3\u202f000 sat" in reason.property("text")
        assert not find_item(gui, "jitOfferCard").isVisible()
        assert api.jit_bought == [] and gui.receive.invoice == ""
    finally:
        gui.close()
