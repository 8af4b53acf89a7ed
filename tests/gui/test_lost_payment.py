"""A payment received over a JIT channel whose funding the LSP double-spent, through the
real QML: the history says "Lost" in red with the amount struck through (never a plain
"Received" that counts), and the payment page's status says "Lost"; a paid one beside it
is unchanged."""

from __future__ import annotations

from tests.gui.conftest import click, find_item
from tests.gui.test_money_correct import _home

HISTORY = [
    {"kind": "lightning", "payment_hash": "cc" * 32, "status": "lost", "direction": "in",
     "delta_sat": 48_000, "amount_msat": 48_000_000, "fee_sat": 0, "fee_msat": 0,
     "timestamp": 1_700_000_200, "completed_at": 1_700_000_200, "description": "first coffee"},
    {"kind": "lightning", "payment_hash": "dd" * 32, "status": "paid", "direction": "in",
     "delta_sat": 5_000, "amount_msat": 5_000_000, "fee_sat": 0, "fee_msat": 0,
     "timestamp": 1_700_000_100, "completed_at": 1_700_000_100, "description": "tip"},
]


def test_a_lost_payment_is_shown_lost(qtbot, tmp_path):
    gui, api = _home(qtbot, tmp_path)
    api.history_data = [dict(h) for h in HISTORY]
    gui.wallet.refresh()
    try:
        qtbot.waitUntil(lambda: gui.wallet.history.rowCount() == 2)
        assert find_item(gui, "historyStatus0").property("text") == "Lost"
        lost = find_item(gui, "historyAmount0")
        assert lost.property("font").strikeOut() and lost.property("opacity") < 1
        paid = find_item(gui, "historyAmount1")
        assert not paid.property("font").strikeOut()
        assert find_item(gui, "historyStatus1").property("text") != "Lost"
        click(qtbot, gui, "historyRow0")
        assert gui.current_page() == "paymentDetailPage"
        assert find_item(gui, "detailStatus").property("value") == "Lost"
    finally:
        gui.close()
