"""WalletApi.receive_offer asks the node's `offer_create` (as `kite offer create` does) to
reuse the wallet's any-amount offer: one offer for every visit to Receive."""

from __future__ import annotations

from types import SimpleNamespace

from wallet.api import WalletApi
from wallet.networks import REGTEST


def test_receive_offer_asks_offer_create_to_reuse(tmp_path):
    calls: list[dict] = []

    async def offer_create(**params):
        calls.append(params)
        return {"offer": "lno1…", "reusable": True, "reused": len(calls) > 1}

    api = WalletApi(tmp_path / "w", REGTEST)
    api._service = SimpleNamespace(handlers={"offer_create": offer_create})
    try:
        assert not api.receive_offer().result(timeout=10)["reused"]
        assert api.receive_offer().result(timeout=10)["reused"]
        assert calls == [{"reuse": True}, {"reuse": True}]
    finally:
        api._service = None
        api.shutdown()
