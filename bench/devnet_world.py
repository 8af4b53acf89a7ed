"""The devnet world as `kite devnet up` and `kite --demo` start it: how long until Tram and
Shop are up with their channel Normal, and how long a user's payment to Shop takes through
Tram when every node is a real `kite daemon` (JSON-RPC over its socket, SQLite, BOLT 8).

Each run starts a fresh world (bcoin + ElectrumX + Tram + Shop), then a user daemon opens
a channel to Tram and pays N Shop invoices one after the other (the payer's own route
choice: trampoline at rising fee levels, so each payment is two attempts with Tram's
default fee), then Shop pays N invoices of the user (trampoline again: Tram pays the
user, its channel peer, from what the user paid first, above its channel reserve). Prints
each run and the median over runs.

    .venv/bin/python bench/devnet_world.py [-n 20] [-r 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from wallet.devnet.kite_node import DevnetKiteNode  # noqa: E402
from wallet.devnet.world import DevnetWorld  # noqa: E402


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def one_run(n: int) -> tuple[float, list[float], list[float]]:
    with tempfile.TemporaryDirectory(prefix="kite-bench-world-") as tmp, \
            DevnetWorld(Path(tmp) / "world") as world:
        user = DevnetKiteNode("User", Path(tmp) / "user", world.electrum_address).start()
        try:
            world.fund(user.call("address")["address"], 2_000_000)
            user.wait("coins", lambda: user.call("balance", wait=5)["confirmed"] == 2_000_000)
            user.call("channel_open", peer=world.tram_address, amount_sat=1_000_000)
            world.mine(3)
            user.wait("the channel", lambda: any(c["state"] == "Normal"
                                                 for c in user.call("channel_list")))
            out, back = [], []
            for i in range(n):
                invoice = world.shop_invoice(20_000 + i, "bench")
                began = time.perf_counter()
                user.call("pay", invoice=invoice)
                out.append(time.perf_counter() - began)
            for i in range(n):
                invoice = user.call("invoice", amount_sat=500 + i)["invoice"]
                began = time.perf_counter()
                world.shop_pay(invoice)
                back.append(time.perf_counter() - began)
        finally:
            user.stop()
        return world.startup_seconds or 0.0, out, back


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=20, help="payments each way per run")
    ap.add_argument("-r", type=int, default=3, help="runs (fresh worlds)")
    args = ap.parse_args()
    print(f"devnet world: start-up, then {args.n} user->Shop and {args.n} Shop->user payments "
          f"through Tram per run, {args.r} runs (every node a kite daemon)")
    startups, p50_out, p50_back = [], [], []
    for run in range(1, args.r + 1):
        startup, out, back = one_run(args.n)
        startups.append(startup)
        p50_out.append(pct(out, 0.5))
        p50_back.append(pct(back, 0.5))
        print(f"  run {run}: start-up {startup:5.2f} s   user->Shop p50 {pct(out, .5) * 1e3:6.1f} "
              f"ms p99 {pct(out, .99) * 1e3:6.1f} ms   Shop->user p50 {pct(back, .5) * 1e3:6.1f} "
              f"ms p99 {pct(back, .99) * 1e3:6.1f} ms")
    print(f"median: start-up {statistics.median(startups):.2f} s, user->Shop p50 "
          f"{statistics.median(p50_out) * 1e3:.1f} ms, Shop->user p50 "
          f"{statistics.median(p50_back) * 1e3:.1f} ms")


if __name__ == "__main__":
    main()
