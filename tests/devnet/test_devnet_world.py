"""The devnet world: Tram and Shop as real Kite daemons with a channel between them, through
the Python API (`DevnetWorld`) and through `kite devnet up/invoice/pay/mine`."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from wallet.devnet.kite_node import DevnetKiteNode
from wallet.devnet.processes import pid_alive
from wallet.devnet.world import CHANNEL_SAT, PUSH_SAT, DevnetWorld
from wallet.errors import KiteError
from wallet.ln.bolt11.invoice import decode_invoice

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]


def test_world_channel_invoice_and_a_user_channel_to_tram(shared_devnet, tmp_path):
    with DevnetWorld(tmp_path / "world", chain=shared_devnet) as world:
        # both sides see the Tram-Shop channel Normal (balances before the commitment fee)
        for node, peer in ((world.tram, world.shop_node_id), (world.shop, world.tram_node_id)):
            rows = [c for c in node.call("channel_list") if c["peer"] == peer]
            assert len(rows) == 1 and rows[0]["state"] == "Normal"
            assert rows[0]["capacity_sat"] == CHANNEL_SAT
            assert rows[0]["local_msat"] + rows[0]["remote_msat"] == CHANNEL_SAT * 1000
        tram_side = world.channel
        assert tram_side["opener"] == "local"
        assert tram_side["remote_msat"] == PUSH_SAT * 1000
        block, tx, _ = (int(x) for x in tram_side["short_channel_id"].split("x"))
        funding_txid = tram_side["funding_outpoint"].split(":")[0]
        assert funding_txid in shared_devnet.rpc("getblock", shared_devnet.rpc(
            "getblockhash", block))["tx"][tx:tx + 1]

        invoice = decode_invoice(world.shop_invoice(4321, "tea"))
        assert invoice.payee.hex() == world.shop_node_id
        assert invoice.amount_msat == 4_321_000 and invoice.description == "tea"
        with pytest.raises(KiteError, match="positive"):
            world.shop_invoice(-5)

        # a regtest wallet opens a channel to Tram's advertised address and pays Tram
        user = DevnetKiteNode("User", tmp_path / "user", world.electrum_address).start()
        try:
            world.fund(user.call("address")["address"], 1_000_000)
            user.wait("user's coins", lambda: user.call("balance", wait=5)["confirmed"]
                      == 1_000_000)
            user.call("channel_open", peer=world.tram_address, amount_sat=300_000)
            world.mine(3)
            user.wait("user's channel", lambda: any(
                c["state"] == "Normal" for c in user.call("channel_list")))
            to_tram = world.tram.call("invoice", amount_sat=1500)["invoice"]
            paid = user.call("pay", invoice=to_tram)
            assert paid["status"] == "paid" and paid["amount_msat"] == 1_500_000
            # Shop pays through the world's API (here to its channel peer Tram)
            paid = world.shop_pay(world.tram.call("invoice", amount_sat=700)["invoice"], 30)
            assert paid["status"] == "paid" and paid["amount_msat"] == 700_000
        finally:
            user.stop()
        pids = [n.child.pid for n in (world.tram, world.shop)]
    assert not any(pid_alive(p) for p in pids)
    assert not (tmp_path / "world" / "tram" / "wallet" / "daemon.sock").exists()


def _kite(home: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    done = subprocess.run([sys.executable, "-m", "wallet", *args], cwd=ROOT, timeout=120,
                          env=dict(os.environ, XDG_DATA_HOME=str(home)),
                          capture_output=True, text=True)
    if check:
        assert done.returncode == 0, done.stderr
    return done


def test_kite_devnet_up_starts_tram_and_shop(tmp_path):
    env = dict(os.environ, XDG_DATA_HOME=str(tmp_path))
    proc = subprocess.Popen(
        [sys.executable, "-m", "wallet", "devnet", "up", "--dir", str(tmp_path / "devnet")],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        text = line = ""
        while line != "}\n":  # the JSON object's last line
            line = proc.stdout.readline()
            assert line, f"kite devnet up failed: {proc.stderr.read()}"
            text += line
        info = json.loads(text)
        state = json.loads(Path(info["state_file"]).read_text())
        for name in ("tram", "shop"):
            node = info[name]
            assert node["address"] == f"{node['node_id']}@{node['host']}:{node['port']}"
            assert state[name] == node
        invoice = _kite(tmp_path, "devnet", "invoice", "2500", "book").stdout.strip()
        decoded = decode_invoice(invoice)
        assert decoded.payee.hex() == info["shop"]["node_id"]
        assert decoded.amount_msat == 2_500_000 and decoded.description == "book"
        assert len(json.loads(_kite(tmp_path, "devnet", "mine", "2").stdout)) == 2
        bad = _kite(tmp_path, "devnet", "pay", "lnbcrt1garbage", check=False)
        assert bad.returncode == 2 and len(bad.stderr.strip().splitlines()) == 1
        any_amount = _kite(tmp_path, "devnet", "invoice", "0").stdout.strip()
        assert decode_invoice(any_amount).amount_msat is None
        bad = _kite(tmp_path, "devnet", "invoice", "--", "-5", check=False)
        assert bad.returncode == 2 and "positive" in bad.stderr
        # Shop cannot pay its own invoice: the daemon's refusal comes back as one line
        own = _kite(tmp_path, "devnet", "pay", invoice, check=False)
        assert own.returncode == 2 and "own" in own.stderr
        # Tram relays: its policy through `kite forward-policy`; Shop does not relay
        tram_wallet = ["--network", "regtest", "--wallet", info["tram"]["wallet"]]
        policy = json.loads(_kite(tmp_path, *tram_wallet, "forward-policy", "--fee-ppm", "200",
                                  "--json").stdout)
        assert policy == {"fee_base_msat": 1_000, "fee_proportional_millionths": 200,
                          "cltv_expiry_delta": 144}
        assert "fee 1000 msat + 200 ppm" in _kite(tmp_path, *tram_wallet,
                                                  "forward-policy").stdout
        assert _kite(tmp_path, *tram_wallet, "forwards").stdout.strip() == "nothing relayed"
        r = _kite(tmp_path, "--network", "regtest", "--wallet", info["shop"]["wallet"],
                  "forwards", check=False)
        assert r.returncode == 1 and "does not relay" in r.stderr
        node_pids = [p for p in _pids_of(info) if pid_alive(p)]
        assert len(node_pids) == 2
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=60) == 0
        assert not Path(info["state_file"]).exists()
        deadline = time.monotonic() + 15
        while any(pid_alive(p) for p in node_pids) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not any(pid_alive(p) for p in node_pids)
    finally:
        proc.kill()
        proc.wait()


def _pids_of(info: dict) -> list[int]:
    """The daemons' process ids, found by their wallet folders on their command lines."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if any(info[n]["wallet"].encode() in cmdline for n in ("tram", "shop")):
            found.append(int(entry.name))
    return found


def test_invoice_and_pay_need_a_world(tmp_path):
    r = _kite(tmp_path, "devnet", "invoice", "1000", check=False)
    assert r.returncode == 1 and "no devnet is running" in r.stderr
