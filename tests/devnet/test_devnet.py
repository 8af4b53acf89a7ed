"""End-to-end tests of the devnet: bcoin (regtest) + ElectrumX, driven through Electrum.

They talk to ElectrumX with a raw newline-delimited JSON-RPC client (wallet.devnet's probe)
and build their own transactions, so what they check is the real chain's consensus and
mempool rules as seen through a real Electrum server. Needs scripts/setup_devnet.sh.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import subprocess
import sys
import time
from pathlib import Path

import coincurve
import pytest
from bitcoin.core import (
    CMutableTransaction,
    COutPoint,
    CTxIn,
    CTxInWitness,
    CTxOut,
    CTxWitness,
)
from bitcoin.core.script import (
    OP_CHECKLOCKTIMEVERIFY,
    OP_CHECKMULTISIG,
    OP_CHECKSEQUENCEVERIFY,
    OP_CHECKSIG,
    OP_DROP,
    SIGHASH_ALL,
    SIGVERSION_WITNESS_V0,
    CScript,
    CScriptWitness,
    SignatureHash,
)

from wallet.bech32 import encode_segwit_address
from wallet.devnet import Devnet, DevnetError
from wallet.devnet.chain import scripthash
from wallet.devnet.electrum_probe import ElectrumProbe, ElectrumRpcError
from wallet.devnet.processes import pid_alive
from wallet.devnet.stack import check_installed
from wallet.hashes import hash160, sha256, sha256d

ROOT = Path(__file__).resolve().parents[2]

try:
    check_installed()
    _missing = None
except DevnetError as e:
    _missing = str(e)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(_missing is not None, reason=f"devnet not installed: {_missing}"),
]


# -- keys, scripts and transactions ---------------------------------------------------------


class Key:
    def __init__(self) -> None:
        self.priv = coincurve.PrivateKey(secrets.token_bytes(32))
        self.pub = self.priv.public_key.format(compressed=True)

    def sign(self, tx: CMutableTransaction, index: int, script_code: bytes, amount: int) -> bytes:
        digest = SignatureHash(CScript(script_code), tx, index, SIGHASH_ALL, amount=amount,
                               sigversion=SIGVERSION_WITNESS_V0)
        return self.priv.sign(digest, hasher=None) + bytes([SIGHASH_ALL])


def p2wpkh_script(key: Key) -> bytes:
    return bytes([0x00, 0x14]) + hash160(key.pub)


def p2wpkh_code(key: Key) -> bytes:
    return bytes([0x76, 0xA9, 0x14]) + hash160(key.pub) + bytes([0x88, 0xAC])


def p2wsh_script(witness_script: bytes) -> bytes:
    return bytes([0x00, 0x20]) + sha256(witness_script)


def address(script_pubkey: bytes) -> str:
    return encode_segwit_address("bcrt", script_pubkey[0], script_pubkey[2:])


def spend_tx(txid: str, vout: int, value: int, *, fee: int = 1000, version: int = 2,
             sequence: int = 0xFFFFFFFE, locktime: int = 0,
             to_script: bytes | None = None) -> CMutableTransaction:
    tx = CMutableTransaction()
    tx.nVersion = version
    tx.nLockTime = locktime
    tx.vin = [CTxIn(COutPoint(bytes.fromhex(txid)[::-1], vout), nSequence=sequence)]
    tx.vout = [CTxOut(value - fee, CScript(to_script or p2wpkh_script(Key())))]
    return tx


def with_witness(tx: CMutableTransaction, *stacks: list[bytes]) -> str:
    tx.wit = CTxWitness([CTxInWitness(CScriptWitness(list(s))) for s in stacks])
    return tx.serialize().hex()


def txid_of(raw_hex: str) -> str:
    tx = CMutableTransaction.deserialize(bytes.fromhex(raw_hex))
    return tx.GetTxid()[::-1].hex()


# -- fixtures -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def devnet():
    with Devnet() as d:
        yield d


@pytest.fixture
def electrum(devnet):
    with devnet.electrum() as probe:
        assert probe.call("server.version", "kite-test", "1.4")[1] == "1.4"
        yield probe


def fund_output(devnet: Devnet, script_pubkey: bytes, amount: int, *,
                confirm: bool = True) -> tuple[str, int]:
    """Pay amount to script_pubkey; the (txid, vout) of that output."""
    txid = devnet.fund(address(script_pubkey), amount)
    raw = devnet.rpc("getrawtransaction", txid, 0)
    tx = CMutableTransaction.deserialize(bytes.fromhex(raw))
    vout = next(i for i, o in enumerate(tx.vout) if bytes(o.scriptPubKey) == script_pubkey)
    if confirm:
        devnet.mine(1)
    return txid, vout


def broadcast(electrum: ElectrumProbe, raw_hex: str) -> str:
    return electrum.call("blockchain.transaction.broadcast", raw_hex)


def rejected(electrum: ElectrumProbe, raw_hex: str) -> str:
    with pytest.raises(ElectrumRpcError) as info:
        broadcast(electrum, raw_hex)
    return info.value.reason


# -- the chain as ElectrumX serves it ---------------------------------------------------------


def test_electrum_serves_bcoins_chain(devnet, electrum):
    assert devnet.height() >= 101
    tip = electrum.call("blockchain.headers.subscribe")
    assert tip["height"] == devnet.height()
    best = devnet.rpc("getblockhash", tip["height"])
    assert sha256d(bytes.fromhex(tip["hex"]))[::-1].hex() == best

    reply = electrum.call("blockchain.block.headers", 0, 20)
    assert reply["count"] == 20
    raw = bytes.fromhex(reply["hex"])
    for height in range(20):
        header = raw[80 * height: 80 * height + 80]
        assert sha256d(header)[::-1].hex() == devnet.rpc("getblockhash", height)
    genesis = devnet.rpc("getblockhash", 0)
    assert genesis == "0f9188f13cb7b2c71f2a335e3a4fc328bf5beb436012afca590b1a11466e2206"


def test_mining_advances_the_electrum_tip(devnet, electrum):
    before = electrum.call("blockchain.headers.subscribe")["height"]
    target = Key()
    hashes = devnet.mine(3, address(p2wpkh_script(target)))
    assert len(hashes) == 3
    tip = electrum.call("blockchain.headers.subscribe")
    assert tip["height"] == before + 3
    assert sha256d(bytes.fromhex(tip["hex"]))[::-1].hex() == hashes[-1]
    history = electrum.call("blockchain.scripthash.get_history",
                            scripthash(p2wpkh_script(target)))
    assert [h["height"] for h in history] == [before + 1, before + 2, before + 3]


def test_funding_shows_up_then_confirms(devnet, electrum):
    key = Key()
    script = p2wpkh_script(key)
    sh = scripthash(script)
    txid = devnet.fund(address(script), 123_456)
    assert electrum.call("blockchain.scripthash.get_history", sh) == [
        {"tx_hash": txid, "height": 0, "fee": electrum.call(
            "blockchain.scripthash.get_mempool", sh)[0]["fee"]}
    ]
    unspent = electrum.call("blockchain.scripthash.listunspent", sh)
    assert [(u["tx_hash"], u["value"], u["height"]) for u in unspent] == [(txid, 123_456, 0)]
    assert electrum.call("blockchain.scripthash.get_balance", sh)["unconfirmed"] == 123_456

    [block] = devnet.mine(1)
    height = devnet.height()
    assert electrum.call("blockchain.scripthash.get_history", sh) == [
        {"tx_hash": txid, "height": height}
    ]
    assert electrum.call("blockchain.scripthash.get_balance", sh) == {
        "confirmed": 123_456, "unconfirmed": 0}
    proof = electrum.call("blockchain.transaction.get_merkle", txid, height)
    assert proof["block_height"] == height
    assert txid in devnet.rpc("getblock", block)["tx"]


def test_replies_are_not_held_back_once_a_session_is_busy(devnet, electrum):
    # ElectrumX delays small replies up to 1 s after a session's first kilobyte; the devnet
    # turns that off (see electrumx_runner.py). 20 requests must take well under a second.
    electrum.call("blockchain.block.headers", 0, 10)  # past the first kilobyte
    began = time.monotonic()
    for _ in range(20):
        electrum.call("server.ping")
    assert time.monotonic() - began < 1.0


def test_fee_estimate_is_what_the_devnet_sets(devnet, electrum):
    devnet.set_fee_estimate(7)
    assert electrum.call("blockchain.estimatefee", 2) == pytest.approx(0.00007)
    devnet.set_fee_estimate(None)
    assert electrum.call("blockchain.estimatefee", 3) == -1


def test_relay_fee_in_both_protocol_versions(devnet, electrum):
    assert electrum.call("blockchain.relayfee") == pytest.approx(0.00001)  # protocol 1.4
    with devnet.electrum() as probe16:
        assert probe16.call("server.version", "kite-test", "1.6")[1] == "1.6"
        info = probe16.call("mempool.get_info")
        assert info["minrelaytxfee"] == pytest.approx(0.00001)
        assert info["mempoolminfee"] >= info["minrelaytxfee"]


# -- rejections with their reasons ----------------------------------------------------------


def test_missing_input_is_rejected(devnet, electrum):
    key = Key()
    tx = spend_tx(secrets.token_hex(32), 0, 50_000)
    raw = with_witness(tx, [b"\x00" * 71, key.pub])
    assert "missing" in rejected(electrum, raw)
    assert txid_of(raw) not in devnet.rpc("getrawmempool")


def test_double_spends_are_rejected_unless_they_replace_by_fee(devnet, electrum):
    key = Key()
    txid, vout = fund_output(devnet, p2wpkh_script(key), 100_000)

    def spend(fee: int, sequence: int = 0xFFFFFFFE) -> str:
        tx = spend_tx(txid, vout, 100_000, fee=fee, sequence=sequence)
        return with_witness(tx, [key.sign(tx, 0, p2wpkh_code(key), 100_000), key.pub])

    first = spend(1_000)
    assert broadcast(electrum, first) == txid_of(first)
    assert broadcast(electrum, first) == txid_of(first)  # sending it again is no error
    # A conflicting spend must pay for the one it evicts plus its own relay (BIP 125 rules 3
    # and 4, full RBF as in Core): same fee, or only slightly more, is refused.
    assert "insufficient fee" in rejected(electrum, spend(1_000))
    assert "insufficient fee" in rejected(electrum, spend(1_050))
    # A replacement that pays enough but is invalid leaves the original in place.
    tx = spend_tx(txid, vout, 100_000, fee=9_000)
    forged = with_witness(tx, [Key().sign(tx, 0, p2wpkh_code(key), 100_000), key.pub])
    assert "script-verify-flag" in rejected(electrum, forged)
    assert txid_of(first) in devnet.rpc("getrawmempool")
    replacement = spend(3_000)
    assert broadcast(electrum, replacement) == txid_of(replacement)
    mempool = devnet.rpc("getrawmempool")
    assert txid_of(replacement) in mempool and txid_of(first) not in mempool
    # The replaced transaction cannot come back with its lower fee.
    assert "insufficient fee" in rejected(electrum, first)
    devnet.mine(1)
    assert txid_of(replacement) in devnet.rpc("getblock", devnet.rpc("getbestblockhash"))["tx"]
    assert "missing" in rejected(electrum, spend(9_000))  # against the chain
    assert "already in block chain" in rejected(electrum, replacement)


def test_replacement_takes_the_descendants_with_it(devnet, electrum):
    key, child_key = Key(), Key()
    txid, vout = fund_output(devnet, p2wpkh_script(key), 200_000)

    def spend(fee: int, to: bytes) -> str:
        tx = spend_tx(txid, vout, 200_000, fee=fee, to_script=to)
        return with_witness(tx, [key.sign(tx, 0, p2wpkh_code(key), 200_000), key.pub])

    parent = spend(1_000, p2wpkh_script(child_key))
    broadcast(electrum, parent)
    value = 200_000 - 1_000
    tx = spend_tx(txid_of(parent), 0, value, fee=5_000)
    child = with_witness(tx, [child_key.sign(tx, 0, p2wpkh_code(child_key), value),
                              child_key.pub])
    broadcast(electrum, child)
    # Evicting parent and child (6000 sat of fees) needs more than 6000 sat.
    assert "insufficient fee" in rejected(electrum, spend(5_500, p2wpkh_script(Key())))
    replacement = spend(7_000, p2wpkh_script(Key()))
    broadcast(electrum, replacement)
    mempool = set(devnet.rpc("getrawmempool"))
    assert txid_of(replacement) in mempool
    assert not {txid_of(parent), txid_of(child)} & mempool


def test_p2wpkh_spend_needs_a_valid_signature(devnet, electrum):
    key, thief = Key(), Key()
    txid, vout = fund_output(devnet, p2wpkh_script(key), 80_000)
    tx = spend_tx(txid, vout, 80_000)
    bad = with_witness(tx, [thief.sign(tx, 0, p2wpkh_code(key), 80_000), key.pub])
    assert "script-verify-flag" in rejected(electrum, bad)
    good = with_witness(tx, [key.sign(tx, 0, p2wpkh_code(key), 80_000), key.pub])
    assert broadcast(electrum, good) == txid_of(good)
    devnet.mine(1)
    assert electrum.call("blockchain.transaction.get_merkle", txid_of(good), devnet.height())


def test_p2wsh_multisig_spend_needs_both_signatures(devnet, electrum):
    a, b = sorted((Key(), Key()), key=lambda k: k.pub)
    ws = bytes(CScript([2, a.pub, b.pub, 2, OP_CHECKMULTISIG]))
    txid, vout = fund_output(devnet, p2wsh_script(ws), 90_000)
    tx = spend_tx(txid, vout, 90_000)
    only_a = with_witness(tx, [b"", a.sign(tx, 0, ws, 90_000), a.sign(tx, 0, ws, 90_000), ws])
    assert "script-verify-flag" in rejected(electrum, only_a)
    good = with_witness(tx, [b"", a.sign(tx, 0, ws, 90_000), b.sign(tx, 0, ws, 90_000), ws])
    assert broadcast(electrum, good) == txid_of(good)


def test_csv_is_enforced(devnet, electrum):
    key = Key()
    delay = 5
    ws = bytes(CScript([delay, OP_CHECKSEQUENCEVERIFY, OP_DROP, key.pub, OP_CHECKSIG]))
    txid, vout = fund_output(devnet, p2wsh_script(ws), 70_000)  # 1 confirmation

    def spend(sequence: int) -> str:
        tx = spend_tx(txid, vout, 70_000, sequence=sequence)
        return with_witness(tx, [key.sign(tx, 0, ws, 70_000), ws])

    # The script asks for 5 blocks; a sequence of 1 fails OP_CHECKSEQUENCEVERIFY itself.
    assert "UNSATISFIED_LOCKTIME" in rejected(electrum, spend(1))
    # A sequence of 5 satisfies the script, but the output is not 5 blocks deep yet.
    assert "non-BIP68-final" in rejected(electrum, spend(delay))
    devnet.mine(delay - 2)  # 4 confirmations: BIP 68 wants 5 before the spending block
    assert "non-BIP68-final" in rejected(electrum, spend(delay))
    devnet.mine(1)
    good = spend(delay)
    assert broadcast(electrum, good) == txid_of(good)


def test_cltv_is_enforced(devnet, electrum):
    key = Key()
    unlock = devnet.height() + 4
    ws = bytes(CScript([unlock, OP_CHECKLOCKTIMEVERIFY, OP_DROP, key.pub, OP_CHECKSIG]))
    txid, vout = fund_output(devnet, p2wsh_script(ws), 60_000)

    def spend(locktime: int) -> str:
        tx = spend_tx(txid, vout, 60_000, locktime=locktime)
        return with_witness(tx, [key.sign(tx, 0, ws, 60_000), ws])

    # A final transaction (locktime reached) whose locktime is below the script's: the
    # script fails. A locktime the chain has not reached: the transaction is not final.
    assert "UNSATISFIED_LOCKTIME" in rejected(electrum, spend(devnet.height()))
    assert "non-final" in rejected(electrum, spend(unlock))
    devnet.mine(unlock - devnet.height())  # final once locktime < the next block's height
    good = spend(unlock)
    assert broadcast(electrum, good) == txid_of(good)


# -- reorganisations --------------------------------------------------------------------------


def history(electrum: ElectrumProbe, script_pubkey: bytes) -> list[tuple[str, int]]:
    return [(h["tx_hash"], h["height"]) for h in
            electrum.call("blockchain.scripthash.get_history", scripthash(script_pubkey))]


def deepen(devnet: Devnet, blocks: int = 5) -> None:
    """Mine enough that the devnet's next coins stay mature when a reorg lowers the tip."""
    devnet.mine(blocks)


def test_reorg_drops_chosen_transactions_and_remines_the_rest(devnet, electrum):
    deepen(devnet)
    dropped_key, kept_key, child_to = Key(), Key(), p2wpkh_script(Key())
    dropped, vout = fund_output(devnet, p2wpkh_script(dropped_key), 100_000, confirm=False)
    kept, _ = fund_output(devnet, p2wpkh_script(kept_key), 110_000, confirm=False)
    [mined_in] = devnet.mine(1)
    height = devnet.height()
    tx = spend_tx(dropped, vout, 100_000, to_script=child_to)
    child = broadcast(electrum, with_witness(
        tx, [dropped_key.sign(tx, 0, p2wpkh_code(dropped_key), 100_000), dropped_key.pub]))
    devnet.mine(2)
    assert history(electrum, child_to) == [(child, height + 1)]
    old_tip = devnet.electrum_tip_hash()
    pending = devnet.fund(address(p2wpkh_script(Key())), 20_000)  # in the mempool throughout

    hashes = devnet.reorg(3, [dropped])

    assert len(hashes) == 4
    assert devnet.height() == height + 3
    assert devnet.rpc("getbestblockhash") == hashes[-1] == devnet.electrum_tip_hash() != old_tip
    assert electrum.call("blockchain.headers.subscribe")["height"] == height + 3
    assert devnet.rpc("getblockhash", height) == hashes[0] != mined_in
    assert devnet.last_reorg["fork_height"] == height
    # The dropped transaction and its child are gone everywhere; the node forgot them.
    assert {d["txid"] for d in devnet.last_reorg["dropped"]} == {dropped, child}
    assert history(electrum, p2wpkh_script(dropped_key)) == []
    assert history(electrum, child_to) == []
    mempool = set(devnet.rpc("getrawmempool"))
    assert not {dropped, child} & mempool
    with pytest.raises(ElectrumRpcError):
        electrum.call("blockchain.transaction.get", dropped)
    # Everything else was mined again, in the new branch's first block.
    assert history(electrum, p2wpkh_script(kept_key)) == [(kept, height)]
    assert {kept, pending} <= set(devnet.rpc("getblock", hashes[0])["tx"])
    readded = {r["txid"]: r["height"] for r in devnet.last_reorg["readded"]}
    assert readded[kept] == readded[pending] == height
    assert devnet.last_reorg["lost"] == []
    proof = electrum.call("blockchain.transaction.get_merkle", kept, height)
    assert proof["block_height"] == height


def test_reorg_without_drops_keeps_every_transaction(devnet, electrum):
    deepen(devnet)
    key = Key()
    txid, _ = fund_output(devnet, p2wpkh_script(key), 50_000)
    height = devnet.height()
    devnet.mine(1)
    hashes = devnet.reorg(2, extra_blocks=2)  # the fork is at the payment's block
    assert len(hashes) == 4 and devnet.height() == height + 3
    assert devnet.last_reorg["dropped"] == [] and devnet.last_reorg["lost"] == []
    assert history(electrum, p2wpkh_script(key)) == [(txid, height)]
    assert txid in devnet.rpc("getblock", hashes[0])["tx"]


def test_reorg_refuses_what_it_cannot_do_and_changes_nothing(devnet):
    tip = devnet.rpc("getbestblockhash")
    with pytest.raises(DevnetError, match="neither in the last 2 blocks nor in the mempool"):
        devnet.reorg(2, ["ab" * 32])
    with pytest.raises(DevnetError, match="cannot replace"):
        devnet.reorg(devnet.height() + 1)
    for bad in (dict(depth=0), dict(depth=1, extra_blocks=0), dict(depth=1, drop_txids=["xyz"])):
        with pytest.raises(DevnetError):
            devnet.reorg(**bad)
    assert devnet.rpc("getbestblockhash") == tip


# -- no process outlives the devnet ---------------------------------------------------------


def wait_dead(pids: list[int], timeout: float = 15.0) -> list[int]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        alive = [p for p in pids if pid_alive(p)]
        if not alive:
            return []
        time.sleep(0.1)
    return [p for p in pids if pid_alive(p)]


def test_soft_forks_from_the_first_blocks_and_teardown_on_exception(tmp_path):
    with pytest.raises(RuntimeError), Devnet(tmp_path / "d", initial_blocks=0) as d:
        pids = d.pids
        assert len(pids) == 2 and all(pid_alive(p) for p in pids)
        d.mine(2)  # getblockchaininfo describes the rules of the next block (height 3)
        info = d.rpc("getblockchaininfo")
        assert {f["id"] for f in info["softforks"] if f["reject"]["status"]} == {
            "bip34", "bip65", "bip66"}
        assert info["bip9_softforks"]["csv"]["status"] == "active"
        assert info["bip9_softforks"]["segwit"]["status"] == "active"
        raise RuntimeError("boom")
    assert wait_dead(pids, timeout=1.0) == []
    assert (tmp_path / "d" / "bcoin.log").exists()  # logs stay in a directory we chose


def descendants(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        parent = todo.pop()
        for task in Path(f"/proc/{parent}/task").glob("*"):
            try:
                kids = [int(k) for k in (task / "children").read_text().split()]
            except OSError:
                continue
            found += kids
            todo += kids
    return found


def start_kite_devnet_up(home: Path) -> tuple[subprocess.Popen, dict]:
    env = dict(os.environ, XDG_DATA_HOME=str(home))
    proc = subprocess.Popen(
        [sys.executable, "-m", "wallet", "devnet", "up", "--blocks", "3", "--chain-only",
         "--dir", str(home / "devnet")],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    text = ""
    while True:
        line = proc.stdout.readline()
        if not line:
            proc.kill()
            raise AssertionError(f"kite devnet up failed: {proc.stderr.read()}")
        text += line
        if line.startswith("}"):
            return proc, json.loads(text)


def kite(home: Path, *args: str) -> str:
    done = subprocess.run([sys.executable, "-m", "wallet", *args], cwd=ROOT, timeout=60,
                          env=dict(os.environ, XDG_DATA_HOME=str(home)),
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_kite_devnet_up_cleans_up_on_sigterm(tmp_path):
    proc, info = start_kite_devnet_up(tmp_path)
    try:
        state_file = Path(info["state_file"])
        assert state_file == tmp_path / "kite" / "regtest" / "devnet.json"
        assert json.loads(state_file.read_text())["electrum_port"] == info["electrum_port"]
        with ElectrumProbe(info["electrum_host"], info["electrum_port"]) as probe:
            probe.call("server.version", "kite-test", "1.4")
            assert probe.call("blockchain.headers.subscribe")["height"] == 3
            # `mine` and `fund` find the running devnet through the state file.
            mined = json.loads(kite(tmp_path, "devnet", "mine", "2"))
            assert len(mined) == 2
            assert probe.call("blockchain.headers.subscribe")["height"] == 5
            script = p2wpkh_script(Key())
            txid = kite(tmp_path, "devnet", "fund", address(script), "25000").strip()
            assert probe.call("blockchain.scripthash.get_history", scripthash(script)) == [
                {"tx_hash": txid, "height": 5 + 101 + 1}]  # matured coins first, then a block
            # `reorg` replaces blocks; a dropped payment vanishes from the server's view.
            replaced = json.loads(kite(tmp_path, "devnet", "reorg", "2", "--drop", txid))
            assert len(replaced) == 3
            tip = probe.call("blockchain.headers.subscribe")
            assert tip["height"] == 5 + 101 + 2
            assert sha256d(bytes.fromhex(tip["hex"]))[::-1].hex() == replaced[-1]
            assert probe.call("blockchain.scripthash.get_history", scripthash(script)) == []
        children = descendants(proc.pid)
        assert len(children) >= 2
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=20) == 0
        assert not state_file.exists()
        assert wait_dead(children) == []
    finally:
        proc.kill()


def test_children_die_when_the_parent_is_killed(tmp_path):
    proc, info = start_kite_devnet_up(tmp_path)
    try:
        children = descendants(proc.pid)
        assert len(children) >= 2
        proc.kill()  # SIGKILL: no cleanup code runs; the watchdog pipes must do it
        proc.wait(timeout=5)
        assert wait_dead(children) == []
    finally:
        proc.kill()
    from wallet.devnet.state import read_devnet_state

    assert read_devnet_state(Path(info["state_file"])) is None  # a dead devnet's file is ignored
