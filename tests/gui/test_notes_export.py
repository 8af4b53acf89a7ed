"""Notes and export through the real QML: a note typed on the payment page is stored by the
facade and shown in the history; the Export page writes a CSV that Python's csv module
reads back with the exact amounts, and a JSON with the same columns; screenshots at phone
and desktop sizes."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

import pytest

from tests.gui.conftest import SCREENSHOTS, click, find_item, settle, type_text
from tests.gui.test_money_correct import _home
from wallet.export import COLUMNS

TXID, HASH = "aa" * 32, "bb" * 32
HISTORY = [
    {"kind": "lightning", "payment_hash": HASH, "status": "paid", "direction": "out",
     "delta_sat": -1234, "amount_msat": 1_234_567, "fee_sat": 2, "fee_msat": 1_001,
     "timestamp": 1_700_000_100, "completed_at": 1_700_000_100, "description": "Coffee"},
    {"kind": "onchain", "txid": TXID, "height": 90, "confirmations": 11, "delta_sat": 70_000,
     "fee_sat": None, "timestamp": 1_700_000_000, "label": ""},
]


def reveal(qtbot, gui, name: str) -> None:
    """Scroll the page's Flickable so that the named item is on screen (as a user would)."""
    settle(qtbot, gui)
    item = find_item(gui, name)
    flickable = item.parentItem()
    while flickable is not None and flickable.property("contentY") is None:
        flickable = flickable.parentItem()
    assert flickable is not None, f"{name} is not in a Flickable"
    content = flickable.property("contentItem")
    y = item.mapToItem(content, 0, 0).y()
    top = max(0.0, min(y - 40, flickable.property("contentHeight") - flickable.height()))
    flickable.setProperty("contentY", top)
    settle(qtbot, gui)


def _open_row(qtbot, gui, row: int) -> None:
    qtbot.waitUntil(lambda: gui.wallet.history.rowCount() == len(HISTORY))
    click(qtbot, gui, f"historyRow{row}")
    assert gui.current_page() == "paymentDetailPage"


def test_a_note_typed_on_the_payment_page_is_stored_and_shown(qtbot, tmp_path):
    gui, api = _home(qtbot, tmp_path)
    api.history_data = [dict(h) for h in HISTORY]
    gui.wallet.refresh()
    try:
        _open_row(qtbot, gui, 1)  # the on-chain one, below the newer payment
        assert not find_item(gui, "saveNoteButton").property("enabled")  # nothing typed yet
        type_text(qtbot, gui, "noteField", "  salary  ")
        click(qtbot, gui, "saveNoteButton")
        qtbot.waitUntil(lambda: api.history_data[1].get("note") == "salary")
        qtbot.waitUntil(lambda: not find_item(gui, "saveNoteButton").property("enabled"))
        click(qtbot, gui, "backButton")
        qtbot.waitUntil(lambda: find_item(gui, "historyNote1").property("text") == "salary")
        # a payment's description stays until a note replaces it
        assert find_item(gui, "historyNote0").property("text") == "Coffee"
    finally:
        gui.close()


def test_export_writes_exact_csv_and_json(qtbot, tmp_path):
    gui, api = _home(qtbot, tmp_path)
    api.history_data = [dict(h) for h in HISTORY]
    api.history_data[1]["note"] = "salary, May"
    gui.wallet.refresh()
    try:
        click(qtbot, gui, "settingsButton")
        reveal(qtbot, gui, "exportHistoryButton")
        click(qtbot, gui, "exportHistoryButton")
        assert gui.current_page() == "exportPage"
        assert find_item(gui, "exportPath").property("text").endswith(".csv")
        target = tmp_path / "out" / "history.csv"
        target.parent.mkdir()
        type_text(qtbot, gui, "exportPath", str(target))
        click(qtbot, gui, "exportButton")
        qtbot.waitUntil(lambda: find_item(gui, "exportDone").isVisible())
        assert "2 payments" in find_item(gui, "exportDone").property("text")
        rows = list(csv.DictReader(io.StringIO(target.read_text(), newline="")))
        assert [(r["kind"], r["direction"], r["amount_sat"], r["fee_sat"], r["label"])
                for r in rows] == [("lightning", "out", "1234.567", "1.001", ""),
                                   ("onchain", "in", "70000", "", "salary, May")]
        assert Decimal(rows[0]["amount_sat"]) * 1000 == 1_234_567

        click(qtbot, gui, "formatJson")
        assert find_item(gui, "exportPath").property("text") == str(target)[:-3] + "json"
        click(qtbot, gui, "exportButton")
        qtbot.waitUntil(lambda: (tmp_path / "out" / "history.json").exists())
        data = json.loads((tmp_path / "out" / "history.json").read_text())
        assert [tuple(r) for r in data] == [COLUMNS] * 2 and data[1]["label"] == "salary, May"

        # a folder that does not exist: one sentence, nothing written
        type_text(qtbot, gui, "exportPath", str(tmp_path / "missing" / "h.csv"))
        click(qtbot, gui, "exportButton")
        qtbot.waitUntil(lambda: find_item(gui, "exportError").isVisible())
        assert "Cannot write" in find_item(gui, "exportError").property("text")
        assert not (tmp_path / "missing").exists()
    finally:
        gui.close()


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("size", [(400, 800), (1200, 900)])
def test_notes_and_export_screenshots(qtbot, tmp_path, theme, size):
    gui, api = _home(qtbot, tmp_path, theme=theme)
    api.history_data = [dict(h) for h in HISTORY]
    api.history_data[1]["note"] = "Salary for May"
    gui.window.resize(*size)
    gui.wallet.refresh()
    tag = f"{size[0]}x{size[1]}-{theme}"

    def shot(name: str) -> None:
        settle(qtbot, gui)
        qtbot.wait(100)
        assert gui.screenshot(SCREENSHOTS / "issue17" / f"{name}-{tag}.png")

    try:
        qtbot.waitUntil(lambda: gui.wallet.history.rowCount() == 2)
        shot("70-home-history-with-note")
        click(qtbot, gui, "historyRow1")
        shot("71-payment-note")
        click(qtbot, gui, "backButton")
        click(qtbot, gui, "settingsButton")
        reveal(qtbot, gui, "exportHistoryButton")
        shot("72-settings-export-link")
        click(qtbot, gui, "exportHistoryButton")
        type_text(qtbot, gui, "exportPath", str(tmp_path / "kite-history.csv"))
        click(qtbot, gui, "exportButton")
        qtbot.waitUntil(lambda: find_item(gui, "exportDone").isVisible())
        shot("73-export-done")
    finally:
        gui.close()
