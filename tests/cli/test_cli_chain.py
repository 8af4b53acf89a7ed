"""`kite daemon` and the commands that talk to it, as a user runs them (subprocesses)."""

from __future__ import annotations

import csv
import io
import json
import os
import time

import pytest

from tests.support.cli import kite
from wallet.daemon.rpc import socket_path

pytestmark = pytest.mark.slow




def test_daemon_balance_send_bumpfee_history(shared_devnet, tmp_path):
    env = dict(os.environ, KITE_PASSWORD="secret", KITE_INSECURE_FAST_KDF="1",
               XDG_DATA_HOME=str(tmp_path / "xdg"))
    w = ["--network", "regtest", "--wallet", str(tmp_path / "w")]
    kite(env, *w, "create")
    host, port = shared_devnet.electrum_address
    server = f"{host}:{port}:t"

    # commands that need the node say so clearly when it is not running
    r = kite(env, *w, "balance", check=False)
    assert r.returncode == 1 and "kite daemon" in r.stderr

    kite(env, *w, "daemon", "--detach", "--server", server)
    try:
        address = kite(env, *w, "address").stdout.strip()
        assert address.startswith("bcrt1")
        shared_devnet.fund(address, 500_000)
        shared_devnet.mine(1)
        deadline = time.monotonic() + 60
        while True:
            bal = json.loads(kite(env, *w, "balance", "--json").stdout)
            if bal["confirmed"] == 500_000 or time.monotonic() > deadline:
                break
            time.sleep(0.3)
        assert bal["confirmed"] == 500_000 and bal["synced"]

        sent = json.loads(kite(env, *w, "send", shared_devnet.miner_address, "120000",
                               "--feerate", "1", "--json").stdout)
        bumped = json.loads(kite(env, *w, "bumpfee", sent["txid"], "--feerate", "6", "--json").stdout)
        assert bumped["fee_sat"] > sent["fee_sat"]
        history = json.loads(kite(env, *w, "history", "--json").stdout)
        txids = [h["txid"] for h in history]
        assert bumped["txid"] in txids and sent["txid"] not in txids
        human = kite(env, *w, "history").stdout
        assert bumped["txid"] in human and "unconfirmed" in human
        # the same history as CSV: the recipient's amount and our fee add up to what left
        exported = kite(env, *w, "history", "--csv").stdout
        rows = {r["id"]: r for r in csv.DictReader(io.StringIO(exported, newline=""))}
        assert set(rows) == set(txids)
        for h in history:
            row = rows[h["txid"]]
            if h["delta_sat"] < 0:
                assert int(row["fee_sat"]) == h["fee_sat"]
                assert int(row["amount_sat"]) + h["fee_sat"] == -h["delta_sat"]
            else:
                assert (row["direction"], int(row["amount_sat"])) == ("in", h["delta_sat"])

        # bad input: one line on stderr, exit 2, nothing sent
        for args in (("send", "bc1qnotregtest", "1000"), ("send", address, "-5"),
                     ("send", address, "abc"), ("bumpfee", "zz", "--feerate", "5")):
            r = kite(env, *w, *args, check=False)
            assert r.returncode == 2, (args, r.stderr)
            assert len(r.stderr.strip().splitlines()) == 1
        r = kite(env, *w, "send", address, "999999999", check=False)
        assert r.returncode == 2 and "not enough funds" in r.stderr
        assert json.loads(kite(env, *w, "history", "--json").stdout) == history
    finally:
        kite(env, *w, "stop", check=False)
    deadline = time.monotonic() + 20
    while socket_path(tmp_path / "w").exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not socket_path(tmp_path / "w").exists()


def test_regtest_wallet_finds_the_devnet_from_its_state_file(shared_devnet, tmp_path):
    from wallet.devnet.state import DevnetState, write_devnet_state

    env = dict(os.environ, KITE_PASSWORD="pw", KITE_INSECURE_FAST_KDF="1",
               XDG_DATA_HOME=str(tmp_path / "xdg"))
    host, port = shared_devnet.electrum_address
    state = DevnetState(electrum_host=host, electrum_port=port, rpc_url=shared_devnet.rpc_url,
                        directory=str(tmp_path), pid=os.getpid())
    write_devnet_state(state, tmp_path / "xdg" / "kite" / "regtest" / "devnet.json")
    w = ["--network", "regtest", "--wallet", str(tmp_path / "w")]
    kite(env, *w, "create")
    kite(env, *w, "daemon", "--detach")  # no --server: the devnet state file says where
    try:
        info = None
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            bal = json.loads(kite(env, *w, "balance", "--json").stdout)
            if bal["synced"]:
                info = bal
                break
        assert info is not None and info["height"] == shared_devnet.height()
    finally:
        kite(env, *w, "stop", check=False)
