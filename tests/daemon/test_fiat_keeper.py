"""The node fetches and keeps exchange rates itself (`daemon/fiat_keeper.py`): a daemon
with no window keeps the rates of the currency set in the wallet, from the devnet's rate
endpoint, so its export carries fiat values; the setting is checked, kept in the wallet,
and a source that is down or lying never stops the node."""

from __future__ import annotations

import asyncio
import csv
import io
import os
import subprocess
import sys
import time
from types import SimpleNamespace

import pytest

from tests.api.test_labels import folder  # noqa: F401 (the regtest wallet fixture)
from tests.chain.test_lying_servers import World
from tests.conftest import ROOT
from tests.devnet.test_shop_lnurl import FakeShopDaemon
from tests.support.electrum_double import FakeElectrumServer
from tests.support.electrum_thread import ElectrumThread
from wallet.api import WalletApi
from wallet.cli import fiat_commands, main
from wallet.daemon import fiat_keeper, rpc
from wallet.daemon.node_config import NodeConfig
from wallet.daemon.service import NodeService
from wallet.devnet.shop_lnurl import ShopLnurl
from wallet.errors import InputError
from wallet.export import export_text
from wallet.fiat import rate_service
from wallet.fiat.at_time import timeline_from
from wallet.keys.bip39 import generate_mnemonic
from wallet.networks import REGTEST
from wallet.storage.fiat_setting import FiatSetting
from wallet.storage.wallet_file import create_wallet, open_wallet


async def _daemon(wallet_folder, rate_url, steps):
    """A node as `kite daemon` runs it (no window, no subscriber), with a fake server."""
    wallet = open_wallet(wallet_folder, "pw", network=REGTEST)
    world = World(wallet.keys)
    server = FakeElectrumServer(world.handlers())
    await server.start()
    svc = NodeService(wallet, NodeConfig(server=f"127.0.0.1:{server.port}:t",
                                         holder="kite daemon", rate_url=rate_url))
    svc.start()
    try:
        await svc.chain.wait_synced(20)
        return await steps(svc, world)
    finally:
        await svc.close()
        await server.stop()
        wallet.close()


async def _until(check, seconds=15.0):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if value := await check():
            return value
        await asyncio.sleep(0.05)
    raise AssertionError("not within the time allowed")


def test_a_daemon_alone_keeps_rates_and_its_export_has_fiat_values(folder, monkeypatch):  # noqa: F811
    shop = ShopLnurl(FakeShopDaemon()).start()  # serves 60,000.00 EUR per BTC
    # the rates are stamped at the funding's block time, so the export finds one for it
    # (the clock of the rate service only; everything else keeps the real time)
    block_time = 1296688602
    monkeypatch.setattr(rate_service, "time", SimpleNamespace(
        time=lambda: block_time + 60, monotonic=time.monotonic))

    async def steps(svc, world):
        setting, rates = svc.handlers["fiat_setting"], svc.handlers["fiat_rates"]
        first = await setting()
        assert (first["currency"], first["sources"]["devnet"]) == ("", "Devnet rates")
        await asyncio.sleep(0.3)
        assert (await rates())["rates"] == []  # no currency set: nothing is fetched
        # a bad setting is one sentence, and the setting is unchanged
        with pytest.raises(InputError, match="does not know the currency"):
            await setting(currency="XYZ", source="devnet")
        with pytest.raises(InputError, match="does not know the rate source"):
            await setting(currency="EUR", source="nowhere")
        assert (await setting())["currency"] == ""
        chosen = await setting(currency="eur", source="devnet")
        assert (chosen["currency"], chosen["source"]) == ("EUR", "devnet")
        kept = await _until(lambda: _kept(rates))
        assert [(r["currency"], r["price"], r["source"]) for r in kept] == [
            ("EUR", "60000.00", "devnet")]
        shown = await svc.handlers["fiat_rate"](currency="EUR", source="devnet")
        assert (shown["price"], shown["error"]) == ("60000.00", "")
        return (await svc.handlers["history"](), await svc.handlers["payments"](),
                await rates())

    try:
        history, payments, kept = asyncio.run(_daemon(folder, shop.lnurls.base, steps))
    finally:
        shop.stop()
    rows = list(csv.DictReader(io.StringIO(
        export_text(history, payments, "csv", timeline_from(kept)))))
    assert [(r["amount_sat"], r["fiat_currency"], r["fiat_rate"], r["fiat_value"])
            for r in rows] == [("70000", "EUR", "60000.00", "42.00")]
    # the setting is the wallet's: the next node (window or daemon) reads it
    wallet = open_wallet(folder, "pw", network=REGTEST)
    try:
        assert FiatSetting(wallet.db).get() == ("EUR", "devnet")
    finally:
        wallet.close()


async def _kept(rates):
    return (await rates())["rates"]


def test_a_source_down_or_lying_never_stops_the_node(folder, monkeypatch):  # noqa: F811
    monkeypatch.setattr(fiat_keeper, "KEEP_EVERY", 0.05)
    monkeypatch.setattr(rate_service, "REFRESH_AFTER", 0.0)
    lying = ShopLnurl(FakeShopDaemon()).start()

    async def steps(svc, world):
        await svc.handlers["fiat_setting"](currency="EUR", source="devnet")
        await _until(lambda: _kept(svc.handlers["fiat_rates"]))
        lying.stop()  # down: the node goes on, the last rate is shown with the reason
        shown = await _until(lambda: _error_of(svc))
        assert shown["price"] == "60000.00" and "could not be reached" in shown["error"]
        assert svc.fiat._task is not None and not svc.fiat._task.done()
        # the node still answers its other commands at once
        assert (await svc.handlers["balance"]())["confirmed"] == 70_000
        return len((await svc.handlers["fiat_rates"]())["rates"])

    try:
        assert asyncio.run(_daemon(folder, lying.lnurls.base, steps)) == 1
    finally:
        lying.stop()


async def _error_of(svc):
    shown = await svc.handlers["fiat_rate"](currency="EUR", source="devnet")
    return shown if shown["error"] else None


def test_an_unreadable_setting_reads_as_none(folder):  # noqa: F811
    wallet = open_wallet(folder, "pw", network=REGTEST)
    try:
        setting = FiatSetting(wallet.db)
        assert setting.get() == ("", "coinbase")
        for junk in ("not json", "[1]", '{"currency": "XYZ", "source": 5}',
                     '{"currency": "EUR", "source": "' + "s" * 41 + '"}'):
            with wallet.db.transaction():
                wallet.db.execute("INSERT OR REPLACE INTO wallet_meta (key, value) "
                                  "VALUES ('fiat_setting', ?)", (junk,))
            currency, source = setting.get()
            assert currency in ("", "EUR") and source in ("coinbase",)
        setting.put("USD", "coingecko")
        assert setting.get() == ("USD", "coingecko")
    finally:
        wallet.close()


def test_kite_fiat_asks_the_daemon(monkeypatch, capsys):
    asked = []

    def call(_args, method, **params):
        asked.append((method, params))
        return {"currency": "EUR", "source": "coinbase",
                "sources": {"coinbase": "Coinbase", "coingecko": "CoinGecko"}}

    monkeypatch.setattr(fiat_commands, "_call", call)
    assert main(["fiat", "eur", "--source", "coinbase"]) == 0
    assert main(["fiat"]) == 0
    assert asked == [("fiat_setting", {"currency": "eur", "source": "coinbase"}),
                     ("fiat_setting", {})]
    assert "currency: EUR, source: coinbase" in capsys.readouterr().out


def test_a_real_daemon_process_set_from_the_cli_keeps_rates_an_attached_window_shows(
        tmp_path, monkeypatch):
    """`kite daemon --rate-url` (a process), `kite fiat EUR --source devnet` (the CLI):
    the daemon fetches and keeps the rate with no window; a window attached later is
    answered from the daemon's rates (it knows no rate server itself), and its own choice
    goes to the daemon."""

    monkeypatch.setenv("KITE_INSECURE_FAST_KDF", "1")
    electrum = ElectrumThread().start()
    shop = ShopLnurl(FakeShopDaemon()).start()
    wallet_dir = tmp_path / "w"
    create_wallet(wallet_dir, REGTEST, generate_mnemonic(12), "", "pw")
    env = dict(os.environ, KITE_PASSWORD="pw", PYTHONPATH=str(ROOT),
               XDG_DATA_HOME=str(tmp_path / "xdg"))
    kite = [sys.executable, "-m", "wallet", "--network", "regtest", "--wallet", str(wallet_dir)]
    proc = subprocess.Popen(
        [*kite, "daemon", "--server", electrum.address, "--rate-url", shop.lnurls.base,
         "--log-level", "WARNING"],
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
        text=True)
    api = None
    try:
        assert proc.stdout.readline().strip() == "daemon ready"
        sock = rpc.socket_path(wallet_dir)
        assert rpc.call(sock, "fiat_rates", 10)["rates"] == []
        said = subprocess.run([*kite, "fiat", "EUR", "--source", "devnet"], env=env,
                              capture_output=True, text=True, timeout=60)
        assert said.returncode == 0 and "currency: EUR, source: devnet" in said.stdout
        end = time.monotonic() + 20
        while not rpc.call(sock, "fiat_rates", 10)["rates"] and time.monotonic() < end:
            time.sleep(0.1)
        [kept] = rpc.call(sock, "fiat_rates", 10)["rates"]
        assert (kept["currency"], kept["price"], kept["source"]) == ("EUR", "60000.00", "devnet")

        api = WalletApi(wallet_dir, REGTEST)  # no rate_url: the window knows no devnet rates
        api.open("pw").result(30)
        assert api.attached
        shown = api.fiat_rate("EUR", "devnet").result(20)
        assert (shown["price"], shown["error"]) == ("60000.00", "")
        api.fiat_choose("USD", "devnet").result(20)
        assert rpc.call(sock, "fiat_setting", 10)["currency"] == "USD"
        with pytest.raises(InputError, match="does not know the currency"):
            api.fiat_choose("XYZ", "devnet").result(20)
    finally:
        if api is not None:
            api.shutdown()
        if proc.poll() is None:
            proc.terminate()
            proc.wait(20)
        shop.stop()
        electrum.stop()
