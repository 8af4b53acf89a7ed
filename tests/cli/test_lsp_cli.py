"""`kite invoice` says when a JIT channel is used (the fee, what arrives) on stderr, keeps
the invoice alone on stdout; `kite daemon --lsp` refuses a bad fee before starting."""

from __future__ import annotations

import argparse

import pytest

from wallet.cli import common, lsp_commands
from wallet.errors import InputError
from wallet.lsp.lsps2 import offers_from_text


def run_invoice(monkeypatch, capsys, reply: dict, **flags) -> tuple[str, str, dict]:
    seen: dict = {}

    def request(path, method, params):
        seen.update(method=method, params=params)
        return reply
    monkeypatch.setattr(common.rpc, "request", request)
    monkeypatch.setattr(common, "wallet_dir", lambda args: "/nonexistent")
    args = argparse.Namespace(amount_sat=50_000, description="x", expiry=3600,
                              no_lsp=False, max_lsp_fee=None, json=False)
    for k, v in flags.items():
        setattr(args, k, v)
    assert lsp_commands.cmd_invoice(args) == 0
    out, err = capsys.readouterr()
    return out, err, seen


def test_jit_invoice_says_the_fee(monkeypatch, capsys) -> None:
    reply = {"invoice": "lnbcrt1...", "amount_msat": 50_000_000, "amount_sat": 50_000,
             "jit_channel": {"lsp": "02" + "ab" * 32, "opening_fee_msat": 2_000_500,
                             "you_receive_msat": 47_999_500,
                             "fee_rule": {"min_fee_msat": 2_000_000, "proportional_ppm": 5000}}}
    out, err, seen = run_invoice(monkeypatch, capsys, reply, max_lsp_fee=3000)
    assert out == "lnbcrt1...\n"
    assert "the payer pays 50,000 sat, you receive 47,999.5 sat (opening fee 2,000.5 sat)" in err
    assert seen["params"]["max_lsp_fee_sat"] == 3000 and "no_lsp" not in seen["params"]


def test_warning_and_no_lsp(monkeypatch, capsys) -> None:
    reply = {"invoice": "lnbcrt1...", "amount_msat": 1, "warning": "the channels can receive 0 sat"}
    out, err, seen = run_invoice(monkeypatch, capsys, reply, no_lsp=True)
    assert out == "lnbcrt1...\n" and err == "Warning: the channels can receive 0 sat.\n"
    assert seen["params"]["no_lsp"] is True


@pytest.mark.parametrize("value", ["abc", "1,2,3", "5,1000001"])
def test_daemon_lsp_value_checked(value) -> None:
    with pytest.raises(InputError):
        offers_from_text(value)


def test_lsp_info_lines(monkeypatch, capsys) -> None:
    reply = {"lsp": "02ab@127.0.0.1:9735", "protocols": [2], "serving": [],
             "offers": [{"min_fee_msat": 2_000_000, "proportional_ppm": 5000,
                         "valid_until": "2026-12-06T23:00:00.000Z",
                         "min_payment_msat": 10_000_000, "max_payment_msat": 100_000_000_000,
                         "min_lifetime_blocks": 1008, "max_client_to_self_delay": 2016}]}
    monkeypatch.setattr(common.rpc, "request", lambda path, method, params: reply)
    monkeypatch.setattr(common, "wallet_dir", lambda args: "/nonexistent")
    assert lsp_commands.cmd_info(argparse.Namespace(json=False)) == 0
    out = capsys.readouterr().out
    assert "protocols: LSPS2" in out
    assert ("JIT channel: 0.5% of the payment, at least 2,000 sat; payments 10,000 sat to "
            "100,000,000 sat; offer valid until 2026-12-06T23:00:00.000Z") in out


ORDER = {"order_id": "0b0b", "lsp": "02" + "ab" * 32, "state": "CREATED",
         "lsp_balance_sat": 100_000, "channel_expiry_blocks": 13_140, "fee_sat": 2_000,
         "total_sat": 2_000, "payment_state": "EXPECT_PAYMENT", "invoice": "lnbcrt1...",
         "expires_at": "2026-12-07T06:00:00.000Z", "channel": None}
DONE = ORDER | {"state": "COMPLETED", "payment_state": "PAID",
                "channel": {"funding_outpoint": "ab" * 32 + ":0"}}


def run_buy(monkeypatch, capsys, answer: str | None, **flags) -> tuple[int, str, list]:
    calls: list = []

    def request(path, method, params):
        calls.append((method, params))
        return ORDER if method == "lsp_buy" else DONE
    monkeypatch.setattr(common.rpc, "request", request)
    monkeypatch.setattr(common, "wallet_dir", lambda args: "/nonexistent")
    if answer is not None:
        monkeypatch.setattr("builtins.input", lambda prompt: answer)
    args = argparse.Namespace(amount_sat=100_000, yes=False, max_fee=None, json=False,
                              onchain=False, fee_rate=None)
    for k, v in flags.items():
        setattr(args, k, v)
    code = lsp_commands.cmd_buy_inbound(args)
    return code, capsys.readouterr().out, calls


def test_buy_inbound_shows_the_fee_and_pays_only_when_confirmed(monkeypatch, capsys) -> None:
    code, out, calls = run_buy(monkeypatch, capsys, "n")
    assert code == 1 and "a fee of 2,000 sat" in out and "100,000 sat" in out
    assert [m for m, _ in calls] == ["lsp_buy"]  # nothing paid
    code, out, calls = run_buy(monkeypatch, capsys, "y", max_fee=3000)
    assert code == 0 and [m for m, _ in calls] == ["lsp_buy", "lsp_order_pay"]
    assert calls[0][1] == {"amount_sat": 100_000, "max_fee_sat": 3000}
    assert "Order 0b0b: COMPLETED, payment PAID; channel " + "ab" * 32 + ":0" in out
    code, out, calls = run_buy(monkeypatch, capsys, None, yes=True)
    assert code == 0 and [m for m, _ in calls] == ["lsp_buy", "lsp_order_pay"]
    code, out, calls = run_buy(monkeypatch, capsys, None, json=True)
    assert code == 2 and calls == []  # refused before an order is made


def test_buy_inbound_says_when_the_channel_is_not_there(monkeypatch, capsys) -> None:
    lying = DONE | {"delivered": False,
                    "warning": "the LSP says it opened a channel this wallet does not have"}
    monkeypatch.setattr(common.rpc, "request",
                        lambda path, method, params: ORDER if method == "lsp_buy" else lying)
    monkeypatch.setattr(common, "wallet_dir", lambda args: "/nonexistent")
    args = argparse.Namespace(amount_sat=100_000, yes=True, max_fee=None, json=False)
    assert lsp_commands.cmd_buy_inbound(args) == 1
    err = capsys.readouterr().err
    assert err == "Warning: the LSP says it opened a channel this wallet does not have.\n"


def test_lsp_info_says_channels_in_advance(monkeypatch, capsys) -> None:
    reply = {"lsp": "02ab@127.0.0.1:9735", "protocols": [1, 2], "serving": [], "offers": [],
             "channels_in_advance": {"min_sat": 20_000, "max_sat": 5_000_000,
                                     "max_lease_blocks": 13_140, "min_confirmations": 1}}
    monkeypatch.setattr(common.rpc, "request", lambda path, method, params: reply)
    monkeypatch.setattr(common, "wallet_dir", lambda args: "/nonexistent")
    assert lsp_commands.cmd_info(argparse.Namespace(json=False)) == 0
    out = capsys.readouterr().out
    assert "protocols: LSPS1, LSPS2" in out
    assert ("Channels in advance (kite lsp buy-inbound): 20,000 to 5,000,000 sat, leased up "
            "to 13,140 blocks") in out


ONCHAIN = {"state": "EXPECT_PAYMENT", "fee_sat": 2_000, "total_sat": 2_000,
           "address": "bcrt1qw508d6qejxtdg4y5r3zarvary0c5xw7kygt080", "confirmations": 2,
           "expires_at": "2026-12-07T06:00:00.000Z", "refund_address": "bcrt1qrefund"}
QUOTE = {"address": ONCHAIN["address"], "order_total_sat": 2_000, "network_fee_sat": 141,
         "total_sat": 2_141, "feerate": 1.0, "target_feerate": 1.0, "high_fee": None,
         "confirmations": 2}


def run_onchain(monkeypatch, capsys, answer: str | None, order: dict | None = None,
                quote: dict | None = None, **flags) -> tuple[int, str, str, list]:
    calls: list = []
    order = ORDER | {"onchain": ONCHAIN, "pay_with": ["lightning", "onchain"]} \
        if order is None else order

    def request(path, method, params):
        calls.append((method, params))
        if method == "lsp_buy":
            return order
        if params.get("dry_run"):
            return order | {"onchain_quote": quote or QUOTE}
        return order | {"paid_onchain": "ee" * 32, "onchain_payment": {
            "txid": "ee" * 32, "confirmations": 0}, "pay_with": []}
    monkeypatch.setattr(common.rpc, "request", request)
    monkeypatch.setattr(common, "wallet_dir", lambda args: "/nonexistent")
    if answer is not None:
        monkeypatch.setattr("builtins.input", lambda prompt: answer)
    args = argparse.Namespace(amount_sat=100_000, yes=False, max_fee=None, json=False,
                              onchain=True, fee_rate=None)
    for k, v in flags.items():
        setattr(args, k, v)
    code = lsp_commands.cmd_buy_inbound(args)
    out, err = capsys.readouterr()
    return code, out, err, calls


def test_buy_inbound_onchain_shows_total_and_network_fee_then_pays_that(monkeypatch,
                                                                        capsys) -> None:
    code, out, _, calls = run_onchain(monkeypatch, capsys, "n", fee_rate=1.0)
    assert code == 1 and [m for m, _ in calls] == ["lsp_buy", "lsp_order_pay"]
    assert calls[1][1] == {"order_id": "0b0b", "onchain": True, "dry_run": True,
                           "fee_rate": 1.0}  # priced only
    assert ("for a fee of 2,000 sat paid on-chain: 2,000 sat to "
            "bcrt1qw508d6qejxtdg4y5r3zarvary0c5xw7kygt080 plus a network fee of 141 sat "
            "(1 sat/vB), 2,141 sat in all. The channel opens after 2 confirmations of the "
            "payment.") in out
    code, out, _, calls = run_onchain(monkeypatch, capsys, "y")
    assert code == 0 and calls[2] == ("lsp_order_pay", {
        "order_id": "0b0b", "onchain": True, "fee_rate": 1.0, "expected_fee_sat": 141,
        "confirm_high_fee": True})
    assert f"Paid on-chain: transaction {'ee' * 32} sends 2,000 sat to " in out
    assert "The LSP opens the channel after 2 confirmations of the payment" in out
    # --yes: paid without asking, but a high fee is not confirmed by it
    code, out, _, calls = run_onchain(monkeypatch, capsys, None, yes=True)
    assert code == 0 and calls[2][1]["confirm_high_fee"] is False
    code, out, _, calls = run_onchain(monkeypatch, capsys, "n",
                                      quote=QUOTE | {"high_fee": "the fee is high"})
    assert "Note: the fee is high." in out and len(calls) == 2


def test_buy_inbound_onchain_refused_when_not_offered(monkeypatch, capsys) -> None:
    order = ORDER | {"onchain": None, "pay_with": ["lightning"]}
    code, _, err, calls = run_onchain(monkeypatch, capsys, "y", order=order)
    assert code == 1 and [m for m, _ in calls] == ["lsp_buy"]
    assert "offers no on-chain payment" in err
    code, _, err, calls = run_onchain(monkeypatch, capsys, "y", onchain=False, fee_rate=2.0)
    assert code == 2 and calls == []


def _order_output(monkeypatch, capsys, reply: dict) -> tuple[int, str, str]:
    monkeypatch.setattr(common.rpc, "request", lambda path, method, params: reply)
    monkeypatch.setattr(common, "wallet_dir", lambda args: "/nonexistent")
    code = lsp_commands.cmd_order(argparse.Namespace(order_id="0b0b", json=False))
    out, err = capsys.readouterr()
    return code, out, err


def test_lsp_order_shows_the_onchain_payment_and_a_refund(monkeypatch, capsys) -> None:
    paid = ORDER | {"onchain": ONCHAIN | {"state": "PAID"}, "pay_with": [],
                    "onchain_payment": {"txid": "ee" * 32, "confirmations": 1}}
    code, out, _ = _order_output(monkeypatch, capsys, paid)
    assert code == 0
    assert "Order 0b0b: CREATED, payment EXPECT_PAYMENT, on-chain payment PAID" in out
    assert f"Paid on-chain: transaction {'ee' * 32}, 1 confirmation, the LSP waits for 2" in out
    refunded = paid | {"state": "FAILED", "payment_state": "CANCELLED",
                       "onchain": ONCHAIN | {"state": "REFUNDED"}}
    code, out, _ = _order_output(monkeypatch, capsys, refunded)
    assert "Order 0b0b: FAILED, payment CANCELLED, on-chain payment REFUNDED" in out
    assert ("The LSP refunded the on-chain payment to bcrt1qrefund (an address of this "
            "wallet: the refund shows in the on-chain balance).") in out
    owed = paid | {"state": "FAILED", "payment_state": "CANCELLED"}
    code, out, _ = _order_output(monkeypatch, capsys, owed)
    assert "The order FAILED: the LSP must refund the on-chain payment to bcrt1qrefund." in out
    open_order = ORDER | {"onchain": ONCHAIN, "pay_with": ["lightning", "onchain"]}
    code, out, _ = _order_output(monkeypatch, capsys, open_order)
    assert "It can be paid over Lightning or on-chain." in out
    only = open_order | {"fee_sat": None, "total_sat": None, "payment_state": None,
                         "invoice": None, "pay_with": ["onchain"]}
    code, out, _ = _order_output(monkeypatch, capsys, only)
    assert "Order 0b0b: CREATED, on-chain payment EXPECT_PAYMENT" in out
    assert "100,000 sat of inbound capacity for 2,000 sat" in out
