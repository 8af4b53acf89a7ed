"""`kite channel open/list/close`, `kite invoice`, `kite pay` as a user runs them: two
daemons (subprocesses) on the devnet, the payee listening with `--ln-port`."""

from __future__ import annotations

import json
import os
import socket

import pytest

from tests.support.cli import kite, wait_for
from wallet.daemon import rpc
from wallet.daemon.rpc import socket_path

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]




def test_channel_commands_between_two_daemons(shared_devnet, tmp_path):
    env = dict(os.environ, KITE_PASSWORD="pw", KITE_INSECURE_FAST_KDF="1",
               XDG_DATA_HOME=str(tmp_path / "xdg"))
    host, port = shared_devnet.electrum_address
    server = f"{host}:{port}:t"
    wa = ["--network", "regtest", "--wallet", str(tmp_path / "a")]
    wb = ["--network", "regtest", "--wallet", str(tmp_path / "b")]
    ln_port = free_port()
    for w in (wa, wb):
        kite(env, *w, "create")
    kite(env, *wa, "daemon", "--detach", "--server", server)
    kite(env, *wb, "daemon", "--detach", "--server", server, "--ln-port", str(ln_port))
    try:
        address = kite(env, *wa, "address").stdout.strip()
        shared_devnet.fund(address, 400_000)
        shared_devnet.mine(1)
        wait_for(lambda: json.loads(kite(env, *wa, "balance", "--json").stdout)["confirmed"]
                 == 400_000, "funds")
        node_b = rpc.call(socket_path(tmp_path / "b"), "getinfo")["node_id"]

        # bad input: one clear line, exit 2
        for args in (("channel", "open", "nothex@127.0.0.1:1", "100000"),
                     ("channel", "open", f"{node_b}@127.0.0.1", "100000"),
                     ("channel", "open", f"{node_b}@127.0.0.1:{ln_port}", "-5"),
                     ("pay", "lnbcrt1garbage")):
            r = kite(env, *wa, *args, check=False)
            assert r.returncode == 2, (args, r.stderr)
            assert len(r.stderr.strip().splitlines()) == 1

        opened = json.loads(kite(env, *wa, "channel", "open", f"{node_b}@127.0.0.1:{ln_port}",
                                 "200000", "--json").stdout)
        assert opened["capacity_sat"] == 200_000
        shared_devnet.mine(3)

        def normal(w):
            rows = json.loads(kite(env, *w, "channel", "list", "--json").stdout)
            return rows if rows and rows[0]["state"] == "Normal" else None

        wait_for(lambda: normal(wa), "a's channel ready")
        wait_for(lambda: normal(wb), "b's channel ready")
        invoice = kite(env, *wb, "invoice", "7000", "coffee").stdout.strip()
        assert invoice.startswith("lnbcrt")
        paid = json.loads(kite(env, *wa, "pay", invoice, "--json").stdout)
        assert paid["status"] == "paid" and paid["amount_msat"] == 7_000_000
        r = kite(env, *wa, "pay", invoice, check=False)  # twice: refused
        assert r.returncode == 2 and "already paid" in r.stderr
        # an open-amount invoice, paid with the amount and a fee cap; the human output
        # has the preimage
        open_invoice = kite(env, *wb, "invoice", "0", "tip").stdout.strip()
        human = kite(env, *wa, "pay", open_invoice, "--amount-sat", "500",
                     "--max-fee-sat", "5").stdout
        assert human.startswith("paid 500 sat (fee 0 sat), preimage ")
        # the payment logs, newest first, on both sides
        log_a = json.loads(kite(env, *wa, "payments", "--json").stdout)
        assert [(p["direction"], p["status"], p["amount_msat"]) for p in log_a] == \
            [("out", "paid", 500_000), ("out", "paid", 7_000_000)]
        assert log_a[0]["preimage"] == human.split()[-1]
        log_b = kite(env, *wb, "payments").stdout.splitlines()
        assert len(log_b) == 2 and "+500 sat" in log_b[0] and "coffee" in log_b[1]
        wait_for(lambda: "Normal" in (h := kite(env, *wa, "channel", "list").stdout)
                 and "remote 7500 sat of 200000 sat" in h, "the human listing")

        closing = kite(env, *wa, "channel", "close", "0").stdout
        assert "closing" in closing
        wait_for(lambda: json.loads(kite(env, *wb, "channel", "list", "--json").stdout)[0]
                 ["state"] == "Closing", "b sees the close")
        shared_devnet.mine(1)
        wait_for(lambda: json.loads(kite(env, *wb, "balance", "--json").stdout)["confirmed"]
                 == 7_500, "b's 7500 sat on-chain")
    finally:
        for w in (wa, wb):
            kite(env, *w, "stop", check=False)
