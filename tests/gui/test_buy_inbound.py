"""Channels > "Buy inbound capacity" (LSPS1): the fee is asked first and shown with the
channel's size and lease, nothing is paid until Buy; a refused order is one sentence and
nothing is bought; a changed amount drops the order shown; German throughout."""

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
        assert "at least 13\u202f140 blocks, for a fee of 2\u202f000 sat" in _text(gui, "buyInboundOffer")
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
