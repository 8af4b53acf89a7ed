"""Payments per second over one channel between two Kite nodes.

Two real `ChannelManager`s, each with its own SQLite database (WAL, synchronous=FULL, one
transaction per state step, persist before send), talking BOLT 8 over TCP on loopback. The
chain is an in-process stand-in that is honest for this purpose: it accepts the funding
transaction the funder builds (an input from a made-up coin, never checked) and reports it
confirmed at the depth asked, so the channel reaches Normal; nothing else touches the chain
during the run. Payments are direct (payee = channel peer): invoice, onion, HTLC, two
commitment rounds, fulfill.

Each repeat opens a fresh channel, sends N payments with K in flight (each `pay` waits for
its preimage), and reports payments/s and p50/p99 latency; the median of the repeats is
printed last.

    .venv/bin/python bench/channel_throughput.py [-n 500] [-k 10] [-r 5] [--profile]
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import os
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bitcoin.core import COutPoint, CTransaction, CTxIn, CTxOut  # noqa: E402

from wallet.keys.lightning import LightningKeys  # noqa: E402
from wallet.ln.channel import events as ev  # noqa: E402
from wallet.ln.channel_manager import ChannelManager, FundingStatus  # noqa: E402
from wallet.ln.channel_store import ChannelStore  # noqa: E402
from wallet.ln.peer import PeerConfig, chain_hash  # noqa: E402
from wallet.ln.wire.primitives import ShortChannelId  # noqa: E402
from wallet.networks import REGTEST  # noqa: E402
from wallet.storage.database import Database  # noqa: E402

FUNDING_SAT = 10_000_000


class ConfirmedChain:
    """Funding transactions are accepted and confirmed at once (6 blocks deep)."""

    def __init__(self) -> None:
        self.tip_height = 1_000
        self.heights: dict[bytes, int] = {}

    async def feerate_per_kw(self) -> int:
        return 2_500

    def close_script(self) -> bytes:
        return bytes.fromhex("0014") + bytes(20)

    async def build_funding(self, script: bytes, amount_sat: int) -> bytes:
        tx = CTransaction([CTxIn(COutPoint(os.urandom(32), 0))],
                          [CTxOut(amount_sat, script)], nVersion=2)
        return tx.serialize()

    async def broadcast(self, raw: bytes, what: str) -> None:
        self.heights.setdefault(CTransaction.deserialize(raw).GetTxid(), self.tip_height - 5)

    async def funding_status(self, watch: ev.WatchFundingOutput) -> FundingStatus:
        height = self.heights.get(watch.txid)
        if height is None:
            return FundingStatus()
        return FundingStatus(self.tip_height - height + 1,
                             ShortChannelId(height, 1, watch.output_index))


def node(folder: Path, name: str, chain: ConfirmedChain) -> ChannelManager:
    keys = LightningKeys.from_seed(os.urandom(32), REGTEST)
    store = ChannelStore(Database(folder / f"{name}.sqlite"))
    config = PeerConfig(chain_hash=chain_hash(REGTEST), ping_interval=60)
    return ChannelManager(keys, REGTEST, store, chain, peer_config=config, poll_interval=0.05)


async def one_run(n: int, k: int, profile: cProfile.Profile | None) -> tuple[float, list[float]]:
    with tempfile.TemporaryDirectory() as tmp:
        chain = ConfirmedChain()
        a, b = node(Path(tmp), "a", chain), node(Path(tmp), "b", chain)
        await a.start()
        await b.start(listen_port=0)
        try:
            ch = await a.open_channel(b.node_id, "127.0.0.1", b.listen_port, FUNDING_SAT)
            await a.wait_normal(ch, 30)
            await b.wait_normal(next(iter(b.channels.values())), 30)
            invoices = [b.create_invoice(1_000_000, f"bench {i}") for i in range(n)]
            latencies: list[float] = []
            slots = asyncio.Semaphore(k)

            async def pay(invoice: str) -> None:
                async with slots:
                    t = time.perf_counter()
                    await a.pay(invoice, timeout=60)
                    latencies.append(time.perf_counter() - t)

            if profile:
                profile.enable()
            start = time.perf_counter()
            await asyncio.gather(*(pay(i) for i in invoices))
            elapsed = time.perf_counter() - start
            if profile:
                profile.disable()
            return n / elapsed, latencies
        finally:
            await a.stop()
            await b.stop()


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=500, help="payments per run")
    parser.add_argument("-k", type=int, default=10, help="payments in flight at once")
    parser.add_argument("-r", type=int, default=5, help="repeats (median reported)")
    parser.add_argument("--profile", action="store_true", help="cProfile the payment phase")
    args = parser.parse_args()
    os.environ.setdefault("KITE_INSECURE_FAST_KDF", "1")
    profile = cProfile.Profile() if args.profile else None
    rates, p50s, p99s = [], [], []
    print(f"channel throughput: {args.n} payments, {args.k} in flight, {args.r} runs "
          "(2 ChannelManagers, SQLite synchronous=FULL, BOLT 8 over loopback TCP)")
    for run in range(args.r):
        rate, latencies = asyncio.run(one_run(args.n, args.k, profile))
        p50, p99 = pct(latencies, 0.50) * 1000, pct(latencies, 0.99) * 1000
        rates.append(rate)
        p50s.append(p50)
        p99s.append(p99)
        print(f"  run {run + 1}: {rate:7.1f} payments/s   p50 {p50:6.1f} ms   p99 {p99:6.1f} ms")
    print(f"median: {statistics.median(rates):.1f} payments/s, p50 {statistics.median(p50s):.1f} "
          f"ms, p99 {statistics.median(p99s):.1f} ms")
    if profile:
        pstats.Stats(profile).sort_stats("cumulative").print_stats(35)


if __name__ == "__main__":
    main()
