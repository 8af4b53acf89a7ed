"""Fast tests of the devnet's parts that need no bcoin or ElectrumX: the state file, the
funding transactions it signs, and how its small clients report failures."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading

import pytest
from bitcoin.core import CMutableTransaction
from bitcoin.core.script import SIGHASH_ALL, SIGVERSION_WITNESS_V0, CScript, SignatureHash
from coincurve import PublicKey

from wallet.devnet import funding
from wallet.devnet.electrum_probe import ElectrumProbe, ElectrumRpcError
from wallet.devnet.node_rpc import NodeRpc
from wallet.devnet.processes import DevnetError, pid_alive
from wallet.devnet.state import (
    DevnetState,
    read_devnet_state,
    remove_devnet_state,
    state_path,
    write_devnet_state,
)
from wallet.errors import InputError

# -- state file -----------------------------------------------------------------------------


def _state(pid: int) -> DevnetState:
    return DevnetState("127.0.0.1", 50001, "http://u:p@127.0.0.1:1/", "/tmp/x", pid)


def test_state_path_follows_xdg(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert state_path() == tmp_path / "kite" / "regtest" / "devnet.json"


def test_state_round_trip_and_removal(tmp_path):
    path = tmp_path / "regtest" / "devnet.json"
    write_devnet_state(_state(os.getpid()), path)
    got = read_devnet_state(path)
    assert got == _state(os.getpid())
    assert got.electrum_server == "127.0.0.1:50001:t"
    remove_devnet_state(path, pid=os.getpid() + 1)  # not ours: left alone
    assert path.exists()
    remove_devnet_state(path, pid=os.getpid())
    assert not path.exists()
    assert read_devnet_state(path) is None


def test_state_of_a_dead_devnet_is_ignored(tmp_path):
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    path = write_devnet_state(_state(child.pid), tmp_path / "devnet.json")
    assert not pid_alive(child.pid)
    assert read_devnet_state(path) is None


@pytest.mark.parametrize("text", ["not json", "[]", json.dumps({"electrum_host": "h"}),
                                  json.dumps({**_state(1).to_json(), "electrum_port": "x"})])
def test_malformed_state_file_is_a_clear_error(tmp_path, text):
    path = tmp_path / "devnet.json"
    path.write_text(text)
    with pytest.raises(DevnetError, match="devnet state file"):
        read_devnet_state(path)


# -- funding --------------------------------------------------------------------------------


def _coin(value: int, height: int = 1, coinbase: bool = True, n: int = 0) -> funding.Coin:
    return funding.Coin(f"{n:064x}", n, value, height, coinbase)


def test_miner_address_is_regtest_p2wpkh():
    assert funding.MINER_ADDRESS.startswith("bcrt1q")
    assert funding.payment_script(funding.MINER_ADDRESS) == funding.MINER_SCRIPT


def test_only_mature_coinbases_are_spendable():
    coins = [_coin(5, height=1, n=1), _coin(6, height=2, n=2),
             _coin(7, height=-1, coinbase=False, n=3), _coin(8, height=90, coinbase=False, n=4)]
    # At tip 100 the next block is 101: the coinbase of block 1 has 100 confirmations then.
    got = funding.spendable(coins, tip_height=100)
    assert [c.index for c in got] == [4, 1, 3]  # confirmed first, biggest first


def test_equal_coins_are_spent_oldest_first():
    # A coinbase that has only just matured is premature again after a reorg: funding
    # takes the deepest of equal coins so its payment survives being re-mined.
    coins = [_coin(50, height=h, n=h) for h in (30, 10, 20)]
    got = funding.spendable(coins, tip_height=200)
    assert [c.height for c in got] == [10, 20, 30]


def test_payment_is_signed_and_balanced():
    target = bytes([0x00, 0x14]) + bytes(range(20))
    coins = [_coin(30_000, n=1), _coin(50_000, n=2)]
    raw = funding.build_payment(coins, target, 60_000, feerate_sat_vb=2.0)
    tx = CMutableTransaction.deserialize(raw)
    assert len(tx.vin) == 2
    assert tx.vout[0].nValue == 60_000 and bytes(tx.vout[0].scriptPubKey) == target
    change = tx.vout[1]
    assert bytes(change.scriptPubKey) == funding.MINER_SCRIPT
    fee = 80_000 - 60_000 - change.nValue
    assert 0 < fee < 2.0 * 300
    code = CScript(bytes([0x76, 0xA9, 0x14]) + funding.MINER_SCRIPT[2:] + bytes([0x88, 0xAC]))
    for i, coin in enumerate(coins):
        sig, pub = tx.wit.vtxinwit[i].scriptWitness.stack
        assert sig[-1] == SIGHASH_ALL
        digest = SignatureHash(code, tx, i, SIGHASH_ALL, amount=coin.value,
                               sigversion=SIGVERSION_WITNESS_V0)
        assert PublicKey(pub).verify(sig[:-1], digest, hasher=None)


def test_payment_without_enough_coins_fails_clearly():
    with pytest.raises(DevnetError, match="not enough"):
        funding.build_payment([_coin(1_000)], funding.MINER_SCRIPT, 1_000, 1.0)
    with pytest.raises(DevnetError, match="positive"):
        funding.build_payment([_coin(1_000)], funding.MINER_SCRIPT, 0, 1.0)


def test_bad_addresses_and_node_replies_are_rejected():
    with pytest.raises(InputError):
        funding.payment_script("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4")  # mainnet
    with pytest.raises(DevnetError):
        funding.coins_from_node({"not": "a list"})
    with pytest.raises(DevnetError):
        funding.coins_from_node([{"script": funding.MINER_SCRIPT.hex(), "hash": "00"}])
    other = {"script": "0014" + "00" * 20, "hash": "00" * 32, "index": 0, "value": 1,
             "height": 1, "coinbase": True}
    assert funding.coins_from_node([other]) == []


# -- clients --------------------------------------------------------------------------------


def _one_shot_server(reply: bytes) -> tuple[int, threading.Thread]:
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(1)

    def serve() -> None:
        conn, _ = srv.accept()
        with conn:
            conn.recv(65536)
            conn.sendall(reply)
        srv.close()

    t = threading.Thread(target=serve, daemon=True)
    t.start()
    return srv.getsockname()[1], t


def test_electrum_probe_reports_errors_and_keeps_notifications():
    lines = (b'{"jsonrpc":"2.0","method":"blockchain.headers.subscribe","params":[{}]}\n'
             b'{"jsonrpc":"2.0","id":1,"error":{"code":1,"message":"nope"}}\n')
    port, t = _one_shot_server(lines)
    with ElectrumProbe("127.0.0.1", port) as probe:
        with pytest.raises(ElectrumRpcError) as info:
            probe.call("blockchain.transaction.broadcast", "00")
        assert info.value.reason == "nope" and info.value.code == 1
        assert probe.notifications[0]["method"] == "blockchain.headers.subscribe"
    t.join(5)


def test_electrum_probe_on_closed_or_garbled_connections():
    port, t = _one_shot_server(b"")
    with ElectrumProbe("127.0.0.1", port) as probe, pytest.raises(DevnetError, match="closed"):
        probe.call("server.version")
    port, t = _one_shot_server(b"{garbage\n")
    with ElectrumProbe("127.0.0.1", port) as probe, pytest.raises(DevnetError, match="malformed"):
        probe.call("server.version")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        free = s.getsockname()[1]
    with pytest.raises(DevnetError, match="cannot connect"):
        ElectrumProbe("127.0.0.1", free)


def test_node_rpc_unreachable_is_a_devnet_error():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        free = s.getsockname()[1]
    rpc = NodeRpc("127.0.0.1", free, "u", "p", timeout=2)
    assert rpc.url == f"http://u:p@127.0.0.1:{free}/"
    with pytest.raises(DevnetError, match="unreachable"):
        rpc.call("getblockcount")


# -- commands -------------------------------------------------------------------------------


def test_commands_without_a_running_devnet_say_so(monkeypatch, tmp_path, capsys):
    from wallet.cli import main

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert main(["devnet", "mine", "1"]) == 1
    assert "no devnet is running" in capsys.readouterr().err
    assert main(["devnet", "fund", funding.MINER_ADDRESS, "1000"]) == 1
    assert "no devnet is running" in capsys.readouterr().err
    assert main(["devnet", "fund", funding.MINER_ADDRESS, "0"]) == 2
    assert "positive" in capsys.readouterr().err
