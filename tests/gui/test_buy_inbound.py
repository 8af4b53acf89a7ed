"""Channels > "Buy inbound capacity" (LSPS1): the fee is asked first and shown with the
channel's size and lease, nothing is paid until Buy; a refused order is one sentence and
nothing is bought; a changed amount drops the order shown; paid on-chain when chosen (the
order's total plus the network fee shown, paid with that rate and fee; disabled with a
sentence when the on-chain balance cannot pay it; a high fee only once accepted); German
throughout."""

from __future__ import annotations

from PySide6.QtCore import QPointF
from PySide6.QtQuick import QQuickItem

from tests.gui.conftest import click, find_item, settle, type_text
from tests.gui.shots import shoot_sizes
from tests.gui.test_money_correct import _home
from ui.i18n import translations


def _open_page(qtbot, gui, shot: str = "") -> None:
    click(qtbot, gui, "channelsButton")
    qtbot.waitUntil(lambda: gui.current_page() == "channelsPage", timeout=5000)
    if shot:
        shoot_sizes(qtbot, gui, shot)
    click(qtbot, gui, "buyInboundButton")
    qtbot.waitUntil(lambda: gui.current_page() == "buyInboundPage", timeout=5000)


def _sticking_out_of(gui) -> list[str]:
    """Visible items of the page whose right edge is past the window's."""
    limit = gui.window.width() + 0.5
    out, pending = [], [find_item(gui, "buyInboundPage")]
    while pending:
        item = pending.pop()
        if not item.isVisible() or item.opacity() == 0:
            continue
        if item.metaObject().className().startswith("RoundedElevationEffect"):
            continue  # a Material button's shadow: drawn past its control by design
        right = item.mapToScene(QPointF(item.width(), 0)).x()
        if right > limit and item.width() > 0:
            out.append(f"{item.objectName()!r} {item.property('text')!r} ends at {right:.0f}")
        pending.extend(c for c in item.childItems() if isinstance(c, QQuickItem))
    return out


def _text(gui, name: str) -> str:
    return str(find_item(gui, name).property("text"))


def test_buy_inbound_shows_the_fee_then_pays_only_on_buy(qtbot, tmp_path) -> None:
    gui, api = _home(qtbot, tmp_path)
    try:
        _open_page(qtbot, gui, "16e-channels-buy-inbound")
        assert not find_item(gui, "buyInboundQuote").property("enabled")  # no amount yet
        type_text(qtbot, gui, "buyInboundAmount", "100000")
        click(qtbot, gui, "buyInboundQuote")
        qtbot.waitUntil(lambda: find_item(gui, "buyInboundConfirm").isVisible(), timeout=5000)
        assert api.inbound_asked == [100_000] and api.inbound_paid == []
        assert "channel of 100\u202f000 sat" in _text(gui, "buyInboundOffer")
        assert "at least 13\u202f140 blocks" in _text(gui, "buyInboundOffer")
        assert _text(gui, "buyInboundLightningText").startswith(
            "The LSP's fee of 2\u202f000 sat, paid now over Lightning")
        assert not find_item(gui, "buyInboundOnchain").isVisible()  # not offered
        assert _text(gui, "buyInboundConfirm") == "Buy for 2\u202f000 sat"
        shoot_sizes(qtbot, gui, "16e-buy-inbound-fee")
        assert _sticking_out_of(gui) == [], "\n".join(_sticking_out_of(gui))
        # another amount: the order shown no longer applies
        type_text(qtbot, gui, "buyInboundAmount", "200000")
        settle(qtbot, gui)
        assert not find_item(gui, "buyInboundConfirm").isVisible()
        click(qtbot, gui, "buyInboundQuote")
        qtbot.waitUntil(lambda: find_item(gui, "buyInboundConfirm").isVisible(), timeout=5000)
        click(qtbot, gui, "buyInboundConfirm")
        qtbot.waitUntil(lambda: find_item(gui, "buyInboundResult").isVisible(), timeout=5000)
        assert api.inbound_paid == ["order-2"]
        assert _text(gui, "buyInboundResult").startswith("Paid. The LSP has published the channel")
        shoot_sizes(qtbot, gui, "16e-buy-inbound-paid")
    finally:
        gui.close()


def test_refused_order_is_one_sentence_and_nothing_is_paid(qtbot, tmp_path) -> None:
    gui, api = _home(qtbot, tmp_path)
    try:
        api.inbound_fee_sat = None
        _open_page(qtbot, gui)
        type_text(qtbot, gui, "buyInboundAmount", "9000000")
        click(qtbot, gui, "buyInboundQuote")
        qtbot.waitUntil(lambda: find_item(gui, "buyInboundError").isVisible(), timeout=5000)
        assert api.inbound_paid == []
        assert not find_item(gui, "buyInboundConfirm").isVisible()
    finally:
        gui.close()


def test_buy_inbound_in_german(qtbot, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("KITE_LANG", "de")
    gui, api = _home(qtbot, tmp_path)
    try:
        _open_page(qtbot, gui)
        type_text(qtbot, gui, "buyInboundAmount", "100000")
        click(qtbot, gui, "buyInboundQuote")
        qtbot.waitUntil(lambda: find_item(gui, "buyInboundConfirm").isVisible(), timeout=5000)
        assert "Der LSP öffnet einen Kanal von" in _text(gui, "buyInboundOffer")
        assert _text(gui, "buyInboundLightningText").startswith("Die Gebühr des LSP von")
        assert _text(gui, "buyInboundConfirm").startswith("Kaufen für ")
        shoot_sizes(qtbot, gui, "16e-buy-inbound-fee-de")
        assert _sticking_out_of(gui) == [], "\n".join(_sticking_out_of(gui))
    finally:
        monkeypatch.setenv("KITE_LANG", "en")
        translations.install(gui.app, "en")
        gui.close()


def test_a_channel_not_delivered_is_said(qtbot, tmp_path) -> None:
    gui, api = _home(qtbot, tmp_path)
    try:
        api.inbound_delivered = False
        _open_page(qtbot, gui)
        type_text(qtbot, gui, "buyInboundAmount", "100000")
        click(qtbot, gui, "buyInboundQuote")
        qtbot.waitUntil(lambda: find_item(gui, "buyInboundConfirm").isVisible(), timeout=5000)
        click(qtbot, gui, "buyInboundConfirm")
        qtbot.waitUntil(lambda: find_item(gui, "buyInboundResult").isVisible(), timeout=5000)
        assert _text(gui, "buyInboundResult").startswith(
            "Paid, but the channel the LSP says it opened is not in this wallet")
    finally:
        gui.close()


def _quoted(qtbot, gui, api, amount: str = "100000") -> None:
    _open_page(qtbot, gui)
    type_text(qtbot, gui, "buyInboundAmount", amount)
    click(qtbot, gui, "buyInboundQuote")
    qtbot.waitUntil(lambda: find_item(gui, "buyInboundConfirm").isVisible(), timeout=5000)
    model = gui.buy_inbound  # priced, or said why not
    qtbot.waitUntil(lambda: model.onchainPossible or bool(model.onchainNote), timeout=5000)
    settle(qtbot, gui)


def test_choose_onchain_sees_total_and_network_fee_and_pays_exactly_that(qtbot, tmp_path) -> None:
    gui, api = _home(qtbot, tmp_path)
    try:
        api.inbound_onchain_fee_sat = 2_500
        api.inbound_confirmations = 2
        _quoted(qtbot, gui, api)
        assert api.inbound_quoted == ["order-1"] and api.inbound_paid_onchain == []
        onchain = find_item(gui, "buyInboundOnchain")
        assert onchain.isVisible() and onchain.property("enabled")
        assert _text(gui, "buyInboundOnchainText") == (
            "2\u202f500 sat to the LSP (its fee) plus a network fee of 282 sat: 2\u202f782 sat "
            "leave this wallet. The channel opens after 2 confirmations of the payment.")
        assert _text(gui, "buyInboundConfirm") == "Buy for 2\u202f000 sat"  # Lightning first
        click(qtbot, gui, "buyInboundOnchain")
        qtbot.waitUntil(lambda: _text(gui, "buyInboundConfirm") == "Pay 2\u202f782 sat on-chain",
                        timeout=5000)
        shoot_sizes(qtbot, gui, "16e-buy-inbound-onchain")
        assert _sticking_out_of(gui) == [], "\n".join(_sticking_out_of(gui))
        click(qtbot, gui, "buyInboundConfirm")
        qtbot.waitUntil(lambda: find_item(gui, "buyInboundResult").isVisible(), timeout=5000)
        assert api.inbound_paid_onchain == [("order-1", 2.0, 282, False)]
        assert api.inbound_paid == []  # not over Lightning
        assert _text(gui, "buyInboundResult") == (
            "Paid on-chain. The LSP opens the channel after 2 confirmations of the payment; "
            "it appears in the list when it does.")
        shoot_sizes(qtbot, gui, "16e-buy-inbound-onchain-paid")
    finally:
        gui.close()


def test_onchain_disabled_when_the_balance_cannot_pay_it(qtbot, tmp_path) -> None:
    gui, api = _home(qtbot, tmp_path)
    try:
        api.inbound_onchain_fee_sat = 2_500
        api.balance_data["confirmed"] = 2_700  # less than 2,500 + 282
        _quoted(qtbot, gui, api)
        assert not find_item(gui, "buyInboundOnchain").property("enabled")
        assert _text(gui, "buyInboundOnchainNote") == (
            "Not on-chain: the wallet's spendable on-chain balance cannot pay 2\u202f500 sat "
            "plus the network fee.")
        gui.buy_inbound.choose("onchain")  # refused: on-chain cannot be taken now
        settle(qtbot, gui)
        assert _text(gui, "buyInboundConfirm") == "Buy for 2\u202f000 sat"
        shoot_sizes(qtbot, gui, "16e-buy-inbound-onchain-short")
        assert _sticking_out_of(gui) == [], "\n".join(_sticking_out_of(gui))
    finally:
        gui.close()


def test_onchain_only_high_fee_needs_the_tick_and_a_new_amount_drops_it(qtbot, tmp_path) -> None:
    gui, api = _home(qtbot, tmp_path)
    try:
        api.inbound_onchain_fee_sat = 2_500
        api.inbound_lightning = False
        api.inbound_high_fee = "the fee of 282 sat is more than 10% of the 2,500 sat sent"
        _quoted(qtbot, gui, api)
        assert not find_item(gui, "buyInboundLightning").isVisible()
        assert _text(gui, "buyInboundConfirm") == "Pay 2\u202f782 sat on-chain"
        assert find_item(gui, "buyInboundAcceptHighFee").isVisible()
        assert not find_item(gui, "buyInboundConfirm").property("enabled")
        shoot_sizes(qtbot, gui, "16e-buy-inbound-onchain-high-fee")
        assert _sticking_out_of(gui) == [], "\n".join(_sticking_out_of(gui))
        click(qtbot, gui, "buyInboundAcceptHighFee")
        qtbot.waitUntil(lambda: find_item(gui, "buyInboundConfirm").property("enabled"),
                        timeout=5000)
        # another amount: the order and its quote no longer apply
        type_text(qtbot, gui, "buyInboundAmount", "200000")
        settle(qtbot, gui)
        assert not find_item(gui, "buyInboundConfirm").isVisible()
        assert not find_item(gui, "buyInboundOnchainText").isVisible()
        api.inbound_high_fee = None
        click(qtbot, gui, "buyInboundQuote")
        qtbot.waitUntil(lambda: _text(gui, "buyInboundConfirm") == "Pay 2\u202f782 sat on-chain"
                        and find_item(gui, "buyInboundConfirm").property("enabled"), timeout=5000)
        click(qtbot, gui, "buyInboundConfirm")
        qtbot.waitUntil(lambda: find_item(gui, "buyInboundResult").isVisible(), timeout=5000)
        assert api.inbound_paid_onchain == [("order-2", 2.0, 282, False)]
        assert api.inbound_quoted == ["order-1", "order-2"]
    finally:
        gui.close()


def test_onchain_in_german(qtbot, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("KITE_LANG", "de")
    gui, api = _home(qtbot, tmp_path)
    try:
        api.inbound_onchain_fee_sat = 2_500
        _quoted(qtbot, gui, api)
        click(qtbot, gui, "buyInboundOnchain")
        qtbot.waitUntil(lambda: _text(gui, "buyInboundConfirm").endswith("on-chain bezahlen"),
                        timeout=5000)
        assert "plus eine Netzwerkgebühr von" in _text(gui, "buyInboundOnchainText")
        assert "nach 1 Bestätigung der Zahlung" in _text(gui, "buyInboundOnchainText")
        shoot_sizes(qtbot, gui, "16e-buy-inbound-onchain-de")
        assert _sticking_out_of(gui) == [], "\n".join(_sticking_out_of(gui))
    finally:
        monkeypatch.setenv("KITE_LANG", "en")
        translations.install(gui.app, "en")
        gui.close()
