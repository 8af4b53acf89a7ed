"""A BOLT 12 payment's payer note, through the real QML: the payment page shows it as
"Payer's note" (the text as the node made it safe); a payment without one has no such row."""

from __future__ import annotations

from tests.gui.conftest import click, find_item
from tests.gui.test_money_correct import _home

HISTORY = [
    {"kind": "lightning", "payment_hash": "ee" * 32, "status": "paid", "direction": "in",
     "delta_sat": 21_000, "amount_msat": 21_000_000, "fee_sat": 0, "fee_msat": 0,
     "timestamp": 1_700_000_200, "completed_at": 1_700_000_200, "description": "",
     "invoice": "lni1qqqq", "payer_note": "for the red tea, table 4"},
    {"kind": "lightning", "payment_hash": "ff" * 32, "status": "paid", "direction": "in",
     "delta_sat": 5_000, "amount_msat": 5_000_000, "fee_sat": 0, "fee_msat": 0,
     "timestamp": 1_700_000_100, "completed_at": 1_700_000_100, "description": "tip"},
]


def test_the_payers_note_is_on_the_payment_page(qtbot, tmp_path):
    gui, api = _home(qtbot, tmp_path)
    api.history_data = [dict(h) for h in HISTORY]
    gui.wallet.refresh()
    try:
        qtbot.waitUntil(lambda: gui.wallet.history.rowCount() == 2)
        assert gui.wallet.history.get(0)["payerNote"] == "for the red tea, table 4"
        click(qtbot, gui, "historyRow0")
        assert gui.current_page() == "paymentDetailPage"
        row = find_item(gui, "detailPayerNote")
        assert row.property("value") == "for the red tea, table 4" and row.isVisible()
        assert row.property("label") == "Payer's note"
    finally:
        gui.close()
    gui, api = _home(qtbot, tmp_path / "again")
    api.history_data = [dict(h) for h in HISTORY]
    gui.wallet.refresh()
    try:
        qtbot.waitUntil(lambda: gui.wallet.history.rowCount() == 2)
        click(qtbot, gui, "historyRow1")
        assert not find_item(gui, "detailPayerNote").isVisible()
    finally:
        gui.close()
