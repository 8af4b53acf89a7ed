"""Latency of a BOLT 12 payment in one part and in two parts (basic_mpp) over the shop's
two-hop blinded path Tram -> Shop, the user holding two channels to Tram (the path's
introduction node, so no trampoline): a payment one channel carries goes whole; one no
channel carries is split over both, Tram relays each part into the blinded route and the
shop gathers them. Three real `ChannelManager`s (SQLite synchronous=FULL, BOLT 8 over
loopback TCP); each sample is a fresh world (a two-part payment uses most of the user's
two channels), so the figure is one payment as the user waits for it.

    .venv/bin/python bench/blinded_mpp_latency.py [-n 10]
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

from bench.channel_throughput import ConfirmedChain, node  # noqa: E402
from bench.payment_latency import open_normal  # noqa: E402
from wallet.ln.bolt12.invoice_request import build_invoice_request  # noqa: E402
from wallet.ln.bolt12.message import chain_hash  # noqa: E402
from wallet.ln.bolt12.offer import Offer  # noqa: E402
from wallet.ln.htlc.relay_policy import RelayPolicy  # noqa: E402
from wallet.ln.shell.forwarder import TrampolineForwarder  # noqa: E402
from wallet.networks import REGTEST  # noqa: E402

CHAIN = chain_hash(REGTEST.genesis_hash)
CHANNEL_SAT = 100_000
WHOLE_MSAT = 40_000_000  # fits one channel
SPLIT_MSAT = 120_000_000  # fits neither: two parts


def invoice(shop, tram, amount_msat: int):
    offer = Offer.build(description="bench", amount=amount_msat, issuer_id=shop.node_id,
                        chains=(CHAIN,))
    request = build_invoice_request(offer, os.urandom(32), os.urandom(16), chain=CHAIN)
    return shop.payments.create_offer_invoice(request, amount_msat, via=tram.node_id)


async def one_sample() -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as tmp:
        chain = ConfirmedChain()
        user, tram, shop = (node(Path(tmp), name, chain) for name in ("user", "tram", "shop"))
        TrampolineForwarder(tram, RelayPolicy(1_000, 100, 144)).install()
        for x in (user, tram, shop):
            await x.start(listen_port=0)
        try:
            for _ in range(2):
                await open_normal(chain, user, tram, CHANNEL_SAT)
            await open_normal(chain, tram, shop, 4 * CHANNEL_SAT)
            took = []
            for amount in (WHOLE_MSAT, SPLIT_MSAT):
                inv = invoice(shop, tram, amount)
                t = time.perf_counter()
                result = await user.payments.pay_bolt12(inv, max_fee_msat=1_000_000)
                took.append(time.perf_counter() - t)
                if result["status"] != "paid":
                    raise RuntimeError(f"not paid: {result}")
            return took[0], took[1]
        finally:
            for x in (user, tram, shop):
                await x.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=10, help="samples (fresh worlds)")
    args = parser.parse_args()
    os.environ.setdefault("KITE_INSECURE_FAST_KDF", "1")
    print(f"BOLT 12 payment over a two-hop blinded path: {WHOLE_MSAT // 1000} sat in one part, "
          f"{SPLIT_MSAT // 1000} sat in two (channels of {CHANNEL_SAT} sat), {args.n} samples")
    whole, split = [], []
    for i in range(args.n):
        w, s = asyncio.run(one_sample())
        whole.append(w * 1000)
        split.append(s * 1000)
        print(f"  sample {i + 1}: one part {whole[-1]:6.1f} ms   two parts {split[-1]:6.1f} ms")
    print(f"median: one part {statistics.median(whole):.1f} ms, two parts "
          f"{statistics.median(split):.1f} ms")


if __name__ == "__main__":
    main()
