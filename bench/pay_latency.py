"""Payment latency on the devnet: a user's wallet pays Shop through Tram, one payment after
the other, as `kite --demo` does: Tram and Shop are real `kite daemon` processes (SQLite,
BOLT 8 over loopback), the user is an in-process node (the GUI's NodeService), the chain is
bcoin + ElectrumX. Timed: the user's `pay` call, from the invoice to the preimage (the
payment's row durably paid); Shop's invoices are made before the clock starts.

Two settings per run: Tram's default fee (1000 msat + 100 ppm), which the payer's first
fee level (free) does not meet, so each payment is two trampoline attempts; then Tram's fee
set to zero, one attempt each. Prints p50, p99 and payments/s per run and the median over
runs (one world, a fresh payer per run).

    .venv/bin/python bench/pay_latency.py [-n 200] [-r 3]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("KITE_INSECURE_FAST_KDF", "1")  # the user's wallet file: a cheap KDF

from wallet.daemon.service import NodeService  # noqa: E402
from wallet.devnet.world import DevnetWorld  # noqa: E402
from wallet.keys.bip39 import generate_mnemonic  # noqa: E402
from wallet.networks import REGTEST  # noqa: E402
from wallet.storage.wallet_file import create_wallet, open_wallet  # noqa: E402

CHANNEL_SAT = 2_000_000
AMOUNT_SAT = 1_000


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def wait_for(check, what: str, timeout: float = 90.0):
    deadline = time.monotonic() + timeout
    while not (value := await check()):
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out waiting for {what}")
        await asyncio.sleep(0.1)
    return value


async def user_with_channel(world: DevnetWorld, folder: Path) -> tuple[NodeService, object]:
    """A fresh regtest wallet, funded, with a Normal channel to Tram."""
    create_wallet(folder, REGTEST, generate_mnemonic(), "", "pw")
    wallet = open_wallet(folder, "pw", network=REGTEST)
    svc = NodeService(wallet, world.electrum_server)
    svc.start()
    await svc.chain.wait_synced(60)
    address = (await svc.address())["address"]
    await asyncio.to_thread(world.fund, address, CHANNEL_SAT + 100_000)

    async def funded():
        return (await svc.balance(wait=5))["confirmed"] >= CHANNEL_SAT + 100_000
    await wait_for(funded, "the user's coins")
    await svc.handlers["channel_open"](peer=world.tram_address, amount_sat=CHANNEL_SAT)
    await asyncio.to_thread(world.mine, 3)
    manager = svc.ln.node
    for ch in manager.channels.values():
        await manager.wait_normal(ch, 90)
    return svc, wallet


async def pay_all(svc: NodeService, invoices: list[str]) -> tuple[list[float], float]:
    latencies = []
    began_all = time.perf_counter()
    for invoice in invoices:
        began = time.perf_counter()
        paid = await svc.handlers["pay"](invoice=invoice)
        latencies.append(time.perf_counter() - began)
        if paid["status"] != "paid":
            raise RuntimeError(f"a payment did not complete: {paid}")
    return latencies, time.perf_counter() - began_all


async def one_run(world: DevnetWorld, folder: Path, n: int) -> dict[str, tuple[list[float], float]]:
    svc, wallet = await user_with_channel(world, folder)
    results = {}
    try:
        for setting, fee in (("default fee", (1_000, 100)), ("fee 0", (0, 0))):
            await asyncio.to_thread(world.set_tram_fee, *fee)
            invoices = [await asyncio.to_thread(world.shop_invoice, AMOUNT_SAT, f"bench {i}")
                        for i in range(n)]
            results[setting] = await pay_all(svc, invoices)
    finally:
        await asyncio.to_thread(world.set_tram_fee, 1_000, 100)
        await svc.close()
        wallet.close()
    return results


def line(latencies: list[float], elapsed: float) -> str:
    return (f"p50 {pct(latencies, .5) * 1e3:6.1f} ms  p99 {pct(latencies, .99) * 1e3:6.1f} ms  "
            f"{len(latencies) / elapsed:5.1f} payments/s")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=200, help="sequential payments per setting and run")
    ap.add_argument("-r", type=int, default=3, help="runs (a fresh payer each)")
    args = ap.parse_args()
    print(f"devnet: user -> Tram -> Shop, {args.n} sequential payments of {AMOUNT_SAT} sat per "
          f"setting, {args.r} runs")
    summary: dict[str, list[tuple[float, float, float]]] = {}
    with tempfile.TemporaryDirectory(prefix="kite-bench-pay-") as tmp, \
            DevnetWorld(Path(tmp) / "world") as world:
        print(f"  world up in {world.startup_seconds:.1f} s")
        for run in range(1, args.r + 1):
            results = asyncio.run(one_run(world, Path(tmp) / f"user{run}", args.n))
            for setting, (latencies, elapsed) in results.items():
                print(f"  run {run} {setting:11s}: {line(latencies, elapsed)}")
                summary.setdefault(setting, []).append(
                    (pct(latencies, .5), pct(latencies, .99), len(latencies) / elapsed))
    for setting, rows in summary.items():
        p50, p99, rate = (statistics.median(col) for col in zip(*rows, strict=True))
        print(f"median {setting:11s}: p50 {p50 * 1e3:.1f} ms  p99 {p99 * 1e3:.1f} ms  "
              f"{rate:.1f} payments/s")


if __name__ == "__main__":
    main()
