"""WalletApi's LSPS1 on-chain calls: `inbound_onchain_quote` prices the order's on-chain
payment (a dry run, nothing sent) and turns the wallet's coins falling short (not enough
funds, the anchor reserve) into no quote and a sentence, in process and attached (the
daemon's error comes back by its name); any other refusal stays an error;
`pay_inbound_order(onchain=True)` sends the quote's rate and fee."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from wallet.api import WalletApi
from wallet.daemon import rpc
from wallet.daemon.node_link import InProcess
from wallet.daemon.onchain_send import ReserveShort
from wallet.lsp.lsps1 import Lsps1Error
from wallet.networks import REGTEST
from wallet.onchain.coin_selection import InsufficientFunds


@pytest.mark.parametrize("refusal", [
    InsufficientFunds("not enough funds: 2500 sat plus fees needed"),
    ReserveShort("your anchor channels need 10,000 sat kept on-chain"),
    rpc.error_class("InsufficientFunds", 2)("not enough funds"),  # as attached
])
def test_a_quote_the_coins_cannot_pay_is_no_quote_and_why(tmp_path, refusal):
    calls: list[dict] = []

    async def lsp_order_pay(**params):
        calls.append(params)
        if params.get("dry_run"):
            raise refusal
        return {"order_id": params["order_id"], "paid_onchain": "ee" * 32}

    api = WalletApi(tmp_path / "w", REGTEST)
    api._node = InProcess(SimpleNamespace(handlers={"lsp_order_pay": lsp_order_pay}))
    try:
        answer = api.inbound_onchain_quote("0b0b").result(timeout=10)
        assert answer == {"order_id": "0b0b", "onchain_quote": None, "cannot_pay": str(refusal)}
        assert calls == [{"order_id": "0b0b", "onchain": True, "dry_run": True}]
        api.pay_inbound_order("0b0b", onchain=True, fee_rate=2.0, expected_fee_sat=282,
                              confirm_high_fee=True).result(timeout=10)
        assert calls[1] == {"order_id": "0b0b", "onchain": True, "fee_rate": 2.0,
                            "expected_fee_sat": 282, "confirm_high_fee": True}
    finally:
        api._node = None
        api.shutdown()


def test_another_refusal_is_an_error(tmp_path):
    async def lsp_order_pay(**params):
        raise Lsps1Error("the LSP changed the order's on-chain payment terms or address")

    api = WalletApi(tmp_path / "w", REGTEST)
    api._node = InProcess(SimpleNamespace(handlers={"lsp_order_pay": lsp_order_pay}))
    try:
        with pytest.raises(Lsps1Error, match="changed the order's on-chain payment"):
            api.inbound_onchain_quote("0b0b").result(timeout=10)
    finally:
        api._node = None
        api.shutdown()
