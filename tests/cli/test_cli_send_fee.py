"""`kite send` prices first and sends at exactly the rate priced; a high fee is refused
without --yes-high-fee when no one can be asked (stdin is not a terminal)."""

from __future__ import annotations

import asyncio
import threading

import pytest

from wallet.cli import main
from wallet.daemon.rpc import RpcServer, socket_path


class FakeDaemon:
    """A real RPC server on the wallet's socket answering `send` like NodeService does."""

    def __init__(self, folder, high_fee: str | None):
        self.calls: list[dict] = []
        self.high_fee = high_fee
        self.loop = asyncio.new_event_loop()
        self.server = RpcServer(socket_path(folder), {"send": self.send})
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        asyncio.run_coroutine_threadsafe(self.server.start(), self.loop).result(10)

    async def send(self, **params):
        self.calls.append(params)
        result = {"txid": "ab" * 32, "fee_sat": 28_200, "amount_sat": 20_000, "vsize": 141,
                  "feerate": 200.0, "high_fee": self.high_fee, "target_feerate": 200.0}
        if params.get("dry_run"):
            return result | {"broadcast": False}
        return result

    def close(self):
        asyncio.run_coroutine_threadsafe(self.server.close(), self.loop).result(10)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)


@pytest.fixture
def daemon(tmp_path, request):
    d = FakeDaemon(tmp_path, request.param)
    yield tmp_path, d
    d.close()


ADDRESS = "bcrt1qw508d6qejxtdg4y5r3zarvary0c5xw7kygt080"
HIGH = "the fee rate of 200 sat/vB is above 100 sat/vB (fee 28,200 sat)"


@pytest.mark.parametrize("daemon", [HIGH], indirect=True)
def test_a_high_fee_is_refused_without_the_flag(daemon, capsys, monkeypatch):
    folder, d = daemon
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    code = main(["--network", "regtest", "--wallet", str(folder), "send", ADDRESS, "20000"])
    assert code == 2
    assert capsys.readouterr().err.strip() == (
        f"kite: Not sent: {HIGH}; repeat with --yes-high-fee to send anyway.")
    assert [c.get("dry_run") for c in d.calls] == [True]  # priced, never sent


@pytest.mark.parametrize("daemon", [HIGH], indirect=True)
def test_the_flag_sends_at_the_rate_priced(daemon, capsys):
    folder, d = daemon
    code = main(["--network", "regtest", "--wallet", str(folder), "send", ADDRESS, "20000",
                 "--yes-high-fee"])
    assert code == 0
    assert d.calls[1] == {"address": ADDRESS, "amount": "20000", "feerate": 200.0,
                          "confirm_high_fee": True}


@pytest.mark.parametrize("daemon", [None], indirect=True)
def test_an_ordinary_fee_is_sent_at_the_rate_priced_without_asking(daemon, capsys, monkeypatch):
    folder, d = daemon
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    assert main(["--network", "regtest", "--wallet", str(folder), "send", ADDRESS, "20000"]) == 0
    assert [c.get("dry_run") for c in d.calls] == [True, None]
    assert d.calls[1]["feerate"] == 200.0 and d.calls[1]["confirm_high_fee"] is False
