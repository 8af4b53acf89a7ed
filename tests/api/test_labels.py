"""Notes on transactions and payments through the real node service: stored in the wallet
file, refused for ids the wallet does not have, shown in history and payments, exported in
CSV and JSON, and set from the CLI (`kite label`)."""

from __future__ import annotations

import asyncio
import csv
import io
import json
from decimal import Decimal

import pytest

from tests.chain.test_lying_servers import World, regtest_anchor
from tests.support.electrum_double import FakeElectrumServer
from wallet.chain.header_store import HeaderStore
from wallet.cli import label_commands, main
from wallet.daemon.node_config import NodeConfig
from wallet.daemon.service import NodeService
from wallet.errors import InputError
from wallet.export import COLUMNS, export_text
from wallet.fiat.at_time import timeline_from
from wallet.fiat.rates import Rate
from wallet.keys.bip39 import generate_mnemonic
from wallet.networks import REGTEST
from wallet.storage.label_store import LabelStore
from wallet.storage.wallet_file import create_wallet, open_wallet


@pytest.fixture
def folder(tmp_path, monkeypatch):
    """A regtest wallet whose first address received 70,000 sat (one fake server)."""
    monkeypatch.setenv("KITE_INSECURE_FAST_KDF", "1")
    folder = tmp_path / "w"
    create_wallet(folder, REGTEST, generate_mnemonic(12), "", "pw")
    (folder / "headers").mkdir()
    HeaderStore(folder / "headers" / "regtest.headers", "regtest", anchor=regtest_anchor()).close()
    return folder


async def _with_service(folder, steps):
    wallet = open_wallet(folder, "pw", network=REGTEST)
    world = World(wallet.keys)
    server = FakeElectrumServer(world.handlers())
    await server.start()
    svc = NodeService(wallet, NodeConfig(server=f"127.0.0.1:{server.port}:t"))
    svc.start()
    try:
        await svc.chain.wait_synced(20)
        return await steps(svc, world)
    finally:
        await svc.close()
        await server.stop()
        wallet.close()


def test_notes_are_stored_shown_and_exported(folder):
    async def steps(svc, world):
        label = svc.handlers["label"]
        await svc.handlers["invoice"](amount_sat=1234, description="=1+1 lunch")
        payment_hash = (await svc.handlers["payments"]())[0]["payment_hash"]
        assert await label(ref=world.txid.upper(), text=" salary ") == {
            "ref": world.txid, "kind": "onchain", "note": "salary"}
        assert (await label(ref=payment_hash, text="=cmd|calc"))["kind"] == "lightning"
        history = await svc.handlers["history"]()
        payments = await svc.handlers["payments"]()
        # a typo'd id, a bad note: refused with a sentence, nothing stored
        with pytest.raises(InputError, match="no transaction or payment"):
            await label(ref="00" * 32, text="lost")
        with pytest.raises(InputError, match="one line"):
            await label(ref=world.txid, text="two\nlines")
        return world.txid, payment_hash, history, payments

    txid, payment_hash, history, payments = asyncio.run(_with_service(folder, steps))
    assert [(h["txid"], h["note"]) for h in history] == [(txid, "salary")]
    assert payments[0]["note"] == "=cmd|calc"
    assert _notes_after_reopen(folder) == ({txid: "salary"}, {payment_hash: "=cmd|calc"})

    # the pending invoice moved no money: only the on-chain row is exported, with its note
    rows = list(csv.DictReader(io.StringIO(export_text(history, payments, "csv"), newline="")))
    assert [(r["id"], r["label"], r["amount_sat"]) for r in rows] == [
        (txid, "salary", "70000")]
    paid = [p | {"status": "paid", "completed_at": 1_700_000_000} for p in payments]
    rows = list(csv.DictReader(io.StringIO(export_text(history, paid, "csv"), newline="")))
    lightning = next(r for r in rows if r["kind"] == "lightning")
    assert (lightning["label"], lightning["description"]) == ("'=cmd|calc", "'=1+1 lunch")
    as_json = json.loads(export_text(history, paid, "json"))
    assert [tuple(r) for r in as_json] == [COLUMNS] * 2
    assert next(r for r in as_json if r["kind"] == "lightning")["label"] == "=cmd|calc"


def _notes_after_reopen(folder):
    wallet = open_wallet(folder, "pw", network=REGTEST)
    try:
        store = LabelStore(wallet.db)
        return store.all("tx"), store.all("payment")
    finally:
        wallet.close()


def test_cli_label_and_export(monkeypatch, capsys, tmp_path):
    """`kite label` sends what was typed; `kite export` writes both kinds, newest first."""
    calls = []
    history = [{"txid": "aa" * 32, "height": 5, "confirmations": 2, "delta_sat": 70_000,
                "fee_sat": None, "timestamp": 1_700_000_000, "note": "salary"}]
    payments = [{"payment_hash": "bb" * 32, "direction": "out", "status": "paid",
                 "amount_msat": 1_234_567, "fee_msat": 1_001, "description": "coffee",
                 "created_at": 1_700_000_100, "completed_at": 1_700_000_101, "note": ""}]

    def call(args, method, **params):
        calls.append((method, params))
        if method == "label":
            return {"ref": params["ref"], "kind": "onchain", "note": params["text"]}
        rates = {"currency": "EUR", "rates": [
            {"currency": "EUR", "price": "30000", "fetched_at": 1_700_000_000}]}
        return {"history": history, "payments": payments, "fiat_rates": rates}[method]

    monkeypatch.setattr(label_commands, "_call", call)
    assert main(["--network", "regtest", "label", "aa" * 32, "rent, May"]) == 0
    assert calls[-1] == ("label", {"ref": "aa" * 32, "text": "rent, May"})
    assert "rent, May" in capsys.readouterr().out
    assert main(["--network", "regtest", "export"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out, newline="")))
    assert [(r["kind"], r["amount_sat"], r["fee_sat"], r["label"]) for r in rows] == [
        ("lightning", "1234.567", "1.001", ""), ("onchain", "70000", "", "salary")]
    assert [r["fiat_value"] for r in rows] == ["0.37", "21.00"]  # at 30 000 EUR per BTC
    out = tmp_path / "h.json"
    assert main(["--network", "regtest", "export", "--format", "json", "--output", str(out)]) == 0
    assert [r["id"] for r in json.loads(out.read_text())] == ["bb" * 32, "aa" * 32]
    assert main(["--network", "regtest", "export", "--output", str(tmp_path / "no" / "x")]) == 2
    assert "cannot write" in capsys.readouterr().err


def test_kite_label_and_export_over_the_daemon_socket(folder, capsys):
    """The real CLI over the real RPC socket to the real node service: a note set by
    `kite label` comes back in `kite export` (CSV and JSON); a bad one is one sentence."""
    from wallet.daemon.rpc import RpcServer, socket_path

    def kite(*args: str) -> tuple[int, str, str]:
        code = main(["--network", "regtest", "--wallet", str(folder), *args])
        out = capsys.readouterr()
        return code, out.out, out.err

    async def steps(svc, world):
        server = RpcServer(socket_path(folder), svc.handlers)
        await server.start()
        try:
            labelled = await asyncio.to_thread(kite, "label", world.txid, "rent, May")
            typo = await asyncio.to_thread(kite, "label", "00" * 32, "lost")
            exported = await asyncio.to_thread(kite, "export")
            as_json = await asyncio.to_thread(kite, "export", "--format", "json")
            removed = await asyncio.to_thread(kite, "label", world.txid, "")
        finally:
            await server.close()
        return world.txid, labelled, typo, exported, as_json, removed

    txid, labelled, typo, exported, as_json, removed = asyncio.run(_with_service(folder, steps))
    assert labelled[0] == 0 and "rent, May" in labelled[1]
    assert typo[0] == 2 and "no transaction or payment" in typo[2]
    assert len(typo[2].strip().splitlines()) == 1
    rows = list(csv.DictReader(io.StringIO(exported[1], newline="")))
    assert [(r["id"], r["amount_sat"], r["label"]) for r in rows] == [(txid, "70000", "rent, May")]
    assert json.loads(as_json[1])[0]["label"] == "rent, May"
    assert removed[0] == 0 and "note removed" in removed[1]


def test_rates_seen_value_the_history_at_its_time(folder):
    """A rate the window fetched is kept by the service (`fiat_rates`), and the received
    70,000 sat are valued with the one kept nearest their block time."""
    async def steps(svc, world):
        history = await svc.handlers["history"]()
        when = int(history[0]["timestamp"])
        assert await svc.handlers["fiat_rates"]() == {"currency": None, "rates": []}
        svc.rates.record(Rate("EUR", Decimal("40000"), when - 120, "coinbase"))
        svc.rates.record(Rate("EUR", Decimal("90000"), when + 3 * 3600, "coinbase"))
        with pytest.raises(InputError):
            await svc.handlers["fiat_rates"](currency="XYZ")
        assert (await svc.handlers["fiat_rates"](currency="usd"))["rates"] == []
        return history, await svc.handlers["fiat_rates"]()

    history, rates = asyncio.run(_with_service(folder, steps))
    assert rates["currency"] == "EUR" and len(rates["rates"]) == 2
    text = export_text(history, [], "csv", timeline_from(rates))
    row = next(csv.DictReader(io.StringIO(text, newline="")))
    assert (row["amount_sat"], row["fiat_currency"], row["fiat_rate"], row["fiat_value"]) == (
        "70000", "EUR", "40000", "28.00")
