"""Latency of one BOLT 12 payment as the user waits for it, by the shape of the shop's
blinded path: one hop (the path starts at the shop: the user's trampoline, Tram, pays into
it) and two hops (the path starts at Tram, which relays into the route as its introduction
node: the user never learns the shop's node id). User -> Tram -> Shop over three real
`ChannelManager`s (SQLite synchronous=FULL, BOLT 8 over loopback TCP), as
`payment_latency.py`; invoices are made by the shop directly (no onion-message exchange),
payments are sequential.

    .venv/bin/python bench/blinded_latency.py [-n 30] [-r 3]
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
from bench.payment_latency import open_normal  # noqa: E402
from wallet.ln.bolt12.invoice_request import build_invoice_request  # noqa: E402
from wallet.ln.bolt12.message import chain_hash  # noqa: E402
from wallet.ln.bolt12.offer import Offer  # noqa: E402
from wallet.ln.htlc.relay_policy import RelayPolicy  # noqa: E402
from wallet.ln.shell.forwarder import TrampolineForwarder  # noqa: E402
from wallet.networks import REGTEST  # noqa: E402

CHAIN = chain_hash(REGTEST.genesis_hash)
AMOUNT = 100_000


def invoice(shop, via: bytes | None):
    offer = Offer.build(description="bench", amount=AMOUNT, issuer_id=shop.node_id,
                        chains=(CHAIN,))
    request = build_invoice_request(offer, os.urandom(32), os.urandom(16), chain=CHAIN)
    return shop.payments.create_offer_invoice(request, AMOUNT, via=via)


async def one_run(n: int) -> tuple[list[float], list[float]]:
    with tempfile.TemporaryDirectory() as tmp:
        chain = ConfirmedChain()
        user, tram, shop = (node(Path(tmp), name, chain) for name in ("user", "tram", "shop"))
        TrampolineForwarder(tram, RelayPolicy(0, 0, 144)).install()
        for x in (user, tram, shop):
            await x.start(listen_port=0)
        try:
            await open_normal(chain, user, tram)
            await open_normal(chain, tram, shop)
            one_hop, two_hops = [], []
            for _ in range(n):
                for via, times in ((None, one_hop), (tram.node_id, two_hops)):
                    inv = invoice(shop, via)
                    t = time.perf_counter()
                    result = await user.payments.pay_bolt12(inv, max_fee_msat=50_000)
                    times.append(time.perf_counter() - t)
                    if result["status"] != "paid":
                        raise RuntimeError(f"not paid: {result}")
            return one_hop, two_hops
        finally:
            for x in (user, tram, shop):
                await x.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=30, help="payments of each shape per run")
    parser.add_argument("-r", type=int, default=3, help="repeats (median reported)")
    args = parser.parse_args()
    os.environ.setdefault("KITE_INSECURE_FAST_KDF", "1")
    print(f"BOLT 12 payment latency: {args.n} one-hop-path + {args.n} two-hop-path payments "
          f"per run, {args.r} runs, one in flight")
    o50s, t50s, o99s, t99s = [], [], [], []
    for run in range(args.r):
        one_hop, two_hops = asyncio.run(one_run(args.n))
        o50, o99 = pct(one_hop, 0.5) * 1000, pct(one_hop, 0.99) * 1000
        t50, t99 = pct(two_hops, 0.5) * 1000, pct(two_hops, 0.99) * 1000
        o50s.append(o50)
        o99s.append(o99)
        t50s.append(t50)
        t99s.append(t99)
        print(f"  run {run + 1}: one-hop path (trampoline pays into it) p50 {o50:6.1f} ms "
              f"p99 {o99:6.1f} ms   two-hop path (Tram relays inside it) p50 {t50:6.1f} ms "
              f"p99 {t99:6.1f} ms")
    print(f"median: one-hop p50 {statistics.median(o50s):.1f} ms, p99 "
          f"{statistics.median(o99s):.1f} ms; two-hop p50 {statistics.median(t50s):.1f} ms, "
          f"p99 {statistics.median(t99s):.1f} ms")


if __name__ == "__main__":
    main()
