"""LSPS1 (bLIP-51) as the buyer waits for it: `lsps1.create_order` (the order and its invoice
checked), then paying the order's hold invoice until the LSP has opened the channel and
released the preimage (the LSP's open: open_channel, funding_created/signed, the funding
broadcast, the order stored COMPLETED), and a `lsps1.get_order` after it.

Two real nodes with their own SQLite databases over loopback BOLT 8; the chain is the
in-process stand-in of `channel_throughput.py`. Each round buys one 100,000 sat channel,
then waits 1 s (the LSP drops LSPS messages beyond 2 a second after a burst of 20).

    .venv/bin/python bench/lsps1_order.py [-n 20]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.channel_throughput import ConfirmedChain, node, pct  # noqa: E402
from bench.payment_latency import open_normal  # noqa: E402
from wallet.ln.shell import lsps0, lsps1_provider  # noqa: E402
from wallet.lsp import lsps1  # noqa: E402

AMOUNT_SAT = 100_000


async def run(n: int) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {"create_order": [], "pay_to_completed": [], "get_order": []}
    with tempfile.TemporaryDirectory() as tmp:
        chain = ConfirmedChain()
        user, lsp = node(Path(tmp), "user", chain), node(Path(tmp), "lsp", chain)
        await user.start(listen_port=0)
        await lsp.start(listen_port=0)
        lsp.serve_lsps1()
        lsps1_provider.MAX_UNPAID_PER_CLIENT = n + 1
        try:
            await open_normal(chain, user, lsp)  # the buyer pays over it
            options = await user.lsps1.get_info(lsp.node_id)
            for _ in range(n):
                asked = lsps1.inbound_request(options, AMOUNT_SAT, refund_address=None)
                t0 = time.perf_counter()
                placed = await user.lsps1.create_order(lsp.node_id, asked)
                t1 = time.perf_counter()
                paid = await user.pay(placed.order.bolt11.invoice, timeout=60)
                t2 = time.perf_counter()
                order = await user.lsps1.get_order(lsp.node_id, placed.order.order_id)
                t3 = time.perf_counter()
                assert paid["status"] == "paid" and order.order_state == lsps1.COMPLETED
                times["create_order"].append(t1 - t0)
                times["pay_to_completed"].append(t2 - t1)
                times["get_order"].append(t3 - t2)
                # the LSP's per-peer budget (lsps0.RATE messages a second after a burst)
                # drops a faster client unread: stay under it
                await asyncio.sleep(2 / lsps0.RATE)
        finally:
            await user.stop()
            await lsp.stop()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=20, help="channels bought")
    args = parser.parse_args()
    times = asyncio.run(run(args.n))
    for name, values in times.items():
        ms = [v * 1000 for v in values]
        print(f"{name:18s} n={len(ms)}  median {statistics.median(ms):7.1f} ms  "
              f"p90 {pct(ms, 0.9):7.1f} ms  max {max(ms):7.1f} ms")


if __name__ == "__main__":
    main()
