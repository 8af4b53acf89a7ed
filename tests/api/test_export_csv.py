"""History export as CSV: exact amounts through Python's csv module, fees only where this
wallet paid them, nothing for payments that moved no money, descriptions from other
people's invoices never run as spreadsheet formulas, and each entry's fiat value at its
time when a kept rate is near enough to that time (never today's price instead)."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

import pytest

from wallet.cli import chain_commands, channel_commands, main
from wallet.export import (
    COLUMNS,
    export_rows,
    lightning_rows,
    onchain_rows,
    sat_text,
    spreadsheet_safe,
    to_csv,
    to_json,
)
from wallet.fiat.at_time import MAX_DISTANCE, RateTimeline, msat_to_fiat, timeline_from
from wallet.fiat.rates import Rate

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
                       "label": "", "id": TXID_PENDING, "fiat_currency": "", "fiat_rate": "",
                       "fiat_rate_date": "", "fiat_value": ""}
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


# rates kept by the wallet: EUR at 1_700_000_000 (+0 s) and 1_700_003_000, none later
KEPT = [Rate("EUR", Decimal("32456.78"), 1_700_000_000, "coinbase"),
        Rate("EUR", Decimal("33000"), 1_700_003_000, "coinbase"),
        Rate("USD", Decimal("99999"), 1_700_000_050, "coinbase")]  # another currency
EUR = RateTimeline("EUR", KEPT)


def test_fiat_value_at_the_time_round_trips_exactly():
    late = PAYMENTS[0] | {"payment_hash": HASHES[5], "completed_at": 1_700_003_000
                          + MAX_DISTANCE + 1, "amount_msat": 100_000_000}
    rows = _parse(to_csv(export_rows(ONCHAIN, PAYMENTS + [late], EUR)))
    by_id = {r["id"]: r for r in rows}
    # the received 1 000 000 sat at 1_700_000_000: the rate of that very second
    received = by_id[TXID_IN]
    assert (received["fiat_currency"], received["fiat_rate"]) == ("EUR", "32456.78")
    assert received["fiat_rate_date"] == "2023-11-14T22:13:20Z"
    assert received["fiat_value"] == "324.57"  # 0.01 BTC * 32456.78 = 324.5678, half up
    assert Decimal(received["fiat_value"]) == (
        Decimal(received["amount_sat"]) * Decimal(received["fiat_rate"]) / 10**8
    ).quantize(Decimal("0.01"), rounding="ROUND_HALF_UP")
    # 1234.567 sat, exact in msat, at 1_700_000_101: the nearest rate (101 s before)
    paid = by_id[HASHES[0]]
    assert paid["amount_sat"] == "1234.567" and paid["fiat_value"] == "0.40"
    assert msat_to_fiat(1_234_567, KEPT[0]) == Decimal("0.40")
    # the on-chain send at 1_700_000_600 is nearer the first rate than the second
    assert by_id[TXID_OUT]["fiat_rate"] == "32456.78"
    # no rate within an hour: unknown, left empty (never filled from another time)
    assert by_id[HASHES[5]]["fiat_value"] == "" and by_id[HASHES[5]]["fiat_currency"] == ""
    # unconfirmed: no date yet, so no value at its time either
    assert by_id[TXID_PENDING]["fiat_value"] == ""
    # the JSON carries the same columns, the value as exact decimal text
    assert {r["id"]: r["fiat_value"] for r in json.loads(to_json(export_rows(
        ONCHAIN, PAYMENTS, EUR)))}[TXID_IN] == "324.57"


def test_nearest_rate_and_its_limit():
    assert EUR.at(1_700_001_499).price == Decimal("32456.78")
    assert EUR.at(1_700_001_501).price == Decimal("33000")
    assert EUR.at(1_700_000_000 - MAX_DISTANCE).fetched_at == 1_700_000_000
    assert EUR.at(1_700_000_000 - MAX_DISTANCE - 1) is None
    assert RateTimeline("EUR", []).at(1_700_000_000) is None
    assert RateTimeline("JPY", KEPT).at(1_700_000_000) is None  # only its own currency


def test_a_lying_or_broken_rate_answer_values_nothing_wrongly():
    assert timeline_from(None) is None and timeline_from({"currency": None, "rates": []}) is None
    assert timeline_from({"currency": "XXX", "rates": []}) is None
    broken = timeline_from({"currency": "EUR", "rates": [
        {"currency": "EUR", "price": "NaN", "fetched_at": 1_700_000_000},
        {"currency": "EUR", "price": "-5", "fetched_at": 1_700_000_000},
        {"currency": "EUR", "price": "abc", "fetched_at": 1_700_000_000},
        {"currency": "EUR", "fetched_at": 1_700_000_000},
        {"currency": "USD", "price": "1", "fetched_at": 1_700_000_000},
        "not a row"]})
    assert broken is not None and broken.at(1_700_000_000) is None


def _daemon(rates):
    def call(args, method, **kw):
        return {"history": ONCHAIN, "payments": PAYMENTS, "fiat_rates": rates}[method]
    return call


def test_cli_csv_options(monkeypatch, capsys):
    """`kite history --csv` and `kite payments --csv` print what the daemon answered, with
    the fiat value at each entry's time from the rates it kept."""
    rates = {"currency": "EUR", "rates": [r.to_dict() for r in KEPT[:2]]}
    monkeypatch.setattr(chain_commands, "_call", _daemon(rates))
    monkeypatch.setattr(channel_commands, "_call", _daemon(rates))
    assert main(["--network", "regtest", "history", "--csv"]) == 0
    rows = _parse(capsys.readouterr().out)
    assert [r["id"] for r in rows] == [TXID_PENDING, TXID_OUT, TXID_IN]
    assert rows[2]["fiat_value"] == "324.57" and rows[2]["fiat_currency"] == "EUR"
    assert main(["--network", "regtest", "payments", "--csv"]) == 0
    rows = _parse(capsys.readouterr().out)
    assert len(rows) == 3 and rows[0]["fiat_value"] == "0.40"
    # a wallet that never kept a rate: the columns are there, empty
    monkeypatch.setattr(chain_commands, "_call", _daemon({"currency": None, "rates": []}))
    assert main(["--network", "regtest", "history", "--csv"]) == 0
    assert {r["fiat_value"] for r in _parse(capsys.readouterr().out)} == {""}
