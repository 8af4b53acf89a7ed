"""Restore from the seed on the devnet: a wallet with N used addresses and K channels to Tram
(a real `kite daemon`) loses its folder; the same words are restored into a new one and its
daemon started. Timed from the daemon's launch: the on-chain balance back in full, every
channel found (records, peer storage) and either resumed (its state in Tram's blob, proven
current by Tram's channel_reestablish) or its close requested of Tram (a channel whose state
did not fit in the blob). Figures are printed, never asserted.

    .venv/bin/python bench/restore.py [--addresses 1000] [--channels 20]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from wallet.devnet.kite_node import PASSWORD, DevnetKiteNode  # noqa: E402
from wallet.devnet.state import state_path, write_devnet_state  # noqa: E402
from wallet.devnet.world import DevnetWorld  # noqa: E402
from wallet.errors import KiteError  # noqa: E402
from wallet.keys.bip39 import generate_mnemonic  # noqa: E402
from wallet.keys.wallet_keys import WalletKeys  # noqa: E402
from wallet.networks import REGTEST  # noqa: E402
from wallet.storage.secrets import INSECURE_TEST_COST  # noqa: E402
from wallet.storage.wallet_file import create_wallet  # noqa: E402

ADDRESS_SAT = 20_000
CHANNEL_SAT = 60_000


def until(what: str, check, timeout: float = 600.0, interval: float = 0.05):
    deadline = time.monotonic() + timeout
    while True:
        try:
            value = check()
            if value:
                return value
        except KiteError:
            pass
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out waiting for {what}")
        time.sleep(interval)


def node(name: str, folder: Path, words: str, world: DevnetWorld) -> DevnetKiteNode:
    """A daemon whose data folder holds the devnet's state file: Tram is its network's
    default peer (the recovery record holds no address), as on mainnet a shipped one."""
    create_wallet(folder / "wallet", REGTEST, words, "", PASSWORD, cost=INSECURE_TEST_COST)
    data = folder / "xdg"
    write_devnet_state(world.state(), state_path(data / "kite"))
    return DevnetKiteNode(name, folder, world.electrum_address, startup_timeout=120,
                          env={"XDG_DATA_HOME": str(data)})


def build(world: DevnetWorld, folder: Path, words: str, addresses: int, channels: int
          ) -> tuple[int, int]:
    """The wallet to lose: N used addresses, K channels to Tram. (balance, channels)."""
    keys = WalletKeys.from_mnemonic(words, "", REGTEST)
    for i in range(addresses):
        world.fund(keys.receive_address(i), ADDRESS_SAT, confirm=False)
        if i % 20 == 19:  # the devnet's coins chain in its mempool: 25 at most
            world.mine(1)
    world.mine(1)
    user = node("User", folder, words, world)
    try:
        user.start()
        total = addresses * ADDRESS_SAT
        until("the funds", lambda: user.call("balance", wait=5)["confirmed"] == total)
        for i in range(channels):  # one at a time: Tram takes 3 unconfirmed opens at most
            user.call("channel_open", peer=world.tram_address, amount_sat=CHANNEL_SAT)
            world.mine(3)
            until("the channel", lambda i=i: sum(c["state"] == "Normal"
                                                 for c in user.call("channel_list")) == i + 1)
            print(f"  channel {i + 1}/{channels} open", flush=True)
        time.sleep(3)  # Tram takes our peer-storage blob at its next tick
        until("no unconfirmed coins", lambda: user.call("balance", wait=5)["unconfirmed"] == 0)
        balance = user.call("balance", wait=5)["confirmed"]
    finally:
        user.kill()
    shutil.rmtree(folder)
    return balance, channels


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--addresses", type=int, default=1000)
    parser.add_argument("--channels", type=int, default=20)
    args = parser.parse_args()
    base = Path(tempfile.mkdtemp(prefix="kite-bench-restore-"))
    try:
        with DevnetWorld(base / "world") as world:
            words = generate_mnemonic()
            t = time.monotonic()
            balance, channels = build(world, base / "user", words, args.addresses,
                                      args.channels)
            print(f"built: {args.addresses} used addresses, {channels} channels, "
                  f"{balance:,} sat on-chain ({time.monotonic() - t:.0f} s)")
            restored = node("Restored", base / "restored", words, world)
            start = time.monotonic()
            restored.launch()
            restored.wait_ready()
            ready = time.monotonic() - start
            until("the on-chain balance", lambda: restored.call(
                "balance", wait=0)["confirmed"] == balance)
            onchain = time.monotonic() - start

            counts = {"resumed": 0, "asked": 0}

            def all_done() -> bool:
                rows = restored.call("recovery_status", rpc_timeout=10)["list"]
                resumed = [c for c in restored.call("channel_list", rpc_timeout=10)
                           if c["state"] == "Normal"]
                asked = [r for r in rows if r["recovery"] not in ("found", "resumed")]
                rows = [r for r in rows if r["recovery"] != "resumed"]
                counts.update(resumed=len(resumed), asked=len(asked))
                return len(resumed) + len(asked) == channels and len(rows) == len(asked)

            until("every channel resumed or its close requested", all_done)
            asked = time.monotonic() - start
            restored.stop()
            print(f"daemon answering: {ready:.2f} s")
            print(f"on-chain balance back ({args.addresses} addresses): {onchain:.2f} s "
                  "(target 5 s)")
            print(f"every channel resumed or its close requested ({counts['resumed']} "
                  f"resumed, {counts['asked']} asked to close): {asked:.2f} s (target 10 s)")
    finally:
        if not os.environ.get("KITE_KEEP_BENCH"):
            shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
