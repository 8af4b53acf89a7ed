"""Latency of one payment as the user waits for it: direct (payee = channel peer) and through
a trampoline (User -> Tram -> Shop, the Shop's invoice paid "legacy" by the trampoline).

Three real `ChannelManager`s with their own SQLite databases (WAL, synchronous=FULL,
persist before send), BOLT 8 over loopback TCP, the real trampoline forwarder on Tram; the
chain is the in-process stand-in of `channel_throughput.py`. Payments are sequential (one in
flight); the fee budget covers Tram's fee at the first level that pays it, so every
trampoline payment here is one attempt. `--fee-levels` makes Tram ask more than the first
levels, to measure the retries too.

    .venv/bin/python bench/payment_latency.py [-n 50] [-r 5] [--fee-levels]

Electrum 4.3.4 on this machine, for comparison (DESIGN.md): trampoline p50 about 440 ms,
direct about 280 ms.
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

from bench.channel_throughput import ConfirmedChain, node, pct  # noqa: E402
from wallet.ln.htlc.relay_policy import RelayPolicy
from wallet.ln.shell.forwarder import TrampolineForwarder  # noqa: E402

FUNDING_SAT = 10_000_000


async def open_normal(chain, x, y, amount_sat: int = FUNDING_SAT):
    ch = await x.open_channel(y.node_id, "127.0.0.1", y.listen_port, amount_sat)
    await x.wait_normal(ch, 30)
    for _ in range(500):
        theirs = [c for c in y.channels.values() if c.channel_id == ch.channel_id]
        if theirs:
            await y.wait_normal(theirs[0], 30)
            return
        await asyncio.sleep(0.01)
    raise RuntimeError("the channel did not appear on the other side")


async def one_run(n: int, fee_levels: bool) -> tuple[list[float], list[float], int]:
    with tempfile.TemporaryDirectory() as tmp:
        chain = ConfirmedChain()
        user, tram, shop = (node(Path(tmp), name, chain) for name in ("user", "tram", "shop"))
        await user.start(listen_port=0)
        await tram.start(listen_port=0)
        await shop.start(listen_port=0)
        policy = RelayPolicy(5_000, 1_000, 144) if fee_levels else RelayPolicy(0, 0, 144)
        TrampolineForwarder(tram, policy).install()
        try:
            await open_normal(chain, user, tram)
            await open_normal(chain, tram, shop)
            direct, trampoline = [], []
            for i in range(n):
                invoice = tram.create_invoice(100_000, f"direct {i}")
                t = time.perf_counter()
                await user.pay(invoice)
                direct.append(time.perf_counter() - t)
                invoice = shop.create_invoice(100_000, f"trampoline {i}")
                t = time.perf_counter()
                result = await user.pay(invoice)
                trampoline.append(time.perf_counter() - t)
            attempts = len(user.payment_log.htlcs_for(bytes.fromhex(result["payment_hash"])))
            return direct, trampoline, attempts
        finally:
            for x in (user, tram, shop):
                await x.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=50, help="payments of each kind per run")
    parser.add_argument("-r", type=int, default=5, help="repeats (median reported)")
    parser.add_argument("--fee-levels", action="store_true",
                        help="Tram asks more than the first fee levels (retries measured)")
    args = parser.parse_args()
    os.environ.setdefault("KITE_INSECURE_FAST_KDF", "1")
    print(f"payment latency: {args.n} direct + {args.n} trampoline payments per run, "
          f"{args.r} runs, one in flight (3 ChannelManagers, SQLite synchronous=FULL, "
          "BOLT 8 over loopback TCP)")
    d50s, d99s, t50s, t99s = [], [], [], []
    for run in range(args.r):
        direct, trampoline, attempts = asyncio.run(one_run(args.n, args.fee_levels))
        d50, d99 = pct(direct, 0.5) * 1000, pct(direct, 0.99) * 1000
        t50, t99 = pct(trampoline, 0.5) * 1000, pct(trampoline, 0.99) * 1000
        d50s.append(d50)
        d99s.append(d99)
        t50s.append(t50)
        t99s.append(t99)
        print(f"  run {run + 1}: direct p50 {d50:6.1f} ms p99 {d99:6.1f} ms   trampoline "
              f"p50 {t50:6.1f} ms p99 {t99:6.1f} ms ({attempts} attempt(s) each)")
    print(f"median: direct p50 {statistics.median(d50s):.1f} ms, p99 "
          f"{statistics.median(d99s):.1f} ms; trampoline p50 {statistics.median(t50s):.1f} ms, "
          f"p99 {statistics.median(t99s):.1f} ms")


if __name__ == "__main__":
    main()
