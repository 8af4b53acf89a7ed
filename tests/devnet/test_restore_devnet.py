"""Restore from the seed words on the devnet: a user with a channel to Tram (which keeps the
user's peer-storage blob, with the channel's state) loses its wallet folder; a wallet
restored from the words alone recovers by itself (no command): the on-chain coins, then the
channel, which Tram's channel_reestablish proves current: it resumes, with the balance it had
to the millisatoshi, and pays again; nothing is broadcast. The second test SIGKILLs the
restored daemon at random points of its recovery (10 times and more) and ends at the same
figures. The third is the issue's test 1 in full: a second peer, a Kite node that keeps no
blob (`--no-peer-storage`), payments both ways on both channels, one in flight across the
loss, `kite restore`; Tram's channel resumes and settles it, the other peer closes and our
to_remote is swept, the total to the satoshi. (A Tram handing back an old blob, and peers that keep none, get the channel closed
and our to_remote swept: `tests/ln/shell/test_peer_storage_resume.py`,
`test_recovery_service.py`, the Electrum interop tests.)
"""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from tests.support import polling
from wallet.devnet.daemon_runner import RECOVERY_RETRY_ENV
from wallet.devnet.kite_node import PASSWORD, DevnetKiteNode
from wallet.devnet.state import state_path, write_devnet_state
from wallet.errors import KiteError
from wallet.keys.bip39 import generate_mnemonic
from wallet.ln.bolt11.invoice import decode_invoice
from wallet.networks import REGTEST
from wallet.storage.secrets import INSECURE_TEST_COST
from wallet.storage.wallet_file import create_wallet

pytestmark = pytest.mark.slow

CHANNEL_SAT = 300_000
FUNDS_SAT = 500_000
PAID_SAT = 40_000
SEED = int(os.environ.get("KITE_KILL_SEED") or int.from_bytes(os.urandom(4), "big"))



def poll(what: str, check, timeout: float = 120.0, interval: float = 0.2) -> Any:
    return polling.poll(what, check, timeout, interval)


def _node(name: str, folder, words: str, world) -> DevnetKiteNode:
    """A daemon whose data folder holds the devnet's state file: Tram is its network's
    default peer, as a shipped trampoline is on mainnet (the record holds no address)."""
    create_wallet(folder / "wallet", REGTEST, words, "", PASSWORD, cost=INSECURE_TEST_COST)
    data = folder / "xdg"
    write_devnet_state(world.state(), state_path(data / "kite"))
    return DevnetKiteNode(name, folder, world.electrum_address, startup_timeout=90,
                          env={"XDG_DATA_HOME": str(data)})


def _user_with_a_tram_channel(world, folder, words: str) -> tuple[int, dict]:
    """Fund, open to Tram, pay Shop through it; the user's on-chain balance then and its
    channel as it stood when the computer was lost (the folder is deleted)."""
    user = _node("User", folder, words, world)
    try:
        user.start()
        world.fund(user.call("address")["address"], FUNDS_SAT)
        poll("the user's coins", lambda: user.call("balance", wait=5)["confirmed"] >= FUNDS_SAT)
        user.call("channel_open", peer=world.tram_address, amount_sat=CHANNEL_SAT)
        world.mine(3)
        tram = world.tram_node_id
        poll("the channel to Tram", lambda: [c for c in user.call("channel_list")
                                             if c["peer"] == tram and c["state"] == "Normal"])
        paid = user.call("pay", invoice=world.shop_invoice(PAID_SAT, "before the loss"),
                         timeout=60)
        assert paid["status"] == "paid"
        [channel] = poll("the payment settled", lambda: [
            c for c in user.call("channel_list") if c["peer"] == tram and c["htlcs"] == 0
            and c["local_msat"] < (CHANNEL_SAT - PAID_SAT) * 1000])
        onchain = user.call("balance", wait=5)
        assert onchain["unconfirmed"] == 0
        time.sleep(3)  # Tram takes our peer-storage blob at its next tick
    finally:
        user.kill()
    shutil.rmtree(folder)
    return onchain["confirmed"], channel


def _recovered(node: DevnetKiteNode) -> list[dict]:
    """The restore's channels still being recovered or closed (a resumed one is a channel
    again: its row only says how it came back)."""
    return [r for r in node.call("recovery_status", rpc_timeout=10)["list"]
            if r["recovery"] != "resumed"]


def _resumed(restored: DevnetKiteNode, tram: str) -> list[dict]:
    return [c for c in restored.call("channel_list", rpc_timeout=10)
            if c["peer"] == tram and c["state"] == "Normal"]


def _check_resumed(world, restored: DevnetKiteNode, onchain_before: int,
                   channel: dict) -> dict:
    """The channel is back as it stood (same outpoint, same balance to the msat), nothing
    of it is being recovered or was closed, and the on-chain coins are untouched."""
    [again] = poll("the Tram channel resumed", lambda: _resumed(restored, world.tram_node_id))
    assert again["funding_outpoint"] == channel["funding_outpoint"]
    assert again["local_msat"] == channel["local_msat"]
    assert again["recovery"] == "resumed"  # kite channel list says how it came back
    assert _recovered(restored) == []
    balance = restored.call("balance", wait=5)
    assert balance["confirmed"] == onchain_before and balance["recovering"] == 0
    assert not [c for c in world.tram.call("channel_list")
                if c["channel_id"] == channel["channel_id"] and c["phase"] != "active"]
    return again


def test_restore_from_the_words_alone_resumes_the_tram_channel_and_pays_again(
        shared_world, tmp_path):
    world = shared_world
    words = generate_mnemonic()
    onchain, channel = _user_with_a_tram_channel(world, tmp_path / "user", words)
    restored = _node("Restored", tmp_path / "restored", words, world)
    try:
        restored.start()
        poll("the on-chain coins", lambda: restored.call("balance", wait=5)["confirmed"]
             == onchain)
        again = _check_resumed(world, restored, onchain, channel)
        paid = restored.call("pay", invoice=world.shop_invoice(PAID_SAT, "after the restore"),
                             timeout=60)
        assert paid["status"] == "paid"
        [after] = poll("the payment settled", lambda: [
            c for c in _resumed(restored, world.tram_node_id)
            if c["htlcs"] == 0 and c["local_msat"] < again["local_msat"]])
        fee_msat = paid["fee_msat"] or 0
        assert after["local_msat"] == again["local_msat"] - PAID_SAT * 1000 - fee_msat
        assert restored.call("balance", wait=5)["confirmed"] == onchain
    finally:
        restored.stop()


def test_restore_killed_again_and_again_during_recovery_ends_the_same(shared_world, tmp_path):
    world = shared_world
    print(f"restore kill -9 seed: {SEED} (replay with KITE_KILL_SEED={SEED})")
    rng = random.Random(SEED)
    words = generate_mnemonic()
    onchain, channel = _user_with_a_tram_channel(world, tmp_path / "user", words)
    restored = _node("Restored", tmp_path / "restored", words, world)
    kills = 0
    try:
        while True:
            restored.start()
            rows = poll("the daemon answering", lambda: _recovered(restored) is not None)
            rows = _recovered(restored)
            if kills >= 10 and not rows and _resumed(restored, world.tram_node_id):
                break
            time.sleep(rng.uniform(0.0, 3.0))  # somewhere in scan, blob, reestablish, resume
            if rng.random() < 0.5:
                world.mine(1)
            restored.kill()
            kills += 1
            print(f"kill {kills}: {[r['recovery'] for r in rows]}", flush=True)
            if kills > 60:
                raise AssertionError("the recovery did not end within 60 restarts")
        _check_resumed(world, restored, onchain, channel)
        assert kills >= 10
    finally:
        restored.stop()


# -- issue 13's test 1 in full: a peer that keeps our blob and one that keeps nothing ----------

BOB_CHANNEL_SAT = 200_000
IN_FLIGHT_SAT = 12_000


def _tx(world, txid: str):
    """A transaction as the devnet's Electrum server has it."""
    from bitcoin.core import CTransaction

    with world.chain.electrum() as probe:
        probe.call("server.version", "kite-restore-test", "1.4")
        return CTransaction.deserialize(bytes.fromhex(
            probe.call("blockchain.transaction.get", txid)))


def _channel_with(node: DevnetKiteNode, peer: str, **match: Any) -> list[dict]:
    return [c for c in node.call("channel_list", rpc_timeout=10) if c["peer"] == peer
            and c["state"] == "Normal" and all(c[k] == v for k, v in match.items())]


#: seconds before the restored wallet asks a peer again to close (60 s by default): Bob's
#: address comes from Tram's blob after the first attempt found none, so the second ask closes
RECOVERY_RETRY = "3"


def _kite_restore(name: str, folder, words: str, world) -> DevnetKiteNode:
    """`kite restore` as a user runs it, the words alone on its input; the daemon's data
    folder holds the devnet's state file (Tram is the network's default peer). It asks
    its peers to close again every RECOVERY_RETRY seconds."""
    folder.mkdir(parents=True)
    done = subprocess.run(
        [sys.executable, "-m", "wallet", "--network", "regtest", "--wallet",
         str(folder / "wallet"), "restore"], input=words + "\n", text=True,
        capture_output=True, env=dict(os.environ, KITE_PASSWORD=PASSWORD), timeout=120,
        cwd=Path(__file__).resolve().parents[2])
    assert done.returncode == 0 and "Restored" in done.stdout, done.stderr
    data = folder / "xdg"
    write_devnet_state(world.state(), state_path(data / "kite"))
    return DevnetKiteNode(name, folder, world.electrum_address, startup_timeout=90,
                          env={"XDG_DATA_HOME": str(data), RECOVERY_RETRY_ENV: RECOVERY_RETRY})


def _paid(result: dict) -> int:
    assert result["status"] == "paid", result
    return int(result["fee_msat"] or 0)


def test_restore_resumes_the_tram_channel_and_gets_the_storageless_peers_funds_to_the_sat(
        shared_world, tmp_path):
    """Issue 13, test 1: channels to Tram (which keeps our blob) and to Bob, a second Kite
    node started with --no-peer-storage; payments both ways on both, and one payment in
    flight (Shop is stopped while it holds the HTLC) when the wallet's folder is deleted.
    Restored from the words alone: the Tram channel resumes with the HTLC, which settles when
    Shop runs again, and pays again; Bob's address comes from Tram's blob, Bob is asked to
    close and our to_remote is swept. What the wallet holds at the end is computed from the
    payments' fees and the transactions on chain, to the satoshi. The wallet is restored
    by `kite restore` itself, from the words alone."""
    world = shared_world
    tram = world.tram_node_id
    words = generate_mnemonic()
    bob = DevnetKiteNode("Bob", tmp_path / "bob", world.electrum_address,
                         daemon_options=["--no-peer-storage"], startup_timeout=90)
    user = _node("User", tmp_path / "user", words, world)
    shop_node = world._node("shop")
    stopped: list[bool] = []
    restored: DevnetKiteNode | None = None
    try:
        bob.start()
        user.start()
        world.fund(user.call("address")["address"], 2 * FUNDS_SAT)
        poll("the user's coins", lambda: user.call("balance", wait=5)["confirmed"]
             >= 2 * FUNDS_SAT)
        user.call("channel_open", peer=world.tram_address, amount_sat=CHANNEL_SAT)
        user.call("channel_open", peer=bob.address, amount_sat=BOB_CHANNEL_SAT)
        world.mine(3)
        poll("both channels", lambda: _channel_with(user, tram) and _channel_with(user, bob.node_id))
        poll("Bob's side", lambda: _channel_with(bob, user.node_id))

        # both directions on both channels
        fee_out = _paid(user.call("pay", invoice=world.shop_invoice(PAID_SAT, "out via Tram"),
                                  timeout=60))
        got = user.call("invoice", amount_sat=15_000, description="in via Tram")["invoice"]
        _paid(world.shop_pay(got))
        _paid(user.call("pay", invoice=bob.call("invoice", amount_sat=30_000,
                                                description="to Bob")["invoice"], timeout=60))
        got = user.call("invoice", amount_sat=9_000, description="from Bob")["invoice"]
        _paid(bob.call("pay", invoice=got, timeout=60))

        # one payment in flight at the moment of loss: Shop is stopped, Tram holds the HTLC
        held_invoice = world.shop_invoice(IN_FLIGHT_SAT, "in flight across the restore")
        os.killpg(shop_node.child.proc.pid, signal.SIGSTOP)
        stopped.append(True)
        in_flight = threading.Thread(target=lambda: _ignore(lambda: user.call(
            "pay", invoice=held_invoice, timeout=120, rpc_timeout=150)), daemon=True)
        in_flight.start()
        [tram_channel] = poll("the HTLC committed with Tram", lambda: _channel_with(
            user, tram, htlcs=1))
        poll("Tram's side holds it", lambda: [c for c in world.tram.call("channel_list")
                                              if c["peer"] == user.node_id and c["htlcs"] == 1])
        [bob_channel] = _channel_with(user, bob.node_id, htlcs=0)
        onchain = user.call("balance", wait=5)
        assert onchain["unconfirmed"] == 0
        time.sleep(3)  # Tram takes our peer-storage blob (with the HTLC) at its next tick
        user.kill()
        in_flight.join(10)
        shutil.rmtree(tmp_path / "user")

        # the words alone
        restored = _kite_restore("Restored", tmp_path / "restored", words, world)
        restored.start()
        poll("the on-chain coins", lambda: restored.call("balance", wait=5)["confirmed"]
             == onchain["confirmed"])
        [again] = poll("the Tram channel resumed, HTLC and all",
                       lambda: _channel_with(restored, tram, htlcs=1))
        assert again["funding_outpoint"] == tram_channel["funding_outpoint"]
        assert again["local_msat"] == tram_channel["local_msat"]
        os.killpg(shop_node.child.proc.pid, signal.SIGCONT)
        stopped.clear()
        [settled] = poll("the held payment settled", lambda: _channel_with(
            restored, tram, htlcs=0), timeout=180)
        assert settled["local_msat"] == tram_channel["local_msat"]  # the HTLC was ours already
        # the restored wallet knew nothing of that payment: it is in its history, paid
        held_hash = decode_invoice(held_invoice).payment_hash.hex()
        [held] = poll("the held payment in the history", lambda: [
            p for p in restored.call("payments") if p["payment_hash"] == held_hash
            and p["status"] == "paid"])
        assert held["direction"] == "out" and held["preimage"]
        assert held["amount_msat"] >= IN_FLIGHT_SAT * 1000  # with the fee it carried
        fee_after = _paid(restored.call("pay", invoice=world.shop_invoice(
            PAID_SAT, "after the restore"), timeout=60))
        [after] = poll("the new payment settled", lambda: _channel_with(
            restored, tram, htlcs=0, local_msat=settled["local_msat"] - PAID_SAT * 1000
            - fee_after))

        # Bob: asked to close (its address came from Tram's blob), our to_remote swept
        def swept() -> list[dict]:
            world.mine(1)
            return [r for r in restored.call("recovery_status", rpc_timeout=10)["list"]
                    if r["funding_outpoint"] == bob_channel["funding_outpoint"]
                    and r["recovery"] == "swept" and r["sweep_txid"]]
        [row] = poll("Bob's channel closed and our output swept", swept, timeout=240,
                     interval=2.0)
        sweep = _tx(world, row["sweep_txid"])
        [txin] = sweep.vin
        commitment = _tx(world, txin.prevout.hash[::-1].hex())
        [funding_in] = commitment.vin
        assert (f"{funding_in.prevout.hash[::-1].hex()}:{funding_in.prevout.n}"
                == bob_channel["funding_outpoint"])
        anchors = sum(o.nValue for o in commitment.vout if o.nValue == 330)
        commitment_fee = BOB_CHANNEL_SAT - sum(o.nValue for o in commitment.vout)
        to_remote = commitment.vout[txin.prevout.n].nValue
        # we opened: the commitment's fee and its anchors come out of our side
        assert to_remote == bob_channel["local_msat"] // 1000 - commitment_fee - anchors
        [out] = sweep.vout
        sweep_fee = to_remote - out.nValue
        assert 0 < sweep_fee < 2_000 and 0 < commitment_fee < 5_000
        expected_onchain = onchain["confirmed"] + out.nValue
        poll("the sweep in the balance", lambda: restored.call("balance", wait=5)["confirmed"]
             == expected_onchain)
        balance = restored.call("balance", wait=5)
        assert balance["recovering"] == 0
        # the whole wallet: what it had, less what the payments and the transactions cost
        lightning = sum(c["local_msat"] for c in restored.call("channel_list")
                        if c["phase"] == "active")
        assert lightning == after["local_msat"]
        before_total = onchain["confirmed"] * 1000 + tram_channel["local_msat"] \
            + bob_channel["local_msat"]
        assert balance["confirmed"] * 1000 + lightning == (
            before_total - PAID_SAT * 1000 - fee_after
            - (bob_channel["local_msat"] % 1000) - (commitment_fee + anchors + sweep_fee) * 1000)
        print(f"restore test 1: Tram resumed at {again['local_msat']} msat, held HTLC "
              f"settled, paid again (fee {fee_after} msat, before the loss {fee_out}); Bob "
              f"closed: {to_remote} sat on its commitment (fee {commitment_fee}, anchors "
              f"{anchors}), swept for {sweep_fee}: on-chain {balance['confirmed']} sat")
    finally:
        if stopped:
            os.killpg(shop_node.child.proc.pid, signal.SIGCONT)
        for node in (restored, user, bob):
            if node is not None:
                node.stop()


def _ignore(call) -> None:
    """The payment in flight when its wallet is killed: its call ends with the daemon."""
    with contextlib.suppress(KiteError, OSError):
        call()
