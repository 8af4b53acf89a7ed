"""History export as CSV: exact amounts through Python's csv module, fees only where this
wallet paid them, nothing for payments that moved no money, and descriptions from other
people's invoices never run as spreadsheet formulas."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest

from wallet.cli import chain_commands, channel_commands, main
from wallet.export import COLUMNS, lightning_rows, onchain_rows, sat_text, spreadsheet_safe, to_csv

TXID_IN, TXID_OUT, TXID_PENDING = "aa" * 32, "bb" * 32, "cc" * 32
HASHES = [f"{i:02x}" * 32 for i in range(6)]

ONCHAIN = [
    {"txid": TXID_PENDING, "height": 0, "confirmations": 0, "delta_sat": 5_000,
     "fee_sat": 141, "timestamp": None},
    {"txid": TXID_OUT, "height": 102, "confirmations": 3, "delta_sat": -250_141,
     "fee_sat": 141, "timestamp": 1_700_000_600},
    {"txid": TXID_IN, "height": 101, "confirmations": 4, "delta_sat": 1_000_000,
     "fee_sat": None, "timestamp": 1_700_000_000},
]
PAYMENTS = [
    {"payment_hash": HASHES[0], "direction": "out", "status": "paid", "amount_msat": 1_234_567,
     "fee_msat": 1_001, "description": "coffee, large\n2 sugars", "created_at": 1_700_000_100,
     "completed_at": 1_700_000_101},
    {"payment_hash": HASHES[1], "direction": "in", "status": "paid", "amount_msat": 1,
     "fee_msat": None, "description": "=HYPERLINK(\"http://x\",\"click\")",
     "created_at": 1_700_000_200, "completed_at": 1_700_000_260},
    {"payment_hash": HASHES[2], "direction": "out", "status": "failed", "amount_msat": 5_000,
     "fee_msat": None, "description": "", "created_at": 1_700_000_300, "completed_at": None},
    {"payment_hash": HASHES[3], "direction": "in", "status": "pending", "amount_msat": 9_000,
     "fee_msat": None, "description": "unpaid invoice", "created_at": 1_700_000_400,
     "completed_at": None},
    {"payment_hash": HASHES[4], "direction": "out", "status": "pending", "amount_msat": 7_000,
     "fee_msat": None, "description": "@SUM(A1)", "created_at": 1_700_000_500,
     "completed_at": None},
]


def _parse(text: str) -> list[dict[str, str]]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    assert tuple(reader.fieldnames) == COLUMNS
    return list(reader)


@pytest.mark.parametrize("msat, text", [
    (0, "0"), (1, "0.001"), (10, "0.01"), (1000, "1"), (1_234_567, "1234.567"),
    (2_100_000_000_000_000_000, "2100000000000000"), (-1500, "-1.5"),
])
def test_sat_text_is_exact(msat, text):
    assert sat_text(msat) == text
    assert Decimal(text) * 1000 == msat


def test_onchain_round_trip_with_exact_amounts_and_our_fees_only():
    rows = _parse(to_csv(onchain_rows(ONCHAIN)))
    assert [r["id"] for r in rows] == [TXID_PENDING, TXID_OUT, TXID_IN]
    pending, sent, received = rows
    assert pending == {"date": "", "direction": "in", "amount_sat": "5000", "fee_sat": "",
                       "kind": "onchain", "status": "unconfirmed", "description": "",
                       "label": "", "id": TXID_PENDING}
    # what the recipient got and the fee add up to what left the wallet
    assert (sent["direction"], sent["amount_sat"], sent["fee_sat"]) == ("out", "250000", "141")
    assert Decimal(sent["amount_sat"]) + Decimal(sent["fee_sat"]) == 250_141
    assert sent["date"] == "2023-11-14T22:23:20Z" and sent["status"] == "confirmed"
    assert (received["amount_sat"], received["fee_sat"]) == ("1000000", "")


def test_lightning_round_trip_leaves_out_what_moved_nothing():
    rows = _parse(to_csv(lightning_rows(PAYMENTS)))
    assert [r["id"] for r in rows] == [HASHES[0], HASHES[1], HASHES[4]]
    paid, received, in_flight = rows
    assert (paid["amount_sat"], paid["fee_sat"], paid["status"]) == ("1234.567", "1.001", "paid")
    assert Decimal(paid["amount_sat"]) * 1000 == 1_234_567
    assert paid["description"] == "coffee, large\n2 sugars"  # quoted, comes back whole
    assert paid["date"] == "2023-11-14T22:15:01Z"
    assert (received["direction"], received["amount_sat"], received["fee_sat"]) == (
        "in", "0.001", "")
    assert in_flight["status"] == "pending" and in_flight["amount_sat"] == "7"


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx",
                                  "=cmd|' /C calc'!A0"])
def test_a_payees_formula_stays_text(text):
    assert spreadsheet_safe(text) == "'" + text
    row = _parse(to_csv(lightning_rows([PAYMENTS[0] | {"description": text}])))[0]
    assert row["description"] == "'" + text


@pytest.mark.parametrize("text", ["coffee", "", None, "1 = 1", "naïve €"])
def test_ordinary_descriptions_are_untouched(text):
    assert spreadsheet_safe(text) == (text or "")


def test_cli_csv_options(monkeypatch, capsys):
    """`kite history --csv` and `kite payments --csv` print what the daemon answered."""
    monkeypatch.setattr(chain_commands, "_call", lambda args, method, **kw: ONCHAIN)
    monkeypatch.setattr(channel_commands, "_call", lambda args, method, **kw: PAYMENTS)
    assert main(["--network", "regtest", "history", "--csv"]) == 0
    assert [r["id"] for r in _parse(capsys.readouterr().out)] == [TXID_PENDING, TXID_OUT, TXID_IN]
    assert main(["--network", "regtest", "payments", "--csv"]) == 0
    assert len(_parse(capsys.readouterr().out)) == 3
