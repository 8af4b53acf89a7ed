"""The GUI facade over a real node on the devnet: thread-safe futures and events."""

from __future__ import annotations

import threading
import time

import pytest

from wallet.api import Event, NodeNotRunning, WalletApi
from wallet.networks import REGTEST

pytestmark = pytest.mark.slow


def wait_for(predicate, what, timeout=60.0):
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


def test_facade_open_receive_send(shared_devnet, tmp_path, monkeypatch):
    monkeypatch.setenv("KITE_INSECURE_FAST_KDF", "1")
    host, port = shared_devnet.electrum_address
    api = WalletApi(tmp_path / "w", REGTEST, server=f"{host}:{port}:t")
    events: list[Event] = []
    threads: set[str] = set()

    def on_event(e: Event) -> None:
        events.append(e)
        threads.add(threading.current_thread().name)

    api.subscribe(on_event)
    try:
        with pytest.raises(NodeNotRunning):
            api.balance().result(5)
        api.create(WalletApi.generate_mnemonic(), "", "pw").result(30)
        assert api.wallet_exists()
        api.open("pw").result(30)
        assert api.node_id and len(api.node_id) == 66
        wait_for(lambda: any(e.kind == "sync" and e.data["connected"] for e in events), "sync")
        address = api.receive_address().result(10)
        shared_devnet.fund(address, 250_000)
        shared_devnet.mine(1)
        wait_for(lambda: api.balance().result(5)["confirmed"] == 250_000, "funds")
        assert any(e.kind == "balance" and e.data["confirmed"] == 250_000 for e in events)
        quote = api.fee_quote(shared_devnet.miner_address, 100_000, 2).result(30)
        assert quote["fee_sat"] > 0 and quote["amount_sat"] == 100_000
        txid = api.send_onchain(shared_devnet.miner_address, 100_000, 2).result(30)
        wait_for(lambda: any(h["txid"] == txid for h in api.history().result(5)), "history")
        row = next(h for h in api.history().result(5) if h["txid"] == txid)
        assert row["delta_sat"] == -(100_000 + quote["fee_sat"]) and row["kind"] == "onchain"
        assert threads == {"kite-node"}  # events come from the node thread only
    finally:
        api.shutdown()
