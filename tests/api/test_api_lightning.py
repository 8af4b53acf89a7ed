"""The facade's Lightning calls over a real (offline) node: invoices, the payment log in the
history, channels, the Lightning balance, bad input; and the pure helpers behind them."""

from __future__ import annotations

import pytest

from wallet.api import WalletApi, lightning_balance, payment_row
from wallet.errors import InputError, KiteError
from wallet.ln.invoice import decode_invoice
from wallet.ln.shell import default_peers
from wallet.networks import MAINNET, REGTEST

PASSWORD = "pw"


@pytest.fixture
def api(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))  # no devnet state file
    a = WalletApi(tmp_path / "wallet", REGTEST)
    a.create(WalletApi.generate_mnemonic(), "", PASSWORD).result(timeout=60)
    a.open(PASSWORD).result(timeout=60)
    yield a
    a.shutdown()


def test_invoices_the_payment_log_and_history(api):
    text = api.create_invoice(1_500, "Pizza").result(timeout=30)
    invoice = decode_invoice(text)
    assert (invoice.amount_msat, invoice.description) == (1_500_000, "Pizza")
    assert invoice.payee.hex() == api.node_id
    open_amount = decode_invoice(api.create_invoice(None, "Tip").result(timeout=30))
    assert open_amount.amount_msat is None

    payments = api.payments().result(timeout=30)
    assert [p["description"] for p in payments] == ["Tip", "Pizza"]  # newest first
    assert {(p["direction"], p["status"], p["kind"]) for p in payments} == {
        ("in", "pending", "lightning")}
    assert payments[1]["payment_hash"] == invoice.payment_hash.hex()
    assert payments[1]["delta_sat"] == 1_500
    # unpaid invoices we issued are not payments yet
    assert api.history().result(timeout=30) == []
    assert api.channels().result(timeout=30) == []
    b = api.balance().result(timeout=30)
    assert (b["lightning"], b["lightning_pending"]) == (0, 0)


def test_bad_lightning_input_is_refused(api):
    with pytest.raises(InputError):
        api.create_invoice(0, "").result(timeout=30)
    with pytest.raises(InputError):
        api.open_channel("not a peer", 100_000).result(timeout=30)
    with pytest.raises(KiteError):
        api.pay_invoice("lnbcrt1garbage").result(timeout=30)
    own = api.create_invoice(1_000, "").result(timeout=30)
    with pytest.raises(KiteError):
        api.pay_invoice(own).result(timeout=30)


def test_default_trampoline(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    first = default_peers.shipped_trampolines(MAINNET)[0]
    assert default_peers.default_trampoline(MAINNET) == (
        f"{first['node_id']}@{first['host']}:{first['port']}")
    assert default_peers.default_trampoline(REGTEST) == ""  # no devnet running
    chosen = "02" + "aa" * 32 + "@127.0.0.1:9735"
    api = WalletApi(tmp_path / "w", REGTEST, trampoline=chosen)
    try:
        assert api.default_trampoline() == chosen
    finally:
        api.shutdown()


def test_lightning_balance_counts_usable_and_opening_channels():
    rows = [
        {"state": "Normal", "phase": "active", "local_msat": 600_000_999},
        {"state": "Offline/Normal", "phase": "active", "local_msat": 100_000_000},
        {"state": "WaitForFundingConfirmed", "phase": "opening", "local_msat": 200_000_000},
        {"state": "Closing", "phase": "closing", "local_msat": 50_000_000},
        {"state": "Closed", "phase": "closed", "local_msat": 0},
    ]
    assert lightning_balance(rows) == {"lightning": 700_000, "lightning_pending": 200_000}


def test_payment_row_signs_amounts_and_rounds_fees_up():
    out = payment_row({"payment_hash": "aa" * 32, "direction": "out", "status": "paid",
                       "amount_msat": 2_100_000, "fee_msat": 1_001, "preimage": "bb" * 32,
                       "created_at": 10, "updated_at": 12, "completed_at": 12})
    assert (out["delta_sat"], out["fee_sat"], out["timestamp"]) == (-2_100, 2, 12)
    incoming = payment_row({"payment_hash": "cc" * 32, "direction": "in", "status": "paid",
                            "amount_msat": 3_000_000, "fee_msat": None, "created_at": 5})
    assert (incoming["delta_sat"], incoming["fee_sat"], incoming["timestamp"]) == (3_000, None, 5)
